// pino with personal data and secrets redacted (DESIGN rule 10): cookies, tokens, passwords,
// logins, names, contacts. Request bodies are never logged.
import pino, { type Logger } from 'pino';

export const redactedPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password', '*.currentPassword', '*.newPassword', '*.passwordHash', '*.token',
  '*.login', '*.lastName', '*.firstName', '*.middleName', '*.email', '*.phone', '*.snils', '*.birthDate',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: redactedPaths, censor: '[скрыто]' } }, destination);
}

// argon2id hashing (OWASP's second profile: 19 MiB, 2 passes) and one-time password generation.
import { hash, verify } from '@node-rs/argon2';
import { randomInt } from 'node:crypto';

const options = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, options);

export const verifyPassword = async (phc: string, password: string): Promise<boolean> => {
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
};

// Verified against when the login is unknown, so that the answer takes as long as for a wrong password.
let decoy: Promise<string> | null = null;
export const verifyDecoy = async (password: string): Promise<void> => {
  decoy ??= hashPassword('otmetka-decoy-password');
  await verifyPassword(await decoy, password);
};

// No 0/O, 1/l/I: the password is read off a printed sheet.
const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const generatePassword = (length = 10): string =>
  Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');

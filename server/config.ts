// The one place configuration is read: environment variables checked by zod (DESIGN rule 9).
// Every variable is listed in .env.example. Bad values stop the start with a clear message.
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v));
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: int(0, 65535).default(3000),
  /** Address users open, used in printed links and for the cookie's Secure flag. */
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'должен начинаться с postgres:// или postgresql://').optional(),
  DATABASE_POOL_SIZE: int(1, 200).default(10),
  OTMETKA_DATA_DIR: z.string().min(1).default('./data'),
  /** auto: seed the demo school on an empty embedded database; never on PostgreSQL. */
  OTMETKA_DEMO: z.enum(['auto', 'false']).default('auto'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: bool.default(false),
  SESSION_IDLE_MINUTES: int(1, 7 * 24 * 60).default(120),
  SESSION_ABSOLUTE_HOURS: int(1, 24 * 90).default(12),
  LOGIN_MAX_FAILURES: int(1, 1000).default(5),
  LOGIN_THROTTLE_MINUTES: int(1, 24 * 60).default(15),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string | null;
  database: { url: string; poolSize: number } | { dataDir: string };
  demo: 'auto' | 'false';
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  trustProxy: boolean;
  session: { idleMinutes: number; absoluteHours: number; cookieSecure: boolean };
  loginThrottle: { maxFailures: number; windowMinutes: number };
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Неверная настройка:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the configuration; empty strings count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl: e.PUBLIC_URL ?? null,
    database: e.DATABASE_URL ? { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE } : { dataDir: e.OTMETKA_DATA_DIR },
    demo: e.OTMETKA_DEMO,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    session: {
      idleMinutes: e.SESSION_IDLE_MINUTES,
      absoluteHours: e.SESSION_ABSOLUTE_HOURS,
      cookieSecure: (e.PUBLIC_URL ?? '').startsWith('https:'),
    },
    loginThrottle: { maxFailures: e.LOGIN_MAX_FAILURES, windowMinutes: e.LOGIN_THROTTLE_MINUTES },
  };
}

/** A configuration for tests: in-memory defaults, overridable. */
export const testConfig = (overrides: Partial<Config> = {}): Config => ({
  ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
  ...overrides,
});

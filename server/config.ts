// The one place configuration is read: environment variables checked by zod (DESIGN rule 9).
// Every variable is listed in .env.example. Bad values stop the start with a clear message.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { SsoProviderKey } from '../contracts/identity';
import { fileKinds, type FileKind } from './lib/storage';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v));
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Hosts where a plain-http issuer is accepted: a test provider on this machine, never a real one. */
export const isLocalHost = (hostname: string): boolean => ['localhost', '127.0.0.1', '[::1]'].includes(hostname);

const ssoIssuer = z.url({ message: 'ожидается адрес поставщика входа, например https://esia.gosuslugi.ru' })
  .refine((v) => {
    // zod runs this even after z.url() refused the value.
    if (!URL.canParse(v)) return true;
    const url = new URL(v);
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLocalHost(url.hostname));
  }, 'нужен адрес https:// (http:// допустим только для localhost и 127.0.0.1)');
const ssoClientId = z.string().max(500, 'слишком длинный идентификатор клиента');
const ssoClientSecret = z.string().max(2000, 'слишком длинный секрет клиента');
const ssoScopes = z.string()
  .regex(/^[\x21-\x7e]+( +[\x21-\x7e]+)*$/, 'области доступа (scopes) пишутся латиницей через пробел')
  .refine((v) => v.split(/ +/).includes('openid'), 'среди областей доступа (scopes) должна быть openid');
const ssoClaimName = z.string().regex(/^[\w.:-]{1,100}$/, 'имя утверждения (claim): латинские буквы, цифры, «_», «.», «:», «-»');

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
  /** Lesson materials, homework attachments and students' work; default: files/ in the data folder. */
  OTMETKA_FILES_DIR: z.string().min(1).optional(),
  OTMETKA_FILE_MAX_MB: int(1, 1024).default(20),
  OTMETKA_FILE_TYPES: z.string()
    .transform((v) => [...new Set(v.split(',').map((x) => x.trim().toLowerCase()).filter(Boolean))])
    .pipe(z.array(z.enum(fileKinds, { error: `допустимые типы: ${fileKinds.join(', ')}` })).min(1, 'укажите хотя бы один тип файлов'))
    .optional(),
  OIDC_ESIA_ISSUER: ssoIssuer.optional(),
  OIDC_ESIA_CLIENT_ID: ssoClientId.optional(),
  OIDC_ESIA_CLIENT_SECRET: ssoClientSecret.optional(),
  OIDC_ESIA_SCOPES: ssoScopes.optional(),
  OIDC_ESIA_SNILS_CLAIM: ssoClaimName.optional(),
  OIDC_REGIONAL_SSO_ISSUER: ssoIssuer.optional(),
  OIDC_REGIONAL_SSO_CLIENT_ID: ssoClientId.optional(),
  OIDC_REGIONAL_SSO_CLIENT_SECRET: ssoClientSecret.optional(),
  OIDC_REGIONAL_SSO_SCOPES: ssoScopes.optional(),
  OIDC_REGIONAL_SSO_SNILS_CLAIM: ssoClaimName.optional(),
});
type Env = z.infer<typeof EnvSchema>;

/** OpenID Connect providers an installation may enable (SPEC A4): parents use Госуслуги, students the regional service. */
export const ssoProviderTitles: Record<SsoProviderKey, string> = {
  esia: 'Госуслуги',
  regionalSso: 'Региональный сервис авторизации',
};

/** One enabled OpenID Connect provider. */
export type SsoProviderConfig = {
  key: SsoProviderKey;
  title: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  /** The claim carrying the СНИЛС (ESIA calls it `snils`). */
  snilsClaim: string;
};

const ssoPrefixes: Record<SsoProviderKey, string> = { esia: 'OIDC_ESIA', regionalSso: 'OIDC_REGIONAL_SSO' };

/** A provider is enabled by its issuer, client id and secret together; some of them alone is a mistake. */
function ssoProvider(e: Env, key: SsoProviderKey, problems: string[]): SsoProviderConfig | null {
  const prefix = ssoPrefixes[key];
  // Every OIDC_<provider>_* variable is a checked string (see EnvSchema).
  const read = (name: string) => (e as Record<string, unknown>)[`${prefix}_${name}`] as string | undefined;
  const [issuer, clientId, clientSecret, scopes, snilsClaim] = ['ISSUER', 'CLIENT_ID', 'CLIENT_SECRET', 'SCOPES', 'SNILS_CLAIM'].map(read);
  const required = { ISSUER: issuer, CLIENT_ID: clientId, CLIENT_SECRET: clientSecret };
  const missing = Object.entries(required).filter(([, v]) => v === undefined).map(([k]) => `${prefix}_${k}`);
  const anySet = missing.length < 3 || scopes !== undefined || snilsClaim !== undefined;
  if (!anySet) return null;
  if (missing.length > 0) {
    problems.push(`${prefix}: вход через «${ssoProviderTitles[key]}» включается только вместе с ${prefix}_ISSUER, ${prefix}_CLIENT_ID и ${prefix}_CLIENT_SECRET; не задано: ${missing.join(', ')}`);
    return null;
  }
  return {
    key,
    title: ssoProviderTitles[key],
    issuer: issuer!,
    clientId: clientId!,
    clientSecret: clientSecret!,
    scopes: [...new Set((scopes ?? 'openid snils email phone').split(/ +/))],
    snilsClaim: snilsClaim ?? 'snils',
  };
}

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
  /** Enabled OpenID Connect providers; empty when none is configured. */
  sso: SsoProviderConfig[];
  /** The file store: its folder, the largest file accepted and the kinds allowed. */
  files: { dir: string; maxBytes: number; kinds: FileKind[] };
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
  const problems: string[] = [];
  const sso = (['esia', 'regionalSso'] as const).flatMap((key) => ssoProvider(e, key, problems) ?? []);
  if (problems.length > 0) throw new ConfigError(problems);
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
    sso,
    files: {
      dir: e.OTMETKA_FILES_DIR ?? join(e.OTMETKA_DATA_DIR, 'files'),
      maxBytes: e.OTMETKA_FILE_MAX_MB * 1024 * 1024,
      kinds: e.OTMETKA_FILE_TYPES ?? [...fileKinds],
    },
  };
}

/** A configuration for tests: in-memory defaults, overridable. */
export const testConfig = (overrides: Partial<Config> = {}): Config => ({
  // Files of an in-memory test app go to a temporary folder of the test process.
  ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', OTMETKA_FILES_DIR: join(tmpdir(), `otmetka-test-files-${process.pid}`) }),
  ...overrides,
});

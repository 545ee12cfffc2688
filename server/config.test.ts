import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to the embedded database in ./data on localhost:3000', () => {
    const c = loadConfig({});
    expect(c.database).toEqual({ dataDir: './data' });
    expect(c.port).toBe(3000);
    expect(c.host).toBe('127.0.0.1');
    expect(c.session).toEqual({ idleMinutes: 120, absoluteHours: 12, cookieSecure: false });
  });

  it('uses PostgreSQL when DATABASE_URL is set, treats empty values as unset, and makes cookies Secure behind https', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/otmetka', PORT: '', PUBLIC_URL: 'https://journal.example.ru' });
    expect(c.database).toEqual({ url: 'postgres://u@db:5432/otmetka', poolSize: 10 });
    expect(c.port).toBe(3000);
    expect(c.session.cookieSecure).toBe(true);
  });

  it('refuses bad values with one line per variable', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: '70000', DATABASE_URL: 'mysql://x', OTMETKA_DEMO: 'maybe', TRUST_PROXY: 'perhaps' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'DATABASE_URL', 'OTMETKA_DEMO', 'TRUST_PROXY']) expect(problems).toContain(name);
    expect((error as ConfigError).message).toMatch(/^Неверная настройка/);
  });
});

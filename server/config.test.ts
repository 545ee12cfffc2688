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

describe('login providers (OIDC_ESIA_*, OIDC_REGIONAL_SSO_*)', () => {
  const problemsOf = (env: Record<string, string>): string => {
    try {
      loadConfig(env);
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return (err as ConfigError).problems.join('\n');
    }
    throw new Error('expected a ConfigError');
  };

  it('are disabled unless configured', () => {
    expect(loadConfig({}).sso).toEqual([]);
  });

  it('are enabled by issuer, client id and secret, with default scopes and the snils claim', () => {
    const c = loadConfig({
      OIDC_ESIA_ISSUER: 'https://esia.gosuslugi.ru', OIDC_ESIA_CLIENT_ID: 'school-journal', OIDC_ESIA_CLIENT_SECRET: 's3cret',
      OIDC_REGIONAL_SSO_ISSUER: 'http://localhost:4000', OIDC_REGIONAL_SSO_CLIENT_ID: 'otmetka', OIDC_REGIONAL_SSO_CLIENT_SECRET: 'x',
      OIDC_REGIONAL_SSO_SCOPES: 'openid  profile email', OIDC_REGIONAL_SSO_SNILS_CLAIM: 'urn:region:snils',
    });
    expect(c.sso).toEqual([
      { key: 'esia', title: 'Госуслуги', issuer: 'https://esia.gosuslugi.ru', clientId: 'school-journal', clientSecret: 's3cret', scopes: ['openid', 'snils', 'email', 'phone'], snilsClaim: 'snils' },
      { key: 'regionalSso', title: 'Региональный сервис авторизации', issuer: 'http://localhost:4000', clientId: 'otmetka', clientSecret: 'x', scopes: ['openid', 'profile', 'email'], snilsClaim: 'urn:region:snils' },
    ]);
  });

  it('refuse a half-configured provider in Russian, naming what is missing and never the secret', () => {
    const problems = problemsOf({ OIDC_ESIA_ISSUER: 'https://esia.gosuslugi.ru', OIDC_ESIA_CLIENT_SECRET: 'top-secret-value' });
    expect(problems).toMatch(/Госуслуги/);
    expect(problems).toContain('OIDC_ESIA_CLIENT_ID');
    expect(problems).not.toContain('top-secret-value');
    expect(problemsOf({ OIDC_REGIONAL_SSO_SCOPES: 'openid' })).toMatch(/OIDC_REGIONAL_SSO_ISSUER, OIDC_REGIONAL_SSO_CLIENT_ID, OIDC_REGIONAL_SSO_CLIENT_SECRET/);
  });

  it('accept plain http only for an issuer on this machine, and need the openid scope', () => {
    const base = { OIDC_ESIA_CLIENT_ID: 'a', OIDC_ESIA_CLIENT_SECRET: 'b' };
    expect(problemsOf({ ...base, OIDC_ESIA_ISSUER: 'http://esia.example.ru' })).toMatch(/OIDC_ESIA_ISSUER: нужен адрес https/);
    expect(problemsOf({ ...base, OIDC_ESIA_ISSUER: 'not a url' })).toMatch(/OIDC_ESIA_ISSUER/);
    expect(loadConfig({ ...base, OIDC_ESIA_ISSUER: 'http://127.0.0.1:9000' }).sso[0]!.issuer).toBe('http://127.0.0.1:9000');
    expect(problemsOf({ ...base, OIDC_ESIA_ISSUER: 'https://esia.gosuslugi.ru', OIDC_ESIA_SCOPES: 'email phone' })).toMatch(/OIDC_ESIA_SCOPES: .*openid/);
  });
});

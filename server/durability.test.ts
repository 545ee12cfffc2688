// The embedded database keeps every acknowledged write through a kill -9, and a second
// process on the same data folder is refused at once instead of silently losing writes.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { childEnv, newDataDir, runCli, startServer } from './test/process';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

const loginTo = async (url: string, login: string, password: string) => {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) });
  return { status: res.status, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, body: await res.json() as { csrfToken?: string } };
};

describe.skipIf(Boolean(process.env.DATABASE_URL))('embedded database (PGlite) durability', () => {
  it('finds every acknowledged write after SIGKILL and a restart', async () => {
    const dir = newDataDir();
    dirs.push(dir);
    const env = childEnv(dir, { OTMETKA_DEMO: 'false' });
    const school = await runCli(['create-school', '--name', 'МАОУ «СОШ № 7»', '--short-name', 'СОШ № 7'], env);
    expect(school.code, school.stderr).toBe(0);
    const admin = await runCli(['create-admin', '--school', school.stdout.trim(), '--login', 'zavuch', '--last-name', 'Смирнова', '--first-name', 'Ольга'], env);
    expect(admin.code, admin.stderr).toBe(0);
    const oneTime = /Одноразовый пароль: (\S+)/.exec(admin.stdout)![1]!;

    const first = await startServer(dir, { OTMETKA_DEMO: 'false' });
    const initial = await loginTo(first.url, 'zavuch', oneTime);
    expect(initial.status).toBe(200);
    const changed = await fetch(`${first.url}/api/v1/me/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: initial.cookie, 'x-csrf-token': initial.body.csrfToken! },
      body: JSON.stringify({ currentPassword: oneTime, newPassword: 'durable secret' }),
    });
    expect(changed.status).toBe(200);
    const cookies: string[] = [];
    for (let i = 0; i < 25; i++) {
      const s = await loginTo(first.url, 'zavuch', 'durable secret');
      expect(s.status).toBe(200); // acknowledged
      cookies.push(s.cookie);
    }
    await first.stop('SIGKILL');

    const second = await startServer(dir, { OTMETKA_DEMO: 'false' });
    try {
      for (const cookie of cookies) {
        const me = await fetch(`${second.url}/api/v1/me`, { headers: { cookie } });
        expect(me.status).toBe(200);
      }
      expect((await loginTo(second.url, 'zavuch', 'durable secret')).status).toBe(200);
      expect((await loginTo(second.url, 'zavuch', oneTime)).status).toBe(401);
    } finally {
      await second.stop();
    }
    // Two server starts, two CLI calls and 27 password hashes: on a loaded 2-core machine this
    // needs more than the default 30 s (so does the next one: a server and four CLI calls).
  }, 90_000);

  it('refuses a second process on the same data folder with a clear message', async () => {
    const dir = newDataDir();
    dirs.push(dir);
    const running = await startServer(dir, { OTMETKA_DEMO: 'false' });
    try {
      const second = await runCli(['serve', '--port', '0'], childEnv(dir, { OTMETKA_DEMO: 'false' }));
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/уже используется другим процессом Otmetka/);
      const migrate = await runCli(['migrate'], childEnv(dir));
      expect(migrate.code).toBe(1);
      expect((await fetch(`${running.url}/readyz`)).status).toBe(200);
    } finally {
      await running.stop();
    }
    // After a clean stop the folder is free again.
    const again = await runCli(['migrate'], childEnv(dir));
    expect(again.code, again.stderr).toBe(0);
  }, 90_000);
});

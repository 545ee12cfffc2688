// Journeys of login through Госуслуги (SPEC A4), with a local OpenID Connect provider in its
// place: the demo parent signs in and sees only their child's school; a stranger is told whom to
// ask; declining at the provider brings a Russian message on the login page.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, newPage } from './browser';

const baseUrl = inject('baseUrl');
const idpLogins = inject('idpLogins');
let browser: Browser;

beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

/** The demo parent as the password login sees them, to compare the provider login with. */
async function demoParent() {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'parent', password: 'demo' }) });
  expect(res.status).toBe(200);
  return await res.json() as { account: { id: string; firstName: string; middleName: string | null }; schools: { id: string; roles: string[] }[] };
}

/** From the login page to the provider's form: the button is a link that leaves our site. */
async function openProvider(page: Page): Promise<void> {
  await page.goto('/login');
  const button = page.getByRole('link', { name: 'Войти через Госуслуги' });
  await expect.poll(() => button.count()).toBe(1);
  await button.click();
  await page.waitForURL((url) => url.hostname === 'localhost' && url.pathname.startsWith('/interaction/'));
}

async function signInAtProvider(page: Page, login: string): Promise<void> {
  await page.getByLabel('Учётная запись').fill(login);
  await page.getByRole('button', { name: 'Войти' }).click();
}

describe('login through Госуслуги', () => {
  it('brings the demo parent into the journal, seeing only their child\'s school', async () => {
    const expected = await demoParent();
    expect(expected.schools).toHaveLength(1);
    const { context, page } = await newPage(browser, baseUrl);
    try {
      await openProvider(page);
      await signInAtProvider(page, idpLogins.parent);
      await page.waitForURL((url) => url.origin === baseUrl && url.pathname === '/');
      const greeting = `Здравствуйте, ${expected.account.firstName}${expected.account.middleName ? ` ${expected.account.middleName}` : ''}!`;
      await expect.poll(() => page.getByText(greeting).count()).toBeGreaterThan(0);
      const nav = page.getByRole('navigation', { name: 'Основное меню' });
      await expect.poll(() => nav.getByRole('link', { name: 'Дневник' }).count()).toBe(1);
      expect(await nav.getByRole('link', { name: 'Журнал' }).count()).toBe(0);

      // The session the browser holds is the demo parent's, in their child's school only.
      const me = await (await context.request.get(`${baseUrl}/api/v1/me`)).json() as { account: { id: string }; schools: { id: string; roles: string[] }[] };
      expect(me.account.id).toBe(expected.account.id);
      expect(me.schools).toEqual([expect.objectContaining({ id: expected.schools[0]!.id, roles: ['guardian'] })]);
      expect(await page.getByRole('combobox', { name: 'Школа' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('tells a person the schools do not know whom to contact, and opens no session', async () => {
    const { context, page } = await newPage(browser, baseUrl, { width: 375, height: 812 });
    try {
      await openProvider(page);
      await signInAtProvider(page, idpLogins.stranger);
      await page.waitForURL((url) => url.origin === baseUrl && url.pathname === '/login/sso-no-match');
      expect(new URL(page.url()).search).toBe('?reason=no-match');
      await expect.poll(() => page.getByRole('heading', { name: 'Вход не выполнен' }).count()).toBe(1);
      expect(await page.getByText(/классному руководителю или к администратору журнала/).count()).toBe(1);
      expect(await page.getByText(/СНИЛС/).count()).toBeGreaterThan(0);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect((await context.request.get(`${baseUrl}/api/v1/me`)).status()).toBe(401);
      await page.getByRole('link', { name: 'Вернуться ко входу' }).click();
      await page.waitForURL((url) => url.pathname === '/login');
    } finally {
      await context.close();
    }
  });

  it('explains in Russian on the login page when the person declines at the provider', async () => {
    const { context, page } = await newPage(browser, baseUrl);
    try {
      await openProvider(page);
      await page.getByRole('button', { name: 'Отказаться' }).click();
      await page.waitForURL((url) => url.origin === baseUrl && url.pathname === '/login');
      const alert = page.getByRole('alert').filter({ hasText: 'Вход отменён' });
      await expect.poll(() => alert.count()).toBe(1);
    } finally {
      await context.close();
    }
  });
});

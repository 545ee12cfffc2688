// Journeys of the foundation: a demo teacher logs in, sees a Russian home page with their name
// and the navigation of their roles, switches school, logs out; a wrong password is explained
// in Russian; a phone-sized screen works; the password can be changed.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, logIn, newPage } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

/** The demo account as the API sees it, to compare the page with. */
async function meOf(login: string) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: 'demo' }) });
  expect(res.status).toBe(200);
  return await res.json() as { account: { firstName: string; middleName: string | null; lastName: string }; schools: { id: string; shortName: string }[] };
}

describe('a demo teacher', () => {
  it('logs in, sees their name and role navigation in Russian, switches school and logs out', async () => {
    const me = await meOf('teacher');
    expect(me.schools.length).toBe(2);
    const { context, page } = await newPage(browser, baseUrl);
    try {
      await page.goto('/');
      await page.waitForURL(/\/login/);
      expect(await page.locator('html').getAttribute('lang')).toBe('ru');
      await expect.poll(() => page.getByText(/Демонстрационная школа/).count()).toBeGreaterThan(0);

      await logIn(page, 'teacher');
      await page.waitForURL((url) => url.pathname === '/');
      expect(await page.title()).toMatch(/Отметка/);
      const greeting = `Здравствуйте, ${me.account.firstName}${me.account.middleName ? ` ${me.account.middleName}` : ''}!`;
      await expect.poll(() => page.getByText(greeting).count()).toBeGreaterThan(0);
      expect(await page.getByText(`${me.account.lastName} ${me.account.firstName}`).count()).toBeGreaterThan(0);
      const nav = page.getByRole('navigation', { name: 'Основное меню' });
      await expect.poll(() => nav.getByRole('link', { name: 'Журнал' }).count()).toBe(1);
      expect(await nav.getByRole('link', { name: 'Расписание' }).count()).toBe(1);
      expect(await nav.getByRole('link', { name: 'Учебный год' }).count()).toBe(0);
      expect(await nav.getByRole('link', { name: 'Дневник' }).count()).toBe(0);
      expect(await page.getByText('Учитель', { exact: true }).count()).toBeGreaterThan(0);
      expect(await page.getByText(/Демонстрационный режим/).count()).toBeGreaterThan(0);

      // The switcher moves the session to the other school.
      const switcher = page.getByRole('combobox', { name: 'Школа' });
      await switcher.click();
      const other = me.schools[1]!.shortName === (await switcher.inputValue()) ? me.schools[0]! : me.schools[1]!;
      await page.getByRole('option', { name: other.shortName }).click();
      await expect.poll(() => switcher.inputValue()).toBe(other.shortName);
      await page.reload();
      await expect.poll(() => page.getByRole('combobox', { name: 'Школа' }).inputValue()).toBe(other.shortName);

      await page.getByRole('button', { name: 'Меню пользователя' }).click();
      await page.getByRole('menuitem', { name: 'Выйти' }).click();
      await page.waitForURL(/\/login/);
      await page.goto('/profile');
      await page.waitForURL(/\/login/);
    } finally {
      await context.close();
    }
  });

  it('is told in Russian when the password is wrong', async () => {
    const { context, page } = await newPage(browser, baseUrl);
    try {
      await logIn(page, 'teacher', 'not-the-password');
      const alert = page.getByRole('alert').filter({ hasText: 'Неверный логин или пароль' });
      await expect.poll(() => alert.count()).toBe(1);
      expect(new URL(page.url()).pathname).toBe('/login');
    } finally {
      await context.close();
    }
  });
});

describe('on a phone-sized screen', () => {
  it('a parent opens the menu and finds the diary', async () => {
    const { context, page } = await newPage(browser, baseUrl, { width: 375, height: 812 });
    try {
      await logIn(page, 'parent');
      await page.waitForURL((url) => url.pathname === '/');
      const burger = page.getByRole('button', { name: 'Открыть меню' });
      await expect.poll(() => burger.isVisible()).toBe(true);
      await burger.click();
      const diary = page.getByRole('navigation', { name: 'Основное меню' }).getByRole('link', { name: 'Дневник' });
      await expect.poll(() => diary.isVisible()).toBe(true);
      // Nothing wider than the screen.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }
  });
});

describe('pages', () => {
  it('an unknown address shows the Russian 404 page', async () => {
    const { context, page } = await newPage(browser, baseUrl);
    try {
      await logIn(page, 'student');
      await page.waitForURL((url) => url.pathname === '/');
      await page.goto('/no-such-page');
      await expect.poll(() => page.getByText('Страница не найдена').count()).toBeGreaterThan(0);
      await page.getByRole('link', { name: 'На главную' }).click();
      await page.waitForURL((url) => url.pathname === '/');
    } finally {
      await context.close();
    }
  });

  it('a class teacher changes the password on the profile page and logs in with it (other journeys keep the demo password of the rest)', async () => {
    const { context, page } = await newPage(browser, baseUrl);
    try {
      await logIn(page, 'classteacher');
      await page.waitForURL((url) => url.pathname === '/');
      await page.goto('/profile');
      await page.getByLabel('Текущий пароль').fill('demo');
      await page.getByLabel('Новый пароль', { exact: true }).fill('новый пароль 1');
      await page.getByLabel('Повторите новый пароль').fill('новый пароль 1');
      await page.getByRole('button', { name: 'Сменить пароль' }).click();
      await expect.poll(() => page.getByText('Пароль изменён').count()).toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Меню пользователя' }).click();
      await page.getByRole('menuitem', { name: 'Выйти' }).click();
      await page.waitForURL(/\/login/);
      await logIn(page, 'classteacher', 'новый пароль 1');
      await page.waitForURL((url) => url.pathname === '/');
    } finally {
      await context.close();
    }
  });

  it('the director ends a session left open on another computer from the profile page', async () => {
    const office = await newPage(browser, baseUrl);
    const library = await newPage(browser, baseUrl);
    try {
      await logIn(library.page, 'director');
      await library.page.waitForURL((url) => url.pathname === '/');
      await logIn(office.page, 'director');
      await office.page.waitForURL((url) => url.pathname === '/');
      await office.page.goto('/profile');
      const table = office.page.getByRole('table', { name: 'Активные сеансы' });
      const end = table.getByRole('button', { name: 'Завершить' });
      await expect.poll(() => end.count()).toBeGreaterThanOrEqual(1);
      expect(await table.getByText('этот сеанс').count()).toBe(1);
      // Other journeys on this server may have left the director's sessions open too: every other
      // one is ended, one by one; the current one has no button.
      for (let left = await end.count(); left > 0; left--) {
        await end.first().click();
        await expect.poll(() => end.count()).toBe(left - 1);
      }
      expect(await table.getByText('этот сеанс').count()).toBe(1);
      await library.page.goto('/profile');
      await library.page.waitForURL(/\/login/);
    } finally {
      await office.context.close();
      await library.context.close();
    }
  });
});


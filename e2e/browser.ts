// Debian's Chromium driven by playwright-core; never a downloaded browser.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const launchBrowser = (): Promise<Browser> => chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

export async function newPage(browser: Browser, baseURL: string, viewport = { width: 1280, height: 800 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, viewport, locale: 'ru-RU' });
  const page = await context.newPage();
  return { context, page };
}

export async function logIn(page: Page, login: string, password = 'demo'): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Пароль', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
}

/** Calls the API from the page, inside its session, with the CSRF token the server gave it. */
export const call = <T>(page: Page, method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> =>
  page.evaluate(async ({ method, url, body, headers }) => {
    const me = await (await fetch('/api/v1/me', { credentials: 'same-origin' })).json() as { csrfToken: string };
    const res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken, ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }, { method, url, body, headers }) as Promise<T>;

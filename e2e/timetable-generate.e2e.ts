// Forming the timetable (issue 5): the demo journal administrator opens «Формирование расписания»,
// starts a run for one grade (the other grades stay as the published timetable has them), watches
// the progress and sees the run finish with a draft to open; the history lists it. The page also
// fits a 375 px phone. The draft is deleted at the end so that other journeys see the demo as it was.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, launchBrowser, logIn, newPage } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });


describe('forming the timetable', () => {
  it('the journal administrator forms the timetable of one grade and sees the run finish with a draft', async () => {
    const { context, page } = await newPage(browser, baseUrl);
    let draftUrl: string | null = null;
    try {
      await logIn(page, 'admin');
      await page.waitForURL((url) => url.pathname === '/');
      await page.goto('/timetable/generate');
      await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Формирование расписания' }).isVisible()).toBe(true);

      // One grade: the demo has a published timetable, so the others stay as it has them.
      await page.getByRole('radio', { name: 'Выбранные параллели' }).check();
      await page.getByRole('checkbox', { name: '5 параллель' }).check();
      const seconds = page.getByLabel('Время расчёта, секунд');
      await seconds.fill('60');
      await page.getByRole('button', { name: 'Сформировать' }).click();

      const progress = page.getByRole('region', { name: 'Ход расчёта' });
      await expect.poll(() => progress.getByText('Параллель 5').first().isVisible(), { timeout: 10_000 }).toBe(true);
      // It finishes: the draft is there to open.
      const done = page.getByText('Расписание составлено');
      await expect.poll(() => done.isVisible(), { timeout: 90_000, message: 'the run finishes' }).toBe(true);
      await expect.poll(() => progress.getByText('Готово', { exact: true }).isVisible()).toBe(true);
      await expect.poll(async () => (await progress.getByText(/^\d+ из \d+$/).first().textContent()) ?? '').toMatch(/^(\d+) из \1$/);
      const open = page.getByRole('link', { name: 'Открыть черновик' });
      draftUrl = await open.getAttribute('href');
      expect(draftUrl).toMatch(/^\/timetable\?version=[0-9a-f-]{36}$/);

      // The history lists the run with its result.
      const history = page.getByRole('table', { name: 'История расчётов' });
      const row = history.getByRole('row').filter({ hasText: 'Параллель 5' }).first();
      await expect.poll(() => row.getByText('Готово').isVisible()).toBe(true);
      await expect.poll(() => row.getByRole('link', { name: /^Черновик от / }).isVisible()).toBe(true);

      // The link opens the draft on the timetable page.
      await open.click();
      await page.waitForURL((url) => url.pathname === '/timetable' && url.searchParams.has('version'));
    } finally {
      const id = draftUrl?.split('version=')[1];
      if (id) {
        const me = await call<{ activeSchoolId: string | null; schools: { id: string }[] }>(page, 'GET', '/api/v1/me').catch(() => null);
        const schoolId = me?.activeSchoolId ?? me?.schools[0]?.id;
        if (schoolId) {
          const v = await call<{ version: number }>(page, 'GET', `/api/v1/schools/${schoolId}/timetables/${id}`).catch(() => null);
          if (v) await call(page, 'DELETE', `/api/v1/schools/${schoolId}/timetables/${id}`, undefined, { 'if-match': `"${v.version}"` }).catch(() => undefined);
        }
      }
      await context.close();
    }
  });

  it('fits a 375 px phone', async () => {
    const { context, page } = await newPage(browser, baseUrl, { width: 375, height: 740 });
    try {
      await logIn(page, 'admin');
      await page.waitForURL((url) => url.pathname === '/');
      await page.goto('/timetable/generate');
      await expect.poll(() => page.getByRole('button', { name: 'Сформировать' }).isVisible()).toBe(true);
      await expect.poll(() => page.getByRole('table', { name: 'История расчётов' }).isVisible()).toBe(true);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      // The form is reachable by keyboard: the start button takes the focus.
      await page.getByRole('button', { name: 'Сформировать' }).focus();
      expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Сформировать');
    } finally {
      await context.close();
    }
  });
});

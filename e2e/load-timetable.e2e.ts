// What the load page gives the timetable (issue 5): the journal administrator of the demo school
// splits a row's hours into a double lesson and single ones (a wrong split refused at its field),
// and marks when a teacher cannot teach in «Недоступность» — a weekday × lesson grid worked with
// the keyboard, a whole day at once — which the timetable problem then keeps free; on a phone the
// grid scrolls in its own box. A subject teacher sees it without being able to change it.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, launchBrowser, logIn, newPage } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });


const schoolOf = async (page: Page): Promise<string> => (await call<{ activeSchoolId: string }>(page, 'GET', '/api/v1/me')).activeSchoolId;

type Load = { id: string; hoursPerWeek: number; lessonSplit: string | null; employee: { id: string; lastName: string; firstName: string; middleName: string | null }; subject: { name: string }; class: { name: string } | null };
type Slot = { shift: number; weekday: number; lessonNumber: number };

const dialog = (page: Page): Locator => page.getByRole('dialog');
/** Waits for the page: a modal's closing and a refetch take longer than expect.poll's default second. */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 10_000 });

describe('the load page for the timetable', () => {
  it('the journal administrator splits a row’s hours into lessons and marks a teacher’s unavailable lessons with the keyboard', async () => {
    const { context, page } = await newPage(browser, baseUrl);
    try {
      await logIn(page, 'admin');
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      const school = `/api/v1/schools/${await schoolOf(page)}`;
      // A class's row of 4 or more whole hours, and its teacher.
      const rows = (await call<{ items: Load[] }>(page, 'GET', `${school}/teaching-loads`)).items;
      const row = rows.find((l) => l.class && Number.isInteger(l.hoursPerWeek) && l.hoursPerWeek >= 4 && l.lessonSplit === null)!;
      const name = [row.employee.lastName, row.employee.firstName, row.employee.middleName].filter(Boolean).join(' ');
      await call(page, 'PUT', `${school}/employees/${row.employee.id}/unavailability`, { slots: [] });

      await page.goto('/year/load');
      const card = page.getByRole('article', { name: `Нагрузка: ${name}` });
      await card.getByRole('button', { name: `Изменить часы: ${row.subject.name}, ${row.class!.name}` }).click();
      const split = dialog(page).getByLabel('Деление на уроки');
      // Parts that do not add up to the hours: refused at the field, nothing saved.
      await split.fill('2+2+2+2+2');
      await dialog(page).getByRole('button', { name: 'Сохранить' }).click();
      await poll(() => dialog(page).getByText(`Деление на уроки: 2+2+2+2+2 — это 10 ч, а в неделю ${row.hoursPerWeek} ч`).count()).toBe(1);
      const parts = ['2', ...Array.from({ length: row.hoursPerWeek - 2 }, () => '1')].join('+');
      await split.fill(parts.replaceAll('+', ' + '));
      await dialog(page).getByRole('button', { name: 'Сохранить' }).click();
      await poll(() => dialog(page).count()).toBe(0);
      await poll(() => card.getByRole('cell', { name: parts, exact: true }).count()).toBe(1);

      // «Недоступность»: Monday's first lesson by keyboard (Tab to it, Space), then all Friday.
      await card.getByRole('button', { name: `Недоступность: ${name}` }).click();
      const monday1 = dialog(page).getByRole('checkbox', { name: /^Понедельник, 1 урок/ }).first();
      const allMonday = dialog(page).getByRole('checkbox', { name: /^Недоступен весь понедельник/ }).first();
      await allMonday.focus();
      let steps = 0;
      while (!(await monday1.evaluate((el) => el === document.activeElement)) && steps++ < 20) await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
      expect(await monday1.isChecked()).toBe(true);
      await dialog(page).getByRole('checkbox', { name: /^Недоступен всю пятницу/ }).first().check();
      const grid = (await call<{ grid: { shifts: { shift: number; lessons: number }[] } }>(page, 'GET', `${school}/employees/${row.employee.id}/unavailability`)).grid;
      const fridayLessons = grid.shifts[0]!.lessons;
      await poll(() => dialog(page).getByText(`Отмечено уроков: ${1 + fridayLessons}`).count()).toBe(1);
      await dialog(page).getByRole('button', { name: 'Сохранить' }).click();
      await poll(() => dialog(page).count()).toBe(0);
      const saved = (await call<{ slots: Slot[] }>(page, 'GET', `${school}/employees/${row.employee.id}/unavailability`)).slots;
      expect(saved).toEqual([
        { shift: grid.shifts[0]!.shift, weekday: 1, lessonNumber: 1 },
        ...Array.from({ length: fridayLessons }, (_, i) => ({ shift: grid.shifts[0]!.shift, weekday: 5, lessonNumber: i + 1 })),
      ]);
      // The timetable problem keeps these lessons free for the teacher.
      const problem = await call<{ constraints: Record<string, number>; notes: string[] }>(page, 'GET', `${school}/timetable/problem`);
      expect(problem.constraints.teacherNotAvailable).toBeGreaterThanOrEqual(1);
      expect(problem.notes.some((n) => n.startsWith('Недоступность учителей:'))).toBe(true);

      // Opened again, the dialog shows what was saved; Cancel keeps it.
      await card.getByRole('button', { name: `Недоступность: ${name}` }).click();
      await poll(() => dialog(page).getByRole('checkbox', { name: /^Понедельник, 1 урок/ }).first().isChecked()).toBe(true);
      await dialog(page).getByRole('checkbox', { name: /^Понедельник, 1 урок/ }).first().uncheck();
      await dialog(page).getByRole('button', { name: 'Отмена' }).click();
      expect((await call<{ slots: Slot[] }>(page, 'GET', `${school}/employees/${row.employee.id}/unavailability`)).slots).toHaveLength(saved.length);

      // On a phone the grid scrolls in its own box; the page itself does not scroll sideways.
      await page.setViewportSize({ width: 375, height: 740 });
      await card.getByRole('button', { name: `Недоступность: ${name}` }).click();
      await poll(() => dialog(page).getByRole('checkbox', { name: /^Пятница, 1 урок/ }).first().isChecked()).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await dialog(page).getByRole('button', { name: 'Снять все отметки' }).click();
      await dialog(page).getByRole('button', { name: 'Сохранить' }).click();
      await poll(() => dialog(page).count()).toBe(0);
      expect((await call<{ slots: Slot[] }>(page, 'GET', `${school}/employees/${row.employee.id}/unavailability`)).slots).toEqual([]);
      await call(page, 'PATCH', `${school}/teaching-loads/${row.id}`, { hoursPerWeek: row.hoursPerWeek, lessonSplit: null });
    } finally {
      await context.close();
    }
  });

  it('a subject teacher sees a colleague’s unavailability but cannot change it', async () => {
    const { context, page } = await newPage(browser, baseUrl);
    try {
      await logIn(page, 'teacher');
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      await page.goto('/year/load');
      const button = page.getByRole('button', { name: /^Недоступность: / }).first();
      await button.click();
      await poll(() => dialog(page).getByRole('checkbox', { name: /^Понедельник, 1 урок/ }).first().isDisabled()).toBe(true);
      expect(await dialog(page).getByRole('button', { name: 'Сохранить' }).count()).toBe(0);
      await dialog(page).getByRole('button', { name: 'Закрыть' }).click();
    } finally {
      await context.close();
    }
  });
});

// Control works (issue 6 item 7, G4): the demo teacher schedules a control work on «Контрольные
// работы» for the class and subject of their latest lesson — three tasks with max points and КЭС
// codes, the scale suggested from the total — then on the work's page enters points by keyboard
// for three students (Tab across, Enter down, arrows back), types a value over a task's max and is
// refused in Russian naming the student and the task, corrects it and saves: the marks follow the
// scale, land in the journal, and the element-wise analysis shows per task and per КЭС element.
// The list then fits a phone.
//
// The server runs on the real clock: the work is written at the teacher's most recent lesson up
// to today (within the entry window). When the shared demo has no lessons, it runs its own server.
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays } from '../domain/calendar';
import { call, launchBrowser, logIn, newPage } from './browser';
import { serverWithLessons, type LessonsServer } from './lessons-timetable';

type Named = { id: string; name: string };
type Lesson = {
  timetableLessonId: string; lessonDate: string; date: string; lessonNumber: number; status: string; kind: string;
  subject: Named; teacher: Named; scheduledTeacher: Named | null; class: Named | null; studyGroup: Named | null;
};
type Results = {
  work: { id: string; version: number; written: number; journalLesson: { id: string; date: string } | null };
  rows: { studentId: string; name: string; points: (number | null)[]; total: number | null; mark: number | null; markId: string | null }[];
};

const today = new Date().toISOString().slice(0, 10);
let browser: Browser;
let baseUrl = inject('baseUrl');
let server: LessonsServer | null = null;

async function teacherHasLessons(url: string): Promise<boolean> {
  try {
    const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'teacher', password: 'demo' }) });
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const me = await (await fetch(`${url}/api/v1/me`, { headers: { cookie } })).json() as { activeSchoolId: string };
    const res = await fetch(`${url}/api/v1/schools/${me.activeSchoolId}/lessons?from=${addDays(today, -6)}&to=${today}`, { headers: { cookie } });
    return res.ok && ((await res.json()) as { total: number }).total > 0;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  browser = await launchBrowser();
  server = await serverWithLessons(baseUrl, teacherHasLessons, today);
  baseUrl = server.url;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Picks an option of a native select by its text (or the first one matching a pattern). */
async function choose(field: Locator, option: string | RegExp): Promise<void> {
  const find = async () => (await field.locator('option').allTextContents()).find((l) => (typeof option === 'string' ? l.trim() === option : option.test(l)));
  await expect.poll(find, { timeout: 10_000, message: `option ${String(option)}` }).toBeDefined();
  await field.selectOption({ label: (await find())! });
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const unit = (l: Lesson) => l.class?.name ?? l.studyGroup?.name ?? '';

describe('control works', () => {
  it('a teacher schedules a work with КЭС codes, enters points by keyboard, is refused a bad value, saves and reads the analysis', async () => {
    const { context, page } = await newPage(browser, baseUrl);
    try {
      await logIn(page, 'teacher');
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      const { activeSchoolId } = await call<{ activeSchoolId: string }>(page, 'GET', '/api/v1/me');
      const school = `/api/v1/schools/${activeSchoolId}`;

      // The teacher's most recent regular lesson within the entry window: the work is written there.
      const mine = await call<{ items: Lesson[] }>(page, 'GET', `${school}/lessons?from=${addDays(today, -6)}&to=${today}`);
      const held = mine.items.filter((l) => l.status === 'scheduled' && l.kind === 'regular' && l.scheduledTeacher === null && l.date <= today);
      expect(held.length, 'the teacher has a lesson in the last week').toBeGreaterThan(0);
      const lesson = held.sort((a, b) => a.date.localeCompare(b.date) || a.lessonNumber - b.lessonNumber).at(-1)!;
      const title = `Контрольная работа ${Date.now().toString(36)}`;

      // «Назначить работу»: the class and subject, three tasks with max points and КЭС codes, the suggested scale.
      await page.goto('/journal/control-works');
      await page.getByRole('button', { name: 'Назначить работу' }).click();
      const dialog = page.getByRole('dialog', { name: 'Назначить контрольную работу' });
      await choose(dialog.getByLabel('Класс (группа) и предмет'), new RegExp(`^${escape(unit(lesson))} — ${escape(lesson.subject.name)} \\(`));
      await dialog.getByLabel('Название').fill(title);
      await dialog.getByLabel('Дата').fill(lesson.date);
      await choose(dialog.getByLabel('Форма контроля'), /^Контрольная работа/);
      const tasks = [{ max: '1', codes: '1.1' }, { max: '2', codes: '1.1, 2.3' }, { max: '4', codes: '2.3' }];
      for (const [i, t] of tasks.entries()) {
        await dialog.getByLabel(`Задание ${i + 1}: максимальный балл`).fill(t.max);
        await dialog.getByLabel(`Задание ${i + 1}: коды КЭС`).fill(t.codes);
      }
      await dialog.getByRole('button', { name: 'Предложить по сумме' }).click();
      await expect.poll(() => dialog.getByLabel('«5» — от, баллов').inputValue()).toBe('6');
      await dialog.getByRole('button', { name: 'Назначить' }).click();
      await page.waitForURL(/\/journal\/control-works\/[0-9a-f-]{36}$/, { timeout: 15_000 });
      const workId = page.url().split('/').at(-1)!;
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 }).toBe(title);

      // The grid: the lesson of the date is chosen; points typed by keyboard for three students.
      await expect.poll(() => page.getByLabel('Урок, на котором писали работу').inputValue(), { timeout: 10_000 }).toMatch(new RegExp(`\\|${lesson.lessonDate}$`));
      const before = await call<Results>(page, 'GET', `${school}/control-works/${workId}/results`);
      expect(before.rows.length).toBeGreaterThanOrEqual(3);
      const [a, b, c] = before.rows;
      const cell = (name: string, task: string) => page.getByLabel(`${name}, задание ${task}`, { exact: true });
      await cell(a!.name, '1').click();
      await page.keyboard.type('1');
      await page.keyboard.press('Tab');
      await page.keyboard.type('2');
      await page.keyboard.press('Tab');
      await page.keyboard.type('3,5');
      await page.keyboard.press('Enter'); // down to the second student's task 3
      await page.keyboard.type('1');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.type('0');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.type('5'); // over task 2's max of 2
      await page.keyboard.press('Enter'); // down to the third student's task 2
      await page.keyboard.type('1');
      await page.keyboard.press('ArrowUp');
      await expect.poll(() => cell(b!.name, '2').evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await cell(a!.name, '3').inputValue()).toBe('3,5');
      expect(await cell(b!.name, '1').inputValue()).toBe('0');
      expect(await cell(c!.name, '2').inputValue()).toBe('1');

      // A bad value is refused by the server, naming the student and the task; nothing is saved.
      await page.getByRole('button', { name: 'Сохранить результаты' }).click();
      const refusal = page.getByRole('alert').filter({ hasText: 'Не сохранено' });
      await expect.poll(() => refusal.textContent(), { timeout: 10_000 }).toContain(`${b!.name}, задание 2: 5 — больше максимума (2 балла)`);
      expect((await call<Results>(page, 'GET', `${school}/control-works/${workId}/results`)).work.written).toBe(0);

      // Corrected and saved: the marks follow the scale (6 → «5», 2 → «2», 1 → «2»).
      await cell(b!.name, '2').click();
      await page.keyboard.type('1');
      await page.getByRole('button', { name: 'Сохранить результаты' }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Сохранено' }).textContent(), { timeout: 10_000 })
        .toBe('Сохранено. Отметок за работу в журнале: 3');
      await expect.poll(() => page.getByLabel(`${a!.name}: отметка`).textContent()).toBe('5');
      expect(await page.getByLabel(`${b!.name}: отметка`).textContent()).toBe('2');
      expect(await page.getByLabel(`${a!.name}: сумма`).textContent()).toBe('6,5');
      const saved = await call<Results>(page, 'GET', `${school}/control-works/${workId}/results`);
      expect(saved.work).toMatchObject({ written: 3, journalLesson: { date: lesson.date } });
      expect(saved.rows.filter((r) => r.markId !== null).map((r) => [r.name, r.mark]))
        .toEqual([[a!.name, 5], [b!.name, 2], [c!.name, 2]]);

      // The analysis: per task and per КЭС element, with bars.
      await page.getByRole('tab', { name: 'Поэлементный анализ' }).click();
      const byTask = page.getByRole('table', { name: 'По заданиям' });
      await expect.poll(() => byTask.getByRole('row').count(), { timeout: 10_000 }).toBe(4);
      // Task 1 (1 point): the first student only of three → 33 %.
      expect(await byTask.getByRole('row').nth(1).textContent()).toContain('33 %');
      const byElement = page.getByRole('table', { name: 'По элементам содержания (КЭС)' });
      expect(await byElement.getByRole('rowheader').allTextContents()).toEqual(['1.1', '2.3']);
      expect(await page.getByRole('progressbar', { name: 'КЭС 1.1: освоено' }).count()).toBe(1);

      // The schedule lists it with its results, and fits a phone.
      await page.setViewportSize({ width: 375, height: 740 });
      await page.goto('/journal/control-works');
      await expect.poll(() => page.getByRole('link', { name: title }).count(), { timeout: 10_000 }).toBe(1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    } finally {
      await context.close();
    }
  });
});

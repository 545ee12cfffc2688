// The board of a day's absences (issue 6, item 5; regulation 3.5): the demo director opens
// «Отсутствующие» for today, then the day of a recent lesson of the demo teacher (today when it is
// a school day); the teacher marks a student of that lesson absent through the journal's API; the
// board, left open, shows the student under their class after its own refresh — no reload. Then the
// same board on a phone.
//
// The journey needs a published timetable. When the shared demo has none, it runs its own server
// on a demo school given one by e2e/lessons-timetable.ts.
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AttendanceBoardDto } from '../contracts/attendance';
import { addDays } from '../domain/calendar';
import { call, launchBrowser, logIn, newPage } from './browser';
import { serverWithLessons, type LessonsServer } from './lessons-timetable';

type Lesson = { timetableLessonId: string; lessonDate: string; date: string; lessonNumber: number; class: { id: string; name: string } | null; status: string; kind: string };
type JournalLesson = { id: string };
type LessonDetail = { lesson: { id: string }; students: { id: string; name: string }[] };

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
    return res.ok && ((await res.json()) as { items: Lesson[] }).items.some((l) => l.class !== null && l.status === 'scheduled');
  } catch {
    return false;
  }
}

beforeAll(async () => {
  browser = await launchBrowser();
  server = await serverWithLessons(baseUrl, teacherHasLessons, addDays(today, -6));
  baseUrl = server.url;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const schoolOf = async (page: Page): Promise<string> => (await call<{ activeSchoolId: string }>(page, 'GET', '/api/v1/me')).activeSchoolId;

/** The class card of the board. */
const card = (page: Page, className: string) => page.locator(`section[data-class="${className}"]`);

describe('the board of a day\'s absences', () => {
  it('shows a student the teacher marks absent, after its own refresh, without a reload', async () => {
    const director = await newPage(browser, baseUrl);
    const teacher = await newPage(browser, baseUrl);
    try {
      await logIn(director.page, 'director');
      await director.page.waitForURL((u) => u.pathname === '/');
      await director.page.goto('/journal/absences');
      await expect.poll(() => director.page.getByRole('heading', { name: 'Отсутствующие', level: 1 }).isVisible(), { timeout: 15_000 }).toBe(true);
      await expect.poll(() => director.page.getByTestId('board-updated').textContent(), { timeout: 15_000 }).toMatch(/Обновлено в \d{2}:\d{2}:\d{2}/);
      await expect.poll(() => director.page.getByRole('heading', { level: 2 }).first().textContent()).toContain('Сегодня');

      // The teacher's latest lesson of a class in the last week, held by now (today's, when it is a school day).
      await logIn(teacher.page, 'teacher');
      await teacher.page.waitForURL((u) => u.pathname === '/');
      const schoolId = await schoolOf(teacher.page);
      const api = `/api/v1/schools/${schoolId}`;
      const week = await call<{ items: Lesson[] }>(teacher.page, 'GET', `${api}/lessons?from=${addDays(today, -6)}&to=${today}`);
      const held = week.items.filter((l) => l.class !== null && l.status === 'scheduled' && l.kind === 'regular' && l.date <= today);
      const lesson = held.filter((l) => l.date < today).at(-1) ?? held.at(-1);
      expect(lesson, 'a lesson of the demo teacher in the last week').toBeDefined();
      const className = lesson!.class!.name;

      // The director looks at that day.
      if (lesson!.date !== today) {
        await director.page.getByLabel('Дата').fill(lesson!.date);
      }
      await expect.poll(() => card(director.page, className).isVisible(), { timeout: 15_000 }).toBe(true);
      // A marker that a reload would lose.
      await director.page.evaluate(() => { (window as unknown as { boardMarker: number }).boardMarker = 1; });

      const journalLesson = await call<JournalLesson>(teacher.page, 'POST', `${api}/journal/lessons`, { timetableLessonId: lesson!.timetableLessonId, date: lesson!.lessonDate });
      const detail = await call<LessonDetail>(teacher.page, 'GET', `${api}/journal/lessons/${journalLesson.id}`);
      // A student the board does not list yet that day.
      const before = await call<AttendanceBoardDto>(director.page, 'GET', `${api}/attendance/board?date=${lesson!.date}`);
      const listed = new Set(before.classes.flatMap((c) => c.students.map((s) => s.studentId)));
      const student = detail.students.find((s) => !listed.has(s.id));
      expect(student, 'a student of the lesson not absent yet').toBeDefined();
      await expect.poll(() => card(director.page, className).textContent()).not.toContain(student!.name);
      const updatedBefore = await director.page.getByTestId('board-updated').textContent();

      await call(teacher.page, 'PUT', `${api}/journal/lessons/${journalLesson.id}/attendance/${student!.id}`, { code: 'Н' }, { 'idempotency-key': randomUUID() });

      // The board asks again by itself every 20 seconds.
      await expect.poll(() => card(director.page, className).textContent(), { timeout: 35_000, interval: 500 }).toContain(student!.name);
      const row = card(director.page, className).locator(`[data-student="${student!.id}"]`);
      await expect.poll(() => row.textContent()).toContain('без уважительной причины');
      await expect.poll(() => row.textContent()).toContain(`${lesson!.lessonNumber}-й урок`);
      expect(await director.page.evaluate(() => (window as unknown as { boardMarker?: number }).boardMarker)).toBe(1);
      expect(await director.page.getByTestId('board-updated').textContent()).not.toBe(updatedBefore);
    } finally {
      await director.context.close();
      await teacher.context.close();
    }
  }, 90_000);

  it('«Коды посещаемости»: a repeated code is shown under its field; a new code is saved', async () => {
    const { context, page } = await newPage(browser, baseUrl);
    try {
      await logIn(page, 'admin');
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto('/year/attendance-codes');
      await page.getByRole('button', { name: 'Добавить код' }).click();
      const rows = page.getByRole('list', { name: 'Коды' }).getByRole('listitem');
      const added = rows.last();
      await added.getByLabel('Код').fill('н');
      await added.getByLabel('Что означает').fill('Семейные обстоятельства');
      await added.getByLabel('Причина').selectOption({ label: 'Семейные обстоятельства' });
      await page.getByRole('button', { name: 'Сохранить коды' }).click();
      await expect.poll(() => added.textContent(), { timeout: 10_000 }).toMatch(/Код «н» уже есть в строке 1/);
      await added.getByLabel('Код').fill('С');
      await page.getByRole('button', { name: 'Сохранить коды' }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Коды сохранены' }).isVisible(), { timeout: 10_000 }).toBe(true);
      const schoolId = await schoolOf(page);
      const saved = await call<{ codes: { code: string; reason: string | null }[]; isDefault: boolean }>(page, 'GET', `/api/v1/schools/${schoolId}/attendance-codes`);
      expect(saved.isDefault).toBe(false);
      expect(saved.codes.at(-1)).toMatchObject({ code: 'С', reason: 'family' });
      // Back to the four defaults, for the other journeys on this server.
      await page.getByRole('button', { name: 'Коды по умолчанию' }).click();
      await page.getByRole('button', { name: 'Сохранить коды' }).click();
      await expect.poll(async () => (await call<{ codes: unknown[] }>(page, 'GET', `/api/v1/schools/${schoolId}/attendance-codes`)).codes.length).toBe(4);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('fits a phone: the classes stack in one column, nothing wider than the screen', async () => {
    const { context, page } = await newPage(browser, baseUrl, { width: 390, height: 844 });
    try {
      await logIn(page, 'director');
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto('/journal/absences');
      await expect.poll(() => page.getByTestId('board-updated').isVisible(), { timeout: 15_000 }).toBe(true);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
      await expect.poll(() => page.getByRole('button', { name: 'Обновить' }).isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  }, 60_000);
});

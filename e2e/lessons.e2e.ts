// Lessons by date (issue 5, SPEC D4): the demo journal administrator opens «Уроки на дату» for a
// class of the demo parent's child, tries to give a lesson to a teacher who has another lesson
// then (refused in Russian, naming the lesson), substitutes it with the first suggestion — a
// teacher of the subject — and cancels another lesson; the parent sees both on the child's day on
// a phone; the administrator revokes both in «Замены и отмены».
//
// The journey needs a published timetable. When the shared demo has none yet, it runs its own
// server on a demo school given one by e2e/lessons-timetable.ts.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays } from '../domain/calendar';
import { call, launchBrowser, logIn, newPage } from './browser';
import { serverWithLessons, type LessonsServer } from './lessons-timetable';

type Named = { id: string; name: string };
type Lesson = {
  timetableLessonId: string; lessonDate: string; date: string; lessonNumber: number; start: string | null; end: string | null;
  subject: Named; teacher: Named; class: Named | null; studyGroup: Named | null; status: string; changes: unknown[];
};
type Substitutes = { items: { employeeId: string; name: string; qualified: boolean }[] };

const today = new Date().toISOString().slice(0, 10);
let browser: Browser;
let baseUrl = inject('baseUrl');
let server: LessonsServer | null = null;

/** Whether the demo school on a server has lessons in the next two weeks (asked as the demo administrator). */
async function hasLessons(url: string): Promise<boolean> {
  try {
    return await lessonsAhead(url);
  } catch {
    return false;
  }
}

async function lessonsAhead(url: string): Promise<boolean> {
  const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'admin', password: 'demo' }) });
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const me = await (await fetch(`${url}/api/v1/me`, { headers: { cookie } })).json() as { activeSchoolId: string };
  const res = await fetch(`${url}/api/v1/schools/${me.activeSchoolId}/lessons?from=${today}&to=${addDays(today, 13)}`, { headers: { cookie } });
  return res.ok && ((await res.json()) as { total: number }).total > 0;
}

beforeAll(async () => {
  browser = await launchBrowser();
  server = await serverWithLessons(baseUrl, hasLessons, today);
  baseUrl = server.url;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});


/** Picks an option of a native select by its text. */
async function choose(field: Locator, option: string): Promise<void> {
  const find = async () => (await field.locator('option').allTextContents()).find((l) => l.trim() === option);
  await expect.poll(find, { timeout: 10_000, message: `option ${option}` }).toBeDefined();
  await field.selectOption({ label: (await find())! });
}

const ruDate = (date: string): string => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
/** «Лебедева Виктория Алексеевна» → «Лебедева В. А.», as the lessons name teachers. */
const short = (full: string): string => {
  const [last, ...rest] = full.split(' ');
  return [last, rest.map((p) => `${p[0]}.`).join(' ')].filter(Boolean).join(' ');
};
const unit = (l: Lesson) => l.class?.name ?? l.studyGroup?.name ?? '';
const label = (l: Lesson) => `${l.lessonNumber}-й урок, ${unit(l)}, ${l.subject.name}`;
/** A lesson on the page, a table row or a phone's card: by its identity (timetable lesson, date). */
const rowOf = (page: Page, l: Lesson): Locator => page.locator(`[data-lesson="${l.timetableLessonId}|${l.lessonDate}"]`);

/** «Изменить» on a lesson's row, then one of the changes. */
async function changeLesson(page: Page, l: Lesson, change: string): Promise<void> {
  await page.getByRole('button', { name: `Изменить урок: ${label(l)}` }).click();
  await page.getByRole('menuitem', { name: change, exact: true }).click();
}

async function openDay(page: Page, date: string): Promise<void> {
  await page.goto('/timetable/day');
  await page.getByLabel('Дата', { exact: true }).fill(date);
  await expect.poll(() => page.getByRole('heading', { name: new RegExp(`^${ruDate(date).replaceAll('.', '\\.')}`) }).count(), { timeout: 10_000 }).toBe(1);
}

describe('lessons by date', () => {
  it('the administrator substitutes a teacher (a busy one refused) and cancels a lesson; the parent sees both on the child\'s day', async () => {
    const parent = await newPage(browser, baseUrl, { width: 375, height: 740 });
    const admin = await newPage(browser, baseUrl);
    try {
      await logIn(parent.page, 'parent');
      await parent.page.waitForURL((u) => !u.pathname.startsWith('/login'));
      await logIn(admin.page, 'admin');
      await admin.page.waitForURL((u) => !u.pathname.startsWith('/login'));
      const { activeSchoolId } = await call<{ activeSchoolId: string }>(admin.page, 'GET', '/api/v1/me');
      const school = `/api/v1/schools/${activeSchoolId}`;

      // The child's next school day with two class lessons: one to substitute (a teacher of its
      // subject free then), another to cancel, and a teacher busy at the first one's time.
      const childLessons = await call<{ items: Lesson[] }>(parent.page, 'GET', `${school}/lessons?from=${today}&to=${addDays(today, 20)}`);
      let plan: { substituted: Lesson; cancelled: Lesson; qualified: Substitutes['items'][number]; busy: Lesson } | null = null;
      for (const date of [...new Set(childLessons.items.map((l) => l.date))]) {
        const classLessons = childLessons.items.filter((l) => l.date === date && l.class !== null && l.status === 'scheduled' && l.changes.length === 0);
        const everyone = await call<{ items: Lesson[] }>(admin.page, 'GET', `${school}/lessons?from=${date}&to=${date}`);
        for (const candidate of classLessons) {
          const other = classLessons.find((l) => l.class!.id === candidate.class!.id && l.timetableLessonId !== candidate.timetableLessonId && l.subject.id !== candidate.subject.id);
          const busy = everyone.items.find((l) => l.status === 'scheduled' && l.lessonNumber === candidate.lessonNumber && l.start === candidate.start
            && l.teacher.id !== candidate.teacher.id && l.class?.id !== candidate.class!.id);
          if (!other || !busy) continue;
          const subs = await call<Substitutes>(admin.page, 'GET', `${school}/lesson-changes/substitutes?timetableLessonId=${candidate.timetableLessonId}&date=${date}`);
          if (subs.items[0]?.qualified) {
            plan = { substituted: candidate, cancelled: other, qualified: subs.items[0], busy };
            break;
          }
        }
        if (plan) break;
      }
      expect(plan, 'a day of the child with a lesson a teacher of its subject can take').not.toBeNull();
      const { substituted, cancelled, qualified, busy } = plan!;
      const date = substituted.date;

      // The administrator opens the class's day.
      const page = admin.page;
      await openDay(page, date);
      await choose(page.getByLabel('Класс', { exact: true }), substituted.class!.name);
      await changeLesson(page, substituted, 'Заменить');
      const dialog = page.getByRole('dialog');
      // The suggestions list the teacher of the subject first.
      const first = dialog.getByRole('radio').first();
      await expect.poll(() => first.getAttribute('value'), { timeout: 10_000 }).toBe(qualified.employeeId);
      expect(await dialog.getByText('ведёт этот предмет', { exact: false }).count()).toBeGreaterThan(0);

      // A teacher who has another lesson then is refused in Russian, naming that lesson.
      await dialog.getByLabel('Или другой сотрудник').selectOption({ value: busy.teacher.id });
      await dialog.getByRole('button', { name: 'Назначить замену' }).click();
      const refusal = dialog.getByRole('alert');
      await expect.poll(() => refusal.textContent(), { timeout: 10_000 }).toMatch(/в это время ведёт другой урок/);
      expect(await refusal.textContent()).toContain(`${ruDate(date)}, ${busy.lessonNumber}-й урок`);

      // The first suggestion takes the lesson.
      await first.check();
      await dialog.getByRole('button', { name: 'Назначить замену' }).click();
      await expect.poll(() => page.getByRole('dialog').count(), { timeout: 10_000 }).toBe(0);
      await expect.poll(() => page.getByRole('status').textContent(), { timeout: 10_000 }).toMatch(/Замена учителя: сохранено на/);
      await expect.poll(() => rowOf(page, substituted).textContent(), { timeout: 10_000 }).toContain(short(qualified.name));

      // Another lesson of the day is cancelled.
      await changeLesson(page, cancelled, 'Отменить');
      await page.getByRole('dialog').getByLabel('Причина').fill('Учитель на курсах');
      await page.getByRole('dialog').getByRole('button', { name: 'Отменить урок' }).click();
      await expect.poll(() => page.getByRole('dialog').count(), { timeout: 10_000 }).toBe(0);
      await expect.poll(() => rowOf(page, cancelled).getAttribute('data-status'), { timeout: 10_000 }).toBe('cancelled');

      // The parent, on a phone, sees the child's day changed and cannot change it.
      await openDay(parent.page, date);
      await expect.poll(() => rowOf(parent.page, substituted).textContent(), { timeout: 10_000 }).toContain(short(qualified.name));
      expect(await rowOf(parent.page, substituted).textContent()).toContain('Замена');
      expect(await rowOf(parent.page, cancelled).textContent()).toContain('Урок отменён');
      expect(await parent.page.getByRole('button', { name: /^Изменить урок/ }).count()).toBe(0);
      expect(await parent.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

      // «Замены и отмены»: both are listed and revoked.
      await page.getByLabel('С', { exact: true }).fill(date);
      await page.getByLabel('По', { exact: true }).fill(date);
      const changes = page.getByRole('region', { name: 'Замены и отмены' });
      await expect.poll(() => changes.getByRole('row').count(), { timeout: 10_000 }).toBe(3);
      page.on('dialog', (d) => { void d.accept(); });
      for (const kind of ['Замена', 'Отмена']) {
        const revoke = changes.getByRole('button', { name: new RegExp(`^Отменить изменение: ${kind}, ${ruDate(date).replaceAll('.', '\\.')}`) });
        await revoke.click();
        await expect.poll(() => revoke.count(), { timeout: 10_000 }).toBe(0);
      }
      await expect.poll(() => changes.getByText('Изменений за эти дни нет').count(), { timeout: 10_000 }).toBe(1);
      await expect.poll(() => rowOf(page, cancelled).getAttribute('data-status'), { timeout: 10_000 }).toBe('scheduled');
    } finally {
      await parent.context.close();
      await admin.context.close();
    }
  });
});

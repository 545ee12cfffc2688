// The weekly timetable (issue 5, SPEC B12): the demo journal administrator opens the timetable in
// force, makes «Новая версия с даты» (a copy to change), views a class, moves a lesson by the
// keyboard to a free cell (saved) and to a cell the class already has (the clash shown on the
// cell before the drop, not saved), drags another lesson with the mouse, and locks a lesson; the
// demo parent sees the child's class read-only on a phone.
//
// The journey needs a published version. When the shared demo has none yet, it is generated
// through the generation runs and published from 1 September.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { academicYearOfDate } from '../domain/school-year';
import { call, launchBrowser, logIn, newPage } from './browser';

type Named = { id: string; name: string };
type Lesson = {
  id: string; weekday: number; lessonNumber: number; subject: Named & { shortName: string }; teacher: Named & { shortName: string };
  class: Named | null; studyGroup: Named | null; room: Named | null; locked: boolean;
};
type Grid = { timetableId: string; version: number; days: { weekday: number; name: string }[]; lessonNumbers: number[]; lessons: Lesson[]; options: { classes: Named[] } };
type Versions = { academicYear: number; items: { id: string; name: string; status: string; version: number }[]; inForceId: string | null; defaultView: { kind: string; id: string } | null };
type Check = { clashes: { kind: string; lessonId: string; message: string }[] };
type Run = { id: string; status: string; result: { timetableId: string } | null };

const baseUrl = inject('baseUrl');
const year = academicYearOfDate(new Date().toISOString().slice(0, 10));
let browser: Browser;

beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });


/** Picks an option of a native select by its label, once the page's data has brought it. */
async function choose(field: Locator, label: string): Promise<void> {
  const find = async () => (await field.locator('option').allTextContents()).find((l) => l.trim() === label);
  await expect.poll(find, { timeout: 10_000, message: `option ${label}` }).toBeDefined();
  await field.selectOption({ label: (await find())! });
}

const schoolOf = async (page: Page): Promise<string> =>
  `/api/v1/schools/${(await call<{ activeSchoolId: string }>(page, 'GET', '/api/v1/me')).activeSchoolId}`;

/** The version in force; generated and published from 1 September when the demo has none. */
async function publishedVersion(page: Page, school: string): Promise<string> {
  const list = await call<Versions>(page, 'GET', `${school}/timetables`);
  if (list.inForceId) return list.inForceId;
  const run = await call<Run>(page, 'POST', `${school}/timetable/runs`, { seed: 7, timeLimitSeconds: 60 });
  let done: Run = run;
  await expect.poll(async () => {
    done = await call<Run>(page, 'GET', `${school}/timetable/runs/${run.id}`);
    return ['solved', 'timeLimit', 'failed', 'cancelled'].includes(done.status);
  }, { timeout: 150_000, interval: 1000 }).toBe(true);
  const id = done.result!.timetableId;
  const version = (await call<{ version: number }>(page, 'GET', `${school}/timetables/${id}`)).version;
  await call(page, 'POST', `${school}/timetables/${id}/publish`, { validFrom: `${year}-09-01`, force: true }, { 'if-match': `"${version}"` });
  return id;
}

const cellOf = (page: Page, weekday: number, lessonNumber: number): Locator => page.locator(`td[data-cell="${weekday}:${lessonNumber}"]`);
const card = (page: Page, lessonId: string): Locator => page.locator(`[data-lesson-id="${lessonId}"]`);

/** Carries the focused, picked-up lesson from one cell to another with the arrow keys. */
async function arrowsTo(page: Page, from: { weekday: number; lessonNumber: number }, to: { weekday: number; lessonNumber: number }): Promise<void> {
  for (let d = from.weekday; d !== to.weekday; d += Math.sign(to.weekday - from.weekday)) await page.keyboard.press(to.weekday > from.weekday ? 'ArrowRight' : 'ArrowLeft');
  for (let n = from.lessonNumber; n !== to.lessonNumber; n += Math.sign(to.lessonNumber - from.lessonNumber)) await page.keyboard.press(to.lessonNumber > from.lessonNumber ? 'ArrowDown' : 'ArrowUp');
}

describe('the weekly timetable', () => {
  it('the journal administrator copies the version in force, moves lessons by keyboard and mouse with clashes shown before the drop, and locks one', async () => {
    // Tall enough for the whole week on screen: a drag needs its source and its target in view.
    const { context, page } = await newPage(browser, baseUrl, { width: 1280, height: 1600 });
    try {
      await logIn(page, 'admin');
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      const school = await schoolOf(page);
      await publishedVersion(page, school);

      await page.getByRole('navigation', { name: 'Основное меню' }).getByRole('link', { name: 'Расписание' }).click();
      await page.waitForURL(/\/timetable/);
      const picker = page.getByLabel('Версия расписания');
      await expect.poll(() => picker.locator('option:checked').textContent(), { timeout: 15_000 }).toContain('(действует сейчас)');
      await expect.poll(() => page.getByRole('heading', { name: 'Оценка расписания' }).count(), { timeout: 10_000 }).toBe(1);
      expect(await page.getByText(/^Нарушений обязательных правил: \d+$/).count()).toBe(1);

      // «Новая версия с даты»: a copy of the version in force with all its lessons, to change.
      const name = `Изменения с 12.01.${year + 1} (${Date.now() % 100_000})`;
      await page.getByRole('button', { name: 'Новая версия с даты' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Будет действовать с').fill(`${year + 1}-01-12`);
      await dialog.getByLabel('Название версии').fill(name);
      await dialog.getByRole('button', { name: 'Создать копию' }).click();
      await expect.poll(() => picker.locator('option:checked').textContent(), { timeout: 10_000 }).toBe(`${name} — черновик`);
      await expect.poll(() => page.getByText(`Создана версия «${name}»`).count(), { timeout: 10_000 }).toBe(1);
      const copyId = new URL(page.url()).searchParams.get('version')!;
      expect(copyId).toBeTruthy();

      // A class of the middle school, read through the API to plan the moves.
      const first = await call<Grid>(page, 'GET', `${school}/timetables/${copyId}/lessons?classId=${(await call<Versions>(page, 'GET', `${school}/timetables`)).defaultView!.id}`);
      const klass = first.options.classes.find((c) => c.name === '5А') ?? first.options.classes[0]!;
      await choose(page.getByRole('combobox', { name: 'Класс', exact: true }), klass.name);
      const gridUrl = `${school}/timetables/${copyId}/lessons?classId=${klass.id}`;
      const grid = await call<Grid>(page, 'GET', gridUrl);
      const whole = grid.lessons.filter((l) => l.class !== null);
      const taken = new Set(grid.lessons.map((l) => `${l.weekday}:${l.lessonNumber}`));
      const check = (lesson: Lesson, weekday: number, lessonNumber: number) =>
        call<Check>(page, 'POST', `${school}/timetables/${copyId}/lessons/${lesson.id}/check`, { weekday, lessonNumber });
      // A lesson and an empty cell of the class where its teacher is free too (the first such pair).
      let plan: { lesson: Lesson; weekday: number; lessonNumber: number } | null = null;
      search: for (const lesson of whole) {
        for (const n of grid.lessonNumbers.slice(0, 7)) {
          for (const d of grid.days) {
            if (taken.has(`${d.weekday}:${n}`)) continue;
            if ((await check(lesson, d.weekday, n)).clashes.length === 0) { plan = { lesson, weekday: d.weekday, lessonNumber: n }; break search; }
          }
        }
      }
      expect(plan, 'a free cell for a lesson of the class').not.toBeNull();
      const { lesson, weekday, lessonNumber } = plan!;

      // By keyboard to the free cell: the cell says «Свободно» before the drop; saved.
      await expect.poll(() => card(page, lesson.id).count(), { timeout: 10_000 }).toBe(1);
      await card(page, lesson.id).focus();
      await page.keyboard.press('Enter');
      await arrowsTo(page, lesson, { weekday, lessonNumber });
      await expect.poll(() => cellOf(page, weekday, lessonNumber).getByText('Свободно', { exact: true }).count(), { timeout: 10_000 }).toBe(1);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Урок перенесён' }).count(), { timeout: 10_000 }).toBe(1);
      await expect.poll(() => cellOf(page, weekday, lessonNumber).locator(`[data-lesson-id="${lesson.id}"]`).count(), { timeout: 10_000 }).toBe(1);
      const moved = (await call<Grid>(page, 'GET', gridUrl)).lessons.find((l) => l.id === lesson.id)!;
      expect({ weekday: moved.weekday, lessonNumber: moved.lessonNumber }).toEqual({ weekday, lessonNumber });

      // By keyboard onto another lesson of the class: the clash in red on the cell, Enter saves nothing.
      const busy = whole.find((l) => l.id !== lesson.id)!;
      await card(page, lesson.id).focus();
      await page.keyboard.press('Enter');
      await arrowsTo(page, { weekday, lessonNumber }, busy);
      const target = cellOf(page, busy.weekday, busy.lessonNumber);
      await expect.poll(() => target.getByText('Накладка — сюда нельзя:').count(), { timeout: 10_000 }).toBe(1);
      await expect.poll(() => target.getAttribute('data-target'), { timeout: 10_000 }).toBe('clash');
      expect(await target.getByText(`У ${klass.name} в это время ${busy.subject.name}`, { exact: false }).count()).toBeGreaterThan(0);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Урок не перенесён' }).count(), { timeout: 10_000 }).toBe(1);
      await page.keyboard.press('Escape');
      const stayed = (await call<Grid>(page, 'GET', gridUrl)).lessons.find((l) => l.id === lesson.id)!;
      expect({ weekday: stayed.weekday, lessonNumber: stayed.lessonNumber }).toEqual({ weekday, lessonNumber });

      // «Закрепить»: the lesson is kept where it is when the rest is generated again.
      await cellOf(page, weekday, lessonNumber).getByRole('button', { name: /^Закрепить:/ }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Урок закреплён' }).count(), { timeout: 10_000 }).toBe(1);
      await expect.poll(() => cellOf(page, weekday, lessonNumber).getByRole('button', { name: /^Открепить:/ }).count(), { timeout: 10_000 }).toBe(1);
      expect((await call<Grid>(page, 'GET', gridUrl)).lessons.find((l) => l.id === lesson.id)!.locked).toBe(true);

      // With the mouse: another lesson dragged back into the cell the first one left.
      const current = await call<Grid>(page, 'GET', gridUrl);
      const nowTaken = new Set(current.lessons.map((l) => `${l.weekday}:${l.lessonNumber}`));
      let dragPlan: { lesson: Lesson; weekday: number; lessonNumber: number } | null = null;
      drag: for (const l of current.lessons.filter((x) => x.class !== null && x.id !== lesson.id)) {
        for (const n of current.lessonNumbers.slice(0, 7)) {
          for (const d of current.days) {
            if (nowTaken.has(`${d.weekday}:${n}`)) continue;
            if ((await check(l, d.weekday, n)).clashes.length === 0) { dragPlan = { lesson: l, weekday: d.weekday, lessonNumber: n }; break drag; }
          }
        }
      }
      expect(dragPlan, 'a free cell for another lesson of the class').not.toBeNull();
      const dragged = dragPlan!;
      await card(page, dragged.lesson.id).dragTo(cellOf(page, dragged.weekday, dragged.lessonNumber));
      await expect.poll(() => cellOf(page, dragged.weekday, dragged.lessonNumber).locator(`[data-lesson-id="${dragged.lesson.id}"]`).count(), { timeout: 10_000 }).toBe(1);
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Урок перенесён' }).count(), { timeout: 10_000 }).toBe(1);

      // The version in force did not change.
      const list = await call<Versions>(page, 'GET', `${school}/timetables`);
      expect(list.items.find((v) => v.id === copyId)).toMatchObject({ status: 'draft' });
    } finally {
      await context.close();
    }
  });

  it('the journal administrator adds an extracurricular session for a class after its lessons, sees it in the grid, and deletes it', async () => {
    const { context, page } = await newPage(browser, baseUrl, { width: 1280, height: 1400 });
    page.on('dialog', (d) => void d.accept());
    try {
      await logIn(page, 'admin');
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      const school = await schoolOf(page);
      const inForce = await publishedVersion(page, school);
      // A draft copy to work on, and «Разговоры о важном» for an activity group of a 5А student in the load (1 h, a teacher of the class).
      const copy = await call<{ id: string }>(page, 'POST', `${school}/timetables`, { name: `Внеурочная (${Date.now() % 100_000})`, basedOnId: inForce });
      const any = await call<Grid>(page, 'GET', `${school}/timetables/${copy.id}/lessons`);
      const klass = any.options.classes.find((c) => c.name === '5А') ?? any.options.classes[0]!;
      const ofClass = await call<Grid>(page, 'GET', `${school}/timetables/${copy.id}/lessons?classId=${klass.id}`);
      const teacher = ofClass.lessons.find((l) => l.class !== null)!.teacher;
      type Load = { id: string; subject: Named; class: Named | null; employee: { id: string; lastName: string; firstName: string }; hoursPerWeek: number };
      const subjects = await call<{ items: (Named & { kind: string })[] }>(page, 'GET', `${school}/subjects`);
      const talks = subjects.items.find((x) => x.kind === 'extracurricular' && x.name === 'Разговоры о важном') ?? subjects.items.find((x) => x.kind === 'extracurricular')!;
      const loads = await call<{ items: Load[] }>(page, 'GET', `${school}/teaching-loads`);
      const groupName = `${talks.name}, ${klass.name}`;
      let row = loads.items.find((l) => l.subject.id === talks.id && (l as Load & { studyGroup: Named | null }).studyGroup?.name === groupName);
      if (!row) {
        const group = await call<Named>(page, 'POST', `${school}/study-groups`, { kind: 'activity', name: groupName, subjectId: talks.id, academicYear: year });
        const pupils = await call<{ items: { id: string }[] }>(page, 'GET', `${school}/students?classId=${klass.id}`);
        await call(page, 'POST', `${school}/study-groups/${group.id}/members`, { studentId: pupils.items[0]!.id, from: `${year}-09-01` });
        row = await call<Load>(page, 'POST', `${school}/teaching-loads`, { employeeId: teacher.id, subjectId: talks.id, studyGroupId: group.id, hoursPerWeek: 1 });
      }
      // A day and a number after the class's lessons where the row's teacher has nothing (either shift's numbering).
      const theirs = (await call<Grid>(page, 'GET', `${school}/timetables/${copy.id}/lessons?employeeId=${row.employee.id}`)).lessons;
      const lastOf = (weekday: number) => Math.max(0, ...ofClass.lessons.filter((l) => l.weekday === weekday).map((l) => l.lessonNumber));
      let slot: { weekday: number; lessonNumber: number } | null = null;
      find: for (const d of ofClass.days) {
        for (let n = lastOf(d.weekday) + 1; n <= 12; n++) {
          if (!theirs.some((l) => l.weekday === d.weekday && Math.abs(l.lessonNumber - n) % 7 === 0 && l.lessonNumber <= n)) { slot = { weekday: d.weekday, lessonNumber: n }; break find; }
        }
      }
      expect(slot, 'a free hour after the class\'s lessons').not.toBeNull();
      const { weekday, lessonNumber } = slot!;

      await page.goto(`/timetable?version=${copy.id}`);
      await choose(page.getByRole('combobox', { name: 'Класс', exact: true }), klass.name);
      await page.getByRole('button', { name: 'Добавить занятие' }).click();
      const dialog = page.getByRole('dialog', { name: 'Добавить занятие' });
      const label = `${row.subject.name} — ${groupName} (${row.employee.lastName} ${row.employee.firstName.slice(0, 1)}.), ${row.hoursPerWeek} ч`;
      await choose(dialog.getByLabel('Строка нагрузки'), label);
      await choose(dialog.getByLabel('День недели'), ofClass.days.find((d) => d.weekday === weekday)!.name);
      await choose(dialog.getByLabel('Номер урока'), String(lessonNumber));
      await dialog.getByRole('button', { name: 'Добавить' }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: `Добавлено: ${row.subject.name}, ${groupName}` }).count(), { timeout: 10_000 }).toBe(1);
      const cell = cellOf(page, weekday, lessonNumber);
      await expect.poll(() => cell.getByText('Внеурочное', { exact: true }).count(), { timeout: 10_000 }).toBe(1);
      const added = (await call<Grid>(page, 'GET', `${school}/timetables/${copy.id}/lessons?classId=${klass.id}`)).lessons
        .find((l) => l.weekday === weekday && l.lessonNumber === lessonNumber && (l as Lesson & { kind: string }).kind === 'extracurricular')!;
      expect(added).toBeDefined();

      // «Удалить»: gone from the grid and the version.
      await cell.getByRole('button', { name: /^Удалить:/ }).click();
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Удалено' }).count(), { timeout: 10_000 }).toBe(1);
      await expect.poll(() => card(page, added.id).count(), { timeout: 10_000 }).toBe(0);
      expect((await call<Grid>(page, 'GET', `${school}/timetables/${copy.id}/lessons?classId=${klass.id}`)).lessons.some((l) => l.id === added.id)).toBe(false);
    } finally {
      await context.close();
    }
  });

  it('the parent sees the child\'s class read-only, one day at a time on a phone', async () => {
    const { context, page } = await newPage(browser, baseUrl, { width: 375, height: 800 });
    try {
      await logIn(page, 'parent');
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      const school = await schoolOf(page);
      const list = await call<Versions>(page, 'GET', `${school}/timetables`);
      expect(list.items.every((v) => v.status === 'published')).toBe(true);
      const child = list.defaultView!;
      expect(child.kind).toBe('class');
      const grid = await call<Grid>(page, 'GET', `${school}/timetables/${list.inForceId}/lessons?classId=${child.id}`);
      expect(grid.lessons.length).toBeGreaterThan(0);

      await page.goto('/timetable');
      const picker = page.getByLabel('Версия расписания');
      await expect.poll(() => picker.locator('option:checked').textContent(), { timeout: 15_000 }).toContain('(действует сейчас)');
      const className = grid.options.classes.find((c) => c.id === child.id)!.name;
      await expect.poll(() => page.getByRole('combobox', { name: 'Класс', exact: true }).locator('option:checked').textContent(), { timeout: 10_000 }).toBe(className);
      expect(await page.getByText('Только просмотр').count()).toBe(1);
      expect(await page.getByRole('button', { name: 'Новая версия с даты' }).count()).toBe(0);
      expect(await page.getByRole('heading', { name: 'Оценка расписания' }).count()).toBe(0);

      // One day at a time: the day of the first lesson, chosen in the day switcher.
      const lesson = [...grid.lessons].sort((a, b) => a.weekday - b.weekday || a.lessonNumber - b.lessonNumber)[0]!;
      const day = grid.days.find((d) => d.weekday === lesson.weekday)!;
      await page.getByRole('radiogroup', { name: 'День недели' }).getByText(['Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб'][lesson.weekday - 1]!, { exact: true }).click();
      await expect.poll(() => page.getByRole('columnheader', { name: day.name }).count(), { timeout: 10_000 }).toBe(1);
      expect(await page.getByRole('columnheader').count()).toBe(2);
      await expect.poll(() => card(page, lesson.id).count(), { timeout: 10_000 }).toBe(1);
      // Read-only: no lesson to pick up, nothing to lock.
      expect(await card(page, lesson.id).getAttribute('role')).toBeNull();
      expect(await page.getByRole('button', { name: /^Закрепить:/ }).count()).toBe(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    } finally {
      await context.close();
    }
  });

  it('the administrator\'s page fits a phone too', async () => {
    const { context, page } = await newPage(browser, baseUrl, { width: 375, height: 800 });
    try {
      await logIn(page, 'admin');
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      await page.goto('/timetable');
      await expect.poll(() => page.getByRole('radiogroup', { name: 'День недели' }).count(), { timeout: 15_000 }).toBe(1);
      await expect.poll(() => page.locator('[data-lesson-id][role="button"]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    } finally {
      await context.close();
    }
  });
});

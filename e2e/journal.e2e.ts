// The class journal (issue 6): the demo teacher opens a lesson of their latest school day from
// «Уроки на дату», sets its topic from the work programme (one is made through the API when the
// demo has none), marks attendance and gives homework; then in the grid enters marks by keyboard
// («5», «4/5», «н»), changes one and takes the change back with Ctrl+Z, tries to change a mark an
// administrator put (with a reason) on a lesson older than the entry window and is refused in
// Russian, and reads the cells' history. The grid also opens on a phone and scrolls sideways with
// the names in place.
//
// The server runs on the real clock: the journey takes the most recent school day up to today on
// which the teacher has lessons, and an «old» lesson from before that day's entry window.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays } from '../domain/calendar';
import { academicYearOfDate } from '../domain/school-year';
import { call, launchBrowser, logIn, newPage } from './browser';
import { serverWithLessons, type LessonsServer } from './lessons-timetable';

type Named = { id: string; name: string };
type Lesson = {
  timetableLessonId: string; lessonDate: string; date: string; lessonNumber: number; status: string; kind: string;
  subject: Named; teacher: Named; class: Named | null; studyGroup: Named | null;
};
type GridLesson = { key: string; journalLessonId: string | null; timetableLessonId: string | null; plannedDate: string | null; date: string; lessonNumber: number; canWrite: boolean };
type GridCell = { lessonKey: string; studentId: string; marks: { id: string; value: unknown }[]; attendance: string | null };
type Grid = {
  period: { id: string; name: string }; periods: { id: string; startsOn: string; endsOn: string }[]; today: string; currentMarksDaysBack: number;
  students: { id: string; name: string; joinedOn: string | null; leftOn: string | null }[];
  lessons: GridLesson[]; cells: GridCell[]; controlForms: { id: string; weight: number; scaleKind: string }[];
};

const today = new Date().toISOString().slice(0, 10);
let browser: Browser;
let baseUrl = inject('baseUrl');
let server: LessonsServer | null = null;

/** The caller's lessons up to today, from the latest 31-day window back (at most four: a summer holiday) that has any. */
async function recentLessons<T>(get: (path: string) => Promise<{ items: T[] }>): Promise<T[]> {
  for (let back = 0; back < 4; back++) {
    const to = addDays(today, -31 * back);
    const { items } = await get(`lessons?from=${addDays(to, -30)}&to=${to}`);
    if (items.length > 0) return items;
  }
  return [];
}

async function teacherHasLessons(url: string): Promise<boolean> {
  try {
    const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'teacher', password: 'demo' }) });
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const me = await (await fetch(`${url}/api/v1/me`, { headers: { cookie } })).json() as { activeSchoolId: string };
    const lessons = await recentLessons(async (path) => {
      const res = await fetch(`${url}/api/v1/schools/${me.activeSchoolId}/${path}`, { headers: { cookie } });
      return res.ok ? await res.json() as { items: unknown[] } : { items: [] };
    });
    return lessons.length > 0;
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

const unit = (l: Lesson) => l.class?.name ?? l.studyGroup?.name ?? '';
const label = (l: Lesson) => `${l.lessonNumber}-й урок, ${unit(l)}, ${l.subject.name}`;
const gridUrl = (l: { subject: Named; class: Named | null; studyGroup: Named | null }, periodId?: string) =>
  `/journal/grid?subjectId=${l.subject.id}&${l.studyGroup ? `studyGroupId=${l.studyGroup.id}` : `classId=${l.class!.id}`}${periodId ? `&periodId=${periodId}` : ''}`;
const gridApi = (school: string, l: { subject: Named; class: Named | null; studyGroup: Named | null }, periodId?: string) =>
  `${school}/journal/grid?${gridUrl(l, periodId).split('?')[1]}`;
const cellOf = (page: Page, studentId: string, lessonKey: string): Locator =>
  page.locator(`[data-testid="journal-grid"] td[data-student="${studentId}"][data-lesson-key="${lessonKey}"]`);
/** The physical keys of the Russian layout's letters the journey types (ЙЦУКЕН: «н» is on Y, «о» on J). */
const russianKeys: Record<string, { code: string; keyCode: number }> = { н: { code: 'KeyY', keyCode: 89 }, о: { code: 'KeyJ', keyCode: 74 } };

/**
 * Presses each character as a key. A Cyrillic letter is sent as a key of the Russian layout
 * (keydown with its key and text, through the DevTools protocol): Playwright knows only the US one.
 */
async function press(page: Page, text: string): Promise<void> {
  for (const ch of text) {
    const ru = russianKeys[ch];
    if (!ru) {
      await page.keyboard.press(ch);
      continue;
    }
    const cdp = await page.context().newCDPSession(page);
    const key = { key: ch, code: ru.code, windowsVirtualKeyCode: ru.keyCode, nativeVirtualKeyCode: ru.keyCode };
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...key, text: ch, unmodifiedText: ch });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key });
    await cdp.detach();
  }
}
const inLesson = (s: Grid['students'][number], date: string) => (s.joinedOn === null || s.joinedOn <= date) && (s.leftOn === null || date <= s.leftOn);

describe('the class journal', () => {
  it('a teacher keeps a lesson, enters marks by keyboard, is refused after the window and reads a cell\'s history', async () => {
    const { context, page } = await newPage(browser, baseUrl);
    const admin = await newPage(browser, baseUrl);
    let restorePolicy: (() => Promise<void>) | null = null;
    try {
      await logIn(page, 'teacher');
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      const { activeSchoolId } = await call<{ activeSchoolId: string }>(page, 'GET', '/api/v1/me');
      const school = `/api/v1/schools/${activeSchoolId}`;

      // The latest school day up to today with a regular lesson of the teacher's.
      const mine = await recentLessons((path) => call<{ items: Lesson[] }>(page, 'GET', `${school}/${path}`));
      const held = mine.filter((l) => l.status === 'scheduled' && l.kind === 'regular' && l.date <= today);
      expect(held.length, 'the teacher has lessons in the last four months').toBeGreaterThan(0);
      const day = held.map((l) => l.date).sort().at(-1)!;
      const lesson = held.filter((l) => l.date === day).sort((a, b) => a.lessonNumber - b.lessonNumber)[0]!;

      // After a long holiday the latest school day may lie outside the entry window: the
      // administration widens the window for the journey (and puts it back at the end).
      await logIn(admin.page, 'admin');
      await admin.page.waitForURL((u) => !u.pathname.startsWith('/login'));
      const policyUrl = `${school}/mark-entry-policy/${academicYearOfDate(day)}`;
      const policy = await call<{ currentMarksDaysBack: number; periodMarksDaysAfter: number; rounding: unknown; minMarksForPeriodMark: number; isDefault: boolean }>(admin.page, 'GET', policyUrl);
      const gap = Math.round((Date.parse(today) - Date.parse(day)) / 86_400_000);
      if (gap + 1 > policy.currentMarksDaysBack) {
        const { isDefault: _default, ...saved } = policy;
        restorePolicy = () => call(admin.page, 'PUT', policyUrl, saved).then(() => undefined);
        await call(admin.page, 'PUT', policyUrl, { ...saved, currentMarksDaysBack: gap + 3 });
      }

      // The programme the topic comes from: made through the API when the demo has none.
      const nextTopicUrl = `${school}/work-programmes/next-topic?subjectId=${lesson.subject.id}&${lesson.studyGroup ? `studyGroupId=${lesson.studyGroup.id}` : `classId=${lesson.class!.id}`}&date=${lesson.date}&lessonNumber=${lesson.lessonNumber}`;
      const next = await call<{ workProgramme: unknown; topic: { title: string } | null }>(page, 'GET', nextTopicUrl);
      if (next.workProgramme === null) {
        const programme = await call<{ id: string }>(page, 'POST', `${school}/work-programmes`, {
          subjectId: lesson.subject.id, ...(lesson.studyGroup ? { studyGroupId: lesson.studyGroup.id } : { classId: lesson.class!.id }),
          academicYear: academicYearOfDate(lesson.date), title: `${lesson.subject.name}, ${unit(lesson)}`,
        });
        for (const title of ['Натуральные числа и действия с ними', 'Дроби', 'Проценты']) {
          await call(page, 'POST', `${school}/work-programmes/${programme.id}/topics`, { title, hours: 40 });
        }
      }
      const expectedTopic = (await call<{ topic: { title: string } | null }>(page, 'GET', nextTopicUrl)).topic;
      expect(expectedTopic, 'the programme has a next topic').not.toBeNull();

      // «Уроки на дату» → «Открыть в журнале».
      await page.goto('/timetable/day');
      await page.getByLabel('Дата', { exact: true }).fill(day);
      await page.getByRole('button', { name: `Открыть в журнале: ${label(lesson)}` }).click();
      await page.waitForURL(/\/journal\/lessons\/[0-9a-f-]{36}$/, { timeout: 15_000 });
      const journalLessonId = page.url().split('/').at(-1)!;
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 }).toBe(`${lesson.subject.name}, ${unit(lesson)}`);

      // The topic from the programme.
      await page.getByRole('button', { name: 'Из программы' }).click();
      await page.getByRole('button', { name: `Выбрать тему: ${expectedTopic!.title}` }).click();
      await expect.poll(() => page.getByLabel('Тема', { exact: true }).inputValue(), { timeout: 10_000 }).toBe(expectedTopic!.title);
      const detail = await call<{
        lesson: { topic: string | null; plannedTopicId: string | null }; students: { id: string; name: string }[];
        attendance: { studentId: string; code: string; minutesLate: number | null }[];
      }>(page, 'GET', `${school}/journal/lessons/${journalLessonId}`);
      expect(detail.lesson.topic).toBe(expectedTopic!.title);
      expect(detail.lesson.plannedTopicId).not.toBeNull();
      expect(detail.students.length).toBeGreaterThanOrEqual(5);

      // Attendance: the first student absent, the second 10 minutes late, the others as they were — one request.
      const [first, second] = detail.students;
      await page.getByRole('radiogroup', { name: `Посещаемость: ${first!.name}` }).getByText('Н', { exact: true }).click();
      await page.getByRole('radiogroup', { name: `Посещаемость: ${second!.name}` }).getByText('О', { exact: true }).click();
      await page.getByLabel(`Опоздание, минут: ${second!.name}`).fill('10');
      await page.getByRole('button', { name: 'Сохранить посещаемость' }).click();
      await expect.poll(() => page.getByText('Посещаемость сохранена').count(), { timeout: 10_000 }).toBe(1);
      const column = await call<{ attendance: { studentId: string; code: string; minutesLate: number | null }[]; lesson: { attendanceTakenAt: string | null } }>(page, 'GET', `${school}/journal/lessons/${journalLessonId}`);
      expect(column.lesson.attendanceTakenAt).not.toBeNull();
      const expected = new Map(detail.attendance.map((a) => [a.studentId, [a.studentId, a.code, a.minutesLate]]));
      expected.set(first!.id, [first!.id, 'Н', null]);
      expected.set(second!.id, [second!.id, 'О', 10]);
      expect(column.attendance.map((a) => [a.studentId, a.code, a.minutesLate]).sort()).toEqual([...expected.values()].sort());

      // Homework, due by the next lesson (the panel's default).
      const homework = page.getByRole('region', { name: 'Домашнее задание' });
      await homework.getByRole('form', { name: 'Задать домашнее задание' }).getByLabel('Задание').fill('№ 245, 247 — решить, записать ответы');
      await homework.getByRole('button', { name: 'Задать' }).click();
      await expect.poll(() => homework.getByText('№ 245, 247 — решить, записать ответы').count(), { timeout: 10_000 }).toBeGreaterThan(0);

      // The grid: rendered in full and timed.
      const started = Date.now();
      await page.getByRole('link', { name: `Журнал ${unit(lesson)}: ${lesson.subject.name}` }).click();
      let grid = await call<Grid>(page, 'GET', gridApi(school, lesson));
      // The grid opens on today's term; in the holidays the lesson's term is chosen on the page.
      if (!grid.lessons.some((l) => l.journalLessonId === journalLessonId)) {
        const term = grid.periods.find((p) => p.startsOn <= day && day <= p.endsOn);
        expect(term, `a term of ${day}`).toBeDefined();
        await page.getByLabel('Период', { exact: true }).selectOption(term!.id);
        grid = await call<Grid>(page, 'GET', gridApi(school, lesson, term!.id));
      }
      const cells = page.locator('[data-testid="journal-grid"] td[role="gridcell"]');
      await expect.poll(() => cells.count(), { timeout: 20_000 }).toBe(grid.students.length * grid.lessons.length);
      console.log(`journal e2e: grid ${grid.students.length} students × ${grid.lessons.length} lessons shown in ${Date.now() - started} ms`);

      // Moving the cursor redraws only the rows it leaves and enters: timed, not asserted.
      await cellOf(page, grid.students[0]!.id, grid.lessons[0]!.key).click();
      const moves = Math.min(30, grid.lessons.length - 1);
      const moveStart = Date.now();
      for (let i = 0; i < moves; i++) await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => page.getByTestId('journal-grid').getAttribute('aria-activedescendant'), { timeout: 5_000 }).toBe(`jc-1-${moves}`);
      console.log(`journal e2e: ${moves + 1} cursor moves in ${Date.now() - moveStart} ms`);

      // Keyboard entry in the lesson's column: «5», Enter, «4/5», Enter, «н», Enter — each moves down.
      const col = grid.lessons.find((l) => l.journalLessonId === journalLessonId)!;
      expect(col, 'the lesson is a column of the grid').toBeDefined();
      // Three present students (the demo's journal may have marks there already: typing replaces them).
      const rows = grid.students.filter((s) => inLesson(s, col.date) && s.id !== first!.id && s.id !== second!.id
        && !grid.cells.some((x) => x.lessonKey === col.key && x.studentId === s.id && x.attendance !== null)).slice(0, 3);
      expect(rows.length, `present students of the lesson on ${col.date}`).toBe(3);
      const [a, b, c] = rows as [Grid['students'][number], Grid['students'][number], Grid['students'][number]];
      await cellOf(page, a.id, col.key).click();
      await press(page, '5');
      await page.keyboard.press('Enter');
      await press(page, '4/5');
      await page.keyboard.press('Enter');
      await press(page, 'н');
      await page.keyboard.press('Enter');
      await expect.poll(() => cellOf(page, a.id, col.key).textContent(), { timeout: 10_000 }).toBe('5');
      await expect.poll(() => cellOf(page, b.id, col.key).textContent(), { timeout: 10_000 }).toBe('4/5');
      // A code keeps the marks the cell had (a mark for earlier work may stand beside an absence).
      await expect.poll(() => cellOf(page, c.id, col.key).textContent(), { timeout: 10_000 }).toMatch(/^Н( |$)/);
      const stored = async () => {
        const d = await call<{ marks: { studentId: string; value: unknown }[]; attendance: { studentId: string; code: string }[] }>(page, 'GET', `${school}/journal/lessons/${journalLessonId}`);
        return {
          a: d.marks.filter((m) => m.studentId === a.id).map((m) => m.value),
          b: d.marks.filter((m) => m.studentId === b.id).map((m) => m.value),
          c: d.attendance.filter((x) => x.studentId === c.id).map((x) => x.code),
        };
      };
      await expect.poll(stored, { timeout: 10_000 }).toEqual({ a: [5], b: [4, 5], c: ['Н'] });

      // A change and Ctrl+Z: «5» → «4», then back to «5» by the reverse change.
      await cellOf(page, a.id, col.key).click();
      await press(page, '4');
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await stored()).a, { timeout: 10_000 }).toEqual([4]);
      await page.keyboard.press('Control+z');
      await expect.poll(async () => (await stored()).a, { timeout: 10_000 }).toEqual([5]);
      await expect.poll(() => cellOf(page, a.id, col.key).textContent(), { timeout: 10_000 }).toBe('5');

      // Delete clears a cell: «4/5» goes, both marks deleted.
      await cellOf(page, b.id, col.key).click();
      await page.keyboard.press('Delete');
      await expect.poll(async () => (await stored()).b, { timeout: 10_000 }).toEqual([]);
      await expect.poll(() => cellOf(page, b.id, col.key).getAttribute('data-value'), { timeout: 10_000 }).toBe('');

      // The cell's history shows the mark given, changed and changed back, by the teacher.
      await cellOf(page, a.id, col.key).click();
      await page.keyboard.press('Alt+Enter');
      const history = page.getByRole('dialog').getByTestId('cell-history');
      await expect.poll(() => history.locator('tbody tr').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
      const lines = await history.locator('tbody tr').allTextContents();
      expect(lines[0]).toMatch(/учитель · отметка изменено4 \(.*\)5 \(/);
      expect(lines[1]).toMatch(/учитель · отметка изменено5 \(.*\)4 \(/);
      expect(lines[2]).toMatch(/учитель · отметка (поставлено|изменено)/);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByRole('dialog').count(), { timeout: 5_000 }).toBe(0);

      // A lesson older than the entry window: the administrator puts a mark there with a reason…
      const adminMe = await call<{ activeSchoolId: string }>(admin.page, 'GET', '/api/v1/me');
      expect(adminMe.activeSchoolId).toBe(activeSchoolId);
      const closedBefore = addDays(grid.today, -grid.currentMarksDaysBack);
      let oldGrid = grid;
      let old = grid.lessons.filter((l) => l.date < closedBefore && l.date >= addDays(day, -60)).at(-1);
      if (!old) {
        const earlier = grid.periods.filter((p) => p.endsOn < closedBefore).at(-1);
        expect(earlier, 'a term before the entry window').toBeDefined();
        oldGrid = await call<Grid>(page, 'GET', gridApi(school, lesson, earlier!.id));
        old = oldGrid.lessons.at(-1);
      }
      expect(old, 'a lesson older than the entry window').toBeDefined();
      const student = oldGrid.students.find((s) => inLesson(s, old!.date) && !oldGrid.cells.some((x) => x.lessonKey === old!.key && x.studentId === s.id))
        ?? oldGrid.students.find((s) => inLesson(s, old!.date))!;
      const oldLessonId = old!.journalLessonId
        ?? (await call<{ id: string }>(admin.page, 'POST', `${school}/journal/lessons`, { timetableLessonId: old!.timetableLessonId, date: old!.plannedDate })).id;
      const form = oldGrid.controlForms.find((f) => f.scaleKind === 'five' && f.weight === 1) ?? oldGrid.controlForms.find((f) => f.scaleKind === 'five')!;
      await call(admin.page, 'POST', `${school}/journal/marks`,
        { journalLessonId: oldLessonId, studentId: student.id, controlFormId: form.id, value: 3, reason: 'Исправление по заявлению родителей' },
        { 'Idempotency-Key': `e2e-${Date.now()}` });

      // …the teacher tries to change it and is refused in Russian; the cell goes back.
      await page.goto(gridUrl(lesson, oldGrid.period.id));
      const oldKey = (await call<Grid>(page, 'GET', gridApi(school, lesson, oldGrid.period.id))).lessons
        .find((l) => l.journalLessonId === oldLessonId)!.key;
      const oldCell = cellOf(page, student.id, oldKey);
      await expect.poll(() => oldCell.textContent(), { timeout: 15_000 }).toMatch(/3/);
      const before = await oldCell.getAttribute('data-value');
      await oldCell.click();
      await press(page, '5');
      await page.keyboard.press('Enter');
      const refusal = page.locator('[data-cell-error]');
      await expect.poll(() => refusal.textContent(), { timeout: 10_000 }).toMatch(/Срок выставления отметок за урок .* истёк/);
      await expect.poll(() => oldCell.getAttribute('data-value'), { timeout: 10_000 }).toBe(before);
      const kept = await call<{ marks: { studentId: string; value: unknown }[] }>(page, 'GET', `${school}/journal/lessons/${oldLessonId}`);
      expect(kept.marks.filter((m) => m.studentId === student.id).map((m) => m.value)).toContain(3);
      expect(kept.marks.filter((m) => m.studentId === student.id).map((m) => m.value)).not.toContain(5);

      // Its history names the administrator's mark and the reason.
      await oldCell.click();
      await page.keyboard.press('Alt+Enter');
      const oldHistory = page.getByRole('dialog').getByTestId('cell-history');
      await expect.poll(() => oldHistory.textContent(), { timeout: 10_000 }).toContain('Причина: Исправление по заявлению родителей');
      expect(await oldHistory.textContent()).toContain('администратор журнала');
    } finally {
      await restorePolicy?.();
      await admin.context.close();
      await context.close();
    }
  }, 150_000);

  it('a class teacher reads every subject of their class, and cannot type into another teacher\'s journal', async () => {
    const { context, page } = await newPage(browser, baseUrl);
    try {
      await logIn(page, 'classteacher');
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      await page.goto('/journal');
      const readOnly = page.getByRole('link', { name: /^Журнал: .*, только просмотр$/ });
      await expect.poll(() => readOnly.count(), { timeout: 10_000 }).toBeGreaterThan(0);
      await readOnly.first().click();
      await expect.poll(() => page.getByText('Журнал открыт только для просмотра').count(), { timeout: 15_000 }).toBe(1);
      const box = page.getByTestId('journal-grid');
      await expect.poll(() => box.locator('td[role="gridcell"]').count(), { timeout: 20_000 }).toBeGreaterThan(0);
      const cell = box.locator('td[role="gridcell"]').first();
      const before = await cell.getAttribute('data-value');
      await cell.click();
      await press(page, '5');
      await page.keyboard.press('Delete');
      expect(await page.getByLabel('Отметка или код посещаемости').count()).toBe(0);
      expect(await cell.getAttribute('data-value')).toBe(before);
      expect(await box.getAttribute('aria-readonly')).toBe('true');
    } finally {
      await context.close();
    }
  });

  it('on a phone the grid scrolls sideways with the names in place, and the lesson page fits', async () => {
    const { context, page } = await newPage(browser, baseUrl, { width: 390, height: 844 });
    try {
      await logIn(page, 'teacher');
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      const { activeSchoolId } = await call<{ activeSchoolId: string }>(page, 'GET', '/api/v1/me');
      const school = `/api/v1/schools/${activeSchoolId}`;
      const grids = await call<{ items: { subject: Named; class: Named | null; studyGroup: Named | null; canWrite: boolean }[] }>(page, 'GET', `${school}/journal/grids`);
      const choice = grids.items.find((g) => g.canWrite)!;
      expect(choice).toBeDefined();
      await page.goto('/journal');
      await expect.poll(() => page.getByRole('heading', { name: 'Журнал', level: 1 }).count(), { timeout: 10_000 }).toBe(1);
      const unitName = choice.class?.name ?? choice.studyGroup?.name ?? '';
      await page.getByRole('link', { name: `Журнал: ${unitName}, ${choice.subject.name}` }).click();
      const box = page.getByTestId('journal-grid');
      await expect.poll(() => box.locator('td[role="gridcell"]').count(), { timeout: 20_000 }).toBeGreaterThan(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      const widths = await box.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      expect(widths.scroll).toBeGreaterThan(widths.client);
      const name = box.locator('tbody th[role="rowheader"]').first();
      const leftBefore = (await name.boundingBox())!.x;
      await box.evaluate((el) => { el.scrollLeft = 0; el.scrollLeft = 300; });
      await expect.poll(() => box.evaluate((el) => el.scrollLeft), { timeout: 5_000 }).toBeGreaterThan(0);
      expect(Math.abs((await name.boundingBox())!.x - leftBefore)).toBeLessThan(2);

      // A lesson's page on the phone: the attendance list and its button are there without sideways scrolling.
      const headLink = box.locator('thead a[href^="/journal/lessons/"]').first();
      if (await headLink.count() > 0) {
        await page.goto((await headLink.getAttribute('href'))!);
        await expect.poll(() => page.getByRole('list', { name: 'Ученики' }).count(), { timeout: 10_000 }).toBe(1);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      }
    } finally {
      await context.close();
    }
  });
});

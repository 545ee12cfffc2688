// A mark's comment and КЭС codes from the journal grid (issue 6 item 3): the demo teacher selects a
// mark in a grid whose class has a work programme with a codifier, opens its details by keyboard
// (Shift+Enter), types a comment with HTML in it and picks a КЭС code from the codifier; a save
// against a version someone changed meanwhile is refused in Russian, the next one lands. After a
// reload the cell carries the comment's marker and the comment (as typed, never as markup), the
// dialog shows both again, and the cell's history shows the change. On a phone the dialog fills the
// screen; a class teacher reads the details in a read-only journal without fields to edit.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, launchBrowser, logIn, newPage } from './browser';

type Named = { id: string; name: string };
type GridRef = { subject: Named; class: Named | null; studyGroup: Named | null; canWrite: boolean };
type GridLesson = { key: string; journalLessonId: string | null; date: string; canWrite: boolean; isControlWork: boolean };
type GridMark = { id: string; value: unknown; comment: string | null; version: number };
type Grid = {
  period: { id: string; startsOn: string };
  students: { id: string; name: string; joinedOn: string | null; leftOn: string | null }[];
  lessons: GridLesson[]; cells: { lessonKey: string; studentId: string; marks: GridMark[] }[];
  controlForms: { id: string; weight: number; scaleKind: string }[];
};
type Programme = { subject: Named; class: Named | null; studyGroup: Named | null; codifier: Named | null };
type Mark = { id: string; studentId: string; comment: string | null; contentElementCodes: string[]; version: number };

const comment = '<b>молодец</b>';
let browser: Browser;
const baseUrl = inject('baseUrl');

beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

const sameUnit = (a: { class: Named | null; studyGroup: Named | null }, b: { class: Named | null; studyGroup: Named | null }) =>
  (a.class !== null && a.class.id === b.class?.id) || (a.studyGroup !== null && a.studyGroup.id === b.studyGroup?.id);
const gridQuery = (g: GridRef) => `subjectId=${g.subject.id}&${g.studyGroup ? `studyGroupId=${g.studyGroup.id}` : `classId=${g.class!.id}`}`;
const cellOf = (page: Page, studentId: string, lessonKey: string): Locator =>
  page.locator(`[data-testid="journal-grid"] td[data-student="${studentId}"][data-lesson-key="${lessonKey}"]`);

async function signIn(page: Page, login: string): Promise<string> {
  await logIn(page, login);
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  const { activeSchoolId } = await call<{ activeSchoolId: string }>(page, 'GET', '/api/v1/me');
  return `/api/v1/schools/${activeSchoolId}`;
}

/** Opens the grid and waits until its cells are drawn. */
async function openGrid(page: Page, g: GridRef, grid: Grid): Promise<void> {
  await page.goto(`/journal/grid?${gridQuery(g)}&periodId=${grid.period.id}`);
  await expect.poll(() => page.locator('[data-testid="journal-grid"] td[role="gridcell"]').count(), { timeout: 20_000 })
    .toBe(grid.students.length * grid.lessons.length);
}

/** Picks a code in the dialog's КЭС field by typing it and choosing its option. */
async function pickCode(page: Page, dialog: Locator, code: { code: string; title: string }): Promise<void> {
  await dialog.getByLabel('Коды КЭС', { exact: true }).click();
  await page.keyboard.type(code.code);
  await page.getByRole('option', { name: `${code.code} ${code.title}`, exact: true }).click();
}

describe('a mark\'s comment and КЭС codes', () => {
  it('a teacher comments a mark and tags it with a КЭС code by keyboard; the grid and the history show it', async () => {
    const { context, page } = await newPage(browser, baseUrl);
    try {
      const school = await signIn(page, 'teacher');

      // A journal of the teacher's whose class (group) has a work programme with a codifier.
      const grids = (await call<{ items: GridRef[] }>(page, 'GET', `${school}/journal/grids`)).items.filter((g) => g.canWrite);
      const programmes = (await call<{ items: Programme[] }>(page, 'GET', `${school}/work-programmes`)).items.filter((p) => p.codifier !== null);
      const g = grids.find((x) => programmes.some((p) => p.subject.id === x.subject.id && sameUnit(p, x)));
      expect(g, 'a journal of the teacher with a codifier in its work programme').toBeDefined();
      const programme = programmes.find((p) => p.subject.id === g!.subject.id && sameUnit(p, g!))!;
      const codifier = await call<{ items: { code: string; title: string }[] }>(page, 'GET', `${school}/codifiers/${programme.codifier!.id}`);
      expect(codifier.items.length).toBeGreaterThan(0);

      // A mark of one value alone in its cell, at an open lesson that is no control work; one is put when there is none.
      let grid = await call<Grid>(page, 'GET', `${school}/journal/grid?${gridQuery(g!)}`);
      const open = grid.lessons.filter((l) => l.canWrite && l.journalLessonId !== null && !l.isControlWork);
      expect(open.length, 'an open journal lesson').toBeGreaterThan(0);
      let found = open.flatMap((l) => grid.cells
        .filter((c) => c.lessonKey === l.key && c.marks.length === 1 && c.marks[0]!.value !== null && c.marks[0]!.comment === null)
        .map((c) => ({ lesson: l, studentId: c.studentId }))).at(-1);
      if (!found) {
        const lesson = open.at(-1)!;
        const student = grid.students.find((s) => (s.joinedOn === null || s.joinedOn <= lesson.date) && (s.leftOn === null || lesson.date <= s.leftOn)
          && !grid.cells.some((c) => c.lessonKey === lesson.key && c.studentId === s.id))!;
        const form = grid.controlForms.find((f) => f.scaleKind === 'five')!;
        await call(page, 'POST', `${school}/journal/marks`, { journalLessonId: lesson.journalLessonId, studentId: student.id, controlFormId: form.id, value: 4 },
          { 'Idempotency-Key': `e2e-details-${Date.now()}` });
        grid = await call<Grid>(page, 'GET', `${school}/journal/grid?${gridQuery(g!)}&periodId=${grid.period.id}`);
        found = { lesson, studentId: student.id };
      }
      const { lesson, studentId } = found;
      const marksUrl = `${school}/journal/lessons/${lesson.journalLessonId}`;
      const markOf = async () => (await call<{ marks: Mark[] }>(page, 'GET', marksUrl)).marks.find((m) => m.studentId === studentId)!;
      const before = await markOf();
      const code = codifier.items.find((e) => !before.contentElementCodes.includes(e.code))!;

      await openGrid(page, g!, grid);
      const cell = cellOf(page, studentId, lesson.key);
      expect(await cell.getAttribute('data-commented')).toBeNull();

      // Shift+Enter on the selected cell opens its marks' details.
      await cell.click();
      await page.keyboard.press('Shift+Enter');
      const dialog = page.getByRole('dialog');
      await expect.poll(() => dialog.getByLabel('Комментарий').count(), { timeout: 10_000 }).toBe(1);
      expect(await page.getByLabel('Отметка или код посещаемости').count(), 'Shift+Enter opens no input in the cell').toBe(0);
      await dialog.getByLabel('Комментарий').click();
      await page.keyboard.type(comment);
      await pickCode(page, dialog, code);

      // Meanwhile the mark changes elsewhere: the save is refused with the server's message, nothing written.
      await call(page, 'PATCH', `${school}/journal/marks/${before.id}`, { comment: 'из другой вкладки' }, { 'If-Match': String(before.version) });
      await dialog.getByRole('button', { name: 'Сохранить' }).click();
      await expect.poll(() => dialog.getByRole('alert').first().textContent(), { timeout: 10_000 }).toMatch(/уже изменили/);
      expect((await markOf()).comment).toBe('из другой вкладки');

      // The dialog shows the mark as it now is (the other comment, the code not picked); typed again, it saves.
      await expect.poll(() => dialog.getByLabel('Комментарий').inputValue(), { timeout: 10_000 }).toBe('из другой вкладки');
      await dialog.getByLabel('Комментарий').fill('');
      await dialog.getByLabel('Комментарий').click();
      await page.keyboard.type(comment);
      await pickCode(page, dialog, code);
      await dialog.getByRole('button', { name: 'Сохранить' }).click();
      await expect.poll(() => dialog.getByRole('status').count(), { timeout: 10_000 }).toBe(1);
      const saved = await markOf();
      expect(saved.comment).toBe(comment);
      expect(saved.contentElementCodes).toContain(code.code);
      // Shown as typed: no <b> element holds it anywhere on the page.
      expect(await page.locator('b', { hasText: 'молодец' }).count()).toBe(0);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByRole('dialog').count(), { timeout: 5_000 }).toBe(0);

      // A reload: the cell carries the marker and the comment in its title and label.
      await page.reload();
      await expect.poll(() => cell.getAttribute('data-commented'), { timeout: 20_000 }).toBe('true');
      expect(await cell.getAttribute('title')).toBe(`Комментарий: ${comment}`);
      expect(await cell.getAttribute('aria-label')).toContain(`комментарий: ${comment}`);
      expect(await cell.locator('span[aria-hidden]').count()).toBe(1);

      // The details again, by keyboard: the comment and the code as saved.
      await cell.click();
      await page.keyboard.press('Shift+Enter');
      await expect.poll(() => dialog.getByLabel('Комментарий').inputValue(), { timeout: 10_000 }).toBe(comment);
      await expect.poll(() => dialog.textContent(), { timeout: 10_000 }).toContain(`${code.code} ${code.title}`);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByRole('dialog').count(), { timeout: 5_000 }).toBe(0);

      // The cell's history: the teacher's change to the comment, newest first.
      await cell.click();
      await page.keyboard.press('Alt+Enter');
      const history = page.getByRole('dialog').getByTestId('cell-history');
      await expect.poll(() => history.locator('tbody tr').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
      const lines = await history.locator('tbody tr').allTextContents();
      expect(lines[0]).toContain('учитель · отметка изменено');
      expect(lines[0]).toContain(`«из другой вкладки»`);
      expect(lines[0]).toContain(`«${comment}»`);
      expect(await history.locator('b', { hasText: 'молодец' }).count()).toBe(0);

      // On a phone the dialog fills the screen and the page does not scroll sideways.
      const phone = await newPage(browser, baseUrl, { width: 390, height: 844 });
      try {
        await signIn(phone.page, 'teacher');
        await openGrid(phone.page, g!, grid);
        await cellOf(phone.page, studentId, lesson.key).click();
        await phone.page.keyboard.press('Shift+Enter');
        const box = phone.page.getByRole('dialog');
        await expect.poll(() => box.getByLabel('Комментарий').count(), { timeout: 10_000 }).toBe(1);
        const size = (await box.boundingBox())!;
        expect(size.width).toBeGreaterThanOrEqual(380);
        expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      } finally {
        await phone.context.close();
      }
    } finally {
      await context.close();
    }
  }, 120_000);

  it('a class teacher reads a mark\'s details in a read-only journal, with nothing to edit', async () => {
    const { context, page } = await newPage(browser, baseUrl);
    try {
      const school = await signIn(page, 'classteacher');
      const grids = (await call<{ items: GridRef[] }>(page, 'GET', `${school}/journal/grids`)).items.filter((g) => !g.canWrite);
      expect(grids.length, 'a read-only journal of the class teacher').toBeGreaterThan(0);
      let chosen: { g: GridRef; grid: Grid; cell: Grid['cells'][number] } | null = null;
      for (const g of grids) {
        const grid = await call<Grid>(page, 'GET', `${school}/journal/grid?${gridQuery(g)}`);
        const cell = grid.cells.find((c) => c.marks.length > 0);
        if (cell) { chosen = { g, grid, cell }; break; }
      }
      expect(chosen, 'a read-only journal with marks').not.toBeNull();
      const { g, grid, cell: withMarks } = chosen!;
      await openGrid(page, g, grid);
      await expect.poll(() => page.getByText('Журнал открыт только для просмотра').count(), { timeout: 10_000 }).toBe(1);
      await cellOf(page, withMarks.studentId, withMarks.lessonKey).click();
      await page.keyboard.press('Shift+Enter');
      const dialog = page.getByRole('dialog');
      await expect.poll(() => dialog.locator('[data-mark]').count(), { timeout: 10_000 }).toBe(withMarks.marks.length);
      const first = withMarks.marks[0]!;
      expect(await dialog.getByTestId('mark-comment').first().textContent()).toBe(first.comment ? `Комментарий: ${first.comment}` : 'Без комментария');
      expect(await dialog.getByLabel('Комментарий').count()).toBe(0);
      expect(await dialog.getByRole('button', { name: 'Сохранить' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});

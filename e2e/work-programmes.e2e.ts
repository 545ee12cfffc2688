// Work programmes (issue 6, SPEC B13, D6): the demo teacher opens «Рабочие программы», makes the
// programme of a class they teach from the load, loads a КЭС codifier from a CSV file, chooses it
// for the programme, adds two topics with КЭС codes, moves the second above the first with Alt+↑,
// downloads the lesson plan as XLSX (the file arrives with the topics in the new order) and sees the
// planned hours; the page fits a phone. When the demo already has a programme for every row of the
// teacher's load, the journal administrator first gives the teacher one more row (taken away after).
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { call, launchBrowser, logIn, newPage } from './browser';

type Named = { id: string; name: string };
type LoadRow = { teachingLoadId: string; employee: { id: string }; subject: Named; class: Named | null; studyGroup: Named | null; workProgrammeId: string | null };
type Programme = { id: string; version: number; codifier: Named | null };

const baseUrl = inject('baseUrl');
const stamp = Date.now().toString(36);
const codifierName = `КЭС e2e ${stamp}`;
let browser: Browser;
let admin: { context: BrowserContext; page: Page };
let teacher: { context: BrowserContext; page: Page };
let schoolId = '';
let row: LoadRow;
let addedLoadId: string | null = null;
let programmeId: string | null = null;

const api = (path: string) => `/api/v1/schools/${schoolId}${path}`;

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await newPage(browser, baseUrl);
  teacher = await newPage(browser, baseUrl);
  await logIn(admin.page, 'admin');
  await admin.page.waitForURL((url) => url.pathname === '/');
  await logIn(teacher.page, 'teacher');
  await teacher.page.waitForURL((url) => url.pathname === '/');
  schoolId = (await call<{ activeSchoolId: string }>(teacher.page, 'GET', '/api/v1/me')).activeSchoolId;
  const load = await call<{ items: LoadRow[] }>(teacher.page, 'GET', api('/work-programmes/load'));
  const free = load.items.find((r) => r.workProgrammeId === null && r.class !== null);
  if (free) {
    row = free;
    return;
  }
  // Every row has its programme: one more row of the teacher's subject, in a class they do not teach it to.
  const mine = load.items[0]!;
  const classes = await call<{ items: { id: string; name: string }[] }>(admin.page, 'GET', api('/classes'));
  const taught = new Set(load.items.filter((r) => r.subject.id === mine.subject.id).map((r) => r.class?.id));
  const target = classes.items.find((c) => !taught.has(c.id))!;
  const made = await call<{ id: string }>(admin.page, 'POST', api('/teaching-loads'), {
    employeeId: mine.employee.id, subjectId: mine.subject.id, classId: target.id, hoursPerWeek: 1,
  });
  addedLoadId = made.id;
  row = (await call<{ items: LoadRow[] }>(teacher.page, 'GET', api('/work-programmes/load'))).items.find((r) => r.teachingLoadId === made.id)!;
}, 120_000);

afterAll(async () => {
  try {
    if (programmeId) {
      const p = await call<Programme>(teacher.page, 'GET', api(`/work-programmes/${programmeId}`));
      await call(teacher.page, 'DELETE', api(`/work-programmes/${programmeId}`), {}, { 'if-match': `"${p.version}"` });
      if (p.codifier) await call(teacher.page, 'DELETE', api(`/codifiers/${p.codifier.id}`), {});
    }
    if (addedLoadId) await call(admin.page, 'DELETE', api(`/teaching-loads/${addedLoadId}`), {});
  } finally {
    await browser?.close();
  }
});

const kesCsv = ['Код;Название;Раздел', '1;Грамматика;да', '1.1;Времена глагола;', '2;Лексика;да', '2.1;Семья и друзья;', ''].join('\r\n');

describe('the subject teacher', () => {
  it('makes a programme from the load, loads a codifier, adds topics with КЭС codes, re-orders one and downloads the plan', async () => {
    const { page } = teacher;
    const unit = row.class!.name;
    await page.goto('/journal/programmes');
    await expect.poll(() => page.getByRole('heading', { name: 'Рабочие программы', level: 1 }).isVisible()).toBe(true);
    await page.getByRole('button', { name: `Создать программу: ${unit}, ${row.subject.name}`, exact: true }).click();
    await page.waitForURL(/\/journal\/programmes\/[0-9a-f-]{36}$/);
    programmeId = page.url().split('/').at(-1)!;
    const programmeUrl = page.url();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(row.subject.name);

    // The codifier: checked first, then loaded.
    await page.getByRole('link', { name: 'Загрузить кодификатор' }).click();
    await page.waitForURL(/\/journal\/codifiers$/);
    await page.getByLabel('Название').fill(codifierName);
    await page.getByLabel('Файл').setInputFiles({ name: 'kes.csv', mimeType: 'text/csv', buffer: Buffer.from(kesCsv, 'utf8') });
    await page.getByRole('button', { name: 'Проверить' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Файл в порядке' }).textContent()).toContain('элементов 4, из них разделов 2');
    await page.getByRole('button', { name: 'Загрузить', exact: true }).click();
    await expect.poll(() => page.getByText(`Загружен «${codifierName}»: элементов 4`).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('region', { name: 'Кодификаторы' }).getByText(codifierName).isVisible()).toBe(true);

    // Back to the programme: its codes come from the new codifier.
    await page.goto(programmeUrl);
    const codifierSelect = page.getByLabel('Кодификатор КЭС');
    await expect.poll(async () => (await codifierSelect.locator('option').allTextContents()).includes(codifierName)).toBe(true);
    await codifierSelect.selectOption({ label: codifierName });
    await expect.poll(() => codifierSelect.inputValue()).not.toBe('');

    const form = page.getByRole('form', { name: 'Новая тема' });
    const addTopic = async (title: string, hours: string, code: RegExp) => {
      await form.getByRole('textbox', { name: /^Тема/ }).fill(title);
      await form.getByRole('textbox', { name: /^Часы/ }).fill(hours);
      await form.getByLabel('Коды КЭС').click();
      await page.getByRole('option', { name: code }).click();
      await page.keyboard.press('Escape');
      await form.getByRole('button', { name: 'Добавить тему' }).click();
      await expect.poll(() => page.getByRole('row', { name: new RegExp(`^Тема \\d+: ${title}$`) }).isVisible()).toBe(true);
    };
    await addTopic('Времена глагола: повторение', '2', /^1\.1 /);
    await addTopic('Моя семья', '3', /^2\.1 /);
    const table = page.getByRole('table', { name: 'Темы программы' });
    const titles = async () => (await table.getByRole('row').allTextContents()).slice(1);
    await expect.poll(titles).toEqual([
      expect.stringMatching(/^1Времена глагола: повторение21\.1/), expect.stringMatching(/^2Моя семья32\.1/),
    ]);

    // Re-order by keyboard: the second topic goes up.
    await page.getByRole('row', { name: 'Тема 2: Моя семья' }).focus();
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(titles).toEqual([expect.stringMatching(/^1Моя семья/), expect.stringMatching(/^2Времена глагола/)]);
    await expect.poll(() => page.getByRole('row', { name: 'Тема 1: Моя семья' }).evaluate((el) => el === document.activeElement)).toBe(true);

    // Planned hours.
    await expect.poll(() => page.getByLabel('По плану: 5 ч').isVisible()).toBe(true);

    // The lesson plan arrives as XLSX, in the new order.
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Скачать КТП (XLSX)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^ktp-\d{4}-\d{4}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await file.path());
    const sheet = book.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['№', 'Раздел', 'Тема', 'Часы', 'КЭС', 'Контроль']);
    expect(sheet.getRow(2).getCell(3).value).toBe('Моя семья');
    expect(sheet.getRow(2).getCell(5).value).toBe('2.1');
    expect(sheet.getRow(3).getCell(4).value).toBe(2);
  });

  it('reads the programme on a phone without the page scrolling sideways', async () => {
    const { context, page } = await newPage(browser, baseUrl, { width: 375, height: 760 });
    try {
      await logIn(page, 'teacher');
      await page.waitForURL((url) => url.pathname === '/');
      await page.goto(`/journal/programmes/${programmeId}`);
      await expect.poll(() => page.getByRole('table', { name: 'Темы программы' }).isVisible()).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(376);
    } finally {
      await context.close();
    }
  });
});


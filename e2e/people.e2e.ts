// Journeys of people and access (issue 3): the journal administrator loads a Контингент XLSX,
// reviews the dry run and applies it; grants a teacher role and issues credentials; the new
// teacher signs in with the one-time password and must change it first.
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { snilsCheck } from '../domain/person';
import { launchBrowser, logIn, newPage } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

/** Calls the API from the page, inside its session. */
const apiGet = <T>(page: Page, url: string): Promise<T> =>
  page.evaluate(async (u) => {
    const res = await fetch(u, { credentials: 'same-origin' });
    if (!res.ok) throw new Error(`${u}: ${res.status}`);
    return res.json();
  }, url) as Promise<T>;

/** A valid СНИЛС from nine digits. */
const snils = (nine: string): string => `${nine.slice(0, 3)}-${nine.slice(3, 6)}-${nine.slice(6, 9)} ${String(snilsCheck(nine)).padStart(2, '0')}`;

/** A Контингент export as a school would get it: two good rows and three the dry run must reject. */
async function contingentXlsx(dir: string): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Контингент');
  sheet.addRow(['Выгрузка из АИС «Контингент»']);
  sheet.addRow(['Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Пол', 'СНИЛС', 'Класс', 'E-mail']);
  sheet.addRow(['Новикова', 'Алиса', 'Игоревна', '12.03.2015', 'ж', snils('271828182'), '5А', '']);
  sheet.addRow(['Ершов', 'Денис', 'Олегович', '01.02.2016', 'м', '', '4Б', 'ershov.d@example.ru']);
  sheet.addRow(['', 'Пётр', 'Иванович', '05.05.2015', 'м', '', '5А', '']);
  sheet.addRow(['Лукина', 'Вера', 'Павловна', '07.07.2015', 'ж', '', '5А', 'не-адрес']);
  sheet.addRow(['Зуев', 'Глеб', 'Антонович', '08.08.2015', 'м', '', '5Я', '']);
  const path = join(dir, 'kontingent.xlsx');
  await book.xlsx.writeFile(path);
  return path;
}

type Staff = { employees: { id: string; lastName: string; firstName: string; middleName: string | null; account: unknown }[] };

describe('the journal administrator', () => {
  it('loads a Контингент XLSX, reviews the rejected rows and why, and applies the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'otmetka-e2e-'));
    const { context, page } = await newPage(browser, baseUrl);
    try {
      const file = await contingentXlsx(dir);
      await logIn(page, 'admin');
      await page.waitForURL((url) => url.pathname === '/');
      await page.getByRole('navigation', { name: 'Основное меню' }).getByRole('link', { name: 'Люди и доступ' }).click();
      await page.getByRole('link', { name: 'Импорт' }).first().click();
      await page.waitForURL(/\/org\/imports$/);
      await page.getByLabel('Что загружаем').selectOption({ label: 'Ученики (Контингент)' });
      await page.getByLabel('Файл').setInputFiles(file);
      await page.getByRole('button', { name: 'Проверить файл' }).click();
      await page.waitForURL(/\/org\/imports\/[0-9a-f-]{36}/);
      const jobId = new URL(page.url()).pathname.split('/').at(-1)!;

      // The dry run: three rows refused, each with its reason; nothing written yet.
      const rows = page.getByRole('table', { name: 'Строки файла' });
      await expect.poll(() => page.getByRole('button', { name: 'Применить' }).count(), { timeout: 30_000 }).toBe(1);
      await page.getByRole('radiogroup', { name: 'Какие строки показать' }).getByText('Отклонены').click();
      await expect.poll(() => rows.getByRole('row').filter({ hasText: /Лукина|Зуев|Пётр/ }).count()).toBe(3);
      expect(await rows.getByRole('row').filter({ hasText: 'Зуев' }).innerText()).toMatch(/класс/i);
      expect(await rows.getByRole('row').filter({ hasText: 'Лукина' }).innerText()).toMatch(/e-mail/i);
      expect(await rows.getByRole('row').filter({ hasText: 'Пётр' }).innerText()).toMatch(/фамил/i);
      const me = await apiGet<{ activeSchoolId: string }>(page, '/api/v1/me');
      const before = await apiGet<{ total: number }>(page, `/api/v1/schools/${me.activeSchoolId}/students?q=Новикова Алиса`);

      await page.getByRole('button', { name: 'Применить' }).click();
      await page.getByRole('dialog', { name: 'Применить загрузку?' }).getByRole('button', { name: 'Да, применить' }).click();
      await expect.poll(async () => (await apiGet<{ status: string }>(page, `/api/v1/schools/${me.activeSchoolId}/imports/${jobId}`)).status, { timeout: 30_000 }).toBe('applied');
      await expect.poll(() => page.getByText('Применён').count()).toBeGreaterThan(0);
      const after = await apiGet<{ total: number }>(page, `/api/v1/schools/${me.activeSchoolId}/students?q=Новикова Алиса`);
      expect(after.total).toBe(before.total + 1);
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('grants a teacher role, issues credentials; the teacher signs in and must change the password', async () => {
    const { context, page } = await newPage(browser, baseUrl);
    let login = '';
    let password = '';
    let fullName = '';
    try {
      await logIn(page, 'admin');
      await page.waitForURL((url) => url.pathname === '/');
      const me = await apiGet<{ activeSchoolId: string }>(page, '/api/v1/me');
      const staff = await apiGet<Staff>(page, `/api/v1/schools/${me.activeSchoolId}/role-grants/staff`);
      const newcomer = staff.employees.find((e) => e.account === null);
      expect(newcomer, 'a demo employee without an account').toBeDefined();
      fullName = [newcomer!.lastName, newcomer!.firstName, newcomer!.middleName].filter(Boolean).join(' ');

      // Through the menu: «Люди и доступ» → «Доступ и роли».
      await page.getByRole('navigation', { name: 'Основное меню' }).getByRole('link', { name: 'Люди и доступ' }).click();
      await page.getByRole('link', { name: 'Доступ и роли' }).first().click();
      await page.waitForURL(/\/org\/access/);
      await page.getByLabel('Поиск сотрудника').fill(newcomer!.lastName);
      const table = page.getByRole('table', { name: 'Сотрудники и роли' });
      const row = table.getByRole('row').filter({ hasText: fullName });
      await expect.poll(() => row.count()).toBe(1);
      await row.getByRole('button', { name: 'Выдать роль' }).click();
      const dialog = page.getByRole('dialog', { name: 'Выдача роли' });
      await dialog.getByLabel('Роль').selectOption({ label: 'Учитель' });
      await dialog.getByRole('button', { name: 'Выдать' }).click();
      await expect.poll(() => row.getByText('Учитель', { exact: true }).count()).toBe(1);

      // The credential sheet: printed or downloaded; the password is shown once.
      await page.keyboard.press('Escape');
      await row.getByRole('checkbox', { name: `Выбрать: ${fullName}` }).check();
      await page.getByRole('button', { name: /Выдать логины и пароли/ }).click();
      // The grant already showed a sheet with a first password; wait for the new one, which replaces it.
      const issued = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/credentials'));
      await page.getByRole('dialog').getByRole('button', { name: 'Выдать' }).click();
      const sheetAnswer = await (await issued).json() as { rows: { login: string; password: string }[] };
      expect(sheetAnswer.rows).toHaveLength(1);
      const sheet = page.getByRole('table', { name: 'Учётные данные' });
      const sheetRow = sheet.getByRole('row').filter({ hasText: fullName });
      await expect.poll(() => sheetRow.count()).toBe(1);
      // The sheet on screen shows what the server issued.
      await expect.poll(async () => (await sheetRow.getByRole('cell').allInnerTexts()).at(-1)?.trim()).toBe(sheetAnswer.rows[0]!.password);
      const cells = await sheetRow.getByRole('cell').allInnerTexts();
      login = cells.at(-2)?.trim() ?? '';
      password = cells.at(-1)?.trim() ?? '';
      expect(login).toBe(sheetAnswer.rows[0]!.login);
      expect(login).not.toBe('');
      expect(password.length).toBeGreaterThanOrEqual(8);
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Скачать XLSX' }).click();
      expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
      expect(await page.getByRole('button', { name: 'Печать' }).count()).toBe(1);
    } finally {
      await context.close();
    }

    // The sheet's pair works and is a one-time password (checked over the API first, so a
    // failure says which half is wrong).
    const check = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) });
    expect(check.status, `login ${login}: ${await check.clone().text()}`).toBe(200);
    expect((await check.json()).account.mustChangePassword).toBe(true);

    // The teacher's first sign-in: straight to the profile to replace the one-time password.
    const teacher = await newPage(browser, baseUrl);
    try {
      await logIn(teacher.page, login, password);
      await teacher.page.waitForURL(/\/profile/, { timeout: 15_000 }).catch(async (err: unknown) => {
        const alerts = await teacher.page.getByRole('alert').allInnerTexts();
        throw new Error(`no profile page after signing in (${teacher.page.url()}; ${alerts.join(' | ')})`, { cause: err });
      });
      await teacher.page.getByLabel('Текущий пароль').fill(password);
      await teacher.page.getByLabel('Новый пароль', { exact: true }).fill('мой новый пароль');
      await teacher.page.getByLabel(/Повторите/).fill('мой новый пароль');
      await teacher.page.getByRole('button', { name: 'Сменить пароль' }).click();
      const nav = teacher.page.getByRole('navigation', { name: 'Основное меню' });
      await expect.poll(() => nav.getByRole('link', { name: 'Журнал' }).count(), { timeout: 10_000 }).toBe(1);
    } finally {
      await teacher.context.close();
    }
  });
});

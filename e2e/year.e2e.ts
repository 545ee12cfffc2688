// The school-year journey (issue 4): the journal administrator of a blank school prepares the
// current year for one grade — rooms, subjects from the ФГОС catalogue, the calendar, bells
// assigned from the first day, a control form, the mark-entry policy, a curriculum with a subject
// taught in groups, the class split into two groups, the teacher's load — and the readiness
// checklist turns green item by item. People and the class come through the API first: the
// journey of issue 3 already covers entering them by hand.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { academicYearOfDate } from '../domain/school-year';
import { call, launchBrowser, logIn, newPage } from './browser';

const baseUrl = inject('baseUrl');
const blank = inject('blankSchool');
let browser: Browser;

beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });


const checklistItem = (page: Page, title: string): Locator =>
  page.getByRole('list', { name: 'Пункты готовности' }).getByRole('listitem')
    .filter({ has: page.getByText(title, { exact: true }) });

/** Opens the checklist and waits until the item has the status. */
async function expectItem(page: Page, title: string, status: 'ready' | 'missing' | 'warning' | 'notAvailable'): Promise<void> {
  await page.goto('/year');
  const item = checklistItem(page, title);
  await expect.poll(() => item.getAttribute('data-status'), { timeout: 15_000, message: title }).toBe(status);
}

/** Picks an option of a native select or of a Mantine select (a combobox with a listbox). */
async function choose(page: Page, field: Locator, option: string | RegExp): Promise<void> {
  if (await field.evaluate((el) => el.tagName === 'SELECT')) {
    const find = async () => (await field.locator('option').allTextContents())
      .find((l) => (typeof option === 'string' ? l.trim() === option : option.test(l)));
    // The options come with the page's data: wait for them.
    await expect.poll(find, { timeout: 10_000, message: `option ${String(option)}` }).toBeDefined();
    const label = (await find())!;
    await field.selectOption({ label });
    return;
  }
  await field.click();
  await page.getByRole('option', { name: option }).first().click();
}

const dialog = (page: Page): Locator => page.getByRole('dialog');

describe('the school year', () => {
  it('the journal administrator of a blank school prepares the year for one grade and the readiness checklist turns green item by item', async () => {
    const { context, page } = await newPage(browser, baseUrl);
    const today = new Date().toISOString().slice(0, 10);
    const year = academicYearOfDate(today);
    const firstDay = `${year}-09-01`;
    const school = `/api/v1/schools/${blank.id}`;
    try {
      // The one-time password from the command line must be replaced first.
      await logIn(page, blank.login, blank.password);
      await page.waitForURL(/\/profile$/);
      await page.getByLabel('Текущий пароль').fill(blank.password);
      await page.getByLabel('Новый пароль', { exact: true }).fill('учебный год 2026');
      await page.getByLabel('Повторите новый пароль').fill('учебный год 2026');
      await page.getByRole('button', { name: 'Сменить пароль' }).click();
      await page.getByRole('navigation', { name: 'Основное меню' }).getByRole('link', { name: 'Учебный год' }).click();
      await page.waitForURL(/\/year$/);

      // A blank school: nothing is ready, the timetable and work programmes are still to come.
      await expect.poll(() => checklistItem(page, 'Кабинеты').getAttribute('data-status')).toBe('missing');
      for (const title of ['Предметы', 'Контингент', 'Календарный учебный график', 'Режимы и звонки', 'Формы контроля',
        'Правила выставления отметок', 'Учебные планы', 'Нагрузка (тарификация)']) {
        expect(await checklistItem(page, title).getAttribute('data-status'), title).not.toBe('ready');
      }
      expect(await checklistItem(page, 'Расписание').getAttribute('data-status')).toBe('notAvailable');
      await expect.poll(() => page.getByText(/^Готово [01] из \d+$/).count()).toBe(1);

      // Staff and contingent: a teacher who leads 5А, and six students in it from the first day.
      const teacher = await call<{ id: string }>(page, 'POST', `${school}/employees`, { lastName: 'Орлова', firstName: 'Мария', middleName: 'Павловна', position: 'учитель' });
      const klass = await call<{ id: string }>(page, 'POST', `${school}/classes`, { academicYear: year, grade: 5, letter: 'А', classTeacherId: teacher.id });
      const names = [['Астахов', 'Глеб'], ['Белова', 'Ирина'], ['Воронин', 'Лев'], ['Гусева', 'Ольга'], ['Дьяков', 'Пётр'], ['Ершова', 'Софья']];
      for (const [lastName, firstName] of names) {
        await call(page, 'POST', `${school}/students`, { lastName, firstName, classId: klass.id, startsOn: firstDay });
      }
      await expectItem(page, 'Сотрудники и классные руководители', 'ready');
      await expectItem(page, 'Контингент', 'ready');

      // Rooms.
      await page.goto('/year/rooms');
      await page.getByRole('button', { name: 'Добавить кабинет' }).click();
      await dialog(page).getByLabel('Название или номер кабинета').fill('101');
      await dialog(page).getByRole('button', { name: 'Сохранить' }).click();
      await expect.poll(() => page.getByRole('region', { name: 'Кабинеты школы' }).getByText('101', { exact: true }).count()).toBe(1);
      await expectItem(page, 'Кабинеты', 'ready');

      // Subjects from the ФГОС catalogue: everything of the basic level.
      await page.goto('/year/subjects');
      await page.getByRole('button', { name: 'Добавить из каталога ФГОС' }).click();
      await dialog(page).getByRole('button', { name: 'Выбрать все: ООО' }).click();
      await dialog(page).getByRole('button', { name: /^Добавить выбранные/ }).click();
      await expect.poll(() => page.getByText(/Добавлено предметов: \d+/).count()).toBe(1);
      await expectItem(page, 'Предметы', 'ready');

      // The calendar: the typical one for the year, saved; its terms become the attestation periods.
      await page.goto('/year/calendar');
      await page.getByRole('button', { name: 'Заполнить типовым графиком' }).click();
      await page.getByRole('button', { name: 'Сохранить' }).click();
      await expect.poll(() => page.getByRole('table', { name: 'Учебные дни и недели по параллелям' }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
      await expectItem(page, 'Календарный учебный график', 'ready');
      await expectItem(page, 'Периоды аттестации', 'ready');

      // Bells: a lesson that starts before the previous one ends is refused at its row, then fixed.
      await page.goto('/year/regimes');
      await page.getByRole('button', { name: 'Добавить расписание звонков' }).click();
      const form = dialog(page);
      await form.getByLabel('Название', { exact: false }).first().fill('1 смена');
      const secondStart = form.getByLabel('Начало урока 2');
      const kept = await secondStart.inputValue();
      await secondStart.fill('09:00');
      await form.getByRole('button', { name: 'Сохранить' }).click();
      await expect.poll(() => form.getByText(/раньше, чем закончился урок 1/).count()).toBeGreaterThan(0);
      await secondStart.fill(kept);
      await form.getByRole('button', { name: 'Сохранить' }).click();
      await expect.poll(() => dialog(page).count()).toBe(0);
      // …and assigned to the whole school from the first day of the year.
      await page.getByRole('button', { name: 'Назначить с даты', exact: true }).click();
      await choose(page, dialog(page).getByRole('combobox', { name: 'Расписание звонков' }), '1 смена');
      await dialog(page).getByLabel('Действует с').fill(firstDay);
      await dialog(page).getByRole('button', { name: 'Назначить' }).click();
      await expect.poll(() => dialog(page).count()).toBe(0);
      await expectItem(page, 'Режимы и звонки', 'ready');

      // A control form with its weight.
      await page.goto('/year/control-forms');
      await page.getByRole('button', { name: 'Добавить форму контроля' }).click();
      await dialog(page).getByLabel('Название', { exact: false }).first().fill('Контрольная работа');
      await dialog(page).getByLabel('Краткое название').fill('КР');
      await dialog(page).getByLabel('Вес').fill('2');
      await dialog(page).getByRole('button', { name: 'Сохранить' }).click();
      await expect.poll(() => dialog(page).count()).toBe(0);
      await expectItem(page, 'Формы контроля', 'ready');

      // The mark-entry policy: the suggested defaults, saved.
      await page.goto('/year/policy');
      await page.getByRole('button', { name: 'Сохранить' }).click();
      await expectItem(page, 'Правила выставления отметок', 'ready');

      // The curriculum of grade 5: mathematics 5 h and a foreign language 3 h taught in groups.
      await page.goto('/year/curricula');
      await page.getByRole('button', { name: 'Создать пустой: 5 класс' }).click();
      await page.waitForURL(/\/year\/curricula\/[0-9a-f-]+$/);
      await page.getByRole('button', { name: 'Добавить предмет' }).click();
      await choose(page, page.getByRole('combobox', { name: 'Предмет, строка 1' }), 'Математика');
      await page.getByLabel('Часов в неделю: Математика').fill('5');
      await page.getByRole('button', { name: 'Добавить предмет' }).click();
      await choose(page, page.getByRole('combobox', { name: 'Предмет, строка 2' }), 'Иностранный язык');
      await page.getByLabel('Часов в неделю: Иностранный язык').fill('3');
      await page.getByLabel('Делится на группы: Иностранный язык').check();
      await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
      await expectItem(page, 'Учебные планы', 'ready');
      // The language is taught in groups that do not exist yet.
      await expect.poll(() => checklistItem(page, 'Деление на группы').getAttribute('data-status')).not.toBe('ready');

      // The split: 5А into two groups for the language.
      await page.goto('/org');
      await page.getByRole('tab', { name: 'Группы' }).click();
      await page.getByRole('button', { name: 'Разделить класс на группы' }).click();
      await choose(page, dialog(page).getByRole('combobox', { name: 'Класс' }), '5А');
      await choose(page, dialog(page).getByRole('combobox', { name: 'Предмет' }), 'Иностранный язык');
      await dialog(page).getByRole('button', { name: 'Разделить' }).click();
      await expect.poll(() => dialog(page).count()).toBe(0);
      await expectItem(page, 'Деление на группы', 'ready');

      // The teacher's load: mathematics for the class, the language for each group.
      await page.goto('/year/load');
      const addLoad = async (subject: string, target: string, hours: string) => {
        await choose(page, page.getByRole('combobox', { name: 'Учитель' }), /Орлова/);
        await choose(page, page.getByRole('combobox', { name: 'Предмет' }), subject);
        await choose(page, page.getByRole('combobox', { name: 'Класс или группа' }), target);
        await page.getByRole('textbox', { name: /^Часов в неделю/ }).fill(hours);
        await page.getByRole('button', { name: 'Добавить нагрузку' }).click();
        await expect.poll(() => page.getByRole('region', { name: /Строки нагрузки: Орлова/ }).getByText(target.replace(/^Класс |^Группа: /, ''), { exact: false }).count()).toBeGreaterThan(0);
      };
      await addLoad('Математика', 'Класс 5А', '5');
      await addLoad('Иностранный язык', 'Группа: Иностранный язык 1 (5А)', '3');
      await addLoad('Иностранный язык', 'Группа: Иностранный язык 2 (5А)', '3');
      await expect.poll(() => page.getByText(/Нагрузка согласована/).count(), { timeout: 15_000 }).toBeGreaterThan(0);
      await expectItem(page, 'Нагрузка (тарификация)', 'ready');

      // Everything that can be ready is ready.
      await page.goto('/year');
      await expect.poll(() => page.getByText(/^Готово (\d+) из \1$/).count(), { timeout: 15_000 }).toBe(1);

      // The same checklist on a phone: nothing runs off the screen sideways.
      await page.setViewportSize({ width: 375, height: 740 });
      await page.goto('/year');
      await expect.poll(() => checklistItem(page, 'Кабинеты').getAttribute('data-status')).toBe('ready');
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    } finally {
      await context.close();
    }
  }, 240_000);

  it('lets parents read the school\'s programme documents, and anyone once the school opens them', async () => {
    const { context, page } = await newPage(browser, baseUrl);
    try {
      // The demo parent reads the calendar and a curriculum, as tables, and can download them.
      await logIn(page, 'parent');
      await page.waitForURL((url) => url.pathname === '/');
      await page.getByRole('navigation', { name: 'Основное меню' }).getByRole('link', { name: 'Документы школы' }).click();
      await page.waitForURL(/\/documents$/);
      await page.getByRole('button', { name: 'Календарный учебный график' }).click();
      await expect.poll(() => page.getByRole('link', { name: 'Скачать (XLSX): Календарный учебный график' }).count(), { timeout: 15_000 }).toBe(1);
      await page.getByRole('button', { name: /^Учебный план, 5 класс/ }).first().click();
      await expect.poll(() => page.getByRole('region', { name: /^Учебный план, 5 класс/ }).count()).toBeGreaterThan(0);
      const schoolId = await page.evaluate(async () => ((await (await fetch('/api/v1/me')).json()) as { activeSchoolId: string }).activeSchoolId);

      // Nobody signed in sees them until the school opens them.
      const stranger = await browser.newContext({ baseURL: baseUrl, locale: 'ru-RU' });
      const outside = await stranger.newPage();
      await outside.goto(`/public/schools/${schoolId}/documents`);
      await expect.poll(() => outside.getByText('Документы школы не опубликованы').count(), { timeout: 15_000 }).toBe(1);

      // The journal administrator opens them to everyone; the same address now shows them. (Not
      // the director: another journey counts the director's sessions on this server.)
      const admin = await newPage(browser, baseUrl);
      await logIn(admin.page, 'admin');
      await admin.page.waitForURL((url) => url.pathname === '/');
      await admin.page.goto('/documents');
      // The switch follows the server: a click lost while the page is still loading its data is
      // made again until the public address shows.
      const publicSwitch = admin.page.getByLabel('Открыть документы для всех (без входа)');
      const publicLink = admin.page.getByText(/Публичная ссылка/);
      await expect.poll(async () => {
        if ((await publicLink.count()) === 0 && !(await publicSwitch.isChecked()) && !(await publicSwitch.isDisabled())) await publicSwitch.click();
        return publicLink.count();
      }, { timeout: 20_000 }).toBeGreaterThan(0);
      await admin.context.close();
      await outside.reload();
      await outside.getByRole('button', { name: 'Календарный учебный график' }).click();
      await expect.poll(() => outside.getByRole('link', { name: 'Скачать (XLSX): Календарный учебный график' }).count(), { timeout: 15_000 }).toBe(1);
      await stranger.close();
    } finally {
      await context.close();
    }
  }, 120_000);
});

// Homework and students' work (issue 6, D3): the demo class teacher of 5А gives homework with a
// file on one of their recent lessons of the demo student's class from the lesson page; the
// student signs in, finds it in «Домашние задания», downloads the file and hands in an answer with
// a file; the teacher opens «Работы учеников», accepts the work with a mark, and the mark is in the
// journal at that lesson.
//
// The server runs on the real clock: the journey takes the teacher's latest lesson within the
// mark-entry window that the student also has.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays } from '../domain/calendar';
import { call, launchBrowser, logIn, newPage } from './browser';
import { serverWithLessons, type LessonsServer } from './lessons-timetable';

type Named = { id: string; name: string };
type Lesson = { timetableLessonId: string; lessonDate: string; date: string; lessonNumber: number; status: string; kind: string; subject: Named; teacher: Named };

const today = new Date().toISOString().slice(0, 10);
let browser: Browser;
let baseUrl = inject('baseUrl');
let server: LessonsServer | null = null;

/** A session's cookie, for looking at the demo before the browser starts. */
async function cookieOf(url: string, login: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: 'demo' }) });
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

/** The class teacher's lessons of the last week that the student has too (held, regular), latest first. */
async function sharedLessons(url: string): Promise<Lesson[]> {
  const lessonsOf = async (login: string): Promise<{ school: string; items: Lesson[] }> => {
    const cookie = await cookieOf(url, login);
    const me = await (await fetch(`${url}/api/v1/me`, { headers: { cookie } })).json() as { activeSchoolId: string };
    const res = await fetch(`${url}/api/v1/schools/${me.activeSchoolId}/lessons?from=${addDays(today, -6)}&to=${today}`, { headers: { cookie } });
    return { school: me.activeSchoolId, items: res.ok ? ((await res.json()) as { items: Lesson[] }).items : [] };
  };
  try {
    const [teacher, student] = await Promise.all([lessonsOf('classteacher'), lessonsOf('student')]);
    const theirs = new Set(student.items.map((l) => `${l.timetableLessonId}|${l.lessonDate}`));
    return teacher.items
      .filter((l) => l.status === 'scheduled' && l.kind === 'regular' && l.date <= today && theirs.has(`${l.timetableLessonId}|${l.lessonDate}`))
      .sort((a, b) => (a.date === b.date ? a.lessonNumber - b.lessonNumber : b.date.localeCompare(a.date)));
  } catch {
    return [];
  }
}

beforeAll(async () => {
  browser = await launchBrowser();
  server = await serverWithLessons(baseUrl, async (url) => (await sharedLessons(url)).length > 0, today);
  baseUrl = server.url;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const pdf = Buffer.from('%PDF-1.4\n% Задание: упражнения 1-5\n', 'utf8');
const answerFile = Buffer.from('Ответы: 1) 12; 2) 15; 3) 7\n', 'utf8');

const signedIn = async (page: Page, login: string): Promise<string> => {
  await logIn(page, login);
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return `/api/v1/schools/${(await call<{ activeSchoolId: string }>(page, 'GET', '/api/v1/me')).activeSchoolId}`;
};

describe('homework and students\' work', () => {
  it('a teacher gives homework with a file, the student hands in work, the teacher marks it into the journal', async () => {
    const lessons = await sharedLessons(baseUrl);
    expect(lessons.length, 'the class teacher has a lesson of the student\'s class this week').toBeGreaterThan(0);
    const lesson = lessons[0]!;
    const teacher = await newPage(browser, baseUrl);
    const student = await newPage(browser, baseUrl);
    try {
      const school = await signedIn(teacher.page, 'classteacher');
      const journalLesson = await call<{ id: string }>(teacher.page, 'POST', `${school}/journal/lessons`, { timetableLessonId: lesson.timetableLessonId, date: lesson.lessonDate });
      const text = `Упражнения 1–5 на стр. ${Math.floor(Math.random() * 200) + 10} <письменно>`;
      const dueDate = addDays(lesson.date, 7);

      // The lesson page: homework with a file, work to be handed in.
      await teacher.page.goto(`/journal/lessons/${journalLesson.id}`);
      const form = teacher.page.getByRole('form', { name: 'Задать домашнее задание' });
      await form.getByLabel('Задание').fill(text);
      await form.getByLabel('Срок сдачи').fill(dueDate);
      await form.getByLabel('Ученики сдают работу').check();
      await form.getByLabel('Файлы к заданию').setInputFiles({ name: 'Задание.pdf', mimeType: 'application/pdf', buffer: pdf });
      await form.getByRole('button', { name: 'Задать' }).click();
      const given = teacher.page.getByLabel(`Задание до ${dueDate.slice(8, 10)}.${dueDate.slice(5, 7)}.${dueDate.slice(0, 4)}`).filter({ hasText: text });
      await given.waitFor({ timeout: 15_000 });
      await expect.poll(() => given.getByRole('link', { name: 'Задание.pdf' }).count()).toBe(1);
      const { items } = await call<{ items: { id: string; text: string }[] }>(teacher.page, 'GET', `${school}/journal/lessons/${journalLesson.id}/homework`);
      const homeworkId = items.find((h) => h.text === text)!.id;

      // The student finds it, downloads the file and hands in an answer with a file.
      await signedIn(student.page, 'student');
      await student.page.goto('/diary/homework');
      const card = student.page.getByRole('article').filter({ hasText: text });
      await card.waitFor({ timeout: 15_000 });
      const [download] = await Promise.all([student.page.waitForEvent('download'), card.getByRole('link', { name: 'Задание.pdf' }).click()]);
      expect(download.suggestedFilename()).toBe('Задание.pdf');
      await card.getByRole('button', { name: 'Сдать работу' }).click();
      await card.getByLabel('Ответ').fill('Все пять упражнений решены, ответы в файле');
      await card.getByLabel('Файлы работы').setInputFiles({ name: 'Ответы.txt', mimeType: 'text/plain', buffer: answerFile });
      await card.getByRole('button', { name: 'Отправить' }).click();
      await card.getByText('Сдана', { exact: true }).waitFor({ timeout: 15_000 });

      // The teacher sees who handed in and accepts the work with a «5».
      await teacher.page.goto(`/journal/homework/${homeworkId}`);
      const open = teacher.page.getByRole('button', { name: /^Открыть работу: / });
      await open.waitFor({ timeout: 15_000 });
      await expect.poll(() => open.count()).toBe(1);
      await open.click();
      const work = teacher.page.getByRole('region', { name: /^Работа: / });
      await expect.poll(() => work.getByText('Все пять упражнений решены, ответы в файле').count()).toBe(1);
      await expect.poll(() => work.getByRole('link', { name: 'Ответы.txt' }).count()).toBe(1);
      await work.getByLabel('Комментарий ученику').fill('Верно, молодец');
      await work.getByLabel('Отметка').fill('5');
      await work.getByRole('button', { name: 'Принять' }).click();
      await work.getByText('Проверена', { exact: true }).waitFor({ timeout: 15_000 });

      // The mark is in the journal at the lesson, and the student sees it.
      const roster = await call<{ items: { student: Named; submission: { id: string; mark: { id: string; value: string } | null } | null }[] }>(
        teacher.page, 'GET', `${school}/homework/${homeworkId}/submissions`);
      const handedIn = roster.items.find((i) => i.submission !== null)!;
      expect(handedIn.submission!.mark?.value).toBe('5');
      const detail = await call<{ marks: { id: string; studentId: string; value: unknown }[] }>(teacher.page, 'GET', `${school}/journal/lessons/${journalLesson.id}`);
      expect(detail.marks.filter((m) => m.studentId === handedIn.student.id).map((m) => m.id)).toContain(handedIn.submission!.mark!.id);
      await student.page.reload();
      await card.getByText('Отметка: 5').waitFor({ timeout: 15_000 });
    } finally {
      await teacher.context.close();
      await student.context.close();
    }
  });
});

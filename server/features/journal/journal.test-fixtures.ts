// The journal tests' school: the lessons school (lessons.test-fixtures.ts: 5А and 6Б, Петрова
// teaches 5А Математика on Mondays, a published timetable, the 2026/27 calendar with its terms)
// plus the marks' scales and forms of control, a class teacher of 5А (Волкова, read-only), a
// student who joins 5А on 10 September, and clients that send any header.
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { classes, controlForms, employees, enrollments, markScales, students } from '../../db/schema';
import { as, createAccount, login, type Session, type TestApp } from '../../test/app';
import { seedLessonsSchool, type LessonsSchool } from '../lessons/lessons.test-fixtures';

export type Request = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;

export type JournalSchool = LessonsSchool & {
  as: Record<'admin' | 'teacher' | 'ivanov' | 'classTeacher' | 'student' | 'parent' | 'otherDirector', Request>;
  students: Record<'anna' | 'petr' | 'ivan' | 'late', string>;
  forms: Record<'answer' | 'test' | 'credit' | 'hundred' | 'archived' | 'russianOnly' | 'primaryOnly', string>;
};

export async function seedJournalSchool(t: TestApp, tag: string): Promise<JournalSchool> {
  const s = await seedLessonsSchool(t, tag);
  const db = t.database.db;
  const schoolId = s.schoolId;
  const [five, passFail, hundred] = await db.insert(markScales).values([
    { schoolId, kind: 'five', name: 'Пятибалльная' },
    { schoolId, kind: 'passFail', name: 'Зачёт/незачёт' },
    { schoolId, kind: 'hundred', name: 'Стобалльная', conversion: [{ from: 85, mark: 5 }, { from: 65, mark: 4 }, { from: 45, mark: 3 }, { from: 0, mark: 2 }] },
  ]).returning();
  const formRows = await db.insert(controlForms).values([
    { schoolId, name: 'Ответ на уроке', shortName: 'Отв', weight: '1', markScaleId: five!.id },
    { schoolId, name: 'Контрольная работа', shortName: 'КР', weight: '2', markScaleId: five!.id },
    { schoolId, name: 'Зачёт', shortName: 'Зач', weight: '1', markScaleId: passFail!.id },
    { schoolId, name: 'Тест', shortName: 'Тест', weight: '1.5', markScaleId: hundred!.id },
    { schoolId, name: 'Старая форма', shortName: 'Стар', weight: '1', markScaleId: five!.id, archived: true },
    { schoolId, name: 'Диктант', shortName: 'Дикт', weight: '2', markScaleId: five!.id, subjectId: s.ids.subjects.russian },
    { schoolId, name: 'Чтение вслух', shortName: 'Чт', weight: '1', markScaleId: five!.id, levels: ['primary'] },
  ]).returning();
  const [answer, test, credit, hundredForm, archived, russianOnly, primaryOnly] = formRows.map((f) => f.id) as string[];

  const find = async (lastName: string) => (await db.select({ id: students.id }).from(students)
    .where(and(eq(students.schoolId, schoolId), eq(students.lastName, lastName))))[0]!.id;
  const [late] = await db.insert(students).values({ schoolId, lastName: 'Новенький', firstName: 'Глеб' }).returning();
  await db.insert(enrollments).values({ schoolId, studentId: late!.id, classId: s.ids.classes.c5a, startsOn: '2026-09-10' });

  // Волкова leads 5А and holds only the class teacher's role.
  const classTeacher = await createAccount(t.database, { login: `jr-ct-${tag}`, roles: [{ schoolId, role: 'classTeacher' }] });
  await db.update(employees).set({ accountId: classTeacher.id }).where(eq(employees.id, s.ids.employees.volkova));
  await db.update(classes).set({ classTeacherId: s.ids.employees.volkova }).where(eq(classes.id, s.ids.classes.c5a));

  const sessions: Record<keyof JournalSchool['as'], Session> = {
    admin: await login(t.app, `ls-admin-${tag}`),
    teacher: await login(t.app, `ls-teacher-${tag}`),
    ivanov: await login(t.app, `ls-ivanov-${tag}`),
    classTeacher: await login(t.app, `jr-ct-${tag}`),
    student: await login(t.app, `ls-student-${tag}`),
    parent: await login(t.app, `ls-parent-${tag}`),
    otherDirector: await login(t.app, `ls-other-${tag}`),
  };
  const requester = (session: Session): Request => (method, path, body, headers = {}) => t.app.inject({
    method, url: `/api/v1/schools/${schoolId}${path}`,
    headers: { ...as(session, method !== 'GET'), ...headers },
    ...(body === undefined ? {} : { payload: body as object }),
  });
  return {
    ...s,
    as: Object.fromEntries(Object.entries(sessions).map(([k, v]) => [k, requester(v)])) as JournalSchool['as'],
    students: { anna: await find('Ученикова'), petr: await find('Соседов'), ivan: await find('Шестов'), late: late!.id },
    forms: { answer: answer!, test: test!, credit: credit!, hundred: hundredForm!, archived: archived!, russianOnly: russianOnly!, primaryOnly: primaryOnly! },
  };
}

/** Moves a test clock to a moment (it only advances by a difference). */
export function setClock(t: TestApp, iso: string): void {
  t.clock.advance(new Date(iso).getTime() - t.clock.now().getTime());
}

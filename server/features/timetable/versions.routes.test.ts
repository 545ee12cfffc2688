// Timetable versions and hand editing over HTTP, on a small school whose timetable is known cell
// by cell: 5А (two students, English and informatics each in two subgroups: Аня in group 1 of
// both, Борис in group 2 of both) and 5Б, a five-day week of four lessons. A version is written
// as the solver would save it; the tests copy, publish, move, check and lock through the routes and
// read back that a refused change saved nothing.
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  academicCalendars, bellSchedules, classes, employees, enrollments, guardians, regimeAssignments, rooms, studentGuardians,
  studyGroupMembers, studyGroups, students, subjects, teachingLoads, timetableLessons, timetables,
} from '../../db/schema';
import { as, createAccount, createSchool, createTestApp, login, type Session, type TestApp } from '../../test/app';

type Version = {
  id: string; name: string; status: string; validFrom: string | null; validTo: string | null; inForce: boolean; lessons: number;
  evaluation: { hard: number; softPenalty: number } | null; version: number; basedOnId: string | null;
};
type Detail = Omit<Version, 'evaluation'> & {
  evaluation: { hard: number; softPenalty: number; unplaced: number; violations: { kind: string; message: string }[]; byConstraint: { kind: string; weight: number; penalty: number }[]; orphans: { lessonId: string; message: string }[] };
};
type List = { academicYear: number; today: string; items: Version[]; inForceId: string | null; defaultView: { kind: string; id: string } | null; canWrite: boolean };
type GridLesson = {
  id: string; weekday: number; lessonNumber: number; subject: { name: string }; teacher: { id: string; name: string; shortName: string };
  class: { name: string } | null; studyGroup: { name: string } | null; room: { id: string; name: string } | null; locked: boolean;
};
type Grid = { version: number; days: { weekday: number; name: string }[]; lessonNumbers: number[]; lessons: GridLesson[]; options: { classes: { id: string; name: string }[]; teachers: { id: string }[]; rooms: { id: string; name: string }[] } };
type Clash = { kind: string; lessonId: string; message: string };
type Check = { clashes: Clash[]; evaluationBefore: { hard: number }; evaluationAfter: { hard: number; softPenalty: number }; newViolations: string[] };

let t: TestApp;
let schoolId: string;
const sessions: Record<'admin' | 'teacher' | 'student' | 'parent' | 'other', Session> = {} as never;
const ids = {} as Record<'classA' | 'classB' | 'room101' | 'room204' | 'petrova' | 'ivanova' | 'russianLoad' | 'english2Load' | 'generated', string>;
/** Lesson ids of the generated version by name. */
const L = {} as Record<'math1' | 'math2' | 'math3' | 'rus1' | 'rus2' | 'eng1a' | 'eng1b' | 'eng2a' | 'eng2b' | 'inf1' | 'inf2' | 'mathB1' | 'mathB2', string>;

async function call(who: keyof typeof sessions, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, ifMatch?: number | string): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...as(sessions[who], method !== 'GET'), ...(ifMatch === undefined ? {} : { 'if-match': typeof ifMatch === 'number' ? `"${ifMatch}"` : ifMatch }) };
  return t.app.inject({ method, url: `/api/v1/schools/${schoolId}${path}`, headers, ...(body === undefined ? {} : { payload: body as object }) });
}
function ok<T>(res: LightMyRequestResponse, status = 200): T {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json() as T;
}
const errorOf = (res: LightMyRequestResponse) => res.json().error as { code: string; message: string; details?: unknown };
const versionOf = async (id: string): Promise<Detail> => ok<Detail>(await call('admin', 'GET', `/timetables/${id}`));
const lessonRow = async (id: string) => (await t.database.db.select().from(timetableLessons).where(eq(timetableLessons.id, id)))[0]!;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const school = await createSchool(t.database, 'СОШ № 21');
  schoolId = school.id;
  const other = await createSchool(t.database, 'СОШ № 22');
  const accounts = {
    admin: await createAccount(t.database, { login: 'tv-admin', roles: [{ schoolId, role: 'journalAdmin' }] }),
    teacher: await createAccount(t.database, { login: 'tv-teacher', roles: [{ schoolId, role: 'subjectTeacher' }] }),
    student: await createAccount(t.database, { login: 'tv-student', roles: [{ schoolId, role: 'student' }] }),
    parent: await createAccount(t.database, { login: 'tv-parent', roles: [{ schoolId, role: 'guardian' }] }),
    other: await createAccount(t.database, { login: 'tv-other', roles: [{ schoolId: other.id, role: 'director' }] }),
  };
  for (const who of Object.keys(accounts) as (keyof typeof accounts)[]) sessions[who] = await login(t.app, `tv-${who}`);

  await db.insert(academicCalendars).values({ schoolId, academicYear: 2026, startsOn: '2026-09-01', endsOn: '2027-05-26', weekLengths: [{ grades: [5], days: 5 }] });
  const [bells] = await db.insert(bellSchedules).values({
    schoolId, academicYear: 2026, name: 'Основное',
    lessons: [1, 2, 3, 4].map((n) => ({ number: n, startsAt: `0${7 + n}:00`, endsAt: `0${7 + n}:45` })),
  }).returning();
  await db.insert(regimeAssignments).values({ schoolId, bellScheduleId: bells!.id, startsOn: '2026-09-01' });
  const [math, rus, eng, inf] = await db.insert(subjects).values([
    { schoolId, name: 'Математика', shortName: 'Матем.', levels: ['basic'] },
    { schoolId, name: 'Русский язык', shortName: 'Рус. яз.', levels: ['basic'] },
    { schoolId, name: 'Английский язык', shortName: 'Англ.', levels: ['basic'] },
    { schoolId, name: 'Информатика', shortName: 'Информ.', levels: ['basic'] },
  ]).returning();
  const [r101, r204] = await db.insert(rooms).values([{ schoolId, name: '101', capacity: 30 }, { schoolId, name: '204', capacity: 30 }]).returning();
  const [petrova, ivanova, sidorov, orlova, kozlov, lebedev] = await db.insert(employees).values([
    { schoolId, lastName: 'Петрова', firstName: 'Анна', middleName: 'Сергеевна', position: 'Учитель', accountId: accounts.teacher.id },
    { schoolId, lastName: 'Иванова', firstName: 'Вера', position: 'Учитель' },
    { schoolId, lastName: 'Сидоров', firstName: 'Олег', position: 'Учитель' },
    { schoolId, lastName: 'Орлова', firstName: 'Мария', position: 'Учитель' },
    { schoolId, lastName: 'Козлов', firstName: 'Илья', position: 'Учитель' },
    { schoolId, lastName: 'Лебедев', firstName: 'Пётр', position: 'Учитель' },
  ]).returning();
  const [a, b] = await db.insert(classes).values([
    { schoolId, academicYear: 2026, grade: 5, letter: 'А' },
    { schoolId, academicYear: 2026, grade: 5, letter: 'Б' },
  ]).returning();
  const [anya, boris, vera] = await db.insert(students).values([
    { schoolId, lastName: 'Аникина', firstName: 'Аня', accountId: accounts.student.id },
    { schoolId, lastName: 'Борисов', firstName: 'Борис' },
    { schoolId, lastName: 'Веселова', firstName: 'Вера' },
  ]).returning();
  await db.insert(enrollments).values([
    { schoolId, studentId: anya!.id, classId: a!.id, startsOn: '2026-09-01' },
    { schoolId, studentId: boris!.id, classId: a!.id, startsOn: '2026-09-01' },
    { schoolId, studentId: vera!.id, classId: b!.id, startsOn: '2026-09-01' },
  ]);
  const [parent] = await db.insert(guardians).values({ schoolId, lastName: 'Веселов', firstName: 'Игорь', accountId: accounts.parent.id }).returning();
  await db.insert(studentGuardians).values({ schoolId, studentId: vera!.id, guardianId: parent!.id, relation: 'father' });
  const [eng1, eng2, inf1, inf2] = await db.insert(studyGroups).values([
    { schoolId, academicYear: 2026, kind: 'subgroup', name: '5А Англ. гр. 1', subjectId: eng!.id, classId: a!.id },
    { schoolId, academicYear: 2026, kind: 'subgroup', name: '5А Англ. гр. 2', subjectId: eng!.id, classId: a!.id },
    { schoolId, academicYear: 2026, kind: 'subgroup', name: '5А Инф. гр. 1', subjectId: inf!.id, classId: a!.id },
    { schoolId, academicYear: 2026, kind: 'subgroup', name: '5А Инф. гр. 2', subjectId: inf!.id, classId: a!.id },
  ]).returning();
  await db.insert(studyGroupMembers).values([
    { schoolId, studyGroupId: eng1!.id, studentId: anya!.id, startsOn: '2026-09-01' },
    { schoolId, studyGroupId: inf1!.id, studentId: anya!.id, startsOn: '2026-09-01' },
    { schoolId, studyGroupId: eng2!.id, studentId: boris!.id, startsOn: '2026-09-01' },
    { schoolId, studyGroupId: inf2!.id, studentId: boris!.id, startsOn: '2026-09-01' },
  ]);
  const loads = await db.insert(teachingLoads).values([
    { schoolId, academicYear: 2026, employeeId: petrova!.id, subjectId: math!.id, classId: a!.id, hoursPerWeek: '3' },
    { schoolId, academicYear: 2026, employeeId: ivanova!.id, subjectId: rus!.id, classId: a!.id, hoursPerWeek: '2' },
    { schoolId, academicYear: 2026, employeeId: sidorov!.id, subjectId: eng!.id, studyGroupId: eng1!.id, hoursPerWeek: '2' },
    { schoolId, academicYear: 2026, employeeId: orlova!.id, subjectId: eng!.id, studyGroupId: eng2!.id, hoursPerWeek: '2' },
    { schoolId, academicYear: 2026, employeeId: kozlov!.id, subjectId: inf!.id, studyGroupId: inf1!.id, hoursPerWeek: '1' },
    { schoolId, academicYear: 2026, employeeId: lebedev!.id, subjectId: inf!.id, studyGroupId: inf2!.id, hoursPerWeek: '1' },
    { schoolId, academicYear: 2026, employeeId: petrova!.id, subjectId: math!.id, classId: b!.id, hoursPerWeek: '2' },
  ]).returning();
  const [lMath, lRus, lEng1, lEng2, lInf1, lInf2, lMathB] = loads;
  Object.assign(ids, { classA: a!.id, classB: b!.id, room101: r101!.id, room204: r204!.id, petrova: petrova!.id, ivanova: ivanova!.id, russianLoad: lRus!.id, english2Load: lEng2!.id });

  // The version as the solver saves it: 5А Mon–Wed, 5Б Thu–Fri, English groups side by side.
  const [tt] = await db.insert(timetables).values({ schoolId, academicYear: 2026, name: 'Сформированное' }).returning();
  ids.generated = tt!.id;
  const lesson = (key: keyof typeof L, load: typeof lMath, k: number, weekday: number, lessonNumber: number, room: string | null) => ({
    key, row: {
      schoolId, timetableId: tt!.id, teachingLoadId: load!.id, activityKey: `${load!.id}#${k}`, subjectId: load!.subjectId, employeeId: load!.employeeId,
      classId: load!.classId, studyGroupId: load!.studyGroupId, weekday, lessonNumber, roomId: room,
    },
  });
  const planned = [
    lesson('math1', lMath, 1, 1, 1, r101!.id), lesson('math2', lMath, 2, 2, 1, r101!.id), lesson('math3', lMath, 3, 3, 1, r101!.id),
    lesson('rus1', lRus, 1, 1, 2, r101!.id), lesson('rus2', lRus, 2, 2, 2, r101!.id),
    lesson('eng1a', lEng1, 1, 1, 3, r204!.id), lesson('eng1b', lEng1, 2, 2, 3, r204!.id),
    lesson('eng2a', lEng2, 1, 1, 3, r101!.id), lesson('eng2b', lEng2, 2, 2, 3, r101!.id),
    lesson('inf1', lInf1, 1, 3, 2, r204!.id), lesson('inf2', lInf2, 1, 3, 2, r101!.id),
    lesson('mathB1', lMathB, 1, 4, 1, r101!.id), lesson('mathB2', lMathB, 2, 5, 1, r101!.id),
  ];
  const inserted = await db.insert(timetableLessons).values(planned.map((p) => p.row)).returning({ id: timetableLessons.id });
  planned.forEach((p, i) => { L[p.key] = inserted[i]!.id; });
}, 60_000);
afterAll(async () => { await t.close(); });

describe('versions', () => {
  let copy: Detail;

  it('lists the versions of the year; a new empty draft has every lesson of the load unplaced', async () => {
    const before = ok<List>(await call('admin', 'GET', '/timetables'));
    expect(before).toMatchObject({ academicYear: 2026, today: '2026-11-02', inForceId: null, defaultView: { kind: 'class', id: ids.classA }, canWrite: true });
    expect(before.items.map((v) => v.name)).toEqual(['Сформированное']);

    const draft = ok<Detail>(await call('admin', 'POST', '/timetables', { name: 'Пустой черновик' }), 201);
    expect(draft).toMatchObject({ status: 'draft', lessons: 0, version: 1, validFrom: null, basedOnId: null });
    expect(draft.evaluation.hard).toBe(13);
    expect(draft.evaluation.unplaced).toBe(13);
    expect(draft.evaluation.violations[0]!.message).toContain('не размещена');
    const list = ok<List>(await call('admin', 'GET', '/timetables?academicYear=2026'));
    expect(list.items.map((v) => v.name).sort()).toEqual(['Пустой черновик', 'Сформированное']);
  });

  it('copies a version with all its lessons; the copy has no hard violation', async () => {
    copy = ok<Detail>(await call('admin', 'POST', '/timetables', { name: 'С 1 сентября', basedOnId: ids.generated }), 201);
    expect(copy).toMatchObject({ status: 'draft', lessons: 13, basedOnId: ids.generated, version: 1 });
    expect(copy.evaluation).toMatchObject({ hard: 0, unplaced: 0, violations: [], orphans: [] });
    // The original keeps its own lessons.
    const rows = await t.database.db.select().from(timetableLessons).where(eq(timetableLessons.timetableId, copy.id));
    expect(rows).toHaveLength(13);
    expect(rows.every((r) => !Object.values(L).includes(r.id))).toBe(true);
  });

  it('refuses a bad name, a taken name and an unknown version to copy, in Russian with the field', async () => {
    const empty = await call('admin', 'POST', '/timetables', { name: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(errorOf(empty)).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'name', message: 'Название: обязательное поле' }] });
    const taken = await call('admin', 'POST', '/timetables', { name: 'с 1 СЕНТЯБРЯ' });
    expect(taken.statusCode).toBe(409);
    expect(errorOf(taken)).toMatchObject({ code: 'NAME_TAKEN', message: 'Версия «с 1 СЕНТЯБРЯ» уже есть в этом учебном году' });
    const unknown = await call('admin', 'POST', '/timetables', { name: 'Копия', basedOnId: '01900000-0000-7000-8000-000000000000' });
    expect(unknown.statusCode).toBe(400);
    expect(errorOf(unknown).details).toEqual([expect.objectContaining({ path: 'basedOnId' })]);
    expect(ok<List>(await call('admin', 'GET', '/timetables')).items).toHaveLength(3);
  });

  it('renames with If-Match; a stale number is answered 412 with the current one, a missing one 428', async () => {
    const renamed = await call('admin', 'PATCH', `/timetables/${copy.id}`, { name: 'Основное с 1 сентября' }, copy.version);
    expect(ok<Version>(renamed)).toMatchObject({ name: 'Основное с 1 сентября', version: 2 });
    expect(renamed.headers.etag).toBe('"2"');
    const stale = await call('admin', 'PATCH', `/timetables/${copy.id}`, { name: 'Другое' }, 1);
    expect(stale.statusCode).toBe(412);
    expect(errorOf(stale)).toMatchObject({ code: 'TIMETABLE_VERSION_STALE', details: { version: 2 } });
    const missing = await call('admin', 'PATCH', `/timetables/${copy.id}`, { name: 'Другое' });
    expect(missing.statusCode).toBe(428);
    expect(errorOf(missing).message).toContain('If-Match');
    expect((await versionOf(copy.id)).name).toBe('Основное с 1 сентября');
    const taken = await call('admin', 'PATCH', `/timetables/${copy.id}`, { name: 'Пустой черновик' }, 2);
    expect(taken.statusCode).toBe(409);
    copy = await versionOf(copy.id);
    expect(copy.version).toBe(2);
  });

  it('publishes from a date within the year; the same date twice is refused; violations need force', async () => {
    const outside = await call('admin', 'POST', `/timetables/${copy.id}/publish`, { validFrom: '2027-09-01' }, copy.version);
    expect(outside.statusCode).toBe(400);
    expect(errorOf(outside).details).toEqual([expect.objectContaining({ path: 'validFrom', message: 'Дата начала действия: в пределах учебного года, с 01.09.2026 по 31.08.2027' })]);
    const bad = await call('admin', 'POST', `/timetables/${copy.id}/publish`, { validFrom: '2026-02-30' }, copy.version);
    expect(bad.statusCode).toBe(400);

    const published = ok<{ timetable: Version; hardViolations: number }>(await call('admin', 'POST', `/timetables/${copy.id}/publish`, { validFrom: '2026-09-01' }, copy.version));
    expect(published).toMatchObject({ hardViolations: 0, timetable: { status: 'published', validFrom: '2026-09-01', inForce: true, validTo: null, version: 3 } });

    const empty = ok<List>(await call('admin', 'GET', '/timetables')).items.find((v) => v.name === 'Пустой черновик')!;
    const sameDate = await call('admin', 'POST', `/timetables/${empty.id}/publish`, { validFrom: '2026-09-01', force: true }, empty.version);
    expect(sameDate.statusCode).toBe(409);
    expect(errorOf(sameDate)).toMatchObject({ code: 'TIMETABLE_DATE_TAKEN', message: 'С 01.09.2026 уже действует версия «Основное с 1 сентября»: выберите другую дату или снимите ту версию с публикации' });
    const violations = await call('admin', 'POST', `/timetables/${empty.id}/publish`, { validFrom: '2026-11-10' }, empty.version);
    expect(violations.statusCode).toBe(409);
    expect(errorOf(violations)).toMatchObject({ code: 'TIMETABLE_HAS_VIOLATIONS', details: { hard: 13 } });
    expect((await versionOf(empty.id))).toMatchObject({ status: 'draft', version: empty.version });

    const forced = ok<{ timetable: Version; hardViolations: number }>(await call('admin', 'POST', `/timetables/${empty.id}/publish`, { validFrom: '2026-11-10', force: true }, empty.version));
    expect(forced).toMatchObject({ hardViolations: 13, timetable: { status: 'published', validFrom: '2026-11-10', inForce: false } });
    const list = ok<List>(await call('admin', 'GET', '/timetables'));
    expect(list.inForceId).toBe(copy.id);
    expect(list.items.find((v) => v.id === copy.id)).toMatchObject({ inForce: true, validTo: '2026-11-09' });

    // A published version is not deleted; unpublished, it is a draft again and may go.
    const current = list.items.find((v) => v.id === empty.id)!;
    const del = await call('admin', 'DELETE', `/timetables/${empty.id}`, undefined, current.version);
    expect(del.statusCode).toBe(409);
    expect(errorOf(del).code).toBe('TIMETABLE_PUBLISHED');
    const back = ok<Version>(await call('admin', 'POST', `/timetables/${empty.id}/unpublish`, undefined, current.version));
    expect(back).toMatchObject({ status: 'draft', validFrom: null });
    expect((await call('admin', 'POST', `/timetables/${empty.id}/unpublish`, undefined, back.version)).statusCode).toBe(409);
    expect((await call('admin', 'DELETE', `/timetables/${empty.id}`, undefined, back.version - 1)).statusCode).toBe(412);
    expect(ok<{ ok: true }>(await call('admin', 'DELETE', `/timetables/${empty.id}`, undefined, back.version))).toEqual({ ok: true });
    expect((await call('admin', 'GET', `/timetables/${empty.id}`)).statusCode).toBe(404);
    expect(ok<List>(await call('admin', 'GET', '/timetables')).items.find((v) => v.id === copy.id)!.validTo).toBeNull();
  });
});

describe('the grid', () => {
  it('shows a class with its subgroups, names resolved, on the school week', async () => {
    const grid = ok<Grid>(await call('admin', 'GET', `/timetables/${ids.generated}/lessons?classId=${ids.classA}`));
    expect(grid.days.map((d) => d.name)).toEqual(['Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница']);
    expect(grid.lessonNumbers).toEqual([1, 2, 3, 4]);
    expect(grid.lessons).toHaveLength(11);
    const math = grid.lessons.find((l) => l.id === L.math1)!;
    expect(math).toMatchObject({ weekday: 1, lessonNumber: 1, subject: { name: 'Математика' }, class: { name: '5А' }, room: { name: '101' }, locked: false });
    expect(math.teacher).toMatchObject({ name: 'Петрова Анна Сергеевна', shortName: 'Петрова А. С.' });
    expect(grid.lessons.find((l) => l.id === L.eng2a)).toMatchObject({ studyGroup: { name: '5А Англ. гр. 2' }, class: null });
    expect(grid.options.classes.map((c) => c.name)).toEqual(['5А', '5Б']);
    expect(grid.options.rooms.map((r) => r.name)).toEqual(['101', '204']);
    expect(grid.options.teachers).toHaveLength(6);
  });

  it('shows a teacher\'s and a room\'s lessons', async () => {
    const teacher = ok<Grid>(await call('admin', 'GET', `/timetables/${ids.generated}/lessons?employeeId=${ids.petrova}`));
    expect(teacher.lessons.map((l) => l.id).sort()).toEqual([L.math1, L.math2, L.math3, L.mathB1, L.mathB2].sort());
    const room = ok<Grid>(await call('admin', 'GET', `/timetables/${ids.generated}/lessons?roomId=${ids.room204}`));
    expect(room.lessons.map((l) => l.id).sort()).toEqual([L.eng1a, L.eng1b, L.inf1].sort());
    expect((await call('admin', 'GET', `/timetables/${ids.generated}/lessons?classId=5А`)).statusCode).toBe(400);
  });
});

describe('moving a lesson', () => {
  const path = (lesson: string) => `/timetables/${ids.generated}/lessons/${lesson}`;
  const current = async () => (await versionOf(ids.generated)).version;

  it('refuses a move onto the teacher\'s other lesson with the clash in Russian, and saves nothing', async () => {
    const v = await current();
    const res = await call('admin', 'PATCH', path(L.math1), { weekday: 4, lessonNumber: 1 }, v);
    expect(res.statusCode).toBe(409);
    const error = errorOf(res);
    expect(error.code).toBe('TIMETABLE_CLASH');
    expect(error.message).toBe('Урок нельзя поставить сюда: Учитель Петрова А. С. в это время ведёт Математика в 5Б (Чт, 1 урок); Кабинет 101 в это время занят: Математика, 5Б (Чт, 1 урок)');
    expect((error.details as { clashes: Clash[] }).clashes.map((c) => [c.kind, c.lessonId])).toEqual([['teacher', L.mathB1], ['room', L.mathB1]]);
    expect(await lessonRow(L.math1)).toMatchObject({ weekday: 1, lessonNumber: 1 });
    expect(await current()).toBe(v);
  });

  it('moves a lesson to a free cell: saved, the version bumped, the evaluation refreshed', async () => {
    const v = await current();
    const res = await call('admin', 'PATCH', path(L.math1), { weekday: 4, lessonNumber: 2, roomId: ids.room204 }, v);
    const answer = ok<{ lesson: GridLesson; timetable: Version }>(res);
    expect(answer.lesson).toMatchObject({ weekday: 4, lessonNumber: 2, room: { name: '204' } });
    expect(answer.timetable.version).toBe(v + 1);
    expect(res.headers.etag).toBe(`"${v + 1}"`);
    // 5А's Monday now starts with the second lesson: not a gap; no hard violation.
    expect(answer.timetable.evaluation!.hard).toBe(0);
    expect(await lessonRow(L.math1)).toMatchObject({ weekday: 4, lessonNumber: 2, roomId: ids.room204 });
  });

  it('a subgroup clashes only with the lessons of its own students; a class lesson with every subgroup', async () => {
    // English 1 (Аня) onto Wednesday 2: informatics 1 (Аня) clashes, informatics 2 (Борис) does not.
    const eng = ok<Check>(await call('admin', 'POST', `${path(L.eng1a)}/check`, { weekday: 3, lessonNumber: 2, roomId: null }));
    expect(eng.clashes.map((c) => [c.kind, c.lessonId])).toEqual([['students', L.inf1]]);
    expect(eng.clashes[0]!.message).toBe('У 5А Инф. гр. 1 в это время Информатика (Козлов И., Ср, 2 урок)');
    const math = ok<Check>(await call('admin', 'POST', `${path(L.math2)}/check`, { weekday: 3, lessonNumber: 2, roomId: null }));
    expect(math.clashes.map((c) => c.lessonId).sort()).toEqual([L.inf1, L.inf2].sort());
    // English 1 onto Tuesday 3: its own second lesson is there (teacher and students), English 2 beside it shares no student.
    const side = ok<Check>(await call('admin', 'POST', `${path(L.eng1a)}/check`, { weekday: 2, lessonNumber: 3, roomId: null }));
    expect(side.clashes.map((c) => [c.kind, c.lessonId])).toEqual([['teacher', L.eng1b], ['students', L.eng1b]]);
  });

  it('checks without saving: the evaluation after the move and the violations it would add', async () => {
    const v = await current();
    // Mathematics from Wednesday 1 to Wednesday 4: 5А would wait through lesson 3 after informatics.
    const check = ok<Check>(await call('admin', 'POST', `${path(L.math3)}/check`, { weekday: 3, lessonNumber: 4 }));
    expect(check.clashes).toEqual([]);
    expect(check.evaluationBefore.hard).toBe(0);
    expect(check.evaluationAfter.hard).toBeGreaterThan(0);
    expect(check.newViolations.length).toBeGreaterThan(0);
    expect(check.newViolations.every((m) => m.includes('5А'))).toBe(true);
    expect(await lessonRow(L.math3)).toMatchObject({ weekday: 3, lessonNumber: 1 });
    expect(await current()).toBe(v);
  });

  it('refuses a room that is taken when only the room changes', async () => {
    const v = await current();
    const res = await call('admin', 'PATCH', path(L.eng2a), { roomId: ids.room204 }, v);
    expect(res.statusCode).toBe(409);
    expect((errorOf(res).details as { clashes: Clash[] }).clashes).toEqual([
      { kind: 'room', lessonId: L.eng1a, message: 'Кабинет 204 в это время занят: Английский язык, 5А Англ. гр. 1 (Пн, 3 урок)' },
    ]);
    expect(await lessonRow(L.eng2a)).toMatchObject({ roomId: ids.room101 });
  });

  it('refuses a cell outside the week or the day, an unknown room, in Russian with the field; saves nothing', async () => {
    const v = await current();
    const saturday = await call('admin', 'PATCH', path(L.rus1), { weekday: 6 }, v);
    expect(saturday.statusCode).toBe(400);
    expect(errorOf(saturday).details).toEqual([expect.objectContaining({ path: 'weekday', message: 'День недели: в учебной неделе школы 5 дней' })]);
    const fifth = await call('admin', 'PATCH', path(L.rus1), { lessonNumber: 5 }, v);
    expect(errorOf(fifth).details).toEqual([expect.objectContaining({ path: 'lessonNumber', message: 'Номер урока: в расписании звонков 4 урока' })]);
    const room = await call('admin', 'PATCH', path(L.rus1), { roomId: '01900000-0000-7000-8000-000000000000' }, v);
    expect(errorOf(room).details).toEqual([expect.objectContaining({ path: 'roomId' })]);
    const sunday = await call('admin', 'PATCH', path(L.rus1), { weekday: 9 }, v);
    expect(sunday.statusCode).toBe(400);
    expect(errorOf(sunday).code).toBe('VALIDATION_FAILED');
    expect((await call('admin', 'PATCH', `/timetables/${ids.generated}/lessons/01900000-0000-7000-8000-000000000000`, { weekday: 2 }, v)).statusCode).toBe(404);
    expect(await lessonRow(L.rus1)).toMatchObject({ weekday: 1, lessonNumber: 2, roomId: ids.room101 });
    expect(await current()).toBe(v);
  });

  it('a stale version number moves nothing', async () => {
    const v = await current();
    const res = await call('admin', 'PATCH', path(L.rus1), { weekday: 4, lessonNumber: 3 }, v - 1);
    expect(res.statusCode).toBe(412);
    expect(errorOf(res).details).toEqual({ version: v });
    expect(await lessonRow(L.rus1)).toMatchObject({ weekday: 1, lessonNumber: 2 });
  });
});

describe('locking', () => {
  it('locks lessons in bulk; an unknown lesson refuses the whole request', async () => {
    const v = (await versionOf(ids.generated)).version;
    const unknown = await call('admin', 'POST', `/timetables/${ids.generated}/lessons/lock`, { lessonIds: [L.math2, '01900000-0000-7000-8000-000000000000'], locked: true }, v);
    expect(unknown.statusCode).toBe(400);
    expect(errorOf(unknown).details).toEqual([expect.objectContaining({ path: 'lessonIds.1' })]);
    expect(await lessonRow(L.math2)).toMatchObject({ locked: false });

    const res = ok<{ updated: number; timetable: Version }>(await call('admin', 'POST', `/timetables/${ids.generated}/lessons/lock`, { lessonIds: [L.math2, L.math3], locked: true }, v));
    expect(res).toMatchObject({ updated: 2, timetable: { version: v + 1 } });
    const grid = ok<Grid>(await call('admin', 'GET', `/timetables/${ids.generated}/lessons?employeeId=${ids.petrova}`));
    expect(grid.lessons.filter((l) => l.locked).map((l) => l.id).sort()).toEqual([L.math2, L.math3].sort());
    const one = ok<{ lesson: GridLesson }>(await call('admin', 'PATCH', `/timetables/${ids.generated}/lessons/${L.math3}`, { locked: false }, v + 1));
    expect(one.lesson.locked).toBe(false);
    expect((await call('admin', 'POST', `/timetables/${ids.generated}/lessons/lock`, { lessonIds: [], locked: true }, v + 2)).statusCode).toBe(400);
  });
});

describe('who sees what', () => {
  let publishedId: string;
  beforeAll(async () => {
    publishedId = ok<List>(await call('admin', 'GET', '/timetables')).inForceId!;
  });

  it('a student sees published versions only, and of them only the lessons of their class and groups', async () => {
    const list = ok<List>(await call('student', 'GET', '/timetables'));
    expect(list.items.map((v) => v.id)).toEqual([publishedId]);
    expect(list).toMatchObject({ canWrite: false, defaultView: { kind: 'class', id: ids.classA } });
    const grid = ok<Grid>(await call('student', 'GET', `/timetables/${publishedId}/lessons`));
    const names = grid.lessons.map((l) => l.studyGroup?.name ?? l.class?.name);
    expect(new Set(names)).toEqual(new Set(['5А', '5А Англ. гр. 1', '5А Инф. гр. 1']));
    expect(grid.options.classes.map((c) => c.name)).toEqual(['5А']);
    expect(ok<Grid>(await call('student', 'GET', `/timetables/${publishedId}/lessons?classId=${ids.classB}`)).lessons).toEqual([]);
    const detail = ok<Detail>(await call('student', 'GET', `/timetables/${publishedId}`));
    expect(detail.evaluation.violations).toEqual([]);
    expect((await call('student', 'GET', `/timetables/${ids.generated}`)).statusCode).toBe(404);
    expect((await call('student', 'GET', `/timetables/${ids.generated}/lessons`)).statusCode).toBe(404);
    expect((await call('student', 'POST', '/timetables', { name: 'Моё' })).statusCode).toBe(403);
    expect((await call('student', 'POST', `/timetables/${publishedId}/lessons/${L.math1}/check`, { weekday: 2 })).statusCode).toBe(403);
  });

  it('a parent sees the child\'s class', async () => {
    const list = ok<List>(await call('parent', 'GET', '/timetables'));
    expect(list.defaultView).toEqual({ kind: 'class', id: ids.classB });
    const grid = ok<Grid>(await call('parent', 'GET', `/timetables/${publishedId}/lessons?classId=${ids.classB}`));
    expect(grid.lessons.map((l) => l.class?.name)).toEqual(['5Б', '5Б']);
    expect(ok<Grid>(await call('parent', 'GET', `/timetables/${publishedId}/lessons`)).lessons).toHaveLength(2);
  });

  it('a teacher reads every version with their own lessons first, and may not change them', async () => {
    const list = ok<List>(await call('teacher', 'GET', '/timetables'));
    expect(list.items.length).toBeGreaterThan(1);
    expect(list).toMatchObject({ canWrite: false, defaultView: { kind: 'teacher', id: ids.petrova } });
    expect((await call('teacher', 'GET', `/timetables/${ids.generated}/lessons?classId=${ids.classB}`)).statusCode).toBe(200);
    expect((await call('teacher', 'PATCH', `/timetables/${ids.generated}/lessons/${L.math2}`, { weekday: 5 }, 1)).statusCode).toBe(403);
    expect((await call('teacher', 'POST', `/timetables/${ids.generated}/lessons/lock`, { lessonIds: [L.math2], locked: false }, 1)).statusCode).toBe(403);
  });

  it('another school does not see the school', async () => {
    expect((await call('other', 'GET', '/timetables')).statusCode).toBe(404);
    expect((await call('other', 'GET', `/timetables/${ids.generated}`)).statusCode).toBe(404);
    expect((await call('other', 'POST', '/timetables', { name: 'Чужое' })).statusCode).toBe(404);
  });
});

describe('lessons the load no longer has', () => {
  it('are kept, reported in the evaluation, and still take their class\'s time', async () => {
    const db = t.database.db;
    // A deleted load row leaves its lessons without one (the key stays); English 2 loses an hour.
    await db.update(timetableLessons).set({ teachingLoadId: null }).where(eq(timetableLessons.teachingLoadId, ids.russianLoad));
    await db.update(teachingLoads).set({ hoursPerWeek: '1' }).where(eq(teachingLoads.id, ids.english2Load));
    const v = (await versionOf(ids.generated)).version;
    ok(await call('admin', 'POST', `/timetables/${ids.generated}/lessons/lock`, { lessonIds: [L.rus1], locked: true }, v));
    const detail = await versionOf(ids.generated);
    expect(detail.lessons).toBe(13);
    expect(Object.fromEntries(detail.evaluation.orphans.map((o) => [o.lessonId, o.message]))).toEqual({
      [L.rus1]: 'Русский язык — 5А (Пн, 2 урок, Иванова В.): строки нагрузки больше нет',
      [L.rus2]: 'Русский язык — 5А (Вт, 2 урок, Иванова В.): строки нагрузки больше нет',
      [L.eng2b]: 'Английский язык — 5А Англ. гр. 2 (Вт, 3 урок, Орлова М.): в нагрузке больше нет этого часа (часов стало меньше, или занятие не входит в сетку уроков)',
    });
    // The class still has Russian on Monday 2, and the grid still shows it.
    const check = ok<Check>(await call('admin', 'POST', `/timetables/${ids.generated}/lessons/${L.math2}/check`, { weekday: 1, lessonNumber: 2, roomId: null }));
    expect(check.clashes.map((c) => [c.kind, c.lessonId])).toEqual([['students', L.rus1]]);
    const grid = ok<Grid>(await call('admin', 'GET', `/timetables/${ids.generated}/lessons?classId=${ids.classA}`));
    expect(grid.lessons.map((l) => l.id)).toEqual(expect.arrayContaining([L.rus1, L.rus2, L.eng2b]));
  });
});

describe('the API document', () => {
  it('lists the version and lesson routes with their bodies and answers', async () => {
    const doc = ok<{ paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } }>(await t.app.inject({ method: 'GET', url: '/api/openapi.json' }));
    const base = '/api/v1/schools/{schoolId}/timetables';
    for (const path of ['', '/{timetableId}', '/{timetableId}/publish', '/{timetableId}/unpublish', '/{timetableId}/lessons', '/{timetableId}/lessons/lock',
      '/{timetableId}/lessons/{lessonId}', '/{timetableId}/lessons/{lessonId}/check']) {
      expect(doc.paths).toHaveProperty([`${base}${path}`]);
    }
    for (const schema of ['CreateTimetableVersionBody', 'PublishTimetableVersionBody', 'MoveTimetableLessonBody', 'LockTimetableLessonsBody',
      'TimetableVersionList', 'TimetableVersionDetail', 'TimetableGrid', 'TimetableMoveCheck']) {
      expect(doc.components.schemas).toHaveProperty(schema);
    }
  });
});

// The readiness checklist over HTTP: a blank school has every item missing; as each area's rows
// appear (written straight into the tables, like the areas' own pages would), the item turns
// ready. The test clock stands at 2 November 2026: the academic year 2026/27.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  academicCalendars, attestationPeriods, attestationSchedules, bellSchedules, classes, controlForms, curricula, curriculumLines,
  employees, enrollments, markEntryPolicies, markScales, regimeAssignments, rooms, studyGroups, students, subjects, teachingLoads,
} from '../../db/schema';
import { createAccount, createSchool, createTestApp, login, type TestApp } from '../../test/app';
import { ok, schoolClient, type Client } from '../org/org.test-helpers';
import { loadConsistencyOf } from '../load/load.consistency';

type Item = { key: string; title: string; status: string; detail: string; link: string; counts: Record<string, number> };
type Readiness = { academicYear: number; items: Item[]; ready: number; total: number };

let t: TestApp;
let school: { id: string };
let other: { id: string };
let admin: Client;
let teacher: Client;
let student: Client;
let otherDir: Client;

beforeAll(async () => {
  t = await createTestApp();
  school = await createSchool(t.database, 'СОШ № 7');
  other = await createSchool(t.database, 'СОШ № 8');
  await createAccount(t.database, { login: 'ready-admin', roles: [{ schoolId: school.id, role: 'journalAdmin' }] });
  await createAccount(t.database, { login: 'ready-teacher', roles: [{ schoolId: school.id, role: 'subjectTeacher' }] });
  await createAccount(t.database, { login: 'ready-student', roles: [{ schoolId: school.id, role: 'student' }] });
  await createAccount(t.database, { login: 'ready-other', roles: [{ schoolId: other.id, role: 'director' }] });
  admin = schoolClient(t.app, await login(t.app, 'ready-admin'), school.id);
  teacher = schoolClient(t.app, await login(t.app, 'ready-teacher'), school.id);
  student = schoolClient(t.app, await login(t.app, 'ready-student'), school.id);
  // The other school's director asking about this school.
  otherDir = schoolClient(t.app, await login(t.app, 'ready-other'), school.id);
});
afterAll(async () => { await t.close(); });

const checklist = async (query = ''): Promise<Readiness> => ok<Readiness>(await admin.get(`/readiness${query}`));
const item = async (key: string): Promise<Item> => (await checklist()).items.find((i) => i.key === key)!;

describe('readiness checklist', () => {
  const db = () => t.database.db;
  const schoolId = () => school.id;
  let teacherId: string;
  let classA: string;
  let english: string;
  let math: string;

  it('has every item missing in a blank school, in the fixed order, with links', async () => {
    const r = await checklist();
    expect(r.academicYear).toBe(2026);
    expect(r.items.map((i) => i.key)).toEqual([
      'rooms', 'subjects', 'staff', 'contingent', 'calendar', 'regimes', 'controlForms',
      'periods', 'policy', 'curricula', 'groups', 'load', 'timetable', 'workProgrammes',
    ]);
    expect(r.items.slice(0, 12).every((i) => i.status === 'missing')).toBe(true);
    expect(r.items.slice(12).map((i) => i.status)).toEqual(['notAvailable', 'notAvailable']);
    expect(r.items[0]).toMatchObject({ title: 'Кабинеты', detail: 'Нет ни одного кабинета', link: '/year/rooms' });
    expect(r.items.find((i) => i.key === 'timetable')!.detail).toBe('Появится вместе с модулем расписания');
    expect({ ready: r.ready, total: r.total }).toEqual({ ready: 0, total: 12 });
  });

  it('turns rooms and subjects ready (archived ones and other kinds do not count)', async () => {
    await db().insert(rooms).values({ schoolId: schoolId(), name: 'Старый', archived: true });
    await db().insert(subjects).values({ schoolId: schoolId(), name: 'Кружок', shortName: 'Круж.', levels: ['basic'], kind: 'extracurricular' });
    expect((await item('rooms')).status).toBe('missing');
    expect((await item('subjects')).status).toBe('missing');
    await db().insert(rooms).values({ schoolId: schoolId(), name: '204', capacity: 30 });
    const [m, e] = await db().insert(subjects).values([
      { schoolId: schoolId(), name: 'Математика', shortName: 'Матем.', levels: ['basic'] },
      { schoolId: schoolId(), name: 'Английский язык', shortName: 'Англ.', levels: ['basic'] },
    ]).returning();
    math = m!.id;
    english = e!.id;
    expect(await item('rooms')).toMatchObject({ status: 'ready', counts: { rooms: 1 } });
    expect(await item('subjects')).toMatchObject({ status: 'ready', counts: { subjects: 2 } });
  });

  it('warns about a class without a class teacher and one without students', async () => {
    const [emp] = await db().insert(employees).values({ schoolId: schoolId(), lastName: 'Петрова', firstName: 'Анна', position: 'Учитель', loadLimitHours: '27' }).returning();
    teacherId = emp!.id;
    expect((await item('staff')).status).toBe('ready');
    const [c] = await db().insert(classes).values({ schoolId: schoolId(), academicYear: 2026, grade: 5, letter: 'А' }).returning();
    classA = c!.id;
    expect(await item('staff')).toMatchObject({ status: 'warning', detail: 'Нет классного руководителя: класс 5А' });
    expect(await item('contingent')).toMatchObject({ status: 'missing', detail: 'В классах нет ни одного ученика' });
    await db().update(classes).set({ classTeacherId: teacherId }).where(eq(classes.id, classA));
    const [s] = await db().insert(students).values({ schoolId: schoolId(), lastName: 'Иванов', firstName: 'Иван' }).returning();
    await db().insert(enrollments).values({ schoolId: schoolId(), studentId: s!.id, classId: classA, startsOn: '2026-09-01' });
    expect((await item('staff')).status).toBe('ready');
    expect(await item('contingent')).toMatchObject({ status: 'ready', counts: { classes: 1, students: 1, emptyClasses: 0 } });
    // A class of the next year is not this year's business.
    expect((await checklist('?academicYear=2027')).items.find((i) => i.key === 'contingent')!.status).toBe('missing');
  });

  it('turns calendar and periods ready once the calendar and its terms are saved', async () => {
    await db().insert(academicCalendars).values({ schoolId: schoolId(), academicYear: 2026, startsOn: '2026-09-01', endsOn: '2027-05-26' });
    expect(await item('calendar')).toMatchObject({ status: 'warning', detail: 'Нет четвертей (триместров, полугодий) для 5 параллели' });
    expect((await item('periods')).status).toBe('missing');
    const [schedule] = await db().insert(attestationSchedules).values({
      schoolId: schoolId(), academicYear: 2026, kind: 'terms', termKind: 'quarter', grades: [1, 2, 3, 4, 5, 6, 7, 8, 9], name: 'Четверти',
    }).returning();
    await db().insert(attestationPeriods).values([
      ['2026-09-01', '2026-10-24'], ['2026-11-05', '2026-12-28'], ['2027-01-12', '2027-03-20'], ['2027-03-30', '2027-05-26'],
    ].map(([startsOn, endsOn], i) => ({ schoolId: schoolId(), scheduleId: schedule!.id, number: i + 1, name: `${i + 1} четверть`, startsOn: startsOn!, endsOn: endsOn! })));
    expect((await item('calendar')).status).toBe('ready');
    expect((await item('periods')).status).toBe('ready');
  });

  it('turns regimes ready when every class has a bell schedule in force on the first day', async () => {
    const [bells] = await db().insert(bellSchedules).values({
      schoolId: schoolId(), academicYear: 2026, name: 'Первая смена',
      lessons: [{ number: 1, startsAt: '08:30', endsAt: '09:10' }],
    }).returning();
    expect(await item('regimes')).toMatchObject({ status: 'missing', detail: 'Ни одному классу не назначен режим на первый день учебного года' });
    // From October only: not in force on 1 September.
    await db().insert(regimeAssignments).values({ schoolId: schoolId(), bellScheduleId: bells!.id, classId: classA, startsOn: '2026-10-01' });
    expect((await item('regimes')).status).toBe('missing');
    await db().insert(regimeAssignments).values({ schoolId: schoolId(), bellScheduleId: bells!.id, startsOn: '2026-09-01', endsOn: '2026-09-30' });
    expect(await item('regimes')).toMatchObject({ status: 'ready', counts: { bellSchedules: 1, classes: 1, classesWithoutRegime: 0 } });
  });

  it('turns control forms and the policy ready', async () => {
    const [scale] = await db().insert(markScales).values({ schoolId: schoolId(), kind: 'five', name: 'Пятибалльная' }).returning();
    await db().insert(controlForms).values({ schoolId: schoolId(), name: 'Контрольная работа', shortName: 'КР', weight: '2', markScaleId: scale!.id });
    await db().insert(markEntryPolicies).values({
      schoolId: schoolId(), academicYear: 2026, currentMarksDaysBack: 7, periodMarksDaysAfter: 5,
      rounding: { kind: 'arithmetic' }, minMarksForPeriodMark: 3,
    });
    expect((await item('controlForms')).status).toBe('ready');
    expect((await item('policy')).status).toBe('ready');
    expect((await item('policy')).link).toBe('/year/policy');
  });

  it('turns curricula ready, then asks for two subgroups where a subject is split', async () => {
    expect(await item('curricula')).toMatchObject({ status: 'missing', detail: 'Нет ни одного учебного плана' });
    expect(await item('groups')).toMatchObject({ status: 'missing', detail: 'Сначала заполните учебный план' });
    // A student's ИУП does not make the grade's curriculum.
    const [iup] = await db().insert(students).values({ schoolId: schoolId(), lastName: 'Сидоров', firstName: 'Пётр', individualCurriculum: true }).returning();
    await db().insert(curricula).values({ schoolId: schoolId(), academicYear: 2026, grade: 5, studentId: iup!.id, name: 'ИУП' });
    expect((await item('curricula')).status).toBe('missing');
    const [plan] = await db().insert(curricula).values({ schoolId: schoolId(), academicYear: 2026, grade: 5, name: 'Учебный план 5 классов' }).returning();
    expect((await item('curricula')).status).toBe('missing');
    await db().insert(curriculumLines).values([
      { schoolId: schoolId(), curriculumId: plan!.id, subjectId: math, hoursPerWeek: '5' },
      { schoolId: schoolId(), curriculumId: plan!.id, subjectId: english, hoursPerWeek: '3', splitIntoGroups: true },
    ]);
    expect((await item('curricula')).status).toBe('ready');
    expect(await item('groups')).toMatchObject({ status: 'warning', detail: 'Меньше двух подгрупп: 5А (Английский язык)' });
    await db().insert(studyGroups).values([1, 2].map((n) => ({ schoolId: schoolId(), academicYear: 2026, kind: 'subgroup', name: `5А англ. ${n}`, subjectId: english, classId: classA })));
    expect((await item('groups')).status).toBe('ready');
  });

  it('turns load ready when the load is distributed and consistent', async () => {
    expect(await item('load')).toMatchObject({ status: 'missing', detail: 'Нагрузка учителей не распределена' });
    const groups = await db().select().from(studyGroups).where(eq(studyGroups.schoolId, schoolId()));
    await db().insert(teachingLoads).values([
      { schoolId: schoolId(), academicYear: 2026, employeeId: teacherId, subjectId: math, classId: classA, hoursPerWeek: '5' },
      ...groups.map((g) => ({ schoolId: schoolId(), academicYear: 2026, employeeId: teacherId, subjectId: english, studyGroupId: g.id, hoursPerWeek: '3' })),
    ]);
    // The load matches the curriculum: 5 h of mathematics for 5А, 3 h of English for each subgroup.
    expect((await loadConsistencyOf(db(), schoolId(), 2026)).ok).toBe(true);
    expect(await item('load')).toMatchObject({ status: 'ready', counts: { loads: 3, uncovered: 0, unsplit: 0, overLimit: 0, unmatched: 0 } });
    const r = await checklist();
    expect(r.ready).toBe(12);
    // A teacher over their rate makes it a warning that says so.
    await db().update(employees).set({ loadLimitHours: '9' }).where(eq(employees.id, teacherId));
    expect(await item('load')).toMatchObject({ status: 'warning', detail: 'Нагрузка не сходится с учебным планом: учителя сверх ставки: 1' });
    await db().update(employees).set({ loadLimitHours: '27' }).where(eq(employees.id, teacherId));
    expect(r.total).toBe(12);
  });

  it('is read by staff, refused to students, unknown for another school, and checks the year', async () => {
    expect((await teacher.get('/readiness')).statusCode).toBe(200);
    expect((await student.get('/readiness')).statusCode).toBe(403);
    expect((await otherDir.get('/readiness')).statusCode).toBe(404);
    const bad = await admin.get('/readiness?academicYear=двадцать');
    expect(bad.statusCode).toBe(400);
  });
});

describe('readiness of a grade whose classes have their own curricula and regimes', () => {
  it('accepts a curriculum per class instead of the grade one, and names the classes still missing things', async () => {
    const db = t.database.db;
    const s = await createSchool(t.database, 'СОШ № 9');
    await createAccount(t.database, { login: 'ready-admin-9', roles: [{ schoolId: s.id, role: 'deputy' }] });
    const deputy = schoolClient(t.app, await login(t.app, 'ready-admin-9'), s.id);
    const itemOf = async (key: string) => ok<Readiness>(await deputy.get('/readiness')).items.find((i) => i.key === key)!;

    const [math] = await db.insert(subjects).values({ schoolId: s.id, name: 'Математика', shortName: 'Матем.', levels: ['basic'] }).returning();
    const [a, b] = await db.insert(classes).values([
      { schoolId: s.id, academicYear: 2026, grade: 6, letter: 'А' },
      { schoolId: s.id, academicYear: 2026, grade: 6, letter: 'Б' },
    ]).returning();
    const [ownA] = await db.insert(curricula).values({ schoolId: s.id, academicYear: 2026, grade: 6, classId: a!.id, name: 'План 6А' }).returning();
    await db.insert(curriculumLines).values({ schoolId: s.id, curriculumId: ownA!.id, subjectId: math!.id, hoursPerWeek: '5' });
    expect(await itemOf('curricula')).toMatchObject({ status: 'missing' });
    await db.insert(classes).values({ schoolId: s.id, academicYear: 2026, grade: 9, letter: 'А' });
    const [grade9] = await db.insert(curricula).values({ schoolId: s.id, academicYear: 2026, grade: 9, name: 'План 9' }).returning();
    await db.insert(curriculumLines).values({ schoolId: s.id, curriculumId: grade9!.id, subjectId: math!.id, hoursPerWeek: '4' });
    expect(await itemOf('curricula')).toMatchObject({ status: 'warning', detail: 'Нет учебного плана для 6 параллели' });
    const [ownB] = await db.insert(curricula).values({ schoolId: s.id, academicYear: 2026, grade: 6, classId: b!.id, name: 'План 6Б' }).returning();
    await db.insert(curriculumLines).values({ schoolId: s.id, curriculumId: ownB!.id, subjectId: math!.id, hoursPerWeek: '6' });
    expect((await itemOf('curricula')).status).toBe('ready');
    // No split lines at all: nothing to divide.
    expect(await itemOf('groups')).toMatchObject({ status: 'ready', detail: 'Деления на группы в учебных планах нет' });

    const [bells] = await db.insert(bellSchedules).values({ schoolId: s.id, academicYear: 2026, name: 'Звонки', lessons: [] }).returning();
    await db.insert(regimeAssignments).values([
      { schoolId: s.id, bellScheduleId: bells!.id, classId: a!.id, startsOn: '2026-08-25' },
      { schoolId: s.id, bellScheduleId: bells!.id, classId: b!.id, startsOn: '2026-09-01' },
    ]);
    expect(await itemOf('regimes')).toMatchObject({ status: 'warning', detail: 'Не назначен режим: класс 9А' });
    expect(await itemOf('contingent')).toMatchObject({ status: 'missing' });
    expect(await itemOf('staff')).toMatchObject({ status: 'missing', detail: 'Нет ни одного сотрудника' });
  });
});

// The timetable problem over HTTP: a small school whose grid holds its load has no issue; one hour
// more for a class than the grid has names the class; the same problem as a .fet file; a student
// may not read it (403), another school's director does not see the school (404).
import { eq } from 'drizzle-orm';
import { readFet } from '../../../solver/fet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { academicCalendars, bellSchedules, classes, employees, regimeAssignments, rooms, subjects, teachingLoads } from '../../db/schema';
import { createAccount, createSchool, createTestApp, login, type TestApp } from '../../test/app';
import { ok, schoolClient, type Client } from '../org/org.test-helpers';

type Problem = {
  academicYear: number;
  summary: Record<string, number>;
  constraints: Record<string, number>;
  issues: { code: string; message: string; teacher?: string; studentsSet?: string; activity?: number }[];
  notes: string[];
};

let t: TestApp;
let school: { id: string };
let admin: Client;
let student: Client;
let otherDir: Client;
let mathLoad: string;

beforeAll(async () => {
  t = await createTestApp();
  school = await createSchool(t.database, 'СОШ № 11');
  const other = await createSchool(t.database, 'СОШ № 12');
  await createAccount(t.database, { login: 'tt-admin', roles: [{ schoolId: school.id, role: 'journalAdmin' }] });
  await createAccount(t.database, { login: 'tt-student', roles: [{ schoolId: school.id, role: 'student' }] });
  await createAccount(t.database, { login: 'tt-other', roles: [{ schoolId: other.id, role: 'director' }] });
  admin = schoolClient(t.app, await login(t.app, 'tt-admin'), school.id);
  student = schoolClient(t.app, await login(t.app, 'tt-student'), school.id);
  otherDir = schoolClient(t.app, await login(t.app, 'tt-other'), school.id);

  // A five-day week of two lessons a day: ten slots for 5А.
  const db = t.database.db;
  const schoolId = school.id;
  await db.insert(academicCalendars).values({ schoolId, academicYear: 2026, startsOn: '2026-09-01', endsOn: '2027-05-26', weekLengths: [{ grades: [5], days: 5 }] });
  const [bells] = await db.insert(bellSchedules).values({
    schoolId, academicYear: 2026, name: 'Короткий день',
    lessons: [{ number: 1, startsAt: '08:30', endsAt: '09:15' }, { number: 2, startsAt: '09:25', endsAt: '10:10' }],
  }).returning();
  await db.insert(regimeAssignments).values({ schoolId, bellScheduleId: bells!.id, startsOn: '2026-09-01' });
  const [m, e] = await db.insert(subjects).values([
    { schoolId, name: 'Математика', shortName: 'Матем.', levels: ['basic'] },
    { schoolId, name: 'Английский язык', shortName: 'Англ.', levels: ['basic'] },
  ]).returning();
  await db.insert(rooms).values({ schoolId, name: '204', capacity: 30 });
  const [petrova, sidorov] = await db.insert(employees).values([
    { schoolId, lastName: 'Петрова', firstName: 'Анна', position: 'Учитель' },
    { schoolId, lastName: 'Сидоров', firstName: 'Олег', position: 'Учитель' },
  ]).returning();
  const [c] = await db.insert(classes).values({ schoolId, academicYear: 2026, grade: 5, letter: 'А' }).returning();
  const [math] = await db.insert(teachingLoads).values([
    { schoolId, academicYear: 2026, employeeId: petrova!.id, subjectId: m!.id, classId: c!.id, hoursPerWeek: '5' },
    { schoolId, academicYear: 2026, employeeId: sidorov!.id, subjectId: e!.id, classId: c!.id, hoursPerWeek: '5' },
  ]).returning();
  mathLoad = math!.id;
});
afterAll(async () => { await t.close(); });

describe('GET /timetable/problem', () => {
  it('summarises a problem that fits with no issue', async () => {
    const r = ok<Problem>(await admin.get('/timetable/problem'));
    expect(r.academicYear).toBe(2026);
    expect(r.summary).toEqual({ days: 5, periods: 2, classes: 1, teachers: 2, activities: 2, lessons: 10, rooms: 1 });
    expect(r.constraints).toMatchObject({
      basicTime: 1, basicSpace: 1, studentsMaxGapsPerDay: 1, studentsMaxHoursDaily: 1, minDaysBetweenActivities: 2, teachersMaxGapsPerDay: 1,
    });
    expect(r.issues).toEqual([]);
  });

  it('names the class that has more hours than the grid', async () => {
    await t.database.db.update(teachingLoads).set({ hoursPerWeek: '6' }).where(eq(teachingLoads.id, mathLoad));
    const r = ok<Problem>(await admin.get('/timetable/problem?academicYear=2026'));
    expect(r.summary.lessons).toBe(11);
    const overloaded = r.issues.find((i) => i.code === 'studentsOverloaded')!;
    expect(overloaded).toMatchObject({ studentsSet: '5А' });
    expect(overloaded.message).toBe('У «5А» 11 часов в неделю, а свободных уроков в сетке только 10: уберите 1 час из нагрузки или добавьте уроки в день.');
    // Six lessons of mathematics in five days: on different days only where possible, said in a note.
    expect(r.notes.some((n) => n.includes('Математика (5А): 6 ч в неделю при 5 днях'))).toBe(true);
  });

  it('gives the same problem as a .fet file', async () => {
    const res = await admin.get('/timetable/problem.fet');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="timetable-2026-2027.fet"');
    expect(res.body).toContain('<fet');
    expect(res.body).toContain('Петрова');
    const back = readFet(res.body).problem;
    expect(back.activities).toHaveLength(11);
    expect(back.studentsSets.map((s) => s.name)).toContain('5А');
    expect(readFet(res.body).unknownConstraints).toEqual([]);
  });

  it('is refused to a student (403) and hidden from another school (404)', async () => {
    expect((await student.get('/timetable/problem')).statusCode).toBe(403);
    expect((await student.get('/timetable/problem.fet')).statusCode).toBe(403);
    expect((await otherDir.get('/timetable/problem')).statusCode).toBe(404);
    expect((await otherDir.get('/timetable/problem.fet')).statusCode).toBe(404);
  });

  it('refuses a year that is not a number', async () => {
    expect((await admin.get('/timetable/problem?academicYear=два')).statusCode).toBe(400);
  });
});

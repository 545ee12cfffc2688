// A small school with a published timetable for the lessons tests, written straight into the
// tables (the calendar through its route, so its terms become attestation periods as they do in a
// school). 2026/27: grades 5 study five days a week, grade 6 six; 12 September 2026 (a Saturday)
// works as a Monday; the autumn holidays are 26 October – 3 November.
//
// The week of the September version (valid from 1 September):
//   Mon 1  5А  Математика  Петрова   204      Mon 1  6Б  Математика  Орлова  301
//   Mon 2  5А  Русский     Сидоров   205
//   Mon 3  5А Англ. 1  Английский  Кузнецова 205   Mon 3  5А Англ. 2  Английский  Сидоров 204
//   Tue 1  6Б  Математика  Орлова   301
//   Wed 7  5А  Шахматы (extracurricular)  Сидоров, no room; Thu 2 5А Информатика (distance, with a link)  Петрова
// The October version (valid from 5 October): Mon 1 5А Математика Петрова in 205, nothing else.
// Волкова teaches Математика (load in 6Б) but has no lesson; Иванов is a subject teacher with no load.
import { eq } from 'drizzle-orm';
import {
  bellSchedules, classes, employees, enrollments, guardians, regimeAssignments, rooms, studentGuardians, studyGroupMembers,
  studyGroups, students, subjects, teachingLoads, timetableLessons, timetables,
} from '../../db/schema';
import { createAccount, createSchool, login, type TestApp } from '../../test/app';
import { ok, schoolClient, type Client } from '../org/org.test-helpers';

export type LessonsSchool = {
  schoolId: string;
  clients: Record<'admin' | 'teacher' | 'student' | 'parent' | 'otherDirector', Client>;
  ids: {
    classes: Record<'c5a' | 'c6b', string>;
    groups: Record<'eng1' | 'eng2', string>;
    employees: Record<'petrova' | 'sidorov' | 'orlova' | 'kuznetsova' | 'volkova' | 'ivanov', string>;
    rooms: Record<'r204' | 'r205' | 'r301', string>;
    subjects: Record<'math' | 'russian' | 'english' | 'chess' | 'informatics', string>;
    lessons: Record<'math5a' | 'russian5a' | 'math6b' | 'eng1' | 'eng2' | 'tue6b' | 'chess' | 'informatics' | 'octMath5a', string>;
  };
};

export async function seedLessonsSchool(t: TestApp, tag: string): Promise<LessonsSchool> {
  const db = t.database.db;
  const school = await createSchool(t.database, `Школа уроков ${tag}`);
  const other = await createSchool(t.database, `Соседняя школа ${tag}`);
  const schoolId = school.id;

  const staff = await db.insert(employees).values([
    { schoolId, lastName: 'Петрова', firstName: 'Анна', middleName: 'Сергеевна', position: 'Учитель математики' },
    { schoolId, lastName: 'Сидоров', firstName: 'Олег', middleName: 'Петрович', position: 'Учитель русского языка' },
    { schoolId, lastName: 'Орлова', firstName: 'Мария', middleName: 'Павловна', position: 'Учитель математики' },
    { schoolId, lastName: 'Кузнецова', firstName: 'Ирина', middleName: null, position: 'Учитель английского языка' },
    { schoolId, lastName: 'Волкова', firstName: 'Елена', middleName: 'Игоревна', position: 'Учитель математики' },
    { schoolId, lastName: 'Иванов', firstName: 'Пётр', middleName: null, position: 'Учитель' },
    { schoolId, lastName: 'Админова', firstName: 'Вера', middleName: null, position: 'Администратор электронного журнала' },
  ]).returning();
  const [petrova, sidorov, orlova, kuznetsova, volkova, ivanov, adminEmployee] = staff.map((s) => s.id) as [string, string, string, string, string, string, string];

  const accountOf = async (login: string, role: 'journalAdmin' | 'subjectTeacher' | 'student' | 'guardian', forSchool = schoolId) =>
    (await createAccount(t.database, { login: `${login}-${tag}`, roles: [{ schoolId: forSchool, role }] })).id;
  const adminAccount = await accountOf('ls-admin', 'journalAdmin');
  const teacherAccount = await accountOf('ls-teacher', 'subjectTeacher');
  const ivanovAccount = await accountOf('ls-ivanov', 'subjectTeacher');
  const studentAccount = await accountOf('ls-student', 'student');
  const parentAccount = await accountOf('ls-parent', 'guardian');
  await createAccount(t.database, { login: `ls-other-${tag}`, roles: [{ schoolId: other.id, role: 'director' }] });
  await db.update(employees).set({ accountId: adminAccount }).where(eq(employees.id, adminEmployee));
  await db.update(employees).set({ accountId: teacherAccount }).where(eq(employees.id, petrova));
  await db.update(employees).set({ accountId: ivanovAccount }).where(eq(employees.id, ivanov));

  const [math, russian, english, chess, informatics] = (await db.insert(subjects).values([
    { schoolId, name: 'Математика', shortName: 'Матем.', levels: ['basic'] },
    { schoolId, name: 'Русский язык', shortName: 'Рус.', levels: ['basic'] },
    { schoolId, name: 'Английский язык', shortName: 'Англ.', levels: ['basic'] },
    { schoolId, name: 'Шахматы', shortName: 'Шахм.', levels: ['basic'], kind: 'extracurricular' },
    { schoolId, name: 'Информатика', shortName: 'Информ.', levels: ['basic'] },
  ]).returning()).map((s) => s.id) as [string, string, string, string, string];
  const [r204, r205, r301] = (await db.insert(rooms).values([
    { schoolId, name: '204', capacity: 30 }, { schoolId, name: '205', capacity: 30 }, { schoolId, name: '301', capacity: 30 },
  ]).returning()).map((r) => r.id) as [string, string, string];
  const [c5a, c6b] = (await db.insert(classes).values([
    { schoolId, academicYear: 2026, grade: 5, letter: 'А' }, { schoolId, academicYear: 2026, grade: 6, letter: 'Б' },
  ]).returning()).map((c) => c.id) as [string, string];
  const [s1, s2, s3] = (await db.insert(students).values([
    { schoolId, lastName: 'Ученикова', firstName: 'Анна', accountId: studentAccount },
    { schoolId, lastName: 'Соседов', firstName: 'Пётр' },
    { schoolId, lastName: 'Шестов', firstName: 'Иван' },
  ]).returning()).map((s) => s.id) as [string, string, string];
  await db.insert(enrollments).values([
    { schoolId, studentId: s1, classId: c5a, startsOn: '2026-09-01' },
    { schoolId, studentId: s2, classId: c5a, startsOn: '2026-09-01' },
    { schoolId, studentId: s3, classId: c6b, startsOn: '2026-09-01' },
  ]);
  const [guardian] = await db.insert(guardians).values({ schoolId, lastName: 'Ученикова', firstName: 'Ольга', accountId: parentAccount }).returning();
  await db.insert(studentGuardians).values({ schoolId, studentId: s1, guardianId: guardian!.id, relation: 'mother' });
  const [eng1, eng2] = (await db.insert(studyGroups).values([
    { schoolId, academicYear: 2026, kind: 'subgroup', name: '5А Английский 1', subjectId: english, classId: c5a },
    { schoolId, academicYear: 2026, kind: 'subgroup', name: '5А Английский 2', subjectId: english, classId: c5a },
  ]).returning()).map((g) => g.id) as [string, string];
  await db.insert(studyGroupMembers).values([
    { schoolId, studyGroupId: eng1, studentId: s1, startsOn: '2026-09-01' },
    { schoolId, studyGroupId: eng2, studentId: s2, startsOn: '2026-09-01' },
  ]);
  await db.insert(teachingLoads).values([
    { schoolId, academicYear: 2026, employeeId: petrova, subjectId: math, classId: c5a, hoursPerWeek: '5' },
    { schoolId, academicYear: 2026, employeeId: sidorov, subjectId: russian, classId: c5a, hoursPerWeek: '5' },
    { schoolId, academicYear: 2026, employeeId: orlova, subjectId: math, classId: c6b, hoursPerWeek: '5' },
    { schoolId, academicYear: 2026, employeeId: volkova, subjectId: math, classId: c6b, hoursPerWeek: '1' },
    { schoolId, academicYear: 2026, employeeId: kuznetsova, subjectId: english, studyGroupId: eng1, hoursPerWeek: '3' },
    { schoolId, academicYear: 2026, employeeId: sidorov, subjectId: english, studyGroupId: eng2, hoursPerWeek: '3' },
  ]);
  const [bells] = await db.insert(bellSchedules).values({
    schoolId, academicYear: 2026, name: 'Первая смена', shift: 1,
    lessons: [
      { number: 1, startsAt: '08:30', endsAt: '09:15' }, { number: 2, startsAt: '09:25', endsAt: '10:10' },
      { number: 3, startsAt: '10:30', endsAt: '11:15' }, { number: 4, startsAt: '11:35', endsAt: '12:20' },
      { number: 5, startsAt: '12:30', endsAt: '13:15' }, { number: 6, startsAt: '13:25', endsAt: '14:10' },
    ],
  }).returning();
  await db.insert(regimeAssignments).values({ schoolId, bellScheduleId: bells!.id, startsOn: '2026-09-01' });

  const clients = {
    admin: schoolClient(t.app, await login(t.app, `ls-admin-${tag}`), schoolId),
    teacher: schoolClient(t.app, await login(t.app, `ls-teacher-${tag}`), schoolId),
    student: schoolClient(t.app, await login(t.app, `ls-student-${tag}`), schoolId),
    parent: schoolClient(t.app, await login(t.app, `ls-parent-${tag}`), schoolId),
    otherDirector: schoolClient(t.app, await login(t.app, `ls-other-${tag}`), schoolId),
  };
  ok(await clients.admin.put('/calendars/2026', {
    calendar: {
      startsOn: '2026-09-01', endsOn: '2027-05-26',
      termSchemes: [{
        grades: [5, 6], kind: 'quarter', terms: [
          { number: 1, startsOn: '2026-09-01', endsOn: '2026-10-25' }, { number: 2, startsOn: '2026-11-04', endsOn: '2026-12-28' },
          { number: 3, startsOn: '2027-01-12', endsOn: '2027-03-20' }, { number: 4, startsOn: '2027-03-30', endsOn: '2027-05-26' },
        ],
      }],
      holidays: [{ name: 'Осенние каникулы', startsOn: '2026-10-26', endsOn: '2026-11-03' }],
      daysOff: [],
      workingWeekends: [{ date: '2026-09-12', worksAs: 1 }],
      weekLengths: [{ grades: [5], days: 5 }, { grades: [6], days: 6 }],
    },
  }));

  const [september, october] = await db.insert(timetables).values([
    { schoolId, academicYear: 2026, name: 'Основное', status: 'published', validFrom: '2026-09-01', publishedAt: new Date() },
    { schoolId, academicYear: 2026, name: 'С октября', status: 'published', validFrom: '2026-10-05', publishedAt: new Date() },
  ]).returning();
  const at = (timetableId: string, weekday: number, lessonNumber: number, subjectId: string, employeeId: string, target: { classId: string } | { studyGroupId: string }, roomId: string | null, extra: Partial<typeof timetableLessons.$inferInsert> = {}) =>
    ({ schoolId, timetableId, weekday, lessonNumber, subjectId, employeeId, ...target, roomId, ...extra });
  const v1 = september!.id;
  const rows = await db.insert(timetableLessons).values([
    at(v1, 1, 1, math, petrova, { classId: c5a }, r204),
    at(v1, 1, 2, russian, sidorov, { classId: c5a }, r205),
    at(v1, 1, 1, math, orlova, { classId: c6b }, r301),
    at(v1, 1, 3, english, kuznetsova, { studyGroupId: eng1 }, r205),
    at(v1, 1, 3, english, sidorov, { studyGroupId: eng2 }, r204),
    at(v1, 2, 1, math, orlova, { classId: c6b }, r301),
    at(v1, 3, 7, chess, sidorov, { classId: c5a }, null, { kind: 'extracurricular' }),
    at(v1, 4, 2, informatics, petrova, { classId: c5a }, null, { format: 'distance', distanceUrl: 'https://meet.example.ru/informatics' }),
    at(october!.id, 1, 1, math, petrova, { classId: c5a }, r205),
  ]).returning();
  const [math5a, russian5a, math6b, eng1Lesson, eng2Lesson, tue6b, chessLesson, informaticsLesson, octMath5a] = rows.map((r) => r.id) as string[];
  return {
    schoolId,
    clients,
    ids: {
      classes: { c5a, c6b },
      groups: { eng1, eng2 },
      employees: { petrova, sidorov, orlova, kuznetsova, volkova, ivanov },
      rooms: { r204, r205, r301 },
      subjects: { math, russian, english, chess, informatics },
      lessons: {
        math5a: math5a!, russian5a: russian5a!, math6b: math6b!, eng1: eng1Lesson!, eng2: eng2Lesson!, tue6b: tue6b!,
        chess: chessLesson!, informatics: informaticsLesson!, octMath5a: octMath5a!,
      },
    },
  };
}

// A small, fully known cast of two schools for access tests: who teaches what, who leads which
// class, whose child is whose. Written straight into the database, so it does not depend on the
// routes under test.
import { inArray } from 'drizzle-orm';
import type { AreaRole, SchoolRole } from '../../domain/roles';
import type { Database } from '../db/client';
import {
  accounts, areaRoleGrants, classes, employees, enrollments, guardians, municipalities, regions, schoolRoleGrants,
  schools, studentGuardians, studyGroupMembers, studyGroups, students, subjects, teachingLoads,
} from '../db/schema';
import { hashPassword } from '../lib/passwords';

export const castPassword = 'correct horse';
const academicYear = 2026;
const yearStart = '2026-09-01';

export type CastSchool = {
  id: string;
  municipalityId: string;
  regionId: string;
  subjectId: string;
  /** 5А: taught by the subject teacher; the student and the guardian's child are in it. */
  classA: string;
  /** 5Б: led by the class teacher; nobody else of the cast reaches it. */
  classB: string;
  /** English 1: a subgroup of 5А taught by the subject teacher. */
  groupA: string;
  /** A subgroup of 5Б nobody narrow reaches. */
  groupB: string;
  employees: Record<'director' | 'deputy' | 'journalAdmin' | 'subjectTeacher' | 'classTeacher' | 'other', string>;
  /** In 5А, has a student account; the guardian's child. */
  studentA: string;
  /** Another 5А student. */
  studentA2: string;
  /** In 5Б. */
  studentB: string;
  /** Parent of studentA (has an account). */
  guardianA: string;
  /** Parent of studentB. */
  guardianB: string;
};

export type Cast = {
  schools: [CastSchool, CastSchool];
  /** Login of the account holding each role in school 1 (and the area roles over it). */
  logins: Record<SchoolRole | AreaRole, string>;
  accountIds: Record<SchoolRole | AreaRole, string>;
};

let castCounter = 0;

/** Two schools in two regions; the accounts hold their roles in the first one. */
export async function seedCast(database: Database): Promise<Cast> {
  castCounter += 1;
  const { db } = database;
  const tag = `${castCounter}${Math.random().toString(36).slice(2, 6)}`;
  const passwordHash = await hashPassword(castPassword);
  const built: CastSchool[] = [];
  for (const n of [1, 2] as const) {
    const [region] = await db.insert(regions).values({ code: `cast-${tag}-${n}`, name: `Регион ${n}` }).returning();
    const [municipality] = await db.insert(municipalities).values({ regionId: region!.id, name: `Город ${n}` }).returning();
    const [school] = await db.insert(schools).values({ municipalityId: municipality!.id, name: `МАОУ «Школа № ${n}»`, shortName: `Школа № ${n}`, timeZone: 'Asia/Yekaterinburg' }).returning();
    const schoolId = school!.id;
    const [subject] = await db.insert(subjects).values({ schoolId, name: 'Английский язык', shortName: 'Англ.', levels: ['basic'] }).returning();
    const staff = ['director', 'deputy', 'journalAdmin', 'subjectTeacher', 'classTeacher', 'other'] as const;
    const staffRows = await db.insert(employees).values(staff.map((key, i) => ({
      schoolId, lastName: ['Директорова', 'Завучева', 'Админова', 'Учителева', 'Классова', 'Прочева'][i]!, firstName: 'Мария', middleName: 'Ивановна', position: key,
    }))).returning();
    const employeeIds = Object.fromEntries(staff.map((key, i) => [key, staffRows[i]!.id])) as CastSchool['employees'];
    const [a, b] = await db.insert(classes).values([
      { schoolId, academicYear, grade: 5, letter: 'А' },
      { schoolId, academicYear, grade: 5, letter: 'Б', classTeacherId: employeeIds.classTeacher },
    ]).returning();
    const studentRows = await db.insert(students).values([
      { schoolId, lastName: 'Ученикова', firstName: 'Анна', birthDate: '2015-03-01', sex: 'female' },
      { schoolId, lastName: 'Соседов', firstName: 'Пётр', birthDate: '2015-04-02', sex: 'male' },
      { schoolId, lastName: 'Другов', firstName: 'Иван', birthDate: '2015-05-03', sex: 'male' },
    ]).returning();
    const [sA, sA2, sB] = studentRows.map((s) => s.id) as [string, string, string];
    await db.insert(enrollments).values([
      { schoolId, studentId: sA, classId: a!.id, startsOn: yearStart },
      { schoolId, studentId: sA2, classId: a!.id, startsOn: yearStart },
      { schoolId, studentId: sB, classId: b!.id, startsOn: yearStart },
    ]);
    const [gA, gB] = await db.insert(guardians).values([
      { schoolId, lastName: 'Ученикова', firstName: 'Ольга', middleName: 'Петровна' },
      { schoolId, lastName: 'Другова', firstName: 'Елена', middleName: 'Сергеевна' },
    ]).returning();
    await db.insert(studentGuardians).values([
      { schoolId, studentId: sA, guardianId: gA!.id, relation: 'mother' },
      { schoolId, studentId: sB, guardianId: gB!.id, relation: 'mother' },
    ]);
    const [groupA, groupB] = await db.insert(studyGroups).values([
      { schoolId, academicYear, kind: 'subgroup', name: '5А Английский 1', subjectId: subject!.id, classId: a!.id },
      { schoolId, academicYear, kind: 'subgroup', name: '5Б Английский 1', subjectId: subject!.id, classId: b!.id },
    ]).returning();
    await db.insert(studyGroupMembers).values([
      { schoolId, studyGroupId: groupA!.id, studentId: sA, startsOn: yearStart },
      { schoolId, studyGroupId: groupB!.id, studentId: sB, startsOn: yearStart },
    ]);
    await db.insert(teachingLoads).values({ schoolId, academicYear, employeeId: employeeIds.subjectTeacher, subjectId: subject!.id, studyGroupId: groupA!.id, hoursPerWeek: '3' });
    built.push({
      id: schoolId, municipalityId: municipality!.id, regionId: region!.id, subjectId: subject!.id,
      classA: a!.id, classB: b!.id, groupA: groupA!.id, groupB: groupB!.id, employees: employeeIds,
      studentA: sA, studentA2: sA2, studentB: sB, guardianA: gA!.id, guardianB: gB!.id,
    });
  }
  const [one] = built as [CastSchool, CastSchool];
  const roles = ['director', 'deputy', 'journalAdmin', 'subjectTeacher', 'classTeacher', 'student', 'guardian', 'regionAdmin', 'municipalityAdmin'] as const;
  const logins = Object.fromEntries(roles.map((r) => [r, `${r.toLowerCase()}-${tag}`])) as Cast['logins'];
  const accountRows = await db.insert(accounts).values(roles.map((r) => ({
    login: logins[r], passwordHash, lastName: 'Тестова', firstName: r, middleName: null,
  }))).returning();
  const accountIds = Object.fromEntries(roles.map((r, i) => [r, accountRows[i]!.id])) as Cast['accountIds'];
  const schoolRoleList = ['director', 'deputy', 'journalAdmin', 'subjectTeacher', 'classTeacher', 'student', 'guardian'] as const;
  await db.insert(schoolRoleGrants).values(schoolRoleList.map((role) => ({ schoolId: one.id, accountId: accountIds[role], role })));
  await db.insert(areaRoleGrants).values([
    { accountId: accountIds.regionAdmin, role: 'regionAdmin', regionId: one.regionId },
    { accountId: accountIds.municipalityAdmin, role: 'municipalityAdmin', regionId: one.regionId, municipalityId: one.municipalityId },
  ]);
  // Link each staff account to its employee record, the student and guardian to theirs.
  for (const role of ['director', 'deputy', 'journalAdmin', 'subjectTeacher', 'classTeacher'] as const) {
    await db.update(employees).set({ accountId: accountIds[role] }).where(inArray(employees.id, [one.employees[role]]));
  }
  await db.update(students).set({ accountId: accountIds.student }).where(inArray(students.id, [one.studentA]));
  await db.update(guardians).set({ accountId: accountIds.guardian }).where(inArray(guardians.id, [one.guardianA]));
  return { schools: built as [CastSchool, CastSchool], logins, accountIds };
}

import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeSnils } from '../../../domain/person';
import { hashPassword, verifyPassword } from '../../lib/passwords';
import { createTestDatabase } from '../../test/database';
import type { Database, Db } from '../client';
import {
  accounts, classes, employees, enrollments, guardians, municipalities, regions, schoolRoleGrants, schools, studentGuardians,
  students, studyGroupMembers, studyGroups, subjects, teachingLoads,
} from '../schema';
import { createAccessService } from '../../features/access/access.service';
import { ManualClock } from '../../lib/clock';
import { type DemoSummary, academicYearOf, demoLogins, demoPassword, seedDemo } from './generate';
import { hasAnySchool } from '../../features/org/org.service';
import { surnameFor } from './names';

const year = 2026;

/** Students of a school in a stable order, without ids. */
async function studentNames(db: Db, schoolId: string): Promise<string[]> {
  const rows = await db
    .select({ grade: classes.grade, letter: classes.letter, last: students.lastName, first: students.firstName, middle: students.middleName, born: students.birthDate })
    .from(students)
    .innerJoin(enrollments, and(eq(enrollments.schoolId, students.schoolId), eq(enrollments.studentId, students.id)))
    .innerJoin(classes, and(eq(classes.schoolId, enrollments.schoolId), eq(classes.id, enrollments.classId)))
    .where(eq(students.schoolId, schoolId));
  return rows.map((r) => `${r.grade}${r.letter} ${r.last} ${r.first} ${r.middle} ${r.born}`).sort();
}

describe('seedDemo, one school', () => {
  let database: Database;
  let db: Db;
  let summary: DemoSummary;
  let schoolId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    expect(await hasAnySchool(db)).toBe(false);
    const started = performance.now();
    summary = await seedDemo(db, { seed: 7, academicYear: year });
    console.info(`seedDemo, 1 school on ${database.kind}: ${Math.round(performance.now() - started)} ms (password hashing included)`, summary);
    schoolId = summary.demoSchoolId;
  });
  afterAll(async () => { await database?.close(); });

  it('reports counts in the expected ranges', async () => {
    expect(await hasAnySchool(db)).toBe(true);
    expect(summary).toMatchObject({ schools: 1, classes: 31, accounts: 6, academicYear: year });
    expect(summary.employees).toBeGreaterThanOrEqual(50);
    expect(summary.employees).toBeLessThanOrEqual(70);
    expect(summary.students).toBeGreaterThanOrEqual(31 * 25);
    expect(summary.students).toBeLessThanOrEqual(31 * 31);
    expect(summary.guardians).toBeGreaterThan(summary.students);
    expect(summary.guardians).toBeLessThan(summary.students * 2);
    expect(await db.$count(employees, eq(employees.schoolId, schoolId))).toBe(summary.employees);
    expect(await db.$count(students, eq(students.schoolId, schoolId))).toBe(summary.students);
    expect(await db.$count(guardians, eq(guardians.schoolId, schoolId))).toBe(summary.guardians);
    expect(await db.$count(subjects, eq(subjects.schoolId, schoolId))).toBeGreaterThanOrEqual(20);
  });

  it('creates the region, Perm and school № 1', async () => {
    const [school] = await db.select().from(schools).where(eq(schools.id, schoolId));
    expect(school).toMatchObject({
      name: 'Муниципальное автономное общеобразовательное учреждение «Средняя общеобразовательная школа № 1» г. Перми',
      shortName: 'МАОУ «СОШ № 1»',
      timeZone: 'Asia/Yekaterinburg',
    });
    const [m] = await db.select().from(municipalities).innerJoin(regions, eq(regions.id, municipalities.regionId))
      .where(eq(municipalities.id, school?.municipalityId ?? ''));
    expect(m?.municipalities.name).toBe('г. Пермь');
    expect(m?.regions).toMatchObject({ code: '59', name: 'Пермский край' });
  });

  it('has a staff with a director, deputies and subject teachers', async () => {
    const rows = await db.select({ position: employees.position, email: employees.email }).from(employees).where(eq(employees.schoolId, schoolId));
    const count = (p: string) => rows.filter((r) => r.position === p).length;
    expect(count('Директор')).toBe(1);
    expect(rows.filter((r) => r.position.startsWith('Заместитель директора')).length).toBeGreaterThanOrEqual(2);
    expect(count('Учитель математики')).toBeGreaterThanOrEqual(2);
    expect(count('Учитель начальных классов')).toBe(12);
    for (const p of ['Педагог-психолог', 'Социальный педагог', 'Педагог-библиотекарь']) expect(count(p), p).toBe(1);
    expect(rows.every((r) => r.email?.endsWith('@school1.perm.example'))).toBe(true);
    expect(new Set(rows.map((r) => r.email)).size).toBe(rows.length);
  });

  it('gives every class a class teacher of the school and 25–31 students', async () => {
    const rows = await db.select().from(classes).where(eq(classes.schoolId, schoolId));
    expect(rows.map((c) => `${c.grade}${c.letter}`)).toContain('5А');
    expect(rows.every((c) => c.academicYear === year)).toBe(true);
    const teacherIds = rows.map((c) => c.classTeacherId);
    expect(teacherIds.every((id) => id !== null)).toBe(true);
    expect(new Set(teacherIds).size).toBe(rows.length);
    const teachers = await db.select({ id: employees.id, position: employees.position }).from(employees)
      .where(and(eq(employees.schoolId, schoolId), inArray(employees.id, teacherIds as string[])));
    expect(teachers.length).toBe(rows.length);
    expect(teachers.every((t) => t.position.startsWith('Учитель'))).toBe(true);
    const open = await db.select({ classId: enrollments.classId }).from(enrollments).where(eq(enrollments.schoolId, schoolId));
    for (const c of rows) {
      const n = open.filter((e) => e.classId === c.id).length;
      expect(n, `${c.grade}${c.letter}`).toBeGreaterThanOrEqual(25);
      expect(n, `${c.grade}${c.letter}`).toBeLessThanOrEqual(31);
    }
  });

  it('gives every student one open enrollment from 1 September, a fitting birth date and 1–2 guardians', async () => {
    const rows = await db
      .select({ student: students, enrollment: enrollments, grade: classes.grade })
      .from(students)
      .leftJoin(enrollments, and(eq(enrollments.schoolId, students.schoolId), eq(enrollments.studentId, students.id)))
      .leftJoin(classes, and(eq(classes.schoolId, enrollments.schoolId), eq(classes.id, enrollments.classId)))
      .where(eq(students.schoolId, schoolId));
    expect(rows.length).toBe(summary.students); // one enrollment each
    for (const { student, enrollment, grade } of rows) {
      expect(enrollment).toMatchObject({ startsOn: `${year}-09-01`, endsOn: null });
      const born = student.birthDate ?? '';
      expect(born >= `${year - 7 - (grade ?? 0)}-09-01` && born <= `${year - 5 - (grade ?? 0)}-02-28`, `${grade}: ${born}`).toBe(true);
      expect(['male', 'female']).toContain(student.sex);
    }
    const forms = rows.map((r) => r.student.educationForm);
    expect(forms.filter((f) => f === 'familyEducation').length).toBe(2);
    expect(forms.filter((f) => f === 'inSchool').length).toBe(rows.length - 2);

    const links = await db.select().from(studentGuardians).where(eq(studentGuardians.schoolId, schoolId));
    const perStudent = new Map<string, number>();
    for (const l of links) perStudent.set(l.studentId, (perStudent.get(l.studentId) ?? 0) + 1);
    expect(perStudent.size).toBe(summary.students);
    expect([...perStudent.values()].every((n) => n === 1 || n === 2)).toBe(true);
    expect([...perStudent.values()].filter((n) => n === 2).length).toBeGreaterThan(summary.students / 2);
    // Some guardians have two or more children at the school, in different classes.
    const perGuardian = new Map<string, string[]>();
    for (const l of links) perGuardian.set(l.guardianId, [...(perGuardian.get(l.guardianId) ?? []), l.studentId]);
    const classOf = new Map(rows.map((r) => [r.student.id, r.enrollment?.classId]));
    const withSiblings = [...perGuardian.values()].filter((kids) => kids.length > 1);
    expect(withSiblings.length).toBeGreaterThan(10);
    for (const kids of withSiblings) expect(new Set(kids.map((k) => classOf.get(k))).size).toBe(kids.length);
    const guardianRows = await db.select().from(guardians).where(eq(guardians.schoolId, schoolId));
    expect(guardianRows.filter((g) => g.email).length).toBeGreaterThan(guardianRows.length / 2);
    expect(guardianRows.filter((g) => g.phone).every((g) => /^\+7 9\d\d \d{3}-\d\d-\d\d$/.test(g.phone ?? ''))).toBe(true);
    // Most parents' СНИЛС is on record, always valid; the demo parent's always.
    const withSnils = guardianRows.filter((g) => g.snils);
    expect(withSnils.length).toBeGreaterThan(guardianRows.length * 0.8);
    for (const g of withSnils) expect(normalizeSnils(g.snils)).toEqual({ ok: true, value: g.snils });
    const [demoParent] = await db.select({ snils: guardians.snils }).from(guardians).innerJoin(accounts, eq(accounts.id, guardians.accountId)).where(eq(accounts.login, 'parent'));
    expect(demoParent?.snils).toMatch(/^\d{3}-\d{3}-\d{3} \d{2}$/);
  });

  it('agrees surnames and patronymics with the sex, and children with their father', async () => {
    const studentRows = await db.select().from(students).where(eq(students.schoolId, schoolId));
    for (const s of studentRows) {
      expect(s.middleName ?? '', `${s.lastName} ${s.firstName} ${s.middleName}`).toMatch(s.sex === 'male' ? /ич$/ : /на$/);
      expect(s.lastName, s.lastName).not.toMatch(s.sex === 'male' ? /(ова|ева|ёва|ина|ская|цкая)$/ : /(ов|ев|ёв|ин|ский|цкий)$/);
    }
    const fathers = await db
      .select({ student: students, father: guardians })
      .from(studentGuardians)
      .innerJoin(students, and(eq(students.schoolId, studentGuardians.schoolId), eq(students.id, studentGuardians.studentId)))
      .innerJoin(guardians, and(eq(guardians.schoolId, studentGuardians.schoolId), eq(guardians.id, studentGuardians.guardianId)))
      .where(and(eq(studentGuardians.schoolId, schoolId), eq(studentGuardians.relation, 'father')));
    expect(fathers.length).toBeGreaterThan(100);
    for (const { student, father } of fathers) {
      expect(father.middleName).toMatch(/ич$/);
      expect(student.lastName).toBe(surnameFor(father.lastName, student.sex === 'male' ? 'male' : 'female'));
    }
    const mothers = await db.select({ g: guardians }).from(studentGuardians)
      .innerJoin(guardians, and(eq(guardians.schoolId, studentGuardians.schoolId), eq(guardians.id, studentGuardians.guardianId)))
      .where(and(eq(studentGuardians.schoolId, schoolId), eq(studentGuardians.relation, 'mother')));
    for (const { g } of mothers) {
      expect(g.middleName).toMatch(/на$/);
      expect(g.lastName).not.toMatch(/(ов|ев|ёв|ин|ский)$/);
    }
  });

  it('creates the six demo accounts with their roles in the school and the password «demo»', async () => {
    const rows = await db.select().from(accounts).orderBy(asc(accounts.login));
    expect(rows.map((a) => a.login).sort()).toEqual(demoLogins.map((l) => l.login).sort());
    expect(demoLogins.map((l) => l.title)).toEqual(['Директор', 'Администратор журнала', 'Учитель', 'Классный руководитель', 'Ученик', 'Родитель']);
    const hash = rows[0]?.passwordHash ?? '';
    expect(rows.every((a) => a.passwordHash === hash)).toBe(true);
    expect(await verifyPassword(hash, demoPassword)).toBe(true);
    expect(await verifyPassword(hash, 'wrong')).toBe(false);

    const grants = await db.select().from(schoolRoleGrants).where(isNull(schoolRoleGrants.revokedAt));
    const byLogin = new Map(rows.map((a) => [a.login, a]));
    const account = (login: string) => {
      const a = byLogin.get(login);
      if (!a) throw new Error(login);
      return a;
    };
    for (const l of demoLogins) {
      const a = account(l.login);
      const roles = grants.filter((g) => g.accountId === a.id);
      expect(roles.every((g) => g.schoolId === schoolId)).toBe(true);
      expect(roles.map((g) => g.role).sort(), l.login).toEqual([...l.roles].sort());
    }

    const employeeOf = async (login: string) => {
      const [e] = await db.select().from(employees).where(and(eq(employees.schoolId, schoolId), eq(employees.accountId, account(login).id)));
      expect(e).toMatchObject({ lastName: account(login).lastName, firstName: account(login).firstName, middleName: account(login).middleName });
      return e;
    };
    expect((await employeeOf('director'))?.position).toBe('Директор');
    expect((await employeeOf('admin'))?.position).toBe('Администратор электронного журнала');
    const teacher = await employeeOf('teacher');
    expect(teacher?.position).toBe('Учитель математики');
    expect(await db.$count(classes, eq(classes.classTeacherId, teacher?.id ?? ''))).toBe(0);
    const classTeacher = await employeeOf('classteacher');
    const [fifthA] = await db.select().from(classes).where(and(eq(classes.schoolId, schoolId), eq(classes.grade, 5), eq(classes.letter, 'А')));
    expect(fifthA?.classTeacherId).toBe(classTeacher?.id);

    const [student] = await db.select().from(students).where(eq(students.accountId, account('student').id));
    expect(student).toMatchObject({ schoolId, lastName: account('student').lastName, firstName: account('student').firstName, educationForm: 'inSchool' });
    const [enrollment] = await db.select().from(enrollments).where(eq(enrollments.studentId, student?.id ?? ''));
    expect(enrollment?.classId).toBe(fifthA?.id);
    const [parent] = await db.select().from(guardians).where(eq(guardians.accountId, account('parent').id));
    expect(parent).toMatchObject({ schoolId, lastName: account('parent').lastName, firstName: account('parent').firstName });
    const link = await db.select().from(studentGuardians)
      .where(and(eq(studentGuardians.studentId, student?.id ?? ''), eq(studentGuardians.guardianId, parent?.id ?? '')));
    expect(link.length).toBe(1);
  });

  it('splits classes into two subgroups for subjects taught in groups, halves of the attending students each', async () => {
    const all = await db.select().from(studyGroups).where(eq(studyGroups.schoolId, schoolId));
    expect(all.length).toBe(summary.studyGroups);
    // Besides the subgroups, the demo year has a group for each additional programme.
    const groups = all.filter((g) => g.kind === 'subgroup');
    expect(all.filter((g) => g.kind === 'activity').length).toBe(2);
    expect(groups.length).toBeGreaterThan(100);
    expect(groups.every((g) => g.classId !== null && g.subjectId !== null && g.academicYear === year)).toBe(true);
    const members = await db.select().from(studyGroupMembers).where(eq(studyGroupMembers.schoolId, schoolId));
    const open = await db.select().from(enrollments).where(eq(enrollments.schoolId, schoolId));
    const classOf = new Map(open.map((e) => [e.studentId, e.classId]));
    const inSchool = new Set((await db.select({ id: students.id }).from(students)
      .where(and(eq(students.schoolId, schoolId), eq(students.educationForm, 'inSchool')))).map((s) => s.id));
    const pairs = new Map<string, string[][]>();
    for (const g of groups) {
      const ids = members.filter((m) => m.studyGroupId === g.id).map((m) => m.studentId);
      const key = `${g.classId}|${g.subjectId}`;
      pairs.set(key, [...(pairs.get(key) ?? []), ids]);
      for (const id of ids) expect(classOf.get(id), g.name).toBe(g.classId);
    }
    expect(members.every((m) => m.startsOn === `${year}-09-01` && m.endsOn === null)).toBe(true);
    for (const [key, halves] of pairs) {
      expect(halves.length, key).toBe(2);
      const [first, second] = halves as [string[], string[]];
      expect(Math.abs(first.length - second.length), key).toBeLessThanOrEqual(1);
      expect(first.filter((id) => second.includes(id)), key).toEqual([]);
      const classId = key.split('|')[0];
      const attending = open.filter((e) => e.classId === classId && inSchool.has(e.studentId)).map((e) => e.studentId).sort();
      expect([...first, ...second].sort(), key).toEqual(attending);
    }
    const english = groups.filter((g) => g.name.startsWith('5А Англ. яз.')).map((g) => g.name).sort();
    expect(english).toEqual(['5А Англ. яз. гр. 1', '5А Англ. яз. гр. 2']);
  });

  it('records the teaching load of every assignment, so the demo teacher sees exactly their classes', async () => {
    const loads = await db.select().from(teachingLoads).where(eq(teachingLoads.schoolId, schoolId));
    expect(loads.length).toBe(summary.teachingLoads);
    expect(loads.every((l) => l.academicYear === year && (l.classId === null) !== (l.studyGroupId === null) && Number(l.hoursPerWeek) > 0)).toBe(true);
    // Every subgroup is taught, by exactly one teacher; every class has a load of its own.
    const groupIds = (await db.select({ id: studyGroups.id }).from(studyGroups).where(eq(studyGroups.schoolId, schoolId))).map((g) => g.id).sort();
    expect(loads.flatMap((l) => (l.studyGroupId ? [l.studyGroupId] : [])).sort()).toEqual(groupIds);
    const classIds = (await db.select({ id: classes.id }).from(classes).where(eq(classes.schoolId, schoolId))).map((c) => c.id);
    for (const id of classIds) expect(loads.some((l) => l.classId === id)).toBe(true);

    const [teacherAccount] = await db.select().from(accounts).where(eq(accounts.login, 'teacher'));
    const [teacher] = await db.select().from(employees).where(and(eq(employees.schoolId, schoolId), eq(employees.accountId, teacherAccount!.id)));
    const own = loads.filter((l) => l.employeeId === teacher!.id);
    expect(own.length).toBeGreaterThan(3);
    const mathSubjects = await db.select({ id: subjects.id, name: subjects.name }).from(subjects).where(eq(subjects.schoolId, schoolId));
    const subjectName = new Map(mathSubjects.map((s) => [s.id, s.name]));
    expect(own.every((l) => ['Математика', 'Алгебра', 'Геометрия', 'Вероятность и статистика', 'Алгебра и начала математического анализа'].includes(subjectName.get(l.subjectId) ?? ''))).toBe(true);

    const access = createAccessService({ db, clock: new ManualClock(new Date(`${year}-11-02T09:00:00Z`)) });
    const seen = await access.visible(await access.authorize(
      { sessionId: '', csrfToken: '', accountId: teacherAccount!.id, activeSchoolId: schoolId, mustChangePassword: false }, schoolId, 'class', 'read'), 'class');
    expect(seen.all).toBe(false);
    const taught = new Set(own.flatMap((l) => (l.classId ? [l.classId] : [])));
    expect(!seen.all && [...seen.ids].sort()).toEqual([...taught].sort());
  });

  it('refuses to seed the demo logins twice', async () => {
    await expect(seedDemo(db, { seed: 8, academicYear: year, passwordHash: 'x' })).rejects.toThrow(/already exist/);
  });

  it('gives the same people for the same seed', async () => {
    const other = await createTestDatabase();
    try {
      const again = await seedDemo(other.db, { seed: 7, academicYear: year, passwordHash: await hashPassword(demoPassword) });
      expect(again).toMatchObject({ employees: summary.employees, classes: summary.classes, students: summary.students, guardians: summary.guardians });
      expect(await studentNames(other.db, again.demoSchoolId)).toEqual(await studentNames(db, schoolId));
      const names = async (d: Db, id: string) =>
        (await d.select().from(employees).where(eq(employees.schoolId, id))).map((e) => `${e.position} ${e.lastName} ${e.firstName} ${e.middleName}`).sort();
      expect(await names(other.db, again.demoSchoolId)).toEqual(await names(db, schoolId));
      const logins = async (d: Db) => (await d.select().from(accounts)).map((a) => `${a.login} ${a.lastName} ${a.firstName}`).sort();
      expect(await logins(other.db)).toEqual(await logins(db));
    } finally {
      await other.close();
    }
  });
});

describe('seedDemo, two schools', () => {
  let database: Database;
  let summary: DemoSummary;
  beforeAll(async () => {
    database = await createTestDatabase();
    summary = await seedDemo(database.db, { seed: 11, schools: 2, academicYear: year, passwordHash: 'not-a-real-hash' });
  });
  afterAll(async () => { await database?.close(); });

  it('lets the demo teacher work in both schools', async () => {
    const db = database.db;
    expect(summary.schools).toBe(2);
    expect(summary.schoolIds).toHaveLength(2);
    expect(summary.accounts).toBe(6);
    const [teacher] = await db.select().from(accounts).where(eq(accounts.login, 'teacher'));
    const grants = await db.select().from(schoolRoleGrants).where(eq(schoolRoleGrants.accountId, teacher?.id ?? ''));
    expect(grants.map((g) => `${g.schoolId === summary.schoolIds[0] ? 1 : 2} ${g.role}`).sort()).toEqual(['1 subjectTeacher', '2 subjectTeacher']);
    const rows = await db.select().from(employees).where(eq(employees.accountId, teacher?.id ?? ''));
    expect(rows.map((e) => e.schoolId).sort()).toEqual([...summary.schoolIds].sort());
    for (const e of rows) expect(e).toMatchObject({ lastName: teacher?.lastName, firstName: teacher?.firstName, position: 'Учитель математики' });
    // The shared teacher has a teaching load in both schools.
    const loads = await db.select({ schoolId: teachingLoads.schoolId }).from(teachingLoads)
      .innerJoin(employees, and(eq(employees.schoolId, teachingLoads.schoolId), eq(employees.id, teachingLoads.employeeId)))
      .where(eq(employees.accountId, teacher?.id ?? ''));
    expect(new Set(loads.map((l) => l.schoolId))).toEqual(new Set(summary.schoolIds));
    // Other accounts exist only in the first school.
    const others = await db.select().from(schoolRoleGrants).where(eq(schoolRoleGrants.schoolId, summary.schoolIds[1] ?? ''));
    expect(others.length).toBe(1);
  });

  it('numbers the second school and fills it too', async () => {
    const db = database.db;
    const [second] = await db.select().from(schools).where(eq(schools.id, summary.schoolIds[1] ?? ''));
    expect(second?.shortName).toMatch(/^МА?Б?ОУ «(СОШ|Гимназия|Лицей) № \d+»$/);
    expect(second?.shortName).not.toBe('МАОУ «СОШ № 1»');
    expect(await db.$count(classes, eq(classes.schoolId, summary.schoolIds[1] ?? ''))).toBeGreaterThanOrEqual(11);
    const nullTeacher = await db.select().from(classes).where(isNull(classes.classTeacherId));
    expect(nullTeacher).toEqual([]);
  });
});

it('finds the academic year of a date in Perm', () => {
  expect(academicYearOf(new Date('2026-09-01T00:00:00+05:00'))).toBe(2026);
  expect(academicYearOf(new Date('2026-08-31T23:00:00+05:00'))).toBe(2025);
  expect(academicYearOf(new Date('2027-08-31T12:00:00Z'))).toBe(2026);
  expect(academicYearOf(new Date('2026-08-31T20:00:00Z'))).toBe(2026); // already 1 September in Perm
});

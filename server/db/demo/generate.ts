// The demo-school generator: a region, its municipalities and schools full of plausible people —
// staff, classes, students with their guardians — and six demo accounts in the first school.
// Everything is drawn from a seeded generator, so a seed always gives the same names, counts and
// relations (ids are UUIDv7 and differ from run to run). Subjects taught in two groups split each
// class into two subgroups, and every teaching assignment becomes a teaching-load row, so each
// teacher sees exactly the classes and groups they teach. Each school is built in memory from a
// per-school context, then written in one transaction with multi-row inserts.
import { and, eq, inArray } from 'drizzle-orm';
import type { PgInsertValue, PgTable } from 'drizzle-orm/pg-core';
import { uuidv7 } from 'uuidv7';
import type { SchoolRole } from '../../../domain/roles';
import { hashPassword } from '../../lib/passwords';
import type { Db, Queryable } from '../client';
import {
  accounts, classes, employees, enrollments, guardians, municipalities, regions, schoolRoleGrants, schools,
  studentGuardians, students, studyGroupMembers, studyGroups, subjects, teachingLoads,
} from '../schema';
import {
  type FullName, type Sex, firstNames, maleAdultNames, patronymic, pickRanked, randomAdult, surnameFor, surnames,
  transliterate,
} from './names';
import { Random, hashSeed } from './random';
import {
  type Speciality, deputyPositions, hoursPerTeacher, journalAdminPosition, otherStaff, primaryTeacher, specialities,
} from './staff';
import { seedSchoolYear } from './year';
import { seedJournal, type DemoJournalOptions } from './journal';
import { type SubjectKey, catalogueSubject, hoursOf, levelOfGrade, subjectCatalogue } from './subjects';

// ---------------------------------------------------------------------------------------------
// Public API

export const demoPassword = 'demo';

/** The demo logins, all with the password `demoPassword`, in the first demo school. */
export const demoLogins = [
  { login: 'director', title: 'Директор', roles: ['director'] },
  { login: 'admin', title: 'Администратор журнала', roles: ['journalAdmin'] },
  { login: 'teacher', title: 'Учитель', roles: ['subjectTeacher'] },
  { login: 'classteacher', title: 'Классный руководитель', roles: ['subjectTeacher', 'classTeacher'] },
  { login: 'student', title: 'Ученик', roles: ['student'] },
  { login: 'parent', title: 'Родитель', roles: ['guardian'] },
] as const satisfies readonly { login: string; title: string; roles: readonly SchoolRole[] }[];

export type DemoLogin = (typeof demoLogins)[number]['login'];

export type DemoOptions = {
  /** Same seed, same people. Default 1. */
  seed?: number;
  /** Number of schools. Default 1. */
  schools?: number;
  /** Year the academic year starts in (2026 for 2026/27). Default: the current one in Perm. */
  academicYear?: number;
  /** A ready argon2 hash of `demoPassword`, to skip hashing (slow) in tests and benchmarks. */
  passwordHash?: string;
  /** The journal of the current term up to yesterday (journal.ts: by default its last `demoJournalWeeks` weeks); false: none. */
  journal?: DemoJournalOptions | false;
};

export type DemoSummary = {
  schools: number;
  employees: number;
  classes: number;
  students: number;
  guardians: number;
  accounts: number;
  studyGroups: number;
  teachingLoads: number;
  /** Rows of the demo journal, all schools together. */
  journal: { lessons: number; marks: number; attendance: number; homework: number; audit: number };
  /** The school holding the demo accounts. */
  demoSchoolId: string;
  schoolIds: string[];
  regionId: string;
  academicYear: number;
};

export const demoRegion = { code: '59', name: 'Пермский край' } as const;
export const demoTimeZone = 'Asia/Yekaterinburg';

/** The academic year a date falls in: it starts on 1 September (local date in the given zone). */
export function academicYearOf(date: Date, timeZone: string = demoTimeZone): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'numeric' }).formatToParts(date);
  const year = Number(parts.find((p) => p.type === 'year')?.value);
  const month = Number(parts.find((p) => p.type === 'month')?.value);
  return month >= 9 ? year : year - 1;
}

export async function seedDemo(db: Db, options: DemoOptions = {}): Promise<DemoSummary> {
  const seed = options.seed ?? 1;
  const schoolCount = options.schools ?? 1;
  const academicYear = options.academicYear ?? academicYearOf(new Date());
  if (!Number.isInteger(schoolCount) || schoolCount < 1) throw new RangeError('schools must be a positive integer');

  const taken = await db.select({ login: accounts.login }).from(accounts)
    .where(inArray(accounts.login, demoLogins.map((l) => l.login)));
  if (taken.length > 0) throw new Error(`Demo logins already exist: ${taken.map((t) => t.login).join(', ')}`);

  const passwordHash = options.passwordHash ?? (await hashPassword(demoPassword));
  const rootRng = new Random(hashSeed('otmetka-demo', seed));
  const plans = planSchools(rootRng.fork('plan'), schoolCount);
  const area = await ensureArea(db, plans);

  const summary: DemoSummary = {
    schools: 0, employees: 0, classes: 0, students: 0, guardians: 0, accounts: 0, studyGroups: 0, teachingLoads: 0,
    journal: { lessons: 0, marks: 0, attendance: 0, homework: 0, audit: 0 },
    demoSchoolId: '', schoolIds: [], regionId: area.regionId, academicYear,
  };
  let sharedTeacher: SharedTeacher | null = null;
  for (const plan of plans) {
    const ctx = buildSchool({
      plan,
      rng: rootRng.fork('school', plan.index),
      academicYear,
      municipalityId: area.municipalityIds.get(plan.town.name) as string,
      sharedTeacher: plan.index === 1 ? sharedTeacher : null,
    });
    if (plan.index === 0) sharedTeacher = attachDemoAccounts(ctx, passwordHash);
    if (plan.index === 1 && sharedTeacher) grantSharedTeacher(ctx, sharedTeacher);
    await db.transaction(async (tx) => {
      await insertSchool(tx, ctx);
      await seedSchoolYear(tx, ctx);
      if (options.journal !== false) {
        const j = await seedJournal(tx, ctx, options.journal ?? {});
        for (const k of ['lessons', 'marks', 'attendance', 'homework', 'audit'] as const) summary.journal[k] += j[k];
      }
    });

    summary.schools += 1;
    summary.employees += ctx.employees.length;
    summary.classes += ctx.classes.length;
    summary.students += ctx.students.length;
    summary.guardians += ctx.guardians.length;
    summary.accounts += ctx.accounts.length;
    summary.studyGroups += ctx.studyGroups.length;
    summary.teachingLoads += ctx.teachingLoads.length;
    summary.schoolIds.push(ctx.schoolId);
    if (plan.index === 0) summary.demoSchoolId = ctx.schoolId;
  }
  return summary;
}

/**
 * Builds one school in memory without touching the database: the same input gives the same
 * people (only ids differ). Exported for tests and for generators that extend the demo.
 */
export function buildSchool(input: {
  plan: SchoolPlan;
  rng: Random;
  academicYear: number;
  municipalityId: string;
  sharedTeacher?: SharedTeacher | null;
}): SchoolContext {
  const ctx = newContext(input);
  buildStaff(ctx, input.sharedTeacher ?? null);
  buildSubjects(ctx);
  buildClasses(ctx);
  assignTeaching(ctx);
  assignClassTeachers(ctx);
  buildStudents(ctx);
  setEducationForms(ctx);
  setGuardianSnils(ctx);
  buildEnrollments(ctx);
  buildSubgroupsAndLoad(ctx);
  return ctx;
}

// ---------------------------------------------------------------------------------------------
// Region, towns, school plans

type Town = { name: string; genitive: string; slug: string; weight: number; numbers: readonly [number, number] };

/** Towns of the region with a weight by population; Perm takes about half of the schools. */
export const demoTowns: readonly Town[] = [
  { name: 'г. Пермь', genitive: 'г. Перми', slug: 'perm', weight: 50, numbers: [2, 160] },
  { name: 'г. Березники', genitive: 'г. Березники', slug: 'berezniki', weight: 9, numbers: [1, 30] },
  { name: 'г. Соликамск', genitive: 'г. Соликамска', slug: 'solikamsk', weight: 6, numbers: [1, 17] },
  { name: 'г. Чайковский', genitive: 'г. Чайковского', slug: 'chaykovsky', weight: 6, numbers: [1, 12] },
  { name: 'г. Кунгур', genitive: 'г. Кунгура', slug: 'kungur', weight: 5, numbers: [1, 18] },
  { name: 'г. Лысьва', genitive: 'г. Лысьвы', slug: 'lysva', weight: 4, numbers: [1, 16] },
  { name: 'г. Краснокамск', genitive: 'г. Краснокамска', slug: 'krasnokamsk', weight: 4, numbers: [1, 10] },
  { name: 'г. Чусовой', genitive: 'г. Чусового', slug: 'chusovoy', weight: 3, numbers: [1, 10] },
];
const perm = demoTowns[0] as Town;

export type SchoolPlan = {
  /** 0 for the school with the demo accounts. */
  index: number;
  town: Town;
  number: number;
  name: string;
  shortName: string;
  /** E-mail domain of the staff (reserved `.example` names: nothing is ever delivered). */
  domain: string;
  /** Number of parallel classes in each grade, index = grade (0 unused). */
  letters: number[];
};

const ownerships = [
  { full: 'Муниципальное автономное общеобразовательное учреждение', short: 'МАОУ' },
  { full: 'Муниципальное бюджетное общеобразовательное учреждение', short: 'МБОУ' },
] as const;

const schoolKinds = [
  { full: 'Средняя общеобразовательная школа', short: 'СОШ', weight: 75 },
  { full: 'Гимназия', short: 'Гимназия', weight: 13 },
  { full: 'Лицей', short: 'Лицей', weight: 12 },
] as const;

function schoolNames(ownership: (typeof ownerships)[number], kind: (typeof schoolKinds)[number], number: number, town: Town) {
  return {
    name: `${ownership.full} «${kind.full} № ${number}» ${town.genitive}`,
    shortName: `${ownership.short} «${kind.short} № ${number}»`,
  };
}

export function planSchools(rng: Random, count: number): SchoolPlan[] {
  const pools = new Map<Town, number[]>();
  const nextNumber = (town: Town): number => {
    let pool = pools.get(town);
    if (!pool) {
      const [from, to] = town.numbers;
      pool = rng.shuffle(Array.from({ length: to - from + 1 }, (_, i) => from + i));
      pools.set(town, pool);
    }
    return pool.shift() ?? town.numbers[1] + 1 + rng.int(0, 400);
  };
  const plans: SchoolPlan[] = [];
  for (let index = 0; index < count; index++) {
    if (index === 0) {
      plans.push({
        index, town: perm, number: 1, ...schoolNames(ownerships[0], schoolKinds[0], 1, perm), domain: 'school1.perm.example',
        letters: [0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2],
      });
      continue;
    }
    const town = count <= 3 ? perm : rng.weighted(demoTowns.map((t) => [t, t.weight] as const));
    const number = nextNumber(town);
    const ownership = rng.chance(0.7) ? ownerships[0] : ownerships[1];
    const kind = rng.weighted(schoolKinds.map((k) => [k, k.weight] as const));
    const base = town === perm ? rng.int(2, 4) : rng.int(1, 3);
    const letters = [0];
    for (let grade = 1; grade <= 11; grade++) {
      letters.push(grade <= 9 ? Math.max(1, base + rng.int(-1, 1)) : Math.min(3, Math.max(1, base - 1 + rng.int(0, 1))));
    }
    plans.push({
      index, town, number, ...schoolNames(ownership, kind, number, town), domain: `school${number}.${town.slug}.example`, letters,
    });
  }
  return plans;
}

async function ensureArea(db: Db, plans: readonly SchoolPlan[]): Promise<{ regionId: string; municipalityIds: Map<string, string> }> {
  await db.insert(regions).values({ code: demoRegion.code, name: demoRegion.name }).onConflictDoNothing({ target: regions.code });
  const [region] = await db.select({ id: regions.id }).from(regions).where(eq(regions.code, demoRegion.code));
  if (!region) throw new Error('The demo region could not be created');
  const names = [...new Set(plans.map((p) => p.town.name))];
  const existing = await db.select({ id: municipalities.id, name: municipalities.name }).from(municipalities)
    .where(and(eq(municipalities.regionId, region.id), inArray(municipalities.name, names)));
  const municipalityIds = new Map(existing.map((m) => [m.name, m.id]));
  const missing = names.filter((n) => !municipalityIds.has(n)).map((name) => ({ id: uuidv7(), regionId: region.id, name }));
  if (missing.length > 0) await db.insert(municipalities).values(missing);
  for (const m of missing) municipalityIds.set(m.name, m.id);
  return { regionId: region.id, municipalityIds };
}

// ---------------------------------------------------------------------------------------------
// The per-school context

type WithId<T> = T & { id: string };
type SchoolRow = WithId<typeof schools.$inferInsert>;
type EmployeeRow = WithId<typeof employees.$inferInsert>;
type SubjectRow = WithId<typeof subjects.$inferInsert>;
type ClassRow = WithId<typeof classes.$inferInsert>;
type StudentRow = WithId<typeof students.$inferInsert>;
type GuardianRow = WithId<typeof guardians.$inferInsert>;
type EnrollmentRow = WithId<typeof enrollments.$inferInsert>;
type StudentGuardianRow = typeof studentGuardians.$inferInsert;
type AccountRow = WithId<typeof accounts.$inferInsert>;
type GrantRow = WithId<typeof schoolRoleGrants.$inferInsert>;
type StudyGroupRow = WithId<typeof studyGroups.$inferInsert>;
type StudyGroupMemberRow = WithId<typeof studyGroupMembers.$inferInsert>;
type TeachingLoadRow = WithId<typeof teachingLoads.$inferInsert>;

export type EmployeeKind = 'director' | 'deputy' | 'journalAdmin' | 'teacher' | 'other';

export type EmployeeInfo = {
  row: EmployeeRow;
  sex: Sex;
  kind: EmployeeKind;
  /** Teachers only. */
  speciality: Speciality | null;
  /** Weekly hours assigned so far. */
  hours: number;
  classTeacherOf: ClassInfo[];
};

export type ClassInfo = { row: ClassRow; grade: number; letter: string; name: string; students: StudentInfo[]; classTeacher: EmployeeInfo | null };

/** Who teaches what where: the seed of the teaching load, timetable and lessons. */
export type TeachingAssignment = { teacher: EmployeeInfo; classInfo: ClassInfo; subject: SubjectKey; hours: number; groups: 1 | 2 };

export type Family = {
  /** Male form; the children's surname. */
  surname: string;
  /** The children's father, whether or not he is a guardian recorded at school. */
  fatherFirstName: string;
  guardians: GuardianInfo[];
  children: StudentInfo[];
};

export type StudentInfo = { row: StudentRow; sex: Sex; classInfo: ClassInfo; family: Family; birthDate: string };
export type GuardianInfo = { row: GuardianRow; sex: Sex; relation: 'mother' | 'father'; family: Family };

/** A teacher of the first school who also works in the second one (with the same account). */
export type SharedTeacher = { accountId: string; name: FullName; sex: Sex; email: string | null; phone: string | null; snils: string | null };

export type SchoolContext = {
  plan: SchoolPlan;
  rng: Random;
  academicYear: number;
  schoolId: string;
  school: SchoolRow;
  usedEmails: Set<string>;
  employees: EmployeeInfo[];
  subjects: Map<SubjectKey, SubjectRow>;
  classes: ClassInfo[];
  teaching: TeachingAssignment[];
  families: Family[];
  students: StudentInfo[];
  guardians: GuardianInfo[];
  enrollments: EnrollmentRow[];
  studentGuardians: StudentGuardianRow[];
  /** Subgroups of the classes for subjects taught in two groups, and their members. */
  studyGroups: StudyGroupRow[];
  studyGroupMembers: StudyGroupMemberRow[];
  teachingLoads: TeachingLoadRow[];
  accounts: AccountRow[];
  grants: GrantRow[];
};

function newContext(input: { plan: SchoolPlan; rng: Random; academicYear: number; municipalityId: string }): SchoolContext {
  const schoolId = uuidv7();
  return {
    plan: input.plan,
    rng: input.rng,
    academicYear: input.academicYear,
    schoolId,
    school: {
      id: schoolId, municipalityId: input.municipalityId, name: input.plan.name, shortName: input.plan.shortName, timeZone: demoTimeZone,
    },
    usedEmails: new Set(),
    employees: [],
    subjects: new Map(),
    classes: [],
    teaching: [],
    families: [],
    students: [],
    guardians: [],
    enrollments: [],
    studentGuardians: [],
    studyGroups: [],
    studyGroupMembers: [],
    teachingLoads: [],
    accounts: [],
    grants: [],
  };
}

const classCount = (plan: SchoolPlan): number => plan.letters.reduce((a, b) => a + b, 0);
const letterNames = ['А', 'Б', 'В', 'Г', 'Д', 'Е', 'Ж'];

export const employeesOfKind = (ctx: SchoolContext, kind: EmployeeKind): EmployeeInfo[] => ctx.employees.filter((e) => e.kind === kind);
export const teachersOf = (ctx: SchoolContext, specialityKey: string): EmployeeInfo[] =>
  ctx.employees.filter((e) => e.speciality?.key === specialityKey);
export const classByName = (ctx: SchoolContext, name: string): ClassInfo | undefined => ctx.classes.find((c) => c.name === name);

// ---------------------------------------------------------------------------------------------
// Contacts

const mobileCodes = ['902', '904', '908', '912', '919', '922', '950', '951', '952', '958', '982', '992', '996'];

export const randomPhone = (rng: Random): string =>
  `+7 ${rng.pick(mobileCodes)} ${rng.digits(3)}-${rng.digits(2)}-${rng.digits(2)}`;

/** A SNILS with a valid check number, written as 123-456-789 01. */
export function randomSnils(rng: Random): string {
  const d = `${rng.int(1, 9)}${rng.digits(8)}`;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(d[i]) * (9 - i);
  let check = sum < 100 ? sum : sum % 101;
  if (check === 100) check = 0;
  return `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 9)} ${String(check).padStart(2, '0')}`;
}

function uniqueEmail(ctx: SchoolContext, rng: Random, local: string, domain: string): string {
  let candidate = `${local}@${domain}`;
  while (ctx.usedEmails.has(candidate)) candidate = `${local}${rng.int(1, 99)}@${domain}`;
  ctx.usedEmails.add(candidate);
  return candidate;
}

const personalDomains = ['example.com', 'example.net', 'example.org'];

function guardianEmail(ctx: SchoolContext, rng: Random, name: FullName): string {
  const last = transliterate(name.lastName);
  const first = transliterate(name.firstName);
  const local = rng.weighted([
    [`${last}.${first}`, 3],
    [`${first}.${last}`, 2],
    [`${last}${first.slice(0, 1)}${transliterate(name.middleName).slice(0, 1)}`, 2],
    [`${first}${rng.int(70, 99)}`, 1],
    [`${last}${rng.int(1, 2024)}`, 2],
  ] as const);
  return uniqueEmail(ctx, rng, local, rng.pick(personalDomains));
}

// ---------------------------------------------------------------------------------------------
// Staff

function newEmployee(ctx: SchoolContext, rng: Random, kind: EmployeeKind, position: string, femaleShare: number, speciality: Speciality | null = null): EmployeeInfo {
  const sex: Sex = rng.chance(femaleShare) ? 'female' : 'male';
  const name = randomAdult(rng, sex);
  const local = `${transliterate(name.lastName)}.${transliterate(name.firstName).slice(0, 1)}${transliterate(name.middleName).slice(0, 1)}`;
  const info: EmployeeInfo = {
    row: {
      schoolId: ctx.schoolId,
      id: uuidv7(),
      ...name,
      email: uniqueEmail(ctx, rng, local, ctx.plan.domain),
      phone: rng.chance(0.9) ? randomPhone(rng) : null,
      snils: randomSnils(rng),
      position,
    },
    sex, kind, speciality, hours: 0, classTeacherOf: [],
  };
  ctx.employees.push(info);
  return info;
}

/** Weekly hours of a speciality across the planned classes (split subjects count twice). */
function specialityHours(plan: SchoolPlan, speciality: Speciality): number {
  let total = 0;
  for (let grade = 1; grade <= 11; grade++) total += classHours(speciality, grade) * (plan.letters[grade] ?? 0);
  return total;
}

function classHours(speciality: Speciality, grade: number): number {
  let total = 0;
  for (const t of speciality.teaches) {
    if (grade < t.grades[0] || grade > t.grades[1]) continue;
    const subject = catalogueSubject(t.subject);
    total += hoursOf(subject, grade) * (subject.splitIntoGroups ? 2 : 1);
  }
  return total;
}

function buildStaff(ctx: SchoolContext, shared: SharedTeacher | null): void {
  const rng = ctx.rng.fork('staff');
  const classesTotal = classCount(ctx.plan);
  newEmployee(ctx, rng, 'director', 'Директор', 0.6);
  const deputies = 2 + (classesTotal >= 20 ? 1 : 0) + (classesTotal >= 28 ? 1 : 0);
  for (const d of deputyPositions.slice(0, deputies)) newEmployee(ctx, rng, 'deputy', d.position, d.femaleShare);
  newEmployee(ctx, rng, 'journalAdmin', journalAdminPosition, 0.7);

  const primaryClasses = [1, 2, 3, 4].reduce((sum, g) => sum + (ctx.plan.letters[g] ?? 0), 0);
  for (let i = 0; i < primaryClasses; i++) newEmployee(ctx, rng, 'teacher', primaryTeacher.position, primaryTeacher.femaleShare, primaryTeacher);
  for (const speciality of specialities) {
    const count = Math.max(1, Math.round(specialityHours(ctx.plan, speciality) / hoursPerTeacher));
    for (let i = 0; i < count; i++) newEmployee(ctx, rng, 'teacher', speciality.position, speciality.femaleShare, speciality);
    if (speciality.key === 'math' && shared) addSharedTeacher(ctx, shared, speciality);
  }

  for (const s of otherStaff) {
    const count = s.base + (s.perClasses > 0 ? Math.floor(classesTotal / s.perClasses) : 0);
    for (let i = 0; i < count; i++) newEmployee(ctx, rng, 'other', s.position, s.femaleShare);
  }
}

function addSharedTeacher(ctx: SchoolContext, shared: SharedTeacher, speciality: Speciality): void {
  ctx.employees.push({
    row: {
      schoolId: ctx.schoolId, id: uuidv7(), ...shared.name, email: shared.email, phone: shared.phone, snils: shared.snils,
      accountId: shared.accountId, position: speciality.position,
    },
    sex: shared.sex, kind: 'teacher', speciality, hours: 0, classTeacherOf: [],
  });
}

// ---------------------------------------------------------------------------------------------
// Subjects and classes

function buildSubjects(ctx: SchoolContext): void {
  for (const s of subjectCatalogue) {
    ctx.subjects.set(s.key, { schoolId: ctx.schoolId, id: uuidv7(), name: s.name, shortName: s.shortName, levels: [...s.levels] });
  }
}

function buildClasses(ctx: SchoolContext): void {
  for (let grade = 1; grade <= 11; grade++) {
    for (let i = 0; i < (ctx.plan.letters[grade] ?? 0); i++) {
      const letter = letterNames[i] ?? String(i + 1);
      ctx.classes.push({
        row: { schoolId: ctx.schoolId, id: uuidv7(), academicYear: ctx.academicYear, grade, letter, classTeacherId: null },
        grade, letter, name: `${grade}${letter}`, students: [], classTeacher: null,
      });
    }
  }
}

/** Primary classes go to their own teacher; each specialist's classes are shared out by least load. */
function assignTeaching(ctx: SchoolContext): void {
  const primaryTeachers = teachersOf(ctx, primaryTeacher.key);
  const primaryClasses = ctx.classes.filter((c) => levelOfGrade(c.grade) === 'primary');
  primaryClasses.forEach((c, i) => {
    const teacher = primaryTeachers[i];
    if (!teacher) return;
    addTeaching(ctx, teacher, c, primaryTeacher);
    setClassTeacher(c, teacher);
  });
  for (const speciality of specialities) {
    const teachers = teachersOf(ctx, speciality.key);
    for (const c of ctx.classes) {
      if (classHours(speciality, c.grade) === 0) continue;
      const teacher = teachers.reduce((best, t) => (t.hours < best.hours ? t : best));
      addTeaching(ctx, teacher, c, speciality);
    }
  }
}

function addTeaching(ctx: SchoolContext, teacher: EmployeeInfo, classInfo: ClassInfo, speciality: Speciality): void {
  for (const t of speciality.teaches) {
    if (classInfo.grade < t.grades[0] || classInfo.grade > t.grades[1]) continue;
    const subject = catalogueSubject(t.subject);
    const hours = hoursOf(subject, classInfo.grade);
    if (hours === 0) continue;
    const groups = subject.splitIntoGroups ? 2 : 1;
    ctx.teaching.push({ teacher, classInfo, subject: t.subject, hours, groups });
    teacher.hours += hours * groups;
  }
}

function setClassTeacher(c: ClassInfo, teacher: EmployeeInfo): void {
  c.classTeacher = teacher;
  c.row.classTeacherId = teacher.row.id;
  teacher.classTeacherOf.push(c);
}

/**
 * Classes 5–11 get a class teacher among the specialists, preferring one who teaches the class.
 * The first mathematics teacher and a teacher shared with another school stay free of it.
 */
function assignClassTeachers(ctx: SchoolContext): void {
  const rng = ctx.rng.fork('classTeachers');
  const reserved = new Set<EmployeeInfo>();
  const firstMath = teachersOf(ctx, 'math')[0];
  if (firstMath) reserved.add(firstMath);
  for (const e of ctx.employees) if (e.row.accountId) reserved.add(e);
  const candidates = ctx.employees.filter((e) => e.kind === 'teacher' && e.speciality !== primaryTeacher && !reserved.has(e));
  for (const c of ctx.classes) {
    if (c.classTeacher) continue;
    const free = candidates.filter((t) => t.classTeacherOf.length === 0);
    const teachingHere = new Map<EmployeeInfo, number>();
    for (const a of ctx.teaching) if (a.classInfo === c) teachingHere.set(a.teacher, (teachingHere.get(a.teacher) ?? 0) + a.hours);
    const freeHere = free.filter((t) => teachingHere.has(t));
    let chosen: EmployeeInfo | undefined;
    if (freeHere.length > 0) {
      const most = Math.max(...freeHere.map((t) => teachingHere.get(t) ?? 0));
      chosen = rng.pick(freeHere.filter((t) => teachingHere.get(t) === most));
    } else if (free.length > 0) {
      chosen = rng.pick(free);
    } else {
      // More classes than free teachers: someone takes a second class.
      const pool = candidates.length > 0 ? candidates : ctx.employees.filter((e) => e.kind === 'teacher');
      chosen = pool.reduce((best, t) => (t.classTeacherOf.length < best.classTeacherOf.length ? t : best));
    }
    if (chosen) setClassTeacher(c, chosen);
  }
}

// ---------------------------------------------------------------------------------------------
// Students, families, guardians

const dayMs = 86_400_000;
const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const utcDay = (year: number, month: number, day: number): number => Date.UTC(year, month - 1, day);

/** A birth date for a student of the grade: mostly born in academicYear − 6 − grade, a few a little older or younger. */
function birthDateFor(rng: Random, academicYear: number, grade: number): string {
  const year = academicYear - 6 - grade;
  const [from, to] = rng.weighted([
    [[utcDay(year, 1, 1), utcDay(year, 12, 31)], 86],
    [[utcDay(year - 1, 9, 1), utcDay(year - 1, 12, 31)], 10],
    [[utcDay(year + 1, 1, 1), utcDay(year + 1, 2, 28)], 4],
  ] as const);
  return isoDate(from + rng.int(0, Math.round((to - from) / dayMs)) * dayMs);
}

const siblingShare = 0.08;
/** Siblings are at least this far apart in age. */
const minSiblingGapDays = 300;

function buildStudents(ctx: SchoolContext): void {
  const rng = ctx.rng.fork('students');
  for (const c of ctx.classes) {
    const size = rng.int(25, 31);
    for (let i = 0; i < size; i++) {
      const sex: Sex = rng.chance(0.5) ? 'male' : 'female';
      const birthDate = birthDateFor(rng, ctx.academicYear, c.grade);
      let family: Family | undefined;
      if (ctx.families.length > 0 && rng.chance(siblingShare)) {
        const candidate = rng.pick(ctx.families);
        if (candidate.children.length < 3 && candidate.children.every((s) => s.classInfo.grade !== c.grade && ageGapDays(s.birthDate, birthDate) >= minSiblingGapDays)) {
          family = candidate;
        }
      }
      family ??= newFamily(ctx, rng);
      const student: StudentInfo = {
        row: {
          schoolId: ctx.schoolId,
          id: uuidv7(),
          lastName: surnameFor(family.surname, sex),
          firstName: pickRanked(rng, firstNames(sex, false)),
          middleName: patronymic(family.fatherFirstName, sex),
          snils: randomSnils(rng),
          birthDate,
          sex,
          educationForm: 'inSchool',
        },
        sex, classInfo: c, family, birthDate,
      };
      family.children.push(student);
      c.students.push(student);
      ctx.students.push(student);
      for (const g of family.guardians) {
        ctx.studentGuardians.push({ schoolId: ctx.schoolId, studentId: student.row.id, guardianId: g.row.id, relation: g.relation });
      }
    }
  }
}

const ageGapDays = (a: string, b: string): number => Math.abs(Date.parse(a) - Date.parse(b)) / dayMs;

function newFamily(ctx: SchoolContext, rng: Random): Family {
  const surname = rng.pick(surnames);
  const fatherFirstName = pickRanked(rng, maleAdultNames);
  const family: Family = { surname, fatherFirstName, guardians: [], children: [] };
  const who = rng.weighted([['both', 65], ['mother', 28], ['father', 7]] as const);
  if (who !== 'father') {
    // Most mothers share the family name; some kept their own.
    const motherSurname = rng.chance(0.85) ? surname : rng.pick(surnames);
    const name: FullName = {
      lastName: surnameFor(motherSurname, 'female'),
      firstName: pickRanked(rng, firstNames('female', true)),
      middleName: patronymic(pickRanked(rng, maleAdultNames), 'female'),
    };
    family.guardians.push(newGuardian(ctx, rng, family, name, 'female'));
  }
  if (who !== 'mother') {
    const name: FullName = {
      lastName: surname,
      firstName: fatherFirstName,
      middleName: patronymic(pickRanked(rng, maleAdultNames), 'male'),
    };
    family.guardians.push(newGuardian(ctx, rng, family, name, 'male'));
  }
  ctx.families.push(family);
  return family;
}

function newGuardian(ctx: SchoolContext, rng: Random, family: Family, name: FullName, sex: Sex): GuardianInfo {
  const info: GuardianInfo = {
    row: {
      schoolId: ctx.schoolId,
      id: uuidv7(),
      ...name,
      phone: rng.chance(0.96) ? randomPhone(rng) : null,
      email: rng.chance(0.8) ? guardianEmail(ctx, rng, name) : null,
    },
    sex, relation: sex === 'female' ? 'mother' : 'father', family,
  };
  ctx.guardians.push(info);
  return info;
}

/**
 * Most parents' СНИЛС is known to the school (Контингент records it); signing in through
 * Госуслуги matches on it. Drawn from a forked generator so the rest of the demo stays as it was.
 */
function setGuardianSnils(ctx: SchoolContext): void {
  const rng = ctx.rng.fork('guardianSnils');
  for (const g of ctx.guardians) if (rng.chance(0.9)) g.row.snils = randomSnils(rng);
}

/** A couple of students in each school are in family education (they come only for attestation). */
function setEducationForms(ctx: SchoolContext): void {
  const rng = ctx.rng.fork('educationForms');
  const eligible = ctx.students.filter((s) => s.classInfo.grade >= 2 && s.classInfo.grade <= 9 && s.classInfo.name !== '5А');
  for (const s of rng.sample(eligible, 2)) s.row.educationForm = 'familyEducation';
}

function buildEnrollments(ctx: SchoolContext): void {
  const startsOn = `${ctx.academicYear}-09-01`;
  for (const s of ctx.students) {
    ctx.enrollments.push({ schoolId: ctx.schoolId, id: uuidv7(), studentId: s.row.id, classId: s.classInfo.row.id, startsOn, endsOn: null });
  }
}

/**
 * A subject taught in two groups splits its class into two subgroups (the class list cut in half,
 * alphabetically, as schools do); each assignment becomes teaching load: one row for the whole
 * class, or one per subgroup. Students in family education do not attend lessons and join no subgroup.
 */
function buildSubgroupsAndLoad(ctx: SchoolContext): void {
  const startsOn = `${ctx.academicYear}-09-01`;
  const collator = new Intl.Collator('ru');
  for (const a of ctx.teaching) {
    const subject = ctx.subjects.get(a.subject);
    if (!subject) throw new Error(`The demo school lacks the subject ${a.subject}`);
    const load = { schoolId: ctx.schoolId, academicYear: ctx.academicYear, employeeId: a.teacher.row.id, subjectId: subject.id, hoursPerWeek: String(a.hours) };
    if (a.groups === 1) {
      ctx.teachingLoads.push({ ...load, id: uuidv7(), classId: a.classInfo.row.id, studyGroupId: null });
      continue;
    }
    const attending = a.classInfo.students
      .filter((s) => s.row.educationForm === 'inSchool')
      .sort((x, y) => collator.compare(`${x.row.lastName} ${x.row.firstName}`, `${y.row.lastName} ${y.row.firstName}`));
    const half = Math.ceil(attending.length / 2);
    [attending.slice(0, half), attending.slice(half)].forEach((members, i) => {
      const group: StudyGroupRow = {
        schoolId: ctx.schoolId, id: uuidv7(), academicYear: ctx.academicYear, kind: 'subgroup',
        name: `${a.classInfo.name} ${subject.shortName} гр. ${i + 1}`, subjectId: subject.id, classId: a.classInfo.row.id,
      };
      ctx.studyGroups.push(group);
      for (const s of members) {
        ctx.studyGroupMembers.push({ schoolId: ctx.schoolId, id: uuidv7(), studyGroupId: group.id, studentId: s.row.id, startsOn, endsOn: null });
      }
      ctx.teachingLoads.push({ ...load, id: uuidv7(), classId: null, studyGroupId: group.id });
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Demo accounts

function addAccount(ctx: SchoolContext, login: DemoLogin, person: { row: { id: string; lastName: string; firstName: string; middleName?: string | null; accountId?: string | null } }, passwordHash: string): string {
  const id = uuidv7();
  ctx.accounts.push({
    id, login, passwordHash,
    lastName: person.row.lastName, firstName: person.row.firstName, middleName: person.row.middleName ?? null,
  });
  person.row.accountId = id;
  const roles = demoLogins.find((l) => l.login === login)?.roles ?? [];
  for (const role of roles) ctx.grants.push({ schoolId: ctx.schoolId, id: uuidv7(), accountId: id, role });
  return id;
}

/** Creates the six demo accounts in the first school and returns the teacher to share with the second. */
function attachDemoAccounts(ctx: SchoolContext, passwordHash: string): SharedTeacher {
  const director = employeesOfKind(ctx, 'director')[0];
  const admin = employeesOfKind(ctx, 'journalAdmin')[0];
  const teacher = teachersOf(ctx, 'math').find((t) => t.classTeacherOf.length === 0);
  const fifthA = classByName(ctx, '5А');
  const classTeacher = fifthA?.classTeacher;
  if (!director || !admin || !teacher || !fifthA || !classTeacher) throw new Error('The demo school lacks a person for a demo account');
  // A student of 5А, best one whose parents are both recorded and who has a brother or sister at school.
  const score = (s: StudentInfo): number =>
    (s.row.educationForm === 'inSchool' ? 4 : 0) + (s.family.guardians.length === 2 ? 2 : 0) + (s.family.children.length > 1 ? 1 : 0);
  const student = fifthA.students.reduce((best, s) => (score(s) > score(best) ? s : best));
  const parent = student.family.guardians.find((g) => g.relation === 'mother') ?? student.family.guardians[0];
  if (!parent) throw new Error('The demo student has no guardian');
  // The demo parent can always show signing in through Госуслуги by СНИЛС.
  parent.row.snils ??= randomSnils(ctx.rng.fork('demoParentSnils'));

  addAccount(ctx, 'director', director, passwordHash);
  addAccount(ctx, 'admin', admin, passwordHash);
  const teacherAccountId = addAccount(ctx, 'teacher', teacher, passwordHash);
  addAccount(ctx, 'classteacher', classTeacher, passwordHash);
  addAccount(ctx, 'student', student, passwordHash);
  addAccount(ctx, 'parent', parent, passwordHash);
  const r = teacher.row;
  return {
    accountId: teacherAccountId,
    name: { lastName: r.lastName, firstName: r.firstName, middleName: r.middleName ?? '' },
    sex: teacher.sex, email: r.email ?? null, phone: r.phone ?? null, snils: r.snils ?? null,
  };
}

function grantSharedTeacher(ctx: SchoolContext, shared: SharedTeacher): void {
  ctx.grants.push({ schoolId: ctx.schoolId, id: uuidv7(), accountId: shared.accountId, role: 'subjectTeacher' });
}

// ---------------------------------------------------------------------------------------------
// Writing

const chunkSize = 500;

async function insertChunked<T extends PgTable>(q: Queryable, table: T, rows: readonly PgInsertValue<T>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += chunkSize) await q.insert(table).values(rows.slice(i, i + chunkSize));
}

async function insertSchool(q: Queryable, ctx: SchoolContext): Promise<void> {
  await insertChunked(q, accounts, ctx.accounts);
  await q.insert(schools).values(ctx.school);
  await insertChunked(q, employees, ctx.employees.map((e) => e.row));
  await insertChunked(q, subjects, [...ctx.subjects.values()]);
  await insertChunked(q, classes, ctx.classes.map((c) => c.row));
  await insertChunked(q, students, ctx.students.map((s) => s.row));
  await insertChunked(q, enrollments, ctx.enrollments);
  await insertChunked(q, guardians, ctx.guardians.map((g) => g.row));
  await insertChunked(q, studentGuardians, ctx.studentGuardians);
  await insertChunked(q, studyGroups, ctx.studyGroups);
  await insertChunked(q, studyGroupMembers, ctx.studyGroupMembers);
  await insertChunked(q, teachingLoads, ctx.teachingLoads);
  await insertChunked(q, schoolRoleGrants, ctx.grants);
}

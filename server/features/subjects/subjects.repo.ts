// SQL of subjects and additional programmes. Every query names the school, so an id of another
// school simply is not found.
import { and, asc, count, eq, gte, inArray, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { additionalProgrammes, employees, studyGroupMembers, studyGroups, subjects, teachingLoads } from '../../db/schema';

export type SubjectRow = typeof subjects.$inferSelect;
export type ProgrammeRow = typeof additionalProgrammes.$inferSelect;

// --- Subjects ---------------------------------------------------------------------------------

export async function listSubjects(db: Queryable, schoolId: string, f: { kind?: string | undefined; level?: string | undefined; includeArchived?: boolean | undefined } = {}): Promise<SubjectRow[]> {
  const where: (SQL | undefined)[] = [eq(subjects.schoolId, schoolId)];
  if (f.kind) where.push(eq(subjects.kind, f.kind));
  if (f.level) where.push(sql`${f.level} = any(${subjects.levels})`);
  if (!f.includeArchived) where.push(eq(subjects.archived, false));
  return db.select().from(subjects).where(and(...where)).orderBy(asc(subjects.name));
}

export async function findSubject(db: Queryable, schoolId: string, id: string): Promise<SubjectRow | null> {
  const [row] = await db.select().from(subjects).where(and(eq(subjects.schoolId, schoolId), eq(subjects.id, id))).limit(1);
  return row ?? null;
}

/** A subject of the school with this name, case- and ё-insensitive (other than `exceptId`). */
export async function subjectNamed(db: Queryable, schoolId: string, name: string, exceptId: string | null): Promise<SubjectRow | null> {
  const [row] = await db.select().from(subjects).where(and(
    eq(subjects.schoolId, schoolId),
    sql`translate(lower(${subjects.name}), 'ё', 'е') = translate(lower(${name}), 'ё', 'е')`,
    exceptId ? ne(subjects.id, exceptId) : undefined,
  )).limit(1);
  return row ?? null;
}

export async function insertSubjects(db: Queryable, values: (typeof subjects.$inferInsert)[]): Promise<SubjectRow[]> {
  if (values.length === 0) return [];
  return db.insert(subjects).values(values).returning();
}

export async function updateSubject(db: Queryable, schoolId: string, id: string, values: Partial<typeof subjects.$inferInsert>): Promise<void> {
  if (Object.keys(values).length === 0) return;
  await db.update(subjects).set(values).where(and(eq(subjects.schoolId, schoolId), eq(subjects.id, id)));
}

export async function setCatalogueCodes(db: Queryable, schoolId: string, pairs: readonly { subjectId: string; code: string }[]): Promise<void> {
  for (const p of pairs) {
    await db.update(subjects).set({ catalogueCode: p.code })
      .where(and(eq(subjects.schoolId, schoolId), eq(subjects.id, p.subjectId), isNull(subjects.catalogueCode)));
  }
}

// --- Additional programmes --------------------------------------------------------------------

export async function listProgrammes(db: Queryable, schoolId: string, academicYear: number): Promise<(ProgrammeRow & { subjectName: string })[]> {
  const rows = await db.select({ p: additionalProgrammes, subjectName: subjects.name }).from(additionalProgrammes)
    .innerJoin(subjects, and(eq(subjects.schoolId, additionalProgrammes.schoolId), eq(subjects.id, additionalProgrammes.subjectId)))
    .where(and(eq(additionalProgrammes.schoolId, schoolId), eq(additionalProgrammes.academicYear, academicYear)))
    .orderBy(asc(additionalProgrammes.name));
  return rows.map((r) => ({ ...r.p, subjectName: r.subjectName }));
}

export async function findProgramme(db: Queryable, schoolId: string, id: string): Promise<(ProgrammeRow & { subjectName: string }) | null> {
  const [row] = await db.select({ p: additionalProgrammes, subjectName: subjects.name }).from(additionalProgrammes)
    .innerJoin(subjects, and(eq(subjects.schoolId, additionalProgrammes.schoolId), eq(subjects.id, additionalProgrammes.subjectId)))
    .where(and(eq(additionalProgrammes.schoolId, schoolId), eq(additionalProgrammes.id, id))).limit(1);
  return row ? { ...row.p, subjectName: row.subjectName } : null;
}

export async function programmeNamed(db: Queryable, schoolId: string, academicYear: number, name: string, exceptId: string | null): Promise<boolean> {
  const [row] = await db.select({ id: additionalProgrammes.id }).from(additionalProgrammes).where(and(
    eq(additionalProgrammes.schoolId, schoolId), eq(additionalProgrammes.academicYear, academicYear),
    sql`translate(lower(${additionalProgrammes.name}), 'ё', 'е') = translate(lower(${name}), 'ё', 'е')`,
    exceptId ? ne(additionalProgrammes.id, exceptId) : undefined,
  )).limit(1);
  return row !== undefined;
}

/** How many programmes (of any year) other than `exceptId` use the subject. */
export async function programmesOfSubject(db: Queryable, schoolId: string, subjectId: string, exceptId: string | null): Promise<number> {
  const [row] = await db.select({ n: count() }).from(additionalProgrammes).where(and(
    eq(additionalProgrammes.schoolId, schoolId), eq(additionalProgrammes.subjectId, subjectId),
    exceptId ? ne(additionalProgrammes.id, exceptId) : undefined,
  ));
  return row?.n ?? 0;
}

export async function insertProgramme(db: Queryable, values: typeof additionalProgrammes.$inferInsert): Promise<string> {
  const [row] = await db.insert(additionalProgrammes).values(values).returning({ id: additionalProgrammes.id });
  return row!.id;
}

export async function updateProgramme(db: Queryable, schoolId: string, id: string, values: Partial<typeof additionalProgrammes.$inferInsert>): Promise<void> {
  if (Object.keys(values).length === 0) return;
  await db.update(additionalProgrammes).set(values).where(and(eq(additionalProgrammes.schoolId, schoolId), eq(additionalProgrammes.id, id)));
}

export async function deleteProgramme(db: Queryable, schoolId: string, id: string): Promise<void> {
  await db.delete(additionalProgrammes).where(and(eq(additionalProgrammes.schoolId, schoolId), eq(additionalProgrammes.id, id)));
}

export type ProgrammeGroupRow = {
  id: string; name: string; subjectId: string; memberCount: number;
  teachers: { id: string; lastName: string; firstName: string; middleName: string | null; hoursPerWeek: number }[];
};

/** Activity groups of these subjects in a year, with their members on `on` and their teachers. */
export async function activityGroups(db: Queryable, schoolId: string, subjectIds: readonly string[], academicYear: number, on: string): Promise<ProgrammeGroupRow[]> {
  if (subjectIds.length === 0) return [];
  const members = db.select({ groupId: studyGroupMembers.studyGroupId, n: count().as('n') }).from(studyGroupMembers)
    .where(and(eq(studyGroupMembers.schoolId, schoolId), lte(studyGroupMembers.startsOn, on), or(isNull(studyGroupMembers.endsOn), gte(studyGroupMembers.endsOn, on))))
    .groupBy(studyGroupMembers.studyGroupId).as('members');
  const groups = await db.select({
    id: studyGroups.id, name: studyGroups.name, subjectId: studyGroups.subjectId, memberCount: sql<number>`coalesce(${members.n}, 0)`.mapWith(Number),
  }).from(studyGroups)
    .leftJoin(members, eq(members.groupId, studyGroups.id))
    .where(and(
      eq(studyGroups.schoolId, schoolId), eq(studyGroups.kind, 'activity'), eq(studyGroups.academicYear, academicYear),
      inArray(studyGroups.subjectId, [...subjectIds]),
    ))
    .orderBy(asc(studyGroups.name));
  if (groups.length === 0) return [];
  const loads = await db.select({
    groupId: teachingLoads.studyGroupId, id: employees.id, lastName: employees.lastName, firstName: employees.firstName,
    middleName: employees.middleName, hoursPerWeek: teachingLoads.hoursPerWeek,
  }).from(teachingLoads)
    .innerJoin(employees, and(eq(employees.schoolId, teachingLoads.schoolId), eq(employees.id, teachingLoads.employeeId)))
    .where(and(eq(teachingLoads.schoolId, schoolId), inArray(teachingLoads.studyGroupId, groups.map((g) => g.id))))
    .orderBy(asc(employees.lastName), asc(employees.firstName));
  return groups.map((g) => ({
    id: g.id, name: g.name, subjectId: g.subjectId!, memberCount: g.memberCount,
    teachers: loads.filter((l) => l.groupId === g.id).map((l) => ({
      id: l.id, lastName: l.lastName, firstName: l.firstName, middleName: l.middleName, hoursPerWeek: Number(l.hoursPerWeek),
    })),
  }));
}

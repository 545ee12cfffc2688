// SQL of imports: jobs and their report rows, the snapshot of a school's people the analyser
// matches against, and the batched writes of an apply.
// Bulk writes go through server/db/bulk.ts (one array parameter per column).
import { and, asc, count, desc, eq, gte, inArray, isNull, lt, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { ImportKind } from '../../../contracts/imports';
import { chunks, columnsOf, insertMany, unnested } from '../../db/bulk';
import type { Queryable } from '../../db/client';
import { classes, employees, enrollments, guardians, importJobs, importRows, studentGuardians, students } from '../../db/schema';
import type { CurrentEnrollment, Snapshot } from './plan';

export type JobRow = typeof importJobs.$inferSelect;
export type RowInsert = typeof importRows.$inferInsert;
export type StoredRow = typeof importRows.$inferSelect;

// --- jobs -------------------------------------------------------------------------------

export async function insertJob(db: Queryable, values: typeof importJobs.$inferInsert): Promise<JobRow> {
  const [row] = await db.insert(importJobs).values(values).returning();
  return row!;
}

export async function findJob(db: Queryable, schoolId: string, jobId: string): Promise<JobRow | null> {
  const [row] = await db.select().from(importJobs).where(and(eq(importJobs.schoolId, schoolId), eq(importJobs.id, jobId))).limit(1);
  return row ?? null;
}

export async function listJobs(db: Queryable, schoolId: string, limit: number): Promise<JobRow[]> {
  return db.select().from(importJobs).where(eq(importJobs.schoolId, schoolId)).orderBy(desc(importJobs.createdAt), desc(importJobs.id)).limit(limit);
}

const analysing = (schoolId: string, jobId: string) =>
  and(eq(importJobs.schoolId, schoolId), eq(importJobs.id, jobId), eq(importJobs.status, 'analysing'));

/** Progress of an analysis; false when the job is no longer analysing (marked failed meanwhile). */
export async function setProgress(db: Queryable, schoolId: string, jobId: string, processedRows: number): Promise<boolean> {
  const rows = await db.update(importJobs).set({ processedRows }).where(analysing(schoolId, jobId)).returning({ id: importJobs.id });
  return rows.length > 0;
}

export async function finishAnalysis(db: Queryable, schoolId: string, jobId: string, values: { counts: Record<string, number>; processedRows: number; at: Date }): Promise<boolean> {
  const rows = await db.update(importJobs)
    .set({ status: 'ready', counts: values.counts, processedRows: values.processedRows, analysedAt: values.at })
    .where(analysing(schoolId, jobId)).returning({ id: importJobs.id });
  return rows.length > 0;
}

export async function failAnalysis(db: Queryable, schoolId: string, jobId: string, code: string, message: string): Promise<void> {
  await db.update(importJobs).set({ status: 'failed', errorCode: code, errorMessage: message }).where(analysing(schoolId, jobId));
}

/**
 * Marks failed the analyses nobody is running any more: all of them (`before` null), or those
 * started before an instant, leaving alone the ids this process is running.
 */
export async function failAbandoned(db: Queryable, input: { schoolId?: string; jobId?: string; before: Date | null; runningIds: readonly string[]; code: string; message: string }): Promise<number> {
  const conditions: SQL[] = [eq(importJobs.status, 'analysing')];
  if (input.schoolId) conditions.push(eq(importJobs.schoolId, input.schoolId));
  if (input.jobId) conditions.push(eq(importJobs.id, input.jobId));
  if (input.before) conditions.push(lt(importJobs.createdAt, input.before));
  if (input.runningIds.length > 0) conditions.push(notInArray(importJobs.id, [...input.runningIds]));
  const rows = await db.update(importJobs).set({ status: 'failed', errorCode: input.code, errorMessage: input.message })
    .where(and(...conditions)).returning({ id: importJobs.id });
  return rows.length;
}

/** Takes a ready job for its one apply: the row stays locked until the transaction ends. */
export async function claimForApply(db: Queryable, schoolId: string, jobId: string, by: { accountId: string; at: Date }): Promise<boolean> {
  const rows = await db.update(importJobs).set({ status: 'applied', appliedAt: by.at, appliedByAccountId: by.accountId })
    .where(and(eq(importJobs.schoolId, schoolId), eq(importJobs.id, jobId), eq(importJobs.status, 'ready'))).returning({ id: importJobs.id });
  return rows.length > 0;
}

export async function setAppliedCounts(db: Queryable, schoolId: string, jobId: string, appliedCounts: Record<string, number>): Promise<void> {
  await db.update(importJobs).set({ appliedCounts }).where(and(eq(importJobs.schoolId, schoolId), eq(importJobs.id, jobId)));
}

/** One apply at a time per school: two files naming the same new person must not both create them. */
export async function lockSchoolImports(db: Queryable, schoolId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`otmetka.import:${schoolId}`}))`);
}

// --- report rows ------------------------------------------------------------------------

export async function insertRows(db: Queryable, rows: readonly RowInsert[]): Promise<void> {
  await insertMany(db, importRows, rows);
}

export async function listRows(db: Queryable, schoolId: string, jobId: string, filter: { outcome?: string | undefined; offset: number; limit: number }): Promise<{ rows: StoredRow[]; total: number }> {
  const where = and(eq(importRows.schoolId, schoolId), eq(importRows.jobId, jobId), filter.outcome ? eq(importRows.outcome, filter.outcome) : undefined);
  const [rows, [total]] = await Promise.all([
    db.select().from(importRows).where(where).orderBy(asc(importRows.rowNumber)).offset(filter.offset).limit(filter.limit),
    db.select({ n: count() }).from(importRows).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** The rows an apply writes, in file order. */
export async function acceptedRows(db: Queryable, schoolId: string, jobId: string): Promise<StoredRow[]> {
  return db.select().from(importRows)
    .where(and(eq(importRows.schoolId, schoolId), eq(importRows.jobId, jobId), ne(importRows.outcome, 'rejected')))
    .orderBy(asc(importRows.rowNumber));
}

/**
 * Marks the rows whose change was written, and gives each created row the id of the person it
 * created. Unchanged rows wrote nothing and stay as they are: a re-import rewrites no row.
 */
export async function markRowsApplied(db: Queryable, schoolId: string, jobId: string, createdTargets: readonly { rowNumber: number; targetId: string }[]): Promise<void> {
  await db.update(importRows).set({ applied: true })
    .where(and(eq(importRows.schoolId, schoolId), eq(importRows.jobId, jobId), eq(importRows.outcome, 'update')));
  for (const part of chunks(createdTargets)) {
    const source = unnested([
      { name: 'row_number', type: 'integer', values: part.map((t) => String(t.rowNumber)) },
      { name: 'target_id', type: 'uuid', values: part.map((t) => t.targetId) },
    ]);
    await db.execute(sql`update import_rows as r set applied = true, target_id = v.target_id
      from (${source}) as v
      where r.school_id = ${schoolId} and r.job_id = ${jobId} and r.row_number = v.row_number`);
  }
}

// --- snapshot of the school -------------------------------------------------------------

const personColumns = <T extends typeof employees | typeof students | typeof guardians>(t: T) => ({
  id: t.id,
  externalId: t.externalId,
  lastName: t.lastName,
  firstName: t.firstName,
  middleName: t.middleName,
  birthDate: t.birthDate,
  snils: t.snils,
  email: t.email,
  phone: t.phone,
});

/** Everything the analyser matches a file against, loaded once: no query per row. */
export async function loadSnapshot(db: Queryable, kind: ImportKind, schoolId: string, at: { today: string; academicYear: number }): Promise<Snapshot> {
  if (kind === 'staff') {
    const rows = await db.select({ ...personColumns(employees), position: employees.position }).from(employees).where(eq(employees.schoolId, schoolId));
    return { kind, people: rows };
  }
  if (kind === 'students') {
    // One after another: inside a transaction they share one connection.
    const rows = await db.select({
        ...personColumns(students),
        sex: students.sex, educationForm: students.educationForm,
        individualCurriculum: students.individualCurriculum, adaptedProgramme: students.adaptedProgramme,
      }).from(students).where(eq(students.schoolId, schoolId));
    const classRows = await db.select({ id: classes.id, grade: classes.grade, letter: classes.letter }).from(classes)
      .where(and(eq(classes.schoolId, schoolId), eq(classes.academicYear, at.academicYear)));
    const open = await db.select({ id: enrollments.id, studentId: enrollments.studentId, classId: enrollments.classId, startsOn: enrollments.startsOn }).from(enrollments)
      .where(and(eq(enrollments.schoolId, schoolId), or(isNull(enrollments.endsOn), gte(enrollments.endsOn, at.today))))
      .orderBy(asc(enrollments.startsOn), asc(enrollments.id));
    // The latest open enrollment is where the student is (or is about to be).
    const current = new Map<string, CurrentEnrollment>();
    for (const e of open) current.set(e.studentId, e);
    return {
      kind,
      people: rows,
      classes: classRows.map((c) => ({ id: c.id, name: `${c.grade}${c.letter}` })),
      enrollments: [...current.values()],
    };
  }
  const guardianRows = await db.select(personColumns(guardians)).from(guardians).where(eq(guardians.schoolId, schoolId));
  const studentRows = await db.select(personColumns(students)).from(students).where(eq(students.schoolId, schoolId));
  const links = await db.select({ guardianId: studentGuardians.guardianId, studentId: studentGuardians.studentId, relation: studentGuardians.relation })
    .from(studentGuardians).where(eq(studentGuardians.schoolId, schoolId));
  return { kind, people: guardianRows, students: studentRows, links };
}

// --- writes of an apply -----------------------------------------------------------------

const tableOfKind = { staff: employees, students, guardians } as const;

export type EnrollmentInsert = typeof enrollments.$inferInsert;

export const insertEmployees = (db: Queryable, rows: readonly (typeof employees.$inferInsert)[]) => insertMany(db, employees, rows);
export const insertStudents = (db: Queryable, rows: readonly (typeof students.$inferInsert)[]) => insertMany(db, students, rows);
export const insertGuardians = (db: Queryable, rows: readonly (typeof guardians.$inferInsert)[]) => insertMany(db, guardians, rows);
export const insertEnrollments = (db: Queryable, rows: readonly EnrollmentInsert[]) => insertMany(db, enrollments, rows);
export const insertLinks = (db: Queryable, rows: readonly (typeof studentGuardians.$inferInsert)[]) => insertMany(db, studentGuardians, rows);

/**
 * Updates many records of one table, each with its own values, in a statement per chunk.
 * Records are grouped by the set of fields they change.
 */
export async function updateMany(db: Queryable, kind: ImportKind, schoolId: string, updates: readonly { id: string; values: Record<string, unknown> }[]): Promise<void> {
  const table = tableOfKind[kind];
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const u of updates) {
    const key = Object.keys(u.values).sort().join(',');
    const list = groups.get(key) ?? [];
    list.push({ id: u.id, ...u.values });
    groups.set(key, list);
  }
  for (const list of groups.values()) {
    for (const part of chunks(list)) {
      const columns = columnsOf(table, part);
      const sets = columns.filter((c) => c.name !== 'id').map((c) => sql`${sql.identifier(c.name)} = v.${sql.identifier(c.name)}`);
      await db.execute(sql`update ${table} as t set ${sql.join(sets, sql`, `)} from (${unnested(columns)}) as v where t.school_id = ${schoolId} and t.id = v.id`);
    }
  }
}

export async function closeEnrollments(db: Queryable, schoolId: string, ids: readonly string[], endsOn: string): Promise<void> {
  for (const part of chunks(ids)) {
    await db.update(enrollments).set({ endsOn }).where(and(eq(enrollments.schoolId, schoolId), inArray(enrollments.id, part)));
  }
}

/** An enrollment that starts today or later moves to the other class rather than closing before it began. */
export async function moveEnrollments(db: Queryable, schoolId: string, moves: readonly { id: string; classId: string }[]): Promise<void> {
  const byClass = new Map<string, string[]>();
  for (const m of moves) byClass.set(m.classId, [...(byClass.get(m.classId) ?? []), m.id]);
  for (const [classId, ids] of byClass) {
    for (const part of chunks(ids)) {
      await db.update(enrollments).set({ classId }).where(and(eq(enrollments.schoolId, schoolId), inArray(enrollments.id, part)));
    }
  }
}

export async function updateRelations(db: Queryable, schoolId: string, changes: readonly { guardianId: string; studentId: string; relation: string }[]): Promise<void> {
  for (const part of chunks(changes)) {
    const source = unnested([
      { name: 'guardian_id', type: 'uuid', values: part.map((c) => c.guardianId) },
      { name: 'student_id', type: 'uuid', values: part.map((c) => c.studentId) },
      { name: 'relation', type: 'text', values: part.map((c) => c.relation) },
    ]);
    await db.execute(sql`update student_guardians as l set relation = v.relation
      from (${source}) as v
      where l.school_id = ${schoolId} and l.guardian_id = v.guardian_id and l.student_id = v.student_id`);
  }
}

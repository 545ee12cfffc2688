// SQL of mark scales and control forms. Every query names the school, so another school's id is not found.
import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { ConversionRow, MarkScaleKind } from '../../../domain/mark-scale';
import type { Queryable } from '../../db/client';
import { controlForms, markScales, subjects } from '../../db/schema';

export { isUniqueViolation } from '../../db/errors';

export type ScaleRow = { id: string; kind: MarkScaleKind; name: string; conversion: ConversionRow[] | null; createdAt: Date };

const scaleColumns = { id: markScales.id, kind: markScales.kind, name: markScales.name, conversion: markScales.conversion, createdAt: markScales.createdAt };

export async function listScales(db: Queryable, schoolId: string): Promise<(ScaleRow & { controlFormCount: number })[]> {
  const rows = await db.select({
    ...scaleColumns,
    // Qualified by hand: inside the subquery an unqualified column would name the inner table.
    controlFormCount: sql<number>`(select count(*)::int from ${controlForms} cf where cf.school_id = "mark_scales"."school_id" and cf.mark_scale_id = "mark_scales"."id")`,
  }).from(markScales).where(eq(markScales.schoolId, schoolId))
    .orderBy(sql`case ${markScales.kind} when 'five' then 0 when 'passFail' then 1 else 2 end`, asc(markScales.createdAt), asc(markScales.name));
  return rows as (ScaleRow & { controlFormCount: number })[];
}

export async function findScale(db: Queryable, schoolId: string, id: string): Promise<ScaleRow | null> {
  const [row] = await db.select(scaleColumns).from(markScales).where(and(eq(markScales.schoolId, schoolId), eq(markScales.id, id))).limit(1);
  return (row as ScaleRow | undefined) ?? null;
}

export async function scaleKindsPresent(db: Queryable, schoolId: string): Promise<Set<string>> {
  const rows = await db.selectDistinct({ kind: markScales.kind }).from(markScales).where(eq(markScales.schoolId, schoolId));
  return new Set(rows.map((r) => r.kind));
}

/** Inserts scales, leaving alone any whose name the school already uses (two first requests at once). */
export async function insertScalesIfAbsent(db: Queryable, rows: (typeof markScales.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(markScales).values(rows).onConflictDoNothing();
}

export async function scaleNameTaken(db: Queryable, schoolId: string, name: string, exceptId: string | null): Promise<boolean> {
  const [row] = await db.select({ id: markScales.id }).from(markScales)
    .where(and(eq(markScales.schoolId, schoolId), sql`lower(${markScales.name}) = lower(${name})`, exceptId ? sql`${markScales.id} <> ${exceptId}` : undefined)).limit(1);
  return row !== undefined;
}

export async function insertScale(db: Queryable, values: typeof markScales.$inferInsert): Promise<string> {
  const [row] = await db.insert(markScales).values(values).returning({ id: markScales.id });
  return row!.id;
}

export async function updateScale(db: Queryable, schoolId: string, id: string, values: Partial<typeof markScales.$inferInsert>): Promise<void> {
  if (Object.keys(values).length === 0) return;
  await db.update(markScales).set(values).where(and(eq(markScales.schoolId, schoolId), eq(markScales.id, id)));
}

export async function subjectExists(db: Queryable, schoolId: string, id: string): Promise<boolean> {
  const [row] = await db.select({ id: subjects.id }).from(subjects).where(and(eq(subjects.schoolId, schoolId), eq(subjects.id, id))).limit(1);
  return row !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Control forms

export type FormRow = typeof controlForms.$inferSelect;
export type FormView = FormRow & { scaleName: string; scaleKind: string; subjectName: string | null };

export async function listForms(db: Queryable, schoolId: string, f: { subjectId?: string; level?: string; includeArchived?: boolean; id?: string }): Promise<FormView[]> {
  return db.select({
    schoolId: controlForms.schoolId, id: controlForms.id, name: controlForms.name, shortName: controlForms.shortName, weight: controlForms.weight,
    markScaleId: controlForms.markScaleId, subjectId: controlForms.subjectId, levels: controlForms.levels, archived: controlForms.archived,
    sampleId: controlForms.sampleId, sampleVersion: controlForms.sampleVersion, createdAt: controlForms.createdAt,
    scaleName: markScales.name, scaleKind: markScales.kind, subjectName: subjects.name,
  }).from(controlForms)
    .innerJoin(markScales, and(eq(markScales.schoolId, controlForms.schoolId), eq(markScales.id, controlForms.markScaleId)))
    .leftJoin(subjects, and(eq(subjects.schoolId, controlForms.schoolId), eq(subjects.id, controlForms.subjectId)))
    .where(and(
      eq(controlForms.schoolId, schoolId),
      f.id ? eq(controlForms.id, f.id) : undefined,
      f.includeArchived || f.id ? undefined : eq(controlForms.archived, false),
      f.subjectId ? or(isNull(controlForms.subjectId), eq(controlForms.subjectId, f.subjectId)) : undefined,
      f.level ? sql`(cardinality(${controlForms.levels}) = 0 or ${f.level} = any(${controlForms.levels}))` : undefined,
    ))
    .orderBy(asc(controlForms.archived), sql`${controlForms.weight} desc`, asc(controlForms.name));
}

export async function findForm(db: Queryable, schoolId: string, id: string): Promise<FormRow | null> {
  const [row] = await db.select().from(controlForms).where(and(eq(controlForms.schoolId, schoolId), eq(controlForms.id, id))).limit(1);
  return row ?? null;
}

/** A form of the same name for the same subject (or for every subject), not archived. */
export async function formNameTaken(db: Queryable, schoolId: string, name: string, subjectId: string | null, exceptId: string | null): Promise<boolean> {
  const [row] = await db.select({ id: controlForms.id }).from(controlForms).where(and(
    eq(controlForms.schoolId, schoolId), eq(controlForms.archived, false), sql`lower(${controlForms.name}) = lower(${name})`,
    subjectId ? eq(controlForms.subjectId, subjectId) : isNull(controlForms.subjectId),
    exceptId ? sql`${controlForms.id} <> ${exceptId}` : undefined,
  )).limit(1);
  return row !== undefined;
}

export async function insertForms(db: Queryable, rows: (typeof controlForms.$inferInsert)[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db.insert(controlForms).values(rows).returning({ id: controlForms.id });
  return inserted.map((r) => r.id);
}

export async function updateForm(db: Queryable, schoolId: string, id: string, values: Partial<typeof controlForms.$inferInsert>): Promise<void> {
  if (Object.keys(values).length === 0) return;
  await db.update(controlForms).set(values).where(and(eq(controlForms.schoolId, schoolId), eq(controlForms.id, id)));
}

/** The forms for every subject (what a sample's set is matched against by name). */
export async function formsForEverySubject(db: Queryable, schoolId: string): Promise<FormRow[]> {
  return db.select().from(controlForms).where(and(eq(controlForms.schoolId, schoolId), isNull(controlForms.subjectId)));
}

/** Each sample the school's forms came from, with the newest version they hold and how many there are. */
export async function sampleSources(db: Queryable, schoolId: string): Promise<{ sampleId: string; version: number; formCount: number }[]> {
  const rows = await db.select({
    sampleId: controlForms.sampleId, version: sql<number>`max(${controlForms.sampleVersion})::int`, formCount: sql<number>`count(*)::int`,
  }).from(controlForms)
    .where(and(eq(controlForms.schoolId, schoolId), sql`${controlForms.sampleId} is not null and ${controlForms.sampleVersion} is not null`))
    .groupBy(controlForms.sampleId);
  return rows.map((r) => ({ sampleId: r.sampleId!, version: Number(r.version), formCount: Number(r.formCount) }));
}

// SQL of КЭС codifiers, work programmes and their planned topics, and the reads they need of the
// load, the journal's lessons and the control forms. Every query names the school, so another
// school's id simply is not found.
import { and, asc, count, eq, gte, inArray, isNotNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import {
  classes, contentCodifiers, contentElements, controlForms, employees, journalAudit, journalLessons, plannedTopics, studyGroups, subjects,
  teachingLoads, workProgrammes,
} from '../../db/schema';

export type CodifierRow = typeof contentCodifiers.$inferSelect;
export type ElementRow = typeof contentElements.$inferSelect;
export type ProgrammeRow = typeof workProgrammes.$inferSelect;
export type TopicRow = typeof plannedTopics.$inferSelect;

// --- Codifiers --------------------------------------------------------------------------------

export type CodifierListRow = CodifierRow & { subjectName: string | null; elements: number; usedBy: number };

export async function listCodifiers(db: Queryable, schoolId: string, id?: string): Promise<CodifierListRow[]> {
  const elementCounts = db.select({ codifierId: contentElements.codifierId, n: count().as('n') }).from(contentElements)
    .where(eq(contentElements.schoolId, schoolId)).groupBy(contentElements.codifierId).as('element_counts');
  const useCounts = db.select({ codifierId: workProgrammes.codifierId, n: count().as('u') }).from(workProgrammes)
    .where(and(eq(workProgrammes.schoolId, schoolId), isNotNull(workProgrammes.codifierId))).groupBy(workProgrammes.codifierId).as('use_counts');
  const rows = await db.select({
    c: contentCodifiers,
    subjectName: subjects.name,
    elements: sql<number>`coalesce(${elementCounts.n}, 0)`.mapWith(Number),
    usedBy: sql<number>`coalesce(${useCounts.n}, 0)`.mapWith(Number),
  }).from(contentCodifiers)
    .leftJoin(subjects, and(eq(subjects.schoolId, contentCodifiers.schoolId), eq(subjects.id, contentCodifiers.subjectId)))
    .leftJoin(elementCounts, eq(elementCounts.codifierId, contentCodifiers.id))
    .leftJoin(useCounts, eq(useCounts.codifierId, contentCodifiers.id))
    .where(and(eq(contentCodifiers.schoolId, schoolId), id ? eq(contentCodifiers.id, id) : undefined))
    .orderBy(asc(contentCodifiers.name));
  return rows.map((r) => ({ ...r.c, subjectName: r.subjectName, elements: r.elements, usedBy: r.usedBy }));
}

export async function findCodifier(db: Queryable, schoolId: string, id: string, lock = false): Promise<CodifierRow | null> {
  const q = db.select().from(contentCodifiers).where(and(eq(contentCodifiers.schoolId, schoolId), eq(contentCodifiers.id, id))).limit(1);
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

export async function codifierNamed(db: Queryable, schoolId: string, name: string): Promise<boolean> {
  const [row] = await db.select({ id: contentCodifiers.id }).from(contentCodifiers)
    .where(and(eq(contentCodifiers.schoolId, schoolId), sql`lower(${contentCodifiers.name}) = lower(${name})`)).limit(1);
  return row !== undefined;
}

export async function elementsOf(db: Queryable, schoolId: string, codifierId: string): Promise<ElementRow[]> {
  return db.select().from(contentElements)
    .where(and(eq(contentElements.schoolId, schoolId), eq(contentElements.codifierId, codifierId)))
    .orderBy(asc(contentElements.position));
}

export async function codesOf(db: Queryable, schoolId: string, codifierId: string): Promise<Set<string>> {
  const rows = await db.select({ code: contentElements.code }).from(contentElements)
    .where(and(eq(contentElements.schoolId, schoolId), eq(contentElements.codifierId, codifierId)));
  return new Set(rows.map((r) => r.code));
}

export async function insertCodifier(db: Queryable, values: typeof contentCodifiers.$inferInsert): Promise<string> {
  const [row] = await db.insert(contentCodifiers).values(values).returning({ id: contentCodifiers.id });
  return row!.id;
}

export async function insertElements(db: Queryable, values: (typeof contentElements.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < values.length; i += 500) await db.insert(contentElements).values(values.slice(i, i + 500));
}

export async function codifierUsage(db: Queryable, schoolId: string, codifierId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(workProgrammes)
    .where(and(eq(workProgrammes.schoolId, schoolId), eq(workProgrammes.codifierId, codifierId)));
  return row?.n ?? 0;
}

export async function deleteCodifier(db: Queryable, schoolId: string, id: string): Promise<void> {
  await db.delete(contentCodifiers).where(and(eq(contentCodifiers.schoolId, schoolId), eq(contentCodifiers.id, id)));
}

export async function subjectName(db: Queryable, schoolId: string, id: string): Promise<string | null> {
  const [row] = await db.select({ name: subjects.name }).from(subjects).where(and(eq(subjects.schoolId, schoolId), eq(subjects.id, id))).limit(1);
  return row?.name ?? null;
}

// --- Programmes -------------------------------------------------------------------------------

export type ProgrammeFilter = { academicYear?: number; subjectId?: string; employeeIds?: readonly string[]; ids?: readonly string[] };

export type ProgrammeListRow = ProgrammeRow & { topics: number; plannedHours: number };

export async function listProgrammes(db: Queryable, schoolId: string, f: ProgrammeFilter): Promise<ProgrammeListRow[]> {
  if (f.employeeIds?.length === 0 || f.ids?.length === 0) return [];
  const sums = db.select({
    programmeId: plannedTopics.workProgrammeId, n: count().as('n'), hours: sql<number>`sum(${plannedTopics.hours})`.as('hours'),
  }).from(plannedTopics).where(eq(plannedTopics.schoolId, schoolId)).groupBy(plannedTopics.workProgrammeId).as('sums');
  const rows = await db.select({
    p: workProgrammes,
    topics: sql<number>`coalesce(${sums.n}, 0)`.mapWith(Number),
    plannedHours: sql<number>`coalesce(${sums.hours}, 0)`.mapWith(Number),
  }).from(workProgrammes)
    .leftJoin(sums, eq(sums.programmeId, workProgrammes.id))
    .where(and(
      eq(workProgrammes.schoolId, schoolId),
      f.academicYear === undefined ? undefined : eq(workProgrammes.academicYear, f.academicYear),
      f.subjectId ? eq(workProgrammes.subjectId, f.subjectId) : undefined,
      f.employeeIds ? inArray(workProgrammes.employeeId, [...f.employeeIds]) : undefined,
      f.ids ? inArray(workProgrammes.id, [...f.ids]) : undefined,
    ))
    .orderBy(asc(workProgrammes.academicYear), asc(workProgrammes.title), asc(workProgrammes.id));
  return rows.map((r) => ({ ...r.p, topics: r.topics, plannedHours: r.plannedHours }));
}

export async function findProgramme(db: Queryable, schoolId: string, id: string, lock = false): Promise<ProgrammeRow | null> {
  const q = db.select().from(workProgrammes).where(and(eq(workProgrammes.schoolId, schoolId), eq(workProgrammes.id, id))).limit(1);
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

export type Target = { employeeId: string; subjectId: string; classId: string | null; studyGroupId: string | null; academicYear: number };

/** A programme of the same teacher, subject, class or group and year. */
export async function programmeFor(db: Queryable, schoolId: string, t: Target): Promise<ProgrammeRow | null> {
  const [row] = await db.select().from(workProgrammes).where(and(
    eq(workProgrammes.schoolId, schoolId), eq(workProgrammes.academicYear, t.academicYear), eq(workProgrammes.employeeId, t.employeeId),
    eq(workProgrammes.subjectId, t.subjectId),
    t.classId ? eq(workProgrammes.classId, t.classId) : eq(workProgrammes.studyGroupId, t.studyGroupId!),
  )).limit(1);
  return row ?? null;
}

/** Programmes of a subject and class or group in a year (any teacher), oldest first. */
export async function programmesOfUnit(db: Queryable, schoolId: string, academicYear: number, subjectId: string, unit: { classId?: string | undefined; studyGroupId?: string | undefined }): Promise<ProgrammeRow[]> {
  return db.select().from(workProgrammes).where(and(
    eq(workProgrammes.schoolId, schoolId), eq(workProgrammes.academicYear, academicYear), eq(workProgrammes.subjectId, subjectId),
    unit.classId ? eq(workProgrammes.classId, unit.classId) : eq(workProgrammes.studyGroupId, unit.studyGroupId!),
  )).orderBy(asc(workProgrammes.createdAt), asc(workProgrammes.id));
}

export async function insertProgramme(db: Queryable, values: typeof workProgrammes.$inferInsert): Promise<string> {
  const [row] = await db.insert(workProgrammes).values(values).returning({ id: workProgrammes.id });
  return row!.id;
}

/** Writes the change and bumps the version number. */
export async function touchProgramme(db: Queryable, schoolId: string, id: string, values: Partial<typeof workProgrammes.$inferInsert> = {}): Promise<void> {
  await db.update(workProgrammes).set({ ...values, version: sql`${workProgrammes.version} + 1`, updatedAt: new Date() })
    .where(and(eq(workProgrammes.schoolId, schoolId), eq(workProgrammes.id, id)));
}

export async function deleteProgramme(db: Queryable, schoolId: string, id: string): Promise<void> {
  await db.delete(workProgrammes).where(and(eq(workProgrammes.schoolId, schoolId), eq(workProgrammes.id, id)));
}

// --- Topics -----------------------------------------------------------------------------------

export async function topicsOf(db: Queryable, schoolId: string, programmeId: string): Promise<TopicRow[]> {
  return db.select().from(plannedTopics)
    .where(and(eq(plannedTopics.schoolId, schoolId), eq(plannedTopics.workProgrammeId, programmeId)))
    .orderBy(asc(plannedTopics.position), asc(plannedTopics.createdAt), asc(plannedTopics.id));
}

export async function findTopic(db: Queryable, schoolId: string, id: string): Promise<TopicRow | null> {
  const [row] = await db.select().from(plannedTopics).where(and(eq(plannedTopics.schoolId, schoolId), eq(plannedTopics.id, id))).limit(1);
  return row ?? null;
}

export async function insertTopics(db: Queryable, values: (typeof plannedTopics.$inferInsert)[]): Promise<TopicRow[]> {
  const out: TopicRow[] = [];
  for (let i = 0; i < values.length; i += 200) out.push(...await db.insert(plannedTopics).values(values.slice(i, i + 200)).returning());
  return out;
}

export async function updateTopic(db: Queryable, schoolId: string, id: string, values: Partial<typeof plannedTopics.$inferInsert>): Promise<void> {
  await db.update(plannedTopics).set(values).where(and(eq(plannedTopics.schoolId, schoolId), eq(plannedTopics.id, id)));
}

export async function deleteTopics(db: Queryable, schoolId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.delete(plannedTopics).where(and(eq(plannedTopics.schoolId, schoolId), inArray(plannedTopics.id, [...ids])));
}

/** Shifts the positions of a plan's topics in [from, to] by `by` (±1), to open or close a gap. */
export async function shiftPositions(db: Queryable, schoolId: string, programmeId: string, from: number, to: number | null, by: 1 | -1): Promise<void> {
  await db.update(plannedTopics).set({ position: sql`${plannedTopics.position} + ${by}` }).where(and(
    eq(plannedTopics.schoolId, schoolId), eq(plannedTopics.workProgrammeId, programmeId),
    gte(plannedTopics.position, from), to === null ? undefined : lte(plannedTopics.position, to),
  ));
}

// --- Journal lessons: what was delivered --------------------------------------------------------

const hasTopic = (): SQL => or(isNotNull(journalLessons.plannedTopicId), sql`coalesce(btrim(${journalLessons.topic}), '') <> ''`)!;

export type DeliveredRow = { subjectId: string; classId: string | null; studyGroupId: string | null; n: number };

/** Journal lessons with a topic per subject × class or group of a year, up to a date. */
export async function deliveredByUnit(db: Queryable, schoolId: string, academicYear: number, upTo: string): Promise<DeliveredRow[]> {
  return db.select({
    subjectId: journalLessons.subjectId, classId: journalLessons.classId, studyGroupId: journalLessons.studyGroupId,
    n: sql<number>`count(*)`.mapWith(Number),
  }).from(journalLessons)
    .where(and(eq(journalLessons.schoolId, schoolId), eq(journalLessons.academicYear, academicYear), lte(journalLessons.date, upTo), hasTopic()))
    .groupBy(journalLessons.subjectId, journalLessons.classId, journalLessons.studyGroupId);
}

/** Lessons per planned topic, up to a date, or before a lesson (a date and, that day, a lesson number). */
export async function topicUse(db: Queryable, schoolId: string, topicIds: readonly string[], limit: { upTo: string } | { before: string; lessonNumber?: number | undefined }): Promise<Map<string, number>> {
  if (topicIds.length === 0) return new Map();
  const when = 'upTo' in limit
    ? lte(journalLessons.date, limit.upTo)
    : limit.lessonNumber === undefined
      ? lt(journalLessons.date, limit.before)
      : or(lt(journalLessons.date, limit.before), and(eq(journalLessons.date, limit.before), lt(journalLessons.lessonNumber, limit.lessonNumber)));
  const rows = await db.select({ id: journalLessons.plannedTopicId, n: sql<number>`count(*)`.mapWith(Number) }).from(journalLessons)
    .where(and(eq(journalLessons.schoolId, schoolId), inArray(journalLessons.plannedTopicId, [...topicIds]), when))
    .groupBy(journalLessons.plannedTopicId);
  return new Map(rows.map((r) => [r.id!, r.n]));
}

/** Whether any journal lesson gave one of these topics. */
export async function topicsInUse(db: Queryable, schoolId: string, topicIds: readonly string[]): Promise<Set<string>> {
  if (topicIds.length === 0) return new Set();
  const rows = await db.selectDistinct({ id: journalLessons.plannedTopicId }).from(journalLessons)
    .where(and(eq(journalLessons.schoolId, schoolId), inArray(journalLessons.plannedTopicId, [...topicIds])));
  return new Set(rows.map((r) => r.id!));
}

// --- Load, names, control forms ----------------------------------------------------------------

export type LoadRow = typeof teachingLoads.$inferSelect;

export async function loadRows(db: Queryable, schoolId: string, academicYear: number, employeeIds?: readonly string[]): Promise<LoadRow[]> {
  if (employeeIds?.length === 0) return [];
  return db.select().from(teachingLoads).where(and(
    eq(teachingLoads.schoolId, schoolId), eq(teachingLoads.academicYear, academicYear),
    employeeIds ? inArray(teachingLoads.employeeId, [...employeeIds]) : undefined,
  )).orderBy(asc(teachingLoads.createdAt), asc(teachingLoads.id));
}

export async function findLoadRow(db: Queryable, schoolId: string, id: string): Promise<LoadRow | null> {
  const [row] = await db.select().from(teachingLoads).where(and(eq(teachingLoads.schoolId, schoolId), eq(teachingLoads.id, id))).limit(1);
  return row ?? null;
}

/** The load rows of a subject and class or group in a year, of these teachers (or any). */
export async function loadRowsFor(db: Queryable, schoolId: string, t: Omit<Target, 'employeeId'> & { employeeIds?: readonly string[] }): Promise<LoadRow[]> {
  if (t.employeeIds?.length === 0) return [];
  return db.select().from(teachingLoads).where(and(
    eq(teachingLoads.schoolId, schoolId), eq(teachingLoads.academicYear, t.academicYear), eq(teachingLoads.subjectId, t.subjectId),
    t.classId ? eq(teachingLoads.classId, t.classId) : eq(teachingLoads.studyGroupId, t.studyGroupId!),
    t.employeeIds ? inArray(teachingLoads.employeeId, [...t.employeeIds]) : undefined,
  )).orderBy(asc(teachingLoads.createdAt));
}

export type Names = {
  employees: Map<string, { id: string; lastName: string; firstName: string; middleName: string | null }>;
  subjects: Map<string, string>;
  classes: Map<string, { name: string; grade: number; academicYear: number }>;
  groups: Map<string, { name: string; classId: string | null; academicYear: number }>;
  codifiers: Map<string, string>;
};

export async function namesOf(db: Queryable, schoolId: string, ids: {
  employees: Iterable<string>; subjects: Iterable<string>; classes: Iterable<string>; groups: Iterable<string>; codifiers: Iterable<string>;
}): Promise<Names> {
  const list = (it: Iterable<string>) => [...new Set(it)];
  const [e, s, c, g, k] = [list(ids.employees), list(ids.subjects), list(ids.classes), list(ids.groups), list(ids.codifiers)];
  const [eRows, sRows, cRows, gRows, kRows] = await Promise.all([
    e.length ? db.select({ id: employees.id, lastName: employees.lastName, firstName: employees.firstName, middleName: employees.middleName }).from(employees)
      .where(and(eq(employees.schoolId, schoolId), inArray(employees.id, e))) : [],
    s.length ? db.select({ id: subjects.id, name: subjects.name }).from(subjects).where(and(eq(subjects.schoolId, schoolId), inArray(subjects.id, s))) : [],
    c.length ? db.select({ id: classes.id, grade: classes.grade, letter: classes.letter, academicYear: classes.academicYear }).from(classes)
      .where(and(eq(classes.schoolId, schoolId), inArray(classes.id, c))) : [],
    g.length ? db.select({ id: studyGroups.id, name: studyGroups.name, classId: studyGroups.classId, academicYear: studyGroups.academicYear }).from(studyGroups)
      .where(and(eq(studyGroups.schoolId, schoolId), inArray(studyGroups.id, g))) : [],
    k.length ? db.select({ id: contentCodifiers.id, name: contentCodifiers.name }).from(contentCodifiers)
      .where(and(eq(contentCodifiers.schoolId, schoolId), inArray(contentCodifiers.id, k))) : [],
  ]);
  return {
    employees: new Map(eRows.map((r) => [r.id, r])),
    subjects: new Map(sRows.map((r) => [r.id, r.name])),
    classes: new Map(cRows.map((r) => [r.id, { name: `${r.grade}${r.letter}`, grade: r.grade, academicYear: r.academicYear }])),
    groups: new Map(gRows.map((r) => [r.id, { name: r.name, classId: r.classId, academicYear: r.academicYear }])),
    codifiers: new Map(kRows.map((r) => [r.id, r.name])),
  };
}

/** Grades of classes (any year), for groups whose class is not among the names. */
export async function gradesOfClasses(db: Queryable, schoolId: string, ids: readonly string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: classes.id, grade: classes.grade }).from(classes).where(and(eq(classes.schoolId, schoolId), inArray(classes.id, [...ids])));
  return new Map(rows.map((r) => [r.id, r.grade]));
}

export async function employeeExists(db: Queryable, schoolId: string, id: string): Promise<boolean> {
  const [row] = await db.select({ id: employees.id }).from(employees).where(and(eq(employees.schoolId, schoolId), eq(employees.id, id))).limit(1);
  return row !== undefined;
}

export type ControlFormRow = { id: string; name: string; shortName: string; subjectId: string | null; archived: boolean };

export async function controlFormsOf(db: Queryable, schoolId: string, ids?: readonly string[]): Promise<ControlFormRow[]> {
  if (ids?.length === 0) return [];
  return db.select({ id: controlForms.id, name: controlForms.name, shortName: controlForms.shortName, subjectId: controlForms.subjectId, archived: controlForms.archived })
    .from(controlForms)
    .where(and(eq(controlForms.schoolId, schoolId), ids ? inArray(controlForms.id, [...ids]) : undefined))
    .orderBy(asc(controlForms.name));
}

// --- Previous years ---------------------------------------------------------------------------

/** Last year's programmes of a subject whose class (or group's class) is of this grade. */
export async function programmesOfGrade(db: Queryable, schoolId: string, academicYear: number, subjectId: string, grade: number): Promise<ProgrammeRow[]> {
  const rows = await db.select({ p: workProgrammes }).from(workProgrammes)
    .leftJoin(studyGroups, and(eq(studyGroups.schoolId, workProgrammes.schoolId), eq(studyGroups.id, workProgrammes.studyGroupId)))
    .innerJoin(classes, and(eq(classes.schoolId, workProgrammes.schoolId), sql`${classes.id} = coalesce(${workProgrammes.classId}, ${studyGroups.classId})`))
    .where(and(
      eq(workProgrammes.schoolId, schoolId), eq(workProgrammes.academicYear, academicYear), eq(workProgrammes.subjectId, subjectId), eq(classes.grade, grade),
    ))
    .orderBy(asc(workProgrammes.createdAt));
  return rows.map((r) => r.p);
}

/** A planned topic with its programme's subject, class or group, teacher and year. */
export async function topicWithProgramme(db: Queryable, schoolId: string, id: string) {
  const [row] = await db.select({
    id: plannedTopics.id, title: plannedTopics.title, hours: plannedTopics.hours, contentElementCodes: plannedTopics.contentElementCodes,
    workProgrammeId: plannedTopics.workProgrammeId, subjectId: workProgrammes.subjectId, classId: workProgrammes.classId,
    studyGroupId: workProgrammes.studyGroupId, employeeId: workProgrammes.employeeId, academicYear: workProgrammes.academicYear,
  }).from(plannedTopics)
    .innerJoin(workProgrammes, and(eq(workProgrammes.schoolId, plannedTopics.schoolId), eq(workProgrammes.id, plannedTopics.workProgrammeId)))
    .where(and(eq(plannedTopics.schoolId, schoolId), eq(plannedTopics.id, id))).limit(1);
  return row ?? null;
}

// --- Audit ------------------------------------------------------------------------------------

export async function appendAudit(db: Queryable, rows: (typeof journalAudit.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await db.insert(journalAudit).values(rows.slice(i, i + 200));
}

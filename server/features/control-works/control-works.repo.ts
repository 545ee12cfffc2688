// SQL of control works: the works of a school's year with their tasks and results, the load rows
// that say who teaches what, the planned topics marked as control works, the works of a class's
// days (the СанПиН warning), and the students of a class or group on a date. Every query names
// the school, so another school's id is simply not found.
import { and, asc, eq, gte, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import {
  classes, controlForms, controlWorkResults, controlWorks, controlWorkTasks, employees, enrollments, journalLessons, markScales, marks,
  plannedTopics, studyGroupMembers, studyGroups, students, subjects, teachingLoads, workProgrammes,
} from '../../db/schema';

export type WorkRow = typeof controlWorks.$inferSelect;
export type TaskRow = typeof controlWorkTasks.$inferSelect;
export type ResultRow = typeof controlWorkResults.$inferSelect;
export type Unit = { classId: string | null; studyGroupId: string | null };

// --- Works ----------------------------------------------------------------------------------------

export type WorkFilter = {
  academicYear: number;
  /** Works of these classes or of groups of these classes. */
  classIds?: readonly string[];
  studyGroupIds?: readonly string[];
  subjectId?: string;
  from?: string;
  to?: string;
};

export async function listWorks(db: Queryable, schoolId: string, f: WorkFilter): Promise<WorkRow[]> {
  const where: SQL[] = [eq(controlWorks.schoolId, schoolId), eq(controlWorks.academicYear, f.academicYear)];
  if (f.subjectId) where.push(eq(controlWorks.subjectId, f.subjectId));
  if (f.from) where.push(gte(controlWorks.plannedDate, f.from));
  if (f.to) where.push(lte(controlWorks.plannedDate, f.to));
  const units: SQL[] = [];
  if (f.classIds) {
    if (f.classIds.length > 0) {
      units.push(inArray(controlWorks.classId, [...f.classIds]));
      units.push(inArray(controlWorks.studyGroupId, db.select({ id: studyGroups.id }).from(studyGroups)
        .where(and(eq(studyGroups.schoolId, schoolId), inArray(studyGroups.classId, [...f.classIds])))));
    }
  }
  if (f.studyGroupIds && f.studyGroupIds.length > 0) units.push(inArray(controlWorks.studyGroupId, [...f.studyGroupIds]));
  if (f.classIds || f.studyGroupIds) {
    if (units.length === 0) return [];
    where.push(or(...units)!);
  }
  return db.select().from(controlWorks).where(and(...where))
    .orderBy(asc(controlWorks.plannedDate), asc(controlWorks.createdAt), asc(controlWorks.id));
}

export async function findWork(db: Queryable, schoolId: string, id: string, forUpdate = false): Promise<WorkRow | null> {
  const q = db.select().from(controlWorks).where(and(eq(controlWorks.schoolId, schoolId), eq(controlWorks.id, id))).limit(1);
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function insertWork(db: Queryable, row: typeof controlWorks.$inferInsert): Promise<WorkRow> {
  const [inserted] = await db.insert(controlWorks).values(row).returning();
  return inserted!;
}

/** Changes a work and bumps its version. */
export async function updateWork(db: Queryable, schoolId: string, id: string, set: Partial<typeof controlWorks.$inferInsert>, now: Date): Promise<WorkRow> {
  const [row] = await db.update(controlWorks).set({ ...set, version: sql`${controlWorks.version} + 1`, updatedAt: now })
    .where(and(eq(controlWorks.schoolId, schoolId), eq(controlWorks.id, id))).returning();
  return row!;
}

/** Stores the analysis (a change that already bumped the version, or none of the work's own). */
export async function setAnalysis(db: Queryable, schoolId: string, id: string, analysis: unknown): Promise<WorkRow> {
  const [row] = await db.update(controlWorks).set({ analysis }).where(and(eq(controlWorks.schoolId, schoolId), eq(controlWorks.id, id))).returning();
  return row!;
}

export async function deleteWork(db: Queryable, schoolId: string, id: string): Promise<void> {
  await db.delete(controlWorks).where(and(eq(controlWorks.schoolId, schoolId), eq(controlWorks.id, id)));
}

// --- Tasks ----------------------------------------------------------------------------------------

export async function tasksOf(db: Queryable, schoolId: string, workIds: readonly string[]): Promise<TaskRow[]> {
  if (workIds.length === 0) return [];
  return db.select().from(controlWorkTasks)
    .where(and(eq(controlWorkTasks.schoolId, schoolId), inArray(controlWorkTasks.controlWorkId, [...workIds])))
    .orderBy(asc(controlWorkTasks.controlWorkId), asc(controlWorkTasks.position));
}

export async function insertTasks(db: Queryable, rows: (typeof controlWorkTasks.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(controlWorkTasks).values(rows);
}

export async function updateTask(db: Queryable, schoolId: string, id: string, set: Partial<typeof controlWorkTasks.$inferInsert>): Promise<void> {
  await db.update(controlWorkTasks).set(set).where(and(eq(controlWorkTasks.schoolId, schoolId), eq(controlWorkTasks.id, id)));
}

export async function deleteTasks(db: Queryable, schoolId: string, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await db.delete(controlWorkTasks).where(and(eq(controlWorkTasks.schoolId, schoolId), inArray(controlWorkTasks.id, [...ids])));
}

// --- Results --------------------------------------------------------------------------------------

export async function resultsOf(db: Queryable, schoolId: string, workId: string): Promise<ResultRow[]> {
  return db.select().from(controlWorkResults)
    .where(and(eq(controlWorkResults.schoolId, schoolId), eq(controlWorkResults.controlWorkId, workId)));
}

/** Students with at least one result, per work. */
export async function writtenCounts(db: Queryable, schoolId: string, workIds: readonly string[]): Promise<Map<string, number>> {
  if (workIds.length === 0) return new Map();
  const rows = await db.select({ workId: controlWorkResults.controlWorkId, n: sql<number>`count(distinct ${controlWorkResults.studentId})::int` })
    .from(controlWorkResults)
    .where(and(eq(controlWorkResults.schoolId, schoolId), inArray(controlWorkResults.controlWorkId, [...workIds])))
    .groupBy(controlWorkResults.controlWorkId);
  return new Map(rows.map((r) => [r.workId, Number(r.n)]));
}

export async function insertResults(db: Queryable, rows: (typeof controlWorkResults.$inferInsert)[]): Promise<ResultRow[]> {
  if (rows.length === 0) return [];
  return db.insert(controlWorkResults).values(rows).returning();
}

export async function updateResult(db: Queryable, schoolId: string, id: string, points: string, by: string, now: Date): Promise<void> {
  await db.update(controlWorkResults).set({ points, createdBy: by, updatedAt: now })
    .where(and(eq(controlWorkResults.schoolId, schoolId), eq(controlWorkResults.id, id)));
}

export async function deleteResults(db: Queryable, schoolId: string, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await db.delete(controlWorkResults).where(and(eq(controlWorkResults.schoolId, schoolId), inArray(controlWorkResults.id, [...ids])));
}

export type MarkRow = typeof marks.$inferSelect;

/** The marks a work put into the journal, one per student. */
export async function marksOfWork(db: Queryable, schoolId: string, workId: string): Promise<MarkRow[]> {
  return db.select().from(marks).where(and(eq(marks.schoolId, schoolId), eq(marks.controlWorkId, workId)));
}

/** A work's mark given anew from a changed total: the value and its five-point value; the weight stays the one it was given with. */
export async function updateWorkMark(db: Queryable, schoolId: string, id: string, set: { value: string; fivePoint: string | null }, now: Date): Promise<MarkRow> {
  const [row] = await db.update(marks).set({ value: set.value, fivePoint: set.fivePoint, version: sql`${marks.version} + 1`, updatedAt: now })
    .where(and(eq(marks.schoolId, schoolId), eq(marks.id, id))).returning();
  return row!;
}

/** Marks of a work whose student no longer has results («не писал»). */
export async function deleteWorkMarks(db: Queryable, schoolId: string, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await db.delete(marks).where(and(eq(marks.schoolId, schoolId), inArray(marks.id, [...ids])));
}

// --- Names and references -------------------------------------------------------------------------

export type Names = {
  subjects: Map<string, string>;
  classes: Map<string, { name: string }>;
  groups: Map<string, { name: string; classId: string | null }>;
  employees: Map<string, { lastName: string; firstName: string; middleName: string | null }>;
  forms: Map<string, { name: string; shortName: string; weight: number }>;
  lessons: Map<string, { date: string; lessonNumber: number }>;
};

/** What names are looked up for: a work, or a load row. */
export type NameRefs = Pick<WorkRow, 'subjectId' | 'classId' | 'studyGroupId' | 'employeeId'> & Partial<Pick<WorkRow, 'controlFormId' | 'journalLessonId'>>;

export async function namesOf(db: Queryable, schoolId: string, works: readonly NameRefs[]): Promise<Names> {
  const ids = (pick: (w: NameRefs) => string | null | undefined) => [...new Set(works.map(pick).filter((x): x is string => typeof x === 'string'))];
  const [subjectIds, groupIds, employeeIds, formIds, lessonIds] = [
    ids((w) => w.subjectId), ids((w) => w.studyGroupId), ids((w) => w.employeeId), ids((w) => w.controlFormId), ids((w) => w.journalLessonId),
  ];
  const groupRows = groupIds.length === 0 ? [] : await db.select({ id: studyGroups.id, name: studyGroups.name, classId: studyGroups.classId }).from(studyGroups)
    .where(and(eq(studyGroups.schoolId, schoolId), inArray(studyGroups.id, groupIds)));
  const classIds = [...new Set([...ids((w) => w.classId), ...groupRows.flatMap((g) => (g.classId ? [g.classId] : []))])];
  const [subjectRows, classRows, employeeRows, formRows, lessonRows] = await Promise.all([
    subjectIds.length === 0 ? [] : db.select({ id: subjects.id, name: subjects.name }).from(subjects).where(and(eq(subjects.schoolId, schoolId), inArray(subjects.id, subjectIds))),
    classIds.length === 0 ? [] : db.select({ id: classes.id, grade: classes.grade, letter: classes.letter }).from(classes).where(and(eq(classes.schoolId, schoolId), inArray(classes.id, classIds))),
    employeeIds.length === 0 ? [] : db.select({ id: employees.id, lastName: employees.lastName, firstName: employees.firstName, middleName: employees.middleName })
      .from(employees).where(and(eq(employees.schoolId, schoolId), inArray(employees.id, employeeIds))),
    formIds.length === 0 ? [] : db.select({ id: controlForms.id, name: controlForms.name, shortName: controlForms.shortName, weight: controlForms.weight })
      .from(controlForms).where(and(eq(controlForms.schoolId, schoolId), inArray(controlForms.id, formIds))),
    lessonIds.length === 0 ? [] : db.select({ id: journalLessons.id, date: journalLessons.date, lessonNumber: journalLessons.lessonNumber })
      .from(journalLessons).where(and(eq(journalLessons.schoolId, schoolId), inArray(journalLessons.id, lessonIds))),
  ]);
  return {
    subjects: new Map(subjectRows.map((r) => [r.id, r.name])),
    classes: new Map(classRows.map((r) => [r.id, { name: `${r.grade}${r.letter}` }])),
    groups: new Map(groupRows.map((r) => [r.id, { name: r.name, classId: r.classId }])),
    employees: new Map(employeeRows.map((r) => [r.id, r])),
    forms: new Map(formRows.map((r) => [r.id, { name: r.name, shortName: r.shortName, weight: Number(r.weight) }])),
    lessons: new Map(lessonRows.map((r) => [r.id, { date: r.date, lessonNumber: r.lessonNumber }])),
  };
}

export type UnitRow = { id: string; academicYear: number; classId: string | null; name: string };

export async function findClass(db: Queryable, schoolId: string, id: string): Promise<UnitRow | null> {
  const [row] = await db.select({ id: classes.id, academicYear: classes.academicYear, grade: classes.grade, letter: classes.letter }).from(classes)
    .where(and(eq(classes.schoolId, schoolId), eq(classes.id, id)));
  return row ? { id: row.id, academicYear: row.academicYear, classId: row.id, name: `${row.grade}${row.letter}` } : null;
}

export async function findGroup(db: Queryable, schoolId: string, id: string): Promise<UnitRow | null> {
  const [row] = await db.select({ id: studyGroups.id, academicYear: studyGroups.academicYear, classId: studyGroups.classId, name: studyGroups.name }).from(studyGroups)
    .where(and(eq(studyGroups.schoolId, schoolId), eq(studyGroups.id, id)));
  return row ?? null;
}

export async function findSubject(db: Queryable, schoolId: string, id: string): Promise<{ id: string; name: string; archived: boolean } | null> {
  const [row] = await db.select({ id: subjects.id, name: subjects.name, archived: subjects.archived }).from(subjects)
    .where(and(eq(subjects.schoolId, schoolId), eq(subjects.id, id)));
  return row ?? null;
}

export type FormRow = { id: string; name: string; subjectId: string | null; archived: boolean; scaleKind: string };

export async function findForm(db: Queryable, schoolId: string, id: string): Promise<FormRow | null> {
  const [row] = await db.select({ id: controlForms.id, name: controlForms.name, subjectId: controlForms.subjectId, archived: controlForms.archived, scaleKind: markScales.kind })
    .from(controlForms)
    .innerJoin(markScales, and(eq(markScales.schoolId, controlForms.schoolId), eq(markScales.id, controlForms.markScaleId)))
    .where(and(eq(controlForms.schoolId, schoolId), eq(controlForms.id, id)));
  return row ?? null;
}

export async function findEmployee(db: Queryable, schoolId: string, id: string): Promise<{ id: string } | null> {
  const [row] = await db.select({ id: employees.id }).from(employees).where(and(eq(employees.schoolId, schoolId), eq(employees.id, id)));
  return row ?? null;
}

// --- Load: who teaches what -----------------------------------------------------------------------

export type LoadUnit = { employeeId: string; subjectId: string; classId: string | null; studyGroupId: string | null };

/** Load rows of a year, of some teachers or of everyone. */
export async function loadUnits(db: Queryable, schoolId: string, academicYear: number, employeeIds?: readonly string[]): Promise<LoadUnit[]> {
  if (employeeIds && employeeIds.length === 0) return [];
  const where: SQL[] = [eq(teachingLoads.schoolId, schoolId), eq(teachingLoads.academicYear, academicYear)];
  if (employeeIds) where.push(inArray(teachingLoads.employeeId, [...employeeIds]));
  return db.selectDistinct({
    employeeId: teachingLoads.employeeId, subjectId: teachingLoads.subjectId, classId: teachingLoads.classId, studyGroupId: teachingLoads.studyGroupId,
  }).from(teachingLoads).where(and(...where));
}

// --- Work programmes: topics marked as control works ----------------------------------------------

export type PlannedControlTopicRow = {
  id: string; workProgrammeId: string; position: number; section: string | null; title: string;
  controlFormId: string; controlFormName: string; contentElementCodes: string[];
};

export async function plannedControlTopics(db: Queryable, schoolId: string, academicYear: number, subjectId: string, unit: Unit): Promise<PlannedControlTopicRow[]> {
  const rows = await db.select({
    id: plannedTopics.id, workProgrammeId: plannedTopics.workProgrammeId, position: plannedTopics.position, section: plannedTopics.section,
    title: plannedTopics.title, controlFormId: plannedTopics.controlFormId, controlFormName: controlForms.name, contentElementCodes: plannedTopics.contentElementCodes,
  }).from(plannedTopics)
    .innerJoin(workProgrammes, and(eq(workProgrammes.schoolId, plannedTopics.schoolId), eq(workProgrammes.id, plannedTopics.workProgrammeId)))
    .innerJoin(controlForms, and(eq(controlForms.schoolId, plannedTopics.schoolId), eq(controlForms.id, plannedTopics.controlFormId)))
    .where(and(
      eq(plannedTopics.schoolId, schoolId), isNotNull(plannedTopics.controlFormId),
      eq(workProgrammes.academicYear, academicYear), eq(workProgrammes.subjectId, subjectId),
      unit.classId ? eq(workProgrammes.classId, unit.classId) : eq(workProgrammes.studyGroupId, unit.studyGroupId!),
    ))
    .orderBy(asc(workProgrammes.createdAt), asc(plannedTopics.position));
  return rows.map((r) => ({ ...r, controlFormId: r.controlFormId! }));
}

export async function findPlannedTopic(db: Queryable, schoolId: string, id: string): Promise<{
  id: string; workProgrammeId: string; academicYear: number; subjectId: string; classId: string | null; studyGroupId: string | null; controlFormId: string | null;
} | null> {
  const [row] = await db.select({
    id: plannedTopics.id, workProgrammeId: plannedTopics.workProgrammeId, academicYear: workProgrammes.academicYear, subjectId: workProgrammes.subjectId,
    classId: workProgrammes.classId, studyGroupId: workProgrammes.studyGroupId, controlFormId: plannedTopics.controlFormId,
  }).from(plannedTopics)
    .innerJoin(workProgrammes, and(eq(workProgrammes.schoolId, plannedTopics.schoolId), eq(workProgrammes.id, plannedTopics.workProgrammeId)))
    .where(and(eq(plannedTopics.schoolId, schoolId), eq(plannedTopics.id, id)));
  return row ?? null;
}

/** Works scheduled on planned topics, by topic. */
export async function worksOfTopics(db: Queryable, schoolId: string, topicIds: readonly string[]): Promise<Map<string, string>> {
  if (topicIds.length === 0) return new Map();
  const rows = await db.select({ id: controlWorks.id, topicId: controlWorks.plannedTopicId }).from(controlWorks)
    .where(and(eq(controlWorks.schoolId, schoolId), inArray(controlWorks.plannedTopicId, [...topicIds])));
  return new Map(rows.map((r) => [r.topicId!, r.id]));
}

// --- A class's days -------------------------------------------------------------------------------

/** The class of every work of these classes' days: the work's class, or its group's class. Works of streams have none. */
export async function worksOfClassesOn(db: Queryable, schoolId: string, academicYear: number, classIds: readonly string[], dates: readonly string[]): Promise<{ id: string; classId: string; date: string }[]> {
  if (classIds.length === 0 || dates.length === 0) return [];
  const classOf = sql<string>`coalesce(${controlWorks.classId}, ${studyGroups.classId})`;
  const rows = await db.select({ id: controlWorks.id, classId: classOf, date: controlWorks.plannedDate }).from(controlWorks)
    .leftJoin(studyGroups, and(eq(studyGroups.schoolId, controlWorks.schoolId), eq(studyGroups.id, controlWorks.studyGroupId)))
    .where(and(
      eq(controlWorks.schoolId, schoolId), eq(controlWorks.academicYear, academicYear), inArray(controlWorks.plannedDate, [...dates]),
      or(inArray(controlWorks.classId, [...classIds]), inArray(studyGroups.classId, [...classIds])),
    ));
  return rows;
}

// --- Students -------------------------------------------------------------------------------------

export type StudentName = { id: string; lastName: string; firstName: string; middleName: string | null };

/** The students in a class or a group on a date, by name. */
export async function studentsOn(db: Queryable, schoolId: string, unit: Unit, date: string): Promise<StudentName[]> {
  const person = { id: students.id, lastName: students.lastName, firstName: students.firstName, middleName: students.middleName };
  const order = [asc(students.lastName), asc(students.firstName), asc(students.id)];
  if (unit.classId) {
    return db.selectDistinct(person).from(enrollments)
      .innerJoin(students, and(eq(students.schoolId, enrollments.schoolId), eq(students.id, enrollments.studentId)))
      .where(and(eq(enrollments.schoolId, schoolId), eq(enrollments.classId, unit.classId),
        lte(enrollments.startsOn, date), or(isNull(enrollments.endsOn), gte(enrollments.endsOn, date))))
      .orderBy(...order);
  }
  return db.selectDistinct(person).from(studyGroupMembers)
    .innerJoin(students, and(eq(students.schoolId, studyGroupMembers.schoolId), eq(students.id, studyGroupMembers.studentId)))
    .where(and(eq(studyGroupMembers.schoolId, schoolId), eq(studyGroupMembers.studyGroupId, unit.studyGroupId!),
      lte(studyGroupMembers.startsOn, date), or(isNull(studyGroupMembers.endsOn), gte(studyGroupMembers.endsOn, date))))
    .orderBy(...order);
}

export async function studentNames(db: Queryable, schoolId: string, ids: readonly string[]): Promise<StudentName[]> {
  if (ids.length === 0) return [];
  return db.select({ id: students.id, lastName: students.lastName, firstName: students.firstName, middleName: students.middleName }).from(students)
    .where(and(eq(students.schoolId, schoolId), inArray(students.id, [...ids])));
}

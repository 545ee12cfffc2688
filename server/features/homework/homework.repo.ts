// SQL of homework, submissions, lesson materials and stored files. Every query names the school,
// so another school's id is simply not found.
import { and, asc, count, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import {
  accounts, classes, controlForms, enrollments, files, homework, journalLessons, lessonMaterials, marks, students, studyGroupMembers,
  studyGroups, subjects, submissions, teachingLoads,
} from '../../db/schema';

export type FileRow = typeof files.$inferSelect;
export type MaterialRow = typeof lessonMaterials.$inferSelect;
export type HomeworkRow = typeof homework.$inferSelect;
export type SubmissionRow = typeof submissions.$inferSelect;
export type LessonRow = typeof journalLessons.$inferSelect;
export type OwnerType = 'lessonMaterial' | 'homework' | 'submission';
type Named = { id: string; name: string };

// --- Files ----------------------------------------------------------------------------------------

export async function insertFile(db: Queryable, row: typeof files.$inferInsert): Promise<FileRow> {
  const [inserted] = await db.insert(files).values(row).returning();
  return inserted!;
}

export async function findFile(db: Queryable, schoolId: string, id: string): Promise<FileRow | null> {
  const [row] = await db.select().from(files).where(and(eq(files.schoolId, schoolId), eq(files.id, id))).limit(1);
  return row ?? null;
}

export async function filesByIds(db: Queryable, schoolId: string, ids: readonly string[]): Promise<FileRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(files).where(and(eq(files.schoolId, schoolId), inArray(files.id, [...ids])));
}

export async function filesOfOwners(db: Queryable, schoolId: string, ownerType: OwnerType, ownerIds: readonly string[]): Promise<FileRow[]> {
  if (ownerIds.length === 0) return [];
  return db.select().from(files)
    .where(and(eq(files.schoolId, schoolId), eq(files.ownerType, ownerType), inArray(files.ownerId, [...ownerIds])))
    .orderBy(asc(files.createdAt), asc(files.id));
}

export async function attachFiles(db: Queryable, schoolId: string, ids: readonly string[], ownerType: OwnerType, ownerId: string): Promise<void> {
  if (ids.length === 0) return;
  await db.update(files).set({ ownerType, ownerId }).where(and(eq(files.schoolId, schoolId), inArray(files.id, [...ids])));
}

/** Deletes file rows and answers the storage keys no other row of the school uses any more. */
export async function deleteFiles(db: Queryable, schoolId: string, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const gone = await db.delete(files).where(and(eq(files.schoolId, schoolId), inArray(files.id, [...ids]))).returning({ storageKey: files.storageKey });
  const keys = [...new Set(gone.map((g) => g.storageKey))];
  if (keys.length === 0) return [];
  const used = await db.selectDistinct({ storageKey: files.storageKey }).from(files)
    .where(and(eq(files.schoolId, schoolId), inArray(files.storageKey, keys)));
  const stillUsed = new Set(used.map((u) => u.storageKey));
  return keys.filter((k) => !stillUsed.has(k));
}

/** Files of owners about to be deleted by a cascade (a lesson's homework, a homework's works). */
export async function fileIdsOfOwners(db: Queryable, schoolId: string, ownerType: OwnerType, ownerIds: readonly string[]): Promise<string[]> {
  return (await filesOfOwners(db, schoolId, ownerType, ownerIds)).map((f) => f.id);
}

// --- Journal lessons and their names ------------------------------------------------------------------

export async function lessonsByIds(db: Queryable, schoolId: string, ids: readonly string[]): Promise<LessonRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(journalLessons).where(and(eq(journalLessons.schoolId, schoolId), inArray(journalLessons.id, [...ids])));
}

export type LessonNames = { subjects: Map<string, string>; classes: Map<string, string>; groups: Map<string, string> };

export async function namesOfLessons(db: Queryable, schoolId: string, lessons: readonly LessonRow[]): Promise<LessonNames> {
  const subjectIds = [...new Set(lessons.map((l) => l.subjectId))];
  const classIds = [...new Set(lessons.flatMap((l) => (l.classId ? [l.classId] : [])))];
  const groupIds = [...new Set(lessons.flatMap((l) => (l.studyGroupId ? [l.studyGroupId] : [])))];
  const [s, c, g] = await Promise.all([
    subjectIds.length === 0 ? [] : db.select({ id: subjects.id, name: subjects.name }).from(subjects).where(and(eq(subjects.schoolId, schoolId), inArray(subjects.id, subjectIds))),
    classIds.length === 0 ? [] : db.select({ id: classes.id, name: sql<string>`${classes.grade}::text || ${classes.letter}` }).from(classes).where(and(eq(classes.schoolId, schoolId), inArray(classes.id, classIds))),
    groupIds.length === 0 ? [] : db.select({ id: studyGroups.id, name: studyGroups.name }).from(studyGroups).where(and(eq(studyGroups.schoolId, schoolId), inArray(studyGroups.id, groupIds))),
  ]);
  const map = (rows: Named[]) => new Map(rows.map((r) => [r.id, r.name]));
  return { subjects: map(s), classes: map(c), groups: map(g) };
}

/** Whether one of the employees has a load row of the lesson's subject for its class or group in its year. */
export async function teachesUnit(db: Queryable, schoolId: string, employeeIds: readonly string[], lesson: Pick<LessonRow, 'subjectId' | 'classId' | 'studyGroupId' | 'academicYear'>): Promise<boolean> {
  if (employeeIds.length === 0) return false;
  const unit = lesson.classId ? eq(teachingLoads.classId, lesson.classId) : eq(teachingLoads.studyGroupId, lesson.studyGroupId!);
  const [row] = await db.select({ n: count() }).from(teachingLoads).where(and(
    eq(teachingLoads.schoolId, schoolId), inArray(teachingLoads.employeeId, [...employeeIds]), eq(teachingLoads.subjectId, lesson.subjectId),
    eq(teachingLoads.academicYear, lesson.academicYear), unit,
  ));
  return (row?.n ?? 0) > 0;
}

export async function studentNames(db: Queryable, schoolId: string, ids: readonly string[]): Promise<Map<string, { lastName: string; firstName: string; middleName: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: students.id, lastName: students.lastName, firstName: students.firstName, middleName: students.middleName }).from(students)
    .where(and(eq(students.schoolId, schoolId), inArray(students.id, [...ids])));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function accountNames(db: Queryable, ids: readonly string[]): Promise<Map<string, { lastName: string; firstName: string; middleName: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: accounts.id, lastName: accounts.lastName, firstName: accounts.firstName, middleName: accounts.middleName }).from(accounts)
    .where(inArray(accounts.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r]));
}

// --- Materials ------------------------------------------------------------------------------------------

export async function materialsOfLesson(db: Queryable, schoolId: string, journalLessonId: string): Promise<MaterialRow[]> {
  return db.select().from(lessonMaterials)
    .where(and(eq(lessonMaterials.schoolId, schoolId), eq(lessonMaterials.journalLessonId, journalLessonId)))
    .orderBy(asc(lessonMaterials.position), asc(lessonMaterials.createdAt));
}

export async function insertMaterial(db: Queryable, row: Omit<typeof lessonMaterials.$inferInsert, 'position'>): Promise<MaterialRow> {
  const [inserted] = await db.insert(lessonMaterials).values({
    ...row,
    position: sql`(select coalesce(max(${lessonMaterials.position}), 0) + 1 from ${lessonMaterials} where ${lessonMaterials.schoolId} = ${row.schoolId} and ${lessonMaterials.journalLessonId} = ${row.journalLessonId})`,
  }).returning();
  return inserted!;
}

export async function findMaterial(db: Queryable, schoolId: string, journalLessonId: string, id: string): Promise<MaterialRow | null> {
  const [row] = await db.select().from(lessonMaterials)
    .where(and(eq(lessonMaterials.schoolId, schoolId), eq(lessonMaterials.journalLessonId, journalLessonId), eq(lessonMaterials.id, id))).limit(1);
  return row ?? null;
}

export async function findMaterialById(db: Queryable, schoolId: string, id: string): Promise<MaterialRow | null> {
  const [row] = await db.select().from(lessonMaterials).where(and(eq(lessonMaterials.schoolId, schoolId), eq(lessonMaterials.id, id))).limit(1);
  return row ?? null;
}

export async function deleteMaterial(db: Queryable, schoolId: string, id: string): Promise<void> {
  await db.delete(lessonMaterials).where(and(eq(lessonMaterials.schoolId, schoolId), eq(lessonMaterials.id, id)));
}

// --- Homework -------------------------------------------------------------------------------------------

export async function homeworkOfLesson(db: Queryable, schoolId: string, journalLessonId: string): Promise<HomeworkRow[]> {
  return db.select().from(homework)
    .where(and(eq(homework.schoolId, schoolId), eq(homework.journalLessonId, journalLessonId)))
    .orderBy(asc(homework.createdAt), asc(homework.id));
}

export async function findHomework(db: Queryable, schoolId: string, id: string, forUpdate = false): Promise<HomeworkRow | null> {
  const q = db.select().from(homework).where(and(eq(homework.schoolId, schoolId), eq(homework.id, id))).limit(1);
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function insertHomework(db: Queryable, row: typeof homework.$inferInsert): Promise<HomeworkRow> {
  const [inserted] = await db.insert(homework).values(row).returning();
  return inserted!;
}

export async function updateHomework(db: Queryable, schoolId: string, id: string, set: Partial<typeof homework.$inferInsert>, now: Date): Promise<HomeworkRow> {
  const [row] = await db.update(homework).set({ ...set, version: sql`${homework.version} + 1`, updatedAt: now })
    .where(and(eq(homework.schoolId, schoolId), eq(homework.id, id))).returning();
  return row!;
}

export async function deleteHomework(db: Queryable, schoolId: string, id: string): Promise<void> {
  await db.delete(homework).where(and(eq(homework.schoolId, schoolId), eq(homework.id, id)));
}

/** Homework given at lessons of a subject for a class or group between two dates (by the lesson's date). */
export async function homeworkOfUnit(db: Queryable, schoolId: string, q: { subjectId: string; classId?: string | undefined; studyGroupId?: string | undefined; from: string; to: string }): Promise<{ homework: HomeworkRow; lesson: LessonRow }[]> {
  const unit: SQL[] = [];
  if (q.classId) unit.push(eq(journalLessons.classId, q.classId));
  if (q.studyGroupId) unit.push(eq(journalLessons.studyGroupId, q.studyGroupId));
  return db.select({ homework, lesson: journalLessons }).from(homework)
    .innerJoin(journalLessons, and(eq(journalLessons.schoolId, homework.schoolId), eq(journalLessons.id, homework.journalLessonId)))
    .where(and(eq(homework.schoolId, schoolId), eq(journalLessons.subjectId, q.subjectId), gte(journalLessons.date, q.from), lte(journalLessons.date, q.to), ...unit))
    .orderBy(asc(journalLessons.date), asc(journalLessons.lessonNumber), asc(homework.createdAt));
}

/** Homework due between two dates at lessons the student was in (their class or group on the lesson's date). */
export async function homeworkOfStudent(db: Queryable, schoolId: string, studentId: string, from: string, to: string): Promise<{ homework: HomeworkRow; lesson: LessonRow }[]> {
  const inClass = sql`exists (select 1 from ${enrollments} e where e.school_id = ${journalLessons.schoolId} and e.student_id = ${studentId}
    and e.class_id = ${journalLessons.classId} and e.starts_on <= ${journalLessons.date} and (e.ends_on is null or e.ends_on >= ${journalLessons.date}))`;
  const inGroup = sql`exists (select 1 from ${studyGroupMembers} m where m.school_id = ${journalLessons.schoolId} and m.student_id = ${studentId}
    and m.study_group_id = ${journalLessons.studyGroupId} and m.starts_on <= ${journalLessons.date} and (m.ends_on is null or m.ends_on >= ${journalLessons.date}))`;
  return db.select({ homework, lesson: journalLessons }).from(homework)
    .innerJoin(journalLessons, and(eq(journalLessons.schoolId, homework.schoolId), eq(journalLessons.id, homework.journalLessonId)))
    .where(and(eq(homework.schoolId, schoolId), gte(homework.dueDate, from), lte(homework.dueDate, to), or(inClass, inGroup)))
    .orderBy(asc(homework.dueDate), asc(journalLessons.date), asc(journalLessons.lessonNumber));
}

// --- Submissions -----------------------------------------------------------------------------------------

export async function submissionsOfHomework(db: Queryable, schoolId: string, homeworkIds: readonly string[], studentId?: string): Promise<SubmissionRow[]> {
  if (homeworkIds.length === 0) return [];
  return db.select().from(submissions).where(and(
    eq(submissions.schoolId, schoolId), inArray(submissions.homeworkId, [...homeworkIds]), ...(studentId ? [eq(submissions.studentId, studentId)] : []),
  ));
}

/** Per homework: how many works are in, and how many are checked. */
export async function submissionCounts(db: Queryable, schoolId: string, homeworkIds: readonly string[]): Promise<Map<string, { submitted: number; checked: number }>> {
  if (homeworkIds.length === 0) return new Map();
  const rows = await db.select({
    homeworkId: submissions.homeworkId,
    submitted: count(),
    checked: sql<number>`count(*) filter (where ${submissions.status} = 'checked')`.mapWith(Number),
  }).from(submissions).where(and(eq(submissions.schoolId, schoolId), inArray(submissions.homeworkId, [...homeworkIds]))).groupBy(submissions.homeworkId);
  return new Map(rows.map((r) => [r.homeworkId, { submitted: r.submitted, checked: r.checked }]));
}

export async function findSubmission(db: Queryable, schoolId: string, id: string, forUpdate = false): Promise<SubmissionRow | null> {
  const q = db.select().from(submissions).where(and(eq(submissions.schoolId, schoolId), eq(submissions.id, id))).limit(1);
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function findSubmissionOf(db: Queryable, schoolId: string, homeworkId: string, studentId: string, forUpdate = false): Promise<SubmissionRow | null> {
  const q = db.select().from(submissions)
    .where(and(eq(submissions.schoolId, schoolId), eq(submissions.homeworkId, homeworkId), eq(submissions.studentId, studentId))).limit(1);
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

/** A new work, or nothing when one appeared meanwhile (the unique homework × student key). */
export async function insertSubmission(db: Queryable, row: typeof submissions.$inferInsert): Promise<SubmissionRow | null> {
  const [inserted] = await db.insert(submissions).values(row).onConflictDoNothing().returning();
  return inserted ?? null;
}

export async function updateSubmission(db: Queryable, schoolId: string, id: string, set: Partial<typeof submissions.$inferInsert>): Promise<SubmissionRow> {
  const [row] = await db.update(submissions).set({ ...set, version: sql`${submissions.version} + 1` })
    .where(and(eq(submissions.schoolId, schoolId), eq(submissions.id, id))).returning();
  return row!;
}

export type MarkSummary = { id: string; value: string | null; controlForm: string };

export async function marksByIds(db: Queryable, schoolId: string, ids: readonly string[]): Promise<Map<string, MarkSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: marks.id, value: marks.value, controlForm: controlForms.name }).from(marks)
    .innerJoin(controlForms, and(eq(controlForms.schoolId, marks.schoolId), eq(controlForms.id, marks.controlFormId)))
    .where(and(eq(marks.schoolId, schoolId), inArray(marks.id, [...ids])));
  return new Map(rows.map((r) => [r.id, r]));
}

/** The next journal lesson of a subject for a class or group after a date, if one has a row already. */
export async function nextJournalLessonDate(db: Queryable, schoolId: string, lesson: Pick<LessonRow, 'subjectId' | 'classId' | 'studyGroupId' | 'date'>): Promise<string | null> {
  const unit = lesson.classId ? eq(journalLessons.classId, lesson.classId) : eq(journalLessons.studyGroupId, lesson.studyGroupId!);
  const [row] = await db.select({ date: journalLessons.date }).from(journalLessons)
    .where(and(eq(journalLessons.schoolId, schoolId), eq(journalLessons.subjectId, lesson.subjectId), unit, sql`${journalLessons.date} > ${lesson.date}`))
    .orderBy(asc(journalLessons.date)).limit(1);
  return row?.date ?? null;
}

/** Unattached files an account uploaded (to be attached by the same account). */
export const isUnattached = (f: FileRow): boolean => f.ownerType === null && f.ownerId === null;


// The class journal (SPEC B13, C1, C2, C6, D1–D3, D5, D6): work programmes with their lesson
// plans (КТП) and content elements (КЭС), the dated journal lessons with topics, materials and
// homework, marks, attendance, submissions, control works with per-task results, the append-only
// audit of every change, and the idempotency keys of retried writes. Decision 020.
import { sql } from 'drizzle-orm';
import {
  boolean, check, date, foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, smallint, text, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, instant } from './columns';
import { accounts } from './identity';
import { classes, employees, students, studyGroups, subjects, teachingLoads } from './org';
import { schools } from './tenancy';
import { timetableLessons } from './timetable';
import { controlForms } from './year';

const updatedAt = () => instant('updated_at').notNull().defaultNow();
/** Optimistic concurrency: bumped on every change; an edit sends it as If-Match. */
const version = () => integer('version').notNull().default(1);

// --- КЭС: the codifiers a school loads -----------------------------------------------------------

/** A codifier of content elements (КЭС) a school loaded from CSV/XLSX, e.g. «ОГЭ Математика 2025». */
export const contentCodifiers = pgTable('content_codifiers', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  name: text('name').notNull(),
  /** The subject it is for; null: any. */
  subjectId: uuid('subject_id'),
  /** ОГЭ | ЕГЭ | ВПР | school — where the codes come from. */
  source: text('source'),
  editionYear: integer('edition_year'),
  createdBy: uuid('created_by').references(() => accounts.id),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
  foreignKey({ columns: [t.schoolId, t.subjectId], foreignColumns: [subjects.schoolId, subjects.id] }),
  uniqueIndex('content_codifiers_name_key').on(t.schoolId, t.name),
]);

/** One element of a codifier: a hierarchical code «1», «1.2», «1.2.3» with its title. */
export const contentElements = pgTable('content_elements', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  codifierId: uuid('codifier_id').notNull(),
  code: text('code').notNull(),
  /** «1.2» for «1.2.3»; null at the top. */
  parentCode: text('parent_code'),
  title: text('title').notNull(),
  /** A section heading rather than an element to tag with. */
  isSection: boolean('is_section').notNull().default(false),
  position: integer('position').notNull(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId, t.codifierId], foreignColumns: [contentCodifiers.schoolId, contentCodifiers.id] }).onDelete('cascade'),
  uniqueIndex('content_elements_code_key').on(t.schoolId, t.codifierId, t.code),
  check('content_elements_code_check', sql`${t.code} ~ '^[0-9]+(\\.[0-9]+){0,3}$'`),
]);

// --- Work programmes and their lesson plans (B13, D6) ---------------------------------------------

/**
 * A teacher's work programme of a subject for a class or a study group in a year: the ordered
 * planned topics (КТП) fill the journal's lessons in order, and the control works are scheduled on them.
 */
export const workProgrammes = pgTable('work_programmes', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  academicYear: integer('academic_year').notNull(),
  employeeId: uuid('employee_id').notNull(),
  subjectId: uuid('subject_id').notNull(),
  classId: uuid('class_id'),
  studyGroupId: uuid('study_group_id'),
  /** The load row it serves, when there is one. */
  teachingLoadId: uuid('teaching_load_id'),
  /** The codifier its topics' КЭС codes come from. */
  codifierId: uuid('codifier_id'),
  title: text('title').notNull(),
  /** Where it was copied from (last year's, a colleague's), if anywhere. */
  copiedFromId: uuid('copied_from_id'),
  version: version(),
  createdBy: uuid('created_by').references(() => accounts.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId, t.employeeId], foreignColumns: [employees.schoolId, employees.id] }),
  foreignKey({ columns: [t.schoolId, t.subjectId], foreignColumns: [subjects.schoolId, subjects.id] }),
  foreignKey({ columns: [t.schoolId, t.classId], foreignColumns: [classes.schoolId, classes.id] }),
  foreignKey({ columns: [t.schoolId, t.studyGroupId], foreignColumns: [studyGroups.schoolId, studyGroups.id] }),
  // The migration says ON DELETE SET NULL ("teaching_load_id"), as timetable_lessons does.
  foreignKey({ columns: [t.schoolId, t.teachingLoadId], foreignColumns: [teachingLoads.schoolId, teachingLoads.id] }).onDelete('set null'),
  foreignKey({ columns: [t.schoolId, t.codifierId], foreignColumns: [contentCodifiers.schoolId, contentCodifiers.id] }),
  uniqueIndex('work_programmes_class_key').on(t.schoolId, t.academicYear, t.employeeId, t.subjectId, t.classId).where(sql`${t.classId} is not null`),
  uniqueIndex('work_programmes_group_key').on(t.schoolId, t.academicYear, t.employeeId, t.subjectId, t.studyGroupId).where(sql`${t.studyGroupId} is not null`),
  index('work_programmes_year_idx').on(t.schoolId, t.academicYear, t.subjectId),
  check('work_programmes_target_check', sql`(${t.classId} is null) <> (${t.studyGroupId} is null)`),
]);

/** One row of a lesson plan (КТП): a topic taking so many lessons, tagged with КЭС codes. */
export const plannedTopics = pgTable('planned_topics', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  workProgrammeId: uuid('work_programme_id').notNull(),
  /** Order in the plan, from 1; renumbered on every re-order (not unique while one is under way). */
  position: integer('position').notNull(),
  /** The section (раздел) the topic belongs to, as the programme names it. */
  section: text('section'),
  title: text('title').notNull(),
  hours: smallint('hours').notNull().default(1),
  contentElementCodes: text('content_element_codes').array().notNull().default(sql`'{}'::text[]`),
  /** A control work is planned at this topic, in this form of control. */
  controlFormId: uuid('control_form_id'),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId, t.workProgrammeId], foreignColumns: [workProgrammes.schoolId, workProgrammes.id] }).onDelete('cascade'),
  foreignKey({ columns: [t.schoolId, t.controlFormId], foreignColumns: [controlForms.schoolId, controlForms.id] }),
  index('planned_topics_programme_idx').on(t.schoolId, t.workProgrammeId, t.position),
  check('planned_topics_hours_check', sql`${t.hours} between 1 and 50`),
]);

// --- Journal lessons (D1, D5) ----------------------------------------------------------------------

/**
 * A lesson as the journal keeps it: one dated lesson (timetable lesson × date, decision 018) that
 * got a topic, attendance, marks or homework, or a lesson given without a timetable (the demo's
 * generated history, a lesson added by hand). Class, group, subject and teacher are copied from
 * the dated lesson when the row is made, so the journal reads without the timetable.
 */
export const journalLessons = pgTable('journal_lessons', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  academicYear: integer('academic_year').notNull(),
  /** The date the lesson is held (a moved lesson: its new date). */
  date: date('date', { mode: 'string' }).notNull(),
  lessonNumber: smallint('lesson_number').notNull(),
  /** The timetable lesson and the date it was planned on: the dated lesson's identity. */
  timetableLessonId: uuid('timetable_lesson_id'),
  plannedDate: date('planned_date', { mode: 'string' }),
  subjectId: uuid('subject_id').notNull(),
  classId: uuid('class_id'),
  studyGroupId: uuid('study_group_id'),
  /** The teacher whose lesson it is; a substitute keeps the journal of it too. */
  employeeId: uuid('employee_id').notNull(),
  substituteEmployeeId: uuid('substitute_employee_id'),
  /** regular | extracurricular | additional */
  kind: text('kind').notNull().default('regular'),
  /** inPerson | distance */
  format: text('format').notNull().default('inPerson'),
  distanceUrl: text('distance_url'),
  /** The planned topic it delivers, and the topic as the journal shows it (typed or the plan's). */
  plannedTopicId: uuid('planned_topic_id'),
  topic: text('topic'),
  /** When the teacher confirmed the attendance of the lesson (absences are rows; presence is none). */
  attendanceTakenAt: instant('attendance_taken_at'),
  version: version(),
  createdBy: uuid('created_by').references(() => accounts.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
  // A timetable lesson deleted later leaves its journal lesson (and its marks) in place.
  foreignKey({ columns: [t.schoolId, t.timetableLessonId], foreignColumns: [timetableLessons.schoolId, timetableLessons.id] }).onDelete('set null'),
  foreignKey({ columns: [t.schoolId, t.subjectId], foreignColumns: [subjects.schoolId, subjects.id] }),
  foreignKey({ columns: [t.schoolId, t.classId], foreignColumns: [classes.schoolId, classes.id] }),
  foreignKey({ columns: [t.schoolId, t.studyGroupId], foreignColumns: [studyGroups.schoolId, studyGroups.id] }),
  foreignKey({ columns: [t.schoolId, t.employeeId], foreignColumns: [employees.schoolId, employees.id] }),
  foreignKey({ columns: [t.schoolId, t.substituteEmployeeId], foreignColumns: [employees.schoolId, employees.id] }),
  foreignKey({ columns: [t.schoolId, t.plannedTopicId], foreignColumns: [plannedTopics.schoolId, plannedTopics.id] }).onDelete('set null'),
  uniqueIndex('journal_lessons_dated_key').on(t.schoolId, t.timetableLessonId, t.plannedDate).where(sql`${t.timetableLessonId} is not null`),
  index('journal_lessons_class_idx').on(t.schoolId, t.classId, t.subjectId, t.date),
  index('journal_lessons_group_idx').on(t.schoolId, t.studyGroupId, t.subjectId, t.date),
  index('journal_lessons_employee_idx').on(t.schoolId, t.employeeId, t.date),
  index('journal_lessons_date_idx').on(t.schoolId, t.date),
  check('journal_lessons_target_check', sql`(${t.classId} is null) <> (${t.studyGroupId} is null)`),
  check('journal_lessons_dated_check', sql`(${t.timetableLessonId} is null) or (${t.plannedDate} is not null)`),
  check('journal_lessons_number_check', sql`${t.lessonNumber} between 1 and 20`),
  check('journal_lessons_kind_check', sql`${t.kind} in ('regular', 'extracurricular', 'additional')`),
  check('journal_lessons_format_check', sql`${t.format} in ('inPerson', 'distance')`),
]);

/**
 * A stored file (lesson material, homework attachment, a student's submitted work). The bytes live
 * in the file store (server/lib/storage.ts) under `storage_key`; the row says whose it is.
 */
export const files = pgTable('files', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  /** lessonMaterial | homework | submission — what it is attached to (null until attached). */
  ownerType: text('owner_type'),
  ownerId: uuid('owner_id'),
  name: text('name').notNull(),
  mimeType: text('mime_type').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  sha256: text('sha256').notNull(),
  storageKey: text('storage_key').notNull(),
  createdBy: uuid('created_by').references(() => accounts.id),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
  index('files_owner_idx').on(t.schoolId, t.ownerType, t.ownerId),
  check('files_size_check', sql`${t.sizeBytes} >= 0`),
  check('files_owner_check', sql`${t.ownerType} is null or ${t.ownerType} in ('lessonMaterial', 'homework', 'submission')`),
]);

/** Digital content of a lesson: a link or a file. */
export const lessonMaterials = pgTable('lesson_materials', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  journalLessonId: uuid('journal_lesson_id').notNull(),
  /** link | file */
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  url: text('url'),
  fileId: uuid('file_id'),
  position: integer('position').notNull().default(1),
  createdBy: uuid('created_by').references(() => accounts.id),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId, t.journalLessonId], foreignColumns: [journalLessons.schoolId, journalLessons.id] }).onDelete('cascade'),
  foreignKey({ columns: [t.schoolId, t.fileId], foreignColumns: [files.schoolId, files.id] }),
  index('lesson_materials_lesson_idx').on(t.schoolId, t.journalLessonId),
  check('lesson_materials_kind_check', sql`(${t.kind} = 'link' and ${t.url} is not null) or (${t.kind} = 'file' and ${t.fileId} is not null)`),
]);

/** Homework given at a lesson, due on a date; when it asks for it, students submit their work. */
export const homework = pgTable('homework', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  journalLessonId: uuid('journal_lesson_id').notNull(),
  text: text('text').notNull(),
  dueDate: date('due_date', { mode: 'string' }).notNull(),
  requiresSubmission: boolean('requires_submission').notNull().default(false),
  version: version(),
  createdBy: uuid('created_by').references(() => accounts.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId, t.journalLessonId], foreignColumns: [journalLessons.schoolId, journalLessons.id] }).onDelete('cascade'),
  index('homework_lesson_idx').on(t.schoolId, t.journalLessonId),
  index('homework_due_idx').on(t.schoolId, t.dueDate),
]);

// --- Marks and attendance (C1, D2) -----------------------------------------------------------------

/**
 * A mark of a student at a lesson in a form of control. `value` is on the form's scale («5», «87»,
 * «pass», «fail»); `five_point` is it on the five-point scale (null for pass/fail); the weight is
 * the form's weight when the mark was given. A debt mark («точка») has no value yet and a deadline.
 * Subject and date are copied from the lesson for the averages and the diary.
 */
export const marks = pgTable('marks', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  journalLessonId: uuid('journal_lesson_id').notNull(),
  studentId: uuid('student_id').notNull(),
  subjectId: uuid('subject_id').notNull(),
  date: date('date', { mode: 'string' }).notNull(),
  controlFormId: uuid('control_form_id').notNull(),
  value: text('value'),
  fivePoint: numeric('five_point', { precision: 3, scale: 1 }),
  weight: numeric('weight', { precision: 4, scale: 2 }).notNull(),
  comment: text('comment'),
  contentElementCodes: text('content_element_codes').array().notNull().default(sql`'{}'::text[]`),
  /** A debt («точка»): the work is owed until the deadline; then it turns into a mark or a «2». */
  isDebt: boolean('is_debt').notNull().default(false),
  debtDeadline: date('debt_deadline', { mode: 'string' }),
  /** The control work or the submission it was given for, if any. */
  controlWorkId: uuid('control_work_id'),
  submissionId: uuid('submission_id'),
  version: version(),
  createdBy: uuid('created_by').references(() => accounts.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId, t.journalLessonId], foreignColumns: [journalLessons.schoolId, journalLessons.id] }),
  foreignKey({ columns: [t.schoolId, t.studentId], foreignColumns: [students.schoolId, students.id] }),
  foreignKey({ columns: [t.schoolId, t.subjectId], foreignColumns: [subjects.schoolId, subjects.id] }),
  foreignKey({ columns: [t.schoolId, t.controlFormId], foreignColumns: [controlForms.schoolId, controlForms.id] }),
  index('marks_lesson_idx').on(t.schoolId, t.journalLessonId),
  index('marks_student_idx').on(t.schoolId, t.studentId, t.subjectId, t.date),
  index('marks_debt_idx').on(t.schoolId, t.debtDeadline).where(sql`${t.isDebt}`),
  check('marks_debt_check', sql`(${t.isDebt} and ${t.value} is null and ${t.debtDeadline} is not null) or (not ${t.isDebt} and ${t.value} is not null)`),
  check('marks_weight_check', sql`${t.weight} > 0`),
]);

/** A school's attendance codes mapped onto the canonical categories (domain/attendance.ts); none: the defaults. */
export const attendanceCodes = pgTable('attendance_codes', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  code: text('code').notNull(),
  title: text('title').notNull(),
  category: text('category').notNull(),
  reason: text('reason'),
  minutes: smallint('minutes'),
  position: integer('position').notNull(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
  uniqueIndex('attendance_codes_code_key').on(t.schoolId, t.code),
  check('attendance_codes_category_check', sql`${t.category} in ('absentUnexcused', 'absentExcused', 'late')`),
]);

/**
 * A student's attendance at a lesson other than presence: absent (unexcused or excused with a
 * reason and a document) or late (minutes). Presence is the absence of a row once the lesson's
 * attendance is taken. The date is copied from the lesson for the absence board.
 */
export const attendanceEntries = pgTable('attendance_entries', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  journalLessonId: uuid('journal_lesson_id').notNull(),
  studentId: uuid('student_id').notNull(),
  date: date('date', { mode: 'string' }).notNull(),
  /** absentUnexcused | absentExcused | late */
  category: text('category').notNull(),
  /** The school's code the teacher typed («Н», «Б»). */
  code: text('code').notNull(),
  /** illness | family | other — excused absences. */
  reason: text('reason'),
  minutesLate: smallint('minutes_late'),
  /** The document that excuses it (a certificate's number), as text. */
  document: text('document'),
  version: version(),
  createdBy: uuid('created_by').references(() => accounts.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId, t.journalLessonId], foreignColumns: [journalLessons.schoolId, journalLessons.id] }),
  foreignKey({ columns: [t.schoolId, t.studentId], foreignColumns: [students.schoolId, students.id] }),
  uniqueIndex('attendance_entries_key').on(t.schoolId, t.journalLessonId, t.studentId),
  index('attendance_entries_date_idx').on(t.schoolId, t.date, t.category),
  index('attendance_entries_student_idx').on(t.schoolId, t.studentId, t.date),
  check('attendance_entries_category_check', sql`${t.category} in ('absentUnexcused', 'absentExcused', 'late')`),
  check('attendance_entries_reason_check', sql`${t.category} <> 'absentExcused' or ${t.reason} in ('illness', 'family', 'other')`),
]);

/** A student's work on homework: text and files; the teacher checks it, comments and may mark it. */
export const submissions = pgTable('submissions', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  homeworkId: uuid('homework_id').notNull(),
  studentId: uuid('student_id').notNull(),
  text: text('text'),
  /** submitted | returned (to redo) | checked */
  status: text('status').notNull().default('submitted'),
  submittedAt: instant('submitted_at').notNull().defaultNow(),
  teacherComment: text('teacher_comment'),
  checkedBy: uuid('checked_by').references(() => accounts.id),
  checkedAt: instant('checked_at'),
  markId: uuid('mark_id'),
  version: version(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId, t.homeworkId], foreignColumns: [homework.schoolId, homework.id] }).onDelete('cascade'),
  foreignKey({ columns: [t.schoolId, t.studentId], foreignColumns: [students.schoolId, students.id] }),
  uniqueIndex('submissions_key').on(t.schoolId, t.homeworkId, t.studentId),
  check('submissions_status_check', sql`${t.status} in ('submitted', 'returned', 'checked')`),
]);

// --- Control works with per-task results (goal of section 2, G4) ----------------------------------

/**
 * A control work of a class or group in a subject: scheduled on a date (and, once held, on a
 * journal lesson), with tasks worth points tagged with КЭС codes, and a points → mark scale
 * ([{ from: 18, mark: 5 }, …]). `analysis` is the stored element-wise analysis for reports.
 */
export const controlWorks = pgTable('control_works', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  academicYear: integer('academic_year').notNull(),
  subjectId: uuid('subject_id').notNull(),
  classId: uuid('class_id'),
  studyGroupId: uuid('study_group_id'),
  employeeId: uuid('employee_id').notNull(),
  controlFormId: uuid('control_form_id').notNull(),
  workProgrammeId: uuid('work_programme_id'),
  plannedTopicId: uuid('planned_topic_id'),
  journalLessonId: uuid('journal_lesson_id'),
  title: text('title').notNull(),
  plannedDate: date('planned_date', { mode: 'string' }).notNull(),
  pointsScale: jsonb('points_scale').notNull(),
  /** { tasks: [{ taskId, mastered, share }], elements: [{ code, share }], written, computedAt } */
  analysis: jsonb('analysis'),
  version: version(),
  createdBy: uuid('created_by').references(() => accounts.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId, t.subjectId], foreignColumns: [subjects.schoolId, subjects.id] }),
  foreignKey({ columns: [t.schoolId, t.classId], foreignColumns: [classes.schoolId, classes.id] }),
  foreignKey({ columns: [t.schoolId, t.studyGroupId], foreignColumns: [studyGroups.schoolId, studyGroups.id] }),
  foreignKey({ columns: [t.schoolId, t.employeeId], foreignColumns: [employees.schoolId, employees.id] }),
  foreignKey({ columns: [t.schoolId, t.controlFormId], foreignColumns: [controlForms.schoolId, controlForms.id] }),
  foreignKey({ columns: [t.schoolId, t.workProgrammeId], foreignColumns: [workProgrammes.schoolId, workProgrammes.id] }).onDelete('set null'),
  foreignKey({ columns: [t.schoolId, t.plannedTopicId], foreignColumns: [plannedTopics.schoolId, plannedTopics.id] }).onDelete('set null'),
  foreignKey({ columns: [t.schoolId, t.journalLessonId], foreignColumns: [journalLessons.schoolId, journalLessons.id] }),
  index('control_works_target_idx').on(t.schoolId, t.academicYear, t.subjectId, t.plannedDate),
  check('control_works_target_check', sql`(${t.classId} is null) <> (${t.studyGroupId} is null)`),
]);

export const controlWorkTasks = pgTable('control_work_tasks', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  controlWorkId: uuid('control_work_id').notNull(),
  position: integer('position').notNull(),
  /** «1», «2а» — how the task is named on the sheet. */
  label: text('label').notNull(),
  maxPoints: smallint('max_points').notNull(),
  contentElementCodes: text('content_element_codes').array().notNull().default(sql`'{}'::text[]`),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId, t.controlWorkId], foreignColumns: [controlWorks.schoolId, controlWorks.id] }).onDelete('cascade'),
  index('control_work_tasks_work_idx').on(t.schoolId, t.controlWorkId, t.position),
  check('control_work_tasks_points_check', sql`${t.maxPoints} between 1 and 100`),
]);

/** A student's points for one task of a control work. */
export const controlWorkResults = pgTable('control_work_results', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  controlWorkId: uuid('control_work_id').notNull(),
  taskId: uuid('task_id').notNull(),
  studentId: uuid('student_id').notNull(),
  points: numeric('points', { precision: 5, scale: 1 }).notNull(),
  createdBy: uuid('created_by').references(() => accounts.id),
  updatedAt: updatedAt(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId, t.controlWorkId], foreignColumns: [controlWorks.schoolId, controlWorks.id] }).onDelete('cascade'),
  foreignKey({ columns: [t.schoolId, t.taskId], foreignColumns: [controlWorkTasks.schoolId, controlWorkTasks.id] }).onDelete('cascade'),
  foreignKey({ columns: [t.schoolId, t.studentId], foreignColumns: [students.schoolId, students.id] }),
  uniqueIndex('control_work_results_key').on(t.schoolId, t.controlWorkId, t.studentId, t.taskId),
  check('control_work_results_points_check', sql`${t.points} >= 0`),
]);

// --- Audit (C6) and idempotency --------------------------------------------------------------------

/**
 * Append-only: every create, change and delete of a mark, an attendance entry, a lesson's topic,
 * homework or a control work's result, with who (account and the role they acted in), when, the
 * old and the new value and why. A trigger in the migration refuses UPDATE and DELETE, so no
 * route and no role can alter it.
 */
export const journalAudit = pgTable('journal_audit', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  at: instant('at').notNull().defaultNow(),
  actorAccountId: uuid('actor_account_id'),
  actorRole: text('actor_role').notNull(),
  /** mark | attendance | topic | homework | controlWorkResult | plannedTopic */
  entityType: text('entity_type').notNull(),
  entityId: uuid('entity_id').notNull(),
  /** create | update | delete */
  action: text('action').notNull(),
  /** The cell it belongs to: the journal lesson and the student (null for a lesson's topic). */
  journalLessonId: uuid('journal_lesson_id'),
  studentId: uuid('student_id'),
  old: jsonb('old'),
  new: jsonb('new'),
  reason: text('reason'),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
  index('journal_audit_cell_idx').on(t.schoolId, t.journalLessonId, t.studentId, t.at),
  index('journal_audit_entity_idx').on(t.schoolId, t.entityType, t.entityId),
  check('journal_audit_action_check', sql`${t.action} in ('create', 'update', 'delete')`),
]);

/**
 * A write a client may retry (Idempotency-Key): the first answer is kept for a day and given again
 * to a retry with the same key and the same request; the same key with another request is refused.
 */
export const idempotencyKeys = pgTable('idempotency_keys', {
  accountId: uuid('account_id').notNull(),
  key: text('key').notNull(),
  schoolId: uuid('school_id').notNull(),
  /** «POST /api/v1/schools/…/journal/marks» — the route the key was used on. */
  route: text('route').notNull(),
  requestHash: text('request_hash').notNull(),
  statusCode: smallint('status_code').notNull(),
  response: jsonb('response').notNull(),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.accountId, t.key] }),
  index('idempotency_keys_created_idx').on(t.createdAt),
]);

// The timetable (SPEC B12, D4): versions of a school's weekly timetable valid from a date, their
// lessons (a teaching-load row placed on a weekday and lesson number, in a room), generation runs
// of the solver, and the changes of single dated lessons (substitutions, cancellations, room and
// time changes). Events for the people a change touches wait in `notification_events` until the
// notification system delivers them. Decision 018.
import { sql } from 'drizzle-orm';
import {
  boolean, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, smallint, text, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, instant } from './columns';
import { accounts } from './identity';
import { classes, employees, studyGroups, subjects, teachingLoads } from './org';
import { schools } from './tenancy';
import { rooms } from './year';

/**
 * One version of the weekly timetable of a school's year. A draft is edited freely; a published
 * version is in force from `valid_from` until the next published version's date. The version
 * in force on a date is the published one with the latest `valid_from` not after it.
 */
export const timetables = pgTable('timetables', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  academicYear: integer('academic_year').notNull(),
  name: text('name').notNull(),
  /** draft | published | archived */
  status: text('status').notNull().default('draft'),
  /** First date the version is in force (published versions only). */
  validFrom: date('valid_from', { mode: 'string' }),
  /** The version this one was copied from (a mid-year change), if any. */
  basedOnId: uuid('based_on_id'),
  /** The generation run that produced it, if any. */
  runId: uuid('run_id'),
  /** Last evaluation: { hard, softPenalty, byConstraint[] } (solver/evaluate.ts), refreshed on each edit. */
  evaluation: jsonb('evaluation'),
  /** Optimistic concurrency: bumped on every change of the version or its lessons. */
  version: integer('version').notNull().default(1),
  createdBy: uuid('created_by').references(() => accounts.id),
  createdAt: createdAt(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
  publishedAt: instant('published_at'),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
  index('timetables_year_idx').on(t.schoolId, t.academicYear),
  uniqueIndex('timetables_valid_from_key').on(t.schoolId, t.academicYear, t.validFrom).where(sql`${t.status} = 'published'`),
  check('timetables_status_check', sql`${t.status} in ('draft', 'published', 'archived')`),
  check('timetables_published_check', sql`${t.status} <> 'published' or ${t.validFrom} is not null`),
]);

/**
 * A lesson of a timetable version: one hour (or a double lesson) of a teaching-load row on a
 * weekday and lesson number. Extracurricular and additional-education sessions are lessons too
 * (kind); a distance lesson keeps its link.
 */
export const timetableLessons = pgTable('timetable_lessons', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  timetableId: uuid('timetable_id').notNull(),
  /** The load row it comes from; null for a lesson added by hand without one. */
  teachingLoadId: uuid('teaching_load_id'),
  /** Stable key of the solver's activity («<load id>#<k>»): locked lessons keep their place on regeneration. */
  activityKey: text('activity_key'),
  subjectId: uuid('subject_id').notNull(),
  employeeId: uuid('employee_id').notNull(),
  classId: uuid('class_id'),
  studyGroupId: uuid('study_group_id'),
  /** ISO weekday: 1 = Monday … 6 = Saturday. */
  weekday: smallint('weekday').notNull(),
  /** Lesson number in the day, from 1 (the bell schedule gives its time). */
  lessonNumber: smallint('lesson_number').notNull(),
  /** Periods it takes: 2 for a double lesson. */
  duration: smallint('duration').notNull().default(1),
  roomId: uuid('room_id'),
  /** regular | extracurricular | additional */
  kind: text('kind').notNull().default('regular'),
  /** inPerson | distance */
  format: text('format').notNull().default('inPerson'),
  distanceUrl: text('distance_url'),
  /** Kept in place when the rest is generated again. */
  locked: boolean('locked').notNull().default(false),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId, t.timetableId], foreignColumns: [timetables.schoolId, timetables.id] }).onDelete('cascade'),
  // The migration says ON DELETE SET NULL ("teaching_load_id") (PostgreSQL 15+), which drizzle-kit
  // cannot write: a deleted load row leaves its lessons as orphans and keeps their school_id.
  foreignKey({ columns: [t.schoolId, t.teachingLoadId], foreignColumns: [teachingLoads.schoolId, teachingLoads.id] }).onDelete('set null'),
  foreignKey({ columns: [t.schoolId, t.subjectId], foreignColumns: [subjects.schoolId, subjects.id] }),
  foreignKey({ columns: [t.schoolId, t.employeeId], foreignColumns: [employees.schoolId, employees.id] }),
  foreignKey({ columns: [t.schoolId, t.classId], foreignColumns: [classes.schoolId, classes.id] }),
  foreignKey({ columns: [t.schoolId, t.studyGroupId], foreignColumns: [studyGroups.schoolId, studyGroups.id] }),
  foreignKey({ columns: [t.schoolId, t.roomId], foreignColumns: [rooms.schoolId, rooms.id] }),
  index('timetable_lessons_timetable_idx').on(t.schoolId, t.timetableId, t.weekday, t.lessonNumber),
  index('timetable_lessons_employee_idx').on(t.schoolId, t.employeeId),
  index('timetable_lessons_class_idx').on(t.schoolId, t.classId),
  check('timetable_lessons_target_check', sql`(${t.classId} is null) <> (${t.studyGroupId} is null)`),
  check('timetable_lessons_weekday_check', sql`${t.weekday} between 1 and 7`),
  check('timetable_lessons_number_check', sql`${t.lessonNumber} between 1 and 20`),
  check('timetable_lessons_duration_check', sql`${t.duration} between 1 and 4`),
  check('timetable_lessons_kind_check', sql`${t.kind} in ('regular', 'extracurricular', 'additional')`),
  check('timetable_lessons_format_check', sql`${t.format} in ('inPerson', 'distance')`),
]);

/**
 * A generation run of the solver (a background job): its scope, seed and limit, its progress as
 * the worker reports it, and the draft version it produced.
 */
export const timetableRuns = pgTable('timetable_runs', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  academicYear: integer('academic_year').notNull(),
  /** { grades?: number[] } — the whole school when absent. */
  scope: jsonb('scope').notNull().default({}),
  /** The version whose locked lessons are kept (and whose other grades stay as they are). */
  baseTimetableId: uuid('base_timetable_id'),
  /** queued | running | solved | timeLimit | failed | cancelled */
  status: text('status').notNull().default('queued'),
  seed: integer('seed').notNull(),
  timeLimitSeconds: integer('time_limit_seconds').notNull(),
  /** { placed, total, hard, softPenalty, elapsedMs, phase } — the solver's last report. */
  progress: jsonb('progress'),
  /** Problems found before the search (solver/diagnose.ts), when they stopped it. */
  diagnosis: jsonb('diagnosis'),
  resultTimetableId: uuid('result_timetable_id'),
  /** Russian text when the run failed. */
  error: text('error'),
  requestedBy: uuid('requested_by').references(() => accounts.id),
  createdAt: createdAt(),
  startedAt: instant('started_at'),
  finishedAt: instant('finished_at'),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
  index('timetable_runs_year_idx').on(t.schoolId, t.academicYear, t.createdAt),
  check('timetable_runs_status_check', sql`${t.status} in ('queued', 'running', 'solved', 'timeLimit', 'failed', 'cancelled')`),
  check('timetable_runs_limit_check', sql`${t.timeLimitSeconds} between 1 and 3600`),
]);

/**
 * A change of one dated lesson (D4): a substitute teacher, a cancellation, another room or
 * another time, or the lesson held at a distance. A change over a range of dates is one row per
 * date sharing `batch_id`. A revoked change stays (revoked_at) for the history.
 */
export const lessonChanges = pgTable('lesson_changes', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  batchId: uuid('batch_id').notNull(),
  timetableLessonId: uuid('timetable_lesson_id').notNull(),
  /** The date of the lesson as the timetable gives it. */
  date: date('date', { mode: 'string' }).notNull(),
  /** substitution | cancellation | roomChange | move | distance */
  kind: text('kind').notNull(),
  substituteEmployeeId: uuid('substitute_employee_id'),
  roomId: uuid('room_id'),
  /** A move: the new date and lesson number. */
  newDate: date('new_date', { mode: 'string' }),
  newLessonNumber: smallint('new_lesson_number'),
  distanceUrl: text('distance_url'),
  reason: text('reason'),
  createdBy: uuid('created_by').references(() => accounts.id),
  createdAt: createdAt(),
  revokedAt: instant('revoked_at'),
  revokedBy: uuid('revoked_by').references(() => accounts.id),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId, t.timetableLessonId], foreignColumns: [timetableLessons.schoolId, timetableLessons.id] }).onDelete('cascade'),
  foreignKey({ columns: [t.schoolId, t.substituteEmployeeId], foreignColumns: [employees.schoolId, employees.id] }),
  foreignKey({ columns: [t.schoolId, t.roomId], foreignColumns: [rooms.schoolId, rooms.id] }),
  index('lesson_changes_date_idx').on(t.schoolId, t.date),
  index('lesson_changes_lesson_idx').on(t.schoolId, t.timetableLessonId, t.date),
  index('lesson_changes_substitute_idx').on(t.schoolId, t.substituteEmployeeId, t.date),
  uniqueIndex('lesson_changes_active_key').on(t.schoolId, t.timetableLessonId, t.date, t.kind).where(sql`${t.revokedAt} is null`),
  check('lesson_changes_kind_check', sql`${t.kind} in ('substitution', 'cancellation', 'roomChange', 'move', 'distance')`),
  check('lesson_changes_substitution_check', sql`${t.kind} <> 'substitution' or ${t.substituteEmployeeId} is not null`),
  check('lesson_changes_room_check', sql`${t.kind} <> 'roomChange' or ${t.roomId} is not null`),
  check('lesson_changes_move_check', sql`${t.kind} <> 'move' or (${t.newDate} is not null and ${t.newLessonNumber} is not null)`),
]);

/**
 * Something people must hear about (a substitution, a cancellation; later an absence, a mark):
 * written in the same transaction as the change; the notification system delivers it and sets
 * `delivered_at`. The audience is described, not expanded: { classIds, studyGroupIds, employeeIds }.
 */
export const notificationEvents = pgTable('notification_events', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  /** lessonSubstituted | lessonCancelled | lessonRoomChanged | lessonMoved | lessonDistance | … */
  kind: text('kind').notNull(),
  /** What it is about: { type: 'lessonChange', id } etc. */
  subjectType: text('subject_type').notNull(),
  subjectId: uuid('subject_id').notNull(),
  /** Facts for the message (date, lesson number, subject, old/new teacher or room); no personal data beyond names shown in the school. */
  payload: jsonb('payload').notNull(),
  audience: jsonb('audience').notNull(),
  createdBy: uuid('created_by').references(() => accounts.id),
  createdAt: createdAt(),
  deliveredAt: instant('delivered_at'),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
  index('notification_events_pending_idx').on(t.schoolId, t.createdAt).where(sql`${t.deliveredAt} is null`),
  index('notification_events_subject_idx').on(t.schoolId, t.subjectType, t.subjectId),
]);

/**
 * When a teacher cannot teach (a second job, a methodical day): a weekday and a lesson number of
 * a shift in a school year. The timetable problem makes each a not-available slot of the teacher.
 * The lesson number counts within its shift, as bell schedules and timetable lessons do.
 */
export const teacherUnavailability = pgTable('teacher_unavailability', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  employeeId: uuid('employee_id').notNull(),
  academicYear: integer('academic_year').notNull(),
  /** 1 or 2 (3 where a school has a third shift): which bell schedules' lesson numbers are meant. */
  shift: smallint('shift').notNull().default(1),
  /** ISO weekday: 1 = Monday … 6 = Saturday. */
  weekday: smallint('weekday').notNull(),
  lessonNumber: smallint('lesson_number').notNull(),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId, t.employeeId], foreignColumns: [employees.schoolId, employees.id] }).onDelete('cascade'),
  uniqueIndex('teacher_unavailability_slot_key').on(t.schoolId, t.employeeId, t.academicYear, t.shift, t.weekday, t.lessonNumber),
  check('teacher_unavailability_shift_check', sql`${t.shift} between 1 and 3`),
  check('teacher_unavailability_weekday_check', sql`${t.weekday} between 1 and 6`),
  check('teacher_unavailability_number_check', sql`${t.lessonNumber} between 1 and 12`),
]);

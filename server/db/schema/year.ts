// Preparing the school year (SPEC B1, B4–B9, B14, B15): rooms, the academic calendar with its
// terms, attestation periods, day regimes, control forms and mark scales, the mark-entry policy,
// curricula (of a grade, a class or one student), additional programmes, and the samples a region
// or municipality publishes. School-owned tables are keyed (school_id, id) like the org tables.
import { sql } from 'drizzle-orm';
import {
  boolean, check, date, foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, text, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, instant } from './columns';
import { accounts } from './identity';
import { classes, students, studyGroups, subjects } from './org';
import { municipalities, regions, schools } from './tenancy';

// --- B1 Buildings and rooms -----------------------------------------------------------------

export const buildings = pgTable('buildings', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  name: text('name').notNull(),
  address: text('address'),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
  uniqueIndex('buildings_name_key').on(t.schoolId, t.name),
]);

export const rooms = pgTable('rooms', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  buildingId: uuid('building_id'),
  /** «204», «Спортзал». Unique in the school. */
  name: text('name').notNull(),
  /** ordinary | lab | computer | gym | workshop | assembly | library | other (domain/rooms.ts) */
  kind: text('kind').notNull().default('ordinary'),
  /** Seats; null: not recorded. */
  capacity: integer('capacity'),
  floor: integer('floor'),
  note: text('note'),
  archived: boolean('archived').notNull().default(false),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
  foreignKey({ columns: [t.schoolId, t.buildingId], foreignColumns: [buildings.schoolId, buildings.id] }),
  uniqueIndex('rooms_name_key').on(t.schoolId, t.name),
  check('rooms_capacity_check', sql`${t.capacity} is null or ${t.capacity} > 0`),
]);

/** The subjects a room suits (a chemistry lab, a computer room for informatics). */
export const roomSubjects = pgTable('room_subjects', {
  schoolId: uuid('school_id').notNull(),
  roomId: uuid('room_id').notNull(),
  subjectId: uuid('subject_id').notNull(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.roomId, t.subjectId] }),
  foreignKey({ columns: [t.schoolId, t.roomId], foreignColumns: [rooms.schoolId, rooms.id] }).onDelete('cascade'),
  foreignKey({ columns: [t.schoolId, t.subjectId], foreignColumns: [subjects.schoolId, subjects.id] }),
]);

// --- B4 Academic calendar, B7 attestation periods -------------------------------------------

/**
 * The academic calendar of a school year (domain/calendar.ts `AcademicCalendar`). Holidays, days
 * off, working weekends and week lengths are kept as JSON validated by `calendarIssues`; the terms
 * are rows of `attestation_periods` (schedules of kind `terms`) so that period marks can point at them.
 */
export const academicCalendars = pgTable('academic_calendars', {
  schoolId: uuid('school_id').notNull().references(() => schools.id),
  academicYear: integer('academic_year').notNull(),
  startsOn: date('starts_on').notNull(),
  endsOn: date('ends_on').notNull(),
  /** [{ name, startsOn, endsOn, grades? }] */
  holidays: jsonb('holidays').notNull().default([]),
  /** [{ date, name }] */
  daysOff: jsonb('days_off').notNull().default([]),
  /** [{ date, worksAs }] */
  workingWeekends: jsonb('working_weekends').notNull().default([]),
  /** [{ grades, days }] */
  weekLengths: jsonb('week_lengths').notNull().default([]),
  sampleId: uuid('sample_id'),
  sampleVersion: integer('sample_version'),
  /** Bumped on every save; a save that names an older version is refused (409). */
  version: integer('version').notNull().default(1),
  updatedAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.academicYear] }),
]);

/**
 * A set of attestation periods. Kind `terms`: the terms of the calendar for some grades
 * (quarters for 1–9, halves for 10–11), rewritten with the calendar and keeping their ids.
 * Kind `custom`: an own schedule a curriculum line may use (a half-year subject attested once).
 */
export const attestationSchedules = pgTable('attestation_schedules', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  academicYear: integer('academic_year').notNull(),
  /** terms | custom */
  kind: text('kind').notNull(),
  /** quarter | trimester | half for `terms`; null for `custom`. */
  termKind: text('term_kind'),
  /** Grades it applies to (terms) or may be used for (custom). */
  grades: integer('grades').array().notNull(),
  name: text('name').notNull(),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
  index('attestation_schedules_year_idx').on(t.schoolId, t.academicYear),
  check('attestation_schedules_kind_check', sql`${t.kind} in ('terms', 'custom') and (${t.kind} = 'custom') = (${t.termKind} is null)`),
]);

export const attestationPeriods = pgTable('attestation_periods', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  scheduleId: uuid('schedule_id').notNull(),
  number: integer('number').notNull(),
  /** «1 четверть», «1 полугодие», «Год». */
  name: text('name').notNull(),
  startsOn: date('starts_on').notNull(),
  endsOn: date('ends_on').notNull(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId, t.scheduleId], foreignColumns: [attestationSchedules.schoolId, attestationSchedules.id] }).onDelete('cascade'),
  uniqueIndex('attestation_periods_number_key').on(t.schoolId, t.scheduleId, t.number),
  check('attestation_periods_dates_check', sql`${t.startsOn} <= ${t.endsOn}`),
]);

// --- B5 Day regimes ---------------------------------------------------------------------------

/** Lesson number → start and end time, one shift: [{ number, startsAt: '08:30', endsAt: '09:10' }]. */
export const bellSchedules = pgTable('bell_schedules', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  academicYear: integer('academic_year').notNull(),
  name: text('name').notNull(),
  shift: integer('shift').notNull().default(1),
  lessons: jsonb('lessons').notNull(),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
  uniqueIndex('bell_schedules_name_key').on(t.schoolId, t.academicYear, t.name),
  check('bell_schedules_shift_check', sql`${t.shift} between 1 and 3`),
]);

/**
 * Which bell schedule a class, a study group (a stream), one student (ИУП) or — with no target —
 * the whole school follows from a date. A new assignment from date D ends the previous one on D−1.
 * The most specific assignment wins: student, then group, then class, then school.
 */
export const regimeAssignments = pgTable('regime_assignments', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  bellScheduleId: uuid('bell_schedule_id').notNull(),
  classId: uuid('class_id'),
  studyGroupId: uuid('study_group_id'),
  studentId: uuid('student_id'),
  startsOn: date('starts_on').notNull(),
  /** Inclusive last day; null: open. */
  endsOn: date('ends_on'),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId, t.bellScheduleId], foreignColumns: [bellSchedules.schoolId, bellSchedules.id] }),
  foreignKey({ columns: [t.schoolId, t.classId], foreignColumns: [classes.schoolId, classes.id] }),
  foreignKey({ columns: [t.schoolId, t.studyGroupId], foreignColumns: [studyGroups.schoolId, studyGroups.id] }),
  foreignKey({ columns: [t.schoolId, t.studentId], foreignColumns: [students.schoolId, students.id] }),
  index('regime_assignments_schedule_idx').on(t.schoolId, t.bellScheduleId),
  check('regime_assignments_target_check',
    sql`(case when ${t.classId} is null then 0 else 1 end) + (case when ${t.studyGroupId} is null then 0 else 1 end) + (case when ${t.studentId} is null then 0 else 1 end) <= 1`),
]);

// --- B6 Control forms and mark scales ---------------------------------------------------------

/**
 * A mark scale: `five` (2–5), `passFail` (зачёт/незачёт, not in averages), `hundred` (0–100 with a
 * conversion table to the five-point scale: [{ from: 85, mark: 5 }, …], domain/mark-scale.ts).
 */
export const markScales = pgTable('mark_scales', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  conversion: jsonb('conversion'),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
  uniqueIndex('mark_scales_name_key').on(t.schoolId, t.name),
  check('mark_scales_kind_check', sql`${t.kind} in ('five', 'passFail', 'hundred')`),
]);

/** Контрольная работа (weight 2), ответ на уроке (weight 1)… for all subjects or one, all levels or some. */
export const controlForms = pgTable('control_forms', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  name: text('name').notNull(),
  shortName: text('short_name').notNull(),
  weight: numeric('weight', { precision: 4, scale: 2 }).notNull(),
  markScaleId: uuid('mark_scale_id').notNull(),
  /** null: every subject. */
  subjectId: uuid('subject_id'),
  /** Empty: every level. */
  levels: text('levels').array().notNull().default(sql`'{}'::text[]`),
  archived: boolean('archived').notNull().default(false),
  sampleId: uuid('sample_id'),
  sampleVersion: integer('sample_version'),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId, t.markScaleId], foreignColumns: [markScales.schoolId, markScales.id] }),
  foreignKey({ columns: [t.schoolId, t.subjectId], foreignColumns: [subjects.schoolId, subjects.id] }),
  check('control_forms_weight_check', sql`${t.weight} > 0`),
]);

// --- B8 Mark-entry policy ---------------------------------------------------------------------

export const markEntryPolicies = pgTable('mark_entry_policies', {
  schoolId: uuid('school_id').notNull().references(() => schools.id),
  academicYear: integer('academic_year').notNull(),
  /** A teacher may enter or change a current mark for lessons up to this many days back. */
  currentMarksDaysBack: integer('current_marks_days_back').notNull(),
  /** Period marks may be entered up to this many days after the period ends. */
  periodMarksDaysAfter: integer('period_marks_days_after').notNull(),
  /** { kind: 'thresholds', five: 4.65, four: 3.65, three: 2.65 } | { kind: 'arithmetic' } (domain/mark-policy.ts) */
  rounding: jsonb('rounding').notNull(),
  minMarksForPeriodMark: integer('min_marks_for_period_mark').notNull(),
  updatedAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.academicYear] }),
]);

// --- B9 Curricula, B15 extracurricular plan ---------------------------------------------------

/**
 * A curriculum of a year: `main` (учебный план) or `extracurricular` (план внеурочной деятельности),
 * for a grade, for one class when it differs from its grade, or for one student (ИУП) overriding
 * the class one.
 */
export const curricula = pgTable('curricula', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  academicYear: integer('academic_year').notNull(),
  /** main | extracurricular */
  kind: text('kind').notNull().default('main'),
  grade: integer('grade').notNull(),
  classId: uuid('class_id'),
  studentId: uuid('student_id'),
  name: text('name').notNull(),
  /** 5 or 6: the week it is planned for (СанПиН weekly maximum depends on it). */
  weekDays: integer('week_days').notNull().default(5),
  sampleId: uuid('sample_id'),
  sampleVersion: integer('sample_version'),
  copiedFromId: uuid('copied_from_id'),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
  foreignKey({ columns: [t.schoolId, t.classId], foreignColumns: [classes.schoolId, classes.id] }),
  foreignKey({ columns: [t.schoolId, t.studentId], foreignColumns: [students.schoolId, students.id] }),
  uniqueIndex('curricula_grade_key').on(t.schoolId, t.academicYear, t.kind, t.grade).where(sql`${t.classId} is null and ${t.studentId} is null`),
  uniqueIndex('curricula_class_key').on(t.schoolId, t.academicYear, t.kind, t.classId).where(sql`${t.classId} is not null and ${t.studentId} is null`),
  uniqueIndex('curricula_student_key').on(t.schoolId, t.academicYear, t.kind, t.studentId).where(sql`${t.studentId} is not null`),
  check('curricula_kind_check', sql`${t.kind} in ('main', 'extracurricular')`),
  check('curricula_grade_check', sql`${t.grade} between 1 and 11`),
  check('curricula_week_days_check', sql`${t.weekDays} in (5, 6)`),
]);

export const curriculumLines = pgTable('curriculum_lines', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  curriculumId: uuid('curriculum_id').notNull(),
  subjectId: uuid('subject_id').notNull(),
  /** mandatory (обязательная часть) | formed (часть, формируемая участниками образовательных отношений) */
  part: text('part').notNull().default('mandatory'),
  hoursPerWeek: numeric('hours_per_week', { precision: 4, scale: 1 }).notNull(),
  /** Hours per week in each term when they vary (index 0 = term 1); null: the same all year. */
  hoursByTerm: numeric('hours_by_term', { precision: 4, scale: 1 }).array(),
  /** An own attestation schedule; null: the terms of the grade. */
  attestationScheduleId: uuid('attestation_schedule_id'),
  /** Форма промежуточной аттестации, e.g. «контрольная работа», «зачёт». */
  attestationForm: text('attestation_form'),
  /** Taught in subgroups (languages, informatics, technology). */
  splitIntoGroups: boolean('split_into_groups').notNull().default(false),
  position: integer('position').notNull().default(0),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId, t.curriculumId], foreignColumns: [curricula.schoolId, curricula.id] }).onDelete('cascade'),
  foreignKey({ columns: [t.schoolId, t.subjectId], foreignColumns: [subjects.schoolId, subjects.id] }),
  foreignKey({ columns: [t.schoolId, t.attestationScheduleId], foreignColumns: [attestationSchedules.schoolId, attestationSchedules.id] }),
  uniqueIndex('curriculum_lines_subject_key').on(t.schoolId, t.curriculumId, t.subjectId),
  check('curriculum_lines_part_check', sql`${t.part} in ('mandatory', 'formed')`),
  check('curriculum_lines_hours_check', sql`${t.hoursPerWeek} >= 0`),
]);

/** Additional general-developmental programmes (дополнительные общеразвивающие программы). */
export const additionalProgrammes = pgTable('additional_programmes', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  academicYear: integer('academic_year').notNull(),
  /** The subject of kind `additional` its groups and load refer to. */
  subjectId: uuid('subject_id').notNull(),
  name: text('name').notNull(),
  /** technical | science | arts | sports | tourism | social (направленность) */
  direction: text('direction').notNull(),
  ageFrom: integer('age_from'),
  ageTo: integer('age_to'),
  hoursPerWeek: numeric('hours_per_week', { precision: 4, scale: 1 }).notNull(),
  totalHours: integer('total_hours'),
  description: text('description'),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId, t.subjectId], foreignColumns: [subjects.schoolId, subjects.id] }),
  uniqueIndex('additional_programmes_name_key').on(t.schoolId, t.academicYear, t.name),
]);

// --- B14 Samples and constructors -------------------------------------------------------------

/**
 * A sample a region or a municipality publishes (both null: federal, shipped with the product):
 * a curriculum of a level, a calendar template, a control-form set, a work-programme template.
 * `content` is the current version; every published version is kept in `sample_versions` so that a
 * school can compare what changed since the version it built from.
 */
export const samples = pgTable('samples', {
  id: id().primaryKey(),
  regionId: uuid('region_id').references(() => regions.id),
  municipalityId: uuid('municipality_id').references(() => municipalities.id),
  /** curriculum | calendar | controlForms | workProgramme */
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  /** primary | basic | secondary; null: any. */
  level: text('level'),
  description: text('description'),
  version: integer('version').notNull().default(1),
  content: jsonb('content').notNull(),
  /** Stable key of a shipped (federal) sample, e.g. 'federal-curriculum-basic'. */
  builtInKey: text('built_in_key').unique(),
  createdBy: uuid('created_by').references(() => accounts.id),
  createdAt: createdAt(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
}, (t) => [
  index('samples_region_idx').on(t.regionId),
  index('samples_municipality_idx').on(t.municipalityId),
  check('samples_kind_check', sql`${t.kind} in ('curriculum', 'calendar', 'controlForms', 'workProgramme')`),
  check('samples_owner_check', sql`${t.regionId} is null or ${t.municipalityId} is null`),
]);

export const sampleVersions = pgTable('sample_versions', {
  sampleId: uuid('sample_id').notNull().references(() => samples.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  content: jsonb('content').notNull(),
  note: text('note'),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.sampleId, t.version] }),
]);

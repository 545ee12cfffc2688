// People and structure of a school (SPEC A2, B2, B3). Every table is school-owned: key (school_id, id).
import { boolean, check, date, foreignKey, index, integer, numeric, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, id } from './columns';
import { accounts } from './identity';
import { schools } from './tenancy';

const person = {
  lastName: text('last_name').notNull(),
  firstName: text('first_name').notNull(),
  middleName: text('middle_name'),
  /** Id in the source system (HR, Контингент) — the first key imports match on. */
  externalId: text('external_id'),
  /** Canonical "123-456-789 01" with a valid check number. */
  snils: text('snils'),
  birthDate: date('birth_date'),
  /** Lower-case. */
  email: text('email'),
  /** Canonical "+7 912 345-67-89". */
  phone: text('phone'),
  accountId: uuid('account_id').references(() => accounts.id),
  createdAt: createdAt(),
};

export const employees = pgTable('employees', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  ...person,
  position: text('position').notNull(),
  /** Weekly hours the teacher is tarified for (ставка 18 h, 1.5 ставки 27 h); null: not set. */
  loadLimitHours: numeric('load_limit_hours', { precision: 4, scale: 1 }),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
  index('employees_account_idx').on(t.accountId),
  index('employees_external_id_idx').on(t.schoolId, t.externalId),
  index('employees_snils_idx').on(t.schoolId, t.snils),
  index('employees_name_idx').on(t.schoolId, t.lastName, t.firstName),
]);

export const classes = pgTable('classes', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  /** Year the academic year starts in: 2026 for 2026/27. */
  academicYear: integer('academic_year').notNull(),
  grade: integer('grade').notNull(),
  letter: text('letter').notNull(),
  classTeacherId: uuid('class_teacher_id'),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
  foreignKey({ columns: [t.schoolId, t.classTeacherId], foreignColumns: [employees.schoolId, employees.id] }),
  uniqueIndex('classes_name_key').on(t.schoolId, t.academicYear, t.grade, t.letter),
  check('classes_grade_check', sql`${t.grade} between 1 and 11`),
]);

export const students = pgTable('students', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  ...person,
  /** male | female */
  sex: text('sex'),
  /** inSchool | familyEducation | selfEducation */
  educationForm: text('education_form').notNull().default('inSchool'),
  /** Learns by an individual curriculum (ИУП) that overrides the class one. */
  individualCurriculum: boolean('individual_curriculum').notNull().default(false),
  /** Learns by an adapted programme (АООП). */
  adaptedProgramme: boolean('adapted_programme').notNull().default(false),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
  index('students_account_idx').on(t.accountId),
  index('students_external_id_idx').on(t.schoolId, t.externalId),
  index('students_snils_idx').on(t.schoolId, t.snils),
  index('students_name_idx').on(t.schoolId, t.lastName, t.firstName),
  // Sign-in through a provider looks a person up by СНИЛС, e-mail or phone in every school at once.
  index('students_snils_all_idx').on(t.snils).where(sql`${t.snils} is not null`),
  index('students_email_all_idx').on(t.email).where(sql`${t.email} is not null`),
  index('students_phone_all_idx').on(t.phone).where(sql`${t.phone} is not null`),
]);

/** A student's place in a class over dates: a move from 5А to 5Б closes one row and opens another. */
export const enrollments = pgTable('enrollments', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  studentId: uuid('student_id').notNull(),
  classId: uuid('class_id').notNull(),
  startsOn: date('starts_on').notNull(),
  /** Inclusive last day; null while the student is still in the class. */
  endsOn: date('ends_on'),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId, t.studentId], foreignColumns: [students.schoolId, students.id] }),
  foreignKey({ columns: [t.schoolId, t.classId], foreignColumns: [classes.schoolId, classes.id] }),
  index('enrollments_class_idx').on(t.schoolId, t.classId),
  index('enrollments_student_idx').on(t.schoolId, t.studentId),
]);

export const guardians = pgTable('guardians', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  ...person,
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
  index('guardians_account_idx').on(t.accountId),
  index('guardians_external_id_idx').on(t.schoolId, t.externalId),
  index('guardians_snils_idx').on(t.schoolId, t.snils),
  index('guardians_name_idx').on(t.schoolId, t.lastName, t.firstName),
  // Sign-in through Госуслуги looks a parent up by СНИЛС, e-mail or phone in every school at once.
  index('guardians_snils_all_idx').on(t.snils).where(sql`${t.snils} is not null`),
  index('guardians_email_all_idx').on(t.email).where(sql`${t.email} is not null`),
  index('guardians_phone_all_idx').on(t.phone).where(sql`${t.phone} is not null`),
]);

export const studentGuardians = pgTable('student_guardians', {
  schoolId: uuid('school_id').notNull(),
  studentId: uuid('student_id').notNull(),
  guardianId: uuid('guardian_id').notNull(),
  /** mother | father | other */
  relation: text('relation').notNull(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.studentId, t.guardianId] }),
  foreignKey({ columns: [t.schoolId, t.studentId], foreignColumns: [students.schoolId, students.id] }),
  foreignKey({ columns: [t.schoolId, t.guardianId], foreignColumns: [guardians.schoolId, guardians.id] }),
  index('student_guardians_guardian_idx').on(t.schoolId, t.guardianId),
]);

export const subjects = pgTable('subjects', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  name: text('name').notNull(),
  shortName: text('short_name').notNull(),
  /** Levels it is taught at: primary (1–4), basic (5–9), secondary (10–11). */
  levels: text('levels').array().notNull(),
  /** subject (урочный предмет) | optionalCourse (курс по выбору) | extracurricular (курс внеурочной деятельности) | additional (доп. образование) */
  kind: text('kind').notNull().default('subject'),
  /** Code of the ФГОС catalogue entry it was picked from (domain/subject-catalogue.ts); null: the school's own. */
  catalogueCode: text('catalogue_code'),
  /** Предметная область, e.g. «Математика и информатика». */
  subjectArea: text('subject_area'),
  /** Archived subjects stay on old records but are not offered for new ones. */
  archived: boolean('archived').notNull().default(false),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
  uniqueIndex('subjects_name_key').on(t.schoolId, t.name),
  check('subjects_kind_check', sql`${t.kind} in ('subject', 'optionalCourse', 'extracurricular', 'additional')`),
]);

/**
 * Students taught together for a subject: a subgroup of one class (English 1 of 5А) or a
 * stream drawn from several classes. Membership has dates like enrollments.
 */
export const studyGroups = pgTable('study_groups', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  academicYear: integer('academic_year').notNull(),
  /** subgroup (of one class) | stream (from several classes) | activity (a group of an extracurricular course or an additional programme, from any classes) */
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  subjectId: uuid('subject_id'),
  /** The class a subgroup splits; null for a stream. */
  classId: uuid('class_id'),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
  foreignKey({ columns: [t.schoolId, t.subjectId], foreignColumns: [subjects.schoolId, subjects.id] }),
  foreignKey({ columns: [t.schoolId, t.classId], foreignColumns: [classes.schoolId, classes.id] }),
  uniqueIndex('study_groups_name_key').on(t.schoolId, t.academicYear, t.name),
  index('study_groups_class_idx').on(t.schoolId, t.classId),
  check('study_groups_kind_check', sql`${t.kind} in ('subgroup', 'stream', 'activity') and (${t.kind} <> 'subgroup' or ${t.classId} is not null)`),
]);

export const studyGroupMembers = pgTable('study_group_members', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  studyGroupId: uuid('study_group_id').notNull(),
  studentId: uuid('student_id').notNull(),
  startsOn: date('starts_on').notNull(),
  /** Inclusive last day; null while the student is still in the group. */
  endsOn: date('ends_on'),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId, t.studyGroupId], foreignColumns: [studyGroups.schoolId, studyGroups.id] }),
  foreignKey({ columns: [t.schoolId, t.studentId], foreignColumns: [students.schoolId, students.id] }),
  index('study_group_members_group_idx').on(t.schoolId, t.studyGroupId),
  index('study_group_members_student_idx').on(t.schoolId, t.studentId),
]);

/**
 * Teaching load (тарификация): a teacher teaches a subject to a whole class or to one study
 * group for so many hours a week in a year. It decides which classes a subject teacher sees.
 */
export const teachingLoads = pgTable('teaching_loads', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  academicYear: integer('academic_year').notNull(),
  employeeId: uuid('employee_id').notNull(),
  subjectId: uuid('subject_id').notNull(),
  classId: uuid('class_id'),
  studyGroupId: uuid('study_group_id'),
  hoursPerWeek: numeric('hours_per_week', { precision: 4, scale: 1 }).notNull(),
  /**
   * How the week's whole hours are split into lessons, e.g. «2+1+1»: a double lesson and two
   * single ones (parts of 1 or 2 summing to the whole hours); null: single lessons only.
   */
  lessonSplit: text('lesson_split'),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId, t.employeeId], foreignColumns: [employees.schoolId, employees.id] }),
  foreignKey({ columns: [t.schoolId, t.subjectId], foreignColumns: [subjects.schoolId, subjects.id] }),
  foreignKey({ columns: [t.schoolId, t.classId], foreignColumns: [classes.schoolId, classes.id] }),
  foreignKey({ columns: [t.schoolId, t.studyGroupId], foreignColumns: [studyGroups.schoolId, studyGroups.id] }),
  index('teaching_loads_employee_idx').on(t.schoolId, t.employeeId, t.academicYear),
  check('teaching_loads_target_check', sql`(${t.classId} is null) <> (${t.studyGroupId} is null)`),
]);

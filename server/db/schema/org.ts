// People and structure of a school (SPEC A2, B2, B3). Every table is school-owned: key (school_id, id).
import { date, foreignKey, index, integer, pgTable, primaryKey, text, uuid, uniqueIndex, check } from 'drizzle-orm/pg-core';
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
  snils: text('snils'),
  email: text('email'),
  phone: text('phone'),
  accountId: uuid('account_id').references(() => accounts.id),
  createdAt: createdAt(),
};

export const employees = pgTable('employees', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  ...person,
  position: text('position').notNull(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
  index('employees_account_idx').on(t.accountId),
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
  birthDate: date('birth_date'),
  sex: text('sex'),
  /** inSchool | familyEducation | selfEducation */
  educationForm: text('education_form').notNull().default('inSchool'),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
  index('students_account_idx').on(t.accountId),
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
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
  uniqueIndex('subjects_name_key').on(t.schoolId, t.name),
]);

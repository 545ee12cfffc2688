// Requests and answers of the teaching load (тарификация, SPEC B11): load rows teacher × class or
// group × subject × hours, teachers' load limits, the consistency of the load with the curricula
// and the tarification sheet. Routes under /api/v1/schools/:schoolId/.
import { z } from 'zod';
import { Uuid } from './common';
import { PersonName, SchoolParams, UnitRef } from './org';

export const TeachingLoadParams = SchoolParams.extend({ teachingLoadId: Uuid });
export const EmployeeLoadParams = SchoolParams.extend({ employeeId: Uuid });

const academicYear = z.coerce.number({ error: 'Учебный год: ожидается число, например 2026' }).int().min(2000).max(2100);
export const LoadYearQuery = z.object({ academicYear: academicYear.optional() });
export type LoadYearQuery = z.infer<typeof LoadYearQuery>;

const ref = (what: string) => z.uuid({ error: `${what}: неверный идентификатор` });
/** Weekly hours in steps of 0.5, above zero and up to `max`. */
const halfHours = (what: string, max: number) => z.number({ error: `${what}: ожидается число` })
  .gt(0, `${what}: больше нуля`).max(max, `${what}: не больше ${max}`)
  .refine((h) => Number.isInteger(h * 2), `${what}: с шагом 0,5`);

/**
 * The split of the whole weekly hours into lessons: parts of 1 or 2 joined by «+», summing to the
 * row's whole hours (checked against the hours by the server); null or empty: single lessons.
 */
const lessonSplit = z.string({ error: 'Деление на уроки: ожидается строка вида 2+1+1' })
  .max(40, 'Деление на уроки: не длиннее 40 символов').nullable();

export const TeachingLoadDto = z.object({
  id: Uuid,
  academicYear: z.number().int(),
  employee: PersonName.extend({ id: Uuid }),
  subject: UnitRef,
  class: UnitRef.nullable(),
  studyGroup: UnitRef.nullable(),
  hoursPerWeek: z.number(),
  /** How the whole hours split into lessons, «2+1+1» (a double lesson and two single ones); null: single lessons. */
  lessonSplit: z.string().nullable(),
}).meta({ id: 'TeachingLoad' });
export type TeachingLoadDto = z.infer<typeof TeachingLoadDto>;
export const TeachingLoadListDto = z.object({ items: z.array(TeachingLoadDto), total: z.number().int() }).meta({ id: 'TeachingLoadList' });
export type TeachingLoadListDto = z.infer<typeof TeachingLoadListDto>;

export const TeachingLoadListQuery = z.object({ academicYear: academicYear.optional(), employeeId: Uuid.optional(), classId: Uuid.optional() });
export type TeachingLoadListQuery = z.infer<typeof TeachingLoadListQuery>;

export const CreateTeachingLoadInput = z.object({
  employeeId: ref('Учитель'),
  subjectId: ref('Предмет'),
  /** Exactly one of classId and studyGroupId. */
  classId: ref('Класс').nullable().optional(),
  studyGroupId: ref('Группа').nullable().optional(),
  hoursPerWeek: halfHours('Часов в неделю', 40),
  lessonSplit: lessonSplit.optional(),
}).meta({ id: 'CreateTeachingLoadInput' });
export type CreateTeachingLoadInput = z.infer<typeof CreateTeachingLoadInput>;

/** Absent `lessonSplit` keeps the row's split (it must still fit the new hours). */
export const UpdateTeachingLoadInput = z.object({ hoursPerWeek: halfHours('Часов в неделю', 40), lessonSplit: lessonSplit.optional() })
  .meta({ id: 'UpdateTeachingLoadInput' });
export type UpdateTeachingLoadInput = z.infer<typeof UpdateTeachingLoadInput>;

/** The ставка in weekly hours (18 per rate: 1.5 rates = 27 h); null clears it. */
export const LoadLimitInput = z.object({ loadLimitHours: halfHours('Ставка, ч', 60).nullable() }).meta({ id: 'LoadLimitInput' });
export type LoadLimitInput = z.infer<typeof LoadLimitInput>;

/** A member of staff with their load limit and the load of the year asked for. */
export const LoadTeacherDto = PersonName.extend({
  id: Uuid,
  position: z.string(),
  loadLimitHours: z.number().nullable(),
  totalHours: z.number(),
}).meta({ id: 'LoadTeacher' });
export type LoadTeacherDto = z.infer<typeof LoadTeacherDto>;
export const LoadTeacherListDto = z.object({ items: z.array(LoadTeacherDto), total: z.number().int() }).meta({ id: 'LoadTeacherList' });
export type LoadTeacherListDto = z.infer<typeof LoadTeacherListDto>;

export const UnmatchedReason = z.enum(['noCurriculumLine', 'hoursExceed', 'lineSplit', 'lineNotSplit']);
export type UnmatchedReason = z.infer<typeof UnmatchedReason>;

export const LoadConsistencyDto = z.object({
  academicYear: z.number().int(),
  /** Curriculum hours of a class (or of one of its subgroups) not covered by any teacher's load. */
  uncovered: z.array(z.object({
    classId: Uuid, className: z.string(), subjectId: Uuid, subjectName: z.string(),
    studyGroupId: Uuid.nullable(), groupName: z.string().nullable(), requiredHours: z.number(), assignedHours: z.number(),
  })),
  /** Lines taught in subgroups for which the class has fewer than two subgroups of the subject. */
  unsplit: z.array(z.object({ classId: Uuid, className: z.string(), subjectId: Uuid, subjectName: z.string(), subgroupCount: z.number().int() })),
  /** Teachers whose load is above their load limit. */
  overLimit: z.array(z.object({ employeeId: Uuid, name: z.string(), limitHours: z.number(), assignedHours: z.number() })),
  /** Load rows that match no curriculum line or go above its hours (domain/load-consistency.ts for the reasons). */
  unmatched: z.array(z.object({
    teachingLoadId: Uuid, employeeId: Uuid, teacherName: z.string(), subjectName: z.string(), targetName: z.string(), hours: z.number(), reason: UnmatchedReason,
  })),
  /** True when every list is empty. */
  ok: z.boolean(),
}).meta({ id: 'LoadConsistency' });
export type LoadConsistencyDto = z.infer<typeof LoadConsistencyDto>;

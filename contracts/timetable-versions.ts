// Versions of a school's weekly timetable and hand editing of their lessons (SPEC B12): the list
// with the version in force, a draft or a copy, publishing from a date, the grid of a class, a
// teacher or a room, moving and locking lessons with the clash check before saving. Every change
// carries `If-Match: "<version>"` (the `version` field); a stale one is answered 412 with the
// current version. Routes live under /api/v1/schools/:schoolId/timetables.
import { z } from 'zod';
import { Uuid } from './common';
import { distanceUrl } from './lessons';

const academicYear = z.coerce.number({ error: 'Учебный год: ожидается число, например 2026' }).int('Учебный год: целое число')
  .min(2000, 'Учебный год: от 2000 до 2100').max(2100, 'Учебный год: от 2000 до 2100');
const IsoDate = z.iso.date({ error: 'Дата: ожидается ГГГГ-ММ-ДД' });
const ref = (what: string) => z.uuid({ error: `${what}: неверный идентификатор` });
const Name = z.string({ error: 'Название: ожидается строка' }).trim()
  .min(1, 'Название: обязательное поле').max(200, 'Название: не длиннее 200 символов');

export const timetableStatuses = ['draft', 'published', 'archived'] as const;
export const TimetableStatus = z.enum(timetableStatuses);
export type TimetableStatus = z.infer<typeof TimetableStatus>;

export const TimetableVersionParams = z.object({ schoolId: Uuid, timetableId: ref('Версия расписания') });
export const TimetableGridLessonParams = TimetableVersionParams.extend({ lessonId: ref('Урок') });
export const TimetableVersionListQuery = z.object({ academicYear: academicYear.optional() });
export type TimetableVersionListQuery = z.infer<typeof TimetableVersionListQuery>;

// --- Evaluation -------------------------------------------------------------------------------

/** The evaluation of a version in short: hard violations (must be 0) and the soft penalty. */
export const TimetableEvaluationSummaryDto = z.object({
  hard: z.number().int(),
  softPenalty: z.number(),
}).meta({ id: 'TimetableVersionEvaluationSummary' });
export type TimetableEvaluationSummaryDto = z.infer<typeof TimetableEvaluationSummaryDto>;

export const TimetableEvaluationDto = TimetableEvaluationSummaryDto.extend({
  /** Lessons of the load not in the timetable. */
  unplaced: z.number().int(),
  /** Hard violations, each in Russian naming the lesson, teacher, class or room (at most 200 listed). */
  violations: z.array(z.object({ kind: z.string(), message: z.string() })),
  /** Per broken constraint: what it means, its weight (100 = hard), how much it is broken and its penalty. */
  byConstraint: z.array(z.object({
    kind: z.string(), meaning: z.string(), weight: z.number(), amount: z.number(), penalty: z.number(),
  })),
  /** Lessons of the version that the year's load no longer has (kept, and shown here). */
  orphans: z.array(z.object({ lessonId: Uuid, message: z.string() })),
  /** Hours of extracurricular and additional-education load rows that no lesson of the version holds (not a violation). */
  outsideGrid: z.array(z.object({ teachingLoadId: Uuid, hours: z.number().int(), message: z.string() })),
  evaluatedAt: z.string().nullable(),
}).meta({ id: 'TimetableVersionEvaluation' });
export type TimetableEvaluationDto = z.infer<typeof TimetableEvaluationDto>;

// --- Versions ---------------------------------------------------------------------------------

export const TimetableVersionDto = z.object({
  id: Uuid,
  academicYear: z.number().int(),
  name: z.string(),
  status: TimetableStatus,
  /** First day in force (published versions). */
  validFrom: z.string().nullable(),
  /** Last day in force: the day before the next published version, or null (to the end of the year). */
  validTo: z.string().nullable(),
  /** The version in force today. */
  inForce: z.boolean(),
  basedOnId: Uuid.nullable(),
  runId: Uuid.nullable(),
  lessons: z.number().int(),
  /** Null until the version is evaluated. */
  evaluation: TimetableEvaluationSummaryDto.nullable(),
  /** Send back as `If-Match` with a change. */
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
}).meta({ id: 'TimetableVersion' });
export type TimetableVersionDto = z.infer<typeof TimetableVersionDto>;

export const timetableViewKinds = ['class', 'teacher', 'room'] as const;
export type TimetableViewKind = (typeof timetableViewKinds)[number];

export const TimetableVersionListDto = z.object({
  academicYear: z.number().int(),
  /** The school's date today. */
  today: z.string(),
  items: z.array(TimetableVersionDto),
  total: z.number().int(),
  inForceId: Uuid.nullable(),
  /** What the caller sees first: their (child's) class, a teacher's own lessons, else the first class; null: no class yet. */
  defaultView: z.object({ kind: z.enum(timetableViewKinds), id: Uuid }).nullable(),
  /** Whether the caller may change versions and lessons. */
  canWrite: z.boolean(),
}).meta({ id: 'TimetableVersionList' });
export type TimetableVersionListDto = z.infer<typeof TimetableVersionListDto>;

export const TimetableVersionDetailDto = TimetableVersionDto.extend({
  evaluation: TimetableEvaluationDto.nullable(),
}).meta({ id: 'TimetableVersionDetail' });
export type TimetableVersionDetailDto = z.infer<typeof TimetableVersionDetailDto>;

export const CreateTimetableVersionBody = z.object({
  name: Name,
  /** Default: the current academic year (or the year of `basedOnId`). */
  academicYear: academicYear.optional(),
  /** Copy this version with all its lessons (a mid-year change starts here); absent: an empty draft. */
  basedOnId: ref('Исходная версия').optional(),
}).meta({ id: 'CreateTimetableVersionBody' });
export type CreateTimetableVersionBody = z.infer<typeof CreateTimetableVersionBody>;

export const RenameTimetableVersionBody = z.object({ name: Name }).meta({ id: 'RenameTimetableVersionBody' });
export type RenameTimetableVersionBody = z.infer<typeof RenameTimetableVersionBody>;

export const PublishTimetableVersionBody = z.object({
  validFrom: IsoDate,
  /** Publish although the version has hard violations. */
  force: z.boolean({ error: 'Ожидается true или false' }).optional(),
}).meta({ id: 'PublishTimetableVersionBody' });
export type PublishTimetableVersionBody = z.infer<typeof PublishTimetableVersionBody>;

export const PublishTimetableVersionDto = z.object({
  timetable: TimetableVersionDto,
  /** Hard violations the version was published with (0 unless `force`). */
  hardViolations: z.number().int(),
}).meta({ id: 'PublishTimetableVersionResult' });
export type PublishTimetableVersionDto = z.infer<typeof PublishTimetableVersionDto>;

// --- Lessons: the grid ------------------------------------------------------------------------

const Named = z.object({ id: Uuid, name: z.string() });

export const TimetableGridQuery = z.object({
  classId: ref('Класс').optional(),
  employeeId: ref('Учитель').optional(),
  roomId: ref('Кабинет').optional(),
});
export type TimetableGridQuery = z.infer<typeof TimetableGridQuery>;

export const TimetableGridLessonDto = z.object({
  id: Uuid,
  /** ISO weekday: 1 = Monday … 6 = Saturday. */
  weekday: z.number().int(),
  lessonNumber: z.number().int(),
  duration: z.number().int(),
  subject: Named.extend({ shortName: z.string() }),
  teacher: Named.extend({ shortName: z.string() }),
  class: Named.nullable(),
  studyGroup: Named.nullable(),
  room: Named.nullable(),
  locked: z.boolean(),
  /** regular | extracurricular | additional */
  kind: z.string(),
  /** inPerson | distance */
  format: z.string(),
  /** The link of a distance lesson (https). */
  distanceUrl: z.string().nullable(),
  teachingLoadId: Uuid.nullable(),
}).meta({ id: 'TimetableGridLesson' });
export type TimetableGridLessonDto = z.infer<typeof TimetableGridLessonDto>;

export const TimetableGridDto = z.object({
  timetableId: Uuid,
  version: z.number().int(),
  /** The school week: weekday numbers with their Russian names. */
  days: z.array(z.object({ weekday: z.number().int(), name: z.string(), shortName: z.string() })),
  lessonNumbers: z.array(z.number().int()),
  lessons: z.array(TimetableGridLessonDto),
  /** What the caller may choose to view: classes of the year, teachers and rooms. */
  options: z.object({ classes: z.array(Named), teachers: z.array(Named), rooms: z.array(Named) }),
}).meta({ id: 'TimetableGrid' });
export type TimetableGridDto = z.infer<typeof TimetableGridDto>;

// --- Lessons: moving and locking --------------------------------------------------------------

const Weekday = z.number({ error: 'День недели: ожидается число от 1 до 6' }).int('День недели: целое число').min(1, 'День недели: от 1 (понедельник) до 6 (суббота)').max(6, 'День недели: от 1 (понедельник) до 6 (суббота)');
export const timetableLessonFormats = ['inPerson', 'distance'] as const;
const Format = z.enum(timetableLessonFormats, { error: 'Формат: очно (inPerson) или дистанционно (distance)' });
/** Extracurricular and additional-education sessions may come after the class's last lesson, up to this number within its shift. */
export const maxSessionNumber = 12;

export const MoveTimetableLessonBody = z.object({
  weekday: Weekday.optional(),
  lessonNumber: z.number({ error: 'Номер урока: ожидается число' }).int('Номер урока: целое число').min(1, 'Номер урока: от 1').max(20, 'Номер урока: не больше 20').optional(),
  /** null: no room. */
  roomId: ref('Кабинет').nullable().optional(),
  locked: z.boolean({ error: 'Закреплён: ожидается true или false' }).optional(),
  /** distance: held at a distance every week (needs a link, here or already on the lesson); inPerson drops the link. */
  format: Format.optional(),
  distanceUrl: distanceUrl.optional(),
}).meta({ id: 'MoveTimetableLessonBody' });
export type MoveTimetableLessonBody = z.infer<typeof MoveTimetableLessonBody>;

export const TimetableClashDto = z.object({
  /** teacher | students | room */
  kind: z.enum(['teacher', 'students', 'room']),
  /** The lesson already there. */
  lessonId: Uuid,
  message: z.string().meta({ example: 'Учитель Петрова А. С. в это время ведёт Математика в 5Б (Вт, 3 урок)' }),
}).meta({ id: 'TimetableClash' });
export type TimetableClashDto = z.infer<typeof TimetableClashDto>;

export const TimetableMoveCheckDto = z.object({
  clashes: z.array(TimetableClashDto),
  evaluationBefore: TimetableEvaluationSummaryDto,
  evaluationAfter: TimetableEvaluationSummaryDto,
  /** Hard violations the change would add (Russian), besides the clashes. */
  newViolations: z.array(z.string()),
}).meta({ id: 'TimetableMoveCheck' });
export type TimetableMoveCheckDto = z.infer<typeof TimetableMoveCheckDto>;

export const TimetableLessonChangeDto = z.object({
  lesson: TimetableGridLessonDto,
  timetable: TimetableVersionDto,
}).meta({ id: 'TimetableLessonChange' });
export type TimetableLessonChangeDto = z.infer<typeof TimetableLessonChangeDto>;

export const LockTimetableLessonsBody = z.object({
  lessonIds: z.array(ref('Урок'), { error: 'Уроки: ожидается список' }).min(1, 'Уроки: выберите хотя бы один').max(5000, 'Уроки: не больше 5000 за раз'),
  locked: z.boolean({ error: 'Закрепить: ожидается true или false' }),
}).meta({ id: 'LockTimetableLessonsBody' });
export type LockTimetableLessonsBody = z.infer<typeof LockTimetableLessonsBody>;

export const LockTimetableLessonsDto = z.object({
  updated: z.number().int(),
  timetable: TimetableVersionDto,
}).meta({ id: 'LockTimetableLessonsResult' });
export type LockTimetableLessonsDto = z.infer<typeof LockTimetableLessonsDto>;

// --- Lessons: adding and removing by hand ------------------------------------------------------

export const AddTimetableLessonBody = z.object({
  /** A load row of the version's year of any subject kind; the lesson's kind follows the subject's (extracurricular, additional, else regular). */
  teachingLoadId: ref('Строка нагрузки'),
  weekday: Weekday,
  /** Within the class's shift: a regular lesson up to its bell schedule's last, a session up to 12. */
  lessonNumber: z.number({ error: 'Номер урока: ожидается число' }).int('Номер урока: целое число').min(1, 'Номер урока: от 1')
    .max(maxSessionNumber, `Номер урока: не больше ${maxSessionNumber}`),
  roomId: ref('Кабинет').nullable().optional(),
  format: Format.default('inPerson'),
  /** Required for a distance lesson: https only. */
  distanceUrl: distanceUrl.optional(),
}).superRefine((b, ctx) => {
  if (b.format === 'distance' && !b.distanceUrl) ctx.addIssue({ code: 'custom', path: ['distanceUrl'], message: 'Ссылка: обязательна для дистанционного занятия' });
  if (b.format === 'inPerson' && b.distanceUrl) ctx.addIssue({ code: 'custom', path: ['distanceUrl'], message: 'Ссылка: только для дистанционного занятия' });
}).meta({ id: 'AddTimetableLessonBody' });
export type AddTimetableLessonBody = z.infer<typeof AddTimetableLessonBody>;

/** The answer of 412: the version changed since the client read it. */
export const staleVersionCode = 'TIMETABLE_VERSION_STALE';

// Lessons by date and their changes (SPEC B12, D1, D4): the concrete lessons of a date range,
// substitutions, cancellations, room and time changes, distance lessons, free teachers to
// substitute, and the notification events the changes recorded. A lesson is identified by
// (timetableLessonId, lessonDate) — the date the timetable gives it.
import { z } from 'zod';
import { lessonChangeKinds, lessonFormats, lessonKinds } from '../domain/lessons-by-date';
import { Uuid } from './common';

const isoDate = (what: string) => z.iso.date({ error: `${what}: ожидается дата в формате ГГГГ-ММ-ДД` });
const ref = (what: string) => z.uuid({ error: `${what}: неверный идентификатор` });
const named = z.object({ id: Uuid, name: z.string() });
const boolQuery = z.enum(['true', 'false'], { error: 'Ожидается true или false' }).transform((v) => v === 'true');

/** The longest range one request of lessons may ask for. */
export const maxLessonRangeDays = 31;
/** The longest range one change may cover (one row per date). */
export const maxChangeRangeDays = 120;

export const LessonsParams = z.object({ schoolId: Uuid });
export const LessonChangeParams = LessonsParams.extend({ changeId: Uuid });

// ---------------------------------------------------------------------------------------------
// Lessons of dates

export const LessonListQuery = z.object({
  from: isoDate('Начало периода'),
  to: isoDate('Конец периода'),
  classId: ref('Класс').optional(),
  studyGroupId: ref('Группа').optional(),
  employeeId: ref('Учитель').optional(),
  roomId: ref('Кабинет').optional(),
});
export type LessonListQuery = z.infer<typeof LessonListQuery>;

const slot = z.object({ date: z.string(), lessonNumber: z.number().int() });

export const DatedLessonDto = z.object({
  timetableLessonId: Uuid,
  timetableId: Uuid,
  /** The date the timetable gives the lesson: with `timetableLessonId`, the lesson's identity. */
  lessonDate: z.string(),
  /** Where it is held (the new date after a move). */
  date: z.string(),
  lessonNumber: z.number().int(),
  duration: z.number().int(),
  /** Bell times "HH:MM"; null when the class's bell schedule has no such lesson. */
  start: z.string().nullable(),
  end: z.string().nullable(),
  subject: named,
  /** Who teaches it (the substitute when there is one). */
  teacher: named,
  /** The timetable's teacher when a substitute teaches instead; else null. */
  scheduledTeacher: named.nullable(),
  class: named.nullable(),
  studyGroup: named.nullable(),
  room: named.nullable(),
  /** The timetable's room when the lesson moved to another; else null. */
  scheduledRoom: named.nullable(),
  kind: z.enum(lessonKinds),
  format: z.enum(lessonFormats),
  distanceUrl: z.string().nullable(),
  /** scheduled: takes place; cancelled; movedAway: held elsewhere (see movedTo). */
  status: z.enum(['scheduled', 'cancelled', 'movedAway']),
  movedFrom: slot.nullable(),
  movedTo: slot.nullable(),
  changes: z.array(z.object({ id: Uuid, kind: z.enum(lessonChangeKinds), reason: z.string().nullable() })),
}).meta({ id: 'DatedLesson' });
export type DatedLessonDto = z.infer<typeof DatedLessonDto>;

export const DatedLessonListDto = z.object({
  from: z.string(),
  to: z.string(),
  items: z.array(DatedLessonDto),
  total: z.number().int(),
}).meta({ id: 'DatedLessonList' });
export type DatedLessonListDto = z.infer<typeof DatedLessonListDto>;

// ---------------------------------------------------------------------------------------------
// Changes

const reason = z.string({ error: 'Причина: ожидается строка' }).trim().max(500, 'Причина: не длиннее 500 символов');

export const distanceUrl = z.string({ error: 'Ссылка: ожидается строка' }).trim()
  .max(2000, 'Ссылка: не длиннее 2000 символов')
  .refine((v) => {
    try {
      const url = new URL(v);
      return url.protocol === 'https:' && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'Ссылка на занятие: нужен адрес, начинающийся с https://');

export const CreateLessonChangeBody = z.object({
  timetableLessonId: ref('Урок'),
  /** The first and last date the timetable gives the lesson; equal for one date. */
  from: isoDate('Дата начала'),
  to: isoDate('Дата окончания'),
  kind: z.enum(lessonChangeKinds, { error: 'Вид изменения: замена, отмена, другой кабинет, перенос или дистанционно' }),
  substituteEmployeeId: ref('Заменяющий учитель').optional(),
  roomId: ref('Кабинет').optional(),
  newDate: isoDate('Новая дата').optional(),
  newLessonNumber: z.number({ error: 'Новый номер урока: ожидается число' }).int('Новый номер урока: целое число')
    .min(1, 'Новый номер урока: от 1 до 12').max(12, 'Новый номер урока: от 1 до 12').optional(),
  distanceUrl: distanceUrl.optional(),
  reason: reason.optional(),
}).meta({ id: 'CreateLessonChangeBody' });
export type CreateLessonChangeBody = z.infer<typeof CreateLessonChangeBody>;

export const LessonChangeDto = z.object({
  id: Uuid,
  batchId: Uuid,
  kind: z.enum(lessonChangeKinds),
  /** The lesson as the timetable gives it. */
  timetableLessonId: Uuid,
  date: z.string(),
  lessonNumber: z.number().int().nullable(),
  subject: named.nullable(),
  class: named.nullable(),
  studyGroup: named.nullable(),
  teacher: named.nullable(),
  substitute: named.nullable(),
  room: named.nullable(),
  newDate: z.string().nullable(),
  newLessonNumber: z.number().int().nullable(),
  distanceUrl: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
}).meta({ id: 'LessonChange' });
export type LessonChangeDto = z.infer<typeof LessonChangeDto>;

export const LessonChangeListQuery = z.object({
  from: isoDate('Начало периода'),
  to: isoDate('Конец периода'),
  /** Revoked changes too. */
  includeRevoked: boolQuery.optional(),
});
export type LessonChangeListQuery = z.infer<typeof LessonChangeListQuery>;

export const LessonChangeListDto = z.object({ items: z.array(LessonChangeDto), total: z.number().int() }).meta({ id: 'LessonChangeList' });
export type LessonChangeListDto = z.infer<typeof LessonChangeListDto>;

export const CreatedLessonChangesDto = z.object({
  batchId: Uuid,
  /** One change per date on which the lesson takes place. */
  items: z.array(LessonChangeDto),
  /** Dates of the range on which the lesson does not take place (no school day, another weekday, cancelled). */
  skipped: z.number().int(),
  skippedDates: z.array(z.string()),
}).meta({ id: 'CreatedLessonChanges' });
export type CreatedLessonChangesDto = z.infer<typeof CreatedLessonChangesDto>;

export const RevokeLessonChangeQuery = z.object({
  /** Revoke every date of the change's batch, not just this one. */
  wholeBatch: boolQuery.optional(),
});
export type RevokeLessonChangeQuery = z.infer<typeof RevokeLessonChangeQuery>;

export const RevokedLessonChangesDto = z.object({ revoked: z.number().int() }).meta({ id: 'RevokedLessonChanges' });
export type RevokedLessonChangesDto = z.infer<typeof RevokedLessonChangesDto>;

// ---------------------------------------------------------------------------------------------
// Substitutes

export const SubstituteQuery = z.object({
  timetableLessonId: ref('Урок'),
  date: isoDate('Дата'),
});
export type SubstituteQuery = z.infer<typeof SubstituteQuery>;

export const SubstituteDto = z.object({
  employeeId: Uuid,
  name: z.string(),
  /** Teaches this subject (has it in the year's teaching load). */
  qualified: z.boolean(),
  /** Lessons they already give that day. */
  lessonsThatDay: z.number().int(),
}).meta({ id: 'Substitute' });
export type SubstituteDto = z.infer<typeof SubstituteDto>;

export const SubstituteListDto = z.object({
  date: z.string(),
  lessonNumber: z.number().int(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  subject: named,
  /** Free at that time: those who teach the subject first, then by fewer lessons that day. */
  items: z.array(SubstituteDto),
  total: z.number().int(),
}).meta({ id: 'SubstituteList' });
export type SubstituteListDto = z.infer<typeof SubstituteListDto>;

// ---------------------------------------------------------------------------------------------
// Notification events

export const NotificationEventQuery = z.object({
  from: isoDate('Начало периода'),
  to: isoDate('Конец периода'),
});
export type NotificationEventQuery = z.infer<typeof NotificationEventQuery>;

export const NotificationEventDto = z.object({
  id: Uuid,
  /** lessonSubstituted | lessonCancelled | lessonRoomChanged | lessonMoved | lessonDistance | lessonChangeRevoked | … */
  kind: z.string(),
  subjectType: z.string(),
  subjectId: Uuid,
  payload: z.record(z.string(), z.unknown()),
  audience: z.object({ classIds: z.array(Uuid), studyGroupIds: z.array(Uuid), employeeIds: z.array(Uuid) }),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
}).meta({ id: 'NotificationEvent' });
export type NotificationEventDto = z.infer<typeof NotificationEventDto>;

export const NotificationEventListDto = z.object({ items: z.array(NotificationEventDto), total: z.number().int() }).meta({ id: 'NotificationEventList' });
export type NotificationEventListDto = z.infer<typeof NotificationEventListDto>;

// Day regimes (SPEC B5): bell schedules of a shift and which schedule the school, a class, a study
// group (a stream) or one student (ИУП) follows from a date. Shapes only: the rules (times,
// overlaps, lengths, СанПиН warnings) are `bellScheduleIssues` in domain/regime.ts, reported with
// paths like `lessons.2.startsAt`.
import { z } from 'zod';
import { Uuid } from './common';

const isoDate = (what: string) => z.iso.date({ error: `${what}: ожидается дата в формате ГГГГ-ММ-ДД` });
const ref = (what: string) => z.uuid({ error: `${what}: неверный идентификатор` });
const academicYear = z.number({ error: 'Учебный год: ожидается число, например 2026' }).int().min(2000).max(2100);
const academicYearQuery = z.coerce.number({ error: 'Учебный год: ожидается число, например 2026' }).int().min(2000).max(2100);
const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });

export const SchoolParams = z.object({ schoolId: Uuid });
export const BellScheduleParams = SchoolParams.extend({ bellScheduleId: Uuid });
export const RegimeAssignmentParams = SchoolParams.extend({ assignmentId: Uuid });

/** A problem of a schedule that does not stop it from being saved (СанПиН: breaks, lesson length). */
export const RegimeWarning = z.object({ path: z.string(), code: z.string(), message: z.string() }).meta({ id: 'RegimeWarning' });

// ---------------------------------------------------------------------------------------------
// Bell schedules

/** Times arrive as text and are checked by the domain rule, so every problem is reported with its row. */
export const BellLessonBody = z.object({
  number: z.number({ error: 'Номер урока: ожидается число' }),
  startsAt: z.string({ error: 'Начало: ожидается время вида 08:30' }).trim().max(5, 'Начало: время вида 08:30'),
  endsAt: z.string({ error: 'Конец: ожидается время вида 09:15' }).trim().max(5, 'Конец: время вида 09:15'),
}).meta({ id: 'BellLesson' });
export type BellLessonBody = z.infer<typeof BellLessonBody>;

const shift = z.number({ error: 'Смена: ожидается число 1, 2 или 3' }).int('Смена: 1, 2 или 3').min(1, 'Смена: 1, 2 или 3').max(3, 'Смена: 1, 2 или 3');
const name = z.string({ error: 'Название: ожидается строка' }).max(200, 'Название: не длиннее 200 символов');
const lessons = z.array(BellLessonBody, { error: 'Уроки: ожидается список' }).max(13, 'Уроки: не больше 13');

export const CreateBellScheduleInput = z.object({
  /** Default: the school's current academic year. */
  academicYear: academicYear.optional(),
  name,
  shift,
  lessons,
}).meta({ id: 'CreateBellScheduleInput' });
export type CreateBellScheduleInput = z.infer<typeof CreateBellScheduleInput>;

export const UpdateBellScheduleInput = z.object({ name: name.optional(), shift: shift.optional(), lessons: lessons.optional() })
  .meta({ id: 'UpdateBellScheduleInput' });
export type UpdateBellScheduleInput = z.infer<typeof UpdateBellScheduleInput>;

export const BellScheduleDto = z.object({
  id: Uuid,
  academicYear: z.number().int(),
  name: z.string(),
  shift: z.number().int(),
  /** Ordered by number. */
  lessons: z.array(z.object({ number: z.number().int(), startsAt: z.string(), endsAt: z.string() })),
  /** Minutes of the break before each lesson after the first. */
  breaks: z.array(z.object({ number: z.number().int(), minutes: z.number().int().nullable() })),
  warnings: z.array(RegimeWarning),
  /** Assignments (past, current and future) that use the schedule; it cannot be deleted while there are any. */
  assignmentCount: z.number().int(),
}).meta({ id: 'BellSchedule' });
export type BellScheduleDto = z.infer<typeof BellScheduleDto>;
export const BellScheduleListDto = listOf(BellScheduleDto).meta({ id: 'BellScheduleList' });
export type BellScheduleListDto = z.infer<typeof BellScheduleListDto>;

export const YearQuery = z.object({ academicYear: academicYearQuery.optional() });
export type YearQuery = z.infer<typeof YearQuery>;

// ---------------------------------------------------------------------------------------------
// Assignments

export const RegimeTargetBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('school') }),
  z.object({ kind: z.literal('class'), classId: ref('Класс') }),
  z.object({ kind: z.literal('studyGroup'), studyGroupId: ref('Группа') }),
  z.object({ kind: z.literal('student'), studentId: ref('Ученик') }),
], { error: 'Кому назначить: школа, класс, группа или ученик' }).meta({ id: 'RegimeTarget' });
export type RegimeTargetBody = z.infer<typeof RegimeTargetBody>;

export const CreateRegimeAssignmentInput = z.object({
  bellScheduleId: ref('Расписание звонков'),
  target: RegimeTargetBody,
  /** The first day the schedule applies; the target's previous assignment ends the day before. */
  startsOn: isoDate('Действует с'),
}).meta({ id: 'CreateRegimeAssignmentInput' });
export type CreateRegimeAssignmentInput = z.infer<typeof CreateRegimeAssignmentInput>;

export const RegimeTargetKind = z.enum(['school', 'class', 'studyGroup', 'student']);
export type RegimeTargetKind = z.infer<typeof RegimeTargetKind>;

/** The target with the id of the class, group or student and a name to show («5А», «Английский 5АБ-1», «Иванов Иван»). */
export const RegimeTargetDto = z.object({ kind: RegimeTargetKind, id: Uuid.nullable(), name: z.string() }).meta({ id: 'RegimeTargetView' });
export type RegimeTargetDto = z.infer<typeof RegimeTargetDto>;

export const BellScheduleRef = z.object({ id: Uuid, name: z.string(), shift: z.number().int() });

export const RegimeAssignmentDto = z.object({
  id: Uuid,
  bellSchedule: BellScheduleRef,
  target: RegimeTargetDto,
  startsOn: z.iso.date(),
  /** Inclusive last day; null: open. */
  endsOn: z.iso.date().nullable(),
}).meta({ id: 'RegimeAssignment' });
export type RegimeAssignmentDto = z.infer<typeof RegimeAssignmentDto>;
export const RegimeAssignmentListDto = listOf(RegimeAssignmentDto).meta({ id: 'RegimeAssignmentList' });
export type RegimeAssignmentListDto = z.infer<typeof RegimeAssignmentListDto>;

// ---------------------------------------------------------------------------------------------
// In force on a date

export const EffectiveRegimeQuery = z.object({
  /** Default: today. */
  date: isoDate('Дата').optional(),
  classId: ref('Класс').optional(),
});
export type EffectiveRegimeQuery = z.infer<typeof EffectiveRegimeQuery>;

export const EffectiveRegimeDto = z.object({
  classId: Uuid,
  className: z.string(),
  grade: z.number().int(),
  /** Null: no schedule applies to the class on that date. */
  bellSchedule: BellScheduleRef.nullable(),
  /** Where it comes from: the class's own assignment or the school-wide one. */
  source: z.enum(['class', 'school']).nullable(),
  assignmentId: Uuid.nullable(),
}).meta({ id: 'EffectiveRegime' });
export type EffectiveRegimeDto = z.infer<typeof EffectiveRegimeDto>;
export const EffectiveRegimeListDto = z.object({
  date: z.iso.date(),
  items: z.array(EffectiveRegimeDto),
  total: z.number().int(),
  /** Classes of the date's academic year with no schedule. */
  withoutSchedule: z.number().int(),
}).meta({ id: 'EffectiveRegimeList' });
export type EffectiveRegimeListDto = z.infer<typeof EffectiveRegimeListDto>;

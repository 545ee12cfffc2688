// The academic calendar of a school year (SPEC B4): the document the journal administrator edits,
// the same shape as `AcademicCalendar` in domain/calendar.ts. Shape only; the rules (terms inside
// the year, no overlaps…) are `calendarIssues` in the domain, reported with field paths.
import { z } from 'zod';
import { termKinds } from '../domain/calendar';
import './common';
import { SampleOrigin } from './samples';

const IsoDate = z.iso.date({ error: 'Дата: ожидается ГГГГ-ММ-ДД' });
const Grade = z.number().int().min(1, 'Параллель: от 1 до 11').max(11, 'Параллель: от 1 до 11');
const Grades = z.array(Grade).min(1, 'Параллели: укажите хотя бы одну');

export const TermBody = z.object({ number: z.number().int().min(1).max(4), startsOn: IsoDate, endsOn: IsoDate });
export const TermSchemeBody = z.object({ grades: Grades, kind: z.enum(termKinds), terms: z.array(TermBody).min(1).max(4) });
export const HolidayBody = z.object({ name: z.string().trim().min(1, 'Название: обязательно').max(200), startsOn: IsoDate, endsOn: IsoDate, grades: Grades.optional() });
export const DayOffBody = z.object({ date: IsoDate, name: z.string().trim().min(1, 'Название: обязательно').max(200) });
export const WorkingWeekendBody = z.object({ date: IsoDate, worksAs: z.number().int().min(1).max(6) });
export const WeekLengthBody = z.object({ grades: Grades, days: z.union([z.literal(5), z.literal(6)]) });

/** The calendar document: what `PUT …/calendars/:academicYear` takes and what samples of kind `calendar` hold. */
export const AcademicCalendarBody = z.object({
  startsOn: IsoDate,
  endsOn: IsoDate,
  termSchemes: z.array(TermSchemeBody).min(1, 'Учебные периоды: задайте хотя бы одну схему').max(11),
  holidays: z.array(HolidayBody).max(50),
  daysOff: z.array(DayOffBody).max(60),
  workingWeekends: z.array(WorkingWeekendBody).max(20),
  weekLengths: z.array(WeekLengthBody).max(11),
}).meta({ id: 'AcademicCalendar' });
export type AcademicCalendarBody = z.infer<typeof AcademicCalendarBody>;

// ---------------------------------------------------------------------------------------------
// Routes of the calendar area (SPEC B4, B7, B8) under /api/v1/schools/:schoolId/.

const YearNumber = z.coerce.number({ error: 'Учебный год: ожидается число, например 2026' }).int().min(2000, 'Учебный год: от 2000 до 2100').max(2100, 'Учебный год: от 2000 до 2100');
export const CalendarParams = z.object({ schoolId: z.uuid(), academicYear: YearNumber });
export const AttestationScheduleParams = z.object({ schoolId: z.uuid(), scheduleId: z.uuid() });

export const SaveCalendarInput = z.object({
  /** The calendar document; absent when it is taken from a sample. */
  calendar: AcademicCalendarBody.optional(),
  /** The version the editor started from: a save over a newer one is refused (409 CALENDAR_CHANGED). */
  version: z.number().int().min(1).optional(),
  /** Take the calendar of a sample of kind `calendar` of the same academic year. */
  fromSample: z.object({ sampleId: z.uuid({ error: 'Образец: неверный идентификатор' }) }).optional(),
}).meta({ id: 'SaveCalendarInput' });
export type SaveCalendarInput = z.infer<typeof SaveCalendarInput>;

export const AttestationPeriodDto = z.object({
  id: z.uuid(), number: z.number().int(), name: z.string(), startsOn: IsoDate, endsOn: IsoDate,
  /** School days in the period for the schedule's first grade (null without a calendar). */
  schoolDays: z.number().int().nullable(),
}).meta({ id: 'AttestationPeriod' });
export type AttestationPeriodDto = z.infer<typeof AttestationPeriodDto>;

export const AttestationScheduleDto = z.object({
  id: z.uuid(),
  academicYear: z.number().int(),
  kind: z.enum(['terms', 'custom']),
  termKind: z.enum(termKinds).nullable(),
  grades: z.array(z.number().int()),
  name: z.string(),
  periods: z.array(AttestationPeriodDto),
  /** Curriculum lines that follow this schedule. */
  usedBy: z.number().int(),
}).meta({ id: 'AttestationSchedule' });
export type AttestationScheduleDto = z.infer<typeof AttestationScheduleDto>;
export const AttestationScheduleListDto = z.object({ items: z.array(AttestationScheduleDto), total: z.number().int() });
export type AttestationScheduleListDto = z.infer<typeof AttestationScheduleListDto>;

export const TermSummaryDto = z.object({ number: z.number().int(), startsOn: IsoDate, endsOn: IsoDate, schoolDays: z.number().int(), weeks: z.number() });
export const GradeSummaryDto = z.object({
  grade: z.number().int(), kind: z.enum(termKinds), weekDays: z.number().int(),
  terms: z.array(TermSummaryDto), schoolDays: z.number().int(), weeks: z.number(),
}).meta({ id: 'CalendarGradeSummary' });
export type GradeSummaryDto = z.infer<typeof GradeSummaryDto>;

export const CalendarDto = z.object({
  academicYear: z.number().int(),
  // Its own component name: the same schema as an input and an output collides in the OpenAPI document.
  calendar: AcademicCalendarBody.meta({ id: 'AcademicCalendarSaved' }),
  version: z.number().int(),
  // Lazy: contracts/samples.ts builds on this module's AcademicCalendarBody.
  sample: z.lazy(() => SampleOrigin).nullable(),
  termSchedules: z.array(AttestationScheduleDto),
  summary: z.array(GradeSummaryDto),
}).meta({ id: 'AcademicCalendarRecord' });
export type CalendarDto = z.infer<typeof CalendarDto>;

export const CalendarDaysQuery = z.object({
  grade: z.coerce.number({ error: 'Параллель: ожидается число от 1 до 11' }).int().min(1, 'Параллель: от 1 до 11').max(11, 'Параллель: от 1 до 11'),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export const CalendarDayDto = z.object({
  date: IsoDate,
  schoolDay: z.boolean(),
  /** Why it is not a school day: outsideYear | noTerm | weekend | dayOff | holiday. */
  reason: z.enum(['outsideYear', 'noTerm', 'weekend', 'dayOff', 'holiday']).nullable(),
  termNumber: z.number().int().nullable(),
  termKind: z.enum(termKinds).nullable(),
  /** The weekday whose timetable applies (1 = Monday). */
  timetableDay: z.number().int().nullable(),
  /** Name of the holiday or day off. */
  name: z.string().nullable(),
});
export const CalendarDaysDto = z.object({ academicYear: z.number().int(), grade: z.number().int(), days: z.array(CalendarDayDto) }).meta({ id: 'CalendarDays' });
export type CalendarDaysDto = z.infer<typeof CalendarDaysDto>;

export const AttestationScheduleListQuery = z.object({ academicYear: YearNumber.optional() });
const PeriodInput = z.object({ name: z.string().max(100, 'Название периода: не длиннее 100 символов'), startsOn: z.string(), endsOn: z.string() });
const ScheduleName = z.string().trim().min(1, 'Название: обязательное поле').max(200, 'Название: не длиннее 200 символов');
export const CreateAttestationScheduleInput = z.object({
  academicYear: z.number().int().min(2000).max(2100),
  name: ScheduleName,
  grades: Grades,
  /** In order; the dates are checked together (inside the year, not overlapping) and reported by field. */
  periods: z.array(PeriodInput).max(12, 'Периоды: не больше 12'),
}).meta({ id: 'CreateAttestationScheduleInput' });
export type CreateAttestationScheduleInput = z.infer<typeof CreateAttestationScheduleInput>;
export const UpdateAttestationScheduleInput = z.object({
  name: ScheduleName.optional(),
  grades: Grades.optional(),
  periods: z.array(PeriodInput).max(12, 'Периоды: не больше 12').optional(),
}).meta({ id: 'UpdateAttestationScheduleInput' });
export type UpdateAttestationScheduleInput = z.infer<typeof UpdateAttestationScheduleInput>;

// Numbers only here: the ranges and the order of thresholds are `policyIssues` (domain/mark-policy.ts),
// reported all at once with their fields.
const Num = (what: string) => z.number({ error: `${what}: ожидается число` });
export const RoundingBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('thresholds'), five: Num('Порог «5»'), four: Num('Порог «4»'), three: Num('Порог «3»') }),
  z.object({ kind: z.literal('arithmetic') }),
], { error: 'Округление: пороговое (thresholds) или арифметическое (arithmetic)' });
export const MarkEntryPolicyBody = z.object({
  currentMarksDaysBack: Num('Дней на текущие отметки'),
  periodMarksDaysAfter: Num('Дней на отметки за период'),
  rounding: RoundingBody,
  minMarksForPeriodMark: Num('Минимум отметок'),
}).meta({ id: 'MarkEntryPolicyBody' });
export type MarkEntryPolicyBody = z.infer<typeof MarkEntryPolicyBody>;
export const MarkEntryPolicyDto = MarkEntryPolicyBody.extend({
  academicYear: z.number().int(),
  /** Nothing saved yet: these are the defaults. */
  isDefault: z.boolean(),
}).meta({ id: 'MarkEntryPolicy' });
export type MarkEntryPolicyDto = z.infer<typeof MarkEntryPolicyDto>;

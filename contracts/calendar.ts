// The academic calendar of a school year (SPEC B4): the document the journal administrator edits,
// the same shape as `AcademicCalendar` in domain/calendar.ts. Shape only; the rules (terms inside
// the year, no overlaps…) are `calendarIssues` in the domain, reported with field paths.
import { z } from 'zod';
import { termKinds } from '../domain/calendar';
import './common';

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

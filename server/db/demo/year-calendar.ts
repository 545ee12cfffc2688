// Demo year: the academic calendar with its terms, attestation periods, the mark-entry policy.
// The typical calendar of the year (domain/calendar-template.ts, which always passes
// `calendarIssues`): quarters for grades 1–9, halves for 10–11, each scheme an attestation
// schedule of kind `terms` whose periods are the terms — as the calendar service saves it — and
// the default mark-entry policy saved. Four statements per school.
import { uuidv7 } from 'uuidv7';
import { termName, termScheduleName } from '../../../domain/attestation';
import type { AcademicCalendar } from '../../../domain/calendar';
import { typicalCalendar } from '../../../domain/calendar-template';
import { defaultMarkEntryPolicy } from '../../../domain/mark-policy';
import type { Queryable } from '../client';
import { academicCalendars, attestationPeriods, attestationSchedules, markEntryPolicies } from '../schema';
import type { SchoolContext } from './generate';
import type { YearSeed } from './year';

type ScheduleRow = typeof attestationSchedules.$inferInsert & { id: string; grades: number[] };
type PeriodRow = typeof attestationPeriods.$inferInsert;

/** The rows of the `terms` schedules of a calendar, named as the service names them. */
export function termScheduleRows(schoolId: string, academicYear: number, calendar: AcademicCalendar): { schedules: ScheduleRow[]; periods: PeriodRow[] } {
  const schedules: ScheduleRow[] = [];
  const periods: PeriodRow[] = [];
  for (const scheme of calendar.termSchemes) {
    const grades = [...scheme.grades].sort((a, b) => a - b);
    const id = uuidv7();
    schedules.push({ schoolId, id, academicYear, kind: 'terms', termKind: scheme.kind, grades, name: termScheduleName(scheme.kind, grades) });
    for (const t of scheme.terms) {
      periods.push({ schoolId, scheduleId: id, number: t.number, name: termName(scheme.kind, t.number), startsOn: t.startsOn, endsOn: t.endsOn });
    }
  }
  return { schedules, periods };
}

export async function seedCalendar(q: Queryable, ctx: SchoolContext, year: YearSeed): Promise<void> {
  const { schoolId, academicYear } = ctx;
  const calendar = typicalCalendar(academicYear);
  await q.insert(academicCalendars).values({
    schoolId, academicYear, startsOn: calendar.startsOn, endsOn: calendar.endsOn, holidays: calendar.holidays, daysOff: calendar.daysOff,
    workingWeekends: calendar.workingWeekends, weekLengths: calendar.weekLengths,
  });
  const { schedules, periods } = termScheduleRows(schoolId, academicYear, calendar);
  await q.insert(attestationSchedules).values(schedules);
  await q.insert(attestationPeriods).values(periods);
  for (const s of schedules) for (const g of s.grades) year.termScheduleIdByGrade.set(g, s.id);
  await q.insert(markEntryPolicies).values({ schoolId, academicYear, ...defaultMarkEntryPolicy });
}

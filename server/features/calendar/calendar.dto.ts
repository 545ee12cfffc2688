// Answers of the calendar area built from rows.
import { schemeOf, schoolDaysIn, type AcademicCalendar } from '../../../domain/calendar';
import type { AttestationScheduleDto } from '../../../contracts/calendar';
import type { ScheduleWithPeriods } from './calendar.repo';

export type FieldIssue = { path: string; code: string; message: string };

/**
 * A schedule with its periods. School days are counted for the schedule's first grade (grades of
 * one scheme may differ only in week length), or null without a calendar.
 */
export function attestationScheduleDto(s: ScheduleWithPeriods, usedBy: number, calendar: AcademicCalendar | null): AttestationScheduleDto {
  const grade = Math.min(...s.grades);
  const counts = calendar !== null && schemeOf(calendar, grade) !== null;
  return {
    id: s.id,
    academicYear: s.academicYear,
    kind: s.kind === 'terms' ? 'terms' : 'custom',
    termKind: (s.termKind ?? null) as AttestationScheduleDto['termKind'],
    grades: s.grades,
    name: s.name,
    periods: s.periods.map((p) => ({
      id: p.id, number: p.number, name: p.name, startsOn: p.startsOn, endsOn: p.endsOn,
      schoolDays: counts ? schoolDaysIn(calendar, grade, p).length : null,
    })),
    usedBy,
  };
}

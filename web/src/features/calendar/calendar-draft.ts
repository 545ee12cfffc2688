// The calendar as the form edits it: grades typed as text («1–9», «10, 11»), every row with a key
// for React, and back to the calendar document the server takes.
import type { AcademicCalendarBody } from '../../../../contracts/calendar';
import { termsPerYear, type AcademicCalendar, type TermKind } from '../../../../domain/calendar';

export type SchemeDraft = { key: number; grades: string; kind: TermKind; terms: { startsOn: string; endsOn: string }[] };
export type HolidayDraft = { key: number; name: string; startsOn: string; endsOn: string; grades: string };
export type DayOffDraft = { key: number; date: string; name: string };
export type WorkingWeekendDraft = { key: number; date: string; worksAs: string };
export type WeekLengthDraft = { key: number; grades: string; days: string };

export type CalendarDraft = {
  startsOn: string;
  endsOn: string;
  schemes: SchemeDraft[];
  holidays: HolidayDraft[];
  daysOff: DayOffDraft[];
  workingWeekends: WorkingWeekendDraft[];
  weekLengths: WeekLengthDraft[];
};

let nextKey = 1;
export const newKey = (): number => nextKey++;

/** «1–9», «1-4, 6», «10 11» → [1…9], [1, 2, 3, 4, 6], [10, 11]; a token that is not a grade gives 0 (the server names it). */
export function parseGrades(text: string): number[] {
  const out: number[] = [];
  for (const token of text.split(/[,;\s]+/).filter(Boolean)) {
    const range = /^(\d+)\s*[-–—]\s*(\d+)$/.exec(token);
    if (range) {
      const [from, to] = [Number(range[1]), Number(range[2])];
      if (from <= to && to - from <= 11) for (let g = from; g <= to; g++) out.push(g);
      else out.push(0);
    } else out.push(/^\d+$/.test(token) ? Number(token) : 0);
  }
  return [...new Set(out)];
}

/** [1…9] → «1–9», [10, 11] → «10–11», [1, 3] → «1, 3». */
export function gradesText(grades: readonly number[]): string {
  const sorted = [...new Set(grades)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j - i >= 1 ? `${sorted[i]}–${sorted[j]}` : String(sorted[i]));
    i = j + 1;
  }
  return parts.join(', ');
}

export function draftOf(c: AcademicCalendar): CalendarDraft {
  return {
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    schemes: c.termSchemes.map((s) => ({
      key: newKey(), grades: gradesText(s.grades), kind: s.kind,
      terms: [...s.terms].sort((a, b) => a.number - b.number).map((t) => ({ startsOn: t.startsOn, endsOn: t.endsOn })),
    })),
    holidays: c.holidays.map((h) => ({ key: newKey(), name: h.name, startsOn: h.startsOn, endsOn: h.endsOn, grades: h.grades ? gradesText(h.grades) : '' })),
    daysOff: c.daysOff.map((d) => ({ key: newKey(), date: d.date, name: d.name })),
    workingWeekends: c.workingWeekends.map((w) => ({ key: newKey(), date: w.date, worksAs: String(w.worksAs) })),
    weekLengths: c.weekLengths.map((w) => ({ key: newKey(), grades: gradesText(w.grades), days: String(w.days) })),
  };
}

/** An empty year to start from: quarters for 1–9, halves for 10–11, a five-day week. */
export function blankDraft(academicYear: number): CalendarDraft {
  const scheme = (grades: string, kind: TermKind): SchemeDraft =>
    ({ key: newKey(), grades, kind, terms: Array.from({ length: termsPerYear[kind] }, () => ({ startsOn: '', endsOn: '' })) });
  return {
    startsOn: `${academicYear}-09-01`,
    endsOn: `${academicYear + 1}-05-26`,
    schemes: [scheme('1–9', 'quarter'), scheme('10–11', 'half')],
    holidays: [],
    daysOff: [],
    workingWeekends: [],
    weekLengths: [{ key: newKey(), grades: '1–11', days: '5' }],
  };
}

/** The number of term rows follows the kind: four quarters, three trimesters, two halves. */
export function withKind(scheme: SchemeDraft, kind: TermKind): SchemeDraft {
  const n = termsPerYear[kind];
  const terms = scheme.terms.slice(0, n);
  while (terms.length < n) terms.push({ startsOn: '', endsOn: '' });
  return { ...scheme, kind, terms };
}

export function bodyOf(d: CalendarDraft): AcademicCalendarBody {
  return {
    startsOn: d.startsOn,
    endsOn: d.endsOn,
    termSchemes: d.schemes.map((s) => ({
      grades: parseGrades(s.grades), kind: s.kind,
      terms: s.terms.map((t, i) => ({ number: i + 1, startsOn: t.startsOn, endsOn: t.endsOn })),
    })),
    holidays: d.holidays.map((h) => ({
      name: h.name, startsOn: h.startsOn, endsOn: h.endsOn, ...(h.grades.trim() === '' ? {} : { grades: parseGrades(h.grades) }),
    })),
    daysOff: d.daysOff.map((x) => ({ date: x.date, name: x.name })),
    workingWeekends: d.workingWeekends.map((w) => ({ date: w.date, worksAs: Number(w.worksAs) })),
    weekLengths: d.weekLengths.map((w) => ({ grades: parseGrades(w.grades), days: w.days === '6' ? 6 : 5 })),
  };
}

/** The server's message for a field, or for any field under it when `deep`. */
export function errorAt(errors: Record<string, string>, path: string, deep = false): string | undefined {
  if (errors[path]) return errors[path];
  if (!deep) return undefined;
  const key = Object.keys(errors).find((k) => k.startsWith(`${path}.`));
  return key ? errors[key] : undefined;
}

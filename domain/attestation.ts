// Attestation periods (SPEC B7): by default the terms of the calendar; a curriculum line may follow
// an own schedule instead (a half-year subject attested once, a subject attested by halves while
// its grade works in quarters). The periods of a schedule lie inside the year, follow each other in
// order and do not overlap. Dates are local ISO dates "YYYY-MM-DD".
import { isIsoDate, termKindTitles, type DateRange, type TermKind } from './calendar';

export type PeriodDraft = DateRange & { name: string };
export type Period = DateRange & { number: number; name: string };
export type PeriodIssue = { path: string; code: string; message: string };

const ru = (iso: string): string => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/**
 * What is wrong with the periods of a schedule within a year's dates, each with its field
 * (`periods.1.startsOn`) and a Russian message; empty when they can be saved.
 */
export function periodIssues(periods: readonly PeriodDraft[], year: DateRange): PeriodIssue[] {
  const issues: PeriodIssue[] = [];
  const add = (path: string, code: string, message: string) => issues.push({ path, code, message });
  if (periods.length === 0) add('periods', 'PERIODS_EMPTY', 'Периоды: добавьте хотя бы один период');
  let previous: (PeriodDraft & { index: number }) | null = null;
  periods.forEach((p, i) => {
    const base = `periods.${i}`;
    const what = p.name.trim() === '' ? `Период ${i + 1}` : `Период «${p.name.trim()}»`;
    if (p.name.trim() === '') add(`${base}.name`, 'NAME_EMPTY', `Период ${i + 1}: укажите название`);
    const startOk = isIsoDate(p.startsOn);
    const endOk = isIsoDate(p.endsOn);
    if (!startOk) add(`${base}.startsOn`, 'DATE_INVALID', `${what}: неверная дата начала`);
    if (!endOk) add(`${base}.endsOn`, 'DATE_INVALID', `${what}: неверная дата окончания`);
    if (!startOk || !endOk) return;
    if (p.startsOn > p.endsOn) {
      add(`${base}.endsOn`, 'RANGE_REVERSED', `${what}: окончание раньше начала`);
      return;
    }
    let inside = true;
    if (p.startsOn < year.startsOn || p.startsOn > year.endsOn) {
      add(`${base}.startsOn`, 'PERIOD_OUTSIDE_YEAR', `${what}: начало вне учебного года (${ru(year.startsOn)}–${ru(year.endsOn)})`);
      inside = false;
    }
    if (p.endsOn < year.startsOn || p.endsOn > year.endsOn) {
      add(`${base}.endsOn`, 'PERIOD_OUTSIDE_YEAR', `${what}: окончание вне учебного года (${ru(year.startsOn)}–${ru(year.endsOn)})`);
      inside = false;
    }
    if (inside && previous && p.startsOn <= previous.endsOn) {
      add(`${base}.startsOn`, 'PERIODS_OVERLAP',
        p.endsOn < previous.startsOn
          ? `${what}: периоды должны идти по порядку дат`
          : `${what}: пересекается с периодом ${previous.index + 1}`);
    }
    previous = { ...p, index: i };
  });
  return issues;
}

/** The period a date falls in, or null between periods and outside them. */
export function periodOf<P extends DateRange>(periods: readonly P[], date: string): P | null {
  return periods.find((p) => p.startsOn <= date && date <= p.endsOn) ?? null;
}

/** «1 четверть», «2 полугодие», «3 триместр». */
export const termName = (kind: TermKind, number: number): string => `${number} ${termKindTitles[kind].toLowerCase()}`;

const schemeTitles: Record<TermKind, string> = { quarter: 'Четверти', trimester: 'Триместры', half: 'Полугодия' };

/** «1–9 классы», «10–11 классы», «5 класс», «1, 3, 5 классы». */
export function gradesTitle(grades: readonly number[]): string {
  const sorted = [...new Set(grades)].sort((a, b) => a - b);
  if (sorted.length === 0) return '';
  if (sorted.length === 1) return `${sorted[0]} класс`;
  const contiguous = sorted.every((g, i) => i === 0 || g === sorted[i - 1]! + 1);
  return contiguous ? `${sorted[0]}–${sorted[sorted.length - 1]} классы` : `${sorted.join(', ')} классы`;
}

/** «Четверти (1–9 классы)»: the name of the terms schedule of a term scheme. */
export const termScheduleName = (kind: TermKind, grades: readonly number[]): string => `${schemeTitles[kind]} (${gradesTitle(grades)})`;

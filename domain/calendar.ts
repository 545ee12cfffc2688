// The academic calendar (календарный учебный график, SPEC B3): the year's dates, terms per
// grade (quarters, trimesters or halves — e.g. grades 10–11 in halves), holidays (каникулы, some
// only for some grades, like the extra February week of the first grade), public holidays and
// moved days off, and a 5- or 6-day week per grade. `schoolDayOf` answers whether a date is a
// school day for a grade and which term it is in; the journal, the timetable's lessons by date
// and every report count days through it. Dates are local ISO dates "YYYY-MM-DD".

export const termKinds = ['quarter', 'trimester', 'half'] as const;
export type TermKind = (typeof termKinds)[number];
export const termKindTitles: Record<TermKind, string> = { quarter: 'Четверть', trimester: 'Триместр', half: 'Полугодие' };
export const termsPerYear: Record<TermKind, number> = { quarter: 4, trimester: 3, half: 2 };

/** Inclusive range of local dates. */
export type DateRange = { startsOn: string; endsOn: string };
export type Term = DateRange & { number: number };
/** How one set of grades divides the year. */
export type TermScheme = { grades: readonly number[]; kind: TermKind; terms: readonly Term[] };
export type Holiday = DateRange & { name: string; /** Absent: every grade. */ grades?: readonly number[] };
/** A weekday off by law or decree (a public holiday, a day off moved onto a weekday). */
export type DayOff = { date: string; name: string };
/** A Saturday or Sunday made a working day by decree; lessons follow the timetable of `worksAs` (1 = Monday). */
export type WorkingWeekend = { date: string; worksAs: number };
export type WeekLength = { grades: readonly number[]; days: 5 | 6 };

export type AcademicCalendar = DateRange & {
  termSchemes: readonly TermScheme[];
  holidays: readonly Holiday[];
  daysOff: readonly DayOff[];
  workingWeekends: readonly WorkingWeekend[];
  weekLengths: readonly WeekLength[];
};

export type NotSchoolDayReason = 'outsideYear' | 'noTerm' | 'weekend' | 'dayOff' | 'holiday';

export type SchoolDayAnswer =
  | { schoolDay: true; term: Term; kind: TermKind; /** The weekday whose timetable applies (1 = Monday … 6 = Saturday). */ timetableDay: number }
  | { schoolDay: false; reason: NotSchoolDayReason; term: Term | null; kind: TermKind | null; /** Name of the holiday or day off. */ name?: string };

const dayMs = 86_400_000;
const toDay = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / dayMs;
const fromDay = (day: number): string => new Date(day * dayMs).toISOString().slice(0, 10);

/** 1 = Monday … 7 = Sunday. */
export const weekdayOf = (iso: string): number => {
  const d = new Date(toDay(iso) * dayMs).getUTCDay();
  return d === 0 ? 7 : d;
};

export const addDays = (iso: string, days: number): string => fromDay(toDay(iso) + days);

const within = (iso: string, r: DateRange): boolean => r.startsOn <= iso && iso <= r.endsOn;
const covers = (grades: readonly number[] | undefined, grade: number): boolean => grades === undefined || grades.includes(grade);

export const isIsoDate = (value: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) && fromDay(toDay(value)) === value;

/** The term scheme a grade follows, or null when the calendar gives it none. */
export const schemeOf = (calendar: AcademicCalendar, grade: number): TermScheme | null =>
  calendar.termSchemes.find((s) => s.grades.includes(grade)) ?? null;

export const weekLengthOf = (calendar: AcademicCalendar, grade: number): 5 | 6 =>
  calendar.weekLengths.find((w) => w.grades.includes(grade))?.days ?? 5;

/** Whether a date is a school day for a grade, and which term it falls in. */
export function schoolDayOf(calendar: AcademicCalendar, grade: number, date: string): SchoolDayAnswer {
  const scheme = schemeOf(calendar, grade);
  const term = scheme?.terms.find((t) => within(date, t)) ?? null;
  const kind = term ? scheme!.kind : null;
  const no = (reason: NotSchoolDayReason, name?: string): SchoolDayAnswer =>
    ({ schoolDay: false, reason, term, kind, ...(name === undefined ? {} : { name }) });
  if (!within(date, calendar)) return no('outsideYear');
  const holiday = calendar.holidays.find((h) => covers(h.grades, grade) && within(date, h));
  if (holiday) return no('holiday', holiday.name);
  if (!term) return no('noTerm');
  const dayOff = calendar.daysOff.find((d) => d.date === date);
  if (dayOff) return no('dayOff', dayOff.name);
  const weekday = weekdayOf(date);
  if (weekday <= weekLengthOf(calendar, grade)) return { schoolDay: true, term, kind: kind!, timetableDay: weekday };
  const moved = calendar.workingWeekends.find((w) => w.date === date);
  // A working Saturday or Sunday by decree is a school day for every week length.
  if (moved) return { schoolDay: true, term, kind: kind!, timetableDay: moved.worksAs };
  return no('weekend');
}

/** The school days of a grade within a range (inclusive), in order. */
export function schoolDaysIn(calendar: AcademicCalendar, grade: number, range: DateRange): string[] {
  const out: string[] = [];
  for (let d = toDay(range.startsOn), end = toDay(range.endsOn); d <= end; d++) {
    const iso = fromDay(d);
    if (schoolDayOf(calendar, grade, iso).schoolDay) out.push(iso);
  }
  return out;
}

export type CalendarIssue = { path: string; code: string; message: string };

/**
 * What is wrong with a calendar, each with the field and a Russian message; empty when it can be
 * saved. Checks dates, order, terms inside the year and not overlapping, the number of terms
 * matching the kind, every grade in exactly one scheme, holidays inside the year, moved days.
 */
export function calendarIssues(calendar: AcademicCalendar): CalendarIssue[] {
  const issues: CalendarIssue[] = [];
  const add = (path: string, code: string, message: string) => issues.push({ path, code, message });
  const range = (path: string, r: DateRange, what: string): boolean => {
    if (!isIsoDate(r.startsOn) || !isIsoDate(r.endsOn)) {
      add(path, 'DATE_INVALID', `${what}: неверная дата`);
      return false;
    }
    if (r.startsOn > r.endsOn) {
      add(path, 'RANGE_REVERSED', `${what}: начало позже окончания`);
      return false;
    }
    return true;
  };
  if (!range('', calendar, 'Учебный год')) return issues;
  if (toDay(calendar.endsOn) - toDay(calendar.startsOn) > 366) add('endsOn', 'YEAR_TOO_LONG', 'Учебный год длиннее календарного года');

  const seenGrades = new Map<number, number>();
  calendar.termSchemes.forEach((scheme, si) => {
    const base = `termSchemes.${si}`;
    if (scheme.grades.length === 0) add(`${base}.grades`, 'GRADES_EMPTY', 'Выберите параллели');
    for (const g of scheme.grades) {
      if (!Number.isInteger(g) || g < 1 || g > 11) add(`${base}.grades`, 'GRADE_INVALID', `Параллель ${g}: ожидается число от 1 до 11`);
      else if (seenGrades.has(g)) add(`${base}.grades`, 'GRADE_TWICE', `Параллель ${g} уже есть в другой схеме периодов`);
      else seenGrades.set(g, si);
    }
    if (scheme.terms.length !== termsPerYear[scheme.kind]) {
      add(`${base}.terms`, 'TERM_COUNT', `${termKindTitles[scheme.kind]}: в году их должно быть ${termsPerYear[scheme.kind]}, а задано ${scheme.terms.length}`);
    }
    const valid = scheme.terms.filter((t, ti) => {
      const path = `${base}.terms.${ti}`;
      const what = `${termKindTitles[scheme.kind]} ${t.number}`;
      if (!range(path, t, what)) return false;
      if (!within(t.startsOn, calendar) || !within(t.endsOn, calendar)) {
        add(path, 'TERM_OUTSIDE_YEAR', `${what}: выходит за границы учебного года`);
        return false;
      }
      return true;
    });
    const sorted = [...valid].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i]!.startsOn <= sorted[i - 1]!.endsOn) {
        add(`${base}.terms`, 'TERMS_OVERLAP', `${termKindTitles[scheme.kind]} ${sorted[i - 1]!.number} и ${sorted[i]!.number} пересекаются`);
      }
    }
    sorted.forEach((t, i) => {
      if (t.number !== i + 1) add(`${base}.terms`, 'TERM_NUMBERS', 'Периоды должны идти по порядку номеров: 1, 2, 3…');
    });
  });
  calendar.holidays.forEach((h, hi) => {
    const path = `holidays.${hi}`;
    if (h.name.trim() === '') add(`${path}.name`, 'NAME_EMPTY', 'Укажите название каникул');
    if (range(path, h, `Каникулы «${h.name}»`) && (!within(h.startsOn, calendar) || !within(h.endsOn, calendar))) {
      add(path, 'HOLIDAY_OUTSIDE_YEAR', `Каникулы «${h.name}» выходят за границы учебного года`);
    }
  });
  calendar.daysOff.forEach((d, di) => {
    if (!isIsoDate(d.date)) add(`daysOff.${di}`, 'DATE_INVALID', 'Нерабочий день: неверная дата');
  });
  calendar.workingWeekends.forEach((w, wi) => {
    const path = `workingWeekends.${wi}`;
    if (!isIsoDate(w.date)) add(path, 'DATE_INVALID', 'Рабочий выходной: неверная дата');
    else if (weekdayOf(w.date) < 6) add(path, 'NOT_A_WEEKEND', 'Рабочим по переносу может быть только суббота или воскресенье');
    if (!Number.isInteger(w.worksAs) || w.worksAs < 1 || w.worksAs > 6) add(`${path}.worksAs`, 'WEEKDAY_INVALID', 'День расписания: от понедельника до субботы');
  });
  calendar.weekLengths.forEach((w, wi) => {
    if (w.days !== 5 && w.days !== 6) add(`weekLengths.${wi}.days`, 'WEEK_LENGTH', 'Учебная неделя: 5 или 6 дней');
  });
  return issues;
}

export type TermSummary = Term & { schoolDays: number; weeks: number };
/** How many school days and weeks a grade has in each term and in the year. */
export type GradeSummary = { grade: number; kind: TermKind; weekDays: 5 | 6; terms: TermSummary[]; schoolDays: number; weeks: number };

/** School days counted per week length, to one decimal: 170 days of a five-day week are 34 weeks. */
const weeksOf = (schoolDays: number, weekDays: number): number => Math.round((schoolDays / weekDays) * 10) / 10;

/** The per-grade summary of a calendar, for every grade its term schemes name, in grade order. */
export function gradeSummaries(calendar: AcademicCalendar): GradeSummary[] {
  const out: GradeSummary[] = [];
  const grades = [...new Set(calendar.termSchemes.flatMap((s) => s.grades))].sort((a, b) => a - b);
  for (const grade of grades) {
    const scheme = schemeOf(calendar, grade)!;
    const weekDays = weekLengthOf(calendar, grade);
    const terms = [...scheme.terms].sort((a, b) => a.number - b.number).map((t) => {
      const schoolDays = schoolDaysIn(calendar, grade, t).length;
      return { ...t, schoolDays, weeks: weeksOf(schoolDays, weekDays) };
    });
    const schoolDays = terms.reduce((sum, t) => sum + t.schoolDays, 0);
    out.push({ grade, kind: scheme.kind, weekDays, terms, schoolDays, weeks: weeksOf(schoolDays, weekDays) });
  }
  return out;
}

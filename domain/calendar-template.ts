// The typical academic calendar (типовой календарный учебный график) of a year, as the federal
// programmes describe it (ФОП НОО п. 172) and as the ministry recommends it each year: the year
// starts on 1 September (the next working day when that is a day off) and ends on 26 May (the
// previous working day when that is a day off); quarters for grades 1–9 with autumn, winter and
// spring holidays of at least a week and an extra February week for the first grade; halves for
// grades 10–11; public holidays (ТК РФ ст. 112) with their days off moved by the rule of the code
// and, where the government's decree is known, by the decree. A school adjusts the result.
import { addDays, weekdayOf, type AcademicCalendar, type DayOff, type Holiday, type TermScheme, type WorkingWeekend } from './calendar';

export type TypicalCalendarOptions = {
  /** Week length of grades 2–11 (the first grade always works five days). Default 5. */
  weekDays?: 5 | 6;
  /** Grades 10–11 in halves (default) or in quarters like the rest. */
  seniorHalves?: boolean;
};

/** Public holidays of the school months (ТК РФ ст. 112), month-day; 1–8 January lie in the winter holidays. */
const publicHolidays: readonly { monthDay: string; name: string }[] = [
  { monthDay: '11-04', name: 'День народного единства' },
  { monthDay: '02-23', name: 'День защитника Отечества' },
  { monthDay: '03-08', name: 'Международный женский день' },
  { monthDay: '05-01', name: 'Праздник Весны и Труда' },
  { monthDay: '05-09', name: 'День Победы' },
];

/**
 * Days off moved by a government decree, by calendar year (the transfers the code itself makes are
 * computed). 2025: постановление от 04.10.2024 — the day off of Saturday 1 November moved to Monday
 * 3 November, 5 January to 31 December. 2026: постановление, signed 24.09.2025 — 3 January to
 * 9 January, 4 January to 31 December. 2027: no decree yet; the code's own transfers only.
 */
const decrees: Readonly<Record<number, { daysOff: readonly DayOff[]; workingWeekends: readonly WorkingWeekend[] }>> = {
  2025: {
    daysOff: [{ date: '2025-11-03', name: 'Перенос выходного дня' }, { date: '2025-12-31', name: 'Перенос выходного дня' }],
    workingWeekends: [{ date: '2025-11-01', worksAs: 1 }],
  },
  2026: {
    daysOff: [{ date: '2026-01-09', name: 'Перенос выходного дня' }, { date: '2026-12-31', name: 'Перенос выходного дня' }],
    workingWeekends: [],
  },
};

const grades = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The last `weekday` (1 = Monday … 7 = Sunday) of a month. */
function lastWeekdayOf(year: number, month: number, weekday: number): string {
  const nextMonth = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  let d = addDays(nextMonth, -1);
  while (weekdayOf(d) !== weekday) d = addDays(d, -1);
  return d;
}

/** The first `weekday` on or after a date. */
function weekdayOnOrAfter(date: string, weekday: number): string {
  let d = date;
  while (weekdayOf(d) !== weekday) d = addDays(d, 1);
  return d;
}

/** The typical calendar of an academic year (2026 for 2026/27). It always passes `calendarIssues`. */
export function typicalCalendar(academicYear: number, options: TypicalCalendarOptions = {}): AcademicCalendar {
  const weekDays = options.weekDays ?? 5;
  const seniorHalves = options.seniorHalves ?? true;
  const y = academicYear;
  const isOff = (date: string) => weekdayOf(date) === 7 || (weekDays === 5 && weekdayOf(date) === 6);

  let startsOn = `${y}-09-01`;
  while (isOff(startsOn)) startsOn = addDays(startsOn, 1);
  let endsOn = `${y + 1}-05-26`;
  while (isOff(endsOn)) endsOn = addDays(endsOn, -1);

  // Autumn: from the last Saturday of October, nine days; winter: 31 December to the Sunday after
  // 8 January; the first grade's extra week from the Monday after 14 February; spring: from the
  // last Saturday of March, nine days.
  const autumn = lastWeekdayOf(y, 10, 6);
  const winterEnd = weekdayOnOrAfter(`${y + 1}-01-08`, 7);
  const february = weekdayOnOrAfter(`${y + 1}-02-15`, 1);
  const spring = lastWeekdayOf(y + 1, 3, 6);
  const holidays: Holiday[] = [
    { name: 'Осенние каникулы', startsOn: autumn, endsOn: addDays(autumn, 8) },
    { name: 'Зимние каникулы', startsOn: `${y}-12-31`, endsOn: winterEnd },
    { name: 'Дополнительные каникулы для 1 класса', startsOn: february, endsOn: addDays(february, 6), grades: [1] },
    { name: 'Весенние каникулы', startsOn: spring, endsOn: addDays(spring, 8) },
  ];

  const quarters = [
    { number: 1, startsOn, endsOn: addDays(autumn, -1) },
    { number: 2, startsOn: addDays(autumn, 9), endsOn: `${y}-12-30` },
    { number: 3, startsOn: addDays(winterEnd, 1), endsOn: addDays(spring, -1) },
    { number: 4, startsOn: addDays(spring, 9), endsOn },
  ];
  const halves = [
    { number: 1, startsOn, endsOn: `${y}-12-30` },
    { number: 2, startsOn: addDays(winterEnd, 1), endsOn },
  ];
  const termSchemes: TermScheme[] = seniorHalves
    ? [{ grades: grades(1, 9), kind: 'quarter', terms: quarters }, { grades: [10, 11], kind: 'half', terms: halves }]
    : [{ grades: grades(1, 11), kind: 'quarter', terms: quarters }];

  const inYear = (date: string) => startsOn <= date && date <= endsOn;
  const daysOff = new Map<string, DayOff>();
  const decreed = [...(decrees[y]?.daysOff ?? []), ...(decrees[y + 1]?.daysOff ?? [])];
  for (const h of publicHolidays) {
    const date = `${h.monthDay >= '09' ? y : y + 1}-${h.monthDay}`;
    daysOff.set(date, { date, name: h.name });
  }
  // ТК РФ ст. 112 ч. 2: a holiday on a Saturday or Sunday moves the day off to the next working day.
  for (const h of [...daysOff.values()]) {
    if (weekdayOf(h.date) < 6) continue;
    let moved = addDays(h.date, 1);
    while (weekdayOf(moved) >= 6 || daysOff.has(moved)) moved = addDays(moved, 1);
    daysOff.set(moved, { date: moved, name: `Перенос выходного дня (${h.name})` });
  }
  for (const d of decreed) if (!daysOff.has(d.date)) daysOff.set(d.date, d);
  const workingWeekends = [...(decrees[y]?.workingWeekends ?? []), ...(decrees[y + 1]?.workingWeekends ?? [])]
    .filter((w) => inYear(w.date) && !daysOff.has(w.date));

  return {
    startsOn,
    endsOn,
    termSchemes,
    holidays,
    daysOff: [...daysOff.values()].filter((d) => inYear(d.date)).sort((a, b) => a.date.localeCompare(b.date)),
    workingWeekends,
    weekLengths: weekDays === 5 ? [{ grades: grades(1, 11), days: 5 }] : [{ grades: [1], days: 5 }, { grades: grades(2, 11), days: 6 }],
  };
}

// The academic year: it starts on 1 September and is named by the calendar year it starts in
// (2026 for 2026/27). Dates are local dates of the school, "YYYY-MM-DD".

export const academicYearOfDate = (localDate: string): number => {
  const year = Number(localDate.slice(0, 4));
  const month = Number(localDate.slice(5, 7));
  return month >= 9 ? year : year - 1;
};

/** First and last day of an academic year (1 September – 31 August). */
export const academicYearBounds = (year: number): { startsOn: string; endsOn: string } => ({
  startsOn: `${year}-09-01`,
  endsOn: `${year + 1}-08-31`,
});

export const academicYearTitle = (year: number): string => `${year}/${String((year + 1) % 100).padStart(2, '0')}`;

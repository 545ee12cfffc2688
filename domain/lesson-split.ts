// How a teaching-load row's weekly hours are split into lessons (SPEC B12): «2+1+1» is a double
// lesson and two single ones. Parts are 1 or 2 hours and sum to the row's whole hours (a half
// hour — a lesson every other week — is not in the weekly grid). No split: single lessons.

/** «2 + 1+1 » → «2+1+1»; empty → null. Says nothing about validity. */
export const normaliseLessonSplit = (split: string | null | undefined): string | null => {
  const s = (split ?? '').replace(/\s+/g, '');
  return s === '' ? null : s;
};

/** The parts of a valid-looking split («2+1+1» → [2, 1, 1]); null when it is not parts of 1 or 2 joined by «+». */
export function parseLessonSplit(split: string): number[] | null {
  const s = normaliseLessonSplit(split);
  if (s === null || !/^[12](\+[12])*$/.test(s)) return null;
  return s.split('+').map(Number);
}

/** The lessons of a row: its split's parts, or one-hour lessons for its whole hours. */
export function lessonsOfLoad(hoursPerWeek: number, split: string | null): number[] {
  const whole = Math.floor(hoursPerWeek);
  const parts = split === null ? null : parseLessonSplit(split);
  if (parts && parts.reduce((a, b) => a + b, 0) === whole) return parts;
  return Array.from({ length: whole }, () => 1);
}

/** What is wrong with a split for a row of `hoursPerWeek`, in Russian; null when it is right (or absent). */
export function lessonSplitIssue(split: string | null, hoursPerWeek: number): string | null {
  const s = normaliseLessonSplit(split);
  if (s === null) return null;
  const parts = parseLessonSplit(s);
  if (!parts) return 'Деление на уроки: части по 1 или 2 часа через «+», например 2+1+1';
  const whole = Math.floor(hoursPerWeek);
  const sum = parts.reduce((a, b) => a + b, 0);
  if (sum !== whole) return `Деление на уроки: ${s} — это ${sum} ч, а в неделю ${whole} ч${whole !== hoursPerWeek ? ' (целых)' : ''}`;
  return null;
}

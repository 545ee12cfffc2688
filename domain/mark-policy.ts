// The mark-entry policy of a school year (SPEC B8): how many days back a teacher may enter or
// change a current mark, how many days after a period ends its period marks may still be entered,
// how an average becomes a suggested period mark, and how many marks a period mark needs. The
// journal enforces it; the year set-up configures it. Dates are local ISO dates "YYYY-MM-DD".

/** Thresholds: an average ≥ `five` suggests 5, ≥ `four` 4, ≥ `three` 3, else 2. Arithmetic: round half up. */
export type Rounding =
  | { kind: 'thresholds'; five: number; four: number; three: number }
  | { kind: 'arithmetic' };

export type MarkEntryPolicy = {
  currentMarksDaysBack: number;
  periodMarksDaysAfter: number;
  rounding: Rounding;
  minMarksForPeriodMark: number;
};

export type Mark = 2 | 3 | 4 | 5;

/** What a school works by until it saves its own policy. */
export const defaultMarkEntryPolicy: MarkEntryPolicy = {
  currentMarksDaysBack: 7,
  periodMarksDaysAfter: 5,
  rounding: { kind: 'thresholds', five: 4.6, four: 3.6, three: 2.6 },
  minMarksForPeriodMark: 3,
};

export type PolicyIssue = { path: string; code: string; message: string };

const isWhole = (n: number, min: number, max: number): boolean => Number.isInteger(n) && n >= min && n <= max;

/** What is wrong with a policy, each with its field and a Russian message; empty when it can be saved. */
export function policyIssues(policy: MarkEntryPolicy): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const add = (path: string, code: string, message: string) => issues.push({ path, code, message });
  if (!isWhole(policy.currentMarksDaysBack, 0, 365)) {
    add('currentMarksDaysBack', 'DAYS_RANGE', 'Текущие отметки: число дней от 0 до 365');
  }
  if (!isWhole(policy.periodMarksDaysAfter, 0, 365)) {
    add('periodMarksDaysAfter', 'DAYS_RANGE', 'Отметки за период: число дней от 0 до 365');
  }
  if (!isWhole(policy.minMarksForPeriodMark, 0, 20)) {
    add('minMarksForPeriodMark', 'MIN_MARKS_RANGE', 'Минимум отметок для отметки за период: от 0 до 20');
  }
  const r = policy.rounding;
  if (r.kind === 'thresholds') {
    const finite = [r.five, r.four, r.three].every(Number.isFinite);
    if (!finite) add('rounding', 'THRESHOLD_INVALID', 'Пороги округления: ожидаются числа');
    else {
      if (!(r.three > 2)) add('rounding.three', 'THRESHOLD_ORDER', 'Порог отметки «3» должен быть больше 2');
      if (!(r.four > r.three)) add('rounding.four', 'THRESHOLD_ORDER', 'Порог отметки «4» должен быть больше порога «3»');
      if (!(r.five > r.four)) add('rounding.five', 'THRESHOLD_ORDER', 'Порог отметки «5» должен быть больше порога «4»');
      if (!(r.five <= 5)) add('rounding.five', 'THRESHOLD_MAX', 'Порог отметки «5» не может быть больше 5');
    }
  }
  return issues;
}

// Averages come from sums of weights and marks; a tiny tolerance keeps 4.6 from reading as 4.5999….
const eps = 1e-9;

/** The period mark an average suggests under a rounding rule. */
export function suggestPeriodMark(average: number, rounding: Rounding): Mark {
  if (rounding.kind === 'arithmetic') {
    const rounded = Math.floor(average + 0.5 + eps);
    return Math.min(5, Math.max(2, rounded)) as Mark;
  }
  if (average + eps >= rounding.five) return 5;
  if (average + eps >= rounding.four) return 4;
  if (average + eps >= rounding.three) return 3;
  return 2;
}

const dayMs = 86_400_000;
const toDay = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / dayMs;

/** Days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => toDay(to) - toDay(from);

/**
 * Whether a teacher may today enter or change a current mark of a lesson: never for a lesson in the
 * future, and at most `currentMarksDaysBack` days after it (0: only on the day of the lesson).
 */
export function mayEnterCurrentMark(policy: MarkEntryPolicy, lessonDate: string, today: string): boolean {
  const late = daysBetween(lessonDate, today);
  return late >= 0 && late <= policy.currentMarksDaysBack;
}

/**
 * Whether period marks of a period ending on `periodEndsOn` may be entered today: during the period
 * (a teacher closes it in its last days) and up to `periodMarksDaysAfter` days after its end.
 */
export function mayEnterPeriodMark(policy: MarkEntryPolicy, periodEndsOn: string, today: string): boolean {
  return daysBetween(periodEndsOn, today) <= policy.periodMarksDaysAfter;
}

/** "4,60" — the Russian way of writing an average. */
export const formatAverage = (average: number): string => average.toFixed(2).replace('.', ',');

// Debts («точка», SPEC C1): a mark owed until a deadline. While the deadline lasts the debt is
// open; the day after it, a debt still without a value turns into the lowest mark of its form's
// scale — «2» on the five-point scale (the brief and regulation: «не закрыт в срок — двойка»), the
// lowest result on a hundred-point scale (which converts to «2»), «незачёт» on pass/fail.
import { toFivePoint, type MarkScaleKind, type MarkValue } from './mark-scale';

/** The debt has expired on `today` (ISO dates): its deadline is the last day to close it. */
export const isDebtExpired = (deadline: string, today: string): boolean => deadline < today;

/** Whole days from `today` to the deadline: 0 on the deadline itself, negative once it passed. */
export const debtDaysLeft = (deadline: string, today: string): number =>
  Math.round((Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);

/** What an expired debt becomes on a form of this scale: the stored value and its five-point worth. */
export function expiredDebtMark(kind: MarkScaleKind): { value: string; mark: MarkValue; fivePoint: number | null } {
  switch (kind) {
    case 'five': return { value: '2', mark: 2, fivePoint: 2 };
    case 'hundred': return { value: '0', mark: 0, fivePoint: toFivePoint({ kind: 'hundred' }, 0) };
    case 'passFail': return { value: 'fail', mark: 'fail', fivePoint: null };
  }
}

/** «Долг не закрыт в срок 14.11.2026» — the audit's reason for the change. */
export const expiredDebtReason = (deadline: string): string =>
  `Долг не закрыт в срок ${deadline.slice(8, 10)}.${deadline.slice(5, 7)}.${deadline.slice(0, 4)}`;

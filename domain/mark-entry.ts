// What the journal accepts when a mark is entered (SPEC C1, B8; issue 6 item 10): the values a
// school takes on a form's scale (the five-point scale from 2: «1» waits for a school setting,
// decision 011), how a value is stored as text and read back, and whether a lesson is open for
// writing on a date under the mark-entry policy — not before it is held, and at most
// `currentMarksDaysBack` days after (an administrator correcting with a reason is not bound by
// the days).
import { daysBetween, type MarkEntryPolicy } from './mark-policy';
import { isValidValue, type MarkScale, type MarkValue } from './mark-scale';

/** The lowest five-point mark a school accepts until it may allow «1». */
export const lowestFivePoint = 2;

/** Whether a value is on the scale as the journal accepts it (the five-point scale: 2–5). */
export const acceptsMarkValue = (scale: MarkScale, value: MarkValue): boolean =>
  isValidValue(scale, value) && !(scale.kind === 'five' && typeof value === 'number' && value < lowestFivePoint);

/** A value as stored: «5», «87», «pass», «fail». */
export const markValueText = (value: MarkValue): string => String(value);

/** The value of stored text; null for none (a debt) and for text no value is written as. */
export function markValueOfText(text: string | null): MarkValue | null {
  if (text === null) return null;
  if (text === 'pass' || text === 'fail') return text;
  return /^(0|[1-9][0-9]{0,2})$/.test(text) ? Number(text) : null;
}

/** open; notHeldYet: the lesson is in the future; closed: older than the policy's days back. */
export type EntryWindow = 'open' | 'notHeldYet' | 'closed';

/** Whether a lesson of `lessonDate` is open for marks and attendance on `today`. */
export function entryWindow(policy: Pick<MarkEntryPolicy, 'currentMarksDaysBack'>, lessonDate: string, today: string, ignoreDaysBack = false): EntryWindow {
  const late = daysBetween(lessonDate, today);
  if (late < 0) return 'notHeldYet';
  if (!ignoreDaysBack && late > policy.currentMarksDaysBack) return 'closed';
  return 'open';
}

const ruDate = (date: string): string => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;

/** The Russian message of a closed or future lesson. */
export function entryWindowMessage(window: Exclude<EntryWindow, 'open'>, lessonDate: string, daysBack: number): string {
  return window === 'closed'
    ? `Срок выставления отметок за урок ${ruDate(lessonDate)} истёк (можно в течение ${daysBack} дн.)`
    : `Урок ${ruDate(lessonDate)} ещё не прошёл: отметки и посещаемость вносятся в день урока или позже`;
}

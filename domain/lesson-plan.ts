// Rules of work programmes and their lesson plans (КТП, SPEC B13, D6) and of КЭС codifiers: what a
// content-element code looks like and whose child it is, how a codifier's rows are checked, which
// planned topic a lesson takes (topics fill lessons in order, a topic of N hours takes N lessons),
// moving a topic and splitting one in two.

/** A КЭС code: «1», «1.2», «1.2.3», «1.2.3.4». */
export const contentElementCodePattern = /^\d+(\.\d+){0,3}$/;
export const isContentElementCode = (code: string): boolean => contentElementCodePattern.test(code);

/** «1.2.3» → «1.2»; a top code has none. */
export const parentCodeOf = (code: string): string | null => {
  const at = code.lastIndexOf('.');
  return at === -1 ? null : code.slice(0, at);
};

/** Codes in their natural order: «1.2» before «1.10», a parent before its children. */
export const compareCodes = (a: string, b: string): number => {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
};

export type CodifierRowInput = { rowNumber: number; code: string; title: string; isSection: boolean | null };
export type ContentElementDraft = { code: string; parentCode: string | null; title: string; isSection: boolean; position: number };
export type CodifierIssue = { rowNumber: number; field: 'code' | 'title'; code: string; message: string };

/** A codifier's title may be long (ФИПИ titles are), but not a page. */
export const maxElementTitle = 1000;

/**
 * A codifier's rows → its elements, or every problem with the row it is in: a code not of the form
 * «1.2.3», one met twice, an empty title. Codes are trimmed (a trailing dot, as some spreadsheets
 * write «1.», is dropped). A row whose section flag is not given is a section when it is a top code
 * that other rows descend from. Nothing is returned when any row has a problem.
 */
export function codifierElements(rows: readonly CodifierRowInput[]): { elements: ContentElementDraft[]; issues: CodifierIssue[] } {
  const issues: CodifierIssue[] = [];
  const seen = new Map<string, number>();
  const drafts: (CodifierRowInput & { code: string })[] = [];
  for (const row of rows) {
    const code = row.code.trim().replace(/\s+/g, '').replace(/\.$/, '');
    const title = row.title.replace(/\s+/g, ' ').trim();
    if (code === '') issues.push({ rowNumber: row.rowNumber, field: 'code', code: 'REQUIRED', message: `Строка ${row.rowNumber}: нет кода` });
    else if (!isContentElementCode(code)) {
      issues.push({ rowNumber: row.rowNumber, field: 'code', code: 'CODE_INVALID', message: `Строка ${row.rowNumber}: код «${row.code.trim()}» не похож на код КЭС (1, 1.2, 1.2.3 или 1.2.3.4)` });
    } else if (seen.has(code)) {
      issues.push({ rowNumber: row.rowNumber, field: 'code', code: 'CODE_DUPLICATE', message: `Строка ${row.rowNumber}: код «${code}» уже был в строке ${seen.get(code)}` });
    } else seen.set(code, row.rowNumber);
    if (title === '') issues.push({ rowNumber: row.rowNumber, field: 'title', code: 'REQUIRED', message: `Строка ${row.rowNumber}: нет названия элемента` });
    else if (title.length > maxElementTitle) issues.push({ rowNumber: row.rowNumber, field: 'title', code: 'TOO_LONG', message: `Строка ${row.rowNumber}: название длиннее ${maxElementTitle} символов` });
    drafts.push({ ...row, code, title });
  }
  if (issues.length > 0) return { elements: [], issues };
  const parents = new Set(drafts.map((d) => parentCodeOf(d.code)).filter((c): c is string => c !== null));
  const elements = drafts.map((d, i) => ({
    code: d.code,
    parentCode: parentCodeOf(d.code),
    title: d.title,
    isSection: d.isSection ?? (!d.code.includes('.') && parents.has(d.code)),
    position: i + 1,
  }));
  return { elements, issues };
}

// --- Topics fill lessons in order --------------------------------------------------------------

export type PlanTopic = { id: string; hours: number };

/**
 * The topic the lesson after `deliveredCount` lessons of the plan takes, when lessons follow the
 * plan: topic 1 takes the first h₁ lessons, topic 2 the next h₂, …; null past the plan's end.
 */
export function topicForLesson<T extends PlanTopic>(topics: readonly T[], deliveredCount: number): T | null {
  let left = Math.max(0, Math.floor(deliveredCount));
  for (const t of topics) {
    const hours = Math.max(1, t.hours);
    if (left < hours) return t;
    left -= hours;
  }
  return null;
}

export type NextTopic<T> = { topic: T; /** Which lesson of the topic it is, from 1. */ lessonOfTopic: number } | null;

/**
 * The next planned topic when some lessons already carry topics of the plan (`used`: lessons per
 * topic id): the first topic, in the plan's order, that has lessons left. A topic the teacher
 * skipped stays next until it is given or moved; lessons following the plan give exactly
 * `topicForLesson`. `rest` are the topics with lessons left after it, in order.
 */
export function nextPlannedTopic<T extends PlanTopic>(topics: readonly T[], used: ReadonlyMap<string, number>): { next: NextTopic<T>; rest: T[] } {
  const open = topics.filter((t) => (used.get(t.id) ?? 0) < Math.max(1, t.hours));
  const first = open[0];
  if (!first) return { next: null, rest: [] };
  return { next: { topic: first, lessonOfTopic: (used.get(first.id) ?? 0) + 1 }, rest: open.slice(1) };
}

/** Σ hours of a plan. */
export const plannedHours = (topics: readonly { hours: number }[]): number => topics.reduce((s, t) => s + t.hours, 0);

// --- Editing a plan ----------------------------------------------------------------------------

/** The list with the item at `from` moved to `to` (indexes from 0, `to` clamped into the list). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= list.length) return [...list];
  const out = [...list];
  const [item] = out.splice(from, 1);
  const at = Math.min(Math.max(0, to), out.length);
  out.splice(at, 0, item!);
  return out;
}

/**
 * A topic of `hours` split in two: the first part keeps `first` hours (default: half, rounded up),
 * the second the rest. Null when it cannot be split (one hour, or `first` not between 1 and hours − 1).
 */
export function splitHours(hours: number, first?: number): [number, number] | null {
  if (!Number.isInteger(hours) || hours < 2) return null;
  const a = first ?? Math.ceil(hours / 2);
  if (!Number.isInteger(a) || a < 1 || a > hours - 1) return null;
  return [a, hours - a];
}

/** The year's hours of a load row: hours per week × the weeks of the calendar, to a whole hour. */
export const yearHoursOf = (hoursPerWeek: number, weeks: number): number => Math.round(hoursPerWeek * weeks);

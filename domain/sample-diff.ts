// What changed between two versions of a sample (SPEC B14): a flat list of entries a school reads
// before taking a newer version over. Each kind matches its items by what a person recognises them
// by — curriculum lines by subject, control forms by name, calendar parts by their grades, name or
// date, work-programme topics by title (a topic renamed in place is matched by its position).
// Pure; the content shapes mirror contracts/samples.ts without importing it.

export type DiffValue = string | number | boolean | null | readonly DiffValue[];

export type DiffEntry = {
  /** Which part of the sample: 'general', 'lines', 'forms', 'termSchemes', 'terms', 'holidays', 'daysOff', 'workingWeekends', 'weekLengths', 'topics'. */
  section: string;
  /** The item within the section as a person names it (subject, form name, holiday, «Тема 3»). */
  key: string;
  change: 'added' | 'removed' | 'changed';
  /** The changed field; null when the whole item was added or removed. */
  field: string | null;
  /** The grade a curriculum's weekly hours changed in; null otherwise. */
  grade: number | null;
  from: DiffValue;
  to: DiffValue;
};

export type CurriculumLine = {
  subject: string; subjectArea: string | null; catalogueCode: string | null; part: string; hoursPerWeek: readonly (number | null)[];
};
export type CurriculumContent = { level: string; weekDays: number; grades: readonly number[]; lines: readonly CurriculumLine[] };
export type ControlFormItem = { name: string; shortName: string; weight: number; scale: string; levels: readonly string[] };
export type ControlFormsContent = { forms: readonly ControlFormItem[] };
export type TopicItem = { title: string; hours: number; contentElements: readonly string[] };
export type WorkProgrammeContent = { subject: string; grade: number; topics: readonly TopicItem[] };
type Range = { startsOn: string; endsOn: string };
export type CalendarContent = {
  academicYear: number;
  calendar: Range & {
    termSchemes: readonly { grades: readonly number[]; kind: string; terms: readonly (Range & { number: number })[] }[];
    holidays: readonly (Range & { name: string; grades?: readonly number[] | undefined })[];
    daysOff: readonly { date: string; name: string }[];
    workingWeekends: readonly { date: string; worksAs: number }[];
    weekLengths: readonly { grades: readonly number[]; days: number }[];
  };
};

export type SampleContentByKind = {
  curriculum: CurriculumContent;
  controlForms: ControlFormsContent;
  calendar: CalendarContent;
  workProgramme: WorkProgrammeContent;
};

const same = (a: DiffValue, b: DiffValue): boolean => JSON.stringify(a) === JSON.stringify(b);
const sortedNumbers = (xs: readonly number[]): number[] => [...new Set(xs)].sort((x, y) => x - y);
const sortedStrings = (xs: readonly string[]): string[] => [...new Set(xs)].sort();
/** «1–4, 7» for a set of grades. */
export const gradesLabel = (grades: readonly number[]): string => {
  const gs = sortedNumbers(grades);
  const parts: string[] = [];
  for (let i = 0; i < gs.length;) {
    let j = i;
    while (j + 1 < gs.length && gs[j + 1] === gs[j]! + 1) j += 1;
    parts.push(j > i ? `${gs[i]}–${gs[j]}` : String(gs[i]));
    i = j + 1;
  }
  return parts.join(', ');
};

type Fields<T> = Record<string, (item: T) => DiffValue>;

/** Items keyed so that the k-th item of a repeated key is matched with the k-th of the other list. */
function keyed<T>(xs: readonly T[], keyOf: (item: T) => string): Map<string, { item: T; at: number }> {
  const seen = new Map<string, number>();
  const out = new Map<string, { item: T; at: number }>();
  xs.forEach((item, at) => {
    const k = keyOf(item);
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    out.set(n === 1 ? k : `${k} (${n})`, { item, at });
  });
  return out;
}

type Keyed<T> = {
  section: string;
  keyOf: (item: T) => string;
  fields: Fields<T>;
  /** The item's value shown when it is added or removed, read against its own list's content. */
  whole: (item: T, side: 'a' | 'b') => DiffValue;
  /** More entries of a matched pair (the curriculum's hours grade by grade). */
  more?: (key: string, x: T, y: T) => DiffEntry[];
};

/** Unmatched items are added or removed; matched ones report each field that differs. */
function diffKeyed<T>(a: readonly T[], b: readonly T[], spec: Keyed<T>): DiffEntry[] {
  const { section } = spec;
  const left = keyed(a, spec.keyOf);
  const right = keyed(b, spec.keyOf);
  const out: DiffEntry[] = [];
  for (const [key, { item: x }] of left) {
    const y = right.get(key)?.item;
    if (y === undefined) {
      out.push({ section, key, change: 'removed', field: null, grade: null, from: spec.whole(x, 'a'), to: null });
      continue;
    }
    for (const [field, get] of Object.entries(spec.fields)) {
      const from = get(x);
      const to = get(y);
      if (!same(from, to)) out.push({ section, key, change: 'changed', field, grade: null, from, to });
    }
    if (spec.more) out.push(...spec.more(key, x, y));
  }
  for (const [key, { item: y }] of right) {
    if (!left.has(key)) out.push({ section, key, change: 'added', field: null, grade: null, from: null, to: spec.whole(y, 'b') });
  }
  return out;
}

const general = (entries: [string, DiffValue, DiffValue][]): DiffEntry[] =>
  entries.filter(([, from, to]) => !same(from, to))
    .map(([field, from, to]) => ({ section: 'general', key: '', change: 'changed', field, grade: null, from, to }));

// --- Curriculum --------------------------------------------------------------------------------

const hoursByGrade = (content: CurriculumContent, line: CurriculumLine): Map<number, number | null> =>
  new Map(content.grades.map((g, i) => [g, line.hoursPerWeek[i] ?? null]));

export function diffCurriculum(a: CurriculumContent, b: CurriculumContent): DiffEntry[] {
  const grades = sortedNumbers([...a.grades, ...b.grades]);
  const hoursOf = (content: CurriculumContent, l: CurriculumLine): DiffValue => {
    const h = hoursByGrade(content, l);
    return sortedNumbers(content.grades).map((g) => h.get(g) ?? null);
  };
  return [
    ...general([['level', a.level, b.level], ['weekDays', a.weekDays, b.weekDays], ['grades', sortedNumbers(a.grades), sortedNumbers(b.grades)]]),
    ...diffKeyed(a.lines, b.lines, {
      section: 'lines',
      keyOf: (l) => l.subject.trim(),
      fields: { subjectArea: (l) => l.subjectArea, catalogueCode: (l) => l.catalogueCode, part: (l) => l.part },
      whole: (l, side) => hoursOf(side === 'a' ? a : b, l),
      // The weekly hours are compared grade by grade: a grade one version lacks counts as no hours.
      more: (key, x, y) => {
        const hx = hoursByGrade(a, x);
        const hy = hoursByGrade(b, y);
        return grades.flatMap((g): DiffEntry[] => {
          const from = hx.get(g) ?? null;
          const to = hy.get(g) ?? null;
          return from === to ? [] : [{ section: 'lines', key, change: 'changed', field: 'hoursPerWeek', grade: g, from, to }];
        });
      },
    }),
  ];
}

// --- Control forms -----------------------------------------------------------------------------

export function diffControlForms(a: ControlFormsContent, b: ControlFormsContent): DiffEntry[] {
  const whole = (f: ControlFormItem): DiffValue => [f.shortName, f.weight, f.scale, sortedStrings(f.levels)];
  return diffKeyed(a.forms, b.forms, {
    section: 'forms',
    keyOf: (f) => f.name.trim(),
    fields: { shortName: (f) => f.shortName, weight: (f) => f.weight, scale: (f) => f.scale, levels: (f) => sortedStrings(f.levels) },
    whole,
  });
}

// --- Calendar ----------------------------------------------------------------------------------

export function diffCalendar(a: CalendarContent, b: CalendarContent): DiffEntry[] {
  const x = a.calendar;
  const y = b.calendar;
  const range = (r: Range): DiffValue => [r.startsOn, r.endsOn];
  const terms = (c: CalendarContent['calendar']) => c.termSchemes.flatMap((s) => s.terms.map((t) => ({ ...t, grades: s.grades })));
  return [
    ...general([['academicYear', a.academicYear, b.academicYear], ['startsOn', x.startsOn, y.startsOn], ['endsOn', x.endsOn, y.endsOn]]),
    ...diffKeyed(x.termSchemes, y.termSchemes, { section: 'termSchemes', keyOf: (s) => gradesLabel(s.grades), fields: { kind: (s) => s.kind }, whole: (s) => s.kind }),
    ...diffKeyed(terms(x), terms(y), {
      section: 'terms', keyOf: (t) => `${gradesLabel(t.grades)}: ${t.number}`, fields: { startsOn: (t) => t.startsOn, endsOn: (t) => t.endsOn }, whole: range,
    }),
    ...diffKeyed(x.holidays, y.holidays, {
      section: 'holidays',
      keyOf: (h) => h.name.trim(),
      fields: { startsOn: (h) => h.startsOn, endsOn: (h) => h.endsOn, grades: (h) => (h.grades ? sortedNumbers(h.grades) : null) },
      whole: range,
    }),
    ...diffKeyed(x.daysOff, y.daysOff, { section: 'daysOff', keyOf: (d) => d.date, fields: { name: (d) => d.name }, whole: (d) => d.name }),
    ...diffKeyed(x.workingWeekends, y.workingWeekends, { section: 'workingWeekends', keyOf: (d) => d.date, fields: { worksAs: (d) => d.worksAs }, whole: (d) => d.worksAs }),
    ...diffKeyed(x.weekLengths, y.weekLengths, { section: 'weekLengths', keyOf: (w) => gradesLabel(w.grades), fields: { days: (w) => w.days }, whole: (w) => w.days }),
  ];
}

// --- Work programme ----------------------------------------------------------------------------

export function diffWorkProgramme(a: WorkProgrammeContent, b: WorkProgrammeContent): DiffEntry[] {
  const out = general([['subject', a.subject, b.subject], ['grade', a.grade, b.grade]]);
  const whole = (t: TopicItem): DiffValue => [t.hours, [...t.contentElements]];
  const fields: Fields<TopicItem> = { hours: (t) => t.hours, contentElements: (t) => [...t.contentElements] };
  const byTitle = diffKeyed(a.topics, b.topics, { section: 'topics', keyOf: (t) => t.title.trim(), fields, whole });
  // A removed and an added topic at the same position are one topic renamed in place.
  const left = keyed(a.topics, (t) => t.title.trim());
  const right = keyed(b.topics, (t) => t.title.trim());
  const removed = byTitle.filter((e) => e.change === 'removed').map((e) => ({ e, at: left.get(e.key)!.at }));
  const added = byTitle.filter((e) => e.change === 'added').map((e) => ({ e, at: right.get(e.key)!.at }));
  const renamed = new Set<DiffEntry>();
  for (const r of removed) {
    const n = added.find((x) => x.at === r.at);
    if (!n) continue;
    renamed.add(r.e).add(n.e);
    const from = a.topics[r.at]!;
    const to = b.topics[n.at]!;
    const key = `Тема ${r.at + 1}`;
    out.push({ section: 'topics', key, change: 'changed', field: 'title', grade: null, from: from.title, to: to.title });
    for (const [field, get] of Object.entries(fields)) {
      if (!same(get(from), get(to))) out.push({ section: 'topics', key, change: 'changed', field, grade: null, from: get(from), to: get(to) });
    }
  }
  return [...out, ...byTitle.filter((e) => !renamed.has(e))];
}

/** The structured diff of two contents of one kind of sample (from `a` to `b`). */
export function sampleDiff<K extends keyof SampleContentByKind>(kind: K, a: SampleContentByKind[K], b: SampleContentByKind[K]): DiffEntry[] {
  switch (kind) {
    case 'curriculum': return diffCurriculum(a as CurriculumContent, b as CurriculumContent);
    case 'controlForms': return diffControlForms(a as ControlFormsContent, b as ControlFormsContent);
    case 'calendar': return diffCalendar(a as CalendarContent, b as CalendarContent);
    default: return diffWorkProgramme(a as WorkProgrammeContent, b as WorkProgrammeContent);
  }
}

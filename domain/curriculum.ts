// Curricula (учебный план, SPEC B9) and the extracurricular plan (B15): the rules a curriculum of a
// grade, a class or one student (ИУП) must keep, the totals per term against the СанПиН maximum,
// which curriculum applies to a student, hours per year and the difference between two sets of lines.
// Numbers: СанПиН 1.2.3685-21 table 6.6 (../shared/reference/sanpin.json).

export const curriculumKinds = ['main', 'extracurricular'] as const;
export type CurriculumKind = (typeof curriculumKinds)[number];
export const curriculumParts = ['mandatory', 'formed'] as const;
export type CurriculumPart = (typeof curriculumParts)[number];
export const curriculumPartTitles: Record<CurriculumPart, string> = {
  mandatory: 'Обязательная часть',
  formed: 'Часть, формируемая участниками',
};
export type WeekDays = 5 | 6;

/** СанПиН 1.2.3685-21 table 6.6: maximum weekly classroom load by grade for a 5- and a 6-day week (grade 1: 5-day only). */
const weeklyMax: Record<number, { five: number; six: number | null }> = {
  1: { five: 21, six: null },
  2: { five: 23, six: 26 }, 3: { five: 23, six: 26 }, 4: { five: 23, six: 26 },
  5: { five: 29, six: 32 },
  6: { five: 30, six: 33 },
  7: { five: 32, six: 35 },
  8: { five: 33, six: 36 }, 9: { five: 33, six: 36 },
  10: { five: 34, six: 37 }, 11: { five: 34, six: 37 },
};

/** Extracurricular activity: up to 10 hours a week (ФОП). */
export const extracurricularWeeklyMax = 10;

/** The СанПиН weekly maximum of a grade, or null where there is none (grade 1 on a 6-day week, a grade outside 1–11). */
export const sanpinWeeklyMax = (grade: number, weekDays: WeekDays): number | null => {
  const row = weeklyMax[grade];
  if (!row) return null;
  return weekDays === 5 ? row.five : row.six;
};

/** СанПиН table 6.6: the most lessons a day — grade 1: 4, 2–4: 5, 5–6: 6, 7–11: 7. */
export const dailyMaxLessons = (grade: number): number => (grade <= 1 ? 4 : grade <= 4 ? 5 : grade <= 6 ? 6 : 7);

/**
 * How many lessons a week can hold at most: week days × the daily maximum, plus one for grades 1–4
 * (once a week one more lesson is allowed, a physical-education one).
 */
export const weekCapacity = (grade: number, weekDays: WeekDays): number =>
  weekDays * dailyMaxLessons(grade) + (grade <= 4 ? 1 : 0);

export type CurriculumLineInput = {
  /** Shown in messages; optional. */
  subjectName?: string;
  part: CurriculumPart;
  hoursPerWeek: number;
  /** Hours per week in each term when they vary; null: `hoursPerWeek` all year. */
  hoursByTerm: readonly number[] | null;
};

export type CurriculumCheckInput = {
  grade: number;
  weekDays: WeekDays;
  kind: CurriculumKind;
  lines: readonly CurriculumLineInput[];
  /** Terms of the grade in the calendar; null: no calendar yet (per-term hours are then not checked against it). */
  termsCount: number | null;
};

export type CurriculumIssue = {
  severity: 'error' | 'warning';
  path: string;
  code: string;
  message: string;
  /** Term number (1-based) a total issue is about; absent for line issues. */
  term?: number;
};

export type CurriculumCheck = {
  /** Weekly total in each term (one entry when nothing varies by term and no terms are known). */
  totalsByTerm: number[];
  /** The largest of the term totals. */
  total: number;
  /** СанПиН (main) or extracurricular weekly maximum; null where there is none. */
  weeklyMax: number | null;
  /** The most lessons the week can hold. */
  capacity: number;
  issues: CurriculumIssue[];
};

const isHalfStep = (h: number): boolean => Number.isFinite(h) && Math.abs(h * 2 - Math.round(h * 2)) < 1e-9;
const fmt = (h: number): string => String(Math.round(h * 10) / 10).replace('.', ',');
const linePrefix = (line: CurriculumLineInput, index: number): string => (line.subjectName ? `«${line.subjectName}»` : `Строка ${index + 1}`);

/** Number of term columns: the grade's terms when known, else the longest per-term list (at least 1). */
export const termColumnsOf = (lines: readonly CurriculumLineInput[], termsCount: number | null): number =>
  termsCount ?? Math.max(1, ...lines.map((l) => l.hoursByTerm?.length ?? 0));

/** The hours of a line in term `index` (0-based). */
export const lineHoursInTerm = (line: Pick<CurriculumLineInput, 'hoursPerWeek' | 'hoursByTerm'>, index: number): number =>
  line.hoursByTerm?.[index] ?? line.hoursPerWeek;

/** Weekly totals per term. */
export const totalsByTerm = (lines: readonly CurriculumLineInput[], termsCount: number | null): number[] => {
  const columns = termColumnsOf(lines, termsCount);
  return Array.from({ length: columns }, (_, i) => Math.round(lines.reduce((sum, l) => sum + lineHoursInTerm(l, i), 0) * 10) / 10);
};

/** Checks a curriculum: errors block a save, warnings are shown with it. */
export function curriculumIssues(input: CurriculumCheckInput): CurriculumCheck {
  const { grade, weekDays, kind, lines, termsCount } = input;
  const issues: CurriculumIssue[] = [];
  const error = (path: string, code: string, message: string, term?: number) =>
    issues.push({ severity: 'error', path, code, message, ...(term === undefined ? {} : { term }) });
  const warning = (path: string, code: string, message: string, term?: number) =>
    issues.push({ severity: 'warning', path, code, message, ...(term === undefined ? {} : { term }) });
  const capacity = weekCapacity(grade, weekDays);

  if (grade === 1 && weekDays === 6) error('weekDays', 'SIX_DAY_FIRST_GRADE', 'Учебная неделя: 1 класс учится только пять дней в неделю');

  const checkHours = (path: string, what: string, h: number): boolean => {
    if (!Number.isFinite(h) || h < 0) {
      error(path, 'HOURS_NEGATIVE', `${what}: часы не могут быть отрицательными`);
      return false;
    }
    if (!isHalfStep(h)) {
      error(path, 'HOURS_STEP', `${what}: часы задаются с шагом 0,5`);
      return false;
    }
    if (h > capacity) {
      error(path, 'HOURS_EXCEED_WEEK', `${what}: ${fmt(h)} ч в неделю не помещается в неделю (не больше ${capacity} уроков при ${weekDays}-дневной неделе)`);
      return false;
    }
    return true;
  };

  lines.forEach((line, i) => {
    const what = linePrefix(line, i);
    checkHours(`lines.${i}.hoursPerWeek`, what, line.hoursPerWeek);
    if (line.hoursByTerm !== null) {
      if (termsCount !== null && line.hoursByTerm.length !== termsCount) {
        error(`lines.${i}.hoursByTerm`, 'TERMS_MISMATCH', `${what}: часы по периодам заданы для ${line.hoursByTerm.length}, а у параллели ${termsCount} учебных периода(ов)`);
      }
      line.hoursByTerm.forEach((h, t) => { checkHours(`lines.${i}.hoursByTerm.${t}`, `${what}, ${t + 1} период`, h); });
    }
    if (kind === 'main' && line.part === 'mandatory' && line.hoursPerWeek === 0 && (line.hoursByTerm ?? []).every((h) => h === 0)) {
      warning(`lines.${i}.hoursPerWeek`, 'MANDATORY_ZERO', `${what}: предмет обязательной части без часов`);
    }
  });

  const totals = totalsByTerm(lines, termsCount);
  const max = kind === 'main' ? sanpinWeeklyMax(grade, weekDays) : extracurricularWeeklyMax;
  // One total issue for the whole year when the terms do not differ; one per term when they do.
  const several = totals.some((t) => t !== totals[0]);
  (several ? totals : totals.slice(0, 1)).forEach((total, t) => {
    const term = several ? t + 1 : undefined;
    const where = several ? ` в ${t + 1} периоде` : '';
    if (kind === 'main' && total > capacity) {
      error('lines', 'TOTAL_EXCEEDS_WEEK', `Итого${where}: ${fmt(total)} ч не помещается в неделю (не больше ${capacity} уроков при ${weekDays}-дневной неделе)`, term);
    } else if (max !== null && total > max) {
      if (kind === 'main') {
        warning('lines', 'SANPIN_WEEKLY_MAX', `Итого${where}: ${fmt(total)} ч в неделю больше максимума СанПиН для ${grade} класса (${max} ч при ${weekDays}-дневной неделе)`, term);
      } else {
        warning('lines', 'EXTRACURRICULAR_WEEKLY_MAX', `Итого${where}: ${fmt(total)} ч внеурочной деятельности в неделю больше ${max} ч`, term);
      }
    }
  });

  return { totalsByTerm: totals, total: Math.max(...totals), weeklyMax: max, capacity, issues };
}

/** Hours of a line in a year: Σ over terms of weeks × hours per week of that term. */
export const yearHours = (line: Pick<CurriculumLineInput, 'hoursPerWeek' | 'hoursByTerm'>, termWeeks: readonly number[]): number =>
  Math.round(termWeeks.reduce((sum, weeks, i) => sum + weeks * lineHoursInTerm(line, i), 0) * 10) / 10;

// ---------------------------------------------------------------------------------------------
// Which curriculum applies to a student

export type CurriculumTarget = { id: string; grade: number; classId: string | null; studentId: string | null };
export type CurriculumSource = 'student' | 'class' | 'grade';

/**
 * The curriculum a student learns by: their own (ИУП), else their class's, else their grade's.
 * `candidates` are the curricula of one year and one kind.
 */
export function effectiveCurriculum<T extends CurriculumTarget>(
  candidates: readonly T[], student: { studentId: string; classId: string | null; grade: number | null },
): { curriculum: T; source: CurriculumSource } | null {
  const own = candidates.find((c) => c.studentId === student.studentId);
  if (own) return { curriculum: own, source: 'student' };
  if (student.classId !== null) {
    const ofClass = candidates.find((c) => c.studentId === null && c.classId === student.classId);
    if (ofClass) return { curriculum: ofClass, source: 'class' };
  }
  if (student.grade !== null) {
    const ofGrade = candidates.find((c) => c.studentId === null && c.classId === null && c.grade === student.grade);
    if (ofGrade) return { curriculum: ofGrade, source: 'grade' };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Differences between two sets of lines (a sample's version and another, or the curriculum now)

export type DiffLine = { key: string; subject: string; part: CurriculumPart; hoursPerWeek: number };
export type LinesDiff = {
  added: DiffLine[];
  removed: DiffLine[];
  changed: { key: string; subject: string; fromHours: number; toHours: number; fromPart: CurriculumPart; toPart: CurriculumPart }[];
};

/** What turns `from` into `to`, by key (catalogue code or name): lines added, removed, with other hours or part. */
export function diffLines(from: readonly DiffLine[], to: readonly DiffLine[]): LinesDiff {
  const before = new Map(from.map((l) => [l.key, l]));
  const after = new Map(to.map((l) => [l.key, l]));
  const diff: LinesDiff = { added: [], removed: [], changed: [] };
  for (const l of to) if (!before.has(l.key)) diff.added.push(l);
  for (const l of from) {
    const now = after.get(l.key);
    if (!now) diff.removed.push(l);
    else if (now.hoursPerWeek !== l.hoursPerWeek || now.part !== l.part) {
      diff.changed.push({ key: l.key, subject: now.subject, fromHours: l.hoursPerWeek, toHours: now.hoursPerWeek, fromPart: l.part, toPart: now.part });
    }
  }
  return diff;
}

/** The key a line is matched by across samples and schools: the catalogue code, else the name in lower case. */
export const lineKey = (catalogueCode: string | null, name: string): string =>
  catalogueCode ? `code:${catalogueCode}` : `name:${name.trim().toLowerCase().replace(/ё/g, 'е')}`;

// Whether a year's teaching load matches its curricula (SPEC B11): for every class, each line of its
// main curriculum must be taught for exactly its hours — by load of the whole class (or of a stream
// some of the class's students are in) when the line is not split, by load of each of at least two
// subgroups of that class when it is. Load that fits no line, load above a line's hours and
// teachers above their load limit are reported too. Pure: the server gathers the input.

export type ConsistencyLine = { subjectId: string; hoursPerWeek: number; splitIntoGroups: boolean };
/** A class with the lines of its effective main curriculum (its own, else its grade's; none: no curriculum). */
export type ConsistencyClass = { id: string; lines: readonly ConsistencyLine[] };
/**
 * A study group: a subgroup splits one class; a stream counts for every class its members are in
 * (`classIds`); an activity group (extracurricular, additional) is outside the main curriculum.
 */
export type ConsistencyGroup =
  | { id: string; kind: 'subgroup'; classId: string; subjectId: string | null }
  | { id: string; kind: 'stream'; classIds: readonly string[] }
  | { id: string; kind: 'activity' };
export type ConsistencyLoad = {
  id: string; employeeId: string; subjectId: string; classId: string | null; studyGroupId: string | null; hoursPerWeek: number;
};
export type ConsistencyTeacher = { id: string; limitHours: number | null };

export type ConsistencyInput = {
  classes: readonly ConsistencyClass[];
  groups: readonly ConsistencyGroup[];
  loads: readonly ConsistencyLoad[];
  teachers: readonly ConsistencyTeacher[];
};

/** Curriculum hours of a class (studyGroupId null) or of one of its subgroups that no load covers. */
export type Uncovered = { classId: string; subjectId: string; studyGroupId: string | null; requiredHours: number; assignedHours: number };
/** A split line of a class with fewer than two subgroups for its subject. */
export type Unsplit = { classId: string; subjectId: string; subgroupCount: number };
export type OverLimit = { employeeId: string; limitHours: number; assignedHours: number };
/**
 * Why a load row fits no line: `noCurriculumLine` — its subject is in no curriculum line of its
 * class (of any class of a stream); `hoursExceed` — the hours of its class or subgroup go above the
 * line's; `lineSplit` — load of the whole class for a subject the curriculum teaches in subgroups;
 * `lineNotSplit` — load of a subgroup for a subject the curriculum teaches to the whole class.
 */
export type UnmatchedReason = 'noCurriculumLine' | 'hoursExceed' | 'lineSplit' | 'lineNotSplit';
export type Unmatched = { teachingLoadId: string; reason: UnmatchedReason };

export type ConsistencyReport = {
  uncovered: Uncovered[];
  unsplit: Unsplit[];
  overLimit: OverLimit[];
  unmatched: Unmatched[];
  ok: boolean;
};

/** Hours are kept in halves: sums in tenths avoid floating drift (0.1 + 0.2). */
const sum = (values: readonly number[]): number => Math.round(values.reduce((a, b) => a + b * 10, 0)) / 10;

export function loadConsistency(input: ConsistencyInput): ConsistencyReport {
  const groups = new Map(input.groups.map((g) => [g.id, g]));
  const classes = new Map(input.classes.map((c) => [c.id, c]));
  const lineOf = (classId: string, subjectId: string): ConsistencyLine | undefined =>
    classes.get(classId)?.lines.find((l) => l.subjectId === subjectId);

  const uncovered: Uncovered[] = [];
  const unsplit: Unsplit[] = [];
  const unmatched = new Map<string, UnmatchedReason>();
  const flag = (id: string, reason: UnmatchedReason): void => {
    if (!unmatched.has(id)) unmatched.set(id, reason);
  };

  // Which load rows reach a class's whole-class line: its own rows and those of streams with its students.
  const classRows = new Map<string, ConsistencyLoad[]>();
  const groupRows = new Map<string, ConsistencyLoad[]>();
  const push = (map: Map<string, ConsistencyLoad[]>, key: string, row: ConsistencyLoad): void => {
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  };

  for (const load of input.loads) {
    if (load.classId !== null) {
      const line = lineOf(load.classId, load.subjectId);
      if (!line) flag(load.id, 'noCurriculumLine');
      else if (line.splitIntoGroups) flag(load.id, 'lineSplit');
      else push(classRows, `${load.classId}|${load.subjectId}`, load);
      continue;
    }
    const group = load.studyGroupId === null ? undefined : groups.get(load.studyGroupId);
    if (!group) {
      flag(load.id, 'noCurriculumLine');
      continue;
    }
    if (group.kind === 'activity') continue;
    if (group.kind === 'subgroup') {
      const line = lineOf(group.classId, load.subjectId);
      if (!line) flag(load.id, 'noCurriculumLine');
      else if (!line.splitIntoGroups) flag(load.id, 'lineNotSplit');
      else push(groupRows, group.id, load);
      continue;
    }
    const reached = [...new Set(group.classIds)].filter((classId) => {
      const line = lineOf(classId, load.subjectId);
      return line !== undefined && !line.splitIntoGroups;
    });
    if (reached.length === 0) flag(load.id, 'noCurriculumLine');
    for (const classId of reached) push(classRows, `${classId}|${load.subjectId}`, load);
  }

  for (const c of input.classes) {
    for (const line of c.lines) {
      if (!line.splitIntoGroups) {
        const rows = classRows.get(`${c.id}|${line.subjectId}`) ?? [];
        const assigned = sum(rows.map((r) => r.hoursPerWeek));
        if (assigned < line.hoursPerWeek) {
          uncovered.push({ classId: c.id, subjectId: line.subjectId, studyGroupId: null, requiredHours: line.hoursPerWeek, assignedHours: assigned });
        } else if (assigned > line.hoursPerWeek) for (const r of rows) flag(r.id, 'hoursExceed');
        continue;
      }
      const subgroups = input.groups.filter((g) => g.kind === 'subgroup' && g.classId === c.id && g.subjectId === line.subjectId);
      if (subgroups.length < 2) unsplit.push({ classId: c.id, subjectId: line.subjectId, subgroupCount: subgroups.length });
      for (const g of subgroups) {
        const rows = groupRows.get(g.id) ?? [];
        const assigned = sum(rows.map((r) => r.hoursPerWeek));
        if (assigned < line.hoursPerWeek) {
          uncovered.push({ classId: c.id, subjectId: line.subjectId, studyGroupId: g.id, requiredHours: line.hoursPerWeek, assignedHours: assigned });
        } else if (assigned > line.hoursPerWeek) for (const r of rows) flag(r.id, 'hoursExceed');
      }
    }
  }

  const totals = new Map<string, number[]>();
  for (const load of input.loads) totals.set(load.employeeId, [...totals.get(load.employeeId) ?? [], load.hoursPerWeek]);
  const overLimit: OverLimit[] = [];
  for (const t of input.teachers) {
    const assigned = sum(totals.get(t.id) ?? []);
    if (t.limitHours !== null && assigned > t.limitHours) overLimit.push({ employeeId: t.id, limitHours: t.limitHours, assignedHours: assigned });
  }

  const unmatchedList = input.loads.filter((l) => unmatched.has(l.id)).map((l) => ({ teachingLoadId: l.id, reason: unmatched.get(l.id)! }));
  return {
    uncovered, unsplit, overLimit, unmatched: unmatchedList,
    ok: uncovered.length === 0 && unsplit.length === 0 && overLimit.length === 0 && unmatchedList.length === 0,
  };
}

/** A teacher's weekly hours: the sum of their load rows. */
export const totalHours = (loads: readonly { hoursPerWeek: number }[]): number => sum(loads.map((l) => l.hoursPerWeek));

/** Whether a number of hours is a positive multiple of 0.5 up to `max` (load rows: 40, load limits: 60). */
export const isHalfHourStep = (hours: number, max: number): boolean => hours > 0 && hours <= max && Number.isInteger(hours * 2);

/** Lessons of a class, a subgroup or a stream teach a subject or an optional course; an activity group, an extracurricular course or an additional programme. */
export type LoadTargetKind = 'class' | 'subgroup' | 'stream' | 'activity';
export const subjectKindFits = (target: LoadTargetKind, subjectKind: string): boolean =>
  target === 'activity' ? subjectKind === 'extracurricular' || subjectKind === 'additional' : subjectKind === 'subject' || subjectKind === 'optionalCourse';
/** The message of a subject that does not fit the target, naming the field «Предмет». */
export const subjectKindMessage = (target: LoadTargetKind): string =>
  target === 'activity'
    ? 'Предмет: у группы внеурочной деятельности или дополнительного образования — курс внеурочной деятельности или программа доп. образования'
    : 'Предмет: для класса, подгруппы или потока — учебный предмет или курс по выбору';

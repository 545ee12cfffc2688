// A timetable version judged by the solver's evaluator: its lessons become a solver Timetable of
// the year's problem (`buildYearProblem`) through each lesson's activity key («<load id>#<k>»).
// A lesson the problem no longer has (its load row was deleted, or the row now has fewer hours) is
// not dropped: it is reported among `orphans` and still takes its teacher, students and room, as
// an extra activity, so that what clashes with it is seen. The same students sets tell which
// lessons may not meet at one time: two subgroups of a class clash only when a student is in both.
// Extracurricular and additional-education lessons are outside the solver's problem: the evaluator
// does not see them (they are neither orphans nor hours of the regular load), but the clash check
// does — they take their teacher, their students (the classes of their group) and their room.
import type { TimetableClashDto, TimetableEvaluationDto, TimetableEvaluationSummaryDto } from '../../../contracts/timetable-versions';
import { evaluate, type Evaluation } from '../../../solver/evaluate';
import { copyTimetable, emptyTimetable, finestSetsOf, type Problem, type Timetable } from '../../../solver/model';
import { dayNames, lessonToPeriod, shiftOfLesson, type YearProblem } from './problem';
import type { LessonRow, Names } from './versions.repo';

export type PlacedLesson = Pick<LessonRow,
  'id' | 'activityKey' | 'teachingLoadId' | 'subjectId' | 'employeeId' | 'classId' | 'studyGroupId' | 'weekday' | 'lessonNumber' | 'duration' | 'roomId'>
  & { /** regular (the default) | extracurricular | additional */ kind?: string };

/** Whether the evaluator sees a lesson: only regular ones are the solver's. */
export const isRegular = (l: Pick<PlacedLesson, 'kind'>): boolean => l.kind === undefined || l.kind === 'regular';

export type StoredEvaluation = TimetableEvaluationDto;

/** Hard violations kept in a version's evaluation; the count is always whole. */
export const maxListedViolations = 200;

/** How a screen names a lesson's parts: «Петрова А. С.», «5А», «5А Английский язык, гр. 1». */
export function labelsOf(names: Names) {
  const teacher = (id: string): string => {
    const e = names.employees.get(id);
    if (!e) return 'учитель';
    const initials = [e.firstName, e.middleName ?? ''].filter((p) => p.length > 0).map((p) => `${p[0]}.`).join(' ');
    return initials ? `${e.lastName} ${initials}` : e.lastName;
  };
  const teacherFull = (id: string): string => {
    const e = names.employees.get(id);
    return e ? [e.lastName, e.firstName, e.middleName].filter(Boolean).join(' ') : 'учитель';
  };
  const className = (id: string): string => {
    const c = names.classes.get(id);
    return c ? `${c.grade}${c.letter}` : 'класс';
  };
  const unit = (l: Pick<PlacedLesson, 'classId' | 'studyGroupId'>): string =>
    l.classId ? className(l.classId) : l.studyGroupId ? names.groups.get(l.studyGroupId)?.name ?? 'группа' : '';
  const subject = (id: string): string => names.subjects.get(id)?.name ?? 'предмет';
  const room = (id: string | null): string | null => (id ? names.rooms.get(id)?.name ?? 'кабинет' : null);
  const slot = (weekday: number, lessonNumber: number): string => `${dayNames[weekday - 1] ?? weekday}, ${lessonNumber} урок`;
  return { teacher, teacherFull, className, unit, subject, room, slot };
}
export type Labels = ReturnType<typeof labelsOf>;

/** The year's problem with a version's lessons placed on it. */
export type Placement = {
  problem: Problem;
  timetable: Timetable;
  refs: YearProblem['refs'];
  /** Lesson id → activity index (orphans included, as extra activities). */
  activityOfLesson: Map<string, number>;
  /** The problem's period of a lesson's number (lesson numbers count within the shift of its class). */
  periodOf: (l: Pick<PlacedLesson, 'classId' | 'studyGroupId'>, lessonNumber: number) => number;
  /**
   * When a lesson number of a class's shift is, for the clash check: the problem's period, and
   * past the shift's last lesson (a session after the lessons) the periods that follow it.
   */
  timeOf: (l: Pick<PlacedLesson, 'classId' | 'studyGroupId'>, lessonNumber: number) => number;
  /** The problem's students sets of a class or group (a group outside the problem: its classes'). */
  setsOf: (l: Pick<PlacedLesson, 'classId' | 'studyGroupId'>) => number[];
  orphans: { lessonId: string; message: string }[];
};

/**
 * Places the regular lessons on the year's problem. `groupClass` gives the class a subgroup
 * splits, and `groupClasses` the classes an activity group or stream draws from, for a lesson of a
 * group the problem has no activity of.
 */
export function placementOf(year: YearProblem, lessons: readonly PlacedLesson[], labels: Labels, groupClass: ReadonlyMap<string, string | null>,
  groupClasses: ReadonlyMap<string, readonly string[]> = new Map()): Placement {
  const { refs } = year;
  const base = year.problem;
  const problem: Problem = { ...base, teachers: [...base.teachers], subjects: [...base.subjects], activities: [...base.activities] };
  const activityOfKey = new Map(refs.activities.map((a, i) => [a.key, i]));
  const setOfClass = new Map<string, number>();
  refs.classOfSet.forEach((c, i) => { if (c !== null) setOfClass.set(c, i); });
  const setsOfGroup = new Map<string, number[]>();
  refs.activities.forEach((a, i) => { if (a.studyGroupId && !setsOfGroup.has(a.studyGroupId)) setsOfGroup.set(a.studyGroupId, base.activities[i]!.studentsSets); });
  const teacherIndex = new Map(refs.teachers.map((id, i) => [id, i]));
  const subjectIndex = new Map(refs.subjects.map((id, i) => [id, i]));
  const roomIndex = new Map(refs.rooms.map((id, i) => [id, i]));

  const ofClass = (id: string | null | undefined) => (id ? setOfClass.get(id) : undefined);
  const setsOf = (l: Pick<PlacedLesson, 'classId' | 'studyGroupId'>): number[] => {
    const sets = l.classId ? [ofClass(l.classId)]
      : l.studyGroupId ? setsOfGroup.get(l.studyGroupId) ?? (groupClass.get(l.studyGroupId) ? [ofClass(groupClass.get(l.studyGroupId))] : (groupClasses.get(l.studyGroupId) ?? []).map(ofClass))
        : [];
    return sets.filter((s): s is number => s !== undefined);
  };

  const extra: PlacedLesson[] = [];
  const orphans: Placement['orphans'] = [];
  const activityOfLesson = new Map<string, number>();
  const taken = new Set<number>();
  const regular = lessons.filter(isRegular);
  for (const l of regular) {
    // A lesson whose load row was deleted is an orphan whatever its key says.
    const i = l.activityKey === null || l.teachingLoadId === null ? undefined : activityOfKey.get(l.activityKey);
    if (i !== undefined && !taken.has(i)) {
      taken.add(i);
      activityOfLesson.set(l.id, i);
      continue;
    }
    extra.push(l);
    const what = `${labels.subject(l.subjectId)} — ${labels.unit(l)} (${labels.slot(l.weekday, l.lessonNumber)}, ${labels.teacher(l.employeeId)})`;
    const why = i !== undefined ? 'этот час нагрузки уже стоит в расписании другим уроком'
      : l.teachingLoadId === null ? 'строки нагрузки больше нет'
        : 'в нагрузке больше нет этого часа (часов стало меньше, или занятие не входит в сетку уроков)';
    orphans.push({ lessonId: l.id, message: `${what}: ${why}` });
  }

  const timetable = emptyTimetable(problem.activities.length + extra.length);
  let nextId = Math.max(0, ...problem.activities.map((a) => a.id)) + 1;
  for (const l of extra) {
    let teacher = teacherIndex.get(l.employeeId);
    if (teacher === undefined) {
      teacher = problem.teachers.length;
      teacherIndex.set(l.employeeId, teacher);
      problem.teachers.push({ name: labels.teacherFull(l.employeeId) });
    }
    let subject = subjectIndex.get(l.subjectId);
    if (subject === undefined) {
      subject = problem.subjects.length;
      subjectIndex.set(l.subjectId, subject);
      problem.subjects.push({ name: labels.subject(l.subjectId) });
    }
    activityOfLesson.set(l.id, problem.activities.length);
    problem.activities.push({
      id: nextId++, teachers: [teacher], subject, studentsSets: setsOf(l),
      duration: l.duration, groupId: 0, active: true, studentsCount: null, tags: [],
    });
  }
  // A lesson number its shift does not have lies past the day: the evaluator says so.
  const periodOf = (l: Pick<PlacedLesson, 'classId' | 'studyGroupId'>, lessonNumber: number): number => {
    const p = lessonToPeriod(refs.shifts, shiftOfLesson(refs, l), lessonNumber);
    return p < 0 ? problem.periods.length : p;
  };
  const timeOf = (l: Pick<PlacedLesson, 'classId' | 'studyGroupId'>, lessonNumber: number): number => {
    const shift = shiftOfLesson(refs, l);
    const span = refs.shifts.find((s) => s.shift === shift) ?? refs.shifts[0];
    return (span?.firstPeriod ?? 0) + lessonNumber - 1;
  };
  for (const l of regular) {
    const i = activityOfLesson.get(l.id)!;
    timetable.day[i] = l.weekday - 1;
    timetable.period[i] = periodOf(l, l.lessonNumber);
    timetable.room[i] = l.roomId === null ? -1 : roomIndex.get(l.roomId) ?? -1;
  }
  return { problem, timetable, refs, activityOfLesson, orphans, periodOf, timeOf, setsOf };
}

const round = (x: number): number => Math.round(x * 100) / 100;

export const summaryOf = (e: Evaluation): TimetableEvaluationSummaryDto => ({
  hard: e.hard.reduce((n, v) => n + v.amount, 0), softPenalty: round(e.softPenalty),
});

/** What a version keeps as its evaluation (timetables.evaluation). */
export function storedEvaluationOf(e: Evaluation, orphans: Placement['orphans'], at: Date, outsideGrid: StoredEvaluation['outsideGrid'] = []): StoredEvaluation {
  return {
    ...summaryOf(e),
    unplaced: e.hard.filter((v) => v.kind === 'unplaced').length,
    violations: e.hard.slice(0, maxListedViolations).map((v) => ({ kind: v.kind, message: v.message })),
    byConstraint: e.byConstraint
      .map((s) => ({ kind: s.kind, meaning: s.meaning, weight: s.weight, amount: s.amount, penalty: round(s.penalty) }))
      .sort((a, b) => b.weight - a.weight || b.penalty - a.penalty || b.amount - a.amount),
    orphans,
    outsideGrid,
    evaluatedAt: at.toISOString(),
  };
}

export function evaluatePlacement(p: Placement): Evaluation {
  return evaluate(p.problem, p.timetable);
}

/** A stored evaluation read back, whatever wrote it; null when it is not the whole shape. */
export function readStoredEvaluation(value: unknown): StoredEvaluation | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<StoredEvaluation>;
  if (typeof v.hard !== 'number' || typeof v.softPenalty !== 'number' || !Array.isArray(v.violations) || !Array.isArray(v.byConstraint)) return null;
  return {
    hard: v.hard, softPenalty: v.softPenalty, unplaced: typeof v.unplaced === 'number' ? v.unplaced : 0,
    violations: v.violations, byConstraint: v.byConstraint.map((s) => ({ kind: s.kind, meaning: s.meaning, weight: s.weight, amount: s.amount, penalty: s.penalty })),
    orphans: Array.isArray(v.orphans) ? v.orphans : [], outsideGrid: Array.isArray(v.outsideGrid) ? v.outsideGrid : [], evaluatedAt: typeof v.evaluatedAt === 'string' ? v.evaluatedAt : null,
  };
}

/** The short evaluation of any stored shape ({ hard: count | list, softPenalty }). */
export function readEvaluationSummary(value: unknown): TimetableEvaluationSummaryDto | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as { hard?: unknown; softPenalty?: unknown };
  const hard = typeof v.hard === 'number' ? v.hard : Array.isArray(v.hard) ? v.hard.length : null;
  if (hard === null || typeof v.softPenalty !== 'number') return null;
  return { hard, softPenalty: round(v.softPenalty) };
}

// --- Moving a lesson --------------------------------------------------------------------------

export type Target = { weekday: number; lessonNumber: number; roomId: string | null };

/** The finest students sets of each lesson (FET's subgroups), or a token of its class/group when the problem has none. */
export function studentsOf(p: Placement, lessons: readonly PlacedLesson[]): Map<string, Set<string>> {
  const cache = new Map<number, number[]>();
  const finest = (s: number) => {
    let r = cache.get(s);
    if (!r) cache.set(s, (r = finestSetsOf(p.problem, s)));
    return r;
  };
  const out = new Map<string, Set<string>>();
  for (const l of lessons) {
    const i = p.activityOfLesson.get(l.id);
    const sets = (i !== undefined ? p.problem.activities[i]!.studentsSets : p.setsOf(l)).flatMap(finest);
    out.set(l.id, new Set(sets.length > 0 ? sets.map((s) => `s${s}`) : [l.studyGroupId ? `g${l.studyGroupId}` : `c${l.classId}`]));
  }
  return out;
}

type Span = { weekday: number; period: number; duration: number };
const overlaps = (a: Span, b: Span): boolean =>
  a.weekday === b.weekday && a.period < b.period + b.duration && b.period < a.period + a.duration;

/**
 * What stands in the way of a lesson at the target: the teacher's other lesson, a lesson of the
 * same students (the class, the group, a subgroup with a common student), a lesson in the room.
 * Times are the problem's periods, so that the first lesson of the second shift is not the first
 * lesson of the first.
 */
export function clashesAt(p: Pick<Placement, 'timeOf'>, lessons: readonly PlacedLesson[], moved: PlacedLesson, target: Target,
  students: ReadonlyMap<string, ReadonlySet<string>>, labels: Labels): TimetableClashDto[] {
  const at = { weekday: target.weekday, period: p.timeOf(moved, target.lessonNumber), duration: moved.duration };
  const mine = students.get(moved.id) ?? new Set<string>();
  const out: TimetableClashDto[] = [];
  for (const o of lessons) {
    if (o.id === moved.id || !overlaps(at, { weekday: o.weekday, period: p.timeOf(o, o.lessonNumber), duration: o.duration })) continue;
    const where = labels.slot(o.weekday, o.lessonNumber);
    if (o.employeeId === moved.employeeId) {
      out.push({ kind: 'teacher', lessonId: o.id, message: `Учитель ${labels.teacher(o.employeeId)} в это время ведёт ${labels.subject(o.subjectId)} в ${labels.unit(o)} (${where})` });
    }
    const theirs = students.get(o.id);
    if (theirs && [...theirs].some((s) => mine.has(s))) {
      out.push({ kind: 'students', lessonId: o.id, message: `У ${labels.unit(o)} в это время ${labels.subject(o.subjectId)} (${labels.teacher(o.employeeId)}, ${where})` });
    }
    if (target.roomId !== null && o.roomId === target.roomId) {
      out.push({ kind: 'room', lessonId: o.id, message: `Кабинет ${labels.room(o.roomId)} в это время занят: ${labels.subject(o.subjectId)}, ${labels.unit(o)} (${where})` });
    }
  }
  return out;
}

/** The placement with one lesson at the target (a copy; the original is left as it is). */
export function movedPlacement(p: Placement, lessonId: string, lessonUnit: Pick<PlacedLesson, 'classId' | 'studyGroupId'>, target: Target): Placement {
  const i = p.activityOfLesson.get(lessonId);
  // A session outside the problem changes nothing the evaluator sees.
  if (i === undefined) return p;
  const timetable = copyTimetable(p.timetable);
  timetable.day[i] = target.weekday - 1;
  timetable.period[i] = p.periodOf(lessonUnit, target.lessonNumber);
  timetable.room[i] = target.roomId === null ? -1 : p.refs.rooms.indexOf(target.roomId);
  return { ...p, timetable };
}

const clashKinds = new Set(['teacherClash', 'studentsClash', 'roomClash']);

/** Hard violations after a change that were not there before, clashes aside (they are listed apart). */
export function newViolations(before: Evaluation, after: Evaluation): string[] {
  const had = new Set(before.hard.map((v) => v.message));
  return after.hard.filter((v) => !had.has(v.message) && !clashKinds.has(v.kind)).map((v) => v.message);
}

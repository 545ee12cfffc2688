// What makes a timetable problem impossible, found before any search (issue 5, «Bad input»): more
// hours than free slots for a class, a group or a teacher, an activity longer than a day, more
// lessons of a split subject than the days that keep them apart, a daily maximum that cannot hold
// the week, lessons that must start together but need one teacher or one class twice at once.
// Pure: looks only at the problem and its hard constraints (weight 100), says it in Russian.
import { activityLabel, finestSetsOf, type Constraint, type Problem } from './model';

export type DiagnosisCode =
  | 'studentsOverloaded'
  | 'teacherOverloaded'
  | 'activityTooLong'
  | 'tooManyLessonsForDays'
  | 'studentsDailyMaxTooLow'
  | 'teacherDailyMaxTooLow'
  | 'sameTimeTeacherTwice'
  | 'sameTimeStudentsTwice';

export interface DiagnosisIssue {
  code: DiagnosisCode;
  /** Russian, names the class (students set), the teacher or the activity. */
  message: string;
  teacher?: number;
  studentsSet?: number;
  activity?: number;
}

const isHard = (c: Constraint): boolean => c.weight >= 100;

/** «1 час», «3 часа», «5 часов» — the Russian plural of a count. */
export function countRu(n: number, one: string, few: string, many: string): string {
  const m10 = n % 10;
  const m100 = n % 100;
  const word = m10 === 1 && m100 !== 11 ? one : m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14) ? few : many;
  return `${n} ${word}`;
}
export const hoursRu = (n: number): string => countRu(n, 'час', 'часа', 'часов');
const lessonsRu = (n: number): string => countRu(n, 'урок', 'урока', 'уроков');
const daysRu = (n: number): string => countRu(n, 'день', 'дня', 'дней');

/** «5А» or, for a subgroup, «5А / Англ 1» (its first parent chain up to the class). */
export function studentsSetLabel(problem: Problem, set: number): string {
  const names: string[] = [];
  let s: number | undefined = set;
  const seen = new Set<number>();
  while (s !== undefined && !seen.has(s)) {
    seen.add(s);
    const ss: Problem['studentsSets'][number] = problem.studentsSets[s]!;
    if (ss.kind === 'year' && names.length > 0) break;
    // «5А Англ. гр. 1» under «5А» already says its class.
    if (names.length === 0 || !names[0]!.startsWith(ss.name)) names.unshift(ss.name);
    s = ss.parents[0];
  }
  return names.join(' / ');
}

export function diagnose(problem: Problem): DiagnosisIssue[] {
  const issues: DiagnosisIssue[] = [];
  const days = problem.days.length;
  const periods = problem.periods.length;
  const hard = problem.constraints.filter(isHard);
  const active = problem.activities.map((a, i) => ({ a, i })).filter(({ a }) => a.active);
  const finest = problem.studentsSets.map((_, s) => finestSetsOf(problem, s));
  const finestOfActivity = (i: number): number[] => [...new Set(problem.activities[i]!.studentsSets.flatMap((s) => finest[s]!))];

  // Free slots: a grid per finest set and per teacher, closed by break times and not-available times.
  const key = (day: number, period: number) => day * periods + period;
  const open = (): boolean[] => Array.from({ length: days * periods }, () => true);
  const common = open();
  for (const c of hard) if (c.kind === 'breakTimes') for (const s of c.slots) if (s.day < days && s.period < periods) common[key(s.day, s.period)] = false;
  const setGrid = new Map<number, boolean[]>();
  const teacherGrid = new Map<number, boolean[]>();
  const gridOf = (grids: Map<number, boolean[]>, k: number) => {
    let g = grids.get(k);
    if (!g) { g = common.slice(); grids.set(k, g); }
    return g;
  };
  for (const c of hard) {
    if (c.kind === 'studentsNotAvailable') {
      for (const f of finest[c.students] ?? []) {
        const g = gridOf(setGrid, f);
        for (const s of c.slots) if (s.day < days && s.period < periods) g[key(s.day, s.period)] = false;
      }
    } else if (c.kind === 'teacherNotAvailable') {
      const g = gridOf(teacherGrid, c.teacher);
      for (const s of c.slots) if (s.day < days && s.period < periods) g[key(s.day, s.period)] = false;
    }
  }
  const freeByDay = (g: boolean[]): number[] =>
    Array.from({ length: days }, (_, d) => g.slice(d * periods, (d + 1) * periods).filter(Boolean).length);
  const freeOfSet = (f: number) => freeByDay(setGrid.get(f) ?? common);
  const freeOfTeacher = (t: number) => freeByDay(teacherGrid.get(t) ?? common);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

  // Hours per week of every finest set and every teacher.
  const setHours = new Map<number, number>();
  const teacherHours = new Map<number, number>();
  for (const { a, i } of active) {
    for (const f of finestOfActivity(i)) setHours.set(f, (setHours.get(f) ?? 0) + a.duration);
    for (const t of new Set(a.teachers)) teacherHours.set(t, (teacherHours.get(t) ?? 0) + a.duration);
  }

  for (const [f, hours] of [...setHours].sort((x, y) => x[0] - y[0])) {
    const free = sum(freeOfSet(f));
    if (hours > free) {
      issues.push({
        code: 'studentsOverloaded', studentsSet: f,
        message: `У «${studentsSetLabel(problem, f)}» ${hoursRu(hours)} в неделю, а свободных уроков в сетке только ${free}: уберите ${hoursRu(hours - free)} из нагрузки или добавьте уроки в день.`,
      });
    }
  }
  for (const [t, hours] of [...teacherHours].sort((x, y) => x[0] - y[0])) {
    const free = sum(freeOfTeacher(t));
    if (hours > free) {
      issues.push({
        code: 'teacherOverloaded', teacher: t,
        message: `У учителя ${problem.teachers[t]!.name} ${hoursRu(hours)} в неделю, а доступных ему уроков в сетке только ${free}: передайте ${hoursRu(hours - free)} другому учителю или откройте недоступное время.`,
      });
    }
  }

  for (const { a, i } of active) {
    if (a.duration > periods) {
      issues.push({
        code: 'activityTooLong', activity: i,
        message: `Занятие ${activityLabel(problem, i)} длится ${hoursRu(a.duration)}, а в дне только ${lessonsRu(periods)}.`,
      });
    }
  }

  for (const c of hard) {
    if (c.kind !== 'minDaysBetweenActivities' || c.minDays <= 0) continue;
    const acts = c.activities.filter((i) => problem.activities[i]?.active);
    if (acts.length < 2) continue;
    const needed = (acts.length - 1) * c.minDays + 1;
    if (needed > days) {
      const first = acts[0]!;
      issues.push({
        code: 'tooManyLessonsForDays', activity: first,
        message: `${lessonsRu(acts.length)} занятия ${activityLabel(problem, first)} должны идти в разные дни (между ними не меньше ${daysRu(c.minDays)}), а в неделе только ${daysRu(days)}.`,
      });
    }
  }

  // A hard daily maximum times the days (within the free slots of each day) must hold the week.
  for (const c of hard) {
    if (c.kind === 'studentsMaxHoursDaily') {
      const targets = c.students === null ? [...setHours.keys()] : finest[c.students] ?? [];
      for (const f of [...new Set(targets)].sort((x, y) => x - y)) {
        const hours = setHours.get(f) ?? 0;
        const room = sum(freeOfSet(f).map((n) => Math.min(n, c.maxHours)));
        if (hours > room) {
          issues.push({
            code: 'studentsDailyMaxTooLow', studentsSet: f,
            message: `У «${studentsSetLabel(problem, f)}» ${hoursRu(hours)} в неделю, а при не более ${c.maxHours} уроков в день помещается только ${room}.`,
          });
        }
      }
    } else if (c.kind === 'teachersMaxHoursDaily' && !c.tag) {
      // (A tag-limited maximum bounds only the tagged lessons; their count is not checked here.)
      const targets = c.teacher === null ? [...teacherHours.keys()] : [c.teacher];
      for (const t of [...new Set(targets)].sort((x, y) => x - y)) {
        const hours = teacherHours.get(t) ?? 0;
        const room = sum(freeOfTeacher(t).map((n) => Math.min(n, c.maxHours)));
        if (hours > room) {
          issues.push({
            code: 'teacherDailyMaxTooLow', teacher: t,
            message: `У учителя ${problem.teachers[t]!.name} ${hoursRu(hours)} в неделю, а при не более ${c.maxHours} уроков в день помещается только ${room}.`,
          });
        }
      }
    }
  }

  // Activities that must start together (joined across constraints) may not share a teacher or students.
  const parent = problem.activities.map((_, i) => i);
  const root = (i: number): number => { while (parent[i] !== i) { parent[i] = parent[parent[i]!]!; i = parent[i]!; } return i; };
  for (const c of hard) {
    if (c.kind !== 'activitiesSameStartingTime') continue;
    const acts = c.activities.filter((i) => problem.activities[i]?.active);
    for (let k = 1; k < acts.length; k++) parent[root(acts[k]!)] = root(acts[0]!);
  }
  const components = new Map<number, number[]>();
  for (const { i } of active) {
    const r = root(i);
    const members = components.get(r);
    if (members) members.push(i);
    else components.set(r, [i]);
  }
  for (const acts of components.values()) {
    if (acts.length < 2) continue;
    const teacherSeen = new Map<number, number>();
    const setSeen = new Map<number, number>();
    const reportedTeachers = new Set<number>();
    const reportedSets = new Set<number>();
    for (const i of acts) {
      const a = problem.activities[i]!;
      for (const t of new Set(a.teachers)) {
        const other = teacherSeen.get(t);
        if (other !== undefined && !reportedTeachers.has(t)) {
          reportedTeachers.add(t);
          issues.push({
            code: 'sameTimeTeacherTwice', teacher: t, activity: i,
            message: `Учитель ${problem.teachers[t]!.name} нужен дважды в одно время: ${activityLabel(problem, other)} и ${activityLabel(problem, i)} должны начинаться одновременно.`,
          });
        }
        teacherSeen.set(t, i);
      }
      let studentsReported = false;
      for (const f of finestOfActivity(i)) {
        const other = setSeen.get(f);
        // One issue per activity: a class that meets its two subgroups is one clash, not two.
        if (other !== undefined && !reportedSets.has(f) && !studentsReported) {
          reportedSets.add(f);
          studentsReported = true;
          issues.push({
            code: 'sameTimeStudentsTwice', studentsSet: f, activity: i,
            message: `«${studentsSetLabel(problem, f)}» нужен дважды в одно время: ${activityLabel(problem, other)} и ${activityLabel(problem, i)} должны начинаться одновременно.`,
          });
        }
        setSeen.set(f, i);
      }
    }
  }
  return issues;
}

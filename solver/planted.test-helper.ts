// Generated schools with a planted timetable, for the solver's tests: a random timetable without
// gaps is drawn first, and the lessons are read off it, so every generated problem has a solution
// under its hard constraints (no clash, no gaps for a class, lessons of a subject on different
// days, the daily maximum, teachers' not-available periods outside their lessons).
import { emptyProblem, type Problem, type Timetable } from './model.ts';
import { seededRandom } from './search.ts';

export interface PlantedOptions {
  seed: number;
  classes: number;
  days?: number;
  periods?: number;
  /** Lessons a day of each class (≤ periods). */
  lessonsPerDay?: number;
  teachers?: number;
  /** Subjects a class has; each takes the class's lessons on several days. */
  subjects?: number;
}

export function plantedSchool(o: PlantedOptions): { problem: Problem; planted: Timetable } {
  const rnd = seededRandom(o.seed);
  const D = o.days ?? 5;
  const P = o.periods ?? 6;
  const L = Math.min(P, o.lessonsPerDay ?? 5);
  const nT = o.teachers ?? Math.max(2, Math.ceil((o.classes * D * L) / 20));
  const nSubj = o.subjects ?? 8;
  const problem = emptyProblem(`planted-${o.seed}`, Array.from({ length: D }, (_, d) => `Д${d + 1}`), Array.from({ length: P }, (_, p) => `${p + 1}`));
  for (let t = 0; t < nT; t++) problem.teachers.push({ name: `Учитель ${t + 1}` });
  for (let s = 0; s < nSubj; s++) problem.subjects.push({ name: `Предмет ${s + 1}` });
  problem.studentsSets.push({ name: 'Параллель', kind: 'year', size: 0, parents: [], children: [] });
  const busy = new Set<string>();
  const day: number[] = [];
  const period: number[] = [];
  // Each class: L lessons every day from the first period (no gaps); each lesson gets a subject
  // not yet used that day in that class and a teacher free at that time.
  for (let c = 0; c < o.classes; c++) {
    const set = problem.studentsSets.length;
    problem.studentsSets.push({ name: `${c + 1}-й класс`, kind: 'group', size: 25, parents: [0], children: [] });
    problem.studentsSets[0]!.children.push(set);
    const teacherOf = Array.from({ length: nSubj }, () => Math.floor(rnd() * nT));
    /** Lessons by subject and teacher: those are one split subject. */
    const groups = new Map<string, number[]>();
    for (let d = 0; d < D; d++) {
      const usedToday = new Set<number>();
      for (let p = 0; p < L; p++) {
        const order = Array.from({ length: nSubj }, (_, s) => s).sort(() => rnd() - 0.5);
        const subject = order.find((s) => !usedToday.has(s) && !busy.has(`${teacherOf[s]}:${d}:${p}`)) ?? order.find((s) => !usedToday.has(s))!;
        usedToday.add(subject);
        let t = teacherOf[subject]!;
        if (busy.has(`${t}:${d}:${p}`)) {
          const free = Array.from({ length: nT }, (_, x) => x).filter((x) => !busy.has(`${x}:${d}:${p}`));
          if (free.length === 0) throw new Error('planted: not enough teachers');
          t = free[Math.floor(rnd() * free.length)]!;
        }
        busy.add(`${t}:${d}:${p}`);
        const key = `${subject}:${t}`;
        groups.set(key, [...(groups.get(key) ?? []), problem.activities.length]);
        problem.activities.push({ id: problem.activities.length + 1, teachers: [t], subject, studentsSets: [set], duration: 1, groupId: 0, active: true, studentsCount: null, tags: [] });
        day.push(d);
        period.push(p);
      }
    }
    for (const list of groups.values()) {
      if (list.length < 2) continue;
      for (const i of list) problem.activities[i]!.groupId = list[0]! + 1;
      problem.constraints.push({ kind: 'minDaysBetweenActivities', weight: 100, activities: list, minDays: 1, consecutiveIfSameDay: false });
    }
    problem.constraints.push({ kind: 'studentsMaxGapsPerDay', weight: 100, students: set, maxGaps: 0 });
    problem.constraints.push({ kind: 'studentsMaxHoursDaily', weight: 100, students: set, maxHours: L });
  }
  problem.constraints.unshift({ kind: 'basicTime', weight: 100 }, { kind: 'basicSpace', weight: 100 });
  // Each teacher is not available in one period where the planted timetable has no lesson of theirs.
  for (let t = 0; t < nT; t++) {
    const free: { day: number; period: number }[] = [];
    for (let d = 0; d < D; d++) for (let p = 0; p < P; p++) if (!busy.has(`${t}:${d}:${p}`)) free.push({ day: d, period: p });
    if (free.length > 0) problem.constraints.push({ kind: 'teacherNotAvailable', weight: 100, teacher: t, slots: [free[Math.floor(rnd() * free.length)]!] });
  }
  problem.constraints.push({ kind: 'teachersMaxGapsPerDay', weight: 50, teacher: null, maxGaps: 1 });
  const n = problem.activities.length;
  return { problem, planted: { day: Int32Array.from(day), period: Int32Array.from(period), room: new Int32Array(n).fill(-1) } };
}

// The timetable problem of a school's year (SPEC B12), built from its tables: the week from the
// academic calendar, the periods from the largest bell schedule, classes and their subgroups as
// students sets, the teaching load split into one-hour lessons, rooms, and our Russian rules as
// constraints of the solver's model (decision 017).
import { weekLengthOf, type AcademicCalendar } from '../../../domain/calendar';
import { emptyProblem, type Activity, type Problem } from '../../../solver/model';
import type { Queryable } from '../../db/client';
import * as loadRepo from '../load/load.repo';
import { fullName } from '../load/load.consistency';
import { findCalendar, studentsPerClass } from '../readiness/readiness.repo';
import * as repo from './problem.repo';

export const dayNames = ['Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб'];
/** Periods when the year has no bell schedule yet. */
export const defaultPeriods = 7;
/** Teacher gaps: at most one a day, soft with this weight (decision 017). */
export const teacherGapsWeight = 50;
/** Lessons of one subject kept on different days when they do not fit: soft with this weight. */
export const softDifferentDaysWeight = 95;

/** СанПиН 1.2.3685-21 table 6.6: lessons a day by grade (1st grade: 4, one day 5 — taken as 5). */
export function dailyMaximumOf(grade: number): number {
  if (grade <= 1) return 5;
  if (grade <= 4) return 5;
  if (grade <= 6) return 6;
  return 7;
}

/**
 * What each index of the problem stands for in the school's tables, to save a timetable back:
 * per activity its load row and lesson number within it («<load id>#<k>» is its stable key).
 */
export type ProblemRefs = {
  activities: { teachingLoadId: string; lesson: number; key: string; subjectId: string; employeeId: string; classId: string | null; studyGroupId: string | null }[];
  rooms: string[];
  teachers: string[];
  subjects: string[];
  /** Per students set: the class it is (for a class set), else null. */
  classOfSet: (string | null)[];
  /** Per class id: its grade. */
  gradeOfClass: Map<string, number>;
};

export type YearProblem = { problem: Problem; notes: string[]; lessons: number; classes: number; refs: ProblemRefs };

const hard = 100;

export async function buildYearProblem(db: Queryable, schoolId: string, academicYear: number): Promise<YearProblem> {
  const from = `${academicYear}-09-01`;
  const [calendar, bells, classRows, groupRows, streamRows, loads, roomRows, members, classSizes] = await Promise.all([
    findCalendar(db, schoolId, academicYear),
    repo.bellScheduleSizes(db, schoolId, academicYear),
    loadRepo.classesOfYear(db, schoolId, academicYear),
    loadRepo.groupsOfYear(db, schoolId, academicYear),
    loadRepo.streamClasses(db, schoolId, academicYear),
    loadRepo.listTeachingLoads(db, schoolId, { academicYear }),
    repo.roomsWithSubjects(db, schoolId),
    repo.subgroupMembers(db, schoolId, academicYear, from),
    studentsPerClass(db, schoolId, academicYear, from),
  ]);
  const kinds = await repo.subjectKinds(db, schoolId, [...new Set(loads.map((l) => l.subjectId))]);
  return problemOf({ academicYear, calendar, bells, classRows, groupRows, streamRows, loads, roomRows, members, classSizes, kinds });
}

type Input = {
  academicYear: number;
  calendar: AcademicCalendar | null;
  bells: { lessons: number; assigned: boolean }[];
  classRows: { id: string; grade: number; letter: string }[];
  groupRows: { id: string; kind: string; classId: string | null; subjectId: string | null; name: string }[];
  streamRows: { studyGroupId: string; classId: string }[];
  loads: loadRepo.TeachingLoadView[];
  roomRows: repo.ProblemRoom[];
  members: { studyGroupId: string; studentId: string }[];
  classSizes: Map<string, number>;
  kinds: Map<string, string>;
};

export function problemOf(input: Input): YearProblem {
  const { academicYear, calendar, bells, classRows, groupRows, streamRows, roomRows, members, classSizes, kinds } = input;
  const notes: string[] = [];
  const refs: ProblemRefs = { activities: [], rooms: [], teachers: [], subjects: [], classOfSet: [], gradeOfClass: new Map(classRows.map((c) => [c.id, c.grade])) };

  // Days: the longest week of the grades taught; five-day grades are closed on Saturday.
  const weekOf = (grade: number) => (calendar ? weekLengthOf(calendar, grade) : 5);
  const days = Math.max(5, ...classRows.map((c) => weekOf(c.grade)));
  if (!calendar) notes.push('Календарный учебный график не заполнен: неделя взята пятидневной.');
  // Periods: the largest bell schedule in force (assigned), else any of the year, else the default.
  const inForce = bells.filter((b) => b.assigned);
  const sizes = (inForce.length > 0 ? inForce : bells).map((b) => b.lessons).filter((n) => n > 0);
  const periods = sizes.length > 0 ? Math.max(...sizes) : defaultPeriods;
  if (sizes.length === 0) notes.push(`Расписание звонков не задано: взято ${defaultPeriods} уроков в день.`);
  const problem = emptyProblem(`Расписание ${academicYear}/${String(academicYear + 1).slice(2)}`, dayNames.slice(0, days),
    Array.from({ length: periods }, (_, i) => `${i + 1} урок`));

  // Lessons of the timetable: subjects and optional courses; extracurricular and additional
  // education are scheduled apart from the class's day (they do not count in its maximum).
  const taught = input.loads.filter((l) => {
    const kind = kinds.get(l.subjectId) ?? 'subject';
    return kind === 'subject' || kind === 'optionalCourse';
  });
  const apart = input.loads.length - taught.length;
  if (apart > 0) notes.push(`Строк нагрузки внеурочной деятельности и дополнительного образования не в сетке уроков: ${apart}.`);

  // Students sets: grade (year) → class (group) → the subgroups its split subjects make. With
  // several split subjects a subgroup is a combination the class's students actually have
  // («5А Англ. гр. 1 + Инф. гр. 2»), so that English 1 may run beside Informatics 2 when no
  // student is in both, and never when one is.
  const grades = [...new Set(classRows.map((c) => c.grade))].sort((a, b) => a - b);
  const yearIndex = new Map<number, number>();
  for (const g of grades) {
    yearIndex.set(g, problem.studentsSets.length);
    problem.studentsSets.push({ name: `${g} параллель`, kind: 'year', size: 0, parents: [], children: [] });
  }
  const classIndex = new Map<string, number>();
  const className = new Map<string, string>();
  for (const c of classRows) {
    const i = problem.studentsSets.length;
    const y = yearIndex.get(c.grade)!;
    const size = classSizes.get(c.id) ?? 0;
    classIndex.set(c.id, i);
    className.set(c.id, `${c.grade}${c.letter}`);
    problem.studentsSets.push({ name: `${c.grade}${c.letter}`, kind: 'group', size, parents: [y], children: [] });
    problem.studentsSets[y]!.children.push(i);
    problem.studentsSets[y]!.size += size;
  }
  /** Study group id → the finest sets its lessons take. */
  const groupSets = new Map<string, number[]>();
  const groupsOfClass = new Map<string, typeof groupRows>();
  for (const g of groupRows) if (g.kind === 'subgroup' && g.classId && classIndex.has(g.classId)) groupsOfClass.set(g.classId, [...(groupsOfClass.get(g.classId) ?? []), g]);
  const groupsOfStudent = new Map<string, string[]>();
  for (const m of members) groupsOfStudent.set(m.studentId, [...(groupsOfStudent.get(m.studentId) ?? []), m.studyGroupId]);
  for (const [classId, groups] of groupsOfClass) {
    const ci = classIndex.get(classId)!;
    // Only the split subjects that have load in the timetable make subgroups.
    const used = groups.filter((g) => taught.some((l) => l.studyGroupId === g.id));
    if (used.length === 0) continue;
    const bySubject = new Map<string, typeof used>();
    for (const g of used) bySubject.set(g.subjectId ?? g.id, [...(bySubject.get(g.subjectId ?? g.id) ?? []), g]);
    const subjectKeys = [...bySubject.keys()].sort();
    const ids = new Set(used.map((g) => g.id));
    const hasMembers = used.every((g) => members.some((m) => m.studyGroupId === g.id));
    let combos: string[][];
    const comboSize = new Map<string, number>();
    if (hasMembers) {
      const seen = new Map<string, string[]>();
      for (const [, gs] of groupsOfStudent) {
        const mine = subjectKeys.map((k) => gs.find((g) => ids.has(g) && bySubject.get(k)!.some((x) => x.id === g)) ?? '');
        if (mine.every((g) => g === '')) continue;
        const key = mine.join('|');
        seen.set(key, mine);
        comboSize.set(key, (comboSize.get(key) ?? 0) + 1);
      }
      combos = [...seen.values()];
    } else {
      // Nobody in the groups yet: every combination may meet.
      combos = subjectKeys.reduce<string[][]>((acc, k) => acc.flatMap((c) => bySubject.get(k)!.map((g) => [...c, g.id])), [[]]);
    }
    const nameOf = new Map(used.map((g) => [g.id, g.name]));
    const cname = className.get(classId)!;
    combos.sort((a, b) => a.join().localeCompare(b.join()));
    for (const combo of combos) {
      const i = problem.studentsSets.length;
      const parts = combo.filter((g) => g !== '').map((g) => nameOf.get(g)!.replace(new RegExp(`^${cname}\\s*`), ''));
      problem.studentsSets.push({ name: `${cname} ${parts.join(' + ')}`, kind: 'subgroup', size: comboSize.get(combo.join('|')) ?? 0, parents: [ci], children: [] });
      problem.studentsSets[ci]!.children.push(i);
      for (const g of combo) if (g !== '') groupSets.set(g, [...(groupSets.get(g) ?? []), i]);
    }
  }
  // Streams and other groups across classes take the whole classes they draw from.
  for (const g of groupRows) {
    if (g.kind === 'subgroup') continue;
    groupSets.set(g.id, streamRows.filter((s) => s.studyGroupId === g.id).flatMap((s) => (classIndex.has(s.classId) ? [classIndex.get(s.classId)!] : [])));
  }

  // Teachers, subjects, rooms.
  const teacherIndex = new Map<string, number>();
  const subjectIndex = new Map<string, number>();
  for (const l of taught) {
    if (!teacherIndex.has(l.employeeId)) { teacherIndex.set(l.employeeId, problem.teachers.length); problem.teachers.push({ name: fullName(l) }); }
    if (!subjectIndex.has(l.subjectId)) { subjectIndex.set(l.subjectId, problem.subjects.length); problem.subjects.push({ name: l.subjectName }); }
  }
  for (const r of roomRows) problem.rooms.push({ name: r.name, capacity: r.capacity ?? 0, kind: r.kind, building: null });
  for (const [subjectId, s] of subjectIndex) {
    const suitable = roomRows.flatMap((r, i) => (r.subjectIds.includes(subjectId) ? [i] : []));
    if (suitable.length > 0) problem.constraints.push({ kind: 'subjectPreferredRooms', weight: hard, subject: s, rooms: suitable });
  }

  // Activities: each load row as one-hour lessons sharing a group id.
  problem.constraints.unshift({ kind: 'basicTime', weight: hard }, { kind: 'basicSpace', weight: hard });
  const lessonsOfLoad = new Map<string, number[]>();
  let fractions = 0;
  for (const l of taught) {
    const hours = Number(l.hoursPerWeek);
    const whole = Math.floor(hours);
    if (hours !== whole) fractions++;
    if (whole === 0) continue;
    const sets = l.classId ? (classIndex.has(l.classId) ? [classIndex.get(l.classId)!] : []) : groupSets.get(l.studyGroupId!) ?? [];
    const first = problem.activities.length + 1;
    const acts: number[] = [];
    for (let k = 0; k < whole; k++) {
      refs.activities.push({ teachingLoadId: l.id, lesson: k + 1, key: `${l.id}#${k + 1}`, subjectId: l.subjectId, employeeId: l.employeeId, classId: l.classId, studyGroupId: l.studyGroupId });
      const a: Activity = {
        id: problem.activities.length + 1, teachers: [teacherIndex.get(l.employeeId)!], subject: subjectIndex.get(l.subjectId)!, studentsSets: sets,
        duration: 1, groupId: whole > 1 ? first : 0, active: true, studentsCount: null, tags: [],
      };
      acts.push(problem.activities.length);
      problem.activities.push(a);
    }
    lessonsOfLoad.set(l.id, acts);
    // Lessons of one subject on different days (hard when the week holds them).
    if (acts.length > 1) {
      const fits = acts.length <= days;
      if (!fits) notes.push(`${l.subjectName} (${l.classId ? className.get(l.classId) : l.groupName}): ${acts.length} ч в неделю при ${days} днях — разные дни только желательны.`);
      problem.constraints.push({ kind: 'minDaysBetweenActivities', weight: fits ? hard : softDifferentDaysWeight, activities: acts, minDays: 1, consecutiveIfSameDay: false });
    }
  }
  if (fractions > 0) notes.push(`Дробные часы нагрузки (например, 0,5 ч — урок раз в две недели) в недельную сетку не входят: строк ${fractions}.`);

  // Subgroups of one class for one split subject at the same time, when they have the same hours
  // and different teachers.
  for (const [, groups] of groupsOfClass) {
    const bySubject = new Map<string, string[]>();
    for (const g of groups) if (g.subjectId) bySubject.set(g.subjectId, [...(bySubject.get(g.subjectId) ?? []), g.id]);
    for (const [subjectId, ids] of bySubject) {
      const rows = taught.filter((l) => l.subjectId === subjectId && l.studyGroupId !== null && ids.includes(l.studyGroupId));
      if (rows.length < 2) continue;
      const lessons = rows.map((l) => lessonsOfLoad.get(l.id) ?? []);
      const sameHours = lessons.every((x) => x.length === lessons[0]!.length);
      const distinctTeachers = new Set(rows.map((l) => l.employeeId)).size === rows.length;
      if (!sameHours || !distinctTeachers || lessons[0]!.length === 0) continue;
      for (let k = 0; k < lessons[0]!.length; k++) {
        problem.constraints.push({ kind: 'activitiesSameStartingTime', weight: hard, activities: lessons.map((x) => x[k]!) });
      }
    }
  }

  // Per class: no gaps, the СанПиН daily maximum, a five-day week closed on Saturday.
  for (const c of classRows) {
    const s = classIndex.get(c.id)!;
    problem.constraints.push({ kind: 'studentsMaxGapsPerDay', weight: hard, students: s, maxGaps: 0 });
    problem.constraints.push({ kind: 'studentsMaxHoursDaily', weight: hard, students: s, maxHours: Math.min(periods, dailyMaximumOf(c.grade)) });
    if (weekOf(c.grade) < days) {
      problem.constraints.push({ kind: 'studentsNotAvailable', weight: hard, students: s, slots: Array.from({ length: periods }, (_, p) => ({ day: days - 1, period: p })) });
    }
  }
  if (classRows.some((c) => c.grade === 1)) notes.push('1 классы: не более 4 уроков в день и один день 5 — в ограничении взято 5 в любой день.');
  if (problem.teachers.length > 0) problem.constraints.push({ kind: 'teachersMaxGapsPerDay', weight: teacherGapsWeight, teacher: null, maxGaps: 1 });

  refs.teachers = [...teacherIndex.keys()];
  refs.subjects = [...subjectIndex.keys()];
  refs.rooms = roomRows.map((r) => r.id);
  refs.classOfSet = problem.studentsSets.map(() => null);
  for (const [classId, i] of classIndex) refs.classOfSet[i] = classId;
  return { problem, notes, lessons: problem.activities.length, classes: classRows.length, refs };
}

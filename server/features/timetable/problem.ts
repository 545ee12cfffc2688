// The timetable problem of a school's year (SPEC B12), built from its tables: the week from the
// academic calendar, the periods from the bell schedules (the lessons of shift 1 followed by those
// of shift 2 when classes study in two shifts), classes and their subgroups as students sets, the
// teaching load as lessons (single, or as its split asks: «2+1+1»), rooms, teachers' unavailable
// lessons, and our Russian rules as constraints of the solver's model (decision 017): no gaps,
// the СанПиН daily maximum, the СанПиН difficulty of the days, hard subjects not first or last,
// balanced days, few room changes for a teacher.
import { weekLengthOf, type AcademicCalendar } from '../../../domain/calendar';
import { lessonsOfLoad } from '../../../domain/lesson-split';
import { minutesOf } from '../../../domain/regime';
import { hardSubjectsOf, subjectDifficulty } from '../../../domain/subject-difficulty';
import { emptyProblem, type Activity, type Problem, type Slot } from '../../../solver/model';
import type { Queryable } from '../../db/client';
import * as loadRepo from '../load/load.repo';
import { fullName } from '../load/load.consistency';
import { findCalendar, studentsPerClass } from '../readiness/readiness.repo';
import { effectiveRegimes } from '../regimes/regimes.service';
import * as repo from './problem.repo';
import { unavailabilityOf, type UnavailabilityRow } from './unavailability.repo';

export const dayNames = ['Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб'];
/** Periods when the year has no bell schedule yet. */
export const defaultPeriods = 7;
/** Teacher gaps: at most one a day, soft with this weight (decision 017). */
export const teacherGapsWeight = 50;
/** Lessons of one subject kept on different days when they do not fit: soft with this weight. */
export const softDifferentDaysWeight = 95;
/**
 * Soft weights of our Russian rules (percent; the penalty is weight/100 × amount, model.ts). Well
 * below hard (100) and below a teacher's gap (50), in proportion to their amounts: the difficulty
 * profile counts score points (a lesson weighs 1–13), the others count lessons or room changes.
 */
export const russianWeights = {
  /** СанПиН tables 6.9–6.11: Tuesday or Wednesday the hardest day, Monday and Friday lighter. */
  studentsDifficultyProfile: 5,
  /** The class's hardest subjects not as the first or the last lesson of a day. */
  studentsHardSubjectsNotFirstLast: 20,
  /** No day more than one lesson longer than another. */
  studentsBalancedDays: 30,
  /** A teacher keeps one room when they can. */
  teachersRoomChanges: 10,
} as const;

/** СанПиН 1.2.3685-21 table 6.6: lessons a day by grade (1st grade: 4, one day 5 — taken as 5). */
export function dailyMaximumOf(grade: number): number {
  if (grade <= 1) return 5;
  if (grade <= 4) return 5;
  if (grade <= 6) return 6;
  return 7;
}

/**
 * How the problem's periods lay out the shifts: shift `shift` takes the periods
 * [firstPeriod, firstPeriod + lessons), its lesson n being period firstPeriod + n − 1. With one
 * shift (the usual case) it is [{ shift, firstPeriod: 0, lessons: P }]: period p is lesson p + 1.
 */
export type ShiftSpan = { shift: number; firstPeriod: number; lessons: number };

/**
 * The shift and lesson number (from 1, within the shift) of a problem's period, as timetable
 * lessons store it (`lesson_number`; the class's shift says which bell schedule). Null for a
 * period outside the day (−1: not placed).
 */
export function periodToLesson(shifts: readonly ShiftSpan[], period: number): { shift: number; lessonNumber: number } | null {
  const span = shifts.find((s) => period >= s.firstPeriod && period < s.firstPeriod + s.lessons);
  return span ? { shift: span.shift, lessonNumber: period - span.firstPeriod + 1 } : null;
}

/**
 * The problem's period of lesson `lessonNumber` of `shift` (the shift of the lesson's class:
 * `shiftOfLesson`); −1 when the shift has no such lesson. A shift the problem does not have is
 * taken as its first one.
 */
export function lessonToPeriod(shifts: readonly ShiftSpan[], shift: number, lessonNumber: number): number {
  const span = shifts.find((s) => s.shift === shift) ?? shifts[0];
  if (!span || !Number.isInteger(lessonNumber) || lessonNumber < 1 || lessonNumber > span.lessons) return -1;
  return span.firstPeriod + lessonNumber - 1;
}

/** The shift a lesson of a class or a study group is in: its class's (a stream: its first class's). */
export function shiftOfLesson(refs: Pick<ProblemRefs, 'shifts' | 'shiftOfClass' | 'shiftOfGroup'>, lesson: { classId: string | null; studyGroupId: string | null }): number {
  return (lesson.classId ? refs.shiftOfClass.get(lesson.classId) : undefined)
    ?? (lesson.studyGroupId ? refs.shiftOfGroup.get(lesson.studyGroupId) : undefined)
    ?? refs.shifts[0]?.shift ?? 1;
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
  /** The shifts laid out in the periods (one span when the school has one shift). */
  shifts: ShiftSpan[];
  /** Per class id: the shift of its bell schedule on 1 September (1 when it has none). */
  shiftOfClass: Map<string, number>;
  /** Per study group id (subgroups and streams): the shift of its class (a stream's first class). */
  shiftOfGroup: Map<string, number>;
};

export type YearProblem = { problem: Problem; notes: string[]; lessons: number; classes: number; refs: ProblemRefs };

const hard = 100;

export async function buildYearProblem(db: Queryable, schoolId: string, academicYear: number): Promise<YearProblem> {
  const from = `${academicYear}-09-01`;
  const [calendar, bells, classRows, groupRows, streamRows, loads, roomRows, members, classSizes, regimes, unavailability] = await Promise.all([
    findCalendar(db, schoolId, academicYear),
    repo.bellScheduleSizes(db, schoolId, academicYear),
    loadRepo.classesOfYear(db, schoolId, academicYear),
    loadRepo.groupsOfYear(db, schoolId, academicYear),
    loadRepo.streamClasses(db, schoolId, academicYear),
    loadRepo.listTeachingLoads(db, schoolId, { academicYear }),
    repo.roomsWithSubjects(db, schoolId),
    repo.subgroupMembers(db, schoolId, academicYear, from),
    studentsPerClass(db, schoolId, academicYear, from),
    effectiveRegimes(db, schoolId, from),
    unavailabilityOf(db, schoolId, academicYear),
  ]);
  const subjects = await repo.subjectsInfo(db, schoolId, [...new Set(loads.map((l) => l.subjectId))]);
  const scheduleOfClass = new Map(regimes.items.map((r) => [r.classId, r.bellSchedule?.id ?? null]));
  return problemOf({ academicYear, calendar, bells, classRows, groupRows, streamRows, loads, roomRows, members, classSizes, subjects, scheduleOfClass, unavailability });
}

type Input = {
  academicYear: number;
  calendar: AcademicCalendar | null;
  bells: repo.ProblemBellSchedule[];
  classRows: { id: string; grade: number; letter: string }[];
  groupRows: { id: string; kind: string; classId: string | null; subjectId: string | null; name: string }[];
  streamRows: { studyGroupId: string; classId: string }[];
  loads: loadRepo.TeachingLoadView[];
  roomRows: repo.ProblemRoom[];
  members: { studyGroupId: string; studentId: string }[];
  classSizes: Map<string, number>;
  subjects: Map<string, repo.ProblemSubject>;
  /** Per class: the bell schedule in force on 1 September (its own or the school's), null: none. */
  scheduleOfClass: Map<string, string | null>;
  unavailability: UnavailabilityRow[];
};

/** Days of the problem's week: the longest week of the grades taught (at least five). */
export const weekDaysOf = (calendar: AcademicCalendar | null, grades: readonly number[]): number =>
  Math.max(5, ...grades.map((g) => (calendar ? weekLengthOf(calendar, g) : 5)));

/** The shifts of a year's classes laid out in periods, and each class's shift and own lesson count. */
function shiftLayout(bells: Input['bells'], classRows: Input['classRows'], scheduleOfClass: Input['scheduleOfClass'], notes: string[]) {
  const byId = new Map(bells.map((b) => [b.id, b]));
  const scheduleOf = (classId: string) => byId.get(scheduleOfClass.get(classId) ?? '') ?? null;
  const shiftOfClass = new Map(classRows.map((c) => [c.id, scheduleOf(c.id)?.shift ?? 1]));
  const used = [...new Set(shiftOfClass.values())].sort((a, b) => a - b);
  let spans: ShiftSpan[];
  if (used.length <= 1) {
    // One shift: the largest bell schedule in force (assigned), else any of the year, else the default.
    const inForce = bells.filter((b) => b.assigned);
    const sizes = (inForce.length > 0 ? inForce : bells).map((b) => b.lessons).filter((n) => n > 0);
    if (sizes.length === 0) notes.push(`Расписание звонков не задано: взято ${defaultPeriods} уроков в день.`);
    spans = [{ shift: used[0] ?? 1, firstPeriod: 0, lessons: sizes.length > 0 ? Math.max(...sizes) : defaultPeriods }];
  } else {
    // Several shifts: each as long as the largest schedule its classes follow, one after another.
    spans = [];
    let first = 0;
    for (const shift of used) {
      const sizes = classRows.filter((c) => shiftOfClass.get(c.id) === shift).map((c) => scheduleOf(c.id)?.lessons ?? 0).filter((n) => n > 0);
      const lessons = sizes.length > 0 ? Math.max(...sizes) : defaultPeriods;
      spans.push({ shift, firstPeriod: first, lessons });
      first += lessons;
    }
    notes.push(`Смены: ${spans.map((s) => `${s.shift} смена — уроки 1–${s.lessons} (в сетке задачи ${s.firstPeriod + 1}–${s.firstPeriod + s.lessons})`).join('; ')}. `
      + 'Класс занимается только в своей смене, учитель может вести уроки в обеих.');
    // Shifts that meet in time: a teacher of both could be given two lessons at once.
    const longest = (shift: number) => bells.filter((b) => b.shift === shift && classRows.some((c) => scheduleOf(c.id)?.id === b.id))
      .sort((a, b) => b.lessons - a.lessons)[0];
    for (let x = 0; x < spans.length; x++) {
      for (let y = x + 1; y < spans.length; y++) {
        const [a, b] = [longest(spans[x]!.shift), longest(spans[y]!.shift)];
        if (!a || !b) continue;
        const meets = a.times.flatMap((p, i) => b.times.flatMap((q, j) => {
          const [ps, pe, qs, qe] = [minutesOf(p.startsAt), minutesOf(p.endsAt), minutesOf(q.startsAt), minutesOf(q.endsAt)];
          return ps !== null && pe !== null && qs !== null && qe !== null && ps < qe && qs < pe ? [`${i + 1}-й урок ${spans[x]!.shift} смены и ${j + 1}-й ${spans[y]!.shift} смены`] : [];
        }));
        if (meets.length > 0) {
          notes.push(`Смены идут в одно время: ${meets.join('; ')} — учителю обеих смен такие уроки могут выпасть одновременно, проверьте его расписание.`);
        }
      }
    }
  }
  const spanOf = (classId: string) => spans.find((s) => s.shift === shiftOfClass.get(classId)) ?? spans[0]!;
  /** The lessons a class's own bell schedule has (at most its shift's). */
  const lessonsOfClass = (classId: string) => Math.min(spanOf(classId).lessons, scheduleOf(classId)?.lessons || spanOf(classId).lessons);
  return { spans, shiftOfClass, spanOf, lessonsOfClass };
}

export function problemOf(input: Input): YearProblem {
  const { academicYear, calendar, bells, classRows, groupRows, streamRows, roomRows, members, classSizes, subjects } = input;
  const notes: string[] = [];

  // Days: the longest week of the grades taught; five-day grades are closed on Saturday.
  const weekOf = (grade: number) => (calendar ? weekLengthOf(calendar, grade) : 5);
  const days = weekDaysOf(calendar, classRows.map((c) => c.grade));
  if (!calendar) notes.push('Календарный учебный график не заполнен: неделя взята пятидневной.');
  // Periods: the lessons of each shift in turn (one shift: the largest bell schedule in force).
  const layout = shiftLayout(bells, classRows, input.scheduleOfClass, notes);
  const periods = layout.spans.reduce((sum, s) => sum + s.lessons, 0);
  const periodNames = layout.spans.flatMap((s) => Array.from({ length: s.lessons }, (_, i) => (layout.spans.length > 1 ? `${s.shift} смена, ${i + 1} урок` : `${i + 1} урок`)));
  const problem = emptyProblem(`Расписание ${academicYear}/${String(academicYear + 1).slice(2)}`, dayNames.slice(0, days), periodNames);
  const refs: ProblemRefs = {
    activities: [], rooms: [], teachers: [], subjects: [], classOfSet: [], gradeOfClass: new Map(classRows.map((c) => [c.id, c.grade])),
    shifts: layout.spans, shiftOfClass: layout.shiftOfClass, shiftOfGroup: new Map(),
  };
  const kinds = new Map([...subjects].map(([id, s]) => [id, s.kind]));

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

  // Activities: each load row as its lessons (one hour each, or as its split asks: «2+1+1» is a
  // double lesson and two single ones), sharing a group id.
  problem.constraints.unshift({ kind: 'basicTime', weight: hard }, { kind: 'basicSpace', weight: hard });
  const activitiesOfLoad = new Map<string, number[]>();
  let fractions = 0;
  let doubles = 0;
  for (const l of taught) {
    const hours = Number(l.hoursPerWeek);
    const whole = Math.floor(hours);
    if (hours !== whole) fractions++;
    if (whole === 0) continue;
    const sets = l.classId ? (classIndex.has(l.classId) ? [classIndex.get(l.classId)!] : []) : groupSets.get(l.studyGroupId!) ?? [];
    const parts = lessonsOfLoad(hours, l.lessonSplit);
    if (parts.some((d) => d > 1)) doubles++;
    const first = problem.activities.length + 1;
    const acts: number[] = [];
    parts.forEach((duration, k) => {
      refs.activities.push({ teachingLoadId: l.id, lesson: k + 1, key: `${l.id}#${k + 1}`, subjectId: l.subjectId, employeeId: l.employeeId, classId: l.classId, studyGroupId: l.studyGroupId });
      const a: Activity = {
        id: problem.activities.length + 1, teachers: [teacherIndex.get(l.employeeId)!], subject: subjectIndex.get(l.subjectId)!, studentsSets: sets,
        duration, groupId: parts.length > 1 ? first : 0, active: true, studentsCount: null, tags: [],
      };
      acts.push(problem.activities.length);
      problem.activities.push(a);
    });
    activitiesOfLoad.set(l.id, acts);
    // Lessons of one subject on different days (hard when the week holds them); a double lesson
    // is one activity, so only its own two hours share a day.
    if (acts.length > 1) {
      const fits = acts.length <= days;
      if (!fits) notes.push(`${l.subjectName} (${l.classId ? className.get(l.classId) : l.groupName}): ${acts.length} ч в неделю при ${days} днях — разные дни только желательны.`);
      problem.constraints.push({ kind: 'minDaysBetweenActivities', weight: fits ? hard : softDifferentDaysWeight, activities: acts, minDays: 1, consecutiveIfSameDay: false });
    }
  }
  if (fractions > 0) notes.push(`Дробные часы нагрузки (например, 0,5 ч — урок раз в две недели) в недельную сетку не входят: строк ${fractions}.`);
  if (doubles > 0) notes.push(`Сдвоенные уроки по делению часов в нагрузке (например, 2+1+1): строк ${doubles}.`);

  // Subgroups of one class for one split subject at the same time, when they have the same hours
  // and different teachers.
  for (const [, groups] of groupsOfClass) {
    const bySubject = new Map<string, string[]>();
    for (const g of groups) if (g.subjectId) bySubject.set(g.subjectId, [...(bySubject.get(g.subjectId) ?? []), g.id]);
    for (const [subjectId, ids] of bySubject) {
      const rows = taught.filter((l) => l.subjectId === subjectId && l.studyGroupId !== null && ids.includes(l.studyGroupId));
      if (rows.length < 2) continue;
      const lessons = rows.map((l) => activitiesOfLoad.get(l.id) ?? []);
      const durations = (x: number[]) => x.map((i) => problem.activities[i]!.duration).join('+');
      const sameHours = lessons.every((x) => durations(x) === durations(lessons[0]!));
      const distinctTeachers = new Set(rows.map((l) => l.employeeId)).size === rows.length;
      if (!sameHours || !distinctTeachers || lessons[0]!.length === 0) continue;
      for (let k = 0; k < lessons[0]!.length; k++) {
        problem.constraints.push({ kind: 'activitiesSameStartingTime', weight: hard, activities: lessons.map((x) => x[k]!) });
      }
    }
  }

  // Per class: no gaps, the СанПиН daily maximum, only the lessons of its own shift and bell
  // schedule, a five-day week closed on Saturday.
  for (const c of classRows) {
    const s = classIndex.get(c.id)!;
    const span = layout.spanOf(c.id);
    const own = layout.lessonsOfClass(c.id);
    problem.constraints.push({ kind: 'studentsMaxGapsPerDay', weight: hard, students: s, maxGaps: 0 });
    problem.constraints.push({ kind: 'studentsMaxHoursDaily', weight: hard, students: s, maxHours: Math.min(own, dailyMaximumOf(c.grade)) });
    const closed: Slot[] = [];
    for (let d = 0; d < days; d++) {
      for (let p = 0; p < periods; p++) {
        const inShift = p >= span.firstPeriod && p < span.firstPeriod + own;
        if (!inShift || (d === days - 1 && weekOf(c.grade) < days)) closed.push({ day: d, period: p });
      }
    }
    if (closed.length > 0) problem.constraints.push({ kind: 'studentsNotAvailable', weight: hard, students: s, slots: closed });
  }
  if (classRows.some((c) => c.grade === 1)) notes.push('1 классы: не более 4 уроков в день и один день 5 — в ограничении взято 5 в любой день.');
  if (problem.teachers.length > 0) problem.constraints.push({ kind: 'teachersMaxGapsPerDay', weight: teacherGapsWeight, teacher: null, maxGaps: 1 });

  // Teachers' unavailable lessons (hard): weekday × lesson number of a shift → the period.
  const unavailable = new Map<number, Slot[]>();
  let outside = 0;
  for (const u of input.unavailability) {
    const teacher = teacherIndex.get(u.employeeId);
    if (teacher === undefined) continue;
    const period = layout.spans.some((sp) => sp.shift === u.shift) ? lessonToPeriod(layout.spans, u.shift, u.lessonNumber) : -1;
    if (u.weekday > days || period < 0) { outside++; continue; }
    unavailable.set(teacher, [...(unavailable.get(teacher) ?? []), { day: u.weekday - 1, period }]);
  }
  for (const [teacher, slots] of [...unavailable].sort((a, b) => a[0] - b[0])) problem.constraints.push({ kind: 'teacherNotAvailable', weight: hard, teacher, slots });
  if (unavailable.size > 0) {
    const count = [...unavailable.values()].reduce((sum, x) => sum + x.length, 0);
    notes.push(`Недоступность учителей: ${unavailable.size} учит., уроков в неделю ${count}${outside > 0 ? `; вне сетки уроков и не учтено: ${outside}` : ''}.`);
  } else if (outside > 0) notes.push(`Недоступность учителей вне сетки уроков не учтена: ${outside}.`);

  // The Russian rules beyond the hard ones (soft, russianWeights): per class the СанПиН difficulty
  // of its days and its hard subjects, balanced days; for every teacher few room changes.
  const subjectIds = [...subjectIndex.keys()];
  const median: string[] = [];
  let hardClasses = 0;
  for (const c of classRows) {
    const s = classIndex.get(c.id)!;
    const taughtHere = new Set(problem.activities.filter((a) => a.studentsSets.some((x) => x === s || problem.studentsSets[x]!.parents.includes(s)))
      .map((a) => a.subject));
    const scores = subjectIds.map((id) => {
      const info = subjects.get(id);
      const d = subjectDifficulty({ name: info?.name ?? '', catalogueCode: info?.catalogueCode ?? null }, c.grade);
      if (d.matchedBy === 'median' && taughtHere.has(subjectIndex.get(id)!)) median.push(`${info?.name ?? '?'} (${c.grade} кл.)`);
      return d.score;
    });
    if (taughtHere.size === 0) continue;
    problem.constraints.push({ kind: 'studentsDifficultyProfile', weight: russianWeights.studentsDifficultyProfile, students: s, scores });
    const hardOnes = hardSubjectsOf([...taughtHere].map((subject) => ({ subject, score: scores[subject]! })));
    if (hardOnes.length > 0) {
      hardClasses++;
      problem.constraints.push({ kind: 'studentsHardSubjectsNotFirstLast', weight: russianWeights.studentsHardSubjectsNotFirstLast, students: s, subjects: hardOnes.sort((a, b) => a - b) });
    }
    problem.constraints.push({ kind: 'studentsBalancedDays', weight: russianWeights.studentsBalancedDays, students: s });
  }
  const withLessons = problem.constraints.filter((x) => x.kind === 'studentsBalancedDays').length;
  if (problem.teachers.length > 0 && problem.rooms.length > 0) problem.constraints.push({ kind: 'teachersRoomChanges', weight: russianWeights.teachersRoomChanges, teacher: null });
  if (withLessons > 0) {
    notes.push(`Мягкие правила СанПиН и удобства: трудность дней по шкале СанПиН (пик во вторник или среду) — классов ${withLessons}, вес ${russianWeights.studentsDifficultyProfile} %; `
      + `трудные предметы не первым и не последним уроком — классов ${hardClasses}, вес ${russianWeights.studentsHardSubjectsNotFirstLast} %; `
      + `равномерная нагрузка по дням — классов ${withLessons}, вес ${russianWeights.studentsBalancedDays} %; `
      + `меньше переходов учителя между кабинетами — вес ${russianWeights.teachersRoomChanges} %.`);
  }
  if (median.length > 0) notes.push(`Балл трудности по шкале СанПиН не найден, взят средний по параллели: ${[...new Set(median)].join(', ')}.`);

  refs.teachers = [...teacherIndex.keys()];
  refs.subjects = [...subjectIndex.keys()];
  refs.rooms = roomRows.map((r) => r.id);
  refs.classOfSet = problem.studentsSets.map(() => null);
  for (const [classId, i] of classIndex) refs.classOfSet[i] = classId;
  for (const g of groupRows) {
    const classId = g.classId ?? streamRows.find((r) => r.studyGroupId === g.id)?.classId ?? null;
    const shift = classId ? layout.shiftOfClass.get(classId) : undefined;
    if (shift !== undefined) refs.shiftOfGroup.set(g.id, shift);
  }
  return { problem, notes, lessons: problem.activities.length, classes: classRows.length, refs };
}

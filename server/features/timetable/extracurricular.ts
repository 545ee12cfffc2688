// Extracurricular and additional-education sessions in a timetable version (issue 5: «they are
// lessons too»). They are outside the solver's problem (problem.ts): after the solver a greedy step
// puts each whole weekly hour of their load rows right after the last regular lesson of the
// class (of every class an activity group draws from) on the day with the fewest lessons, where
// the teacher, the students and a suitable room are free. Pure: the saved lessons, the load rows
// and the groups' classes come in, the new lessons and what could not be placed go out.
import { maxSessionNumber } from '../../../contracts/timetable-versions';

/** The kind of a timetable lesson from its subject's kind. */
export type LessonKind = 'regular' | 'extracurricular' | 'additional';
export const lessonKindOfSubject = (subjectKind: string): LessonKind =>
  subjectKind === 'extracurricular' ? 'extracurricular' : subjectKind === 'additional' ? 'additional' : 'regular';

export type SessionLoad = {
  id: string;
  subjectId: string;
  employeeId: string;
  classId: string | null;
  studyGroupId: string | null;
  hoursPerWeek: number;
  kind: LessonKind;
  /** «Разговоры о важном — 5А (Петрова А. С.)», for the list of what was not placed. */
  label: string;
};

/** A lesson already in the version, as far as the placement needs it. */
export type BusyLesson = {
  weekday: number;
  lessonNumber: number;
  duration: number;
  employeeId: string;
  classId: string | null;
  studyGroupId: string | null;
  roomId: string | null;
  kind: string;
  activityKey?: string | null;
};

export type SessionLesson = {
  teachingLoadId: string;
  activityKey: string;
  subjectId: string;
  employeeId: string;
  classId: string | null;
  studyGroupId: string | null;
  weekday: number;
  lessonNumber: number;
  duration: 1;
  roomId: string | null;
  kind: LessonKind;
};

export type SessionInput = {
  loads: readonly SessionLoad[];
  lessons: readonly BusyLesson[];
  /** The classes a group's students are in (a subgroup: its class; an activity group or stream: its members'). */
  classesOfGroup: ReadonlyMap<string, readonly string[]>;
  /** Rooms that suit a subject; a subject without any needs no room. */
  roomsOfSubject: ReadonlyMap<string, readonly string[]>;
  /** School days of a class's week (5 or 6). */
  daysOfClass: (classId: string) => number;
  /** The problem's first period of a class's shift (0 for the first shift), so that two shifts' numbers are not mixed up for a teacher or a room. */
  shiftStartOf: (classId: string) => number;
  /** The last lesson number a session may take (12). */
  maxLessonNumber?: number;
};

export type SessionPlacement = {
  lessons: SessionLesson[];
  unplaced: { teachingLoadId: string; hours: number; message: string }[];
};

/** «1 час», «2 часа», «5 часов». */
export const hoursWord = (n: number): string => {
  const [tens, ones] = [n % 100, n % 10];
  if (tens >= 11 && tens <= 14) return 'часов';
  return ones === 1 ? 'час' : ones >= 2 && ones <= 4 ? 'часа' : 'часов';
};

export function placeSessions(input: SessionInput): SessionPlacement {
  const max = input.maxLessonNumber ?? maxSessionNumber;
  const classesOf = (l: { classId: string | null; studyGroupId: string | null }): readonly string[] =>
    l.classId ? [l.classId] : l.studyGroupId ? input.classesOfGroup.get(l.studyGroupId) ?? [] : [];
  // A group across shifts meets in the first shift's numbering: after the lessons of its first-shift
  // classes, while its second-shift students have not started yet.
  const startOf = (l: { classId: string | null; studyGroupId: string | null }): number => {
    const classes = classesOf(l);
    return classes.length > 0 ? Math.min(...classes.map(input.shiftStartOf)) : 0;
  };

  // Who is busy when: «weekday:time» per teacher, class (or a group without classes) and room.
  const busy = new Map<string, Set<string>>();
  const mark = (what: string, weekday: number, time: number): void => {
    const key = `${weekday}:${time}`;
    let set = busy.get(what);
    if (!set) busy.set(what, (set = new Set()));
    set.add(key);
  };
  const isBusy = (what: string, weekday: number, time: number): boolean => busy.get(what)?.has(`${weekday}:${time}`) ?? false;
  const studentsKeys = (l: { classId: string | null; studyGroupId: string | null }): string[] => {
    const classes = classesOf(l);
    return classes.length > 0 ? classes.map((c) => `c:${c}`) : l.studyGroupId ? [`g:${l.studyGroupId}`] : [];
  };
  /** Per class and weekday: the last regular lesson number and how many lessons it has. */
  const lastRegular = new Map<string, number>();
  const countOf = new Map<string, number>();
  const occupy = (l: BusyLesson): void => {
    const start = startOf(l);
    for (let k = 0; k < l.duration; k++) {
      const time = start + l.lessonNumber - 1 + k;
      mark(`t:${l.employeeId}`, l.weekday, time);
      for (const s of studentsKeys(l)) mark(s, l.weekday, time);
      if (l.roomId) mark(`r:${l.roomId}`, l.weekday, time);
    }
    for (const c of classesOf(l)) {
      const day = `${c}:${l.weekday}`;
      countOf.set(day, (countOf.get(day) ?? 0) + l.duration);
      if (l.kind === 'regular') lastRegular.set(day, Math.max(lastRegular.get(day) ?? 0, l.lessonNumber + l.duration - 1));
    }
  };
  for (const l of input.lessons) occupy(l);

  // Sessions already in the version (kept from a base version or added by hand) count for their row.
  const already = new Map<string, number>();
  const keys = new Set<string>();
  for (const l of input.lessons) {
    if (l.kind === 'regular' || !l.activityKey) continue;
    keys.add(l.activityKey);
    const loadId = l.activityKey.split('#')[0]!;
    already.set(loadId, (already.get(loadId) ?? 0) + 1);
  }

  const out: SessionPlacement = { lessons: [], unplaced: [] };
  // Rows with more hours and more classes first: they have fewer choices.
  const loads = input.loads.filter((l) => l.kind !== 'regular')
    .sort((a, b) => b.hoursPerWeek - a.hoursPerWeek || classesOf(b).length - classesOf(a).length || a.id.localeCompare(b.id));
  for (const load of loads) {
    const hours = Math.floor(load.hoursPerWeek) - (already.get(load.id) ?? 0);
    if (hours <= 0) continue;
    const classes = classesOf(load);
    const days = classes.length > 0 ? Math.min(...classes.map(input.daysOfClass)) : 5;
    const start = startOf(load);
    const rooms = input.roomsOfSubject.get(load.subjectId) ?? [];
    const usedDays = new Set<number>();
    let left = hours;
    let k = 0;
    const nextKey = (): string => {
      do k++; while (keys.has(`${load.id}#${k}`));
      const key = `${load.id}#${k}`;
      keys.add(key);
      return key;
    };
    while (left > 0) {
      // The day with the fewest lessons of its classes first; a day it already has a session on last.
      const order = Array.from({ length: days }, (_, d) => d + 1).sort((a, b) =>
        Number(usedDays.has(a)) - Number(usedDays.has(b))
        || sum(classes.map((c) => countOf.get(`${c}:${a}`) ?? 0)) - sum(classes.map((c) => countOf.get(`${c}:${b}`) ?? 0))
        || a - b);
      let placed: SessionLesson | null = null;
      for (const weekday of order) {
        const after = Math.max(0, ...classes.filter((c) => input.shiftStartOf(c) === start).map((c) => lastRegular.get(`${c}:${weekday}`) ?? 0));
        for (let n = after + 1; n <= max && !placed; n++) {
          const time = start + n - 1;
          if (isBusy(`t:${load.employeeId}`, weekday, time)) continue;
          if (studentsKeys(load).some((s) => isBusy(s, weekday, time))) continue;
          let roomId: string | null = null;
          if (rooms.length > 0) {
            roomId = rooms.find((r) => !isBusy(`r:${r}`, weekday, time)) ?? null;
            if (roomId === null) continue;
          }
          placed = {
            teachingLoadId: load.id, activityKey: '', subjectId: load.subjectId, employeeId: load.employeeId, classId: load.classId,
            studyGroupId: load.studyGroupId, weekday, lessonNumber: n, duration: 1, roomId, kind: load.kind,
          };
        }
        if (placed) break;
      }
      if (!placed) break;
      placed.activityKey = nextKey();
      occupy(placed);
      usedDays.add(placed.weekday);
      out.lessons.push(placed);
      left--;
    }
    if (left > 0) {
      out.unplaced.push({
        teachingLoadId: load.id, hours: left,
        message: `${load.label}: не поставлено ${left} ${hoursWord(left)} в неделю — после уроков до ${max}-го нет времени, когда свободны учитель, ученики${rooms.length > 0 ? ' и подходящий кабинет' : ''}`,
      });
    }
  }
  return out;
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/**
 * The hours of extracurricular and additional load rows that no session of the version holds:
 * shown beside the evaluation (they are not hard violations).
 */
export function outsideGridOf(loads: readonly SessionLoad[], lessons: readonly (Pick<BusyLesson, 'kind'> & { teachingLoadId: string | null })[]):
  { teachingLoadId: string; hours: number; message: string }[] {
  const held = new Map<string, number>();
  for (const l of lessons) if (l.kind !== 'regular' && l.teachingLoadId) held.set(l.teachingLoadId, (held.get(l.teachingLoadId) ?? 0) + 1);
  return loads.filter((l) => l.kind !== 'regular').flatMap((l) => {
    const missing = Math.floor(l.hoursPerWeek) - (held.get(l.id) ?? 0);
    return missing > 0 ? [{ teachingLoadId: l.id, hours: missing, message: `${l.label}: нет в расписании ${missing} ${hoursWord(missing)} из ${Math.floor(l.hoursPerWeek)} в неделю` }] : [];
  });
}

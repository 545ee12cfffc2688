// Lessons by date (SPEC B12, D1, D4): the weekly timetable × the academic calendar × the bell
// schedule in force give the concrete lessons of a date, with the dated changes applied
// (a substitute teacher, a cancellation, another room, a move to another date or lesson number,
// the lesson held at a distance).
//
// A lesson is identified by (timetableLessonId, date), where `date` is the date the timetable
// gives it (`lessonDate` below, the date before any move). This pair is what the journal keeps
// as its lessons: topics, marks and attendance hang on it, and a move does not change it.
//
// Pure: the caller loads the published versions of one academic year, its calendar, the regime
// assignments with their bell schedules and the active (not revoked) changes.
import { addDays, schoolDayOf, type AcademicCalendar } from './calendar';
import { minutesOf, regimeOn, type BellLesson, type RegimeAssignment, type RegimeSubject } from './regime';

export const lessonKinds = ['regular', 'extracurricular', 'additional'] as const;
export type LessonKind = (typeof lessonKinds)[number];
export const lessonFormats = ['inPerson', 'distance'] as const;
export type LessonFormat = (typeof lessonFormats)[number];
export const lessonChangeKinds = ['substitution', 'cancellation', 'roomChange', 'move', 'distance'] as const;
export type LessonChangeKind = (typeof lessonChangeKinds)[number];

export const lessonChangeKindTitles: Record<LessonChangeKind, string> = {
  substitution: 'Замена', cancellation: 'Отмена', roomChange: 'Другой кабинет', move: 'Перенос', distance: 'Дистанционно',
};

/** A lesson of a timetable version: a weekday (1 = Monday) and lesson number. */
export type TimetableLesson = {
  id: string;
  weekday: number;
  lessonNumber: number;
  /** Lessons it takes: 2 for a double lesson. */
  duration: number;
  subjectId: string;
  employeeId: string;
  classId: string | null;
  studyGroupId: string | null;
  roomId: string | null;
  kind: LessonKind;
  format: LessonFormat;
  distanceUrl: string | null;
};

/** A published version: in force from `validFrom` until the next version's date. */
export type PublishedVersion = { id: string; validFrom: string; lessons: readonly TimetableLesson[] };

/** A change of one dated lesson; `date` is the date the timetable gives the lesson. */
export type LessonChange = {
  id: string;
  timetableLessonId: string;
  date: string;
  kind: LessonChangeKind;
  substituteEmployeeId: string | null;
  roomId: string | null;
  newDate: string | null;
  newLessonNumber: number | null;
  distanceUrl: string | null;
  reason: string | null;
};

/**
 * Whose lesson it is, for the calendar and the bells: the grades of its students (a class's
 * grade; a stream's classes' grades; empty when unknown — then any grade's school day counts) and
 * who asks `regimeOn` for the bell schedule (the class, the group).
 */
export type LessonUnit = { grades: readonly number[]; regime: RegimeSubject };

export type LessonsSource = {
  calendar: AcademicCalendar | null;
  versions: readonly PublishedVersion[];
  /** By class id (a class lesson) or study group id (a group lesson). */
  units: ReadonlyMap<string, LessonUnit>;
  assignments: readonly RegimeAssignment[];
  /** Lessons of each bell schedule, by schedule id. */
  bellSchedules: ReadonlyMap<string, readonly BellLesson[]>;
  /** Active changes (revoked ones left out). */
  changes: readonly LessonChange[];
};

/** scheduled: it takes place (perhaps moved here); cancelled; movedAway: its slot is empty, it is held elsewhere. */
export type LessonStatus = 'scheduled' | 'cancelled' | 'movedAway';

export type Slot = { date: string; lessonNumber: number };

export type DatedLesson = {
  timetableLessonId: string;
  timetableId: string;
  /** The date the timetable gives it: with `timetableLessonId`, the lesson's identity. */
  lessonDate: string;
  /** Where it is held: the lesson date and number, or the new ones after a move. */
  date: string;
  lessonNumber: number;
  duration: number;
  /** Bell times "HH:MM"; null when no bell schedule gives that lesson number. */
  start: string | null;
  end: string | null;
  subjectId: string;
  /** Who teaches it: the substitute when there is one. */
  employeeId: string;
  scheduledEmployeeId: string;
  classId: string | null;
  studyGroupId: string | null;
  roomId: string | null;
  scheduledRoomId: string | null;
  kind: LessonKind;
  format: LessonFormat;
  distanceUrl: string | null;
  status: LessonStatus;
  movedFrom: Slot | null;
  movedTo: Slot | null;
  /** The active changes applied, in the order of `lessonChangeKinds`. */
  changes: LessonChange[];
};

const allGrades = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;

/** The version in force on a date: the latest `validFrom` not after it (a tie: the larger id). */
export function versionOn<V extends { id: string; validFrom: string }>(versions: readonly V[], date: string): V | null {
  let best: V | null = null;
  for (const v of versions) {
    if (v.validFrom > date) continue;
    if (best === null || v.validFrom > best.validFrom || (v.validFrom === best.validFrom && v.id > best.id)) best = v;
  }
  return best;
}

export const unitKeyOf = (lesson: Pick<TimetableLesson, 'classId' | 'studyGroupId'>): string => lesson.classId ?? lesson.studyGroupId ?? '';

const unitOf = (source: LessonsSource, lesson: TimetableLesson): LessonUnit =>
  source.units.get(unitKeyOf(lesson)) ?? { grades: [], regime: { classId: lesson.classId, studyGroupIds: lesson.studyGroupId ? [lesson.studyGroupId] : [] } };

/**
 * Whether the timetable holds the lesson on a date: the date is a school day of one of its
 * grades whose timetable day (a working Saturday takes another weekday's) is the lesson's weekday.
 */
export function heldByTimetableOn(calendar: AcademicCalendar | null, grades: readonly number[], weekday: number, date: string): boolean {
  if (calendar === null) return false;
  for (const grade of grades.length > 0 ? grades : allGrades) {
    const day = schoolDayOf(calendar, grade, date);
    if (day.schoolDay && day.timetableDay === weekday) return true;
  }
  return false;
}

/** The lessons the timetable in force gives a date, before any change. */
export function plannedLessonsOn(source: LessonsSource, date: string): { version: PublishedVersion; lesson: TimetableLesson }[] {
  const version = versionOn(source.versions, date);
  const calendar = source.calendar;
  if (!version || calendar === null) return [];
  // The timetable day of each grade on this date, asked of the calendar once per grade.
  const dayOfGrade = new Map<number, number | null>();
  const timetableDay = (grade: number): number | null => {
    if (!dayOfGrade.has(grade)) {
      const day = schoolDayOf(calendar, grade, date);
      dayOfGrade.set(grade, day.schoolDay ? day.timetableDay : null);
    }
    return dayOfGrade.get(grade)!;
  };
  return version.lessons
    .filter((lesson) => {
      const grades = unitOf(source, lesson).grades;
      return (grades.length > 0 ? grades : allGrades).some((g) => timetableDay(g) === lesson.weekday);
    })
    .map((lesson) => ({ version, lesson }));
}

/** The one lesson of the timetable on its date, or null when the timetable does not hold it then. */
export function plannedLesson(source: LessonsSource, timetableLessonId: string, date: string): { version: PublishedVersion; lesson: TimetableLesson } | null {
  const version = versionOn(source.versions, date);
  const lesson = version?.lessons.find((l) => l.id === timetableLessonId);
  if (!version || !lesson) return null;
  return heldByTimetableOn(source.calendar, unitOf(source, lesson).grades, lesson.weekday, date) ? { version, lesson } : null;
}

/** Start and end of lessons `number` … `number + duration − 1` by the bell schedule in force for the unit on the date. */
export function bellTimes(source: LessonsSource, unit: LessonUnit, date: string, number: number, duration: number): { start: string | null; end: string | null } {
  const assignment = regimeOn(source.assignments, unit.regime, date);
  const bells = assignment ? source.bellSchedules.get(assignment.bellScheduleId) : undefined;
  if (!bells) return { start: null, end: null };
  const first = bells.find((b) => b.number === number);
  const last = bells.find((b) => b.number === number + Math.max(1, duration) - 1) ?? first;
  return { start: first?.startsAt ?? null, end: last?.endsAt ?? null };
}

const keyOf = (timetableLessonId: string, date: string): string => `${timetableLessonId}|${date}`;

type ChangeIndex = { byLesson: Map<string, LessonChange[]>; movesInto: Map<string, LessonChange[]> };

function indexChanges(changes: readonly LessonChange[]): ChangeIndex {
  const byLesson = new Map<string, LessonChange[]>();
  const movesInto = new Map<string, LessonChange[]>();
  const order = (c: LessonChange) => lessonChangeKinds.indexOf(c.kind);
  for (const c of changes) {
    const key = keyOf(c.timetableLessonId, c.date);
    byLesson.set(key, [...(byLesson.get(key) ?? []), c].sort((a, b) => order(a) - order(b)));
    if (c.kind === 'move' && c.newDate !== null) movesInto.set(c.newDate, [...(movesInto.get(c.newDate) ?? []), c]);
  }
  return { byLesson, movesInto };
}

/**
 * A planned lesson with its changes applied, seen at its own slot (where the timetable puts it)
 * or at the slot a move took it to.
 */
function applyChanges(source: LessonsSource, index: ChangeIndex, version: PublishedVersion, lesson: TimetableLesson, lessonDate: string, at: 'own' | 'moved'): DatedLesson {
  const changes = index.byLesson.get(keyOf(lesson.id, lessonDate)) ?? [];
  const find = (kind: LessonChangeKind) => changes.find((c) => c.kind === kind);
  const substitution = find('substitution');
  const room = find('roomChange');
  const distance = find('distance');
  const move = find('move');
  const cancelled = find('cancellation') !== undefined;
  const own: Slot = { date: lessonDate, lessonNumber: lesson.lessonNumber };
  const moved: Slot | null = move && move.newDate !== null && move.newLessonNumber !== null ? { date: move.newDate, lessonNumber: move.newLessonNumber } : null;
  const slot = at === 'moved' && moved !== null ? moved : own;
  const status: LessonStatus = cancelled ? 'cancelled' : moved !== null && at === 'own' ? 'movedAway' : 'scheduled';
  const { start, end } = bellTimes(source, unitOf(source, lesson), slot.date, slot.lessonNumber, lesson.duration);
  return {
    timetableLessonId: lesson.id,
    timetableId: version.id,
    lessonDate,
    date: slot.date,
    lessonNumber: slot.lessonNumber,
    duration: lesson.duration,
    start,
    end,
    subjectId: lesson.subjectId,
    employeeId: substitution?.substituteEmployeeId ?? lesson.employeeId,
    scheduledEmployeeId: lesson.employeeId,
    classId: lesson.classId,
    studyGroupId: lesson.studyGroupId,
    roomId: room?.roomId ?? lesson.roomId,
    scheduledRoomId: lesson.roomId,
    kind: lesson.kind,
    format: distance ? 'distance' : lesson.format,
    distanceUrl: distance ? distance.distanceUrl : lesson.distanceUrl,
    status,
    movedFrom: moved !== null && slot === moved ? own : null,
    movedTo: moved !== null && slot === own ? moved : null,
    changes,
  };
}

// By the clock first (classes of the second shift have their own bells), lessons without a time last.
const byTime = (a: DatedLesson, b: DatedLesson): number =>
  a.date.localeCompare(b.date) || (a.start ?? '~').localeCompare(b.start ?? '~') || a.lessonNumber - b.lessonNumber
  || a.timetableLessonId.localeCompare(b.timetableLessonId) || a.lessonDate.localeCompare(b.lessonDate);

/**
 * The lessons of a date in time order: those the timetable gives it (cancelled ones and those moved
 * away included, marked by `status`) and those moved to it from another date or lesson number.
 */
export function lessonsOn(source: LessonsSource, date: string, index: ChangeIndex = indexChanges(source.changes)): DatedLesson[] {
  const out = plannedLessonsOn(source, date).map(({ version, lesson }) => applyChanges(source, index, version, lesson, date, 'own'));
  for (const move of index.movesInto.get(date) ?? []) {
    const planned = plannedLesson(source, move.timetableLessonId, move.date);
    // A cancelled lesson is shown once, at its own slot.
    if (!planned || (index.byLesson.get(keyOf(move.timetableLessonId, move.date)) ?? []).some((c) => c.kind === 'cancellation')) continue;
    out.push(applyChanges(source, index, planned.version, planned.lesson, move.date, 'moved'));
  }
  return out.sort(byTime);
}

/** The lessons of every date from `from` to `to` (inclusive), in time order. */
export function lessonsBetween(source: LessonsSource, from: string, to: string): DatedLesson[] {
  const index = indexChanges(source.changes);
  const out: DatedLesson[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(...lessonsOn(source, d, index));
  return out;
}

/** One lesson by its identity (timetable lesson, the date the timetable gives it), changes applied; null when the timetable does not hold it then. */
export function lessonAt(source: LessonsSource, timetableLessonId: string, lessonDate: string): DatedLesson | null {
  const planned = plannedLesson(source, timetableLessonId, lessonDate);
  if (!planned) return null;
  const index = indexChanges(source.changes);
  return applyChanges(source, index, planned.version, planned.lesson, lessonDate, 'moved');
}

/** The lessons that take place (the journal's lessons): cancelled ones and empty slots of moved ones left out. */
export const heldLessons = (lessons: readonly DatedLesson[]): DatedLesson[] => lessons.filter((l) => l.status === 'scheduled');

/** Who may keep the journal of a lesson: its teacher, or the substitute when there is one; nobody when it does not take place. */
export const journalTeachersOf = (lesson: DatedLesson | null): string[] => (lesson && lesson.status === 'scheduled' ? [lesson.employeeId] : []);

/**
 * Whether two held lessons take place at the same time: on the same date, their bell times
 * overlap when both are known (classes of different shifts keep their own bells), else their
 * lesson numbers do.
 */
export function sameTime(a: Pick<DatedLesson, 'date' | 'lessonNumber' | 'duration' | 'start' | 'end'>, b: Pick<DatedLesson, 'date' | 'lessonNumber' | 'duration' | 'start' | 'end'>): boolean {
  if (a.date !== b.date) return false;
  const times = [a.start, a.end, b.start, b.end].map((t) => (t === null ? null : minutesOf(t)));
  if (times.every((t) => t !== null)) {
    const [as, ae, bs, be] = times as number[];
    return as! < be! && bs! < ae!;
  }
  return a.lessonNumber < b.lessonNumber + b.duration && b.lessonNumber < a.lessonNumber + a.duration;
}

/**
 * Whether two lessons may have students in common: the same class or group, or a class lesson and
 * a group of that class (`classOfGroup`). Two subgroups of one class do not (they run in parallel).
 */
export function shareStudents(
  a: Pick<DatedLesson, 'classId' | 'studyGroupId'>, b: Pick<DatedLesson, 'classId' | 'studyGroupId'>, classOfGroup: ReadonlyMap<string, string | null>,
): boolean {
  if (a.classId !== null && a.classId === b.classId) return true;
  if (a.studyGroupId !== null && a.studyGroupId === b.studyGroupId) return true;
  const groupClass = (l: Pick<DatedLesson, 'studyGroupId'>) => (l.studyGroupId === null ? null : classOfGroup.get(l.studyGroupId) ?? null);
  if (a.classId !== null && groupClass(b) === a.classId) return true;
  if (b.classId !== null && groupClass(a) === b.classId) return true;
  return false;
}

// The timetable problem and a timetable as plain data (SPEC B12).
//
// Everything refers to everything else by index (integers) so that the evaluator and, later, the
// search can use arrays; names are kept beside the indexes for messages and for writing `.fet`.
// The model follows FET's vocabulary (days × hours, teachers, subjects, students sets, rooms,
// activities, weighted constraints) because a `.fet` problem must keep exactly its meaning; our own
// Russian rules (no gaps for a class, СанПиН daily maxima, …) are constraints of the same union.

/** A time slot: a day index and a period (hour) index within the day. */
export interface Slot {
  day: number;
  period: number;
}

export interface Teacher {
  name: string;
}

export interface Subject {
  name: string;
}

/**
 * A students set. FET's hierarchy is year → group → subgroup; a Russian school maps it as
 * grade or class → class or its subgroups (English 1, English 2). A stream (students drawn from
 * several classes) is a group whose parents are the classes it draws from.
 * The same name is one set even when it appears under several parents (FET allows that).
 */
export type StudentsSetKind = 'year' | 'group' | 'subgroup';

export interface StudentsSet {
  name: string;
  kind: StudentsSetKind;
  /** Number of students (0 when unknown). */
  size: number;
  /** Indexes of the sets directly above (empty for a year). */
  parents: number[];
  /** Indexes of the sets directly below. */
  children: number[];
}

export interface Room {
  name: string;
  /** Places; FET's default for an unknown capacity is large, we keep whatever the source says. */
  capacity: number;
  /** Room kind from the school's data (gym, lab, …); null when the source has none (FET). */
  kind: string | null;
  building: string | null;
}

export interface Activity {
  /** The external id (FET's Activity Id); unique within the problem. */
  id: number;
  teachers: number[];
  subject: number;
  studentsSets: number[];
  /** Length in periods (a double lesson has 2). */
  duration: number;
  /** Lessons of one subject split over the week share a group id; 0 = not split. */
  groupId: number;
  /** Inactive activities are ignored by the evaluator and the search. */
  active: boolean;
  /** Explicit number of students, or null to take the sum of the students sets' sizes. */
  studentsCount: number | null;
  tags: string[];
}

/** Who a "students" constraint applies to: one set (with everything below it) or all students. */
export type StudentsTarget = number | null;
/** Who a "teachers" constraint applies to: one teacher or all of them. */
export type TeacherTarget = number | null;

/** Which activities FET's "activities preferred time slots" selects (null = any). */
export interface ActivityFilter {
  teacher: number | null;
  students: number | null;
  subject: number | null;
  tag: string | null;
  duration: number | null;
}

interface Weighted {
  /** Percent; 100 = hard, lower = soft with that weight (FET's Weight_Percentage). */
  weight: number;
}

/** The constraints, as a tagged union. Each keeps FET's meaning (see evaluate.ts). */
export type Constraint = Weighted &
  (
    | { kind: 'basicTime' }
    | { kind: 'basicSpace' }
    | { kind: 'breakTimes'; slots: Slot[] }
    | { kind: 'teacherNotAvailable'; teacher: number; slots: Slot[] }
    | { kind: 'studentsNotAvailable'; students: number; slots: Slot[] }
    | { kind: 'roomNotAvailable'; room: number; slots: Slot[] }
    | { kind: 'minDaysBetweenActivities'; activities: number[]; minDays: number; consecutiveIfSameDay: boolean }
    | { kind: 'activityPreferredStartingTime'; activity: number; slot: Slot; locked: boolean }
    | { kind: 'activityPreferredStartingTimes'; activity: number; slots: Slot[] }
    | { kind: 'activityPreferredTimeSlots'; activity: number; slots: Slot[] }
    | { kind: 'activitiesPreferredTimeSlots'; filter: ActivityFilter; slots: Slot[] }
    | { kind: 'activitiesPreferredStartingTimes'; filter: ActivityFilter; slots: Slot[] }
    /** The second starts right after the first ends, on the same day; break periods between them do not count (FET). */
    | { kind: 'twoActivitiesConsecutive'; first: number; second: number }
    /** Each matching activity is the last of the day for every finest set it has: the amount counts the set's periods taken after it. */
    | { kind: 'activitiesEndStudentsDay'; filter: ActivityFilter; activities: number[] | null }
    | { kind: 'activitiesSameStartingTime'; activities: number[] }
    | { kind: 'activitiesSameStartingDay'; activities: number[] }
    | { kind: 'activitiesNotOverlapping'; activities: number[] }
    | { kind: 'studentsMaxGapsPerWeek'; students: StudentsTarget; maxGaps: number }
    | { kind: 'studentsMaxGapsPerDay'; students: StudentsTarget; maxGaps: number }
    | { kind: 'studentsMinHoursDaily'; students: StudentsTarget; minHours: number; allowEmptyDays: boolean }
    | { kind: 'studentsMaxHoursDaily'; students: StudentsTarget; maxHours: number }
    | { kind: 'studentsEarlyMaxBeginningsAtSecondHour'; students: StudentsTarget; maxBeginnings: number }
    | { kind: 'teachersMaxGapsPerWeek'; teacher: TeacherTarget; maxGaps: number }
    | { kind: 'teachersMaxGapsPerDay'; teacher: TeacherTarget; maxGaps: number }
    | { kind: 'teachersMinHoursDaily'; teacher: TeacherTarget; minHours: number; allowEmptyDays: boolean }
    /** With a tag, only the periods of the teacher's activities that carry it count (FET's ActivityTag variants). */
    | { kind: 'teachersMaxHoursDaily'; teacher: TeacherTarget; maxHours: number; tag?: string | null }
    | { kind: 'teachersMaxDaysPerWeek'; teacher: TeacherTarget; maxDays: number }
    /** Per day, each run of consecutive lessons longer than the maximum counts its excess. */
    | { kind: 'teachersMaxHoursContinuously'; teacher: TeacherTarget; maxHours: number; tag?: string | null }
    /** The teacher's activities (those with this teacher alone and no other room rule) go in the room. */
    | { kind: 'teacherHomeRoom'; teacher: number; room: number }
    /** Activities of the subject with the tag go in one of the rooms. */
    | { kind: 'subjectActivityTagPreferredRooms'; subject: number; tag: string; rooms: number[] }
    | { kind: 'subjectPreferredRooms'; subject: number; rooms: number[] }
    | { kind: 'activityPreferredRooms'; activity: number; rooms: number[]; locked: boolean }
    /** Activities with the tag go in one of the rooms. */
    | { kind: 'activityTagPreferredRooms'; tag: string; rooms: number[] }
    // Our own Russian rules (SanPiN 1.2.3685-21 tables 6.9–6.11 and good practice); FET has no
    // such constraints, so the `.fet` writer leaves them out. Each acts on every finest set under
    // `students` (or all when null), its amounts summed over those sets.
    /**
     * The day's difficulty S_d = Σ scores[subject] × duration of the set's lessons on day d must
     * peak on Tuesday or Wednesday and be lower on Monday and Friday:
     * amount = Σ_{d ∉ {Tue, Wed}} max(0, S_d − max(S_Tue, S_Wed)) + Σ_{d ∈ {Mon, Fri}} max(0, S_d − min(S_Tue, S_Wed)).
     * Days are indexes 0 = Monday … (a week shorter than three days gives 0).
     */
    | { kind: 'studentsDifficultyProfile'; students: StudentsTarget; scores: number[] }
    /**
     * Hard subjects not first or last: per day, each lesson of `subjects` that starts at the day's
     * first occupied period or ends at its last one counts 1 (a day of one lesson counts it once).
     */
    | { kind: 'studentsHardSubjectsNotFirstLast'; students: StudentsTarget; subjects: number[] }
    /** Balanced days: amount = max(0, max_d h_d − min_d h_d − 1) over the days with lessons. */
    | { kind: 'studentsBalancedDays'; students: StudentsTarget }
    /**
     * The same teacher's room changes: per day, over the teacher's lessons that have a room in
     * order of start, each neighbouring pair in different rooms counts 1.
     */
    | { kind: 'teachersRoomChanges'; teacher: TeacherTarget }
  );

export type ConstraintKind = Constraint['kind'];

export interface Problem {
  name: string;
  days: string[];
  /** Periods (FET's hours) of every day, by name. */
  periods: string[];
  teachers: Teacher[];
  subjects: Subject[];
  studentsSets: StudentsSet[];
  rooms: Room[];
  activities: Activity[];
  constraints: Constraint[];
}

/**
 * A timetable: per activity (by index) its day, starting period and room; -1 = not placed / no
 * room. Typed arrays so that the search can copy and change them cheaply.
 */
export interface Timetable {
  day: Int32Array;
  period: Int32Array;
  room: Int32Array;
}

export function emptyTimetable(activities: number): Timetable {
  return {
    day: new Int32Array(activities).fill(-1),
    period: new Int32Array(activities).fill(-1),
    room: new Int32Array(activities).fill(-1),
  };
}

export function copyTimetable(t: Timetable): Timetable {
  return { day: t.day.slice(), period: t.period.slice(), room: t.room.slice() };
}

export function isPlaced(t: Timetable, activity: number): boolean {
  return t.day[activity]! >= 0 && t.period[activity]! >= 0;
}

/** An empty problem with the given days and periods, to be filled by a reader or a builder. */
export function emptyProblem(name: string, days: string[], periods: string[]): Problem {
  return { name, days, periods, teachers: [], subjects: [], studentsSets: [], rooms: [], activities: [], constraints: [] };
}

/**
 * The finest sets under a set (FET's subgroups): a set without children stands for itself.
 * Two activities clash for students when their finest sets intersect.
 */
export function finestSetsOf(problem: Problem, set: number): number[] {
  const out = new Set<number>();
  const stack = [set];
  const seen = new Set<number>();
  while (stack.length > 0) {
    const s = stack.pop()!;
    if (seen.has(s)) continue;
    seen.add(s);
    const children = problem.studentsSets[s]!.children;
    if (children.length === 0) out.add(s);
    else stack.push(...children);
  }
  return [...out].sort((a, b) => a - b);
}

/** Whether an activity is one a filter (FET's teacher / students / subject / tag / duration) selects. */
export function matchesFilter(a: Activity, f: ActivityFilter): boolean {
  return (
    (f.teacher === null || a.teachers.includes(f.teacher)) &&
    (f.students === null || a.studentsSets.includes(f.students)) &&
    (f.subject === null || a.subject === f.subject) &&
    (f.tag === null || a.tags.includes(f.tag)) &&
    (f.duration === null || a.duration === f.duration)
  );
}

/** The number of students of an activity: its explicit count or the sum of its sets' sizes. */
export function activityStudents(problem: Problem, activity: number): number {
  const a = problem.activities[activity]!;
  if (a.studentsCount !== null) return a.studentsCount;
  return a.studentsSets.reduce((sum, s) => sum + problem.studentsSets[s]!.size, 0);
}

/** "#17 Математика — Иванова — 5А" for messages. */
export function activityLabel(problem: Problem, activity: number): string {
  const a = problem.activities[activity]!;
  const parts = [
    problem.subjects[a.subject]?.name ?? '?',
    a.teachers.map((t) => problem.teachers[t]!.name).join(', '),
    a.studentsSets.map((s) => problem.studentsSets[s]!.name).join(', '),
  ].filter((p) => p.length > 0);
  return `#${a.id} ${parts.join(' — ')}`;
}

export function slotLabel(problem: Problem, slot: Slot): string {
  return `${problem.days[slot.day] ?? slot.day}, ${problem.periods[slot.period] ?? slot.period}`;
}

// FET interop: read a `.fet` file (FET 5/6 XML) into the model, read FET's result
// `<name>_activities.xml` into a timetable, and write a problem back as `.fet`.
// Our own code, written from FET's documented file layout; nothing of FET is copied here.
import { parseXml } from './xml.ts';
import {
  emptyProblem,
  emptyTimetable,
  type Activity,
  type ActivityFilter,
  type Constraint,
  type Problem,
  type Slot,
  type StudentsSetKind,
  type Timetable,
} from './model.ts';

/** A `.fet` file we cannot read; the message names the element. */
export class FetFormatError extends Error {
  override name = 'FetFormatError';
}

export interface FetReadResult {
  problem: Problem;
  /** Constraint types we do not know, with how many active ones the file has: never dropped silently. */
  unknownConstraints: { type: string; count: number }[];
  /** Inactive constraints skipped, by type. */
  inactiveConstraints: { type: string; count: number }[];
}

type Node = Record<string, unknown>;

function parse(xml: string, what: string): Node {
  try {
    return parseXml(xml) as Node;
  } catch (e) {
    throw new FetFormatError(`${what}: не XML (${(e as Error).message})`);
  }
}

function all(node: Node | undefined, tag: string): Node[] {
  const v = node?.[tag];
  if (!Array.isArray(v)) return [];
  return v.map((x) => (typeof x === 'object' && x !== null ? (x as Node) : ({ '#text': String(x) } as Node)));
}

function first(node: Node | undefined, tag: string): Node | undefined {
  return all(node, tag)[0];
}

/** The text of an element: `<Tag>text</Tag>` → "text"; absent → undefined; empty → "". */
function text(node: Node | undefined, tag: string): string | undefined {
  const v = node?.[tag];
  if (!Array.isArray(v) || v.length === 0) return undefined;
  return textOf(v[0]);
}

function texts(node: Node | undefined, tag: string): string[] {
  const v = node?.[tag];
  if (!Array.isArray(v)) return [];
  return v.map(textOf);
}

function textOf(x: unknown): string {
  if (typeof x === 'string') return x;
  if (typeof x === 'number' || typeof x === 'boolean') return String(x);
  if (typeof x === 'object' && x !== null) {
    const t = (x as Node)['#text'];
    return Array.isArray(t) ? String(t[0] ?? '') : typeof t === 'string' ? t : '';
  }
  return '';
}

class Reader {
  readonly problem: Problem;
  private dayIndex = new Map<string, number>();
  private periodIndex = new Map<string, number>();
  private teacherIndex = new Map<string, number>();
  private subjectIndex = new Map<string, number>();
  private setIndex = new Map<string, number>();
  private roomIndex = new Map<string, number>();
  private activityIndex = new Map<number, number>();

  constructor(private readonly root: Node) {
    this.problem = emptyProblem(text(root, 'Institution_Name') ?? '', [], []);
  }

  read(): FetReadResult {
    this.readDaysAndHours();
    for (const s of all(first(this.root, 'Subjects_List'), 'Subject')) {
      const name = this.need(s, 'Name', 'Subject');
      this.subjectIndex.set(name, this.problem.subjects.length);
      this.problem.subjects.push({ name });
    }
    for (const t of all(first(this.root, 'Teachers_List'), 'Teacher')) {
      const name = this.need(t, 'Name', 'Teacher');
      this.teacherIndex.set(name, this.problem.teachers.length);
      this.problem.teachers.push({ name });
    }
    this.readStudents();
    this.readRooms();
    this.readActivities();
    const unknown = new Map<string, number>();
    const inactive = new Map<string, number>();
    for (const list of ['Time_Constraints_List', 'Space_Constraints_List']) {
      const node = first(this.root, list);
      if (!node) continue;
      const seen = new Map<string, number>();
      // In the file's order: FET's own lists and our messages number constraints that way.
      for (const type of (node['#order'] as string[] | undefined) ?? []) {
        const n = seen.get(type) ?? 0;
        seen.set(type, n + 1);
        const list = node[type];
        const c = Array.isArray(list) ? (list[n] as Node | undefined) : undefined;
        if (!c || typeof c !== 'object') continue;
        const where = `${type} №${n + 1}`;
        if ((text(c, 'Active') ?? 'true').trim() === 'false') {
          inactive.set(type, (inactive.get(type) ?? 0) + 1);
          continue;
        }
        const constraint = this.constraint(type, c, where);
        if (constraint) this.problem.constraints.push(constraint);
        else unknown.set(type, (unknown.get(type) ?? 0) + 1);
      }
    }
    const listed = (m: Map<string, number>) => [...m].map(([type, count]) => ({ type, count })).sort((a, b) => a.type.localeCompare(b.type));
    return { problem: this.problem, unknownConstraints: listed(unknown), inactiveConstraints: listed(inactive) };
  }

  private need(node: Node, tag: string, where: string): string {
    const v = text(node, tag);
    if (v === undefined || v === '') throw new FetFormatError(`${where}: нет ${tag}`);
    return v;
  }

  private int(node: Node, tag: string, where: string, fallback?: number): number {
    const v = text(node, tag);
    if (v === undefined || v.trim() === '') {
      if (fallback !== undefined) return fallback;
      throw new FetFormatError(`${where}: нет ${tag}`);
    }
    const n = Number(v);
    if (!Number.isInteger(n)) throw new FetFormatError(`${where}: ${tag} не целое число («${v}»)`);
    return n;
  }

  private bool(node: Node, tag: string, fallback: boolean): boolean {
    const v = text(node, tag)?.trim();
    return v === undefined || v === '' ? fallback : v === 'true';
  }

  private weight(node: Node, where: string): number {
    const v = text(node, 'Weight_Percentage') ?? text(node, 'Weight');
    const n = Number(v);
    if (v === undefined || v.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) {
      throw new FetFormatError(`${where}: Weight_Percentage должен быть от 0 до 100`);
    }
    return n;
  }

  private lookup(map: Map<string, number>, name: string | undefined, what: string, where: string): number {
    if (name === undefined || name === '') throw new FetFormatError(`${where}: нет ${what}`);
    const i = map.get(name);
    if (i === undefined) throw new FetFormatError(`${where}: неизвестный ${what} «${name}»`);
    return i;
  }

  private optional(map: Map<string, number>, name: string | undefined, what: string, where: string): number | null {
    return name === undefined || name === '' ? null : this.lookup(map, name, what, where);
  }

  private readDaysAndHours(): void {
    const names = (list: string, item: string): string[] => {
      const node = first(this.root, list);
      if (!node) throw new FetFormatError(`fet: нет ${list}`);
      const items = all(node, item).map((d, n) => text(d, 'Name') ?? textOf(d) ?? `${item} ${n + 1}`);
      const declared = text(node, list === 'Days_List' ? 'Number_of_Days' : 'Number_of_Hours');
      if (declared !== undefined && Number(declared) !== items.length) {
        throw new FetFormatError(`${list}: объявлено ${declared}, перечислено ${items.length}`);
      }
      if (items.length === 0) throw new FetFormatError(`${list}: пусто`);
      return items;
    };
    this.problem.days = names('Days_List', 'Day');
    this.problem.periods = names('Hours_List', 'Hour');
    this.problem.days.forEach((d, i) => this.dayIndex.set(d, i));
    this.problem.periods.forEach((h, i) => this.periodIndex.set(h, i));
  }

  private readStudents(): void {
    const visit = (node: Node, kind: StudentsSetKind, parent: number | null, childTag: string | null, childKind: StudentsSetKind | null) => {
      const where = kind === 'year' ? 'Year' : kind === 'group' ? 'Group' : 'Subgroup';
      const name = this.need(node, 'Name', where);
      let index = this.setIndex.get(name);
      if (index === undefined) {
        index = this.problem.studentsSets.length;
        this.setIndex.set(name, index);
        this.problem.studentsSets.push({ name, kind, size: this.int(node, 'Number_of_Students', `${where} ${name}`, 0), parents: [], children: [] });
      }
      const set = this.problem.studentsSets[index]!;
      if (parent !== null && parent !== index && !set.parents.includes(parent)) {
        set.parents.push(parent);
        this.problem.studentsSets[parent]!.children.push(index);
      }
      if (childTag && childKind) {
        for (const c of all(node, childTag)) visit(c, childKind, index, childKind === 'group' ? 'Subgroup' : null, childKind === 'group' ? 'subgroup' : null);
      }
    };
    for (const y of all(first(this.root, 'Students_List'), 'Year')) visit(y, 'year', null, 'Group', 'group');
  }

  private readRooms(): void {
    for (const r of all(first(this.root, 'Rooms_List'), 'Room')) {
      const name = this.need(r, 'Name', 'Room');
      const building = text(r, 'Building');
      this.roomIndex.set(name, this.problem.rooms.length);
      this.problem.rooms.push({
        name,
        capacity: this.int(r, 'Capacity', `Room ${name}`, 30000),
        kind: null,
        building: building === undefined || building === '' ? null : building,
      });
    }
  }

  private readActivities(): void {
    all(first(this.root, 'Activities_List'), 'Activity').forEach((a, n) => {
      const idText = text(a, 'Id');
      const where = `Activity ${idText ?? `№${n + 1}`}`;
      const id = this.int(a, 'Id', where);
      if (this.activityIndex.has(id)) throw new FetFormatError(`${where}: Id повторяется`);
      const duration = this.int(a, 'Duration', where);
      if (duration < 1 || duration > this.problem.periods.length) throw new FetFormatError(`${where}: Duration ${duration} вне 1…${this.problem.periods.length}`);
      const count = text(a, 'Number_Of_Students');
      const activity: Activity = {
        id,
        teachers: texts(a, 'Teacher').map((t) => this.lookup(this.teacherIndex, t, 'Teacher', where)),
        subject: this.lookup(this.subjectIndex, text(a, 'Subject'), 'Subject', where),
        studentsSets: texts(a, 'Students').map((s) => this.lookup(this.setIndex, s, 'Students', where)),
        duration,
        groupId: this.int(a, 'Activity_Group_Id', where, 0),
        active: this.bool(a, 'Active', true),
        studentsCount: count === undefined || count === '' ? null : this.int(a, 'Number_Of_Students', where),
        tags: texts(a, 'Activity_Tag').filter((t) => t !== ''),
      };
      this.activityIndex.set(id, this.problem.activities.length);
      this.problem.activities.push(activity);
    });
  }

  private activity(node: Node, where: string, tag = 'Activity_Id'): number {
    const id = this.int(node, tag, where);
    const i = this.activityIndex.get(id);
    if (i === undefined) throw new FetFormatError(`${where}: нет активности с Id ${id}`);
    return i;
  }

  private activities(node: Node, where: string): number[] {
    return texts(node, 'Activity_Id').map((v) => {
      const i = this.activityIndex.get(Number(v));
      if (i === undefined) throw new FetFormatError(`${where}: нет активности с Id ${v}`);
      return i;
    });
  }

  private slots(node: Node, item: string, dayTag: string, hourTag: string, where: string): Slot[] {
    return all(node, item).map((s) => ({
      day: this.lookup(this.dayIndex, text(s, dayTag), dayTag, where),
      period: this.lookup(this.periodIndex, text(s, hourTag), hourTag, where),
    }));
  }

  private teacherTarget(c: Node, where: string, single: boolean): number | null {
    return single ? this.lookup(this.teacherIndex, text(c, 'Teacher_Name') ?? text(c, 'Teacher'), 'Teacher_Name', where) : null;
  }

  private studentsTarget(c: Node, where: string, single: boolean): number | null {
    return single ? this.lookup(this.setIndex, text(c, 'Students'), 'Students', where) : null;
  }

  /** FET's activity filter: teacher, students, subject, tag and duration, each optional. */
  private filter(c: Node, where: string): ActivityFilter {
    const duration = text(c, 'Duration');
    const tag = text(c, 'Activity_Tag_Name');
    return {
      teacher: this.optional(this.teacherIndex, text(c, 'Teacher_Name'), 'Teacher_Name', where),
      students: this.optional(this.setIndex, text(c, 'Students_Name'), 'Students_Name', where),
      subject: this.optional(this.subjectIndex, text(c, 'Subject_Name'), 'Subject_Name', where),
      tag: tag === undefined || tag === '' ? null : tag,
      duration: duration === undefined || duration === '' ? null : this.int(c, 'Duration', where),
    };
  }

  /** One constraint element → the model, or null when the type is not one we know. */
  private constraint(type: string, c: Node, where: string): Constraint | null {
    const weight = (): number => this.weight(c, where);
    const teacherVariant = /^ConstraintTeachers?(MaxGapsPerWeek|MaxGapsPerDay|MinHoursDaily|MaxHoursDaily|MaxDaysPerWeek|MaxHoursContinuously)$/.exec(type);
    if (teacherVariant) {
      const teacher = this.teacherTarget(c, where, !type.startsWith('ConstraintTeachers'));
      switch (teacherVariant[1]) {
        case 'MaxGapsPerWeek':
          return { kind: 'teachersMaxGapsPerWeek', weight: weight(), teacher, maxGaps: this.int(c, 'Max_Gaps', where) };
        case 'MaxGapsPerDay':
          return { kind: 'teachersMaxGapsPerDay', weight: weight(), teacher, maxGaps: this.int(c, 'Max_Gaps', where) };
        case 'MinHoursDaily':
          return { kind: 'teachersMinHoursDaily', weight: weight(), teacher, minHours: this.int(c, 'Minimum_Hours_Daily', where), allowEmptyDays: this.bool(c, 'Allow_Empty_Days', true) };
        case 'MaxHoursDaily':
          return { kind: 'teachersMaxHoursDaily', weight: weight(), teacher, maxHours: this.int(c, 'Maximum_Hours_Daily', where) };
        case 'MaxHoursContinuously':
          return { kind: 'teachersMaxHoursContinuously', weight: weight(), teacher, maxHours: this.int(c, 'Maximum_Hours_Continuously', where) };
        default:
          return { kind: 'teachersMaxDaysPerWeek', weight: weight(), teacher, maxDays: this.int(c, 'Max_Days_Per_Week', where) };
      }
    }
    const tagVariant = /^ConstraintTeachers?ActivityTag(MaxHoursDaily|MaxHoursContinuously)$/.exec(type);
    if (tagVariant) {
      const teacher = this.teacherTarget(c, where, !type.startsWith('ConstraintTeachers'));
      const tag = this.need(c, 'Activity_Tag_Name', where);
      return tagVariant[1] === 'MaxHoursDaily'
        ? { kind: 'teachersMaxHoursDaily', weight: weight(), teacher, maxHours: this.int(c, 'Maximum_Hours_Daily', where), tag }
        : { kind: 'teachersMaxHoursContinuously', weight: weight(), teacher, maxHours: this.int(c, 'Maximum_Hours_Continuously', where), tag };
    }
    const studentsVariant = /^ConstraintStudents(Set)?(MaxGapsPerWeek|MaxGapsPerDay|MinHoursDaily|MaxHoursDaily|EarlyMaxBeginningsAtSecondHour)$/.exec(type);
    if (studentsVariant) {
      const students = this.studentsTarget(c, where, studentsVariant[1] === 'Set');
      switch (studentsVariant[2]) {
        case 'MaxGapsPerWeek':
          return { kind: 'studentsMaxGapsPerWeek', weight: weight(), students, maxGaps: this.int(c, 'Max_Gaps', where) };
        case 'MaxGapsPerDay':
          return { kind: 'studentsMaxGapsPerDay', weight: weight(), students, maxGaps: this.int(c, 'Max_Gaps', where) };
        case 'MinHoursDaily':
          return { kind: 'studentsMinHoursDaily', weight: weight(), students, minHours: this.int(c, 'Minimum_Hours_Daily', where), allowEmptyDays: this.bool(c, 'Allow_Empty_Days', false) };
        case 'MaxHoursDaily':
          return { kind: 'studentsMaxHoursDaily', weight: weight(), students, maxHours: this.int(c, 'Maximum_Hours_Daily', where) };
        default:
          return { kind: 'studentsEarlyMaxBeginningsAtSecondHour', weight: weight(), students, maxBeginnings: this.int(c, 'Max_Beginnings_At_Second_Hour', where) };
      }
    }
    switch (type) {
      case 'ConstraintBasicCompulsoryTime':
        return { kind: 'basicTime', weight: weight() };
      case 'ConstraintBasicCompulsorySpace':
        return { kind: 'basicSpace', weight: weight() };
      case 'ConstraintBreakTimes':
        return { kind: 'breakTimes', weight: weight(), slots: this.slots(c, 'Break_Time', 'Day', 'Hour', where) };
      case 'ConstraintTeacherNotAvailableTimes':
        return {
          kind: 'teacherNotAvailable',
          weight: weight(),
          teacher: this.lookup(this.teacherIndex, text(c, 'Teacher'), 'Teacher', where),
          slots: this.slots(c, 'Not_Available_Time', 'Day', 'Hour', where),
        };
      case 'ConstraintStudentsSetNotAvailableTimes':
        return {
          kind: 'studentsNotAvailable',
          weight: weight(),
          students: this.lookup(this.setIndex, text(c, 'Students'), 'Students', where),
          slots: this.slots(c, 'Not_Available_Time', 'Day', 'Hour', where),
        };
      case 'ConstraintRoomNotAvailableTimes':
        return {
          kind: 'roomNotAvailable',
          weight: weight(),
          room: this.lookup(this.roomIndex, text(c, 'Room'), 'Room', where),
          slots: this.slots(c, 'Not_Available_Time', 'Day', 'Hour', where),
        };
      case 'ConstraintMinDaysBetweenActivities':
        return {
          kind: 'minDaysBetweenActivities',
          weight: weight(),
          activities: this.activities(c, where),
          minDays: this.int(c, 'MinDays', where),
          consecutiveIfSameDay: this.bool(c, 'Consecutive_If_Same_Day', false),
        };
      case 'ConstraintActivityPreferredStartingTime':
        return {
          kind: 'activityPreferredStartingTime',
          weight: weight(),
          activity: this.activity(c, where),
          slot: {
            day: this.lookup(this.dayIndex, text(c, 'Preferred_Day'), 'Preferred_Day', where),
            period: this.lookup(this.periodIndex, text(c, 'Preferred_Hour'), 'Preferred_Hour', where),
          },
          locked: this.bool(c, 'Permanently_Locked', false),
        };
      case 'ConstraintActivityPreferredStartingTimes':
        return {
          kind: 'activityPreferredStartingTimes',
          weight: weight(),
          activity: this.activity(c, where),
          slots: this.slots(c, 'Preferred_Starting_Time', 'Preferred_Starting_Day', 'Preferred_Starting_Hour', where),
        };
      case 'ConstraintActivityPreferredTimeSlots':
        return {
          kind: 'activityPreferredTimeSlots',
          weight: weight(),
          activity: this.activity(c, where),
          slots: this.slots(c, 'Preferred_Time_Slot', 'Preferred_Day', 'Preferred_Hour', where),
        };
      case 'ConstraintActivitiesPreferredTimeSlots': {
        const filter = this.filter(c, where);
        return { kind: 'activitiesPreferredTimeSlots', weight: weight(), filter, slots: this.slots(c, 'Preferred_Time_Slot', 'Preferred_Day', 'Preferred_Hour', where) };
      }
      case 'ConstraintActivitiesPreferredStartingTimes': {
        const filter = this.filter(c, where);
        return { kind: 'activitiesPreferredStartingTimes', weight: weight(), filter, slots: this.slots(c, 'Preferred_Starting_Time', 'Preferred_Starting_Day', 'Preferred_Starting_Hour', where) };
      }
      case 'ConstraintTwoActivitiesConsecutive':
        return { kind: 'twoActivitiesConsecutive', weight: weight(), first: this.activity(c, where, 'First_Activity_Id'), second: this.activity(c, where, 'Second_Activity_Id') };
      case 'ConstraintActivityTagPreferredRoom':
        return { kind: 'activityTagPreferredRooms', weight: weight(), tag: text(c, 'Activity_Tag') ?? '', rooms: [this.lookup(this.roomIndex, text(c, 'Room'), 'Room', where)] };
      case 'ConstraintActivityTagPreferredRooms':
        return { kind: 'activityTagPreferredRooms', weight: weight(), tag: text(c, 'Activity_Tag') ?? '', rooms: texts(c, 'Preferred_Room').map((r) => this.lookup(this.roomIndex, r, 'Preferred_Room', where)) };
      case 'ConstraintActivityEndsStudentsDay':
        return { kind: 'activitiesEndStudentsDay', weight: weight(), filter: noFilter, activities: [this.activity(c, where)] };
      case 'ConstraintActivitiesEndStudentsDay': {
        const filter = this.filter(c, where);
        return { kind: 'activitiesEndStudentsDay', weight: weight(), filter, activities: null };
      }
      case 'ConstraintTeacherHomeRoom':
        return { kind: 'teacherHomeRoom', weight: weight(), teacher: this.lookup(this.teacherIndex, text(c, 'Teacher'), 'Teacher', where), room: this.lookup(this.roomIndex, text(c, 'Room'), 'Room', where) };
      case 'ConstraintSubjectActivityTagPreferredRoom':
        return {
          kind: 'subjectActivityTagPreferredRooms', weight: weight(), subject: this.lookup(this.subjectIndex, text(c, 'Subject'), 'Subject', where),
          tag: text(c, 'Activity_Tag') ?? '', rooms: [this.lookup(this.roomIndex, text(c, 'Room'), 'Room', where)],
        };
      case 'ConstraintSubjectActivityTagPreferredRooms':
        return {
          kind: 'subjectActivityTagPreferredRooms', weight: weight(), subject: this.lookup(this.subjectIndex, text(c, 'Subject'), 'Subject', where),
          tag: text(c, 'Activity_Tag') ?? '', rooms: texts(c, 'Preferred_Room').map((r) => this.lookup(this.roomIndex, r, 'Preferred_Room', where)),
        };
      case 'ConstraintActivitiesSameStartingTime':
        return { kind: 'activitiesSameStartingTime', weight: weight(), activities: this.activities(c, where) };
      case 'ConstraintActivitiesSameStartingDay':
        return { kind: 'activitiesSameStartingDay', weight: weight(), activities: this.activities(c, where) };
      case 'ConstraintActivitiesNotOverlapping':
        return { kind: 'activitiesNotOverlapping', weight: weight(), activities: this.activities(c, where) };
      case 'ConstraintSubjectPreferredRoom':
        return {
          kind: 'subjectPreferredRooms',
          weight: weight(),
          subject: this.lookup(this.subjectIndex, text(c, 'Subject'), 'Subject', where),
          rooms: [this.lookup(this.roomIndex, text(c, 'Room'), 'Room', where)],
        };
      case 'ConstraintSubjectPreferredRooms':
        return {
          kind: 'subjectPreferredRooms',
          weight: weight(),
          subject: this.lookup(this.subjectIndex, text(c, 'Subject'), 'Subject', where),
          rooms: texts(c, 'Preferred_Room').map((r) => this.lookup(this.roomIndex, r, 'Preferred_Room', where)),
        };
      case 'ConstraintActivityPreferredRoom':
        return {
          kind: 'activityPreferredRooms',
          weight: weight(),
          activity: this.activity(c, where),
          rooms: [this.lookup(this.roomIndex, text(c, 'Room'), 'Room', where)],
          locked: this.bool(c, 'Permanently_Locked', false),
        };
      case 'ConstraintActivityPreferredRooms':
        return {
          kind: 'activityPreferredRooms',
          weight: weight(),
          activity: this.activity(c, where),
          rooms: texts(c, 'Preferred_Room').map((r) => this.lookup(this.roomIndex, r, 'Preferred_Room', where)),
          locked: false,
        };
      default:
        return null;
    }
  }
}

const noFilter: ActivityFilter = { teacher: null, students: null, subject: null, tag: null, duration: null };

/** Read a `.fet` file's text into the model. Throws FetFormatError naming the element. */
export function readFet(xml: string): FetReadResult {
  const doc = parse(xml, 'fet');
  const root = first(doc, 'fet');
  if (!root) throw new FetFormatError('fet: нет корневого элемента <fet>');
  return new Reader(root).read();
}

/** Read FET's `<name>_activities.xml` (activity id → day, hour, room) into a timetable of `problem`. */
export function readFetActivitiesResult(problem: Problem, xml: string): Timetable {
  const doc = parse(xml, 'Activities_Timetable');
  const root = first(doc, 'Activities_Timetable');
  if (!root) throw new FetFormatError('Activities_Timetable: нет корневого элемента');
  const byId = new Map(problem.activities.map((a, i) => [a.id, i]));
  const days = new Map(problem.days.map((d, i) => [d, i]));
  const periods = new Map(problem.periods.map((p, i) => [p, i]));
  const rooms = new Map(problem.rooms.map((r, i) => [r.name, i]));
  const t = emptyTimetable(problem.activities.length);
  for (const a of all(root, 'Activity')) {
    const id = text(a, 'Id');
    const where = `Activity ${id ?? '?'}`;
    const index = byId.get(Number(id));
    if (index === undefined) throw new FetFormatError(`${where}: нет такой активности в задаче`);
    const day = text(a, 'Day') ?? '';
    const hour = text(a, 'Hour') ?? '';
    const room = text(a, 'Room') ?? '';
    if (day === '' || hour === '') continue;
    const d = days.get(day);
    const p = periods.get(hour);
    if (d === undefined) throw new FetFormatError(`${where}: неизвестный Day «${day}»`);
    if (p === undefined) throw new FetFormatError(`${where}: неизвестный Hour «${hour}»`);
    t.day[index] = d;
    t.period[index] = p;
    if (room !== '') {
      const r = rooms.get(room);
      if (r === undefined) throw new FetFormatError(`${where}: неизвестный Room «${room}»`);
      t.room[index] = r;
    }
  }
  return t;
}

// ---- writing ----

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Write a problem as a `.fet` file FET 6 can open and solve. */
export function writeFet(problem: Problem): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '', '<fet version="6.8.5">', ''];
  const el = (indent: number, tag: string, value: string | number | boolean) => out.push(`${'\t'.repeat(indent)}<${tag}>${esc(String(value))}</${tag}>`);
  const dayName = (d: number) => problem.days[d]!;
  const hourName = (h: number) => problem.periods[h]!;
  const teacher = (t: number | null) => (t === null ? '' : problem.teachers[t]!.name);
  const set = (s: number | null) => (s === null ? '' : problem.studentsSets[s]!.name);
  const room = (r: number) => problem.rooms[r]!.name;
  const activityId = (a: number) => problem.activities[a]!.id;

  el(0, 'Institution_Name', problem.name);
  el(0, 'Comments', '');
  out.push('<Days_List>');
  el(0, 'Number_of_Days', problem.days.length);
  for (const d of problem.days) out.push('<Day>', `\t<Name>${esc(d)}</Name>`, '</Day>');
  out.push('</Days_List>', '<Hours_List>');
  el(0, 'Number_of_Hours', problem.periods.length);
  for (const h of problem.periods) out.push('<Hour>', `\t<Name>${esc(h)}</Name>`, '</Hour>');
  out.push('</Hours_List>', '<Subjects_List>');
  for (const s of problem.subjects) out.push('<Subject>', `\t<Name>${esc(s.name)}</Name>`, '</Subject>');
  out.push('</Subjects_List>', '<Activity_Tags_List>');
  // Every tag an activity carries or a constraint names (FET refuses a constraint on an undeclared tag).
  const constraintTags = problem.constraints.flatMap((c) => {
    const own = 'tag' in c && typeof c.tag === 'string' ? [c.tag] : [];
    const filtered = 'filter' in c && c.filter.tag !== null ? [c.filter.tag] : [];
    return [...own, ...filtered];
  });
  const tags = [...new Set([...problem.activities.flatMap((a) => a.tags), ...constraintTags])].filter((t) => t !== '');
  for (const t of tags) out.push('<Activity_Tag>', `\t<Name>${esc(t)}</Name>`, '\t<Printable>true</Printable>', '</Activity_Tag>');
  out.push('</Activity_Tags_List>', '<Teachers_List>');
  for (const t of problem.teachers) out.push('<Teacher>', `\t<Name>${esc(t.name)}</Name>`, '</Teacher>');
  out.push('</Teachers_List>', '<Students_List>');
  const writeSet = (s: number, depth: number) => {
    const tag = depth === 0 ? 'Year' : depth === 1 ? 'Group' : 'Subgroup';
    const st = problem.studentsSets[s]!;
    out.push(`${'\t'.repeat(depth)}<${tag}>`);
    el(depth + 1, 'Name', st.name);
    el(depth + 1, 'Number_of_Students', st.size);
    if (depth < 2) for (const c of st.children) writeSet(c, depth + 1);
    out.push(`${'\t'.repeat(depth)}</${tag}>`);
  };
  problem.studentsSets.forEach((s, i) => {
    if (s.parents.length === 0) writeSet(i, 0);
  });
  out.push('</Students_List>', '<Activities_List>');
  const groupTotals = new Map<number, number>();
  for (const a of problem.activities) if (a.groupId !== 0) groupTotals.set(a.groupId, (groupTotals.get(a.groupId) ?? 0) + a.duration);
  for (const a of problem.activities) {
    out.push('<Activity>');
    for (const t of a.teachers) el(1, 'Teacher', problem.teachers[t]!.name);
    el(1, 'Subject', problem.subjects[a.subject]!.name);
    for (const t of a.tags) el(1, 'Activity_Tag', t);
    for (const s of a.studentsSets) el(1, 'Students', problem.studentsSets[s]!.name);
    el(1, 'Duration', a.duration);
    el(1, 'Total_Duration', a.groupId === 0 ? a.duration : groupTotals.get(a.groupId)!);
    el(1, 'Id', a.id);
    el(1, 'Activity_Group_Id', a.groupId);
    if (a.studentsCount !== null) el(1, 'Number_Of_Students', a.studentsCount);
    el(1, 'Active', a.active);
    el(1, 'Comments', '');
    out.push('</Activity>');
  }
  out.push('</Activities_List>', '<Buildings_List>');
  const buildings = [...new Set(problem.rooms.map((r) => r.building).filter((b): b is string => b !== null))];
  for (const b of buildings) out.push('<Building>', `\t<Name>${esc(b)}</Name>`, '</Building>');
  out.push('</Buildings_List>', '<Rooms_List>');
  for (const r of problem.rooms) {
    out.push('<Room>');
    el(1, 'Name', r.name);
    el(1, 'Building', r.building ?? '');
    el(1, 'Capacity', r.capacity);
    el(1, 'Virtual', false);
    el(1, 'Comments', '');
    out.push('</Room>');
  }
  out.push('</Rooms_List>');

  const time: string[][] = [];
  const space: string[][] = [];
  const hasBasic = { time: false, space: false };
  const filterBody = (f: ActivityFilter): [string, string | number][] => [
    ['Teacher_Name', teacher(f.teacher)],
    ['Students_Name', set(f.students)],
    ['Subject_Name', f.subject === null ? '' : problem.subjects[f.subject]!.name],
    ['Activity_Tag_Name', f.tag ?? ''],
    ['Duration', f.duration ?? ''],
  ];
  for (const c of problem.constraints) {
    const body: [string, string | number | boolean][] = [['Weight_Percentage', c.weight]];
    const lines: string[] = [];
    let type: string;
    let isSpace = false;
    const slotList = (item: string, dayTag: string, hourTag: string, slots: Slot[], countTag: string) => {
      body.push([countTag, slots.length]);
      for (const s of slots) lines.push(`\t<${item}>`, `\t\t<${dayTag}>${esc(dayName(s.day))}</${dayTag}>`, `\t\t<${hourTag}>${esc(hourName(s.period))}</${hourTag}>`, `\t</${item}>`);
    };
    const ids = (activities: number[]) => {
      body.push(['Number_of_Activities', activities.length]);
      for (const a of activities) lines.push(`\t<Activity_Id>${activityId(a)}</Activity_Id>`);
    };
    switch (c.kind) {
      case 'basicTime':
        type = 'ConstraintBasicCompulsoryTime';
        hasBasic.time = true;
        break;
      case 'basicSpace':
        type = 'ConstraintBasicCompulsorySpace';
        hasBasic.space = isSpace = true;
        break;
      case 'breakTimes':
        type = 'ConstraintBreakTimes';
        slotList('Break_Time', 'Day', 'Hour', c.slots, 'Number_of_Break_Times');
        break;
      case 'teacherNotAvailable':
        type = 'ConstraintTeacherNotAvailableTimes';
        body.push(['Teacher', teacher(c.teacher)]);
        slotList('Not_Available_Time', 'Day', 'Hour', c.slots, 'Number_of_Not_Available_Times');
        break;
      case 'studentsNotAvailable':
        type = 'ConstraintStudentsSetNotAvailableTimes';
        body.push(['Students', set(c.students)]);
        slotList('Not_Available_Time', 'Day', 'Hour', c.slots, 'Number_of_Not_Available_Times');
        break;
      case 'roomNotAvailable':
        type = 'ConstraintRoomNotAvailableTimes';
        isSpace = true;
        body.push(['Room', room(c.room)]);
        slotList('Not_Available_Time', 'Day', 'Hour', c.slots, 'Number_of_Not_Available_Times');
        break;
      case 'minDaysBetweenActivities':
        type = 'ConstraintMinDaysBetweenActivities';
        body.push(['Consecutive_If_Same_Day', c.consecutiveIfSameDay]);
        ids(c.activities);
        lines.push(`\t<MinDays>${c.minDays}</MinDays>`);
        break;
      case 'activityPreferredStartingTime':
        type = 'ConstraintActivityPreferredStartingTime';
        body.push(['Activity_Id', activityId(c.activity)], ['Preferred_Day', dayName(c.slot.day)], ['Preferred_Hour', hourName(c.slot.period)], ['Permanently_Locked', c.locked]);
        break;
      case 'activityPreferredStartingTimes':
        type = 'ConstraintActivityPreferredStartingTimes';
        body.push(['Activity_Id', activityId(c.activity)]);
        slotList('Preferred_Starting_Time', 'Preferred_Starting_Day', 'Preferred_Starting_Hour', c.slots, 'Number_of_Preferred_Starting_Times');
        break;
      case 'activityPreferredTimeSlots':
        type = 'ConstraintActivityPreferredTimeSlots';
        body.push(['Activity_Id', activityId(c.activity)]);
        slotList('Preferred_Time_Slot', 'Preferred_Day', 'Preferred_Hour', c.slots, 'Number_of_Preferred_Time_Slots');
        break;
      case 'activitiesPreferredTimeSlots':
        type = 'ConstraintActivitiesPreferredTimeSlots';
        body.push(...filterBody(c.filter));
        slotList('Preferred_Time_Slot', 'Preferred_Day', 'Preferred_Hour', c.slots, 'Number_of_Preferred_Time_Slots');
        break;
      case 'activitiesPreferredStartingTimes':
        type = 'ConstraintActivitiesPreferredStartingTimes';
        body.push(...filterBody(c.filter));
        slotList('Preferred_Starting_Time', 'Preferred_Starting_Day', 'Preferred_Starting_Hour', c.slots, 'Number_of_Preferred_Starting_Times');
        break;
      case 'twoActivitiesConsecutive':
        type = 'ConstraintTwoActivitiesConsecutive';
        body.push(['First_Activity_Id', activityId(c.first)], ['Second_Activity_Id', activityId(c.second)]);
        break;
      case 'activityTagPreferredRooms':
        isSpace = true;
        type = 'ConstraintActivityTagPreferredRooms';
        body.push(['Activity_Tag', c.tag], ['Number_of_Preferred_Rooms', c.rooms.length]);
        for (const r of c.rooms) lines.push(`\t<Preferred_Room>${esc(room(r))}</Preferred_Room>`);
        break;
      case 'activitiesSameStartingTime':
        type = 'ConstraintActivitiesSameStartingTime';
        ids(c.activities);
        break;
      case 'activitiesSameStartingDay':
        type = 'ConstraintActivitiesSameStartingDay';
        ids(c.activities);
        break;
      case 'activitiesNotOverlapping':
        type = 'ConstraintActivitiesNotOverlapping';
        ids(c.activities);
        break;
      case 'studentsMaxGapsPerWeek':
      case 'studentsMaxGapsPerDay':
      case 'studentsMinHoursDaily':
      case 'studentsMaxHoursDaily':
      case 'studentsEarlyMaxBeginningsAtSecondHour': {
        const suffix = {
          studentsMaxGapsPerWeek: 'MaxGapsPerWeek',
          studentsMaxGapsPerDay: 'MaxGapsPerDay',
          studentsMinHoursDaily: 'MinHoursDaily',
          studentsMaxHoursDaily: 'MaxHoursDaily',
          studentsEarlyMaxBeginningsAtSecondHour: 'EarlyMaxBeginningsAtSecondHour',
        }[c.kind];
        type = c.students === null ? `ConstraintStudents${suffix}` : `ConstraintStudentsSet${suffix}`;
        if (c.kind === 'studentsMaxGapsPerWeek' || c.kind === 'studentsMaxGapsPerDay') body.push(['Max_Gaps', c.maxGaps]);
        if (c.kind === 'studentsMinHoursDaily') body.push(['Minimum_Hours_Daily', c.minHours], ['Allow_Empty_Days', c.allowEmptyDays]);
        if (c.kind === 'studentsMaxHoursDaily') body.push(['Maximum_Hours_Daily', c.maxHours]);
        if (c.kind === 'studentsEarlyMaxBeginningsAtSecondHour') body.push(['Max_Beginnings_At_Second_Hour', c.maxBeginnings]);
        if (c.students !== null) body.push(['Students', set(c.students)]);
        break;
      }
      case 'teachersMaxGapsPerWeek':
      case 'teachersMaxGapsPerDay':
      case 'teachersMinHoursDaily':
      case 'teachersMaxHoursDaily':
      case 'teachersMaxHoursContinuously':
      case 'teachersMaxDaysPerWeek': {
        const suffix = {
          teachersMaxGapsPerWeek: 'MaxGapsPerWeek',
          teachersMaxGapsPerDay: 'MaxGapsPerDay',
          teachersMinHoursDaily: 'MinHoursDaily',
          teachersMaxHoursDaily: 'MaxHoursDaily',
          teachersMaxHoursContinuously: 'MaxHoursContinuously',
          teachersMaxDaysPerWeek: 'MaxDaysPerWeek',
        }[c.kind];
        const tagged = (c.kind === 'teachersMaxHoursDaily' || c.kind === 'teachersMaxHoursContinuously') && c.tag ? c.tag : null;
        const name = tagged ? `ActivityTag${suffix}` : suffix;
        type = c.teacher === null ? `ConstraintTeachers${name}` : `ConstraintTeacher${name}`;
        if (c.teacher !== null) body.push(['Teacher_Name', teacher(c.teacher)]);
        if (tagged) body.push(['Activity_Tag_Name', tagged]);
        if (c.kind === 'teachersMaxGapsPerWeek' || c.kind === 'teachersMaxGapsPerDay') body.push(['Max_Gaps', c.maxGaps]);
        if (c.kind === 'teachersMinHoursDaily') body.push(['Minimum_Hours_Daily', c.minHours], ['Allow_Empty_Days', c.allowEmptyDays]);
        if (c.kind === 'teachersMaxHoursDaily') body.push(['Maximum_Hours_Daily', c.maxHours]);
        if (c.kind === 'teachersMaxDaysPerWeek') body.push(['Max_Days_Per_Week', c.maxDays]);
        if (c.kind === 'teachersMaxHoursContinuously') body.push(['Maximum_Hours_Continuously', c.maxHours]);
        break;
      }
      case 'activitiesEndStudentsDay':
        if (c.activities !== null && c.activities.length === 1) {
          type = 'ConstraintActivityEndsStudentsDay';
          body.push(['Activity_Id', activityId(c.activities[0]!)]);
        } else {
          type = 'ConstraintActivitiesEndStudentsDay';
          body.push(...filterBody(c.filter).filter(([k]) => k !== 'Duration'));
        }
        break;
      case 'teacherHomeRoom':
        isSpace = true;
        type = 'ConstraintTeacherHomeRoom';
        body.push(['Teacher', teacher(c.teacher)], ['Room', room(c.room)]);
        break;
      case 'subjectActivityTagPreferredRooms':
        isSpace = true;
        type = 'ConstraintSubjectActivityTagPreferredRooms';
        body.push(['Subject', problem.subjects[c.subject]!.name], ['Activity_Tag', c.tag], ['Number_of_Preferred_Rooms', c.rooms.length]);
        for (const r of c.rooms) lines.push(`\t<Preferred_Room>${esc(room(r))}</Preferred_Room>`);
        break;
      case 'subjectPreferredRooms':
        isSpace = true;
        type = 'ConstraintSubjectPreferredRooms';
        body.push(['Subject', problem.subjects[c.subject]!.name], ['Number_of_Preferred_Rooms', c.rooms.length]);
        for (const r of c.rooms) lines.push(`\t<Preferred_Room>${esc(room(r))}</Preferred_Room>`);
        break;
      case 'activityPreferredRooms':
        isSpace = true;
        if (c.rooms.length === 1) {
          type = 'ConstraintActivityPreferredRoom';
          body.push(['Activity_Id', activityId(c.activity)], ['Room', room(c.rooms[0]!)], ['Permanently_Locked', c.locked]);
        } else {
          type = 'ConstraintActivityPreferredRooms';
          body.push(['Activity_Id', activityId(c.activity)], ['Number_of_Preferred_Rooms', c.rooms.length]);
          for (const r of c.rooms) lines.push(`\t<Preferred_Room>${esc(room(r))}</Preferred_Room>`);
        }
        break;
      // Our own Russian rules have no FET counterpart: left out of the file (decision 018).
      case 'studentsDifficultyProfile':
      case 'studentsHardSubjectsNotFirstLast':
      case 'studentsBalancedDays':
      case 'teachersRoomChanges':
        continue;
    }
    const xml = [`<${type}>`, ...body.map(([k, v]) => `\t<${k}>${esc(String(v))}</${k}>`), ...lines, '\t<Active>true</Active>', '\t<Comments></Comments>', `</${type}>`];
    (isSpace ? space : time).push(xml);
  }
  if (!hasBasic.time) time.unshift(['<ConstraintBasicCompulsoryTime>', '\t<Weight_Percentage>100</Weight_Percentage>', '\t<Active>true</Active>', '\t<Comments></Comments>', '</ConstraintBasicCompulsoryTime>']);
  if (!hasBasic.space) space.unshift(['<ConstraintBasicCompulsorySpace>', '\t<Weight_Percentage>100</Weight_Percentage>', '\t<Active>true</Active>', '\t<Comments></Comments>', '</ConstraintBasicCompulsorySpace>']);
  out.push('<Time_Constraints_List>', ...time.flat(), '</Time_Constraints_List>');
  out.push('<Space_Constraints_List>', ...space.flat(), '</Space_Constraints_List>');
  out.push('', '</fet>', '');
  return out.join('\n');
}

// The evaluator: problem + timetable → hard violations and the soft penalty by constraint.
// Separate from any search, so it judges our timetables and FET's alike.
//
// Conventions (see docs/decisions/016-timetable-model-and-fet.md):
// - A constraint with weight 100 is hard: each of its violations is listed in `hard`.
//   A lower weight is soft: it adds weight/100 × amount to the penalty (FET's "conflicts factor").
// - Basic rules hold whatever the constraint list says (FET makes them compulsory): every active
//   activity is placed, inside the day; no teacher, students set or room takes two activities at
//   once; a room holds the activity's students.
// - Students constraints act on the finest sets (FET's subgroups) under the named set.
// - Gaps are empty periods between a day's first and last lesson, not counting break periods and
//   the teacher's or students' own not-available periods.
// - Our Russian rules (difficulty profile, hard subjects not first/last, balanced days, room
//   changes) have the amounts model.ts defines; each message names the set or teacher and the day.
import {
  activityLabel,
  matchesFilter,
  activityStudents,
  finestSetsOf,
  isPlaced,
  slotLabel,
  type Constraint,
  type ConstraintKind,
  type Problem,
  type Slot,
  type Timetable,
} from './model.ts';

export type ViolationKind = ConstraintKind | 'unplaced' | 'outsideDay' | 'teacherClash' | 'studentsClash' | 'roomClash' | 'roomCapacity';

export interface Violation {
  /** Index of the constraint in `problem.constraints`, or -1 for the basic rules. */
  constraint: number;
  kind: ViolationKind;
  weight: number;
  /** How much the constraint is broken (periods, days, pairs, …); the penalty is weight/100 × amount. */
  amount: number;
  /** Russian text naming the activity, teacher, students set or room. */
  message: string;
  /** Activities involved (indexes). */
  activities: number[];
}

export interface ConstraintScore {
  constraint: number;
  kind: ViolationKind;
  weight: number;
  /** What the constraint means (FET's meaning), in Russian. */
  meaning: string;
  amount: number;
  penalty: number;
}

export interface Evaluation {
  hard: Violation[];
  soft: Violation[];
  /** Σ weight/100 × amount over soft constraints. */
  softPenalty: number;
  /** Per constraint that is broken (and the basic rules), its amount and penalty. */
  byConstraint: ConstraintScore[];
}

export const MEANING: Record<ViolationKind, string> = {
  unplaced: 'каждая активность размещена',
  outsideDay: 'урок не выходит за конец дня',
  teacherClash: 'у учителя не больше одного урока одновременно',
  studentsClash: 'у класса (группы, подгруппы) не больше одного урока одновременно',
  roomClash: 'в кабинете не больше одного урока одновременно',
  roomCapacity: 'в кабинете хватает мест',
  basicTime: 'базовые ограничения времени: нет накладок учителей и учеников',
  basicSpace: 'базовые ограничения кабинетов: нет накладок, хватает мест',
  breakTimes: 'в перерывы уроков нет',
  teacherNotAvailable: 'учитель не занят в часы, когда он недоступен',
  studentsNotAvailable: 'ученики не заняты в часы, когда они недоступны',
  roomNotAvailable: 'кабинет не занят в часы, когда он недоступен',
  minDaysBetweenActivities: 'между уроками группы не меньше N дней (в один день — подряд, если так задано)',
  activityPreferredStartingTime: 'урок начинается в заданное время',
  activityPreferredStartingTimes: 'урок начинается в одно из заданных времён',
  activityPreferredTimeSlots: 'урок целиком лежит в заданных часах',
  activitiesPreferredTimeSlots: 'уроки по фильтру (учитель, ученики, предмет, метка, длительность) лежат в заданных часах',
  activitiesPreferredStartingTimes: 'уроки по фильтру (учитель, ученики, предмет, метка, длительность) начинаются в одно из заданных времён',
  twoActivitiesConsecutive: 'второй урок идёт сразу после первого, в тот же день',
  activityTagPreferredRooms: 'уроки с меткой идут в одном из заданных кабинетов',
  activitiesSameStartingTime: 'уроки начинаются одновременно',
  activitiesSameStartingDay: 'уроки в один день',
  activitiesNotOverlapping: 'уроки не пересекаются по времени',
  studentsMaxGapsPerWeek: 'у учеников не больше N окон в неделю',
  studentsMaxGapsPerDay: 'у учеников не больше N окон в день',
  studentsMinHoursDaily: 'у учеников не меньше N уроков в день',
  studentsMaxHoursDaily: 'у учеников не больше N уроков в день',
  studentsEarlyMaxBeginningsAtSecondHour: 'ученики начинают с первого урока; со второго — не больше N дней в неделю',
  teachersMaxGapsPerWeek: 'у учителя не больше N окон в неделю',
  teachersMaxGapsPerDay: 'у учителя не больше N окон в день',
  teachersMinHoursDaily: 'у учителя не меньше N уроков в рабочий день',
  teachersMaxHoursDaily: 'у учителя не больше N уроков в день',
  teachersMaxDaysPerWeek: 'у учителя не больше N рабочих дней в неделю',
  subjectPreferredRooms: 'предмет идёт в одном из заданных кабинетов',
  activityPreferredRooms: 'урок идёт в одном из заданных кабинетов',
  teachersMaxHoursContinuously: 'у учителя не больше N уроков подряд',
  activitiesEndStudentsDay: 'урок последний в дне у своих учеников',
  teacherHomeRoom: 'уроки учителя (только его, без других правил о кабинете) в его кабинете',
  subjectActivityTagPreferredRooms: 'уроки предмета с меткой идут в одном из заданных кабинетов',
  studentsDifficultyProfile: 'трудность дней по СанПиН: пик во вторник или среду, понедельник и пятница легче',
  studentsHardSubjectsNotFirstLast: 'трудные предметы не первым и не последним уроком',
  studentsBalancedDays: 'уроки распределены по дням равномерно',
  teachersRoomChanges: 'учитель реже переходит из кабинета в кабинет',
};

/** An entity's week: per day, per period, the activities that occupy it. */
type Week = number[][][];

class Evaluator {
  private readonly D: number;
  private readonly P: number;
  private readonly activeIdx: number[];
  private readonly placed: boolean[];
  private readonly atomsOf: number[][];
  private readonly allAtoms: number[];
  private readonly teacherWeek: Week[];
  private readonly atomWeek: Map<number, Week>;
  private readonly roomWeek: Week[];
  private readonly breaks: boolean[];
  private readonly teacherNA: boolean[][];
  private readonly atomNA = new Map<number, boolean[]>();
  readonly violations: Violation[] = [];

  constructor(
    private readonly problem: Problem,
    private readonly t: Timetable,
  ) {
    this.D = problem.days.length;
    this.P = problem.periods.length;
    const { D, P } = this;
    const week = (): Week => Array.from({ length: D }, () => Array.from({ length: P }, () => [] as number[]));
    this.activeIdx = problem.activities.flatMap((a, i) => (a.active ? [i] : []));
    this.placed = problem.activities.map((a, i) => a.active && isPlaced(t, i) && t.day[i]! < D && t.period[i]! + a.duration <= P);
    const atomCache = new Map<number, number[]>();
    const atoms = (s: number) => {
      let r = atomCache.get(s);
      if (!r) atomCache.set(s, (r = finestSetsOf(problem, s)));
      return r;
    };
    this.atomsOf = problem.activities.map((a) => [...new Set(a.studentsSets.flatMap(atoms))]);
    this.allAtoms = problem.studentsSets.flatMap((s, i) => (s.children.length === 0 ? [i] : []));
    this.teacherWeek = problem.teachers.map(week);
    this.roomWeek = problem.rooms.map(week);
    this.atomWeek = new Map(this.allAtoms.map((a) => [a, week()]));
    for (const i of this.activeIdx) {
      if (!this.placed[i]) continue;
      const a = problem.activities[i]!;
      const d = t.day[i]!;
      for (let p = t.period[i]!; p < t.period[i]! + a.duration; p++) {
        for (const teacher of a.teachers) this.teacherWeek[teacher]![d]![p]!.push(i);
        for (const atom of this.atomsOf[i]!) this.atomWeek.get(atom)![d]![p]!.push(i);
        const r = t.room[i]!;
        if (r >= 0 && r < problem.rooms.length) this.roomWeek[r]![d]![p]!.push(i);
      }
    }
    this.breaks = new Array<boolean>(D * P).fill(false);
    this.teacherNA = problem.teachers.map(() => new Array<boolean>(D * P).fill(false));
    for (const c of problem.constraints) {
      if (c.kind === 'breakTimes') for (const s of c.slots) this.breaks[s.day * P + s.period] = true;
      if (c.kind === 'teacherNotAvailable') for (const s of c.slots) this.teacherNA[c.teacher]![s.day * P + s.period] = true;
      if (c.kind === 'studentsNotAvailable') {
        for (const atom of atoms(c.students)) {
          let na = this.atomNA.get(atom);
          if (!na) this.atomNA.set(atom, (na = new Array<boolean>(D * P).fill(false)));
          for (const s of c.slots) na[s.day * P + s.period] = true;
        }
      }
    }
  }

  private add(constraint: number, kind: ViolationKind, weight: number, amount: number, message: string, activities: number[]): void {
    if (amount > 0) this.violations.push({ constraint, kind, weight, amount, message, activities });
  }

  private act(i: number): string {
    return activityLabel(this.problem, i);
  }

  private slot(d: number, p: number): string {
    return slotLabel(this.problem, { day: d, period: p });
  }

  /** Slots [start, start+duration) of a placed activity, as day*P+period. */
  private slotsOf(i: number): number[] {
    const out: number[] = [];
    const base = this.t.day[i]! * this.P;
    for (let p = this.t.period[i]!; p < this.t.period[i]! + this.problem.activities[i]!.duration; p++) out.push(base + p);
    return out;
  }

  basic(): void {
    const { problem, t } = this;
    for (const i of this.activeIdx) {
      if (!isPlaced(t, i)) this.add(-1, 'unplaced', 100, 1, `${this.act(i)}: не размещена`, [i]);
      else if (!this.placed[i]) this.add(-1, 'outsideDay', 100, 1, `${this.act(i)}: выходит за конец дня или недели`, [i]);
    }
    const clashes = (weeks: Iterable<[string, Week]>, kind: ViolationKind) => {
      for (const [who, w] of weeks) {
        for (let d = 0; d < this.D; d++) {
          for (let p = 0; p < this.P; p++) {
            const here = w[d]![p]!;
            if (here.length > 1) this.add(-1, kind, 100, here.length - 1, `${who}: одновременно ${here.map((i) => this.act(i)).join('; ')} (${this.slot(d, p)})`, [...here]);
          }
        }
      }
    };
    clashes(problem.teachers.map((x, i) => [`Учитель ${x.name}`, this.teacherWeek[i]!] as [string, Week]), 'teacherClash');
    clashes([...this.atomWeek].map(([a, w]) => [`Ученики ${problem.studentsSets[a]!.name}`, w] as [string, Week]), 'studentsClash');
    clashes(problem.rooms.map((x, i) => [`Кабинет ${x.name}`, this.roomWeek[i]!] as [string, Week]), 'roomClash');
    for (const i of this.activeIdx) {
      const r = t.room[i]!;
      if (!this.placed[i] || r < 0) continue;
      const room = problem.rooms[r]!;
      const n = activityStudents(problem, i);
      if (n > room.capacity) this.add(-1, 'roomCapacity', 100, 1, `${this.act(i)}: ${n} учеников, в кабинете ${room.name} мест ${room.capacity}`, [i]);
    }
  }

  private teachersOf(target: number | null): number[] {
    return target === null ? this.problem.teachers.map((_, i) => i) : [target];
  }

  private atomsOfTarget(target: number | null): number[] {
    return target === null ? this.allAtoms : finestSetsOf(this.problem, target);
  }

  private matches(c: Extract<Constraint, { kind: 'activitiesPreferredTimeSlots' | 'activitiesPreferredStartingTimes' }>, i: number): boolean {
    return matchesFilter(this.problem.activities[i]!, c.filter);
  }

  /** Per period of a teacher's day: whether one of the teacher's activities there carries the tag. */
  private taggedPeriods(teacher: number, d: number, tag: string): boolean[] {
    return this.teacherWeek[teacher]![d]!.map((list) => list.some((i) => this.problem.activities[i]!.tags.includes(tag)));
  }

  /** A day of an entity: occupied periods, and which empty periods do not count (break, not available). */
  private dayStats(w: Week, d: number, na: boolean[] | undefined) {
    const P = this.P;
    let first = -1;
    let last = -1;
    let hours = 0;
    for (let p = 0; p < P; p++) {
      if (w[d]![p]!.length > 0) {
        if (first < 0) first = p;
        last = p;
        hours++;
      }
    }
    const excused = (p: number) => this.breaks[d * P + p]! || (na?.[d * P + p] ?? false);
    let gaps = 0;
    for (let p = first + 1; first >= 0 && p < last; p++) if (w[d]![p]!.length === 0 && !excused(p)) gaps++;
    let lead = 0;
    for (let p = 0; first >= 0 && p < first; p++) if (!excused(p)) lead++;
    return { hours, gaps, lead };
  }

  /** The distinct activities of an entity's day, in order of start (then index). */
  private lessonsOfDay(w: Week, d: number): number[] {
    const seen = new Set<number>();
    for (const cell of w[d]!) for (const i of cell) seen.add(i);
    return [...seen].sort((a, b) => this.t.period[a]! - this.t.period[b]! || a - b);
  }

  constraint(ci: number): void {
    const c = this.problem.constraints[ci]!;
    const { problem, t, P } = this;
    const w = c.weight;
    const add = (amount: number, message: string, activities: number[]) => this.add(ci, c.kind, w, amount, message, activities);
    const placedActive = (list: number[]) => list.filter((i) => this.placed[i]);
    const inSlots = (slots: Slot[]) => new Set(slots.map((s) => s.day * P + s.period));
    const notAvailable = (who: string, activities: number[], slots: Slot[]) => {
      const na = inSlots(slots);
      for (const i of activities) {
        const bad = this.slotsOf(i).filter((s) => na.has(s));
        if (bad.length > 0) add(bad.length, `${who}: недоступен, а стоит ${this.act(i)} (${bad.map((s) => this.slot(Math.floor(s / P), s % P)).join('; ')})`, [i]);
      }
    };
    const pairs = (list: number[], broken: (a: number, b: number) => number, text: string) => {
      const ps = placedActive(list);
      for (let x = 0; x < ps.length; x++) {
        for (let y = x + 1; y < ps.length; y++) {
          const amount = broken(ps[x]!, ps[y]!);
          if (amount > 0) add(amount, `${this.act(ps[x]!)} и ${this.act(ps[y]!)}: ${text}`, [ps[x]!, ps[y]!]);
        }
      }
    };
    const perTeacherDay = (target: number | null, f: (teacher: number, d: number, s: ReturnType<Evaluator['dayStats']>) => void) => {
      for (const teacher of this.teachersOf(target)) for (let d = 0; d < this.D; d++) f(teacher, d, this.dayStats(this.teacherWeek[teacher]!, d, this.teacherNA[teacher]));
    };
    const perAtomDay = (target: number | null, f: (atom: number, d: number, s: ReturnType<Evaluator['dayStats']>) => void) => {
      for (const atom of this.atomsOfTarget(target)) for (let d = 0; d < this.D; d++) f(atom, d, this.dayStats(this.atomWeek.get(atom)!, d, this.atomNA.get(atom)));
    };
    const teacherName = (i: number) => `Учитель ${problem.teachers[i]!.name}`;
    const setName = (i: number) => `Ученики ${problem.studentsSets[i]!.name}`;
    const dayName = (d: number) => problem.days[d]!;
    const teacherActs = (teacher: number) => this.activeIdx.filter((i) => this.placed[i] && problem.activities[i]!.teachers.includes(teacher));
    const atomActs = (atoms: Set<number>) => this.activeIdx.filter((i) => this.placed[i] && this.atomsOf[i]!.some((a) => atoms.has(a)));

    switch (c.kind) {
      case 'basicTime':
      case 'basicSpace':
        return; // checked by basic() whatever the list says
      case 'breakTimes': {
        const br = inSlots(c.slots);
        for (const i of placedActive(this.activeIdx)) {
          const n = this.slotsOf(i).filter((s) => br.has(s)).length;
          add(n, `${this.act(i)}: стоит в перерыв`, [i]);
        }
        return;
      }
      case 'teacherNotAvailable':
        return notAvailable(teacherName(c.teacher), teacherActs(c.teacher), c.slots);
      case 'studentsNotAvailable':
        return notAvailable(setName(c.students), atomActs(new Set(finestSetsOf(problem, c.students))), c.slots);
      case 'roomNotAvailable':
        return notAvailable(`Кабинет ${problem.rooms[c.room]!.name}`, placedActive(this.activeIdx).filter((i) => t.room[i] === c.room), c.slots);
      case 'minDaysBetweenActivities':
        for (const [a, b] of pairsOf(placedActive(c.activities))) {
          const dist = Math.abs(t.day[a]! - t.day[b]!);
          if (dist >= c.minDays) continue;
          let amount = c.minDays - dist;
          let note = '';
          if (dist === 0 && c.consecutiveIfSameDay) {
            const [x, y] = t.period[a]! <= t.period[b]! ? [a, b] : [b, a];
            if (t.period[x]! + problem.activities[x]!.duration !== t.period[y]!) {
              amount += 1;
              note = ', в один день и не подряд';
            }
          }
          add(amount, `${this.act(a)} и ${this.act(b)}: между ними ${dist} дн., нужно не меньше ${c.minDays}${note}`, [a, b]);
        }
        return;
      case 'activityPreferredStartingTime':
        if (this.placed[c.activity] && (t.day[c.activity] !== c.slot.day || t.period[c.activity] !== c.slot.period)) {
          add(1, `${this.act(c.activity)}: должна начинаться ${this.slot(c.slot.day, c.slot.period)}`, [c.activity]);
        }
        return;
      case 'activityPreferredStartingTimes': {
        const ok = inSlots(c.slots);
        if (this.placed[c.activity] && !ok.has(t.day[c.activity]! * P + t.period[c.activity]!)) add(1, `${this.act(c.activity)}: начинается не в одно из разрешённых времён`, [c.activity]);
        return;
      }
      case 'activityPreferredTimeSlots': {
        const ok = inSlots(c.slots);
        if (this.placed[c.activity] && this.slotsOf(c.activity).some((s) => !ok.has(s))) add(1, `${this.act(c.activity)}: выходит за разрешённые часы`, [c.activity]);
        return;
      }
      case 'activitiesPreferredTimeSlots': {
        const ok = inSlots(c.slots);
        for (const i of placedActive(this.activeIdx)) {
          if (this.matches(c, i) && this.slotsOf(i).some((s) => !ok.has(s))) add(1, `${this.act(i)}: выходит за разрешённые часы`, [i]);
        }
        return;
      }
      case 'activitiesPreferredStartingTimes': {
        const ok = inSlots(c.slots);
        for (const i of placedActive(this.activeIdx)) {
          if (this.matches(c, i) && !ok.has(t.day[i]! * P + t.period[i]!)) add(1, `${this.act(i)}: начинается не в одно из разрешённых времён`, [i]);
        }
        return;
      }
      case 'twoActivitiesConsecutive': {
        const [f, g] = [c.first, c.second];
        if (!this.placed[f] || !this.placed[g]) return;
        // As FET counts it: break periods between the two do not separate them.
        let p = t.period[f]! + problem.activities[f]!.duration;
        while (t.day[f] === t.day[g] && p < t.period[g]! && this.breaks[t.day[f]! * this.P + p]) p++;
        if (t.day[f] !== t.day[g] || t.period[g] !== p) add(1, `${this.act(g)} должна идти сразу после ${this.act(f)}`, [f, g]);
        return;
      }
      case 'activityTagPreferredRooms':
        for (const i of placedActive(this.activeIdx)) {
          if (problem.activities[i]!.tags.includes(c.tag) && !c.rooms.includes(t.room[i]!)) add(1, `${this.act(i)}: не в кабинете ${c.rooms.map((r) => problem.rooms[r]!.name).join(' / ')}`, [i]);
        }
        return;
      case 'activitiesSameStartingTime':
        return pairs(c.activities, (a, b) => (t.day[a] !== t.day[b] || t.period[a] !== t.period[b] ? 1 : 0), 'должны начинаться одновременно');
      case 'activitiesSameStartingDay':
        return pairs(c.activities, (a, b) => (t.day[a] !== t.day[b] ? 1 : 0), 'должны быть в один день');
      case 'activitiesNotOverlapping':
        return pairs(
          c.activities,
          (a, b) => {
            if (t.day[a] !== t.day[b]) return 0;
            const lo = Math.max(t.period[a]!, t.period[b]!);
            const hi = Math.min(t.period[a]! + problem.activities[a]!.duration, t.period[b]! + problem.activities[b]!.duration);
            return hi > lo ? 1 : 0;
          },
          'не должны пересекаться',
        );
      case 'studentsMaxGapsPerWeek':
        for (const atom of this.atomsOfTarget(c.students)) {
          let gaps = 0;
          for (let d = 0; d < this.D; d++) gaps += this.dayStats(this.atomWeek.get(atom)!, d, this.atomNA.get(atom)).gaps;
          add(gaps - c.maxGaps, `${setName(atom)}: ${gaps} окон в неделю, можно ${c.maxGaps}`, []);
        }
        return;
      case 'studentsMaxGapsPerDay':
        return perAtomDay(c.students, (atom, d, s) => add(s.gaps - c.maxGaps, `${setName(atom)}: ${s.gaps} окон (${dayName(d)}), можно ${c.maxGaps}`, []));
      case 'studentsMinHoursDaily':
        return perAtomDay(c.students, (atom, d, s) => {
          if (s.hours === 0 && c.allowEmptyDays) return;
          add(c.minHours - s.hours, `${setName(atom)}: ${s.hours} ур. (${dayName(d)}), нужно не меньше ${c.minHours}`, []);
        });
      case 'studentsMaxHoursDaily':
        return perAtomDay(c.students, (atom, d, s) => add(s.hours - c.maxHours, `${setName(atom)}: ${s.hours} ур. (${dayName(d)}), можно ${c.maxHours}`, []));
      case 'studentsEarlyMaxBeginningsAtSecondHour':
        for (const atom of this.atomsOfTarget(c.students)) {
          let second = 0;
          for (let d = 0; d < this.D; d++) {
            const s = this.dayStats(this.atomWeek.get(atom)!, d, this.atomNA.get(atom));
            if (s.hours === 0) continue;
            if (s.lead === 1) second++;
            if (s.lead > 1) add(1, `${setName(atom)}: начинают не с первого и не со второго урока (${dayName(d)})`, []);
          }
          add(second - c.maxBeginnings, `${setName(atom)}: ${second} дн. начинают со второго урока, можно ${c.maxBeginnings}`, []);
        }
        return;
      case 'teachersMaxGapsPerWeek':
        for (const teacher of this.teachersOf(c.teacher)) {
          let gaps = 0;
          for (let d = 0; d < this.D; d++) gaps += this.dayStats(this.teacherWeek[teacher]!, d, this.teacherNA[teacher]).gaps;
          add(gaps - c.maxGaps, `${teacherName(teacher)}: ${gaps} окон в неделю, можно ${c.maxGaps}`, []);
        }
        return;
      case 'teachersMaxGapsPerDay':
        return perTeacherDay(c.teacher, (teacher, d, s) => add(s.gaps - c.maxGaps, `${teacherName(teacher)}: ${s.gaps} окон (${dayName(d)}), можно ${c.maxGaps}`, []));
      case 'teachersMinHoursDaily':
        return perTeacherDay(c.teacher, (teacher, d, s) => {
          if (s.hours === 0 && c.allowEmptyDays) return;
          add(c.minHours - s.hours, `${teacherName(teacher)}: ${s.hours} ур. (${dayName(d)}), нужно не меньше ${c.minHours}`, []);
        });
      case 'teachersMaxHoursDaily':
        if (c.tag) {
          const tag = c.tag;
          return perTeacherDay(c.teacher, (teacher, d) => {
            const hours = this.taggedPeriods(teacher, d, tag).filter(Boolean).length;
            add(hours - c.maxHours, `${teacherName(teacher)}: ${hours} ур. «${tag}» (${dayName(d)}), можно ${c.maxHours}`, []);
          });
        }
        return perTeacherDay(c.teacher, (teacher, d, s) => add(s.hours - c.maxHours, `${teacherName(teacher)}: ${s.hours} ур. (${dayName(d)}), можно ${c.maxHours}`, []));
      case 'teachersMaxDaysPerWeek':
        for (const teacher of this.teachersOf(c.teacher)) {
          let days = 0;
          for (let d = 0; d < this.D; d++) if (this.teacherWeek[teacher]![d]!.some((p) => p.length > 0)) days++;
          add(days - c.maxDays, `${teacherName(teacher)}: ${days} рабочих дн., можно ${c.maxDays}`, []);
        }
        return;
      case 'teachersMaxHoursContinuously':
        return perTeacherDay(c.teacher, (teacher, d) => {
          const busy = c.tag ? this.taggedPeriods(teacher, d, c.tag) : this.teacherWeek[teacher]![d]!.map((l) => l.length > 0);
          let run = 0;
          let excess = 0;
          for (let p = 0; p <= this.P; p++) {
            if (p < this.P && busy[p]) run++;
            else {
              if (run > c.maxHours) excess += run - c.maxHours;
              run = 0;
            }
          }
          add(excess, `${teacherName(teacher)}: больше ${c.maxHours} уроков${c.tag ? ` «${c.tag}»` : ''} подряд (${dayName(d)})`, []);
        });
      case 'activitiesEndStudentsDay':
        for (const i of endsDayActivities(problem, c)) {
          if (!this.placed[i]) continue;
          const d = t.day[i]!;
          const end = t.period[i]! + problem.activities[i]!.duration;
          for (const atom of this.atomsOf[i]!) {
            const w = this.atomWeek.get(atom)![d]!;
            let after = 0;
            for (let p = end; p < this.P; p++) if (w[p]!.length > 0) after++;
            add(after, `${this.act(i)}: у ${problem.studentsSets[atom]!.name} после него ещё уроков: ${after} (${dayName(d)})`, [i]);
          }
        }
        return;
      case 'teacherHomeRoom':
        for (const i of placedActive(this.activeIdx)) {
          const a = problem.activities[i]!;
          if (a.teachers.length !== 1 || a.teachers[0] !== c.teacher || roomRuled(problem, i)) continue;
          if (t.room[i] !== c.room) add(1, `${this.act(i)}: не в кабинете учителя ${problem.rooms[c.room]!.name}`, [i]);
        }
        return;
      case 'subjectActivityTagPreferredRooms':
        for (const i of placedActive(this.activeIdx)) {
          const a = problem.activities[i]!;
          if (a.subject === c.subject && a.tags.includes(c.tag) && !c.rooms.includes(t.room[i]!)) add(1, `${this.act(i)}: не в кабинете ${c.rooms.map((r) => problem.rooms[r]!.name).join(' / ')}`, [i]);
        }
        return;
      case 'subjectPreferredRooms':
        for (const i of placedActive(this.activeIdx)) {
          if (problem.activities[i]!.subject === c.subject && !c.rooms.includes(t.room[i]!)) add(1, `${this.act(i)}: не в кабинете ${c.rooms.map((r) => problem.rooms[r]!.name).join(' / ')}`, [i]);
        }
        return;
      case 'activityPreferredRooms':
        if (this.placed[c.activity] && !c.rooms.includes(t.room[c.activity]!)) add(1, `${this.act(c.activity)}: не в кабинете ${c.rooms.map((r) => problem.rooms[r]!.name).join(' / ')}`, [c.activity]);
        return;
      case 'studentsDifficultyProfile': {
        // Days 1 and 2 are Tuesday and Wednesday; 0 and 4 Monday and Friday (model.ts).
        if (this.D < 3) return;
        for (const atom of this.atomsOfTarget(c.students)) {
          const w = this.atomWeek.get(atom)!;
          const sums = Array.from({ length: this.D }, (_, d) => {
            let sum = 0;
            for (const cell of w[d]!) for (const i of cell) sum += c.scores[problem.activities[i]!.subject] ?? 0;
            return sum;
          });
          const top = Math.max(sums[1]!, sums[2]!);
          const low = Math.min(sums[1]!, sums[2]!);
          for (let d = 0; d < this.D; d++) {
            if (d === 1 || d === 2) continue;
            const above = Math.max(0, sums[d]! - top);
            const notLighter = d === 0 || d === 4 ? Math.max(0, sums[d]! - low) : 0;
            const vs = `${sums[d]!} против ${dayName(1)} ${sums[1]!}, ${dayName(2)} ${sums[2]!}`;
            if (above > 0) add(above + notLighter, `${setName(atom)}: ${dayName(d)} труднее вторника и среды по шкале СанПиН: ${vs}`, this.lessonsOfDay(w, d));
            else add(notLighter, `${setName(atom)}: ${dayName(d)} не легче вторника и среды по шкале СанПиН: ${vs}`, this.lessonsOfDay(w, d));
          }
        }
        return;
      }
      case 'studentsHardSubjectsNotFirstLast': {
        const hardSubjects = new Set(c.subjects);
        for (const atom of this.atomsOfTarget(c.students)) {
          const w = this.atomWeek.get(atom)!;
          for (let d = 0; d < this.D; d++) {
            const day = this.lessonsOfDay(w, d);
            if (day.length === 0) continue;
            const first = Math.min(...day.map((i) => t.period[i]!));
            const last = Math.max(...day.map((i) => t.period[i]! + problem.activities[i]!.duration - 1));
            for (const i of day) {
              const a = problem.activities[i]!;
              if (!hardSubjects.has(a.subject)) continue;
              const isFirst = t.period[i] === first;
              const isLast = t.period[i]! + a.duration - 1 === last;
              if (!isFirst && !isLast) continue;
              const where = isFirst && isLast ? 'единственным уроком дня' : isFirst ? 'первым уроком' : 'последним уроком';
              add(1, `${setName(atom)}: трудный предмет ${problem.subjects[a.subject]!.name} ${where} (${this.slot(d, t.period[i]!)})`, [i]);
            }
          }
        }
        return;
      }
      case 'studentsBalancedDays':
        for (const atom of this.atomsOfTarget(c.students)) {
          const w = this.atomWeek.get(atom)!;
          const hours = Array.from({ length: this.D }, (_, d) => w[d]!.filter((cell) => cell.length > 0).length);
          const days = hours.flatMap((h, d) => (h > 0 ? [d] : []));
          if (days.length === 0) continue;
          const min = days.reduce((a, d) => (hours[d]! < hours[a]! ? d : a));
          const max = days.reduce((a, d) => (hours[d]! > hours[a]! ? d : a));
          const hMin = hours[min]!;
          const hMax = hours[max]!;
          add(hMax - hMin - 1, `${setName(atom)}: уроков по дням от ${hMin} (${dayName(min)}) до ${hMax} (${dayName(max)}), разница больше одного`, []);
        }
        return;
      case 'teachersRoomChanges':
        for (const teacher of this.teachersOf(c.teacher)) {
          for (let d = 0; d < this.D; d++) {
            const rooms = this.lessonsOfDay(this.teacherWeek[teacher]!, d).map((i) => t.room[i]!).filter((r) => r >= 0 && r < problem.rooms.length);
            let changes = 0;
            for (let k = 1; k < rooms.length; k++) if (rooms[k] !== rooms[k - 1]) changes++;
            if (changes > 0) add(changes, `${teacherName(teacher)}: переходов между кабинетами ${changes} (${dayName(d)}: ${rooms.map((r) => problem.rooms[r]!.name).join(' → ')})`, this.lessonsOfDay(this.teacherWeek[teacher]!, d));
          }
        }
        return;
    }
  }
}

/** The activities an end-of-day rule speaks of: its list, or those its filter matches. */
export function endsDayActivities(problem: Problem, c: Extract<Constraint, { kind: 'activitiesEndStudentsDay' }>): number[] {
  if (c.activities !== null) return c.activities.filter((i) => problem.activities[i]!.active);
  return problem.activities.flatMap((a, i) => (a.active && matchesFilter(a, c.filter) ? [i] : []));
}

const ruledCache = new WeakMap<Problem, Set<number>>();
/** Activities some room rule other than a teacher's home room speaks of (the home room yields to them). */
export function roomRuled(problem: Problem, activity: number): boolean {
  let set = ruledCache.get(problem);
  if (!set) {
    set = new Set<number>();
    for (const c of problem.constraints) {
      if (c.kind === 'activityPreferredRooms') set.add(c.activity);
      problem.activities.forEach((a, i) => {
        if (c.kind === 'subjectPreferredRooms' && a.subject === c.subject) set!.add(i);
        if (c.kind === 'activityTagPreferredRooms' && a.tags.includes(c.tag)) set!.add(i);
        if (c.kind === 'subjectActivityTagPreferredRooms' && a.subject === c.subject && a.tags.includes(c.tag)) set!.add(i);
      });
    }
    ruledCache.set(problem, set);
  }
  return set.has(activity);
}

function pairsOf(list: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) out.push([list[x]!, list[y]!]);
  return out;
}

/** Evaluate a timetable of a problem. Pure; the timetable is not changed. */
export function evaluate(problem: Problem, timetable: Timetable): Evaluation {
  const e = new Evaluator(problem, timetable);
  e.basic();
  problem.constraints.forEach((_, i) => e.constraint(i));
  const hard = e.violations.filter((v) => v.weight >= 100);
  const soft = e.violations.filter((v) => v.weight < 100);
  const scores = new Map<string, ConstraintScore>();
  for (const v of e.violations) {
    const key = v.constraint >= 0 ? `c${v.constraint}` : v.kind;
    let s = scores.get(key);
    if (!s) scores.set(key, (s = { constraint: v.constraint, kind: v.kind, weight: v.weight, meaning: MEANING[v.kind], amount: 0, penalty: 0 }));
    s.amount += v.amount;
    if (v.weight < 100) s.penalty += (v.weight / 100) * v.amount;
  }
  const softPenalty = soft.reduce((sum, v) => sum + (v.weight / 100) * v.amount, 0);
  return { hard, soft, softPenalty, byConstraint: [...scores.values()] };
}

// The search's state: a timetable with every cost kept up to date as activities move, so that a
// move is judged in microseconds. It mirrors evaluate.ts (same amounts, same weights), which stays
// the judge of the result; the engine only has to agree with it on what is better.
//
// Layout: slots are day × period flattened (s = d·P + p). Entities are teachers, then the finest
// students sets ("atoms"), then rooms; each has an occupancy count per slot. Teachers and atoms
// also have a bit mask of occupied periods per day, from which gaps, hours, late starts and days
// follow. Constraints are compiled into three families:
// - static: what depends only on an activity's own start (not-available, breaks, preferred times);
// - profile: what depends on one entity's week (gaps, hours a day, days a week, early starts,
//   balance, difficulty, room changes);
// - pair: what depends on two activities (min days between, same start, same day, not overlapping).
// Costs are split into hard (weight 100, counted in units) and soft (weight/100 × amount).
import { endsDayActivities, roomRuled } from './evaluate.ts';
import { activityStudents, finestSetsOf, matchesFilter, type Constraint, type Problem, type Timetable } from './model.ts';

const enum Prof {
  GapsDay,
  GapsWeek,
  MinHours,
  MaxHours,
  Early,
  MaxDays,
  Balanced,
  Difficulty,
  HardFirstLast,
  RoomChanges,
  MaxRun,
  EndsDay,
  /** Like MaxHours and MaxRun over the periods of the teacher's activities with tag index `b`. */
  TagMaxHours,
  TagMaxRun,
}

const enum Pair {
  MinDays,
  SameStart,
  SameDay,
  NotOverlap,
  Consecutive,
}

interface ProfileRule {
  kind: Prof;
  hard: boolean;
  w: number;
  a: number;
  b: number;
}

export interface PairRule {
  kind: Pair;
  hard: boolean;
  w: number;
  minDays: number;
  consecutive: boolean;
  acts: number[];
}

export const HARD_UNPLACED = 1;

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** The profile rules of an entity that has none (a room). */
const NO_RULES: ProfileRule[] = [];

export class Engine {
  readonly D: number;
  readonly P: number;
  readonly S: number;
  readonly N: number;
  readonly T: number;
  readonly A: number;
  readonly R: number;
  /** Entity count: teachers + atoms + rooms. */
  readonly E: number;

  // Activities.
  readonly active: Uint8Array;
  readonly dur: Int32Array;
  /** Entities (teachers and atoms) each activity occupies, as entity ids. */
  readonly ents: Int32Array[];
  readonly subject: Int32Array;
  /** Starts an activity may take (hard-static-free when possible). */
  readonly starts: Int32Array[];
  /** Per activity × start slot: static hard amount and soft penalty. */
  readonly stHard: Int32Array;
  readonly stSoft: Float64Array;
  /** Candidate rooms per activity (empty: needs no room) and their static costs. */
  readonly roomCands: Int32Array[];
  readonly roomHard: Int32Array[];
  readonly roomSoft: Float64Array[];
  readonly roomNAHard: Int32Array; // room × slot
  readonly roomNASoft: Float64Array;
  /** Pair rules touching each activity. */
  readonly pairsOf: Int32Array[];
  readonly pairRules: PairRule[];
  /** Activities of each teacher/atom entity. */
  readonly actsOf: Int32Array[];
  /** Activities fixed in place (pins, a single allowed start). */
  readonly fixed: Uint8Array;
  /** Hard same-start blocks: block id per activity, members per block. */
  readonly blockOf: Int32Array;
  readonly blocks: Int32Array[];

  // Entities.
  readonly occ: Int32Array; // entity × slot
  /** The last lesson placed on a teacher/atom slot (−1 when it left): exact when occ is 1. */
  readonly who: Int32Array;
  private readonly one = new Int32Array(1);
  readonly mask: Int32Array; // (teacher|atom) × day
  readonly brk: Uint8Array; // slot → a break period
  /** Tags that limit teachers' hours: how many there are, each activity's, and per (teacher, tag) slot counts and day masks. */
  readonly K: number;
  readonly actTags: Int32Array[];
  readonly tagOcc: Int32Array; // (teacher × tag) × slot
  readonly tagMask: Int32Array; // (teacher × tag) × day
  readonly excused: Int32Array; // (teacher|atom) × day
  readonly rules: ProfileRule[][]; // per teacher|atom entity
  readonly entHard: Int32Array;
  readonly entSoft: Float64Array;
  readonly clash: Int32Array; // per entity: Σ max(0, count − 1)
  /** Difficulty: per atom the scores by subject (or null) and its per-day sums. */
  readonly diffScores: (Float64Array | null)[];
  readonly diffSum: Float64Array; // atom × day
  /** Hard subjects first/last: per atom the subject flags and the per-slot count of such lessons. */
  readonly hardSubj: (Uint8Array | null)[];
  readonly hardCnt: Int32Array; // atom × slot
  /** Room per teacher slot, for room changes. */
  readonly tRoom: Int32Array;
  readonly needsRoomTrack: boolean;

  // Placement.
  readonly day: Int32Array;
  readonly period: Int32Array;
  readonly room: Int32Array;

  // Totals. Entity costs are recounted lazily: place/unplace only mark the entities they touch, and
  // reading a total (or the bad set) recounts them first, so a move of several lessons recounts each
  // entity once.
  private _hard = 0;
  private _soft = 0;
  /** The hard amount with each entity's and pair rule's weight (see bumpWeights). */
  private _whard = 0;
  unplaced = 0;
  readonly pairHard: Int32Array;
  readonly pairSoft: Float64Array;
  /** Breakout weights of entities and pair rules (1 until bumpWeights). */
  readonly entW: Float64Array;
  readonly pairW: Float64Array;

  /** Entities with hard cost > 0, as an indexed set. */
  readonly badList: Int32Array;
  readonly badPos: Int32Array;
  private _badCount = 0;
  /** Hard pair rules broken now, as an indexed set. */
  readonly badPairList: Int32Array;
  readonly badPairPos: Int32Array;
  badPairCount = 0;
  /** Soft pair rules broken now. */
  readonly softPairList: Int32Array;
  readonly softPairPos: Int32Array;
  softPairCount = 0;

  constructor(readonly problem: Problem) {
    const D = (this.D = problem.days.length);
    const P = (this.P = problem.periods.length);
    const S = (this.S = D * P);
    const N = (this.N = problem.activities.length);
    const T = (this.T = problem.teachers.length);
    const atomIds = new Map<number, number>();
    problem.studentsSets.forEach((s, i) => {
      if (s.children.length === 0) atomIds.set(i, atomIds.size);
    });
    const A = (this.A = atomIds.size);
    const R = (this.R = problem.rooms.length);
    const E = (this.E = T + A + R);
    const atomCache = new Map<number, number[]>();
    const atomsOfSet = (set: number): number[] => {
      let r = atomCache.get(set);
      if (!r) atomCache.set(set, (r = finestSetsOf(problem, set).map((x) => T + atomIds.get(x)!)));
      return r;
    };
    const allAtoms = [...atomIds.values()].map((x) => T + x);
    const atomsOfTarget = (t: number | null) => (t === null ? allAtoms : atomsOfSet(t));
    const teachersOf = (t: number | null) => (t === null ? problem.teachers.map((_, i) => i) : [t]);

    this.active = new Uint8Array(N);
    this.dur = new Int32Array(N);
    this.subject = new Int32Array(N);
    this.ents = [];
    const actsOf: number[][] = Array.from({ length: T + A }, () => []);
    problem.activities.forEach((a, i) => {
      this.active[i] = a.active ? 1 : 0;
      this.dur[i] = a.duration;
      this.subject[i] = a.subject;
      const set = new Set<number>(a.teachers);
      for (const s of a.studentsSets) for (const x of atomsOfSet(s)) set.add(x);
      const list = [...set].sort((x, y) => x - y);
      this.ents.push(Int32Array.from(list));
      if (a.active) for (const e of list) actsOf[e]!.push(i);
    });
    this.actsOf = actsOf.map((l) => Int32Array.from(l));
    // Tags that limit teachers' hours (FET's ActivityTag variants): each activity's tracked tags.
    const tagIndex = new Map<string, number>();
    for (const c of problem.constraints) {
      if ((c.kind === 'teachersMaxHoursDaily' || c.kind === 'teachersMaxHoursContinuously') && c.tag && !tagIndex.has(c.tag)) tagIndex.set(c.tag, tagIndex.size);
    }
    const K = (this.K = tagIndex.size);
    this.actTags = problem.activities.map((a) => Int32Array.from(a.tags.flatMap((g) => (tagIndex.has(g) ? [tagIndex.get(g)!] : []))));
    this.tagOcc = new Int32Array(T * K * S);
    this.tagMask = new Int32Array(T * K * D);

    // Break periods (of any break-times rule): two lessons around one still follow each other.
    this.brk = new Uint8Array(S);
    for (const c of problem.constraints) if (c.kind === 'breakTimes') for (const x of c.slots) this.brk[x.day * P + x.period] = 1;

    // Static start costs.
    this.stHard = new Int32Array(N * S);
    this.stSoft = new Float64Array(N * S);
    const excusedSlots: Uint8Array[] = Array.from({ length: T + A }, () => new Uint8Array(S));
    const addStatic = (act: number, w: number, f: (s: number) => number) => {
      const d = this.dur[act]!;
      for (let day = 0; day < D; day++) {
        for (let p = 0; p + d <= P; p++) {
          const s = day * P + p;
          const amount = f(s);
          if (amount === 0) continue;
          if (w >= 100) this.stHard[act * S + s]! += amount;
          else this.stSoft[act * S + s]! += (w / 100) * amount;
        }
      }
    };
    const slotSet = (slots: { day: number; period: number }[]) => {
      const m = new Uint8Array(S);
      for (const x of slots) if (x.day < D && x.period < P) m[x.day * P + x.period] = 1;
      return m;
    };
    const countIn = (act: number, m: Uint8Array) => (s: number) => {
      let n = 0;
      for (let k = 0; k < this.dur[act]!; k++) n += m[s + k]!;
      return n;
    };
    const anyOut = (act: number, m: Uint8Array) => (s: number) => {
      for (let k = 0; k < this.dur[act]!; k++) if (!m[s + k]) return 1;
      return 0;
    };
    const activeActs = problem.activities.flatMap((a, i) => (a.active ? [i] : []));
    const pairRules: PairRule[] = [];
    const rulesOf: ProfileRule[][] = Array.from({ length: T + A }, () => []);
    this.roomNAHard = new Int32Array(R * S);
    this.roomNASoft = new Float64Array(R * S);
    const roomPref: { acts: Set<number> | null; subject: number; rooms: Set<number>; w: number }[] = [];
    const sameStartHard: number[][] = [];
    this.diffScores = new Array<Float64Array | null>(A).fill(null);
    this.hardSubj = new Array<Uint8Array | null>(A).fill(null);
    let needsRoomTrack = false;
    const hardOf = (w: number) => w >= 100;

    for (const c of problem.constraints as Constraint[]) {
      const w = c.weight;
      if (w <= 0) continue;
      switch (c.kind) {
        case 'basicTime':
        case 'basicSpace':
          break;
        case 'breakTimes': {
          const m = slotSet(c.slots);
          for (const i of activeActs) addStatic(i, w, countIn(i, m));
          for (const e of excusedSlots) for (let s = 0; s < S; s++) if (m[s]) e[s] = 1;
          break;
        }
        case 'teacherNotAvailable': {
          const m = slotSet(c.slots);
          for (const i of actsOf[c.teacher] ?? []) addStatic(i, w, countIn(i, m));
          for (let s = 0; s < S; s++) if (m[s]) excusedSlots[c.teacher]![s] = 1;
          break;
        }
        case 'studentsNotAvailable': {
          const m = slotSet(c.slots);
          const atoms = new Set(atomsOfSet(c.students));
          for (const i of activeActs) if (this.ents[i]!.some((e) => atoms.has(e))) addStatic(i, w, countIn(i, m));
          for (const x of atoms) for (let s = 0; s < S; s++) if (m[s]) excusedSlots[x]![s] = 1;
          break;
        }
        case 'roomNotAvailable': {
          const m = slotSet(c.slots);
          for (let s = 0; s < S; s++) {
            if (!m[s]) continue;
            if (hardOf(w)) this.roomNAHard[c.room * S + s]! += 1;
            else this.roomNASoft[c.room * S + s]! += w / 100;
          }
          break;
        }
        case 'activityPreferredStartingTime': {
          if (!this.active[c.activity]) break;
          const target = c.slot.day * P + c.slot.period;
          addStatic(c.activity, w, (s) => (s === target ? 0 : 1));
          break;
        }
        case 'activityPreferredStartingTimes': {
          if (!this.active[c.activity]) break;
          const m = slotSet(c.slots);
          addStatic(c.activity, w, (s) => (m[s] ? 0 : 1));
          break;
        }
        case 'activityPreferredTimeSlots': {
          if (!this.active[c.activity]) break;
          const m = slotSet(c.slots);
          addStatic(c.activity, w, anyOut(c.activity, m));
          break;
        }
        case 'activitiesPreferredTimeSlots': {
          const m = slotSet(c.slots);
          for (const i of activeActs) if (matchesFilter(problem.activities[i]!, c.filter)) addStatic(i, w, anyOut(i, m));
          break;
        }
        case 'activitiesPreferredStartingTimes': {
          const m = slotSet(c.slots);
          for (const i of activeActs) if (matchesFilter(problem.activities[i]!, c.filter)) addStatic(i, w, (s) => (m[s] ? 0 : 1));
          break;
        }
        case 'twoActivitiesConsecutive':
          if (this.active[c.first] && this.active[c.second]) {
            pairRules.push({ kind: Pair.Consecutive, hard: hardOf(w), w, minDays: 0, consecutive: false, acts: [c.first, c.second] });
          }
          break;
        case 'activityTagPreferredRooms': {
          const acts = new Set(activeActs.filter((i) => problem.activities[i]!.tags.includes(c.tag)));
          if (acts.size > 0) roomPref.push({ acts, subject: -1, rooms: new Set(c.rooms), w });
          break;
        }
        case 'minDaysBetweenActivities':
          pairRules.push({ kind: Pair.MinDays, hard: hardOf(w), w, minDays: c.minDays, consecutive: c.consecutiveIfSameDay, acts: c.activities.filter((i) => this.active[i]) });
          break;
        case 'activitiesSameStartingTime': {
          const acts = c.activities.filter((i) => this.active[i]);
          if (hardOf(w)) sameStartHard.push(acts);
          else pairRules.push({ kind: Pair.SameStart, hard: false, w, minDays: 0, consecutive: false, acts });
          break;
        }
        case 'activitiesSameStartingDay':
          pairRules.push({ kind: Pair.SameDay, hard: hardOf(w), w, minDays: 0, consecutive: false, acts: c.activities.filter((i) => this.active[i]) });
          break;
        case 'activitiesNotOverlapping':
          pairRules.push({ kind: Pair.NotOverlap, hard: hardOf(w), w, minDays: 0, consecutive: false, acts: c.activities.filter((i) => this.active[i]) });
          break;
        case 'studentsMaxGapsPerWeek':
          for (const x of atomsOfTarget(c.students)) rulesOf[x]!.push({ kind: Prof.GapsWeek, hard: hardOf(w), w, a: c.maxGaps, b: 0 });
          break;
        case 'studentsMaxGapsPerDay':
          for (const x of atomsOfTarget(c.students)) rulesOf[x]!.push({ kind: Prof.GapsDay, hard: hardOf(w), w, a: c.maxGaps, b: 0 });
          break;
        case 'studentsMinHoursDaily':
          for (const x of atomsOfTarget(c.students)) rulesOf[x]!.push({ kind: Prof.MinHours, hard: hardOf(w), w, a: c.minHours, b: c.allowEmptyDays ? 1 : 0 });
          break;
        case 'studentsMaxHoursDaily':
          for (const x of atomsOfTarget(c.students)) rulesOf[x]!.push({ kind: Prof.MaxHours, hard: hardOf(w), w, a: c.maxHours, b: 0 });
          break;
        case 'studentsEarlyMaxBeginningsAtSecondHour':
          for (const x of atomsOfTarget(c.students)) rulesOf[x]!.push({ kind: Prof.Early, hard: hardOf(w), w, a: c.maxBeginnings, b: 0 });
          break;
        case 'teachersMaxGapsPerWeek':
          for (const x of teachersOf(c.teacher)) rulesOf[x]!.push({ kind: Prof.GapsWeek, hard: hardOf(w), w, a: c.maxGaps, b: 0 });
          break;
        case 'teachersMaxGapsPerDay':
          for (const x of teachersOf(c.teacher)) rulesOf[x]!.push({ kind: Prof.GapsDay, hard: hardOf(w), w, a: c.maxGaps, b: 0 });
          break;
        case 'teachersMinHoursDaily':
          for (const x of teachersOf(c.teacher)) rulesOf[x]!.push({ kind: Prof.MinHours, hard: hardOf(w), w, a: c.minHours, b: c.allowEmptyDays ? 1 : 0 });
          break;
        case 'teachersMaxHoursDaily':
          for (const x of teachersOf(c.teacher)) {
            if (c.tag) rulesOf[x]!.push({ kind: Prof.TagMaxHours, hard: hardOf(w), w, a: c.maxHours, b: tagIndex.get(c.tag)! });
            else rulesOf[x]!.push({ kind: Prof.MaxHours, hard: hardOf(w), w, a: c.maxHours, b: 0 });
          }
          break;
        case 'teachersMaxDaysPerWeek':
          for (const x of teachersOf(c.teacher)) rulesOf[x]!.push({ kind: Prof.MaxDays, hard: hardOf(w), w, a: c.maxDays, b: 0 });
          break;
        case 'teachersMaxHoursContinuously':
          for (const x of teachersOf(c.teacher)) {
            if (c.tag) rulesOf[x]!.push({ kind: Prof.TagMaxRun, hard: hardOf(w), w, a: c.maxHours, b: tagIndex.get(c.tag)! });
            else rulesOf[x]!.push({ kind: Prof.MaxRun, hard: hardOf(w), w, a: c.maxHours, b: 0 });
          }
          break;
        case 'activitiesEndStudentsDay':
          for (const i of endsDayActivities(problem, c)) {
            for (const x of this.ents[i]!) if (x >= T) rulesOf[x]!.push({ kind: Prof.EndsDay, hard: hardOf(w), w, a: i, b: 0 });
          }
          break;
        case 'teacherHomeRoom': {
          const acts = new Set(activeActs.filter((i) => {
            const a = problem.activities[i]!;
            return a.teachers.length === 1 && a.teachers[0] === c.teacher && !roomRuled(problem, i);
          }));
          if (acts.size > 0) roomPref.push({ acts, subject: -1, rooms: new Set([c.room]), w });
          break;
        }
        case 'subjectActivityTagPreferredRooms': {
          const acts = new Set(activeActs.filter((i) => problem.activities[i]!.subject === c.subject && problem.activities[i]!.tags.includes(c.tag)));
          if (acts.size > 0) roomPref.push({ acts, subject: -1, rooms: new Set(c.rooms), w });
          break;
        }
        case 'subjectPreferredRooms':
          roomPref.push({ acts: null, subject: c.subject, rooms: new Set(c.rooms), w });
          break;
        case 'activityPreferredRooms':
          roomPref.push({ acts: new Set([c.activity]), subject: -1, rooms: new Set(c.rooms), w });
          break;
        case 'studentsBalancedDays':
          for (const x of atomsOfTarget(c.students)) rulesOf[x]!.push({ kind: Prof.Balanced, hard: hardOf(w), w, a: 0, b: 0 });
          break;
        case 'studentsDifficultyProfile':
          for (const x of atomsOfTarget(c.students)) {
            // One profile per atom is followed by the search (the builder makes one per class).
            if (this.diffScores[x - T]) continue;
            this.diffScores[x - T] = Float64Array.from(problem.subjects.map((_, s) => c.scores[s] ?? 0));
            rulesOf[x]!.push({ kind: Prof.Difficulty, hard: hardOf(w), w, a: 0, b: 0 });
          }
          break;
        case 'studentsHardSubjectsNotFirstLast':
          for (const x of atomsOfTarget(c.students)) {
            if (this.hardSubj[x - T]) continue;
            const flags = new Uint8Array(problem.subjects.length);
            for (const s of c.subjects) flags[s] = 1;
            this.hardSubj[x - T] = flags;
            rulesOf[x]!.push({ kind: Prof.HardFirstLast, hard: hardOf(w), w, a: 0, b: 0 });
          }
          break;
        case 'teachersRoomChanges':
          needsRoomTrack = true;
          for (const x of teachersOf(c.teacher)) rulesOf[x]!.push({ kind: Prof.RoomChanges, hard: hardOf(w), w, a: 0, b: 0 });
          break;
      }
    }
    this.needsRoomTrack = needsRoomTrack;
    this.rules = rulesOf;
    this.pairRules = pairRules;
    const pairsOf: number[][] = Array.from({ length: N }, () => []);
    pairRules.forEach((r, k) => {
      for (const i of r.acts) pairsOf[i]!.push(k);
    });
    this.pairsOf = pairsOf.map((l) => Int32Array.from(new Set(l)));
    this.pairHard = new Int32Array(pairRules.length);
    this.badPairList = new Int32Array(pairRules.length);
    this.badPairPos = new Int32Array(pairRules.length).fill(-1);
    this.softPairList = new Int32Array(pairRules.length);
    this.softPairPos = new Int32Array(pairRules.length).fill(-1);
    this.pairSoft = new Float64Array(pairRules.length);

    // Rooms: candidates are the rooms any room rule of the activity names.
    this.roomCands = [];
    this.roomHard = [];
    this.roomSoft = [];
    for (let i = 0; i < N; i++) {
      const a = problem.activities[i]!;
      const rulesHere = roomPref.filter((r) => (r.acts ? r.acts.has(i) : r.subject === a.subject));
      if (!a.active || rulesHere.length === 0) {
        this.roomCands.push(new Int32Array(0));
        this.roomHard.push(new Int32Array(0));
        this.roomSoft.push(new Float64Array(0));
        continue;
      }
      const cands = new Set<number>();
      for (const r of rulesHere) for (const x of r.rooms) cands.add(x);
      const list = [...cands].sort((x, y) => x - y);
      const students = activityStudents(problem, i);
      const h = new Int32Array(list.length);
      const sf = new Float64Array(list.length);
      list.forEach((room, k) => {
        if (students > problem.rooms[room]!.capacity) h[k]! += 1;
        for (const r of rulesHere) {
          if (r.rooms.has(room)) continue;
          if (hardOf(r.w)) h[k]! += 1;
          else sf[k]! += r.w / 100;
        }
      });
      this.roomCands.push(Int32Array.from(list));
      this.roomHard.push(h);
      this.roomSoft.push(sf);
    }

    // Hard same-start blocks (union–find).
    const parent = Int32Array.from({ length: N }, (_, i) => i);
    const find = (x: number): number => {
      while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
      return x;
    };
    for (const acts of sameStartHard) for (let k = 1; k < acts.length; k++) parent[find(acts[k]!)] = find(acts[0]!);
    const blockIds = new Map<number, number>();
    this.blockOf = new Int32Array(N).fill(-1);
    const blocks: number[][] = [];
    for (let i = 0; i < N; i++) {
      if (!this.active[i]) continue;
      const root = find(i);
      let b = blockIds.get(root);
      if (b === undefined) {
        blockIds.set(root, (b = blocks.length));
        blocks.push([]);
      }
      blocks[b]!.push(i);
      this.blockOf[i] = b;
    }
    this.blocks = blocks.map((l) => Int32Array.from(l));

    // Allowed starts: per block, the starts every member can take, without static hard cost when possible.
    this.starts = new Array<Int32Array>(N).fill(new Int32Array(0));
    for (const members of this.blocks) {
      const all: number[] = [];
      const clean: number[] = [];
      for (let d = 0; d < D; d++) {
        for (let p = 0; p < P; p++) {
          const s = d * P + p;
          let fits = true;
          let hardHere = 0;
          for (let k = 0; k < members.length; k++) {
            const i = members[k]!;
            if (p + this.dur[i]! > P) fits = false;
            else hardHere += this.stHard[i * S + s]!;
          }
          if (!fits) continue;
          all.push(s);
          if (hardHere === 0) clean.push(s);
        }
      }
      const chosen = Int32Array.from(clean.length > 0 ? clean : all);
      for (const i of members) this.starts[i] = chosen;
    }
    this.fixed = new Uint8Array(N);
    for (let i = 0; i < N; i++) if (this.active[i] && this.starts[i]!.length <= 1) this.fixed[i] = 1;

    this.occ = new Int32Array(E * S);
    this.who = new Int32Array((T + A) * S).fill(-1);
    this.mask = new Int32Array((T + A) * D);
    this.excused = new Int32Array((T + A) * D);
    for (let e = 0; e < T + A; e++) {
      for (let s = 0; s < S; s++) if (excusedSlots[e]![s]) this.excused[e * D + Math.floor(s / P)]! |= 1 << s % P;
    }
    this.entHard = new Int32Array(E);
    this.entSoft = new Float64Array(E);
    this.clash = new Int32Array(E);
    this.diffSum = new Float64Array(A * D);
    this.hardCnt = new Int32Array(A * S);
    this.tRoom = new Int32Array(T * S).fill(-1);
    this.day = new Int32Array(N).fill(-1);
    this.period = new Int32Array(N).fill(-1);
    this.room = new Int32Array(N).fill(-1);
    this.badList = new Int32Array(E);
    this.badPos = new Int32Array(E).fill(-1);
    this.dirty = new Int32Array(E);
    this.dirtyMark = new Uint8Array(E);

    // The empty timetable's costs: every active activity unplaced, profile rules on empty weeks.
    for (let i = 0; i < N; i++) if (this.active[i]) this.unplaced++;
    this._hard = this.unplaced * HARD_UNPLACED;
    this._whard = this._hard;
    this.entW = new Float64Array(E).fill(1);
    this.pairW = new Float64Array(pairRules.length).fill(1);
    for (let e = 0; e < T + A; e++) this.markDirty(e);
    this.flush();
  }


  private setEntity(e: number, h: number, sf: number): void {
    const dh = h - this.entHard[e]!;
    if (dh !== 0) {
      this._hard += dh;
      this._whard += this.entW[e]! * dh;
    }
    this._soft += sf - this.entSoft[e]!;
    this.entHard[e] = h;
    this.entSoft[e] = sf;
    const pos = this.badPos[e]!;
    if (h > 0 && pos < 0) {
      this.badPos[e] = this._badCount;
      this.badList[this._badCount++] = e;
    } else if (h === 0 && pos >= 0) {
      const last = this.badList[--this._badCount]!;
      this.badList[pos] = last;
      this.badPos[last] = pos;
      this.badPos[e] = -1;
    }
  }

  /** Hard and soft cost of the pairs (i, j) of a rule, both placed. */
  private pairAmount(r: PairRule, i: number, j: number): number {
    const di = this.day[i]!;
    const dj = this.day[j]!;
    switch (r.kind) {
      case Pair.MinDays: {
        const dist = di > dj ? di - dj : dj - di;
        if (dist >= r.minDays) return 0;
        let amount = r.minDays - dist;
        if (dist === 0 && r.consecutive) {
          const x = this.period[i]! <= this.period[j]! ? i : j;
          const y = x === i ? j : i;
          if (this.period[x]! + this.dur[x]! !== this.period[y]!) amount += 1;
        }
        return amount;
      }
      case Pair.SameStart:
        return di !== dj || this.period[i] !== this.period[j] ? 1 : 0;
      case Pair.SameDay:
        return di !== dj ? 1 : 0;
      case Pair.Consecutive: {
        // As FET counts it: break periods between the two do not separate them.
        const f = r.acts[0]!;
        const g = r.acts[1]!;
        if (this.day[f] !== this.day[g]) return 1;
        const base = this.day[f]! * this.P;
        let p = this.period[f]! + this.dur[f]!;
        while (p < this.period[g]! && this.brk[base + p]) p++;
        return p === this.period[g] ? 0 : 1;
      }
      case Pair.NotOverlap: {
        if (di !== dj) return 0;
        const lo = Math.max(this.period[i]!, this.period[j]!);
        const hi = Math.min(this.period[i]! + this.dur[i]!, this.period[j]! + this.dur[j]!);
        return hi > lo ? 1 : 0;
      }
    }
  }

  /** Add (sign +1) or remove (−1) the pair costs of activity i (which is placed). */
  private pairs(i: number, sign: number): void {
    const list = this.pairsOf[i]!;
    for (let k = 0; k < list.length; k++) {
      const r = this.pairRules[list[k]!]!;
      let amount = 0;
      const acts = r.acts;
      for (let x = 0; x < acts.length; x++) {
        const j = acts[x]!;
        if (j === i || this.day[j]! < 0) continue;
        amount += this.pairAmount(r, i, j);
      }
      if (amount === 0) continue;
      if (r.hard) {
        const id = list[k]!;
        const was = this.pairHard[id]!;
        this.pairHard[id] = was + sign * amount;
        this._hard += sign * amount;
        this._whard += this.pairW[id]! * sign * amount;
        if (was === 0 && this.pairHard[id]! > 0) {
          this.badPairPos[id] = this.badPairCount;
          this.badPairList[this.badPairCount++] = id;
        } else if (was > 0 && this.pairHard[id] === 0) {
          const pos = this.badPairPos[id]!;
          const last = this.badPairList[--this.badPairCount]!;
          this.badPairList[pos] = last;
          this.badPairPos[last] = pos;
          this.badPairPos[id] = -1;
        }
      } else {
        const id = list[k]!;
        const v = sign * (r.w / 100) * amount;
        const was = this.pairSoft[id]!;
        let now = was + v;
        if (Math.abs(now) < 1e-9) now = 0;
        this.pairSoft[id] = now;
        this._soft += v;
        if (was === 0 && now > 0) {
          this.softPairPos[id] = this.softPairCount;
          this.softPairList[this.softPairCount++] = id;
        } else if (was > 0 && now === 0) {
          const pos = this.softPairPos[id]!;
          const last = this.softPairList[--this.softPairCount]!;
          this.softPairList[pos] = last;
          this.softPairPos[last] = pos;
          this.softPairPos[id] = -1;
        }
      }
    }
  }

  private dirty = new Int32Array(0);
  private dirtyCount = 0;
  private dirtyMark = new Uint8Array(0);

  private markDirty(e: number): void {
    if (this.dirtyMark[e]) return;
    this.dirtyMark[e] = 1;
    this.dirty[this.dirtyCount++] = e;
  }

  /**
   * Recount the entities that changed since the last reading: a teacher's or class's profile rules
   * from its day masks (updating the totals and the bad set), a room's clashes. One function on
   * purpose: too big for V8 to inline at every total's getter, where in a run of a tenth of a
   * second compiling those copies cost more than they saved.
   */
  flush(): void {
    const n = this.dirtyCount;
    this.dirtyCount = 0;
    const roomBase = this.T + this.A;
    for (let de = 0; de < n; de++) {
      const e = this.dirty[de]!;
      this.dirtyMark[e] = 0;
      const rules = e < roomBase ? this.rules[e]! : NO_RULES;
      let h = this.clash[e]!;
      let sf = 0;
      if (rules.length > 0) {
        const D = this.D;
        const P = this.P;
        const base = e * D;
        for (let k = 0; k < rules.length; k++) {
          const r = rules[k]!;
          let amount = 0;
          switch (r.kind) {
            case Prof.GapsDay:
            case Prof.GapsWeek: {
              let total = 0;
              for (let d = 0; d < D; d++) {
                const m = this.mask[base + d]!;
                if (m === 0) continue;
                const first = 31 - Math.clz32(m & -m);
                const last = 31 - Math.clz32(m);
                const span = ((1 << last) - 1) & ~((1 << (first + 1)) - 1);
                const g = popcount(span & ~m & ~this.excused[base + d]!);
                if (r.kind === Prof.GapsDay) amount += g > r.a ? g - r.a : 0;
                else total += g;
              }
              if (r.kind === Prof.GapsWeek) amount = total > r.a ? total - r.a : 0;
              break;
            }
            case Prof.MinHours:
              for (let d = 0; d < D; d++) {
                const hrs = popcount(this.mask[base + d]!);
                if (hrs === 0 && r.b) continue;
                if (hrs < r.a) amount += r.a - hrs;
              }
              break;
            case Prof.MaxHours:
              for (let d = 0; d < D; d++) {
                const hrs = popcount(this.mask[base + d]!);
                if (hrs > r.a) amount += hrs - r.a;
              }
              break;
            case Prof.Early: {
              let second = 0;
              for (let d = 0; d < D; d++) {
                const m = this.mask[base + d]!;
                if (m === 0) continue;
                const first = 31 - Math.clz32(m & -m);
                const lead = popcount(((1 << first) - 1) & ~this.excused[base + d]!);
                if (lead === 1) second++;
                else if (lead > 1) amount++;
              }
              if (second > r.a) amount += second - r.a;
              break;
            }
            case Prof.MaxDays: {
              let days = 0;
              for (let d = 0; d < D; d++) if (this.mask[base + d] !== 0) days++;
              if (days > r.a) amount = days - r.a;
              break;
            }
            case Prof.EndsDay: {
              const d = this.day[r.a]!;
              if (d >= 0) amount = popcount(this.mask[base + d]! >>> (this.period[r.a]! + this.dur[r.a]!));
              break;
            }
            case Prof.TagMaxHours: {
              const tb = (e * this.K + r.b) * D;
              for (let d = 0; d < D; d++) {
                const hrs = popcount(this.tagMask[tb + d]!);
                if (hrs > r.a) amount += hrs - r.a;
              }
              break;
            }
            case Prof.TagMaxRun:
            case Prof.MaxRun:
              for (let d = 0; d < D; d++) {
                const m = r.kind === Prof.MaxRun ? this.mask[base + d]! : this.tagMask[(e * this.K + r.b) * D + d]!;
                if (m === 0) continue;
                let run = 0;
                for (let p = 0; p <= P; p++) {
                  if (p < P && (m >>> p) & 1) run++;
                  else {
                    if (run > r.a) amount += run - r.a;
                    run = 0;
                  }
                }
              }
              break;
            case Prof.Balanced: {
              let lo = 1 << 30;
              let hi = -1;
              for (let d = 0; d < D; d++) {
                const hrs = popcount(this.mask[base + d]!);
                if (hrs === 0) continue;
                if (hrs < lo) lo = hrs;
                if (hrs > hi) hi = hrs;
              }
              if (hi >= 0 && hi - lo - 1 > 0) amount = hi - lo - 1;
              break;
            }
            case Prof.Difficulty: {
              if (D < 3) break;
              const ab = (e - this.T) * D;
              const tue = this.diffSum[ab + 1]!;
              const wed = this.diffSum[ab + 2]!;
              const peak = tue > wed ? tue : wed;
              const low = tue < wed ? tue : wed;
              let x = 0;
              for (let d = 0; d < D; d++) {
                if (d === 1 || d === 2) continue;
                const v = this.diffSum[ab + d]!;
                if (v > peak) x += v - peak;
              }
              const mon = this.diffSum[ab]!;
              if (mon > low) x += mon - low;
              if (D > 4) {
                const fri = this.diffSum[ab + 4]!;
                if (fri > low) x += fri - low;
              }
              amount = x;
              break;
            }
            case Prof.HardFirstLast: {
              const as = (e - this.T) * this.S;
              for (let d = 0; d < D; d++) {
                const m = this.mask[base + d]!;
                if (m === 0) continue;
                const first = 31 - Math.clz32(m & -m);
                const last = 31 - Math.clz32(m);
                if (this.hardCnt[as + d * P + first]! > 0) amount++;
                if (last !== first && this.hardCnt[as + d * P + last]! > 0) amount++;
              }
              break;
            }
            case Prof.RoomChanges: {
              const ts = e * this.S;
              for (let d = 0; d < D; d++) {
                if (this.mask[base + d] === 0) continue;
                let prev = -1;
                for (let p = 0; p < P; p++) {
                  const rm = this.tRoom[ts + d * P + p]!;
                  if (rm < 0) continue;
                  if (prev >= 0 && rm !== prev) amount++;
                  prev = rm;
                }
              }
              break;
            }
          }
          if (amount > 0) {
            if (r.hard) h += amount;
            else sf += (r.w / 100) * amount;
          }
        }
      }
      this.setEntity(e, h, sf);
    }
  }

  /** Hard violations (units), the soft penalty, and the hard amount weighted as bumpWeights left it. */
  get hard(): number {
    if (this.dirtyCount > 0) this.flush();
    return this._hard;
  }

  get soft(): number {
    if (this.dirtyCount > 0) this.flush();
    return this._soft;
  }

  get weightedHard(): number {
    if (this.dirtyCount > 0) this.flush();
    return this._whard;
  }

  /** How many entities have hard violations now (the first badCount of badList). */
  get badCount(): number {
    if (this.dirtyCount > 0) this.flush();
    return this._badCount;
  }

  /**
   * Breakout: every entity and hard pair rule violated now weighs `step` more in weightedHard, so
   * that a search stuck on the same few violations is pushed to mend them at others' expense.
   */
  bumpWeights(step: number): void {
    this.flush();
    for (let k = 0; k < this._badCount; k++) {
      const e = this.badList[k]!;
      this.entW[e]! += step;
      this._whard += step * this.entHard[e]!;
    }
    for (let k = 0; k < this.badPairCount; k++) {
      const id = this.badPairList[k]!;
      this.pairW[id]! += step;
      this._whard += step * this.pairHard[id]!;
    }
  }

  /** Every weight back to 1. */
  resetWeights(): void {
    this.flush();
    this.entW.fill(1);
    this.pairW.fill(1);
    this._whard = this._hard;
  }

  /** Occupy (sign +1) or free (−1) the slots of activity i at its current place. */
  private touch(i: number, sign: number): void {
    const S = this.S;
    const P = this.P;
    const D = this.D;
    const d = this.day[i]!;
    const s0 = d * P + this.period[i]!;
    const len = this.dur[i]!;
    const ents = this.ents[i]!;
    const subj = this.subject[i]!;
    const rm = this.room[i]!;
    for (let k = 0; k < ents.length; k++) {
      const e = ents[k]!;
      const base = e * S + s0;
      for (let q = 0; q < len; q++) {
        const before = this.occ[base + q]!;
        const after = before + sign;
        this.occ[base + q] = after;
        // The clash count is written on every call, not only on a clash: V8 then compiles this
        // with the write's feedback from the start and does not have to compile it again at the
        // first clash (which, during the construction, comes late).
        if (sign > 0) {
          this.clash[e]! += before >= 1 ? 1 : 0;
          if (before < 1) this.mask[e * D + d]! |= 1 << (this.period[i]! + q);
        } else {
          this.clash[e]! -= after >= 1 ? 1 : 0;
          if (after < 1) this.mask[e * D + d]! &= ~(1 << (this.period[i]! + q));
        }
        if (sign > 0) this.who[base + q] = i;
        else if (this.who[base + q] === i) this.who[base + q] = -1;
        if (e < this.T) {
          if (this.needsRoomTrack) this.tRoom[base + q] = sign > 0 ? rm : after > 0 ? this.tRoom[base + q]! : -1;
          const tags = this.actTags[i]!;
          for (let g = 0; g < tags.length; g++) {
            const tk = e * this.K + tags[g]!;
            const o = this.tagOcc[tk * S + s0 + q]! + sign;
            this.tagOcc[tk * S + s0 + q] = o;
            if (sign > 0 && o === 1) this.tagMask[tk * D + d]! |= 1 << (this.period[i]! + q);
            else if (sign < 0 && o === 0) this.tagMask[tk * D + d]! &= ~(1 << (this.period[i]! + q));
          }
        } else {
          const x = e - this.T;
          const hs = this.hardSubj[x];
          if (hs && hs[subj]) this.hardCnt[x * S + s0 + q]! += sign;
        }
      }
      if (e >= this.T) {
        const ds = this.diffScores[e - this.T];
        if (ds) this.diffSum[(e - this.T) * D + d]! += sign * ds[subj]! * len;
      }
      this.markDirty(e);
    }
    // Static costs.
    const sh = this.stHard[i * S + s0]!;
    const ss = this.stSoft[i * S + s0]!;
    this._hard += sign * sh;
    this._whard += sign * sh;
    this._soft += sign * ss;
    // Room.
    if (rm >= 0) {
      const e = this.T + this.A + rm;
      const base = e * S + s0;
      for (let q = 0; q < len; q++) {
        const before = this.occ[base + q]!;
        this.occ[base + q] = before + sign;
        if (sign > 0 ? before >= 1 : before >= 2) this.clash[e]! += sign;
        const nah = sign * this.roomNAHard[rm * S + s0 + q]!;
        this._hard += nah;
        this._whard += nah;
        this._soft += sign * this.roomNASoft[rm * S + s0 + q]!;
      }
      const k = this.roomIndex(i, rm);
      const rh = sign * this.roomHard[i]![k]!;
      this._hard += rh;
      this._whard += rh;
      this._soft += sign * this.roomSoft[i]![k]!;
      this.markDirty(e);
    } else if (this.roomCands[i]!.length > 0) {
      // Needs a room and has none: each room rule counts it as broken; a hard rule as 1.
      this._hard += sign;
      this._whard += sign;
    }
  }

  private roomIndex(i: number, rm: number): number {
    const c = this.roomCands[i]!;
    for (let k = 0; k < c.length; k++) if (c[k] === rm) return k;
    return -1;
  }

  /** Place an unplaced activity at start slot s with room rm (−1 = none or choose later). */
  place(i: number, s: number, rm: number): void {
    this.day[i] = Math.floor(s / this.P);
    this.period[i] = s % this.P;
    this.room[i] = rm;
    this.unplaced--;
    this._hard -= HARD_UNPLACED;
    this._whard -= HARD_UNPLACED;
    this.touch(i, 1);
    this.pairs(i, 1);
  }

  unplace(i: number): void {
    if (this.day[i]! < 0) return;
    this.pairs(i, -1);
    this.touch(i, -1);
    // The entities are recounted later, when a total is read: an end-of-day rule sees it unplaced.
    this.day[i] = -1;
    this.period[i] = -1;
    this.room[i] = -1;
    this.unplaced++;
    this._hard += HARD_UNPLACED;
    this._whard += HARD_UNPLACED;
  }

  /**
   * Take out of every block's starts the ones that would clash with a lesson that cannot move
   * (pinned, or with a single allowed start) — they can never be part of a solution. Repeats while
   * this makes more lessons immovable. A block left with no start keeps its old list.
   */
  reduceStarts(pinned: Uint8Array): void {
    const S = this.S;
    const P = this.P;
    const isFixed = (i: number) => pinned[i] === 1 || this.fixed[i] === 1;
    const fixedOcc = new Uint8Array((this.T + this.A) * S);
    const marked = new Uint8Array(this.N);
    for (let round = 0; round < 4; round++) {
      let added = false;
      for (let i = 0; i < this.N; i++) {
        if (!this.active[i] || marked[i] || !isFixed(i)) continue;
        const s0 = pinned[i] ? this.startOf(i) : this.starts[i]![0]!;
        if (s0 < 0) continue;
        marked[i] = 1;
        added = true;
        for (const e of this.ents[i]!) for (let q = 0; q < this.dur[i]!; q++) fixedOcc[e * S + s0 + q] = 1;
      }
      if (!added) break;
      let changed = false;
      for (const members of this.blocks) {
        if (members.some((i) => isFixed(i))) continue;
        const old = this.starts[members[0]!]!;
        const kept: number[] = [];
        for (let k = 0; k < old.length; k++) {
          const st = old[k]!;
          let clear = true;
          for (let m = 0; m < members.length; m++) {
            const i = members[m]!;
            if ((st % P) + this.dur[i]! > P) clear = false;
            const ents = this.ents[i]!;
            for (let x = 0; x < ents.length; x++) for (let q = 0; q < this.dur[i]! && clear; q++) if (fixedOcc[ents[x]! * S + st + q]) clear = false;
            if (!clear) break;
          }
          if (clear) kept.push(st);
        }
        if (kept.length === 0 || kept.length === old.length) continue;
        const list = Int32Array.from(kept);
        for (const i of members) {
          this.starts[i] = list;
          if (list.length === 1) this.fixed[i] = 1;
        }
        changed = true;
      }
      if (!changed) break;
    }
  }

  /** The best room for activity i if it started at s: least clash and static cost; −1 if it needs none. */
  bestRoom(i: number, s: number, rnd: () => number): number {
    const cands = this.roomCands[i]!;
    if (cands.length === 0) return -1;
    const S = this.S;
    const len = this.dur[i]!;
    let best = -1;
    let bestCost = Infinity;
    let ties = 0;
    const roomBase = this.T + this.A;
    for (let k = 0; k < cands.length; k++) {
      const rm = cands[k]!;
      let c = this.roomHard[i]![k]! * 1000 + this.roomSoft[i]![k]!;
      const base = (roomBase + rm) * S + s;
      for (let q = 0; q < len; q++) {
        let o = this.occ[base + q]!;
        // Do not count the activity itself when it sits there now.
        if (this.room[i] === rm && this.day[i]! * this.P + this.period[i]! <= s + q && s + q < this.day[i]! * this.P + this.period[i]! + len) o--;
        c += o * 1000 + this.roomNAHard[rm * S + s + q]! * 1000 + this.roomNASoft[rm * S + s + q]!;
      }
      if (c < bestCost) {
        bestCost = c;
        best = rm;
        ties = 1;
      } else if (c === bestCost && rnd() * ++ties < 1) best = rm;
    }
    return best;
  }

  /** A one-element list of a lesson, reused (no allocation in the search's loop). */
  single(i: number): Int32Array {
    this.one[0] = i;
    return this.one;
  }

  startOf(i: number): number {
    return this.day[i]! < 0 ? -1 : this.day[i]! * this.P + this.period[i]!;
  }

  /** The timetable as the model's typed arrays. */
  toTimetable(): Timetable {
    return { day: this.day.slice(), period: this.period.slice(), room: this.room.slice() };
  }
}

// The search (SPEC B12, issue 5): a greedy construction followed by simulated annealing over
// moves of one lesson (or a block of lessons that must start together) and swaps of two lessons
// that share a teacher or a class, on the engine's incrementally kept costs.
//
// Phase «construct» places the lessons hardest first, each where it costs least. Phase «repair»
// anneals on hard violations (the soft penalty only breaks ties) until there are none. Phase
// «improve» then anneals on the soft penalty and never accepts a move that adds a hard violation.
// Lessons are picked mostly from teachers and classes that have hard violations. Everything random
// comes from one seeded generator, so a seed gives the same timetable.
import { Engine } from './engine.ts';
import { evaluate } from './evaluate.ts';
import type { Timetable } from './model.ts';
import type { Progress, SolveOptions, SolveResult, SolvePhase } from './solve.ts';
import type { Problem } from './model.ts';

/** The largest Kempe chain and the most lessons one ejection may move. */
const CHAIN_MAX = 256;
const EJECT_MAX = 32;

/** The Luby sequence 1 1 2 1 1 2 4 1 1 2 1 1 2 4 8 … (k from 1). */
export function luby(k: number): number {
  for (let size = 1; ; size = 2 * size + 1) {
    if (k === size) return (size + 1) / 2;
    if (k < size) return luby(k - (size - 1) / 2);
  }
}

/** mulberry32: small, fast, good enough for a search. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The search's knobs, measured on FET's example schools (bench/timetable.ts). Shares of the move
 * kinds: Kempe chains, ejections (a lesson in and the lessons in its way out to its old place),
 * swaps with a lesson of the same teacher or class; the rest are plain moves and room changes.
 */
export interface Tuning {
  /** Weight of the soft penalty while hard violations remain. */
  softWeight: number;
  chain: number;
  eject: number;
  swap: number;
  /** Temperature while repairing (units of one hard violation). */
  repairTemperature: number;
  /** While improving: the temperature at the start and the end. */
  improveTemperature: number;
  improveTemperatureEnd: number;
  /** While improving, the weight of a hard violation alternates between these every oscillationIterations. */
  hardWeightLow: number;
  hardWeightHigh: number;
  /** The share of the improvement's moves spent first on a descent that never leaves feasibility. */
  strictShare: number;
  oscillationIterations: number;
  /** Improvement length: at least this many moves, this many per lesson the search may move, or this many times the repair's moves. */
  improveMinIterations: number;
  improvePerLesson: number;
  improveFactor: number;
  /** Moves without a better hard count after which the soft weight is halved while repairing. */
  stallIterations: number;
  /** The repair starts again from a new construction after this many moves × (lessons / 200) × the Luby sequence. */
  restartIterations: number;
  /** While improving, the share of picks among lessons of broken soft pair rules. */
  softPick: number;
  /**
   * Breakout while repairing: after this many moves without fewer hard violations, every entity
   * and pair rule violated now weighs one more (0: never). Weights go back to 1 at a restart.
   */
  bumpIterations: number;
  /** The repair uses only Kempe chains, moves and room changes for its first this many moves. */
  plainMoves: number;
}

export const defaultTuning: Tuning = {
  softWeight: 0.2,
  chain: 0.45,
  eject: 0.25,
  swap: 0.15,
  repairTemperature: 0.2,
  improveTemperature: 0.2,
  improveTemperatureEnd: 0.2,
  hardWeightLow: 1.2,
  hardWeightHigh: 10,
  strictShare: 0.3,
  oscillationIterations: 20_000,
  improveMinIterations: 300_000,
  improvePerLesson: 10_000,
  improveFactor: 2,
  stallIterations: 100_000,
  restartIterations: 200_000,
  softPick: 0.5,
  bumpIterations: 2_000,
  plainMoves: 20_000,
};

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export function solve(problem: Problem, options: SolveOptions): SolveResult {
  const started = Date.now();
  const cpuStart = cpuMs();
  const rnd = seededRandom(options.seed);
  const tuning: Tuning = { ...defaultTuning, ...options.tuning };
  const eng = new Engine(problem);
  const { N, S, P } = eng;
  const deadline = started + Math.max(1, options.timeLimitMs);
  const progressEvery = options.progressEveryMs ?? 250;
  let lastProgress = started;
  let iterations = 0;
  let phase: SolvePhase = 'construct';
  let firstFeasibleMs: number | null = null;
  let firstFeasibleCpuMs: number | null = null;
  let stopped = false;

  const total = eng.active.reduce((n, x) => n + x, 0);
  const report = (force = false) => {
    const now = Date.now();
    if (!options.onProgress || (!force && now - lastProgress < progressEvery)) return;
    lastProgress = now;
    const p: Progress = { phase, placed: total - eng.unplaced, total, hard: eng.hard, softPenalty: round(eng.soft), elapsedMs: now - started };
    options.onProgress(p);
  };
  const timeUp = () => {
    if (options.shouldStop?.()) {
      stopped = true;
      return true;
    }
    return Date.now() >= deadline;
  };

  // Blocks: members and the allowed starts as a mask.
  const nBlocks = eng.blocks.length;
  const blockStarts = new Uint8Array(nBlocks * S);
  for (let b = 0; b < nBlocks; b++) {
    const first = eng.blocks[b]![0]!;
    for (const s of eng.starts[first]!) blockStarts[b * S + s] = 1;
  }
  const pinned = new Uint8Array(N);
  for (const pin of options.pins ?? []) {
    if (pin.activity < 0 || pin.activity >= N || !eng.active[pin.activity]) continue;
    if (pin.day < 0 || pin.day >= eng.D || pin.period < 0 || pin.period + eng.dur[pin.activity]! > P) continue;
    const rm = pin.room >= 0 ? pin.room : eng.bestRoom(pin.activity, pin.day * P + pin.period, rnd);
    eng.place(pin.activity, pin.day * P + pin.period, rm);
    pinned[pin.activity] = 1;
  }
  eng.reduceStarts(pinned);
  for (let b = 0; b < nBlocks; b++) {
    blockStarts.fill(0, b * S, (b + 1) * S);
    for (const s of eng.starts[eng.blocks[b]![0]!]!) blockStarts[b * S + s] = 1;
  }
  // A block moves only when none of its members is pinned or fixed.
  const movable = new Uint8Array(nBlocks);
  for (let b = 0; b < nBlocks; b++) movable[b] = eng.blocks[b]!.every((i) => !pinned[i] && !eng.fixed[i]) ? 1 : 0;
  // Blocks a Kempe chain may swap: movable, every lesson one period long.
  const kempeUnit = new Uint8Array(nBlocks);
  for (let b = 0; b < nBlocks; b++) kempeUnit[b] = movable[b] && eng.blocks[b]!.every((i) => eng.dur[i] === 1) ? 1 : 0;

  const placeBlock = (b: number, s: number) => {
    const m = eng.blocks[b]!;
    for (let k = 0; k < m.length; k++) eng.place(m[k]!, s, eng.bestRoom(m[k]!, s, rnd));
  };
  const unplaceBlock = (b: number) => {
    const m = eng.blocks[b]!;
    for (let k = 0; k < m.length; k++) if (eng.day[m[k]!]! >= 0) eng.unplace(m[k]!);
  };

  // Start from the given timetable where it fits.
  if (options.initial) {
    const t = options.initial;
    for (let b = 0; b < nBlocks; b++) {
      const members = eng.blocks[b]!;
      if (members.some((i) => eng.day[i]! >= 0)) continue;
      const i0 = members[0]!;
      const d = t.day[i0] ?? -1;
      const p = t.period[i0] ?? -1;
      if (d < 0 || p < 0 || d >= eng.D || p >= P) continue;
      const s = d * P + p;
      if (!blockStarts[b * S + s]) continue;
      for (const i of members) eng.place(i, s, t.room[i]! >= 0 && eng.roomCands[i]!.includes(t.room[i]!) ? t.room[i]! : eng.bestRoom(i, s, rnd));
    }
  }
  // Fixed blocks (one allowed start) go first.
  for (let b = 0; b < nBlocks; b++) {
    const members = eng.blocks[b]!;
    if (members.some((i) => eng.day[i]! >= 0)) continue;
    if (eng.starts[members[0]!]!.length === 1) placeBlock(b, eng.starts[members[0]!]![0]!);
  }

  // Construction: hardest blocks first (fewest starts, then the busiest teachers and classes).
  const busy = new Float64Array(nBlocks);
  for (let b = 0; b < nBlocks; b++) {
    let load = 0;
    for (const i of eng.blocks[b]!) for (const e of eng.ents[i]!) load += eng.actsOf[e]!.length;
    busy[b] = load;
  }
  const key = new Float64Array(nBlocks);
  const softW = tuning.softWeight;
  const candidates = new Int32Array(S);
  const isFree = (b: number, s: number): boolean => {
    const m = eng.blocks[b]!;
    for (let x = 0; x < m.length; x++) {
      const i = m[x]!;
      const ents = eng.ents[i]!;
      for (let k = 0; k < ents.length; k++) {
        const base = ents[k]! * S + s;
        for (let q = 0; q < eng.dur[i]!; q++) if (eng.occ[base + q]! > 0) return false;
      }
    }
    return true;
  };
  const cost = () => eng.hard + softW * eng.soft;
  /** Place every unplaced block, hardest first (random ties differ from one call to the next). */
  const construct = () => {
    phase = 'construct';
    const order = Array.from({ length: nBlocks }, (_, b) => b).filter((b) => eng.blocks[b]!.some((i) => eng.day[i]! < 0));
    for (const b of order) {
      let ents = 0;
      for (const i of eng.blocks[b]!) ents += eng.ents[i]!.length * eng.dur[i]!;
      key[b] = (eng.starts[eng.blocks[b]![0]!]!.length / (1 + ents)) * 1e6 - busy[b]! + rnd() * 10;
    }
    order.sort((x, y) => key[x]! - key[y]!);
    for (const b of order) {
      const starts = eng.starts[eng.blocks[b]![0]!]!;
      let best = -1;
      let bestCost = Infinity;
      let ties = 0;
      // Starts where no teacher or class of the block is busy yet, when there are any.
      let free = 0;
      for (let k = 0; k < starts.length; k++) if (isFree(b, starts[k]!)) candidates[free++] = starts[k]!;
      const list = free > 0 ? candidates : starts;
      const count = free > 0 ? free : starts.length;
      for (let k = 0; k < count; k++) {
        const s = list[k]!;
        placeBlock(b, s);
        const c = cost();
        unplaceBlock(b);
        if (c < bestCost - 1e-9) {
          bestCost = c;
          best = s;
          ties = 1;
        } else if (Math.abs(c - bestCost) <= 1e-9 && rnd() * ++ties < 1) best = s;
      }
      if (best >= 0) placeBlock(b, best);
      iterations++;
      if ((iterations & 63) === 0) {
        report();
        if (timeUp()) return;
      }
    }
  };
  construct();

  // Annealing.
  const movableActs: number[] = [];
  for (let i = 0; i < N; i++) if (eng.active[i] && movable[eng.blockOf[i]!]) movableActs.push(i);
  const teacherAtomCount = eng.T + eng.A;
  let best: Timetable = eng.toTimetable();
  let bestHard = eng.hard;
  let bestSoft = eng.soft;
  const oldStart = new Int32Array(64);
  const displaced = new Int32Array(EJECT_MAX);
  const chain = new Int32Array(CHAIN_MAX);
  const chainMark = new Uint8Array(N);
  const dispStart = new Int32Array(CHAIN_MAX);
  const dispRoom = new Int32Array(CHAIN_MAX);
  const CHAIN = tuning.chain;
  const PSOFT = tuning.softPick;
  // Ejections and swaps join the repair only after `plainMoves` moves: an easy school is done
  // before, and V8 then never compiles them (in a run of a tenth of a second, compiling costs more
  // than the moves).
  let EJECT = tuning.plainMoves > 0 ? 0 : tuning.eject;
  let SWAP = tuning.plainMoves > 0 ? 0 : tuning.swap;
  const oldRoom = new Int32Array(64);

  const noteFeasible = () => {
    if (eng.hard === 0 && eng.unplaced === 0 && firstFeasibleMs === null) {
      firstFeasibleMs = Date.now() - started;
      firstFeasibleCpuMs = cpuMs() - cpuStart;
    }
  };
  const keepBest = () => {
    if (eng.unplaced > 0) return;
    if (eng.hard < bestHard || (eng.hard === bestHard && eng.soft < bestSoft - 1e-9)) {
      bestHard = eng.hard;
      bestSoft = eng.soft;
      best = eng.toTimetable();
    }
  };
  keepBest();
  noteFeasible();
  /** Puts every movable block back where the best timetable has it (that one has them all placed). */
  const restoreBest = () => {
    for (let b = 0; b < nBlocks; b++) if (movable[b]) unplaceBlock(b);
    for (let b = 0; b < nBlocks; b++) {
      if (!movable[b]) continue;
      const members = eng.blocks[b]!;
      const s = best.day[members[0]!]! * P + best.period[members[0]!]!;
      for (const i of members) eng.place(i, s, best.room[i]!);
    }
  };

  /** Pick an activity to change: mostly from a teacher or class with hard violations. */
  let improving = false;
  const pick = (): number => {
    if (improving && eng.softPairCount > 0 && rnd() < PSOFT) {
      const rule = eng.pairRules[eng.softPairList[Math.floor(rnd() * eng.softPairCount)]!]!;
      const i = rule.acts[Math.floor(rnd() * rule.acts.length)]!;
      if (movable[eng.blockOf[i]!]) return i;
    }
    if (eng.badPairCount > 0 && rnd() < eng.badPairCount / (eng.badPairCount + eng.badCount)) {
      const rule = eng.pairRules[eng.badPairList[Math.floor(rnd() * eng.badPairCount)]!]!;
      const i = rule.acts[Math.floor(rnd() * rule.acts.length)]!;
      if (movable[eng.blockOf[i]!]) return i;
    }
    if (eng.badCount > 0 && rnd() < 0.85) {
      for (let tries = 0; tries < 4; tries++) {
        const e = eng.badList[Math.floor(rnd() * eng.badCount)]!;
        if (e >= teacherAtomCount) continue;
        const acts = eng.actsOf[e]!;
        if (acts.length === 0) continue;
        const i = acts[Math.floor(rnd() * acts.length)]!;
        if (movable[eng.blockOf[i]!]) return i;
      }
    }
    return movableActs[Math.floor(rnd() * movableActs.length)]!;
  };

  const saveBlock = (b: number, off: number): void => {
    const m = eng.blocks[b]!;
    for (let k = 0; k < m.length; k++) {
      oldStart[off + k] = eng.startOf(m[k]!);
      oldRoom[off + k] = eng.room[m[k]!]!;
    }
  };
  const restoreBlock = (b: number, off: number) => {
    const m = eng.blocks[b]!;
    unplaceBlock(b);
    for (let k = 0; k < m.length; k++) if (oldStart[off + k]! >= 0) eng.place(m[k]!, oldStart[off + k]!, oldRoom[off + k]!);
  };

  // A lesson joins a Kempe chain with its whole block: the block's lessons share their start, so all swap.
  let chainLength = 0;
  const join = (y: number): boolean => {
    const by = eng.blockOf[y]!;
    if (!kempeUnit[by]) return false;
    const m = eng.blocks[by]!;
    if (chainLength + m.length > chain.length) return false;
    for (let k = 0; k < m.length; k++) {
      if (chainMark[m[k]!]) continue;
      chainMark[m[k]!] = 1;
      chain[chainLength++] = m[k]!;
    }
    return true;
  };

  // The annealing's temperature and cost, set by anneal() for its phase, and whether a move's change is taken.
  let temp = 1;
  let costNow: () => number = () => eng.hard;
  const accept = (delta: number): boolean => delta <= 0 || rnd() < Math.exp(-delta / temp);

  const tryKempe = (a: number, ba: number, before: number): boolean => {
    // Kempe chain: swap two time slots for a connected set of lessons; never adds a clash.
    const s1 = eng.startOf(a);
    const starts = eng.starts[a]!;
    const s2 = starts[Math.floor(rnd() * starts.length)]!;
    if (s2 === s1 || !kempeUnit[ba]) return false;
    chainLength = 0;
    let ok = true;
    join(a);
    let n = chainLength;
    for (let q = 0; q < n && ok; q++) {
      const x = chain[q]!;
      const other = eng.startOf(x) === s1 ? s2 : s1;
      const od = Math.floor(other / P);
      const op = other % P;
      const ents = eng.ents[x]!;
      for (let k = 0; k < ents.length && ok; k++) {
        const e = ents[k]!;
        const o = eng.occ[e * S + other]!;
        if (o === 0) continue;
        // One lesson there: the engine knows which; more (a clash): look through the entity's.
        const only = o === 1 ? eng.who[e * S + other]! : -1;
        const acts = only >= 0 ? eng.single(only) : eng.actsOf[e]!;
        for (let z = 0; z < acts.length; z++) {
          const y = acts[z]!;
          if (chainMark[y] || eng.day[y] !== od) continue;
          const py = eng.period[y]!;
          if (py > op || py + eng.dur[y]! <= op) continue;
          if (!join(y)) { ok = false; break; }
          n = chainLength;
        }
      }
    }
    for (let q = 0; q < n; q++) chainMark[chain[q]!] = 0;
    if (!ok) return false;
    for (let q = 0; q < n; q++) {
      const x = chain[q]!;
      const from = eng.startOf(x);
      const to = from === s1 ? s2 : s1;
      if (!blockStarts[eng.blockOf[x]! * S + to]) { ok = false; break; }
    }
    if (!ok) return false;
    for (let q = 0; q < n; q++) {
      const x = chain[q]!;
      dispStart[q] = eng.startOf(x);
      dispRoom[q] = eng.room[x]!;
      eng.unplace(x);
    }
    for (let q = 0; q < n; q++) {
      const x = chain[q]!;
      const to = dispStart[q] === s1 ? s2 : s1;
      eng.place(x, to, eng.bestRoom(x, to, rnd));
    }
    const delta = costNow() - before;
    if (!accept(delta)) {
      for (let q = 0; q < n; q++) eng.unplace(chain[q]!);
      for (let q = 0; q < n; q++) eng.place(chain[q]!, dispStart[q]!, dispRoom[q]!);
      return false;
    }
    return true;
  };

  const tryEject = (a: number, ba: number, before: number): boolean => {
    // Move the lesson to another start and the lessons in its way to its old start.
    const starts = eng.starts[a]!;
    const s = starts[Math.floor(rnd() * starts.length)]!;
    const sa = eng.startOf(a);
    if (s === sa) return false;
    const dA = eng.dur[a]!;
    const day = Math.floor(s / P);
    const p0 = s % P;
    let n = 0;
    let ok = true;
    const ents = eng.ents[a]!;
    for (let k = 0; k < ents.length && ok; k++) {
      const e = ents[k]!;
      let acts = eng.actsOf[e]!;
      if (dA === 1) {
        const o = eng.occ[e * S + s]!;
        if (o === 0) continue;
        if (o === 1 && eng.who[e * S + s]! >= 0) acts = eng.single(eng.who[e * S + s]!);
      }
      for (let x = 0; x < acts.length; x++) {
        const b = acts[x]!;
        if (b === a || eng.day[b] !== day) continue;
        const pb = eng.period[b]!;
        if (pb + eng.dur[b]! <= p0 || pb >= p0 + dA) continue;
        let dup = false;
        for (let y = 0; y < n; y++) if (displaced[y] === b) dup = true;
        if (dup) continue;
        const bb = eng.blockOf[b]!;
        if (!movable[bb] || eng.blocks[bb]!.length !== 1 || n >= EJECT_MAX) { ok = false; break; }
        const target = sa + (pb - p0);
        if (pb - p0 + eng.dur[b]! > dA && eng.dur[b]! !== dA) { ok = false; break; }
        const tp = target - Math.floor(sa / P) * P;
        if (tp < 0 || tp + eng.dur[b]! > P || !blockStarts[bb * S + target]) { ok = false; break; }
        displaced[n++] = b;
      }
    }
    if (!ok) return false;
    const ra = eng.room[a]!;
    for (let y = 0; y < n; y++) {
      const b = displaced[y]!;
      dispStart[y] = eng.startOf(b);
      dispRoom[y] = eng.room[b]!;
      eng.unplace(b);
    }
    eng.unplace(a);
    eng.place(a, s, eng.bestRoom(a, s, rnd));
    for (let y = 0; y < n; y++) {
      const b = displaced[y]!;
      const target = sa + (dispStart[y]! - s);
      eng.place(b, target, eng.bestRoom(b, target, rnd));
    }
    const delta = costNow() - before;
    if (!accept(delta)) {
      for (let y = 0; y < n; y++) eng.unplace(displaced[y]!);
      eng.unplace(a);
      eng.place(a, sa, ra);
      for (let y = 0; y < n; y++) eng.place(displaced[y]!, dispStart[y]!, dispRoom[y]!);
      return false;
    }
    return true;
  };

  const trySwap = (a: number, ba: number, before: number): boolean => {
    // Swap with a lesson of the same teacher or class.
    const ents = eng.ents[a]!;
    const e = ents[Math.floor(rnd() * ents.length)]!;
    const acts = eng.actsOf[e]!;
    const b = acts[Math.floor(rnd() * acts.length)]!;
    const bb = eng.blockOf[b]!;
    if (b === a || !movable[bb] || eng.blocks[bb]!.length !== 1 || eng.dur[b] !== eng.dur[a]) return false;
    const sa = eng.startOf(a);
    const sb = eng.startOf(b);
    if (sa === sb || !blockStarts[ba * S + sb] || !blockStarts[bb * S + sa]) return false;
    const ra = eng.room[a]!;
    const rb = eng.room[b]!;
    eng.unplace(a);
    eng.unplace(b);
    eng.place(a, sb, eng.bestRoom(a, sb, rnd));
    eng.place(b, sa, eng.bestRoom(b, sa, rnd));
    const delta = costNow() - before;
    if (!accept(delta)) {
      eng.unplace(a);
      eng.unplace(b);
      eng.place(a, sa, ra);
      eng.place(b, sb, rb);
      return false;
    }
    return true;
  };

  const tryMove = (a: number, ba: number, before: number): boolean => {
    // Move the lesson (its block) to another start.
    const starts = eng.starts[a]!;
    const s = starts[Math.floor(rnd() * starts.length)]!;
    if (s === eng.startOf(a)) return false;
    saveBlock(ba, 0);
    unplaceBlock(ba);
    placeBlock(ba, s);
    const delta = costNow() - before;
    if (!accept(delta)) {
      restoreBlock(ba, 0);
      return false;
    }
    return true;
  };

  const tryRoom = (a: number, ba: number, before: number): boolean => {
    // Another room.
    const cands = eng.roomCands[a]!;
    const rm = cands[Math.floor(rnd() * cands.length)]!;
    const s = eng.startOf(a);
    const old = eng.room[a]!;
    if (rm === old) return false;
    eng.unplace(a);
    eng.place(a, s, rm);
    const delta = costNow() - before;
    if (!accept(delta)) {
      eng.unplace(a);
      eng.place(a, s, old);
      return false;
    }
    return true;
  };

  let repairIterations = 0;
  let repairDone = 0;
  const anneal = (improve: boolean, budget = Infinity) => {
    phase = improve ? 'improve' : 'repair';
    improving = improve;
    let w = improve ? 1 : softW;
    // The improvement first descends without ever leaving feasibility (strictShare of its moves),
    // then explores: a light hard weight for a while, then a pull-back to feasibility, and so on.
    let exploring = false;
    let hardW = improve ? tuning.hardWeightHigh : 1;
    costNow = improve ? () => hardW * eng.hard + w * eng.soft : () => eng.weightedHard + w * eng.soft;
    const T0 = improve ? tuning.improveTemperature : tuning.repairTemperature;
    const Tend = improve ? tuning.improveTemperatureEnd : tuning.repairTemperature;
    temp = T0;
    const startIter = iterations;
    // Iterations, not the clock, decide everything but the stop: a seed gives one timetable.
    const improveIters = options.improveIterations ?? Math.max(tuning.improveMinIterations, tuning.improvePerLesson * movableActs.length, tuning.improveFactor * repairIterations);
    const until = improve && options.improveMs !== undefined ? Math.min(deadline, Date.now() + options.improveMs) : deadline;
    let stall = 0;
    let bumpStall = 0;
    let bestHardHere = eng.hard;
    let phaseStart = iterations;
    // Every 256 moves: progress, the clock, and the phase's schedule; true when the phase is over.
    // A function of its own, so that V8 compiles the move loop without it.
    const checkpoint = (): boolean => {
      report();
      if (timeUp() || Date.now() >= until) return true;
      const done = iterations - startIter;
      if (improve) {
        if (done >= improveIters) return true;
        temp = T0 * Math.pow(Tend / T0, done / improveIters);
        // Explore with a light hard weight, then pull back until feasible again (or give up
        // after five times as long), then explore again from there.
        const inPhase = iterations - phaseStart;
        if (done < tuning.strictShare * improveIters) {
          // Still descending.
        } else if (exploring) {
          if (inPhase >= tuning.oscillationIterations) {
            exploring = false;
            hardW = tuning.hardWeightHigh;
            phaseStart = iterations;
          }
        } else if ((eng.hard === 0 && inPhase >= 256) || inPhase >= 5 * tuning.oscillationIterations) {
          // Not feasible again after all that: explore anew from the best timetable, rather than
          // drift on from an infeasible one that the next pull-back may not mend either.
          if (eng.hard > 0 && bestHard === 0) restoreBest();
          exploring = true;
          hardW = tuning.hardWeightLow;
          phaseStart = iterations;
        }
      } else {
        if (done >= budget) return true;
        repairDone = done;
        if (eng.hard < bestHardHere) {
          bestHardHere = eng.hard;
          stall = 0;
          bumpStall = 0;
        } else {
          stall += 256;
          bumpStall += 256;
        }
        if (EJECT === 0 && iterations >= tuning.plainMoves) {
          EJECT = tuning.eject;
          SWAP = tuning.swap;
        }
        if (tuning.bumpIterations > 0 && bumpStall >= tuning.bumpIterations) {
          eng.bumpWeights(1);
          bumpStall = 0;
        }
        // Stuck: the soft penalty weighs less, so that the search may pass through worse soft.
        if (stall > tuning.stallIterations) {
          w = Math.max(0.005, w * 0.5);
          stall = 0;
          bestHardHere = eng.hard;
        }
      }
      return false;
    };
    for (;;) {
      iterations++;
      if ((iterations & 255) === 0 && checkpoint()) return;
      const a = pick();
      const ba = eng.blockOf[a]!;
      const before = costNow();
      const r = rnd();
      const single = eng.blocks[ba]!.length === 1;
      // Each kind of move is a function of its own: small functions are optimised quickly, where
      // one loop holding them all took V8 longer to compile than small schools take to solve.
      const accepted =
        r < CHAIN ? tryKempe(a, ba, before)
        : r < CHAIN + EJECT && single ? tryEject(a, ba, before)
        : r < CHAIN + EJECT + SWAP && single ? trySwap(a, ba, before)
        : r < 0.95 || eng.roomCands[a]!.length < 2 ? tryMove(a, ba, before)
        : tryRoom(a, ba, before);
      if (!accepted) continue;
      if (eng.hard <= bestHard) keepBest();
      if (!improve && eng.hard === 0) {
        noteFeasible();
        return;
      }
    }
  };

  if (!stopped && Date.now() < deadline) {
    // Repair with restarts on the Luby sequence (1 1 2 1 1 2 4 …) × restartIterations: a run
    // that is stuck starts again from a new construction instead of searching on.
    for (let k = 1; eng.hard > 0 && !stopped && Date.now() < deadline; k++) {
      repairDone = 0;
      anneal(false, tuning.restartIterations * Math.max(1, total / 200) * luby(k));
      repairIterations += repairDone;
      if (eng.hard === 0 || stopped || Date.now() >= deadline) break;
      for (let b = 0; b < nBlocks; b++) if (movable[b]) unplaceBlock(b);
      eng.resetWeights();
      construct();
    }
    noteFeasible();
    if (!stopped && eng.hard === 0 && !options.firstFeasible && Date.now() < deadline) {
      keepBest();
      EJECT = tuning.eject;
      SWAP = tuning.swap;
      anneal(true);
    }
  }
  keepBest();
  phase = eng.hard === 0 ? 'improve' : 'repair';
  report(true);

  const evaluation = evaluate(problem, best);
  const status = stopped ? 'cancelled' : evaluation.hard.length === 0 ? 'solved' : 'timeLimit';
  return {
    status,
    timetable: best,
    evaluation,
    firstFeasibleMs,
    firstFeasibleCpuMs,
    elapsedMs: Date.now() - started,
    iterations,
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

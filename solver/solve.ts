// The solver's public face: solve a problem with a seed and a time limit, report progress, stop
// when asked. The search itself lives in search.ts; run.ts runs this in a worker thread.
import type { Evaluation } from './evaluate.ts';
import type { Timetable } from './model.ts';
import type { Tuning } from './search.ts';

/** A lesson kept where it is: the search never moves it (locked lessons of a timetable). */
export interface Pin {
  activity: number;
  day: number;
  period: number;
  /** Room index, or -1 to let the search choose. */
  room: number;
}

export type SolvePhase = 'construct' | 'repair' | 'improve';

export interface Progress {
  phase: SolvePhase;
  /** Activities placed without a hard violation of their own. */
  placed: number;
  total: number;
  /** Hard violations left (amounts summed). */
  hard: number;
  softPenalty: number;
  elapsedMs: number;
}

export interface SolveOptions {
  /** Same problem + same seed + same options → same timetable. */
  seed: number;
  /** Wall-clock limit for the whole call; the best timetable found so far is returned when it passes. */
  timeLimitMs: number;
  /**
   * After the first timetable without hard violations the search keeps lowering the soft penalty
   * for this many moves (default: 10 000 per lesson it may move, at least 300 000 and at least twice
   * the moves the repair took) — counted in moves, not time, so that a seed gives one timetable
   * whatever the machine.
   */
  improveIterations?: number;
  /** And at most this long (ms), within the limit. */
  improveMs?: number;
  /** Stop at the first timetable without hard violations (no improvement phase). */
  firstFeasible?: boolean;
  pins?: Pin[];
  /** A timetable to start from (e.g. the current version when regenerating). */
  initial?: Timetable;
  /** Called about every `progressEveryMs` (default 250 ms). */
  onProgress?: (p: Progress) => void;
  progressEveryMs?: number;
  /** Checked between steps: when it returns true the search stops with status "cancelled". */
  shouldStop?: () => boolean;
  /** The search's knobs (defaults in search.ts, measured on FET's examples); for experiments. */
  tuning?: Partial<Tuning>;
}

export type SolveStatus = 'solved' | 'timeLimit' | 'cancelled';

export interface SolveResult {
  /** solved: no hard violation; timeLimit: the best found has some; cancelled: stopped by the caller. */
  status: SolveStatus;
  timetable: Timetable;
  evaluation: Evaluation;
  /** Milliseconds (wall) to the first timetable without hard violations, null if none. */
  firstFeasibleMs: number | null;
  /** Process CPU milliseconds (user + system) to that moment, for the benchmark. */
  firstFeasibleCpuMs: number | null;
  elapsedMs: number;
  /** Moves tried. */
  iterations: number;
}

export { solve } from './search.ts';

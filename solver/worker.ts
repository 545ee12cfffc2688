// The solver inside a worker thread: receives a problem and options, posts progress and the
// result. A shared flag set by the caller stops the search (run.ts).
import { parentPort, workerData } from 'node:worker_threads';
import type { Problem } from './model.ts';
import { solve, type SolveOptions } from './solve.ts';

export interface WorkerInput {
  problem: Problem;
  options: Omit<SolveOptions, 'onProgress' | 'shouldStop'>;
  /** Int32Array over a SharedArrayBuffer: [0] = 1 asks the search to stop. */
  stop: Int32Array;
}

const input = workerData as WorkerInput;
const port = parentPort!;
try {
  const result = solve(input.problem, {
    ...input.options,
    onProgress: (p) => port.postMessage({ type: 'progress', progress: p }),
    shouldStop: () => Atomics.load(input.stop, 0) === 1,
  });
  port.postMessage({ type: 'result', result });
} catch (error) {
  port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}

// Run the solver in a worker thread (the search is CPU-bound and must not block the server):
// progress comes back as it is reported, cancel() stops the search within milliseconds, and a
// worker that does not answer within its limit plus a grace period is terminated.
import { Worker } from 'node:worker_threads';
import type { Problem } from './model.ts';
import type { Progress, SolveOptions, SolveResult } from './solve.ts';

export interface RunHandle {
  /** The solver's result; rejects only when the worker itself fails. */
  result: Promise<SolveResult>;
  /** Ask the search to stop; the result then has status "cancelled". */
  cancel(): void;
}

export type RunOptions = Omit<SolveOptions, 'onProgress' | 'shouldStop'>;

/** Milliseconds a worker may overrun its time limit before it is terminated. */
export const graceMs = 10_000;

export function runInWorker(problem: Problem, options: RunOptions, onProgress?: (p: Progress) => void): RunHandle {
  const stop = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), {
    workerData: { problem, options, stop },
  });
  let settled = false;
  const result = new Promise<SolveResult>((resolve, reject) => {
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(watchdog);
      f();
      void worker.terminate();
    };
    const watchdog = setTimeout(
      () => finish(() => reject(new Error(`Поиск расписания не ответил за ${Math.round((options.timeLimitMs + graceMs) / 1000)} с и остановлен`))),
      options.timeLimitMs + graceMs,
    );
    worker.on('message', (m: { type: 'progress'; progress: Progress } | { type: 'result'; result: SolveResult } | { type: 'error'; message: string }) => {
      if (m.type === 'progress') onProgress?.(m.progress);
      else if (m.type === 'result') finish(() => resolve(m.result));
      else finish(() => reject(new Error(m.message)));
    });
    worker.on('error', (e) => finish(() => reject(e)));
    worker.on('exit', (code) => finish(() => reject(new Error(`Поиск расписания завершился с кодом ${code}`))));
  });
  return {
    result,
    cancel: () => {
      Atomics.store(stop, 0, 1);
    },
  };
}

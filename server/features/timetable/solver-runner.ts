// Where a generation run's solver works. TEMPORARY: in the server's own thread until the worker
// runner (solver/run.ts) lands; it blocks the event loop for the run's time limit.
import { solve } from '../../../solver/solve';
import type { SolverRunner } from './runs.service';

export const workerRunner: SolverRunner = (problem, options) => {
  let stop = false;
  const result = new Promise<Awaited<ReturnType<SolverRunner>['result']>>((resolve, reject) => {
    setImmediate(() => {
      try {
        resolve(solve(problem, { ...options, shouldStop: () => stop }));
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  });
  return { result, cancel: () => { stop = true; } };
};

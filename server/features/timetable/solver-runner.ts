// Where a generation run's solver works: a worker thread (solver/run.ts), so that the server keeps
// answering while it searches.
import { runInWorker } from '../../../solver/run';
import type { SolverRunner } from './runs.service';

export const workerRunner: SolverRunner = (problem, { onProgress, ...options }) => runInWorker(problem, options, onProgress);

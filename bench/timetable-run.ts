// One run of our solver for bench:timetable, in a process of its own so that its CPU time is its
// own: reads a `.fet`, solves it with a seed and a time limit, judges the result with the
// evaluator and prints one JSON line (see RunLine). Not meant to be run by hand, though it can be,
// single-threaded as bench:timetable runs it:
//
//   node --single-threaded --import tsx bench/timetable-run.ts problem.fet --seed 1 --limit 300 [--out result_activities.xml]
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { evaluate } from '../solver/evaluate';
import { readFet } from '../solver/fet';
import { solve } from '../solver/solve';
import { writeFetActivitiesResult } from '../server/features/timetable/fet-result';

export type RunLine = {
  seed: number;
  status: string;
  /** Hard violations of the final timetable by our evaluator. */
  hard: number;
  softPenalty: number;
  /** CPU ms of reading the file, and of the search to its first timetable without hard violations. */
  readCpuMs: number;
  firstFeasibleCpuMs: number | null;
  /** CPU ms from reading the file to the end of the search (the improvement phase included). */
  cpuMs: number;
  elapsedMs: number;
  iterations: number;
};

const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function main(): void {
  const { values, positionals } = parseArgs({ options: { seed: { type: 'string' }, limit: { type: 'string' }, out: { type: 'string' } }, allowPositionals: true });
  const file = positionals[0];
  const seed = Number(values.seed ?? 1);
  const limit = Number(values.limit ?? 300);
  if (!file || !Number.isInteger(seed) || !(limit > 0)) {
    process.stderr.write('использование: timetable-run.ts ФАЙЛ.fet --seed N --limit С [--out РЕЗУЛЬТАТ.xml]\n');
    process.exit(2);
  }
  const start = cpuNow();
  const { problem } = readFet(readFileSync(file, 'utf8'));
  const readCpuMs = cpuNow() - start;
  const result = solve(problem, { seed, timeLimitMs: limit * 1000 });
  const cpuMs = cpuNow() - start;
  // Judged again by the evaluator alone, as FET's results are.
  const evaluation = evaluate(problem, result.timetable);
  if (values.out) writeFileSync(values.out, writeFetActivitiesResult(problem, result.timetable));
  const line: RunLine = {
    seed,
    status: result.status,
    hard: evaluation.hard.length,
    softPenalty: evaluation.softPenalty,
    readCpuMs,
    firstFeasibleCpuMs: result.firstFeasibleCpuMs,
    cpuMs,
    elapsedMs: result.elapsedMs,
    iterations: result.iterations,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

main();

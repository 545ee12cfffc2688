// What FET refuses to generate with: constraints of some kinds below 100% (fet-cl 6.8.5 stops with
// «Cannot optimize … weight (percentage) below 100 … Cannot precompute - data is wrong»). Found by
// running fet-cl on a small file with each kind at 80%; max hours daily below 100% only warns.
import type { ConstraintKind, Problem } from '../../../solver/model';

export const fetHardOnlyKinds: ReadonlySet<ConstraintKind> = new Set<ConstraintKind>([
  'teachersMaxGapsPerDay',
  'teachersMaxGapsPerWeek',
  'studentsMaxGapsPerDay',
  'studentsMaxGapsPerWeek',
  'teachersMaxDaysPerWeek',
  'studentsEarlyMaxBeginningsAtSecondHour',
  'teachersMinHoursDaily',
  'studentsMinHoursDaily',
]);

/** The constraints of a problem FET will not generate with, by kind and weight. */
export function fetRefusedConstraints(problem: Problem): { kind: ConstraintKind; weight: number; count: number }[] {
  const out = new Map<string, { kind: ConstraintKind; weight: number; count: number }>();
  for (const c of problem.constraints) {
    if (c.weight >= 100 || !fetHardOnlyKinds.has(c.kind)) continue;
    const key = `${c.kind}/${c.weight}`;
    const entry = out.get(key) ?? { kind: c.kind, weight: c.weight, count: 0 };
    entry.count += 1;
    out.set(key, entry);
  }
  return [...out.values()];
}

/** The same problem without the constraints FET refuses (for a file both FET and we solve alike). */
export function withoutFetRefused(problem: Problem): Problem {
  return { ...problem, constraints: problem.constraints.filter((c) => c.weight >= 100 || !fetHardOnlyKinds.has(c.kind)) };
}

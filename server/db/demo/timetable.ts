// The demo school's timetable (issue 5: «the demo school gets a generated timetable»): the year's
// problem built from the seeded tables, solved in-process with a fixed seed up to the first
// timetable without hard violations, and saved as the published version in force from 1 September.
//
// Only the first school (the one with the demo logins) is solved: the solver needs one to a few
// seconds for a school of ~900 weekly lessons, and the other schools of `otmetka demo --schools N`
// have other classes and load, so no placement can be copied to them.
import { solve } from '../../../solver/solve';
import { buildYearProblem } from '../../features/timetable/problem';
import { saveVersion } from '../../features/timetable/save';
import type { Queryable } from '../client';
import type { SchoolContext } from './generate';

/** The seed of the demo timetable: the same demo data give the same timetable. */
export const demoTimetableSeed = 1;
/** At most this long; the demo school's first timetable without hard violations comes well before. */
export const demoTimetableLimitMs = 15_000;
export const demoTimetableName = 'Основное расписание';

export async function seedTimetable(q: Queryable, ctx: SchoolContext): Promise<void> {
  if (ctx.plan.index !== 0) return;
  const year = await buildYearProblem(q, ctx.schoolId, ctx.academicYear);
  if (year.problem.activities.length === 0) return;
  const result = solve(year.problem, { seed: demoTimetableSeed, timeLimitMs: demoTimetableLimitMs, firstFeasible: true });
  await saveVersion(q, {
    schoolId: ctx.schoolId,
    academicYear: ctx.academicYear,
    name: demoTimetableName,
    status: 'published',
    validFrom: `${ctx.academicYear}-09-01`,
    year,
    timetable: result.timetable,
    evaluation: result.evaluation,
    at: new Date(),
  });
}

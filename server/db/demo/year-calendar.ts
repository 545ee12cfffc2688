// Demo year: the academic calendar with its terms, attestation periods, the mark-entry policy.
import type { Queryable } from '../client';
import type { SchoolContext } from './generate';
import type { YearSeed } from './year';

export async function seedCalendar(_q: Queryable, _ctx: SchoolContext, _year: YearSeed): Promise<void> {}

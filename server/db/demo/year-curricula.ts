// Demo year: curricula of every grade built from the federal samples, one ИУП, the extracurricular plan.
import type { Queryable } from '../client';
import type { SchoolContext } from './generate';
import type { YearSeed } from './year';

export async function seedCurricula(_q: Queryable, _ctx: SchoolContext, _year: YearSeed): Promise<void> {}

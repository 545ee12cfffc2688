// Demo year: bell schedules and shifts assigned to the classes, mark scales and control forms.
import type { Queryable } from '../client';
import type { SchoolContext } from './generate';
import type { YearSeed } from './year';

export async function seedRegimesAndControlForms(_q: Queryable, _ctx: SchoolContext, _year: YearSeed): Promise<void> {}

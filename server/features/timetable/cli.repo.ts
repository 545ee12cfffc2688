// SQL of the timetable commands: which school a command line means.
import type { Queryable } from '../../db/client';
import { schools } from '../../db/schema';

export type SchoolOfCommand = { id: string; name: string; shortName: string; timeZone: string };

/** Every school with its names (a region has thousands at most); matched by the caller, letter case aside. */
export async function listSchoolNames(db: Queryable): Promise<SchoolOfCommand[]> {
  return db.select({ id: schools.id, name: schools.name, shortName: schools.shortName, timeZone: schools.timeZone })
    .from(schools).orderBy(schools.name);
}

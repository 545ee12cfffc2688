// SQL of the school card.
import { eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { municipalities, regions, schools } from '../../db/schema';

export async function findSchoolCard(db: Queryable, schoolId: string) {
  const [row] = await db.select({
    id: schools.id, name: schools.name, shortName: schools.shortName, timeZone: schools.timeZone,
    municipalityId: municipalities.id, municipalityName: municipalities.name,
    regionId: regions.id, regionCode: regions.code, regionName: regions.name,
  }).from(schools)
    .innerJoin(municipalities, eq(municipalities.id, schools.municipalityId))
    .innerJoin(regions, eq(regions.id, municipalities.regionId))
    .where(eq(schools.id, schoolId)).limit(1);
  return row ?? null;
}

export async function updateSchool(db: Queryable, schoolId: string, values: Partial<Pick<typeof schools.$inferInsert, 'name' | 'shortName' | 'timeZone'>>): Promise<void> {
  await db.update(schools).set(values).where(eq(schools.id, schoolId));
}

// SQL of the org area: regions, municipalities, schools, employees.
import { and, count, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { employees, municipalities, regions, schools } from '../../db/schema';

export async function findOrInsertRegion(db: Queryable, code: string, name: string): Promise<string> {
  const [found] = await db.select({ id: regions.id }).from(regions).where(eq(regions.code, code)).limit(1);
  if (found) return found.id;
  const [row] = await db.insert(regions).values({ code, name }).returning({ id: regions.id });
  return row!.id;
}

export async function findOrInsertMunicipality(db: Queryable, regionId: string, name: string): Promise<string> {
  const [found] = await db.select({ id: municipalities.id }).from(municipalities)
    .where(and(eq(municipalities.regionId, regionId), eq(municipalities.name, name))).limit(1);
  if (found) return found.id;
  const [row] = await db.insert(municipalities).values({ regionId, name }).returning({ id: municipalities.id });
  return row!.id;
}

export async function insertSchool(db: Queryable, values: typeof schools.$inferInsert): Promise<typeof schools.$inferSelect> {
  const [row] = await db.insert(schools).values(values).returning();
  return row!;
}

export async function findSchool(db: Queryable, schoolId: string): Promise<typeof schools.$inferSelect | null> {
  const [row] = await db.select().from(schools).where(eq(schools.id, schoolId)).limit(1);
  return row ?? null;
}

export async function countSchools(db: Queryable): Promise<number> {
  const [row] = await db.select({ n: count() }).from(schools);
  return row?.n ?? 0;
}

export async function insertEmployee(db: Queryable, values: typeof employees.$inferInsert): Promise<void> {
  await db.insert(employees).values(values);
}

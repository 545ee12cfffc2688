// SQL of region and municipality administration: the schools of an area, their directors, and
// the area role grants themselves.
import { and, asc, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { accounts, areaRoleGrants, employees, municipalities, regions, schoolRoleGrants, schools } from '../../db/schema';
import type { AccountBrief } from './grants.repo';

export type Area = { regionId: string; municipalityId: string | null };

export async function describeAreas(db: Queryable, areas: readonly Area[]): Promise<Map<string, { region: string; municipality: string | null }>> {
  const out = new Map<string, { region: string; municipality: string | null }>();
  if (areas.length === 0) return out;
  const regionRows = await db.select({ id: regions.id, name: regions.name }).from(regions).where(inArray(regions.id, areas.map((a) => a.regionId)));
  const municipalityIds = areas.flatMap((a) => (a.municipalityId ? [a.municipalityId] : []));
  const municipalityRows = municipalityIds.length === 0 ? []
    : await db.select({ id: municipalities.id, name: municipalities.name }).from(municipalities).where(inArray(municipalities.id, municipalityIds));
  for (const a of areas) {
    out.set(`${a.regionId}/${a.municipalityId ?? ''}`, {
      region: regionRows.find((r) => r.id === a.regionId)?.name ?? '',
      municipality: a.municipalityId ? (municipalityRows.find((m) => m.id === a.municipalityId)?.name ?? '') : null,
    });
  }
  return out;
}

export type AreaSchoolRow = { id: string; name: string; shortName: string; municipality: { id: string; name: string } };

/** Schools in any of the areas: a whole region, or one municipality. */
export async function schoolsOfAreas(db: Queryable, areas: readonly Area[]): Promise<AreaSchoolRow[]> {
  if (areas.length === 0) return [];
  const reach: SQL[] = areas.map((a) => (a.municipalityId ? eq(schools.municipalityId, a.municipalityId) : eq(municipalities.regionId, a.regionId)));
  const rows = await db.select({
    id: schools.id, name: schools.name, shortName: schools.shortName, municipalityId: municipalities.id, municipalityName: municipalities.name,
  }).from(schools)
    .innerJoin(municipalities, eq(municipalities.id, schools.municipalityId))
    .where(or(...reach))
    .orderBy(asc(municipalities.name), asc(schools.shortName), asc(schools.id));
  return rows.map((r) => ({ id: r.id, name: r.name, shortName: r.shortName, municipality: { id: r.municipalityId, name: r.municipalityName } }));
}

export type DirectorRow = { schoolId: string; grantId: string; grantedAt: Date; account: AccountBrief; employeeId: string | null };

export async function directorsOf(db: Queryable, schoolIds: string[]): Promise<DirectorRow[]> {
  if (schoolIds.length === 0) return [];
  const rows = await db.select({
    schoolId: schoolRoleGrants.schoolId, grantId: schoolRoleGrants.id, grantedAt: schoolRoleGrants.grantedAt,
    account: { id: accounts.id, login: accounts.login, lastName: accounts.lastName, firstName: accounts.firstName, middleName: accounts.middleName },
    employeeId: employees.id,
  }).from(schoolRoleGrants)
    .innerJoin(accounts, eq(accounts.id, schoolRoleGrants.accountId))
    .leftJoin(employees, and(eq(employees.schoolId, schoolRoleGrants.schoolId), eq(employees.accountId, schoolRoleGrants.accountId)))
    .where(and(inArray(schoolRoleGrants.schoolId, schoolIds), eq(schoolRoleGrants.role, 'director'), isNull(schoolRoleGrants.revokedAt)))
    .orderBy(asc(schoolRoleGrants.grantedAt));
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.grantId) && seen.add(r.grantId));
}

export async function findRegionByCode(db: Queryable, code: string): Promise<{ id: string; name: string } | null> {
  const [row] = await db.select({ id: regions.id, name: regions.name }).from(regions).where(eq(regions.code, code)).limit(1);
  return row ?? null;
}

export async function findMunicipality(db: Queryable, regionId: string, name: string): Promise<{ id: string; name: string } | null> {
  const [row] = await db.select({ id: municipalities.id, name: municipalities.name }).from(municipalities)
    .where(and(eq(municipalities.regionId, regionId), eq(municipalities.name, name))).limit(1);
  return row ?? null;
}

export async function insertAreaGrant(db: Queryable, values: typeof areaRoleGrants.$inferInsert): Promise<string> {
  const [row] = await db.insert(areaRoleGrants).values(values).returning({ id: areaRoleGrants.id });
  return row!.id;
}

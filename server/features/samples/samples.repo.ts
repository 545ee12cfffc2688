// SQL of samples: the rows, their versions, who sees them, and which schools built from them.
import { and, asc, desc, eq, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { SampleKind } from '../../../contracts/samples';
import type { Queryable } from '../../db/client';
import { academicCalendars, controlForms, curricula, municipalities, regions, samples, sampleVersions, schools } from '../../db/schema';
import { visibleToSchool } from './samples.read';

export type SampleRow = typeof samples.$inferSelect;
export type SampleWithOwner = SampleRow & { regionName: string | null; municipalityName: string | null; municipalityRegionId: string | null };

/** What an area administrator reaches: a region (with its municipalities) or one municipality. */
export type Reach = { regionIds: string[]; municipalityIds: string[] };

const withOwner = {
  id: samples.id, regionId: samples.regionId, municipalityId: samples.municipalityId, kind: samples.kind, name: samples.name,
  level: samples.level, description: samples.description, version: samples.version, content: samples.content,
  builtInKey: samples.builtInKey, createdBy: samples.createdBy, createdAt: samples.createdAt, updatedAt: samples.updatedAt,
  regionName: regions.name, municipalityName: municipalities.name, municipalityRegionId: municipalities.regionId,
};

const selectWithOwner = (db: Queryable) => db.select(withOwner).from(samples)
  .leftJoin(regions, eq(regions.id, samples.regionId))
  .leftJoin(municipalities, eq(municipalities.id, samples.municipalityId));

const federal = and(isNull(samples.regionId), isNull(samples.municipalityId))!;

/**
 * Samples an area administrator sees: the federal ones, their regions' and the municipalities in
 * them, their municipalities' and the region above each (read only there).
 */
export function visibleToArea(reach: Reach, regionsAbove: string[]): SQL {
  const parts: SQL[] = [federal];
  const regionIds = [...reach.regionIds, ...regionsAbove];
  if (regionIds.length > 0) parts.push(inArray(samples.regionId, regionIds));
  if (reach.municipalityIds.length > 0) parts.push(inArray(samples.municipalityId, reach.municipalityIds));
  if (reach.regionIds.length > 0) {
    parts.push(sql`${samples.municipalityId} in (select id from ${municipalities} where ${inArray(municipalities.regionId, reach.regionIds)})`);
  }
  return or(...parts)!;
}

export async function listSamples(db: Queryable, where: SQL, kind: SampleKind | undefined): Promise<SampleWithOwner[]> {
  return selectWithOwner(db)
    .where(kind ? and(where, eq(samples.kind, kind)) : where)
    .orderBy(asc(samples.kind), sql`${samples.builtInKey} is null`, asc(samples.level), asc(samples.name), asc(samples.id));
}

export async function findSample(db: Queryable, id: string, where: SQL): Promise<SampleWithOwner | null> {
  const [row] = await selectWithOwner(db).where(and(eq(samples.id, id), where)).limit(1);
  return row ?? null;
}

export const schoolSees = (schoolId: string): SQL => visibleToSchool(schoolId)!;

export async function findByBuiltInKey(db: Queryable, key: string): Promise<SampleRow | null> {
  const [row] = await db.select().from(samples).where(eq(samples.builtInKey, key)).limit(1);
  return row ?? null;
}

export type NewSample = Pick<typeof samples.$inferInsert, 'regionId' | 'municipalityId' | 'kind' | 'name' | 'level' | 'description' | 'content' | 'builtInKey' | 'createdBy'>;

/** A new sample at version 1, that version kept in sample_versions too. Null when `ignoreTakenKey` and the built-in key exists. */
export async function insertSample(db: Queryable, values: NewSample, note: string | null, options: { ignoreTakenKey?: boolean } = {}): Promise<SampleRow | null> {
  const insert = db.insert(samples).values({ ...values, version: 1 });
  const [row] = options.ignoreTakenKey ? await insert.onConflictDoNothing({ target: samples.builtInKey }).returning() : await insert.returning();
  if (!row) return null;
  await db.insert(sampleVersions).values({ sampleId: row.id, version: 1, content: values.content, note });
  return row;
}

/**
 * Sets name, description and, when `content` is given, a new current version (`version` + 1, kept
 * in sample_versions). Only when the sample still is at `version`: null otherwise.
 */
export async function updateSample(
  db: Queryable, id: string, version: number,
  set: { name?: string | undefined; description?: string | null | undefined; content?: unknown },
  note: string | null, at: Date,
): Promise<SampleRow | null> {
  const next = set.content === undefined ? version : version + 1;
  const [row] = await db.update(samples).set({
    ...(set.name === undefined ? {} : { name: set.name }),
    ...(set.description === undefined ? {} : { description: set.description }),
    ...(set.content === undefined ? {} : { content: set.content, version: next }),
    updatedAt: at,
  }).where(and(eq(samples.id, id), eq(samples.version, version))).returning();
  if (!row) return null;
  if (set.content !== undefined) await db.insert(sampleVersions).values({ sampleId: id, version: next, content: set.content, note });
  return row;
}

export async function listVersions(db: Queryable, sampleId: string): Promise<{ version: number; note: string | null; createdAt: Date }[]> {
  return db.select({ version: sampleVersions.version, note: sampleVersions.note, createdAt: sampleVersions.createdAt })
    .from(sampleVersions).where(eq(sampleVersions.sampleId, sampleId)).orderBy(desc(sampleVersions.version));
}

export async function versionContent(db: Queryable, sampleId: string, version: number): Promise<unknown> {
  const [row] = await db.select({ content: sampleVersions.content }).from(sampleVersions)
    .where(and(eq(sampleVersions.sampleId, sampleId), eq(sampleVersions.version, version))).limit(1);
  return row?.content;
}

export async function regionOfMunicipality(db: Queryable, id: string): Promise<string | null> {
  const [row] = await db.select({ regionId: municipalities.regionId }).from(municipalities).where(eq(municipalities.id, id)).limit(1);
  return row?.regionId ?? null;
}

export type UsageRow = { schoolId: string; schoolName: string; schoolShortName: string; municipality: string; kind: 'curriculum' | 'calendar' | 'controlForms'; name: string; version: number | null };

/** Curricula, calendars and control forms built from the sample in the schools the caller reaches. */
export async function usage(db: Queryable, sampleId: string, reach: Reach): Promise<UsageRow[]> {
  const inReach = or(
    reach.regionIds.length > 0 ? inArray(municipalities.regionId, reach.regionIds) : undefined,
    reach.municipalityIds.length > 0 ? inArray(municipalities.id, reach.municipalityIds) : undefined,
  );
  if (!inReach) return [];
  const school = { schoolId: schools.id, schoolName: schools.name, schoolShortName: schools.shortName, municipality: municipalities.name };
  const [c, k, f] = await Promise.all([
    db.select({ ...school, name: curricula.name, version: curricula.sampleVersion }).from(curricula)
      .innerJoin(schools, eq(schools.id, curricula.schoolId)).innerJoin(municipalities, eq(municipalities.id, schools.municipalityId))
      .where(and(eq(curricula.sampleId, sampleId), inReach)),
    db.select({ ...school, year: academicCalendars.academicYear, version: academicCalendars.sampleVersion }).from(academicCalendars)
      .innerJoin(schools, eq(schools.id, academicCalendars.schoolId)).innerJoin(municipalities, eq(municipalities.id, schools.municipalityId))
      .where(and(eq(academicCalendars.sampleId, sampleId), inReach)),
    db.select({ ...school, name: controlForms.name, version: controlForms.sampleVersion }).from(controlForms)
      .innerJoin(schools, eq(schools.id, controlForms.schoolId)).innerJoin(municipalities, eq(municipalities.id, schools.municipalityId))
      .where(and(eq(controlForms.sampleId, sampleId), isNotNull(controlForms.sampleId), eq(controlForms.archived, false), inReach)),
  ]);
  return [
    ...c.map((r) => ({ ...r, kind: 'curriculum' as const })),
    ...k.map(({ year, ...r }) => ({ ...r, kind: 'calendar' as const, name: `Календарный учебный график ${year}/${String((year + 1) % 100).padStart(2, '0')}` })),
    ...f.map((r) => ({ ...r, kind: 'controlForms' as const })),
  ];
}

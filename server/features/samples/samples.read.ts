// Reading a sample for a school: the one function other areas use to build from a sample. A school
// sees the federal samples, its region's and its municipality's; any other id reads as missing.
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import { sampleContentOf, type SampleKind, type SampleOrigin } from '../../../contracts/samples';
import type { Queryable } from '../../db/client';
import { municipalities, samples, sampleVersions, schools } from '../../db/schema';
import { AppError } from '../../lib/errors';

export type SampleFor<K extends SampleKind> = {
  id: string;
  kind: K;
  name: string;
  version: number;
  content: ReturnType<(typeof sampleContentOf)[K]['parse']>;
};

/** Samples visible to a school: federal (no owner), its region's, its municipality's. */
export const visibleToSchool = (schoolId: string) => {
  const area = sql`(select s.municipality_id, m.region_id from ${schools} s join ${municipalities} m on m.id = s.municipality_id where s.id = ${schoolId})`;
  return or(
    and(isNull(samples.regionId), isNull(samples.municipalityId)),
    sql`${samples.regionId} = (select region_id from ${area} a)`,
    sql`${samples.municipalityId} = (select municipality_id from ${area} a)`,
  );
};

/**
 * The sample `sampleId` of kind `kind` as the school sees it, at its current version or at an older
 * `version` (to compare). 404 SAMPLE_NOT_FOUND when the school cannot see it or the kind differs.
 */
export async function readSampleForSchool<K extends SampleKind>(
  db: Queryable, schoolId: string, sampleId: string, kind: K, version?: number,
): Promise<SampleFor<K>> {
  const [row] = await db.select().from(samples).where(and(eq(samples.id, sampleId), eq(samples.kind, kind), visibleToSchool(schoolId))).limit(1);
  if (!row) throw new AppError('SAMPLE_NOT_FOUND', 404, 'Образец не найден');
  let content: unknown = row.content;
  let at = row.version;
  if (version !== undefined && version !== row.version) {
    const [old] = await db.select().from(sampleVersions).where(and(eq(sampleVersions.sampleId, sampleId), eq(sampleVersions.version, version))).limit(1);
    if (!old) throw new AppError('SAMPLE_VERSION_NOT_FOUND', 404, `Образец: нет версии ${version}`);
    content = old.content;
    at = version;
  }
  const parsed = sampleContentOf[kind].parse(content) as SampleFor<K>['content'];
  return { id: row.id, kind, name: row.name, version: at, content: parsed };
}

/** The origin line a school's object shows: which sample, which version it holds, the latest one. */
export async function sampleOriginOf(db: Queryable, sampleId: string | null, version: number | null): Promise<SampleOrigin | null> {
  if (!sampleId || version === null) return null;
  const [row] = await db.select({ name: samples.name, version: samples.version }).from(samples).where(eq(samples.id, sampleId)).limit(1);
  return row ? { sampleId, sampleName: row.name, version, latestVersion: row.version } : null;
}

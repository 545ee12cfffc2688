// Samples shipped with the product: the federal curricula (ФОП НОО, ООО, СОО). Inserted once per
// database, found again by their built-in key; when the shipped content changes (a new edition of
// the federal curriculum), the sample gets a new version and the old one stays in sample_versions.
import type { Queryable } from '../../db/client';
import { federalBasic, federalPrimary, federalSecondary, type FederalCurriculum } from './federal-curricula';
import * as repo from './samples.repo';

export const builtInSampleKeys = {
  curriculumPrimary: 'federal-curriculum-primary',
  curriculumBasic: 'federal-curriculum-basic',
  curriculumSecondary: 'federal-curriculum-secondary',
} as const;

const builtIns: readonly (FederalCurriculum & { key: string })[] = [
  { key: builtInSampleKeys.curriculumPrimary, ...federalPrimary },
  { key: builtInSampleKeys.curriculumBasic, ...federalBasic },
  { key: builtInSampleKeys.curriculumSecondary, ...federalSecondary },
];

/** JSON with its keys sorted: jsonb hands back objects in its own key order. */
export const canonicalJson = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) =>
  v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : v);

const done = new WeakMap<object, Promise<void>>();

/** Makes sure the built-in samples exist (idempotent, safe to call on every start; once per database in a process). */
export async function ensureBuiltInSamples(db: Queryable): Promise<void> {
  let pending = done.get(db);
  if (!pending) {
    pending = syncBuiltIns(db);
    done.set(db, pending);
    pending.catch(() => done.delete(db));
  }
  return pending;
}

/** Brings the built-in samples in line with the shipped content now (no memo): a start, or a test. */
export async function syncBuiltIns(db: Queryable): Promise<void> {
  for (const b of builtIns) {
    await db.transaction(async (tx) => {
      const existing = await repo.findByBuiltInKey(tx, b.key);
      if (!existing) {
        // Another process starting at the same moment may have inserted it: then nothing to do.
        await repo.insertSample(tx, {
          regionId: null, municipalityId: null, kind: 'curriculum', name: b.name, level: b.content.level,
          description: b.description, content: b.content, builtInKey: b.key, createdBy: null,
        }, 'Федеральный учебный план', { ignoreTakenKey: true });
        return;
      }
      const sameContent = canonicalJson(existing.content) === canonicalJson(b.content);
      if (sameContent && existing.name === b.name && existing.description === b.description) return;
      await repo.updateSample(tx, existing.id, existing.version, {
        name: b.name, description: b.description, ...(sameContent ? {} : { content: b.content }),
      }, 'Новая редакция федерального учебного плана', new Date());
    });
  }
}

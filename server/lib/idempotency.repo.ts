// SQL of retried writes (Idempotency-Key): the key of an account, claimed in the transaction of
// the write and completed with the answer the write gave.
import { and, eq, lt } from 'drizzle-orm';
import type { Queryable } from '../db/client';
import { idempotencyKeys } from '../db/schema';

export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;

export async function findKey(db: Queryable, accountId: string, key: string): Promise<IdempotencyRow | null> {
  const [row] = await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.accountId, accountId), eq(idempotencyKeys.key, key))).limit(1);
  return row ?? null;
}

/** Claims a key; false when another request holds it (the insert waits for that request's transaction to end). */
export async function claimKey(db: Queryable, row: typeof idempotencyKeys.$inferInsert): Promise<boolean> {
  const claimed = await db.insert(idempotencyKeys).values(row).onConflictDoNothing().returning({ key: idempotencyKeys.key });
  return claimed.length > 0;
}

export async function completeKey(db: Queryable, accountId: string, key: string, statusCode: number, response: unknown): Promise<void> {
  await db.update(idempotencyKeys).set({ statusCode, response }).where(and(eq(idempotencyKeys.accountId, accountId), eq(idempotencyKeys.key, key)));
}

/** Forgets a key older than `before` (kept for a day). */
export async function deleteKeyBefore(db: Queryable, accountId: string, key: string, before: Date): Promise<void> {
  await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.accountId, accountId), eq(idempotencyKeys.key, key), lt(idempotencyKeys.createdAt, before)));
}

// Safe retries of writes (issue 6 item 12): a request with an `Idempotency-Key` header is written
// once. The key is claimed inside the write's own transaction (a second request with the key waits
// for the first to commit and then finds it), and the answer is kept with it: a retry with the same
// key and the same request gets that answer again and writes nothing; the same key with another
// request → 422 IDEMPOTENCY_KEY_REUSED. A refused write (4xx) keeps no key, so it may be retried.
// Keys are kept for a day.
import { createHash } from 'node:crypto';
import type { Db, Tx } from '../db/client';
import { AppError } from './errors';
import * as repo from './idempotency.repo';

export const idempotencyKeyTtlMs = 24 * 60 * 60 * 1000;

/** What a write answers: its status and body. */
export type Answer<T> = { status: number; body: T };

export type IdempotencyScope = {
  accountId: string;
  schoolId: string;
  /** The header's value; none: the write is simply run once in a transaction. */
  key: string | undefined;
  /** «POST /api/v1/schools/…/journal/marks»: the method and path the key was used on. */
  route: string;
  /** The request's body (and anything else that makes two requests the same). */
  request: unknown;
  now: Date;
};

/** JSON with object keys sorted, so the same request always hashes the same. */
export function stableJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}

export const requestHash = (route: string, request: unknown): string => createHash('sha256').update(`${route}\n${stableJson(request)}`).digest('hex');

const reused = (): AppError => new AppError('IDEMPOTENCY_KEY_REUSED', 422,
  'Этот ключ повтора (Idempotency-Key) уже использован для другого запроса: для нового запроса нужен новый ключ');

class KeyTaken extends Error {}

function replay<T>(row: repo.IdempotencyRow, scope: IdempotencyScope, hash: string): Answer<T> {
  if (row.route !== scope.route || row.requestHash !== hash || row.schoolId !== scope.schoolId) throw reused();
  return { status: row.statusCode, body: row.response as T };
}

/**
 * Runs a write once per key: `write` gets the transaction the key is claimed in and returns the
 * answer; the answer is stored with the key before the transaction commits.
 */
export async function idempotent<T>(db: Db, scope: IdempotencyScope, write: (tx: Tx) => Promise<Answer<T>>): Promise<Answer<T>> {
  const key = scope.key;
  if (key === undefined) return db.transaction(write);
  const hash = requestHash(scope.route, scope.request);
  await repo.deleteKeyBefore(db, scope.accountId, key, new Date(scope.now.getTime() - idempotencyKeyTtlMs));
  const seen = await repo.findKey(db, scope.accountId, key);
  if (seen) return replay(seen, scope, hash);
  try {
    return await db.transaction(async (tx) => {
      const claimed = await repo.claimKey(tx, {
        accountId: scope.accountId, key, schoolId: scope.schoolId, route: scope.route, requestHash: hash,
        statusCode: 0, response: {}, createdAt: scope.now,
      });
      if (!claimed) throw new KeyTaken();
      const answer = await write(tx);
      // JSON as the answer goes out (dates as strings), so a replay is the same bytes.
      await repo.completeKey(tx, scope.accountId, key, answer.status, JSON.parse(JSON.stringify(answer.body)) as unknown);
      return answer;
    });
  } catch (err) {
    if (!(err instanceof KeyTaken)) throw err;
    const row = await repo.findKey(db, scope.accountId, key);
    if (!row) throw new AppError('IDEMPOTENCY_KEY_BUSY', 409, 'Этот запрос уже выполняется: повторите его через несколько секунд');
    return replay(row, scope, hash);
  }
}

// Debts («точка», SPEC C1) that expire: the day after its deadline, a debt still without a value
// becomes the lowest mark of its form's scale («2» on the five-point scale), audited as the system
// with the reason «Долг не закрыт в срок DD.MM.YYYY». `expireDebts` does it for one school or all,
// in one transaction, and may run any number of times; the queue runs it every hour for each
// school's own today, so a school in any time zone sees its debts expire within the first hour of
// the day after the deadline.
import { createHash } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { expiredDebtReason } from '../../../domain/debts';
import type { Db } from '../../db/client';
import { appendAudits } from '../../lib/audit';
import type { Clock } from '../../lib/clock';
import type { Jobs } from '../../lib/jobs';
import { localDateOf } from '../../lib/local-date';
import * as repo from './attendance.repo';

export const expireDebtsQueue = 'attendance-expire-debts';

export type ExpiredDebts = { expired: number; markIds: string[] };

/**
 * Turns every debt of the school (null: of every school) whose deadline is before `today` into a
 * mark, with one audit row each, in one transaction. Running it again changes nothing.
 */
export async function expireDebts(db: Db, schoolId: string | null, today: string, now: Date = new Date()): Promise<ExpiredDebts> {
  return db.transaction(async (tx) => {
    const rows = await repo.expireDebts(tx, schoolId, today, now);
    await appendAudits(tx, rows.map((r) => ({
      schoolId: r.schoolId,
      actorAccountId: null,
      actorRole: 'system' as const,
      entityType: 'mark' as const,
      entityId: r.id,
      action: 'update' as const,
      journalLessonId: r.journalLessonId,
      studentId: r.studentId,
      old: { value: null, fivePoint: null, isDebt: true, debtDeadline: r.deadline, version: r.version - 1 },
      new: { value: r.value, fivePoint: r.fivePoint === null ? null : Number(r.fivePoint), isDebt: false, debtDeadline: r.deadline, version: r.version },
      reason: expiredDebtReason(r.deadline),
      at: now,
    })));
    return { expired: rows.length, markIds: rows.map((r) => r.id) };
  });
}

/** Each school with a debt that may have expired, on its own today. */
export async function expireDebtsEverywhere(db: Db, now: Date): Promise<ExpiredDebts> {
  // The latest today on Earth is at most a day after UTC's: a deadline before it may have passed somewhere.
  const latest = localDateOf(new Date(now.getTime() + 86_400_000), 'UTC');
  const result: ExpiredDebts = { expired: 0, markIds: [] };
  for (const school of await repo.schoolsWithDebtsBefore(db, latest)) {
    const done = await expireDebts(db, school.id, localDateOf(now, school.timeZone), now);
    result.expired += done.expired;
    result.markIds.push(...done.markIds);
  }
  return result;
}

/** A job id of its own for each hour, so two processes queue one run per hour between them. */
const hourJobId = (at: Date): string => {
  const hex = createHash('sha256').update(`${expireDebtsQueue}:${at.toISOString().slice(0, 13)}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};
const nextHour = (at: Date): Date => new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000 + 3_600_000 + 60_000);

/**
 * Registers the job: it runs when the queue starts and then at the start of every hour (each run
 * queues the next, `startAfter`); the work is idempotent, so a run repeated after a crash is harmless.
 */
export function registerDebtExpiry({ db, jobs, clock, logger }: { db: Db; jobs: Jobs; clock: Clock; logger: FastifyBaseLogger }): void {
  const log = logger.child({ component: 'debts' });
  const queueNext = async () => {
    const at = nextHour(clock.now());
    await jobs.send(expireDebtsQueue, {}, { id: hourJobId(at), startAfter: at });
  };
  jobs.define<Record<string, never>>(expireDebtsQueue, async () => {
    try {
      const { expired } = await expireDebtsEverywhere(db, clock.now());
      if (expired > 0) log.info({ expired }, 'expired debts turned into marks');
    } finally {
      await queueNext();
    }
  }, { expireInSeconds: 15 * 60, retryLimit: 2 });
  jobs.onStart(async () => {
    await jobs.send(expireDebtsQueue, {}, { id: hourJobId(clock.now()) });
  });
}

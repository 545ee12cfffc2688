// Debts that expire, on a real database: nothing changes through the deadline; the day after, each
// open debt becomes the lowest mark of its scale («2», «незачёт» on pass/fail) with one audit row by
// the system and the reason naming the deadline; running again changes nothing; a school is
// expired on its own today; the queued job does the same by itself.
import type { FastifyBaseLogger } from 'fastify';
import { eq, inArray } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalAudit, marks, schools } from '../../db/schema';
import { ManualClock } from '../../lib/clock';
import { createJobs } from '../../lib/jobs';
import { createTestApp, type TestApp } from '../../test/app';
import { seedLessonsSchool, type LessonsSchool } from '../lessons/lessons.test-fixtures';
import { seedDebts, type DebtsFixture } from './attendance.test-fixtures';
import { expireDebts, expireDebtsEverywhere, registerDebtExpiry } from './debts';

let t: TestApp;
let s: LessonsSchool;
let d: DebtsFixture;
let other: { s: LessonsSchool; d: DebtsFixture };

const studentsOf = async (school: LessonsSchool) => {
  const members = await t.database.db.query.studyGroupMembers.findMany({ where: (m, { eq: is }) => is(m.studyGroupId, school.ids.groups.eng1) });
  const enrolled = await t.database.db.query.enrollments.findMany({ where: (e, { eq: is }) => is(e.classId, school.ids.classes.c5a) });
  const s1 = members[0]!.studentId;
  return { s1, s2: enrolled.map((e) => e.studentId).find((id) => id !== s1)! };
};

beforeAll(async () => {
  t = await createTestApp();
  s = await seedLessonsSchool(t, 'debts');
  d = await seedDebts(t.database, s, await studentsOf(s));
  const s2 = await seedLessonsSchool(t, 'debts-other');
  other = { s: s2, d: await seedDebts(t.database, s2, await studentsOf(s2)) };
}, 90_000);
afterAll(async () => { await t.close(); });

const markOf = async (id: string) => (await t.database.db.select().from(marks).where(eq(marks.id, id)))[0]!;
const auditOf = async (ids: string[]) => t.database.db.select().from(journalAudit).where(inArray(journalAudit.entityId, ids));

describe('expireDebts', () => {
  it('changes nothing on the deadline itself', async () => {
    expect(await expireDebts(t.database.db, s.schoolId, '2026-11-06')).toEqual({ expired: 0, markIds: [] });
    expect(await markOf(d.marks.s1Early)).toMatchObject({ isDebt: true, value: null, version: 1 });
  });

  it('the day after, turns each expired debt of the school into the lowest mark of its scale, with one audit row by the system', async () => {
    const at = new Date('2026-11-07T01:00:00Z');
    const done = await expireDebts(t.database.db, s.schoolId, '2026-11-07', at);
    expect(done.expired).toBe(2);
    expect(done.markIds.sort()).toEqual([d.marks.s1Early, d.marks.s1PassFail].sort());
    expect(await markOf(d.marks.s1Early)).toMatchObject({ isDebt: false, value: '2', fivePoint: '2.0', debtDeadline: '2026-11-06', version: 2, updatedAt: at });
    expect(await markOf(d.marks.s1PassFail)).toMatchObject({ isDebt: false, value: 'fail', fivePoint: null, version: 2 });
    // Not yet due, not a debt, another school: untouched.
    expect(await markOf(d.marks.s2Late)).toMatchObject({ isDebt: true, value: null, version: 1 });
    expect(await markOf(d.marks.ordinary)).toMatchObject({ value: '5', version: 1 });
    expect(await markOf(other.d.marks.s1Early)).toMatchObject({ isDebt: true, version: 1 });

    const audit = await auditOf([d.marks.s1Early]);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      schoolId: s.schoolId, actorAccountId: null, actorRole: 'system', entityType: 'mark', action: 'update',
      journalLessonId: d.lessons.math, reason: 'Долг не закрыт в срок 06.11.2026', at,
      old: { value: null, isDebt: true, debtDeadline: '2026-11-06', version: 1 },
      new: { value: '2', fivePoint: 2, isDebt: false, debtDeadline: '2026-11-06', version: 2 },
    });
  });

  it('running again changes nothing and writes no more audit', async () => {
    expect(await expireDebts(t.database.db, s.schoolId, '2026-11-07')).toEqual({ expired: 0, markIds: [] });
    expect(await expireDebts(t.database.db, s.schoolId, '2026-11-08')).toEqual({ expired: 0, markIds: [] });
    expect(await auditOf([d.marks.s1Early, d.marks.s1PassFail])).toHaveLength(2);
    expect(await markOf(d.marks.s1Early)).toMatchObject({ value: '2', version: 2 });
  });

  it('two runs at once change each debt once', async () => {
    const [a, b] = await Promise.all([
      expireDebts(t.database.db, other.s.schoolId, '2026-11-07'),
      expireDebts(t.database.db, other.s.schoolId, '2026-11-07'),
    ]);
    expect(a.expired + b.expired).toBe(2);
    expect(await auditOf([other.d.marks.s1Early, other.d.marks.s1PassFail])).toHaveLength(2);
  });
});

describe('every school on its own today', () => {
  it('expires a debt where the day after the deadline has begun, and not yet where it has not', async () => {
    // 20 November 2026, 23:30 UTC: already the 21st in Yekaterinburg (UTC+5), still the 20th in Kaliningrad (UTC+2).
    await t.database.db.update(schools).set({ timeZone: 'Europe/Kaliningrad' }).where(eq(schools.id, other.s.schoolId));
    const done = await expireDebtsEverywhere(t.database.db, new Date('2026-11-20T21:30:00Z'));
    expect(done.markIds).toEqual([d.marks.s2Late]);
    expect(await markOf(other.d.marks.s2Late)).toMatchObject({ isDebt: true });
    expect((await expireDebtsEverywhere(t.database.db, new Date('2026-11-20T22:30:00Z'))).markIds).toEqual([other.d.marks.s2Late]);
  });
});

describe('the queued job', () => {
  it('runs when the queue starts and turns an expired debt into a mark by itself', async () => {
    const db = t.database.db;
    await db.update(marks).set({ isDebt: true, value: null, fivePoint: null, debtDeadline: '2026-11-25' }).where(eq(marks.id, d.marks.ordinary));
    const logger = pino({ level: 'silent' }) as unknown as FastifyBaseLogger;
    const jobs = createJobs({ database: t.database, logger, pollingIntervalSeconds: 0.5 });
    registerDebtExpiry({ db, jobs, clock: new ManualClock(new Date('2026-11-26T03:00:00Z')), logger });
    try {
      await jobs.start();
      const end = Date.now() + 15_000;
      while ((await markOf(d.marks.ordinary)).isDebt) {
        if (Date.now() > end) throw new Error('the job did not run');
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await markOf(d.marks.ordinary)).toMatchObject({ value: '2', isDebt: false });
      expect((await auditOf([d.marks.ordinary])).map((a) => a.reason)).toEqual(['Долг не закрыт в срок 25.11.2026']);
    } finally {
      await jobs.stop();
    }
  }, 30_000);
});

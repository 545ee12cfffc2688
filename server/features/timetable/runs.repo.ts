// SQL of timetable generation runs: the run rows and their state changes (each guarded by the
// state it leaves, so that a cancel and the worker never overwrite each other), the base version's
// lessons, and the new draft version with its lessons.
import { and, desc, eq, inArray, isNotNull, lte, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { accounts, schools, timetableLessons, timetableRuns, timetables } from '../../db/schema';

export type RunRow = typeof timetableRuns.$inferSelect;
export type RunView = RunRow & {
  requestedByName: { lastName: string; firstName: string; middleName: string | null } | null;
  result: { name: string; evaluation: unknown } | null;
};
export type RunStatus = 'queued' | 'running' | 'solved' | 'timeLimit' | 'failed' | 'cancelled';

const active: RunStatus[] = ['queued', 'running'];

/** Serialises starts of runs of one school's year (one active run at a time), until the transaction ends. */
export async function lockSchoolYear(tx: Queryable, schoolId: string, academicYear: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`timetable-run:${schoolId}:${academicYear}`}))`);
}

export async function insertRun(q: Queryable, values: typeof timetableRuns.$inferInsert): Promise<string> {
  const [row] = await q.insert(timetableRuns).values(values).returning({ id: timetableRuns.id });
  return row!.id;
}

async function viewRuns(q: Queryable, where: ReturnType<typeof and>, limit: number): Promise<RunView[]> {
  const rows = await q.select({
    run: timetableRuns,
    lastName: accounts.lastName, firstName: accounts.firstName, middleName: accounts.middleName,
    resultName: timetables.name, resultEvaluation: timetables.evaluation,
  }).from(timetableRuns)
    .leftJoin(accounts, eq(accounts.id, timetableRuns.requestedBy))
    .leftJoin(timetables, and(eq(timetables.schoolId, timetableRuns.schoolId), eq(timetables.id, timetableRuns.resultTimetableId)))
    .where(where)
    .orderBy(desc(timetableRuns.createdAt), desc(timetableRuns.id))
    .limit(limit);
  return rows.map((r) => ({
    ...r.run,
    requestedByName: r.lastName !== null && r.firstName !== null ? { lastName: r.lastName, firstName: r.firstName, middleName: r.middleName } : null,
    result: r.resultName !== null ? { name: r.resultName, evaluation: r.resultEvaluation } : null,
  }));
}

export async function findRun(q: Queryable, schoolId: string, runId: string): Promise<RunView | null> {
  const [row] = await viewRuns(q, and(eq(timetableRuns.schoolId, schoolId), eq(timetableRuns.id, runId)), 1);
  return row ?? null;
}

/** Latest first. */
export function listRuns(q: Queryable, schoolId: string, academicYear: number, limit: number): Promise<RunView[]> {
  return viewRuns(q, and(eq(timetableRuns.schoolId, schoolId), eq(timetableRuns.academicYear, academicYear)), limit);
}

export async function activeRun(q: Queryable, schoolId: string, academicYear: number): Promise<RunRow | null> {
  const [row] = await q.select().from(timetableRuns)
    .where(and(eq(timetableRuns.schoolId, schoolId), eq(timetableRuns.academicYear, academicYear), inArray(timetableRuns.status, active)))
    .limit(1);
  return row ?? null;
}

/** queued → running; false when the run is no longer queued (cancelled, or taken already). */
export async function claimRun(q: Queryable, schoolId: string, runId: string, at: Date): Promise<boolean> {
  const rows = await q.update(timetableRuns).set({ status: 'running', startedAt: at })
    .where(and(eq(timetableRuns.schoolId, schoolId), eq(timetableRuns.id, runId), eq(timetableRuns.status, 'queued')))
    .returning({ id: timetableRuns.id });
  return rows.length > 0;
}

/** The worker's report; false when the run is no longer running (cancelled meanwhile). */
export async function writeProgress(q: Queryable, schoolId: string, runId: string, progress: object): Promise<boolean> {
  const rows = await q.update(timetableRuns).set({ progress })
    .where(and(eq(timetableRuns.schoolId, schoolId), eq(timetableRuns.id, runId), eq(timetableRuns.status, 'running')))
    .returning({ id: timetableRuns.id });
  return rows.length > 0;
}

/** Ends a run that is in one of `from`; false when it is not (somebody ended it first). */
export async function finishRun(
  q: Queryable, schoolId: string, runId: string, from: readonly RunStatus[],
  values: Pick<typeof timetableRuns.$inferInsert, 'status' | 'finishedAt'> & Partial<Pick<typeof timetableRuns.$inferInsert, 'progress' | 'diagnosis' | 'resultTimetableId' | 'error'>>,
): Promise<boolean> {
  const rows = await q.update(timetableRuns).set(values)
    .where(and(eq(timetableRuns.schoolId, schoolId), eq(timetableRuns.id, runId), inArray(timetableRuns.status, [...from])))
    .returning({ id: timetableRuns.id });
  return rows.length > 0;
}

/**
 * Runs left `running` by a process that is gone: its last report (progress.at, else the start) is
 * before `before` (any, when null) — of one school and year, or of every school when `scope` is
 * null. Ends them failed with `error` and gives their ids.
 */
export async function failStaleRuns(q: Queryable, scope: { schoolId: string; academicYear: number } | null, before: Date | null, error: string, at: Date): Promise<string[]> {
  const lastSign = sql`coalesce((${timetableRuns.progress}->>'at')::timestamptz, ${timetableRuns.startedAt}, ${timetableRuns.createdAt})`;
  const rows = await q.update(timetableRuns).set({ status: 'failed', error, finishedAt: at })
    .where(and(
      eq(timetableRuns.status, 'running'),
      scope ? and(eq(timetableRuns.schoolId, scope.schoolId), eq(timetableRuns.academicYear, scope.academicYear)) : undefined,
      before ? sql`${lastSign} < ${before.toISOString()}::timestamptz` : undefined,
    ))
    .returning({ id: timetableRuns.id });
  return rows.map((r) => r.id);
}

/** Every queued run of every school (their jobs are sent again at start-up; the same id makes no second job). */
export function queuedRuns(q: Queryable): Promise<{ schoolId: string; id: string; timeLimitSeconds: number }[]> {
  return q.select({ schoolId: timetableRuns.schoolId, id: timetableRuns.id, timeLimitSeconds: timetableRuns.timeLimitSeconds })
    .from(timetableRuns).where(eq(timetableRuns.status, 'queued'));
}

export async function schoolTimeZone(q: Queryable, schoolId: string): Promise<string> {
  const [row] = await q.select({ timeZone: schools.timeZone }).from(schools).where(eq(schools.id, schoolId)).limit(1);
  return row?.timeZone ?? 'Europe/Moscow';
}

// --- Versions ---------------------------------------------------------------------------------

export type VersionRef = { id: string; academicYear: number; status: string; validFrom: string | null };

export async function findVersion(q: Queryable, schoolId: string, id: string): Promise<VersionRef | null> {
  const [row] = await q.select({ id: timetables.id, academicYear: timetables.academicYear, status: timetables.status, validFrom: timetables.validFrom })
    .from(timetables).where(and(eq(timetables.schoolId, schoolId), eq(timetables.id, id))).limit(1);
  return row ?? null;
}

/** The published version in force on a date, else the newest version of the year (not archived). */
export async function defaultBase(q: Queryable, schoolId: string, academicYear: number, today: string): Promise<VersionRef | null> {
  const cols = { id: timetables.id, academicYear: timetables.academicYear, status: timetables.status, validFrom: timetables.validFrom };
  const year = and(eq(timetables.schoolId, schoolId), eq(timetables.academicYear, academicYear));
  const [inForce] = await q.select(cols).from(timetables)
    .where(and(year, eq(timetables.status, 'published'), isNotNull(timetables.validFrom), lte(timetables.validFrom, today)))
    .orderBy(desc(timetables.validFrom)).limit(1);
  if (inForce) return inForce;
  const [newest] = await q.select(cols).from(timetables)
    .where(and(year, or(eq(timetables.status, 'draft'), eq(timetables.status, 'published'))))
    .orderBy(desc(timetables.createdAt), desc(timetables.id)).limit(1);
  return newest ?? null;
}

export type BaseLesson = { activityKey: string | null; weekday: number; lessonNumber: number; roomId: string | null; locked: boolean };

export function baseLessons(q: Queryable, schoolId: string, timetableId: string): Promise<BaseLesson[]> {
  return q.select({
    activityKey: timetableLessons.activityKey, weekday: timetableLessons.weekday, lessonNumber: timetableLessons.lessonNumber,
    roomId: timetableLessons.roomId, locked: timetableLessons.locked,
  }).from(timetableLessons).where(and(eq(timetableLessons.schoolId, schoolId), eq(timetableLessons.timetableId, timetableId)));
}

export async function insertVersion(q: Queryable, values: typeof timetables.$inferInsert): Promise<string> {
  const [row] = await q.insert(timetables).values(values).returning({ id: timetables.id });
  return row!.id;
}

export async function insertLessons(q: Queryable, rows: (typeof timetableLessons.$inferInsert)[]): Promise<void> {
  // In slices: a large school has about a thousand lessons, each with many columns.
  for (let i = 0; i < rows.length; i += 500) await q.insert(timetableLessons).values(rows.slice(i, i + 500));
}

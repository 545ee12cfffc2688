// Generation runs of the timetable (SPEC B12) as background jobs. Starting a run builds the year's
// problem at once: nothing to place → 409; impossible (diagnosis before search) → the run ends
// failed with the diagnosis and no search. Otherwise the run is queued; the job claims it, solves
// in a worker thread with the base version's locked lessons (and, when only some grades are
// placed, every lesson of the other grades) pinned where they are, reports progress (≤ 2 writes a
// second), and saves the result as a new draft version in the same transaction that ends the run.
//
// Every state change is guarded by the state it leaves, so a cancel and the worker never
// overwrite each other; a worker in another process learns of a cancel when its next progress
// write finds the run no longer running. Handlers are idempotent: a job whose run is not queued
// does nothing. A run left `running` by a process that died is ended failed (a search is not
// resumed: a person starts it again); a queued run survives a restart and is worked after it.
import type { FastifyBaseLogger } from 'fastify';
import {
  activeRunStatuses, defaultRunSeconds, type StartTimetableRunBody, type TimetableRunDto, type TimetableRunListDto,
  type TimetableRunListQuery, type TimetableRunProgressDto,
} from '../../../contracts/timetable-runs';
import type { TimetableIssueDto } from '../../../contracts/timetable';
import { diagnose } from '../../../solver/diagnose';
import type { Problem } from '../../../solver/model';
import type { Pin, Progress, SolveOptions, SolveResult } from '../../../solver/solve';
import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { AppError, forbidden, notFound } from '../../lib/errors';
import type { Jobs } from '../../lib/jobs';
import type { Access } from '../access/access.service';
import { buildYearProblem, lessonToPeriod, shiftOfLesson, type YearProblem } from './problem';
import * as repo from './runs.repo';
import { draftName, saveVersion } from './save';

export const runQueue = 'timetable-run';
const cancelledMeanwhile = new Error('the run was cancelled while its result was being saved');
type RunJob = { schoolId: string; runId: string };

/** Starts the solver somewhere (a worker thread in the server) and gives its result and a way to stop it. */
export type SolverRunner = (
  problem: Problem,
  options: Pick<SolveOptions, 'seed' | 'timeLimitMs' | 'pins'> & { onProgress: (p: Progress) => void },
) => { result: Promise<SolveResult>; cancel(): void };

/** A running run whose last sign of life is older than this is taken for dead. */
export const staleAfterMs = 30_000;
/** Progress writes: at most two a second. */
export const progressEveryMs = 500;

export const interruptedMessage = 'Расчёт прерван: сервер был остановлен или перезапущен во время расчёта. Запустите расчёт снова.';
const internalErrorMessage = 'Не удалось составить расписание из-за внутренней ошибки сервера. Запустите расчёт снова; если ошибка повторится, сообщите в поддержку.';
const impossibleMessage = 'Задача невыполнима: исправьте то, что перечислено в диагностике, и запустите расчёт снова.';

const yearLabel = (y: number): string => `${y}/${String(y + 1).slice(2)}`;
const nothingToPlace = (y: number): AppError => new AppError('TIMETABLE_NOTHING_TO_PLACE', 409,
  `В ${yearLabel(y)} учебном году нет уроков для расписания: сначала заполните учебную нагрузку («Учебный год» → «Нагрузка»).`);

type FieldIssue = { path: string; code: string; message: string };
const invalid = (issues: FieldIssue[]): AppError => new AppError('VALIDATION_FAILED', 400, issues[0]!.message, issues);

/** The diagnosis as the API says it: the teacher and class by name. */
export function diagnosisOf(problem: Problem): TimetableIssueDto[] {
  return diagnose(problem).map((i) => ({
    code: i.code, message: i.message,
    ...(i.teacher !== undefined ? { teacher: problem.teachers[i.teacher]!.name } : {}),
    ...(i.studentsSet !== undefined ? { studentsSet: problem.studentsSets[i.studentsSet]!.name } : {}),
    ...(i.activity !== undefined ? { activity: problem.activities[i.activity]!.id } : {}),
  }));
}

/** The grades an activity's students belong to (a subgroup's class, a stream's classes). */
export function gradesOfActivity(year: Pick<YearProblem, 'problem' | 'refs'>, activity: number): number[] {
  const { problem, refs } = year;
  const grades = new Set<number>();
  for (const s of problem.activities[activity]!.studentsSets) {
    const classId = refs.classOfSet[s] ?? problem.studentsSets[s]!.parents.map((p) => refs.classOfSet[p]).find((c) => c != null) ?? null;
    const grade = classId ? refs.gradeOfClass.get(classId) : undefined;
    if (grade !== undefined) grades.add(grade);
  }
  return [...grades];
}

/**
 * The pins of a run: the base version's locked lessons, and with `grades` every lesson of the other
 * grades, each where the base has it (its room too when the room is still in the problem).
 */
export function pinsOf(year: Pick<YearProblem, 'problem' | 'refs'>, base: readonly repo.BaseLesson[], grades: readonly number[] | null): { pins: Pin[]; locked: Set<string> } {
  const { problem, refs } = year;
  const activityOfKey = new Map(refs.activities.map((a, i) => [a.key, i]));
  const roomIndex = new Map(refs.rooms.map((id, i) => [id, i]));
  const days = problem.days.length;
  const periods = problem.periods.length;
  const pins: Pin[] = [];
  const locked = new Set<string>();
  const pinned = new Set<number>();
  for (const l of base) {
    if (l.activityKey === null) continue;
    const activity = activityOfKey.get(l.activityKey);
    if (activity === undefined || pinned.has(activity)) continue;
    const outside = grades !== null && !gradesOfActivity(year, activity).some((g) => grades.includes(g));
    if (!l.locked && !outside) continue;
    const day = l.weekday - 1;
    // Lesson numbers count within the class's shift (problem.ts).
    const period = lessonToPeriod(refs.shifts, shiftOfLesson(refs, refs.activities[activity]!), l.lessonNumber);
    // A lesson the grid no longer holds (fewer days or lessons now) is placed anew.
    if (day < 0 || day >= days || period < 0 || period + problem.activities[activity]!.duration > periods) continue;
    pins.push({ activity, day, period, room: l.roomId ? roomIndex.get(l.roomId) ?? -1 : -1 });
    pinned.add(activity);
    if (l.locked) locked.add(l.activityKey);
  }
  return { pins, locked };
}

/** The last report made whole from the result: placed = lessons with no hard violation of their own. */
export function finalProgress(problem: Problem, result: SolveResult, last: Progress | null): TimetableRunProgressDto {
  const total = problem.activities.filter((a) => a.active).length;
  const troubled = new Set<number>();
  for (const v of result.evaluation.hard) for (const a of v.activities) troubled.add(a);
  return {
    phase: last?.phase ?? 'improve',
    placed: Math.max(0, total - troubled.size),
    total,
    hard: result.evaluation.hard.reduce((n, v) => n + v.amount, 0),
    softPenalty: Math.round(result.evaluation.softPenalty * 100) / 100,
    elapsedMs: Math.round(result.elapsedMs),
  };
}

const progressDto = (value: unknown): TimetableRunProgressDto | null => {
  if (typeof value !== 'object' || value === null) return null;
  const p = value as Partial<TimetableRunProgressDto>;
  if (typeof p.placed !== 'number' || typeof p.total !== 'number') return null;
  return {
    phase: p.phase === 'repair' || p.phase === 'improve' ? p.phase : 'construct',
    placed: p.placed, total: p.total, hard: p.hard ?? 0, softPenalty: Math.round((p.softPenalty ?? 0) * 100) / 100, elapsedMs: Math.round(p.elapsedMs ?? 0),
  };
};

const personName = (n: { lastName: string; firstName: string; middleName: string | null }): string =>
  `${n.lastName} ${[n.firstName, n.middleName ?? ''].filter((p) => p.length > 0).map((p) => `${p[0]}.`).join(' ')}`.trim();

function runDto(r: repo.RunView): TimetableRunDto {
  const scope = (r.scope ?? {}) as { grades?: number[] };
  const evaluation = (r.result?.evaluation ?? null) as { hard?: unknown; softPenalty?: unknown } | null;
  return {
    id: r.id,
    academicYear: r.academicYear,
    status: r.status as TimetableRunDto['status'],
    grades: Array.isArray(scope.grades) ? scope.grades : null,
    baseTimetableId: r.baseTimetableId,
    seed: r.seed,
    timeLimitSeconds: r.timeLimitSeconds,
    progress: progressDto(r.progress),
    diagnosis: Array.isArray(r.diagnosis) ? (r.diagnosis as TimetableIssueDto[]) : null,
    result: r.resultTimetableId && r.result ? {
      timetableId: r.resultTimetableId,
      name: r.result.name,
      hard: typeof evaluation?.hard === 'number' ? evaluation.hard : 0,
      softPenalty: typeof evaluation?.softPenalty === 'number' ? evaluation.softPenalty : 0,
    } : null,
    error: r.error,
    requestedBy: r.requestedByName ? personName(r.requestedByName) : null,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

export type RunsDeps = {
  db: Db;
  kind: 'pglite' | 'postgres';
  jobs: Jobs;
  clock: Clock;
  logger: FastifyBaseLogger;
  runner: SolverRunner;
  /** A seed when the request gives none. */
  randomSeed?: () => number;
};

export function createRunsService({ db, kind, jobs, clock, logger, runner, randomSeed = () => Math.floor(Math.random() * 2147483647) }: RunsDeps) {
  const log = logger.child({ component: 'timetable-runs' });
  /** Runs solving in this process, to stop them at once on cancel or shutdown. */
  const local = new Map<string, { cancel(): void; interrupted: boolean }>();
  let stopping = false;

  const runNotFound = (): never => notFound('TIMETABLE_RUN_NOT_FOUND', 'Расчёт расписания не найден');

  async function view(schoolId: string, runId: string): Promise<TimetableRunDto> {
    return runDto(await repo.findRun(db, schoolId, runId) ?? runNotFound());
  }

  const failStale = (scope: { schoolId: string; academicYear: number } | null, before: Date | null = new Date(clock.now().getTime() - staleAfterMs)) =>
    repo.failStaleRuns(db, scope, before, interruptedMessage, clock.now());

  const assertReadsRuns = (access: Access): void => {
    // Runs are the administration's and the staff's work, not something a family reads.
    if (!access.wholeSchool) forbidden('Расчёты расписания видят только сотрудники школы');
  };

  // --- The job --------------------------------------------------------------------------------

  async function fail(schoolId: string, runId: string, fields: { error: string; diagnosis?: TimetableIssueDto[] }): Promise<void> {
    await repo.finishRun(db, schoolId, runId, ['running'], { status: 'failed', finishedAt: clock.now(), ...fields });
  }

  async function work({ schoolId, runId }: RunJob): Promise<void> {
    // Idempotent: a run that is not queued (cancelled, taken, over) is left as it is.
    if (!await repo.claimRun(db, schoolId, runId, clock.now())) return;
    const run = await repo.findRun(db, schoolId, runId);
    if (!run) return;
    try {
      const year = await buildYearProblem(db, schoolId, run.academicYear);
      const { problem } = year;
      if (problem.activities.length === 0) return await fail(schoolId, runId, { error: nothingToPlace(run.academicYear).message });
      const diagnosis = diagnosisOf(problem);
      if (diagnosis.length > 0) return await fail(schoolId, runId, { error: impossibleMessage, diagnosis });
      const grades = ((run.scope ?? {}) as { grades?: number[] }).grades ?? null;
      const base = run.baseTimetableId ? await repo.baseLessons(db, schoolId, run.baseTimetableId) : [];
      const { pins, locked } = pinsOf(year, base, grades);

      let last: Progress | null = null;
      let lastWrite = 0;
      let writing = false;
      const entry = { cancel: () => {}, interrupted: false };
      const onProgress = (p: Progress): void => {
        last = p;
        const now = Date.now();
        if (writing || now - lastWrite < progressEveryMs) return;
        writing = true;
        lastWrite = now;
        const report = { ...p, softPenalty: Math.round(p.softPenalty * 100) / 100, at: clock.now().toISOString() };
        repo.writeProgress(db, schoolId, runId, report)
          .then((running) => { if (!running) entry.cancel(); })
          .catch((err: unknown) => log.warn({ err, runId }, 'progress not written'))
          .finally(() => { writing = false; });
      };
      if (stopping) return await fail(schoolId, runId, { error: interruptedMessage });
      const handle = runner(problem, { seed: run.seed, timeLimitMs: run.timeLimitSeconds * 1000, pins, onProgress });
      entry.cancel = () => handle.cancel();
      local.set(runId, entry);
      let result: SolveResult;
      try {
        result = await handle.result;
      } finally {
        local.delete(runId);
      }
      if (entry.interrupted) return await fail(schoolId, runId, { error: interruptedMessage });
      // Cancelled by a person: the run says so already.
      if (result.status === 'cancelled') return;

      const at = clock.now();
      const progress = { ...finalProgress(problem, result, last), at: at.toISOString() };
      const status = result.evaluation.hard.length === 0 ? 'solved' : 'timeLimit';
      const timeZone = await repo.schoolTimeZone(db, schoolId);
      const saved = await db.transaction(async (tx) => {
        const timetableId = await saveVersion(tx, {
          schoolId, academicYear: run.academicYear, name: draftName(at, timeZone), status: 'draft', runId,
          createdBy: run.requestedBy, year, timetable: result.timetable, evaluation: result.evaluation, locked, at,
        });
        const ended = await repo.finishRun(tx, schoolId, runId, ['running'], { status, finishedAt: at, progress, resultTimetableId: timetableId });
        // Cancelled while saving: the draft goes with the transaction.
        if (!ended) throw cancelledMeanwhile;
        return true;
      }).catch((err: unknown) => {
        if (err === cancelledMeanwhile) return false;
        throw err;
      });
      if (saved) log.info({ runId, status, hard: progress.hard, elapsedMs: progress.elapsedMs }, 'timetable run finished');
    } catch (err) {
      log.error({ err, runId }, 'timetable run failed');
      await fail(schoolId, runId, { error: internalErrorMessage }).catch(() => undefined);
    }
  }

  jobs.define<RunJob>(runQueue, work, { expireInSeconds: 3600 + 15 * 60, retryLimit: 0 });

  jobs.onStart(async () => {
    // The embedded database has one process (its folder is locked): every running run is an orphan.
    const ids = await failStale(null, kind === 'pglite' ? null : undefined);
    if (ids.length > 0) log.warn({ runs: ids.length }, 'timetable runs interrupted by a restart marked failed');
    // A queued run's job may be missing if the process died between the two writes; the run id is
    // the job id, so sending it again makes no second job.
    for (const r of await repo.queuedRuns(db)) {
      await jobs.send<RunJob>(runQueue, { schoolId: r.schoolId, runId: r.id }, { id: r.id });
    }
  });

  jobs.onStop(() => {
    stopping = true;
    for (const entry of local.values()) {
      entry.interrupted = true;
      entry.cancel();
    }
  });

  // --- The API --------------------------------------------------------------------------------

  async function start(access: Access, body: StartTimetableRunBody): Promise<TimetableRunDto> {
    const { schoolId } = access.actor;
    const academicYear = body.academicYear ?? access.actor.academicYear;
    const grades = body.grades ? [...body.grades].sort((a, b) => a - b) : null;

    const year = await buildYearProblem(db, schoolId, academicYear);
    if (year.problem.activities.length === 0) throw nothingToPlace(academicYear);

    const issues: FieldIssue[] = [];
    const gradesOfYear = new Set(year.refs.gradeOfClass.values());
    body.grades?.forEach((g, i) => {
      if (!gradesOfYear.has(g)) issues.push({ path: `grades.${i}`, code: 'GRADE_NOT_FOUND', message: `Параллели: в ${yearLabel(academicYear)} учебном году нет классов ${g}-й параллели` });
    });
    let baseId: string | null = null;
    if (body.baseTimetableId) {
      const base = await repo.findVersion(db, schoolId, body.baseTimetableId);
      if (!base || base.academicYear !== academicYear) {
        issues.push({ path: 'baseTimetableId', code: 'TIMETABLE_NOT_FOUND', message: `Основа: нет такой версии расписания в ${yearLabel(academicYear)} учебном году` });
      } else baseId = base.id;
    } else {
      baseId = (await repo.defaultBase(db, schoolId, academicYear, access.actor.today))?.id ?? null;
    }
    if (issues.length > 0) throw invalid(issues);
    if (grades && baseId === null) {
      throw new AppError('TIMETABLE_BASE_MISSING', 409,
        'Чтобы составить расписание отдельных параллелей, нужна версия, где расставлены остальные: сначала составьте расписание всей школы.');
    }

    const diagnosis = diagnosisOf(year.problem);
    const now = clock.now();
    const runId = await db.transaction(async (tx) => {
      await repo.lockSchoolYear(tx, schoolId, academicYear);
      await repo.failStaleRuns(tx, { schoolId, academicYear }, new Date(now.getTime() - staleAfterMs), interruptedMessage, now);
      if (await repo.activeRun(tx, schoolId, academicYear)) {
        throw new AppError('TIMETABLE_RUN_ACTIVE', 409, 'Расписание этого учебного года уже составляется: дождитесь конца расчёта или остановите его.');
      }
      return repo.insertRun(tx, {
        schoolId, academicYear,
        scope: grades ? { grades } : {},
        baseTimetableId: baseId,
        seed: body.seed ?? randomSeed(),
        timeLimitSeconds: body.timeLimitSeconds ?? defaultRunSeconds,
        requestedBy: access.actor.accountId,
        createdAt: now,
        ...(diagnosis.length > 0 ? { status: 'failed', diagnosis, error: impossibleMessage, finishedAt: now } : { status: 'queued' }),
      });
    });
    // The answer is the run as it was made: once sent, a worker may already be running it.
    const made = await view(schoolId, runId);
    if (diagnosis.length === 0) {
      try {
        await jobs.send<RunJob>(runQueue, { schoolId, runId }, { id: runId });
      } catch (err) {
        await repo.finishRun(db, schoolId, runId, ['queued'], { status: 'failed', finishedAt: clock.now(), error: internalErrorMessage });
        throw err;
      }
    }
    return made;
  }

  async function list(access: Access, query: TimetableRunListQuery): Promise<TimetableRunListDto> {
    assertReadsRuns(access);
    const academicYear = query.academicYear ?? access.actor.academicYear;
    await failStale({ schoolId: access.actor.schoolId, academicYear });
    const items = (await repo.listRuns(db, access.actor.schoolId, academicYear, 50)).map(runDto);
    return { items, total: items.length };
  }

  async function get(access: Access, runId: string): Promise<TimetableRunDto> {
    assertReadsRuns(access);
    const { schoolId } = access.actor;
    const run = await repo.findRun(db, schoolId, runId) ?? runNotFound();
    const lastSign = (run.progress as { at?: string } | null)?.at ?? run.startedAt?.toISOString() ?? null;
    if (run.status === 'running' && !local.has(runId) && lastSign !== null && Date.parse(lastSign) < clock.now().getTime() - staleAfterMs) {
      await failStale({ schoolId, academicYear: run.academicYear });
      return view(schoolId, runId);
    }
    return runDto(run);
  }

  async function cancel(access: Access, runId: string): Promise<TimetableRunDto> {
    const { schoolId } = access.actor;
    const run = await repo.findRun(db, schoolId, runId) ?? runNotFound();
    const stopped = await repo.finishRun(db, schoolId, runId, activeRunStatuses as repo.RunStatus[], { status: 'cancelled', finishedAt: clock.now() });
    if (!stopped) throw new AppError('TIMETABLE_RUN_FINISHED', 409, 'Расчёт уже завершён: остановить можно только расчёт в очереди или в работе.');
    local.get(runId)?.cancel();
    if (run.status === 'queued') await jobs.cancel(runQueue, runId).catch((err: unknown) => log.warn({ err, runId }, 'queued job not cancelled'));
    return view(schoolId, runId);
  }

  return { start, list, get, cancel, work };
}

export type RunsService = ReturnType<typeof createRunsService>;

// Rules of imports (SPEC A2): a file becomes a job; its rows are analysed in the background of
// this process (progress in processed_rows); the admin reads the dry-run report and applies it
// once, in one transaction, with a security event.
//
// A job whose analysis nobody runs any more (the process stopped) must not look busy forever:
// - on start with the embedded database (one process owns its folder, so nothing else can be
//   analysing) every `analysing` job is marked failed;
// - whenever jobs are read, an `analysing` job older than `abandonAfterMs` that this process is
//   not running is marked failed (with PostgreSQL several processes may share the database).
// Either way the admin sees «загрузите файл ещё раз»; nothing was written to the school's records.
import { createHash } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { uuidv7 } from 'uuidv7';
import {
  fieldsOfKind, importFields, type ImportCounts, type ImportField, type ImportJobDto, type ImportJobListDto, type ImportKind,
  type ImportMapping, type ImportRowDto, type ImportRowListDto, type ImportRowsQuery,
} from '../../../contracts/imports';
import type { Database, Db, Queryable } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { AppError, notFound } from '../../lib/errors';
import type { Access } from '../access/access.service';
import { insertSecurityEvent } from '../identity/identity.repo';
import type { RequestMeta } from '../identity/identity.service';
import * as repo from './imports.repo';
import { createPlanner, decisionOf, type PlannedRow, type WriteSet } from './plan';
import { nameOf, readRow, type RowData, type StudentData } from './rows';
import { readTableFile, tableOfJson, jsonObjects, type Table } from './table';

export type ImportServiceDeps = { database: Database; clock: Clock; log?: FastifyBaseLogger; abandonAfterMs?: number };

/** Rows analysed between two progress updates. */
const progressEvery = 1000;
const defaultAbandonAfterMs = 15 * 60_000;

const interrupted = { code: 'ANALYSIS_INTERRUPTED', message: 'Проверка файла прервалась: сервер перезапускался. Загрузите файл ещё раз' };
const jobNotFound = (): never => notFound('IMPORT_NOT_FOUND', 'Загрузка не найдена');

const emptyCounts = (): ImportCounts => ({ create: 0, update: 0, unchanged: 0, rejected: 0, warnings: 0 });
const countsOf = (raw: Record<string, number> | null | undefined): ImportCounts => ({ ...emptyCounts(), ...(raw ?? {}) });

/** The day before a "YYYY-MM-DD" date. */
export const dayBefore = (date: string): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

// The job's `mapping` keeps the columns in file order: jsonb does not keep key order, so each
// key is "<position>\t<title>" and each value a field, '' (no field knows the title) or '-'
// (ignored by the admin's mapping).
const mappingOf = (table: Table, explicit: ImportMapping): Record<string, string> => {
  const ignored = new Set(Object.entries(explicit).filter(([, f]) => f === null).map(([t]) => t.trim().toLowerCase()));
  const out: Record<string, string> = {};
  table.headers.forEach((title, i) => {
    if (title === '') return;
    out[`${i}\t${title}`] = table.columns[i] ?? (ignored.has(title.trim().toLowerCase()) ? '-' : '');
  });
  return out;
};

const columnsOf = (mapping: Record<string, string> | null): { columns: ImportJobDto['columns']; unknownColumns: string[] } => {
  const entries = Object.entries(mapping ?? {})
    .map(([key, field]) => ({ at: Number(key.slice(0, key.indexOf('\t'))), column: key.slice(key.indexOf('\t') + 1), field }))
    .sort((a, b) => a.at - b.at);
  const known = new Set<string>(importFields);
  return {
    columns: entries.map((e) => ({ column: e.column, field: known.has(e.field) ? (e.field as ImportField) : null })),
    unknownColumns: entries.filter((e) => e.field === '').map((e) => e.column),
  };
};

const toDto = (job: repo.JobRow): ImportJobDto => ({
  id: job.id,
  kind: job.kind as ImportKind,
  format: job.format as ImportJobDto['format'],
  status: job.status as ImportJobDto['status'],
  fileName: job.fileName,
  fileSize: job.fileSize,
  totalRows: job.totalRows,
  processedRows: job.processedRows,
  counts: countsOf(job.counts),
  appliedCounts: job.appliedCounts ? countsOf(job.appliedCounts) : null,
  ...columnsOf(job.mapping),
  errorCode: job.errorCode,
  errorMessage: job.errorMessage,
  createdAt: job.createdAt.toISOString(),
  analysedAt: job.analysedAt?.toISOString() ?? null,
  appliedAt: job.appliedAt?.toISOString() ?? null,
});

const rowDto = (r: repo.StoredRow): ImportRowDto => ({
  rowNumber: r.rowNumber,
  outcome: r.outcome as ImportRowDto['outcome'],
  name: nameOf(r.data),
  reasons: r.reasons,
  warnings: r.warnings,
  changedFields: r.changedFields ?? [],
  data: r.data,
  targetId: r.targetId,
  applied: r.applied,
});

/** What a caller uploads: a file's bytes or the rows of a JSON request. */
export type UploadInput =
  | { kind: ImportKind; fileName: string | null; mapping: ImportMapping; bytes: Uint8Array }
  | { kind: ImportKind; fileName: string | null; mapping: ImportMapping; json: unknown };

export function createImportService({ database, clock, log, abandonAfterMs = defaultAbandonAfterMs }: ImportServiceDeps) {
  const db: Db = database.db;
  /** Analyses this process runs, by job id. */
  const running = new Map<string, { done: Promise<void>; stop: boolean }>();

  const checkMapping = (kind: ImportKind, mapping: ImportMapping): void => {
    const allowed = new Set<string>(fieldsOfKind[kind]);
    const foreign = Object.values(mapping).filter((f) => f !== null && !allowed.has(f));
    if (foreign.length > 0) throw new AppError('MAPPING_INVALID', 400, `Поля ${foreign.map((f) => `«${f}»`).join(', ')} не относятся к этому виду загрузки`);
  };

  /** Reads the upload (400 for a file that cannot be taken), records the job and starts its analysis. */
  async function upload(access: Access, input: UploadInput): Promise<ImportJobDto> {
    const { actor } = access;
    checkMapping(input.kind, input.mapping);
    let table: Table;
    let size: number;
    let sha256: string | null = null;
    if ('bytes' in input) {
      table = await readTableFile({ bytes: input.bytes, fileName: input.fileName, kind: input.kind, mapping: input.mapping });
      size = input.bytes.byteLength;
      sha256 = createHash('sha256').update(input.bytes).digest('hex');
    } else {
      table = tableOfJson(input.kind, jsonObjects(input.json), input.mapping);
      size = 0;
    }
    const job = await repo.insertJob(db, {
      schoolId: actor.schoolId,
      id: uuidv7(),
      kind: input.kind,
      format: table.format,
      status: 'analysing',
      fileName: input.fileName,
      fileSize: size,
      fileSha256: sha256,
      mapping: mappingOf(table, input.mapping),
      totalRows: table.rows.length,
      createdByAccountId: actor.accountId,
      createdAt: clock.now(),
    });
    const task = { done: Promise.resolve(), stop: false };
    task.done = analyse(job, table, { today: actor.today, academicYear: actor.academicYear }, task)
      .catch(async (err: unknown) => {
        log?.error({ err, jobId: job.id }, 'import analysis failed');
        await repo.failAnalysis(db, job.schoolId, job.id, 'ANALYSIS_FAILED', 'Не удалось проверить файл из-за внутренней ошибки. Попробуйте ещё раз').catch(() => {});
      })
      .finally(() => running.delete(job.id));
    running.set(job.id, task);
    return toDto(job);
  }

  /** The dry run: every row read, matched and stored with its outcome, in chunks with progress. */
  async function analyse(job: repo.JobRow, table: Table, ctx: { today: string; academicYear: number }, task: { stop: boolean }): Promise<void> {
    const kind = job.kind as ImportKind;
    // Let the upload's answer go out before the work starts.
    await new Promise((resolve) => setImmediate(resolve));
    const snapshot = await repo.loadSnapshot(db, kind, job.schoolId, ctx);
    const planner = createPlanner(snapshot, ctx);
    const counts = emptyCounts();
    let processed = 0;
    for (let start = 0; start < table.rows.length; start += progressEvery) {
      if (task.stop) return;
      const batch: repo.RowInsert[] = [];
      for (const sheetRow of table.rows.slice(start, start + progressEvery)) {
        const planned = planner.plan(readRow(kind, sheetRow, table.columns, ctx.today));
        counts[planned.outcome] += 1;
        if (planned.outcome !== 'rejected' && planned.warnings.length > 0) counts.warnings += 1;
        batch.push(rowInsertOf(job, planned));
      }
      await repo.insertRows(db, batch);
      processed = Math.min(start + progressEvery, table.rows.length);
      if (!(await repo.setProgress(db, job.schoolId, job.id, processed))) return;
    }
    await repo.finishAnalysis(db, job.schoolId, job.id, { counts, processedRows: processed, at: clock.now() });
  }

  const rowInsertOf = (job: repo.JobRow, p: PlannedRow): repo.RowInsert => ({
    schoolId: job.schoolId,
    jobId: job.id,
    rowNumber: p.rowNumber,
    outcome: p.outcome,
    reasons: p.reasons,
    warnings: p.warnings,
    data: p.data,
    targetId: p.targetId,
    changedFields: p.changedFields,
  });

  async function failAbandonedOf(schoolId: string): Promise<void> {
    await repo.failAbandoned(db, {
      schoolId,
      before: new Date(clock.now().getTime() - abandonAfterMs),
      runningIds: [...running.keys()],
      ...interrupted,
    });
  }

  async function findJob(access: Access, jobId: string): Promise<repo.JobRow> {
    return (await repo.findJob(db, access.actor.schoolId, jobId)) ?? jobNotFound();
  }

  async function list(access: Access): Promise<ImportJobListDto> {
    await failAbandonedOf(access.actor.schoolId);
    return { jobs: (await repo.listJobs(db, access.actor.schoolId, 100)).map(toDto) };
  }

  async function get(access: Access, jobId: string): Promise<ImportJobDto> {
    await failAbandonedOf(access.actor.schoolId);
    return toDto(await findJob(access, jobId));
  }

  async function rows(access: Access, jobId: string, query: ImportRowsQuery): Promise<ImportRowListDto> {
    await findJob(access, jobId);
    const found = await repo.listRows(db, access.actor.schoolId, jobId, query);
    return { rows: found.rows.map(rowDto), total: found.total, offset: query.offset, limit: query.limit };
  }

  /**
   * Writes every accepted row in one transaction, once. The rows are planned again against the
   * school as it is now; if any decision differs from the report the admin read, nothing is
   * written and the file must be checked again.
   */
  async function apply(access: Access, jobId: string, meta: RequestMeta): Promise<ImportJobDto> {
    const { actor } = access;
    const job = await findJob(access, jobId);
    const notReady = (status: string): AppError =>
      status === 'applied'
        ? new AppError('IMPORT_ALREADY_APPLIED', 409, 'Эта загрузка уже применена')
        : status === 'analysing'
          ? new AppError('IMPORT_NOT_READY', 409, 'Файл ещё проверяется: дождитесь конца проверки')
          : new AppError('IMPORT_NOT_READY', 409, 'Эту загрузку нельзя применить: проверка не завершилась');
    if (job.status !== 'ready') throw notReady(job.status);
    const kind = job.kind as ImportKind;
    const today = actor.today;
    await db.transaction(async (tx) => {
      await repo.lockSchoolImports(tx, actor.schoolId);
      if (!(await repo.claimForApply(tx, actor.schoolId, jobId, { accountId: actor.accountId, at: clock.now() }))) {
        const now = await repo.findJob(tx, actor.schoolId, jobId);
        throw notReady(now?.status ?? 'failed');
      }
      const stored = await repo.acceptedRows(tx, actor.schoolId, jobId);
      const planner = createPlanner(await repo.loadSnapshot(tx, kind, actor.schoolId, { today, academicYear: actor.academicYear }), { today, academicYear: actor.academicYear });
      const refs = new Map<number, string>();
      const counts = emptyCounts();
      for (const r of stored) {
        const again = planner.plan({ rowNumber: r.rowNumber, valid: true, data: r.data as RowData, warnings: r.warnings });
        if (decisionOf(again) !== decisionOf(r)) {
          throw new AppError('IMPORT_STALE', 409, 'Данные школы изменились после проверки файла. Загрузите файл ещё раз и проверьте заново');
        }
        if (again.ref !== null) refs.set(r.rowNumber, again.ref);
        counts[again.outcome] += 1;
        if (r.warnings.length > 0) counts.warnings += 1;
      }
      const ids = await write(tx, kind, actor.schoolId, today, planner.writes());
      const created = [...refs].filter(([, ref]) => ref.startsWith('new:')).map(([rowNumber, ref]) => ({ rowNumber, targetId: ids.get(ref)! }));
      await repo.markRowsApplied(tx, actor.schoolId, jobId, created);
      const recorded = countsOf(job.counts);
      const appliedCounts = { ...counts, rejected: recorded.rejected, warnings: recorded.warnings };
      await repo.setAppliedCounts(tx, actor.schoolId, jobId, appliedCounts);
      await insertSecurityEvent(tx, {
        kind: 'import.applied',
        actorAccountId: actor.accountId,
        schoolId: actor.schoolId,
        ip: meta.ip,
        // Counts only: the rows' people stay out of the security log.
        details: { jobId, kind, create: appliedCounts.create, update: appliedCounts.update, unchanged: appliedCounts.unchanged, rejected: appliedCounts.rejected },
        at: clock.now(),
      });
    });
    return toDto((await repo.findJob(db, actor.schoolId, jobId))!);
  }

  /** The apply's writes, batched; returns the ids given to new people by their `new:` refs. */
  async function write(tx: Queryable, kind: ImportKind, schoolId: string, today: string, w: WriteSet): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    const idOf = (ref: string): string => (ref.startsWith('new:') ? ids.get(ref)! : ref);
    for (const c of w.creates) ids.set(c.ref, uuidv7());
    const person = (ref: string, d: RowData) => ({
      schoolId,
      id: ids.get(ref)!,
      externalId: d.externalId,
      lastName: d.lastName,
      firstName: d.firstName,
      middleName: d.middleName,
      birthDate: d.birthDate,
      snils: d.snils,
      email: d.email,
      phone: d.phone,
    });
    if (kind === 'staff') {
      await repo.insertEmployees(tx, w.creates.map((c) => ({ ...person(c.ref, c.data), position: (c.data as { position: string | null }).position ?? '' })));
    } else if (kind === 'students') {
      await repo.insertStudents(tx, w.creates.map((c) => {
        const d = c.data as StudentData;
        return {
          ...person(c.ref, d),
          sex: d.sex,
          educationForm: d.educationForm ?? 'inSchool',
          individualCurriculum: d.individualCurriculum ?? false,
          adaptedProgramme: d.adaptedProgramme ?? false,
        };
      }));
    } else {
      await repo.insertGuardians(tx, w.creates.map((c) => person(c.ref, c.data)));
    }
    await repo.updateMany(tx, kind, schoolId, w.updates);

    // A move closes the old place the day before today and opens the new one today.
    const yesterday = dayBefore(today);
    const close: string[] = [];
    const move: { id: string; classId: string }[] = [];
    const open: repo.EnrollmentInsert[] = [];
    for (const e of w.enrollments) {
      if (e.close && e.close.startsOn >= today) {
        move.push({ id: e.close.id, classId: e.classId });
        continue;
      }
      if (e.close) close.push(e.close.id);
      open.push({ schoolId, id: uuidv7(), studentId: idOf(e.studentRef), classId: e.classId, startsOn: today });
    }
    await repo.closeEnrollments(tx, schoolId, close, yesterday);
    await repo.moveEnrollments(tx, schoolId, move);
    await repo.insertEnrollments(tx, open);

    await repo.insertLinks(tx, w.links.filter((l) => !l.existing)
      .map((l) => ({ schoolId, studentId: l.studentId, guardianId: idOf(l.guardianRef), relation: l.relation })));
    await repo.updateRelations(tx, schoolId, w.links.filter((l) => l.existing).map((l) => ({ guardianId: idOf(l.guardianRef), studentId: l.studentId, relation: l.relation })));
    return ids;
  }

  /** On start: with the embedded database no other process can be analysing, so nothing is. */
  async function start(): Promise<void> {
    if (database.kind === 'pglite') await repo.failAbandoned(db, { before: null, runningIds: [], ...interrupted });
  }

  /** On shutdown: stop the analyses and mark them interrupted. */
  async function close(): Promise<void> {
    const tasks = [...running.entries()];
    for (const [, t] of tasks) t.stop = true;
    await Promise.all(tasks.map(([, t]) => t.done));
    for (const [id] of tasks) {
      await repo.failAbandoned(db, { jobId: id, before: null, runningIds: [], ...interrupted }).catch(() => {});
    }
  }

  return { upload, list, get, rows, apply, start, close };
}

export type ImportService = ReturnType<typeof createImportService>;

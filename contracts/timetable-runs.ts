// Generation runs of the timetable (SPEC B12): the solver works in the background on the year's
// problem of the whole school or of chosen grades; its progress is read while it works, and the
// result is a new draft version. Routes live under /api/v1/schools/:schoolId/timetable/runs.
import { z } from 'zod';
import { Uuid } from './common';
import { TimetableIssueDto } from './timetable';

const academicYear = z.number({ error: 'Учебный год: ожидается число, например 2026' }).int('Учебный год: целое число')
  .min(2000, 'Учебный год: от 2000 до 2100').max(2100, 'Учебный год: от 2000 до 2100');
const academicYearQuery = z.coerce.number({ error: 'Учебный год: ожидается число, например 2026' }).int('Учебный год: целое число')
  .min(2000, 'Учебный год: от 2000 до 2100').max(2100, 'Учебный год: от 2000 до 2100');

export const timetableRunStatuses = ['queued', 'running', 'solved', 'timeLimit', 'failed', 'cancelled'] as const;
export const TimetableRunStatus = z.enum(timetableRunStatuses);
export type TimetableRunStatus = z.infer<typeof TimetableRunStatus>;
/** A run that may still change: one of these per school and year at a time. */
export const activeRunStatuses: readonly TimetableRunStatus[] = ['queued', 'running'];

export const TimetableRunListParams = z.object({ schoolId: Uuid });
export const TimetableRunParams = TimetableRunListParams.extend({ runId: z.uuid({ error: 'Расчёт: неверный идентификатор' }) });
export const TimetableRunListQuery = z.object({ academicYear: academicYearQuery.optional() });
export type TimetableRunListQuery = z.infer<typeof TimetableRunListQuery>;

export const minRunSeconds = 1;
export const maxRunSeconds = 3600;
export const defaultRunSeconds = 60;

export const StartTimetableRunBody = z.object({
  /** Default: the school's current academic year. */
  academicYear: academicYear.optional(),
  /** Only these grades are placed anew; the others keep their places in the base version. Default: the whole school. */
  grades: z.array(
    z.number({ error: 'Параллели: ожидается номер от 1 до 11' }).int('Параллели: номер от 1 до 11').min(1, 'Параллели: номер от 1 до 11').max(11, 'Параллели: номер от 1 до 11'),
    { error: 'Параллели: ожидается список номеров' },
  ).min(1, 'Параллели: выберите хотя бы одну или не указывайте их для всей школы').max(11, 'Параллели: не больше 11')
    .refine((g) => new Set(g).size === g.length, 'Параллели: номер указан дважды')
    .optional(),
  /**
   * The version whose locked lessons stay where they are (and, with `grades`, whose other grades stay
   * as they are). Default with `grades`: the version in force today, else the newest version of the year.
   */
  baseTimetableId: z.uuid({ error: 'Основа: неверный идентификатор версии расписания' }).optional(),
  /** Same data + same seed + same limit → the same timetable. Default: a random one (kept in the run). */
  seed: z.number({ error: 'Зерно: ожидается целое число' }).int('Зерно: целое число').min(0, 'Зерно: от 0 до 2147483647').max(2147483647, 'Зерно: от 0 до 2147483647').optional(),
  timeLimitSeconds: z.number({ error: 'Время расчёта: ожидается число секунд' }).int('Время расчёта: целое число секунд')
    .min(minRunSeconds, `Время расчёта: от ${minRunSeconds} до ${maxRunSeconds} секунд`).max(maxRunSeconds, `Время расчёта: от ${minRunSeconds} до ${maxRunSeconds} секунд`)
    .optional(),
}).meta({ id: 'StartTimetableRunBody' });
export type StartTimetableRunBody = z.infer<typeof StartTimetableRunBody>;

export const TimetableRunProgressDto = z.object({
  /** construct: placing lessons; repair: removing clashes; improve: lowering the soft penalty. */
  phase: z.enum(['construct', 'repair', 'improve']),
  /** Lessons placed without a hard violation of their own, of all lessons. */
  placed: z.number().int(),
  total: z.number().int(),
  /** Hard violations left (must be 0). */
  hard: z.number(),
  softPenalty: z.number(),
  elapsedMs: z.number().int(),
}).meta({ id: 'TimetableRunProgress' });
export type TimetableRunProgressDto = z.infer<typeof TimetableRunProgressDto>;

export const TimetableRunDto = z.object({
  id: Uuid,
  academicYear: z.number().int(),
  /** queued: waiting; running: the solver works; solved: a draft without hard violations; timeLimit: the time ran out with some left (the draft is saved); failed: see `error` and `diagnosis`; cancelled: stopped. */
  status: TimetableRunStatus,
  /** The grades placed anew, or null for the whole school. */
  grades: z.array(z.number().int()).nullable(),
  baseTimetableId: Uuid.nullable(),
  seed: z.number().int(),
  timeLimitSeconds: z.number().int(),
  /** The solver's last report (the final one when the run is over). */
  progress: TimetableRunProgressDto.nullable(),
  /** What made the problem impossible before any search (the run failed without searching). */
  diagnosis: z.array(TimetableIssueDto).nullable(),
  /** The draft version it produced. */
  result: z.object({
    timetableId: Uuid,
    name: z.string(),
    /** Hard violations of the draft (0 when solved). */
    hard: z.number(),
    softPenalty: z.number(),
  }).nullable(),
  /** Why it failed, in Russian. */
  error: z.string().nullable(),
  /** Who started it («Петрова А. С.»), when known. */
  requestedBy: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
}).meta({ id: 'TimetableRun' });
export type TimetableRunDto = z.infer<typeof TimetableRunDto>;

export const TimetableRunListDto = z.object({ items: z.array(TimetableRunDto), total: z.number().int() }).meta({ id: 'TimetableRunList' });
export type TimetableRunListDto = z.infer<typeof TimetableRunListDto>;

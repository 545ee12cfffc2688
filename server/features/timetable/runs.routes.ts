// HTTP routes: timetable generation runs (SPEC B12). Starting and stopping is the administration's
// (write on `timetable`); the school's staff read the runs and their progress.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  StartTimetableRunBody, TimetableRunDto, TimetableRunListDto, TimetableRunListParams, TimetableRunListQuery, TimetableRunParams,
} from '../../../contracts/timetable-runs';
import type { FeatureDeps } from '../deps';
import { errorAnswers as errors, resourceAuthorizer, schoolBase, writeErrorAnswers as writeErrors } from '../route-kit';
import { createRunsService } from './runs.service';
import { workerRunner } from './solver-runner';

export async function timetableRunRoutes(appBase: FastifyInstance, deps: FeatureDeps): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const runs = createRunsService({
    db: deps.database.db, kind: deps.database.kind, jobs: deps.jobs, clock: deps.clock, logger: appBase.log, runner: workerRunner,
  });
  const authorize = resourceAuthorizer(deps, 'timetable');
  const tags = ['timetable'];
  const base = `${schoolBase}/timetable/runs`;

  app.post(base, {
    schema: {
      tags, summary: 'Запустить составление расписания',
      description: 'Строит задачу года и проверяет её до поиска: нет уроков → 409; задача невыполнима → расчёт сразу завершается (failed) с диагностикой. '
        + 'Иначе расчёт ставится в очередь (202) и идёт в фоне; результат — новый черновик расписания. Закреплённые уроки основы остаются на местах; '
        + 'с `grades` остальные параллели тоже остаются как в основе. Один активный расчёт на школу и год (иначе 409 TIMETABLE_RUN_ACTIVE).',
      params: TimetableRunListParams, body: StartTimetableRunBody, response: { 202: TimetableRunDto, ...writeErrors },
    },
    preHandler: app.authenticate,
  }, async (req, reply) => reply.code(202).send(await runs.start(await authorize(req, 'write'), req.body)));

  app.get(base, {
    schema: {
      tags, summary: 'Расчёты расписания учебного года (последние сначала)',
      params: TimetableRunListParams, querystring: TimetableRunListQuery, response: { 200: TimetableRunListDto, ...errors },
    },
    preHandler: app.authenticate,
  }, async (req) => runs.list(await authorize(req, 'read'), req.query));

  app.get(`${base}/:runId`, {
    schema: { tags, summary: 'Расчёт расписания и его ход', params: TimetableRunParams, response: { 200: TimetableRunDto, ...errors } },
    preHandler: app.authenticate,
  }, async (req) => runs.get(await authorize(req, 'read'), req.params.runId));

  app.post(`${base}/:runId/cancel`, {
    schema: {
      tags, summary: 'Остановить расчёт', description: 'Расчёт в очереди или в работе останавливается без результата; завершённый — 409 TIMETABLE_RUN_FINISHED.',
      params: TimetableRunParams, response: { 200: TimetableRunDto, ...writeErrors },
    },
    preHandler: app.authenticate,
  }, async (req) => runs.cancel(await authorize(req, 'write'), req.params.runId));
}

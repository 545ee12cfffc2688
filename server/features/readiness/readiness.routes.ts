// HTTP routes: the readiness checklist of the school year (regulation 3.2).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ReadinessDto, ReadinessParams, ReadinessQuery } from '../../../contracts/readiness';
import { authOf } from '../../plugins/auth';
import type { FeatureDeps } from '../deps';
import { errorAnswers as errors } from '../route-kit';
import { createReadinessService } from './readiness.service';

export async function readinessRoutes(appBase: FastifyInstance, deps: FeatureDeps): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const readiness = createReadinessService({ db: deps.database.db });

  app.get('/api/v1/schools/:schoolId/readiness', {
    schema: {
      tags: ['year'], summary: 'Готовность учебного года: пункты проверки со статусом и ссылкой',
      description: 'Кабинеты, предметы, сотрудники, контингент, график, режимы, формы контроля, периоды, правила отметок, учебные планы, группы, нагрузка; расписание и рабочие программы — «пока недоступно».',
      params: ReadinessParams, querystring: ReadinessQuery, response: { 200: ReadinessDto, ...errors },
    },
    preHandler: app.authenticate,
  }, async (req) => readiness.checklist(await deps.access.authorize(authOf(req), req.params.schoolId, 'yearSetup', 'read'), req.query));
}

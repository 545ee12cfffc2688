// HTTP routes: the timetable problem of a school's year with the diagnosis before search, and the
// same problem as a FET (.fet) file.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { TimetableParams, TimetableProblemDto, TimetableQuery } from '../../../contracts/timetable';
import type { FeatureDeps } from '../deps';
import { errorAnswers as errors, resourceAuthorizer, schoolBase } from '../route-kit';
import { createTimetableService } from './timetable.service';

export async function timetableRoutes(appBase: FastifyInstance, deps: FeatureDeps): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const timetable = createTimetableService({ db: deps.database.db });
  const authorize = resourceAuthorizer(deps, 'yearSetup');
  const tags = ['timetable'];

  app.get(`${schoolBase}/timetable/problem`, {
    schema: {
      tags, summary: 'Задача составления расписания на учебный год и её проверка до поиска',
      description: 'Дни, уроки, классы, учителя, занятия и кабинеты из данных года; ограничения по видам; что делает задачу невыполнимой (класс или учитель с часами больше сетки, учитель нужен дважды в одно время…).',
      params: TimetableParams, querystring: TimetableQuery, response: { 200: TimetableProblemDto, ...errors },
    },
    preHandler: app.authenticate,
  }, async (req) => timetable.problem(await authorize(req, 'read'), req.query));

  // A file answer: registered without the typed provider so that the reply is sent as it is.
  appBase.get(`${schoolBase}/timetable/problem.fet`, {
    schema: {
      tags, summary: 'Задача расписания в формате FET (.fet)', description: 'Тот же набор данных и ограничений для программы FET.',
      params: TimetableParams, querystring: TimetableQuery, response: errors,
    },
    preHandler: appBase.authenticate,
  }, async (req, reply) => {
    const file = await timetable.fet(await authorize(req, 'read'), req.query as TimetableQuery);
    return reply.header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="timetable-${file.academicYear}-${file.academicYear + 1}.fet"`)
      .type('application/xml; charset=utf-8')
      .send(file.xml);
  });
}

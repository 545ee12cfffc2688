// HTTP routes: a teacher's unavailable lessons of a school year (weekday × lesson number of a
// shift), read by every member of staff and written by the administration (resource `yearSetup`).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  TeacherUnavailabilityBody, TeacherUnavailabilityDto, TeacherUnavailabilityParams, TeacherUnavailabilityQuery,
} from '../../../contracts/teacher-unavailability';
import type { FeatureDeps } from '../deps';
import { errorAnswers as errors, resourceAuthorizer, schoolBase, writeErrorAnswers as writeErrors } from '../route-kit';
import { createUnavailabilityService } from './unavailability.service';

export async function unavailabilityRoutes(appBase: FastifyInstance, deps: FeatureDeps): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const unavailability = createUnavailabilityService({ db: deps.database.db });
  const authorize = resourceAuthorizer(deps, 'yearSetup');
  const tags = ['timetable'];
  const path = `${schoolBase}/employees/:employeeId/unavailability`;

  app.get(path, {
    schema: {
      tags, summary: 'Когда учитель не может вести уроки (учебный год)',
      description: 'Уроки по дням недели и сменам; `grid` — сетка года: дни самой длинной учебной недели и число уроков каждой смены по расписаниям звонков.',
      params: TeacherUnavailabilityParams, querystring: TeacherUnavailabilityQuery, response: { 200: TeacherUnavailabilityDto, ...errors },
    },
    preHandler: app.authenticate,
  }, async (req) => unavailability.read(await authorize(req, 'read'), req.params.employeeId, req.query));

  app.put(path, {
    schema: {
      tags, summary: 'Задать недоступность учителя на учебный год',
      description: 'Заменяет весь список года (пустой список — учитель доступен всегда). Каждый урок — в сетке года: день недели, смена, номер урока; '
        + 'иначе 400 с путём `slots.N.поле`, ничего не сохраняется. Составление расписания не ставит учителю уроки в эти часы.',
      params: TeacherUnavailabilityParams, querystring: TeacherUnavailabilityQuery, body: TeacherUnavailabilityBody,
      response: { 200: TeacherUnavailabilityDto, ...writeErrors },
    },
    preHandler: app.authenticate,
  }, async (req) => unavailability.write(await authorize(req, 'write'), req.params.employeeId, req.query, req.body));
}

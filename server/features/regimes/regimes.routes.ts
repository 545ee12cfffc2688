// HTTP routes: bell schedules, shifts and their assignments (SPEC B5). Everyone on the staff reads
// the year's set-up (`yearSetup` read); the director, the deputy and the journal administrator
// change it (`yearSetup` write).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { OkBody } from '../../../contracts/common';
import {
  BellScheduleDto, BellScheduleListDto, BellScheduleParams, CreateBellScheduleInput, CreateRegimeAssignmentInput, EffectiveRegimeListDto,
  EffectiveRegimeQuery, RegimeAssignmentDto, RegimeAssignmentListDto, RegimeAssignmentParams, SchoolParams, UpdateBellScheduleInput, YearQuery,
} from '../../../contracts/regimes';
import type { FeatureDeps } from '../deps';
import { errorAnswers as errors, resourceAuthorizer, schoolBase as base, writeErrorAnswers as writeErrors } from '../route-kit';
import { createRegimeService } from './regimes.service';

export async function regimeRoutes(appBase: FastifyInstance, deps: FeatureDeps): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const regimes = createRegimeService({ db: deps.database.db });
  const tags = ['regimes'];
  const preHandler = app.authenticate;
  const authorize = resourceAuthorizer(deps, 'yearSetup');

  app.get(`${base}/bell-schedules`, {
    schema: { tags, summary: 'Расписания звонков учебного года', params: SchoolParams, querystring: YearQuery, response: { 200: BellScheduleListDto, ...errors } },
    preHandler,
  }, async (req) => regimes.listSchedules(await authorize(req, 'read'), req.query));

  app.get(`${base}/bell-schedules/:bellScheduleId`, {
    schema: { tags, summary: 'Расписание звонков', params: BellScheduleParams, response: { 200: BellScheduleDto, ...errors } },
    preHandler,
  }, async (req) => regimes.getSchedule(await authorize(req, 'read'), req.params.bellScheduleId));

  app.post(`${base}/bell-schedules`, {
    schema: {
      tags, summary: 'Создать расписание звонков',
      description: 'Уроки не пересекаются, длятся 20–90 минут; перемены короче 10 минут и уроки длиннее 45 минут сохраняются с предупреждением (СанПиН).',
      params: SchoolParams, body: CreateBellScheduleInput, response: { 201: BellScheduleDto, ...writeErrors },
    },
    preHandler,
  }, async (req, reply) => reply.code(201).send(await regimes.createSchedule(await authorize(req, 'write'), req.body)));

  app.patch(`${base}/bell-schedules/:bellScheduleId`, {
    schema: { tags, summary: 'Изменить расписание звонков', params: BellScheduleParams, body: UpdateBellScheduleInput, response: { 200: BellScheduleDto, ...writeErrors } },
    preHandler,
  }, async (req) => regimes.updateSchedule(await authorize(req, 'write'), req.params.bellScheduleId, req.body));

  app.delete(`${base}/bell-schedules/:bellScheduleId`, {
    schema: { tags, summary: 'Удалить расписание звонков (если оно никому не назначено)', params: BellScheduleParams, response: { 200: OkBody, ...writeErrors } },
    preHandler,
  }, async (req) => {
    await regimes.deleteSchedule(await authorize(req, 'write'), req.params.bellScheduleId);
    return { ok: true as const };
  });

  app.get(`${base}/regime-assignments`, {
    schema: { tags, summary: 'Назначения расписаний звонков (школе, классам, группам, ученикам)', params: SchoolParams, querystring: YearQuery, response: { 200: RegimeAssignmentListDto, ...errors } },
    preHandler,
  }, async (req) => regimes.listAssignments(await authorize(req, 'read'), req.query));

  app.post(`${base}/regime-assignments`, {
    schema: {
      tags, summary: 'Назначить расписание звонков с даты',
      description: 'Действующее на эту дату назначение того же адресата заканчивается днём раньше (или заменяется, если начинается в тот же день).',
      params: SchoolParams, body: CreateRegimeAssignmentInput, response: { 201: RegimeAssignmentDto, ...writeErrors },
    },
    preHandler,
  }, async (req, reply) => reply.code(201).send(await regimes.assign(await authorize(req, 'write'), req.body)));

  app.delete(`${base}/regime-assignments/:assignmentId`, {
    schema: {
      tags, summary: 'Снять назначение', description: 'Предыдущее назначение того же адресата снова действует на его период.',
      params: RegimeAssignmentParams, response: { 200: OkBody, ...writeErrors },
    },
    preHandler,
  }, async (req) => {
    await regimes.unassign(await authorize(req, 'write'), req.params.assignmentId);
    return { ok: true as const };
  });

  app.get(`${base}/regimes/effective`, {
    schema: {
      tags, summary: 'Какое расписание звонков действует у каждого класса на дату',
      params: SchoolParams, querystring: EffectiveRegimeQuery, response: { 200: EffectiveRegimeListDto, ...errors },
    },
    preHandler,
  }, async (req) => regimes.effective(await authorize(req, 'read'), req.query));
}

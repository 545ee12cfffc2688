// HTTP routes: the academic calendar, attestation periods, the mark-entry policy (SPEC B4, B7, B8).
// Every route: the session (preHandler), one access check on `yearSetup`, one service call.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { OkBody } from '../../../contracts/common';
import {
  AttestationScheduleDto, AttestationScheduleListDto, AttestationScheduleListQuery, AttestationScheduleParams, CalendarDaysDto,
  CalendarDaysQuery, CalendarDto, CalendarParams, CreateAttestationScheduleInput, MarkEntryPolicyBody, MarkEntryPolicyDto,
  SaveCalendarInput, UpdateAttestationScheduleInput,
} from '../../../contracts/calendar';
import { SchoolParams } from '../../../contracts/org';
import type { FeatureDeps } from '../deps';
import { errorAnswers as errors, resourceAuthorizer, schoolBase as base, writeErrorAnswers as writeErrors } from '../route-kit';
import { createCalendarService } from './calendar.service';

export async function calendarRoutes(appBase: FastifyInstance, deps: FeatureDeps): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const service = createCalendarService({ db: deps.database.db });
  const tags = ['calendar'];
  const preHandler = app.authenticate;
  const authorize = resourceAuthorizer(deps, 'yearSetup');

  // --- Academic calendar ------------------------------------------------------------------------

  app.get(`${base}/calendars/:academicYear`, {
    schema: {
      tags, summary: 'Календарный учебный график учебного года',
      description: 'С четвертями (графиками аттестации вида terms) и сводкой учебных дней и недель по параллелям. 404 CALENDAR_NOT_SET, пока график не задан.',
      params: CalendarParams, response: { 200: CalendarDto, ...errors },
    },
    preHandler,
  }, async (req) => service.getCalendar(await authorize(req, 'read'), req.params.academicYear));

  app.put(`${base}/calendars/:academicYear`, {
    schema: {
      tags, summary: 'Сохранить календарный учебный график (или взять его из образца)',
      description: 'Проверяет весь график сразу (400 со всеми полями `calendar.…`); `version` — версия, с которой начали правку (409 CALENDAR_CHANGED, если график уже изменили). '
        + 'Четверти сохраняются как периоды аттестации с прежними идентификаторами; удалить схему, по которой аттестуются строки учебного плана, нельзя (409 PERIOD_IN_USE).',
      params: CalendarParams, body: SaveCalendarInput, response: { 200: CalendarDto, ...writeErrors },
    },
    preHandler,
  }, async (req) => service.putCalendar(await authorize(req, 'write'), req.params.academicYear, req.body));

  app.get(`${base}/calendars/:academicYear/days`, {
    schema: {
      tags, summary: 'Дни учебного года для параллели: учебный ли день, какая четверть, чьё расписание',
      description: 'По умолчанию — весь учебный год; не больше 400 дней за запрос.',
      params: CalendarParams, querystring: CalendarDaysQuery, response: { 200: CalendarDaysDto, ...errors },
    },
    preHandler,
  }, async (req) => service.calendarDays(await authorize(req, 'read'), req.params.academicYear, req.query));

  // --- Attestation schedules --------------------------------------------------------------------

  app.get(`${base}/attestation-schedules`, {
    schema: {
      tags, summary: 'Графики аттестации учебного года: четверти из календарного графика и собственные',
      params: SchoolParams, querystring: AttestationScheduleListQuery, response: { 200: AttestationScheduleListDto, ...errors },
    },
    preHandler,
  }, async (req) => service.listSchedules(await authorize(req, 'read'), req.query.academicYear));

  app.get(`${base}/attestation-schedules/:scheduleId`, {
    schema: { tags, summary: 'График аттестации', params: AttestationScheduleParams, response: { 200: AttestationScheduleDto, ...errors } },
    preHandler,
  }, async (req) => service.getSchedule(await authorize(req, 'read'), req.params.scheduleId));

  app.post(`${base}/attestation-schedules`, {
    schema: {
      tags, summary: 'Создать собственный график аттестации (например, «Полугодия» или «Год»)',
      description: 'Периоды — по порядку, без пересечений, в датах учебного года (по календарному графику, если он задан).',
      params: SchoolParams, body: CreateAttestationScheduleInput, response: { 201: AttestationScheduleDto, ...writeErrors },
    },
    preHandler,
  }, async (req, reply) => reply.code(201).send(await service.createSchedule(await authorize(req, 'write'), req.body)));

  app.patch(`${base}/attestation-schedules/:scheduleId`, {
    schema: {
      tags, summary: 'Изменить собственный график аттестации',
      description: 'Четверти меняются только в календарном графике (409 TERMS_READ_ONLY). Периоды с прежними номерами сохраняют идентификаторы.',
      params: AttestationScheduleParams, body: UpdateAttestationScheduleInput, response: { 200: AttestationScheduleDto, ...writeErrors },
    },
    preHandler,
  }, async (req) => service.updateSchedule(await authorize(req, 'write'), req.params.scheduleId, req.body));

  app.delete(`${base}/attestation-schedules/:scheduleId`, {
    schema: {
      tags, summary: 'Удалить собственный график аттестации', description: '409 IN_USE, если по нему аттестуются строки учебного плана.',
      params: AttestationScheduleParams, response: { 200: OkBody, ...writeErrors },
    },
    preHandler,
  }, async (req) => {
    await service.deleteSchedule(await authorize(req, 'write'), req.params.scheduleId);
    return { ok: true as const };
  });

  // --- Mark-entry policy ------------------------------------------------------------------------

  app.get(`${base}/mark-entry-policy/:academicYear`, {
    schema: {
      tags, summary: 'Правила выставления отметок учебного года', description: 'Пока школа их не сохранила — значения по умолчанию с `isDefault: true`.',
      params: CalendarParams, response: { 200: MarkEntryPolicyDto, ...errors },
    },
    preHandler,
  }, async (req) => service.getPolicy(await authorize(req, 'read'), req.params.academicYear));

  app.put(`${base}/mark-entry-policy/:academicYear`, {
    schema: {
      tags, summary: 'Сохранить правила выставления отметок',
      description: 'Дни — от 0 до 365; пороги: 2 < «3» < «4» < «5» ≤ 5; минимум отметок — от 0 до 20.',
      params: CalendarParams, body: MarkEntryPolicyBody, response: { 200: MarkEntryPolicyDto, ...writeErrors },
    },
    preHandler,
  }, async (req) => service.putPolicy(await authorize(req, 'write'), req.params.academicYear, req.body));
}

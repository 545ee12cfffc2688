// HTTP routes: control works (G4) — the schedule of a class's or group's works (list with the
// СанПиН warning of more than one a day, the work-programme topics marked as control works, create,
// edit, delete), the results grid saved whole, and the element-wise analysis. Every route: the
// session, one access check on `journal`, one service call. Changes carry `If-Match` with the
// work's version; answers that show a work carry it back as `ETag`.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody, OkBody } from '../../../contracts/common';
import {
  ControlWorkAnalysisDto, ControlWorkDto, ControlWorkListDto, ControlWorkListQuery, ControlWorkParams, ControlWorkResultsDto, CreateControlWorkBody,
  PlannedControlTopicListDto, PlannedControlTopicQuery, SaveControlWorkResultsBody, UpdateControlWorkBody,
} from '../../../contracts/control-works';
import { SchoolParams } from '../../../contracts/org';
import type { FeatureDeps } from '../deps';
import { errorAnswers as errors, resourceAuthorizer, schoolBase, writeErrorAnswers } from '../route-kit';
import { createControlWorksService } from './control-works.service';
import { createControlWorkResultsService } from './results.service';

const changeErrors = { ...writeErrorAnswers, 412: ErrorBody, 428: ErrorBody };
const ifMatch = 'Заголовок `If-Match` — номер версии работы (`version`); устаревший номер — 412 с текущей работой в `error.details.current`.';

export async function controlWorkRoutes(appBase: FastifyInstance, deps: FeatureDeps): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const works = createControlWorksService({ db: deps.database.db, access: deps.access, clock: deps.clock });
  const results = createControlWorkResultsService({ db: deps.database.db, clock: deps.clock, works });
  const authorize = resourceAuthorizer(deps, 'journal');
  const preHandler = app.authenticate;
  const tags = ['control-works'];
  const base = `${schoolBase}/control-works`;
  const tagged = <T extends { version: number }>(reply: FastifyReply, body: T): T => {
    void reply.header('etag', `"${body.version}"`);
    return body;
  };

  app.get(base, {
    schema: {
      tags, summary: 'График контрольных работ: класса, группы или того, что ведёт учитель',
      description: 'Предупреждение MORE_THAN_ONE_A_DAY — у класса больше одной контрольной работы в день (СанПиН 1.2.3685-21); работы сохраняются. '
        + 'units — классы (группы) и предметы, по которым вызывающий может назначать работы.',
      params: SchoolParams, querystring: ControlWorkListQuery, response: { 200: ControlWorkListDto, ...errors },
    },
    preHandler,
  }, async (req) => works.list(await authorize(req, 'read'), req.query));

  app.get(`${base}/planned-topics`, {
    schema: {
      tags, summary: 'Темы рабочих программ класса (группы) по предмету, отмеченные как контрольные работы — для заполнения новой работы',
      params: SchoolParams, querystring: PlannedControlTopicQuery, response: { 200: PlannedControlTopicListDto, ...errors },
    },
    preHandler,
  }, async (req) => works.plannedTopics(await authorize(req, 'read'), req.query));

  app.post(base, {
    schema: {
      tags, summary: 'Назначить контрольную работу: задания с баллами и кодами КЭС, шкала перевода баллов в отметку',
      description: 'Шкала: отметки 5, 4, 3, 2 по убыванию порогов, порог «5» не больше суммы баллов, порог «2» — 0; без шкалы — 85 %, 65 %, 45 % суммы. '
        + 'Форма контроля — по пятибалльной шкале. Учитель назначает работы по своей нагрузке, администрация — любые.',
      params: SchoolParams, body: CreateControlWorkBody, response: { 201: ControlWorkDto, ...writeErrorAnswers },
    },
    preHandler,
  }, async (req, reply) => reply.code(201).send(tagged(reply, await works.create(await authorize(req, 'write'), req.body))));

  app.get(`${base}/:controlWorkId`, {
    schema: { tags, summary: 'Контрольная работа с заданиями и шкалой', params: ControlWorkParams, response: { 200: ControlWorkDto, ...errors } },
    preHandler,
  }, async (req, reply) => tagged(reply, await works.get(await authorize(req, 'read'), req.params.controlWorkId)));

  app.patch(`${base}/:controlWorkId`, {
    schema: {
      tags, summary: 'Изменить работу: название, дату, форму контроля, задания (весь список), шкалу',
      description: `${ifMatch} Когда результаты уже есть, меняются только название, дата, номера заданий и коды КЭС (иначе 409 CONTROL_WORK_HAS_RESULTS).`,
      params: ControlWorkParams, body: UpdateControlWorkBody, response: { 200: ControlWorkDto, ...changeErrors },
    },
    preHandler,
  }, async (req, reply) => tagged(reply, await works.update(await authorize(req, 'write'), req.params.controlWorkId, req.body, req.headers['if-match'])));

  app.delete(`${base}/:controlWorkId`, {
    schema: {
      tags, summary: 'Удалить работу, пока у неё нет результатов', description: ifMatch,
      params: ControlWorkParams, response: { 200: OkBody, ...changeErrors },
    },
    preHandler,
  }, async (req) => {
    await works.remove(await authorize(req, 'write'), req.params.controlWorkId, req.headers['if-match']);
    return { ok: true as const };
  });

  app.get(`${base}/:controlWorkId/results`, {
    schema: {
      tags, summary: 'Результаты: ученики урока × задания, сумма и отметка',
      params: ControlWorkParams, response: { 200: ControlWorkResultsDto, ...errors },
    },
    preHandler,
  }, async (req, reply) => {
    const answer = await results.get(await authorize(req, 'read'), req.params.controlWorkId);
    void reply.header('etag', `"${answer.work.version}"`);
    return answer;
  });

  app.put(`${base}/:controlWorkId/results`, {
    schema: {
      tags, summary: 'Сохранить таблицу результатов целиком: баллы, отметки в журнал, поэлементный анализ',
      description: `${ifMatch} С заголовком Idempotency-Key повтор того же запроса получает тот же ответ и ничего не пишет. Всё или ничего. Баллы вне 0…максимума задания — 400 с путём rows.N.points.M и именем ученика; ученик не из урока — 409 STUDENT_NOT_IN_LESSON; `
        + 'строка без баллов — «не писал» (его отметка за работу снимается). Пишет учитель урока или заменяющий, администрация — с причиной; срок выставления отметок — как у журнала.',
      params: ControlWorkParams, body: SaveControlWorkResultsBody, response: { 200: ControlWorkResultsDto, ...changeErrors },
    },
    preHandler,
  }, async (req, reply) => {
    const key = req.headers['idempotency-key'];
    const retry = { key: Array.isArray(key) ? key[0] : key, route: `${req.method} ${req.url.split('?')[0]}` };
    const answer = await results.save(await authorize(req, 'write'), req.params.controlWorkId, req.body, req.headers['if-match'], retry);
    void reply.header('etag', `"${answer.work.version}"`);
    return answer;
  });

  app.get(`${base}/:controlWorkId/analysis`, {
    schema: {
      tags, summary: 'Поэлементный анализ: доля освоивших каждое задание и элемент КЭС, распределение отметок, средние',
      description: 'Освоено: не меньше половины баллов задания, у задания на 1 балл — полный балл. Не писавшие не учитываются.',
      params: ControlWorkParams, response: { 200: ControlWorkAnalysisDto, ...errors },
    },
    preHandler,
  }, async (req) => results.analysis(await authorize(req, 'read'), req.params.controlWorkId));
}

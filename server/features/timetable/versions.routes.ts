// HTTP routes: timetable versions (list, draft or copy, rename, publish from a date, unpublish,
// delete a draft) and their lessons (the grid of a class, a teacher or a room; moving a lesson
// with the clash check, the check alone, locking). Every route: the session, one access check on
// `timetable` (read: staff, a student's own class, a parent's children; write: the
// administration), one service call. Lessons are added by hand from a load row of any subject
// kind (extracurricular and additional-education sessions too) and removed. Every change carries `If-Match` with the version number;
// answers that show a version carry it back as `ETag`.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody, OkBody } from '../../../contracts/common';
import { SchoolParams } from '../../../contracts/org';
import {
  AddTimetableLessonBody, CreateTimetableVersionBody, LockTimetableLessonsBody, LockTimetableLessonsDto, MoveTimetableLessonBody, PublishTimetableVersionBody,
  PublishTimetableVersionDto, RenameTimetableVersionBody, TimetableGridDto, TimetableGridLessonParams, TimetableGridQuery,
  TimetableLessonChangeDto, TimetableMoveCheckDto, TimetableVersionDetailDto, TimetableVersionDto, TimetableVersionListDto,
  TimetableVersionListQuery, TimetableVersionParams,
} from '../../../contracts/timetable-versions';
import type { FeatureDeps } from '../deps';
import { errorAnswers as errors, resourceAuthorizer, schoolBase, writeErrorAnswers } from '../route-kit';
import { createVersionsService } from './versions.service';

const changeErrors = { ...writeErrorAnswers, 412: ErrorBody, 428: ErrorBody };
const ifMatch = 'Заголовок `If-Match` — номер версии (`version`), которую меняют; устаревший номер — 412 с текущим в `error.details.version`.';

export async function timetableVersionRoutes(appBase: FastifyInstance, deps: FeatureDeps): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const service = createVersionsService({ db: deps.database.db, access: deps.access, clock: deps.clock });
  const authorize = resourceAuthorizer(deps, 'timetable');
  const preHandler = app.authenticate;
  const tags = ['timetable'];
  const base = `${schoolBase}/timetables`;
  const tagged = <T extends { version: number }>(reply: FastifyReply, body: T): T => {
    void reply.header('etag', `"${body.version}"`);
    return body;
  };

  // --- Versions -------------------------------------------------------------------------------

  app.get(base, {
    schema: {
      tags, summary: 'Версии расписания учебного года и действующая сегодня',
      description: 'Ученик и родитель видят только опубликованные версии.',
      params: SchoolParams, querystring: TimetableVersionListQuery, response: { 200: TimetableVersionListDto, ...errors },
    },
    preHandler,
  }, async (req) => service.list(await authorize(req, 'read'), req.query));

  app.post(base, {
    schema: {
      tags, summary: 'Новая версия: пустой черновик или копия версии со всеми уроками',
      params: SchoolParams, body: CreateTimetableVersionBody, response: { 201: TimetableVersionDetailDto, ...writeErrorAnswers },
    },
    preHandler,
  }, async (req, reply) => reply.code(201).send(tagged(reply, await service.create(await authorize(req, 'write'), req.body))));

  app.get(`${base}/:timetableId`, {
    schema: {
      tags, summary: 'Версия расписания с оценкой: нарушения обязательных правил и штраф по ограничениям',
      params: TimetableVersionParams, response: { 200: TimetableVersionDetailDto, ...errors },
    },
    preHandler,
  }, async (req, reply) => tagged(reply, await service.get(await authorize(req, 'read'), req.params.timetableId)));

  app.patch(`${base}/:timetableId`, {
    schema: { tags, summary: 'Переименовать версию', description: ifMatch, params: TimetableVersionParams, body: RenameTimetableVersionBody, response: { 200: TimetableVersionDto, ...changeErrors } },
    preHandler,
  }, async (req, reply) => tagged(reply, await service.rename(await authorize(req, 'write'), req.params.timetableId, req.body, req.headers['if-match'])));

  app.post(`${base}/:timetableId/publish`, {
    schema: {
      tags, summary: 'Ввести версию в действие с даты',
      description: `${ifMatch} Дата — в пределах учебного года; другая опубликованная версия с той же датой — 409 TIMETABLE_DATE_TAKEN; версия с нарушениями обязательных правил — 409 TIMETABLE_HAS_VIOLATIONS, пока не передано force: true.`,
      params: TimetableVersionParams, body: PublishTimetableVersionBody, response: { 200: PublishTimetableVersionDto, ...changeErrors },
    },
    preHandler,
  }, async (req, reply) => {
    const answer = await service.publish(await authorize(req, 'write'), req.params.timetableId, req.body, req.headers['if-match']);
    void reply.header('etag', `"${answer.timetable.version}"`);
    return answer;
  });

  app.post(`${base}/:timetableId/unpublish`, {
    schema: { tags, summary: 'Снять версию с публикации (она снова черновик)', description: ifMatch, params: TimetableVersionParams, response: { 200: TimetableVersionDto, ...changeErrors } },
    preHandler,
  }, async (req, reply) => tagged(reply, await service.unpublish(await authorize(req, 'write'), req.params.timetableId, req.headers['if-match'])));

  app.delete(`${base}/:timetableId`, {
    schema: { tags, summary: 'Удалить черновик', description: `${ifMatch} Опубликованную версию удалить нельзя (409).`, params: TimetableVersionParams, response: { 200: OkBody, ...changeErrors } },
    preHandler,
  }, async (req) => {
    await service.remove(await authorize(req, 'write'), req.params.timetableId, req.headers['if-match']);
    return { ok: true as const };
  });

  // --- Lessons --------------------------------------------------------------------------------

  app.get(`${base}/:timetableId/lessons`, {
    schema: {
      tags, summary: 'Сетка уроков версии: класса, учителя или кабинета (день недели × номер урока)',
      description: 'Класс включает уроки его подгрупп и потоков, где есть его ученики. Ученик и родитель видят уроки только своих (детей) классов и групп.',
      params: TimetableVersionParams, querystring: TimetableGridQuery, response: { 200: TimetableGridDto, ...errors },
    },
    preHandler,
  }, async (req, reply) => tagged(reply, await service.grid(await authorize(req, 'read'), req.params.timetableId, req.query)));

  app.post(`${base}/:timetableId/lessons/lock`, {
    schema: { tags, summary: 'Закрепить или открепить уроки (списком)', description: ifMatch, params: TimetableVersionParams, body: LockTimetableLessonsBody, response: { 200: LockTimetableLessonsDto, ...changeErrors } },
    preHandler,
  }, async (req, reply) => {
    const answer = await service.lock(await authorize(req, 'write'), req.params.timetableId, req.body, req.headers['if-match']);
    void reply.header('etag', `"${answer.timetable.version}"`);
    return answer;
  });

  app.post(`${base}/:timetableId/lessons`, {
    schema: {
      tags, summary: 'Добавить урок или занятие внеурочной деятельности, доп. образования по строке нагрузки',
      description: `${ifMatch} Вид урока — по виду предмета строки (внеурочная деятельность, доп. образование, иначе обычный урок). `
        + 'Обычный урок — в пределах расписания звонков смены класса и только на свободный час строки (иначе 409 TIMETABLE_LOAD_PLACED); '
        + 'занятие — и после уроков, до 12-го урока смены. Учитель, ученики и кабинет должны быть свободны: накладка — 409 TIMETABLE_CLASH со списком. '
        + 'Дистанционное занятие — со ссылкой https.',
      params: TimetableVersionParams, body: AddTimetableLessonBody, response: { 201: TimetableLessonChangeDto, ...changeErrors },
    },
    preHandler,
  }, async (req, reply) => {
    const answer = await service.addLesson(await authorize(req, 'write'), req.params.timetableId, req.body, req.headers['if-match']);
    void reply.header('etag', `"${answer.timetable.version}"`);
    return reply.code(201).send(answer);
  });

  app.delete(`${base}/:timetableId/lessons/:lessonId`, {
    schema: { tags, summary: 'Удалить урок из версии', description: ifMatch, params: TimetableGridLessonParams, response: { 200: TimetableVersionDto, ...changeErrors } },
    preHandler,
  }, async (req, reply) => tagged(reply, await service.removeLesson(await authorize(req, 'write'), req.params.timetableId, req.params.lessonId, req.headers['if-match'])));

  app.patch(`${base}/:timetableId/lessons/:lessonId`, {
    schema: {
      tags, summary: 'Перенести урок, сменить кабинет, закрепить, провести дистанционно',
      description: `${ifMatch} Перенос сначала проверяется: учитель, класс (подгруппы — если у них есть общие ученики), группа и кабинет должны быть свободны; накладка — 409 TIMETABLE_CLASH со списком, ничего не сохраняется. format: distance со ссылкой https — урок каждую неделю дистанционно.`,
      params: TimetableGridLessonParams, body: MoveTimetableLessonBody, response: { 200: TimetableLessonChangeDto, ...changeErrors },
    },
    preHandler,
  }, async (req, reply) => {
    const answer = await service.moveLesson(await authorize(req, 'write'), req.params.timetableId, req.params.lessonId, req.body, req.headers['if-match']);
    void reply.header('etag', `"${answer.timetable.version}"`);
    return answer;
  });

  app.post(`${base}/:timetableId/lessons/:lessonId/check`, {
    schema: {
      tags, summary: 'Проверить перенос урока, ничего не сохраняя: накладки и оценка после переноса',
      params: TimetableGridLessonParams, body: MoveTimetableLessonBody, response: { 200: TimetableMoveCheckDto, ...errors },
    },
    preHandler,
  }, async (req) => service.checkMove(await authorize(req, 'write'), req.params.timetableId, req.params.lessonId, req.body));
}

// HTTP routes: lessons by date, their changes (substitutions, cancellations, room and time
// changes, distance lessons), free teachers to substitute and the notification events recorded
// (SPEC B12, D4). Every route: the session, one access check on `timetable` (read: staff, a
// student their own class, a parent their children's; write: the administration), one service call.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CreateLessonChangeBody, CreatedLessonChangesDto, DatedLessonListDto, LessonChangeListDto, LessonChangeListQuery, LessonChangeParams,
  LessonListQuery, LessonsParams, NotificationEventListDto, NotificationEventQuery, RevokedLessonChangesDto, RevokeLessonChangeQuery,
  SubstituteListDto, SubstituteQuery,
} from '../../../contracts/lessons';
import type { FeatureDeps } from '../deps';
import { errorAnswers as errors, resourceAuthorizer, schoolBase as base, writeErrorAnswers as writeErrors } from '../route-kit';
import { createLessonsService } from './lessons.service';

export async function lessonRoutes(appBase: FastifyInstance, deps: FeatureDeps): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const service = createLessonsService({ db: deps.database.db, access: deps.access, clock: deps.clock });
  const tags = ['lessons'];
  const preHandler = app.authenticate;
  const authorize = resourceAuthorizer(deps, 'timetable');

  app.get(`${base}/lessons`, {
    schema: {
      tags, summary: 'Уроки на даты: расписание × календарь × звонки, с заменами и отменами',
      description: `Период не длиннее 31 дня. Фильтры: класс, группа, учитель, кабинет. Ученик и родитель без фильтра видят уроки своих классов и групп;
учитель без фильтра — свои уроки, включая те, где он заменяет. Урок определяется парой (timetableLessonId, lessonDate).`,
      params: LessonsParams, querystring: LessonListQuery, response: { 200: DatedLessonListDto, ...errors },
    },
    preHandler,
  }, async (req) => service.listLessons(await authorize(req, 'read'), req.query));

  app.post(`${base}/lesson-changes`, {
    schema: {
      tags, summary: 'Заменить учителя, отменить урок, сменить кабинет, перенести или провести дистанционно',
      description: `Одна запись на каждую дату периода, в которую урок проводится (остальные даты пропускаются и считаются в ответе).
Занятый заменяющий учитель — 409 TEACHER_BUSY, занятый кабинет — 409 ROOM_BUSY, занятый класс при переносе — 409 CLASS_BUSY,
то же изменение на эту дату уже есть — 409 LESSON_ALREADY_CHANGED. Для каждой даты записывается событие для уведомлений.`,
      params: LessonsParams, body: CreateLessonChangeBody, response: { 201: CreatedLessonChangesDto, ...writeErrors },
    },
    preHandler,
  }, async (req, reply) => reply.code(201).send(await service.createChanges(await authorize(req, 'write'), req.body)));

  app.get(`${base}/lesson-changes`, {
    schema: {
      tags, summary: 'Замены и отмены уроков за период (для администрации)',
      params: LessonsParams, querystring: LessonChangeListQuery, response: { 200: LessonChangeListDto, ...errors },
    },
    preHandler,
  }, async (req) => service.listChanges(await authorize(req, 'read'), req.query));

  app.get(`${base}/lesson-changes/substitutes`, {
    schema: {
      tags, summary: 'Свободные учителя для замены урока',
      description: 'Сначала те, кто ведёт этот предмет по нагрузке, затем остальные; у каждого — сколько уроков у него в этот день.',
      params: LessonsParams, querystring: SubstituteQuery, response: { 200: SubstituteListDto, ...errors },
    },
    preHandler,
  }, async (req) => service.substitutes(await authorize(req, 'read'), req.query));

  app.delete(`${base}/lesson-changes/:changeId`, {
    schema: {
      tags, summary: 'Отменить изменение урока (замену, отмену, перенос…)',
      description: 'Изменение остаётся в истории с отметкой об отмене; записывается событие для уведомлений. `wholeBatch=true` — все даты этого изменения.',
      params: LessonChangeParams, querystring: RevokeLessonChangeQuery, response: { 200: RevokedLessonChangesDto, ...writeErrors },
    },
    preHandler,
  }, async (req) => service.revokeChange(await authorize(req, 'write'), req.params.changeId, req.query.wholeBatch ?? false));

  app.get(`${base}/notification-events`, {
    schema: {
      tags, summary: 'События для уведомлений, записанные за период (для администрации)',
      params: LessonsParams, querystring: NotificationEventQuery, response: { 200: NotificationEventListDto, ...errors },
    },
    preHandler,
  }, async (req) => service.notificationEvents(await authorize(req, 'read'), req.query));
}

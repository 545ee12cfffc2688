// HTTP routes of the class journal (SPEC C1, C2, C6, D1, D2): journal lessons, marks, attendance,
// the grid and a cell's history. Every route: the session, one access check on `journal` (read:
// the administration, a subject teacher what they teach, a class teacher their class; write: the
// lesson's teacher or substitute, the administration with a reason), one service call. Writes
// carry the CSRF token; mark and attendance writes take `Idempotency-Key`, edits `If-Match`.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody } from '../../../contracts/common';
import {
  AttendanceCellDto, AttendanceCellParams, AttendanceColumnDto, BulkMarksBody, CreateMarkBody, DeletedDto, DeleteMarkBody,
  EnsureJournalLessonBody, GridDto, GridListDto, GridQuery, HistoryDto, HistoryQuery, IdempotencyKeyHeaders, IfMatchHeaders,
  JournalLessonDetailDto, JournalLessonDto, JournalLessonParams, JournalParams, MarkDto, MarkListDto, MarkParams, PutAttendanceBody,
  PutAttendanceCellBody, UpdateJournalLessonBody, UpdateMarkBody,
} from '../../../contracts/journal';
import type { FeatureDeps } from '../deps';
import { errorAnswers as errors, resourceAuthorizer, schoolBase, writeErrorAnswers } from '../route-kit';
import { createJournalService, type Route } from './journal.service';

const writeErrors = { ...writeErrorAnswers, 412: ErrorBody, 422: ErrorBody, 428: ErrorBody };
const idempotencyNote = 'Заголовок `Idempotency-Key`: повтор с тем же ключом и тем же телом возвращает первый ответ и ничего не записывает; тот же ключ с другим телом — 422 IDEMPOTENCY_KEY_REUSED.';
const ifMatchNote = 'Заголовок `If-Match` — номер версии (`version`); без него — 428 VERSION_REQUIRED, устаревший — 412 VERSION_STALE с текущим значением в `error.details.current`.';
const reasonNote = 'Администрация пишет в журнал учителя только с причиной (`reason`, иначе 409 REASON_REQUIRED) и без ограничения сроком; учитель — в пределах срока (409 MARK_ENTRY_CLOSED).';

export async function journalRoutes(appBase: FastifyInstance, deps: FeatureDeps): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const service = createJournalService({ db: deps.database.db, access: deps.access, clock: deps.clock });
  const authorize = resourceAuthorizer(deps, 'journal');
  const preHandler = app.authenticate;
  const tags = ['journal'];
  const base = `${schoolBase}/journal`;
  /** The key and the route (method and path, no query) a retried write is recognised by. */
  const routeOf = (req: FastifyRequest): Route => {
    const key = req.headers['idempotency-key'];
    return { key: Array.isArray(key) ? key[0] : key, route: `${req.method} ${req.url.split('?')[0]}` };
  };
  const send = <T>(reply: FastifyReply, answer: { status: number; body: T }) => reply.code(answer.status).send(answer.body);

  app.get(`${base}/grids`, {
    schema: {
      tags, summary: 'Журналы, которые можно открыть: класс или группа × предмет этого учебного года',
      description: 'Учитель — то, что он ведёт; классный руководитель — все предметы своего класса (только чтение); администрация — вся школа; ученик и родитель — пустой список (их отметки будут в дневнике).',
      params: JournalParams, response: { 200: GridListDto, ...errors },
    },
    preHandler,
  }, async (req) => service.grids(await authorize(req, 'read')));

  app.get(`${base}/grid`, {
    schema: {
      tags, summary: 'Журнал класса или группы по предмету за период: ученики, уроки, отметки, посещаемость, средние',
      description: 'periodId — четверть или полугодие (по умолчанию — текущий). Уроки — все проведённые уроки расписания этого периода и уроки журнала без расписания. Средний балл взвешенный, с объяснением и предлагаемой отметкой за период.',
      params: JournalParams, querystring: GridQuery, response: { 200: GridDto, ...errors, 409: ErrorBody },
    },
    // A term's grid is thousands of cells built from typed rows: the answer is written as it is,
    // not checked against its schema again (that took longer than reading it from the database).
    serializerCompiler: () => (data) => JSON.stringify(data),
    preHandler,
  }, async (req) => service.grid(await authorize(req, 'read'), req.query));

  app.post(`${base}/lessons`, {
    schema: {
      tags, summary: 'Открыть урок расписания в журнале (создаётся при первом обращении)',
      description: 'date — дата урока по расписанию (до переноса). 201 — урок журнала создан, 200 — уже был. Урока нет в расписании на эту дату — 409 LESSON_NOT_HELD, отменён — 409 LESSON_CANCELLED.',
      params: JournalParams, body: EnsureJournalLessonBody, response: { 200: JournalLessonDto, 201: JournalLessonDto, ...writeErrorAnswers },
    },
    preHandler,
  }, async (req, reply) => send(reply, await service.ensureLesson(await authorize(req, 'write'), req.body)));

  app.get(`${base}/lessons/:id`, {
    schema: {
      tags, summary: 'Урок журнала: тема, ученики на дату урока, отметки, посещаемость, формы контроля и коды',
      params: JournalLessonParams, response: { 200: JournalLessonDetailDto, ...errors },
    },
    preHandler,
  }, async (req) => service.getLesson(await authorize(req, 'read'), req.params.id));

  app.patch(`${base}/lessons/:id`, {
    schema: {
      tags, summary: 'Тема урока: своя или из рабочей программы',
      description: `${ifMatchNote} ${reasonNote} Тема программы должна быть из программы того же предмета и класса (группы) — иначе 409 PLANNED_TOPIC_MISMATCH.`,
      params: JournalLessonParams, headers: IfMatchHeaders, body: UpdateJournalLessonBody, response: { 200: JournalLessonDto, ...writeErrors },
    },
    preHandler,
  }, async (req) => service.updateLesson(await authorize(req, 'write'), req.params.id, req.body, req.headers['if-match']));

  app.post(`${base}/marks`, {
    schema: {
      tags, summary: 'Поставить отметку (или «точку» со сроком)',
      description: `${idempotencyNote} ${reasonNote} Значение проверяется по шкале формы контроля (пятибалльная: 2–5), вес берётся из формы. «Н» — не отметка. Ученик не в классе (группе) на дату урока — 409 STUDENT_NOT_IN_LESSON.`,
      params: JournalParams, headers: IdempotencyKeyHeaders, body: CreateMarkBody, response: { 201: MarkDto, ...writeErrors },
    },
    preHandler,
  }, async (req, reply) => send(reply, await service.createMark(await authorize(req, 'write'), req.body, routeOf(req))));

  app.post(`${base}/lessons/:id/marks`, {
    schema: {
      tags, summary: 'Поставить отметки столбцом: все или ни одной',
      description: `${idempotencyNote} Одна ошибка в любой строке — ничего не записано; путь ошибки — marks.N.поле.`,
      params: JournalLessonParams, headers: IdempotencyKeyHeaders, body: BulkMarksBody, response: { 201: MarkListDto, ...writeErrors },
    },
    preHandler,
  }, async (req, reply) => send(reply, await service.bulkMarks(await authorize(req, 'write'), req.params.id, req.body, routeOf(req))));

  app.patch(`${base}/marks/:id`, {
    schema: {
      tags, summary: 'Исправить отметку: значение, форму контроля, комментарий, коды КЭС; «точку» — превратить в отметку',
      description: `${ifMatchNote} ${reasonNote}`,
      params: MarkParams, headers: IfMatchHeaders, body: UpdateMarkBody, response: { 200: MarkDto, ...writeErrors },
    },
    preHandler,
  }, async (req) => service.updateMark(await authorize(req, 'write'), req.params.id, req.body, req.headers['if-match']));

  app.delete(`${base}/marks/:id`, {
    schema: {
      tags, summary: 'Удалить отметку',
      description: `${ifMatchNote} Учитель удаляет свою отметку в пределах срока без причины; чужую (заменяющего, администрации) — с причиной; администрация — всегда с причиной.`,
      params: MarkParams, headers: IfMatchHeaders, body: DeleteMarkBody.nullish(), response: { 200: DeletedDto, ...writeErrors },
    },
    preHandler,
  }, async (req) => {
    await service.deleteMark(await authorize(req, 'write'), req.params.id, req.body?.reason, req.headers['if-match']);
    return { deleted: true as const };
  });

  app.put(`${base}/lessons/:id/attendance`, {
    schema: {
      tags, summary: 'Посещаемость урока целиком: кого не было, кто опоздал (остальные присутствовали)',
      description: `${idempotencyNote} ${reasonNote} Коды — школьные (по умолчанию Н, П, Б, О; «о15» — опоздание на 15 минут). Новый пропуск без уважительной причины записывает событие для уведомления классного руководителя и родителей.`,
      params: JournalLessonParams, headers: IdempotencyKeyHeaders, body: PutAttendanceBody, response: { 200: AttendanceColumnDto, ...writeErrors },
    },
    preHandler,
  }, async (req, reply) => send(reply, await service.putAttendance(await authorize(req, 'write'), req.params.id, req.body, routeOf(req))));

  app.put(`${base}/lessons/:id/attendance/:studentId`, {
    schema: {
      tags, summary: 'Посещаемость одного ученика на уроке (code: null — присутствовал)',
      description: `${idempotencyNote} Если отметка посещаемости уже есть — нужен If-Match с её версией. ${reasonNote}`,
      params: AttendanceCellParams, headers: IdempotencyKeyHeaders.extend(IfMatchHeaders.shape), body: PutAttendanceCellBody, response: { 200: AttendanceCellDto, ...writeErrors },
    },
    preHandler,
  }, async (req, reply) => send(reply, await service.putAttendanceCell(await authorize(req, 'write'), req.params.id, req.params.studentId, req.body, req.headers['if-match'], routeOf(req))));

  app.get(`${base}/history`, {
    schema: {
      tags, summary: 'История клетки журнала: кто, в какой роли, когда, что было, что стало и почему (новые сверху)',
      description: 'Без studentId — история самого урока (тема). Историю нельзя изменить или удалить.',
      params: JournalParams, querystring: HistoryQuery, response: { 200: HistoryDto, ...errors },
    },
    preHandler,
  }, async (req) => service.history(await authorize(req, 'read'), req.query));
}


// HTTP routes: a journal lesson's materials and homework, the homework of a class or group in a
// period and of a student, students' work (submit, the roster of who submitted, return, check
// with a mark), and files (upload as the raw body, download). Every route: the session, one
// access check (`journal` for lessons' materials and homework, `submission` for works), one
// service call. Files are checked by what they are attached to.
import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, OkBody } from '../../../contracts/common';
import {
  CheckWorkBody, CreateHomeworkBody, CreateMaterialBody, FileDto, FileParams, FileRulesDto, HomeworkDto, HomeworkLessonParams,
  HomeworkListDto, HomeworkParams, HomeworkRangeQuery, HomeworkSchoolParams, MaterialDto, MaterialListDto, MaterialParams, ReasonQuery,
  ReturnWorkBody, StudentHomeworkListDto, StudentHomeworkQuery, SubmissionDto, SubmissionParams, SubmissionRosterDto, SubmitWorkBody,
  UpdateHomeworkBody, fileNameHeader,
} from '../../../contracts/homework';
import { AppError } from '../../lib/errors';
import { contentDisposition, createDiskFileStore } from '../../lib/storage';
import { authOf } from '../../plugins/auth';
import type { FeatureDeps } from '../deps';
import { errorAnswers as errors, resourceAuthorizer, schoolBase as base, writeErrorAnswers as writeErrors } from '../route-kit';
import { createHomeworkService } from './homework.service';

const changeErrors = { ...writeErrors, 412: ErrorBody, 428: ErrorBody };
const ifMatch = 'Заголовок `If-Match` — номер версии (`version`); устаревший — 412 VERSION_STALE с текущим значением в `error.details.current`.';
const reasonNote = 'Администрация, меняющая урок учителя, указывает причину `reason` (иначе 409 REASON_REQUIRED).';

export async function homeworkRoutes(appBase: FastifyInstance, deps: FeatureDeps): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const service = createHomeworkService({
    db: deps.database.db, access: deps.access, clock: deps.clock, store: createDiskFileStore(deps.config.files.dir), files: deps.config.files,
  });
  const tags = ['homework'];
  const preHandler = app.authenticate;
  const journal = resourceAuthorizer(deps, 'journal');
  const works = resourceAuthorizer(deps, 'submission');

  // An upload is the file's bytes as the body; they are streamed to the store, never held whole.
  app.addContentTypeParser('application/octet-stream', (_req, payload, done) => done(null, payload));

  // --- Files ------------------------------------------------------------------------------------

  app.get(`${base}/files/rules`, {
    schema: { tags, summary: 'Какие файлы принимаются: наибольший размер и расширения', params: HomeworkSchoolParams, response: { 200: FileRulesDto, ...errors } },
    preHandler,
  }, async (req) => {
    await deps.access.actorFor(authOf(req), req.params.schoolId);
    return service.rules();
  });

  app.post(`${base}/files`, {
    schema: {
      tags, summary: 'Загрузить файл (к уроку, заданию или своей работе)',
      description: `Тело — содержимое файла (Content-Type: application/octet-stream), имя — в заголовке X-File-Name (encodeURIComponent).
Тип проверяется по расширению и по первым байтам: иначе 400 FILE_TYPE_FORBIDDEN; больше предела — 413 FILE_TOO_LARGE.
Файл остаётся непривязанным, пока его id не передан при добавлении материала, задания или работы.`,
      params: HomeworkSchoolParams, response: { 201: FileDto, ...writeErrors, 413: ErrorBody, 415: ErrorBody },
    },
    preHandler,
  }, async (req, reply) => {
    const actor = await deps.access.actorFor(authOf(req), req.params.schoolId);
    const length = Number(req.headers['content-length']);
    if (!(req.body instanceof Readable)) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 415, 'Файл отправляется как есть, телом запроса с Content-Type: application/octet-stream');
    }
    const body = req.body;
    const header = req.headers[fileNameHeader];
    return reply.code(201).send(await service.upload(actor, Array.isArray(header) ? header[0] : header, body, Number.isFinite(length) ? length : null));
  });

  app.get(`${base}/files/:fileId`, {
    schema: {
      tags, summary: 'Скачать файл',
      description: 'Файл урока и задания — тем, кто видит урок; файл работы — ученику, его родителям, учителям урока и администрации.',
      params: FileParams, response: { 200: z.any(), ...errors, 410: ErrorBody },
    },
    preHandler,
  }, async (req, reply) => {
    const actor = await deps.access.actorFor(authOf(req), req.params.schoolId);
    const { file, body } = await service.download(actor, req.params.fileId);
    return reply
      .header('content-type', file.mimeType)
      .header('content-length', String(file.sizeBytes))
      .header('content-disposition', contentDisposition(file.name))
      .header('cache-control', 'private, no-store')
      .send(body);
  });

  // --- Lesson materials ----------------------------------------------------------------------------

  app.get(`${base}/journal/lessons/:id/materials`, {
    schema: { tags, summary: 'Материалы урока: ссылки и файлы', params: HomeworkLessonParams, response: { 200: MaterialListDto, ...errors } },
    preHandler,
  }, async (req) => service.listMaterials(await journal(req, 'read'), req.params.id));

  app.post(`${base}/journal/lessons/:id/materials`, {
    schema: {
      tags, summary: 'Добавить материал к уроку: ссылку (http/https) или загруженный файл',
      description: reasonNote, params: HomeworkLessonParams, body: CreateMaterialBody, response: { 201: MaterialDto, ...writeErrors },
    },
    preHandler,
  }, async (req, reply) => reply.code(201).send(await service.addMaterial(await journal(req, 'write'), req.params.id, req.body)));

  app.delete(`${base}/journal/lessons/:id/materials/:materialId`, {
    schema: { tags, summary: 'Убрать материал урока', description: reasonNote, params: MaterialParams, querystring: ReasonQuery, response: { 200: OkBody, ...writeErrors } },
    preHandler,
  }, async (req) => {
    await service.removeMaterial(await journal(req, 'write'), req.params.id, req.params.materialId, req.query.reason);
    return { ok: true as const };
  });

  // --- Homework ---------------------------------------------------------------------------------------

  app.get(`${base}/journal/lessons/:id/homework`, {
    schema: { tags, summary: 'Домашние задания, заданные на уроке', params: HomeworkLessonParams, response: { 200: HomeworkListDto, ...errors } },
    preHandler,
  }, async (req) => service.listOfLesson(await journal(req, 'read'), req.params.id));

  app.post(`${base}/journal/lessons/:id/homework`, {
    schema: {
      tags, summary: 'Задать домашнее задание на уроке',
      description: `Срок сдачи — не раньше урока (иначе 400 DUE_DATE_BEFORE_LESSON); без срока — дата следующего урока предмета у класса или группы.
Записывается в историю журнала. ${reasonNote}`,
      params: HomeworkLessonParams, body: CreateHomeworkBody, response: { 201: HomeworkDto, ...writeErrors },
    },
    preHandler,
  }, async (req, reply) => reply.code(201).send(await service.createHomework(await journal(req, 'write'), req.params.id, req.body)));

  app.get(`${base}/homework`, {
    schema: {
      tags, summary: 'Домашние задания класса или группы по предмету за период (строка «ДЗ» журнала)',
      params: HomeworkSchoolParams, querystring: HomeworkRangeQuery, response: { 200: HomeworkListDto, ...errors },
    },
    preHandler,
  }, async (req) => service.listOfUnit(await journal(req, 'read'), req.query));

  app.get(`${base}/student-homework`, {
    schema: {
      tags, summary: 'Домашние задания ученика со сроком сдачи в периоде и его работы',
      description: 'Ученик — свои; родитель — своего ребёнка (studentId), по умолчанию первого.',
      params: HomeworkSchoolParams, querystring: StudentHomeworkQuery, response: { 200: StudentHomeworkListDto, ...errors },
    },
    preHandler,
  }, async (req) => service.studentHomework(await journal(req, 'read'), req.query));

  app.get(`${base}/homework/:homeworkId`, {
    schema: { tags, summary: 'Домашнее задание', params: HomeworkParams, response: { 200: HomeworkDto, ...errors } },
    preHandler,
  }, async (req, reply) => {
    const dto = await service.getHomework(await journal(req, 'read'), req.params.homeworkId);
    void reply.header('etag', `"${dto.version}"`);
    return dto;
  });

  app.patch(`${base}/homework/:homeworkId`, {
    schema: {
      tags, summary: 'Изменить домашнее задание', description: `${ifMatch} ${reasonNote}`,
      params: HomeworkParams, body: UpdateHomeworkBody, response: { 200: HomeworkDto, ...changeErrors },
    },
    preHandler,
  }, async (req, reply) => {
    const dto = await service.updateHomework(await journal(req, 'write'), req.params.homeworkId, req.body, req.headers['if-match']);
    void reply.header('etag', `"${dto.version}"`);
    return dto;
  });

  app.delete(`${base}/homework/:homeworkId`, {
    schema: {
      tags, summary: 'Удалить домашнее задание (с работами учеников)', description: `${ifMatch} ${reasonNote} Отметки за работы остаются в журнале.`,
      params: HomeworkParams, querystring: ReasonQuery, response: { 200: OkBody, ...changeErrors },
    },
    preHandler,
  }, async (req) => {
    await service.deleteHomework(await journal(req, 'write'), req.params.homeworkId, req.headers['if-match'], req.query.reason);
    return { ok: true as const };
  });

  // --- Submissions ------------------------------------------------------------------------------------

  app.get(`${base}/homework/:homeworkId/submissions`, {
    schema: {
      tags, summary: 'Кто сдал работу и кто нет: все ученики урока',
      description: 'Ученик и родитель видят только свою (ребёнка) строку.',
      params: HomeworkParams, response: { 200: SubmissionRosterDto, ...errors },
    },
    preHandler,
  }, async (req) => service.roster(await works(req, 'read'), req.params.homeworkId));

  app.post(`${base}/homework/:homeworkId/submissions`, {
    schema: {
      tags, summary: 'Сдать работу (или сдать заново, пока она не проверена)',
      description: 'Только ученик, который был на этом уроке (его класс или группа); после срока работа помечается как сданная с опозданием.',
      params: HomeworkParams, body: SubmitWorkBody, response: { 200: SubmissionDto, ...writeErrors },
    },
    preHandler,
  }, async (req) => service.submit(await works(req, 'write'), req.params.homeworkId, req.body));

  app.get(`${base}/submissions/:submissionId`, {
    schema: { tags, summary: 'Работа ученика', params: SubmissionParams, response: { 200: SubmissionDto, ...errors } },
    preHandler,
  }, async (req) => service.getSubmission(await works(req, 'read'), req.params.submissionId));

  app.post(`${base}/submissions/:submissionId/return`, {
    schema: {
      tags, summary: 'Вернуть работу на доработку с комментарием', description: `${ifMatch} Только учитель урока или заменяющий.`,
      params: SubmissionParams, body: ReturnWorkBody, response: { 200: SubmissionDto, ...changeErrors },
    },
    preHandler,
  }, async (req) => service.returnWork(await works(req, 'write'), req.params.submissionId, req.body, req.headers['if-match']));

  app.post(`${base}/submissions/:submissionId/check`, {
    schema: {
      tags, summary: 'Принять работу: комментарий и, если нужно, отметка в журнал',
      description: `${ifMatch} Отметка ставится за урок задания в выбранной форме контроля по всем правилам журнала (шкала, срок выставления — 409 MARK_ENTRY_CLOSED).`,
      params: SubmissionParams, body: CheckWorkBody, response: { 200: SubmissionDto, ...changeErrors },
    },
    preHandler,
  }, async (req) => service.checkWork(await works(req, 'write'), req.params.submissionId, req.body, req.headers['if-match']));
}

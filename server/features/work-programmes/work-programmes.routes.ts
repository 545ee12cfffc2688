// HTTP routes: КЭС codifiers (upload from CSV/XLSX with a dry run, list, view, delete when unused)
// and work programmes (list, the load rows to make them for, coverage of the year's load, the next
// planned topic of a lesson, create — from a load row, copied from last year's or a colleague's —,
// change, delete; topics added, edited, deleted, moved, split; the lesson plan's XLSX export and
// import). Every route: the session, one access check on `workProgramme` (read: all staff; write:
// the administration, subject teachers for what they teach), one service call. Every change of a
// programme carries `If-Match` with its version; answers that show a programme carry it as `ETag`.
// A file is sent as the request body itself, its name URI-encoded in X-File-Name (as imports do).
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { xlsxMediaType } from '../../../contracts/access';
import { ErrorBody, OkBody } from '../../../contracts/common';
import { SchoolParams } from '../../../contracts/org';
import {
  CodifierDetailDto, CodifierDryRunDto, CodifierListDto, CodifierParams, CoverageDto, CoverageQuery, CreatePlannedTopicBody, CreateWorkProgrammeBody,
  ImportLessonPlanQuery, LessonPlanImportDto, LoadYearQuery, maxPlanFileBytes, MovePlannedTopicBody, NextTopicDto, NextTopicQuery, PlannedTopicParams,
  ProgrammeLoadListDto, SplitPlannedTopicBody, UpdatePlannedTopicBody, UpdateWorkProgrammeBody, UploadCodifierQuery, WorkProgrammeDetailDto,
  WorkProgrammeListDto, WorkProgrammeListQuery, WorkProgrammeParams,
} from '../../../contracts/work-programmes';
import { AppError } from '../../lib/errors';
import type { FeatureDeps } from '../deps';
import { fileNameOf } from '../imports/imports.routes';
import { errorAnswers as errors, resourceAuthorizer, schoolBase, writeErrorAnswers } from '../route-kit';
import { createWorkProgrammesService } from './work-programmes.service';

const changeErrors = { ...writeErrorAnswers, 412: ErrorBody, 428: ErrorBody };
const fileErrors = { ...writeErrorAnswers, 412: ErrorBody, 413: ErrorBody, 415: ErrorBody, 428: ErrorBody };
const ifMatch = 'Заголовок `If-Match` — номер версии программы (`version`), которую меняют; устаревший номер — 412 VERSION_STALE с текущим в `error.details.version`.';

/** The uploaded file: the raw body and its name. */
function fileOf(body: unknown, fileNameHeader: string | string[] | undefined, contentType: string | undefined): { bytes: Uint8Array; fileName: string | null } {
  if ((contentType ?? '').toLowerCase().startsWith('multipart/')) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 415, 'Отправьте файл телом запроса, а не формой multipart');
  if (!Buffer.isBuffer(body)) throw new AppError('FILE_EXPECTED', 400, 'Ожидается файл CSV или XLSX в теле запроса');
  return { bytes: body, fileName: fileNameOf(typeof fileNameHeader === 'string' && fileNameHeader !== '' ? fileNameHeader : null) };
}

export async function workProgrammeRoutes(appBase: FastifyInstance, deps: FeatureDeps): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const service = createWorkProgrammesService({ db: deps.database.db });
  const authorize = resourceAuthorizer(deps, 'workProgramme');
  const preHandler = app.authenticate;
  const tags = ['work-programmes'];
  const base = `${schoolBase}/work-programmes`;
  const one = `${base}/:workProgrammeId`;
  const codifiers = `${schoolBase}/codifiers`;
  const tagged = <T extends { version: number }>(reply: FastifyReply, body: T): T => {
    void reply.header('etag', `"${body.version}"`);
    return body;
  };

  // In this plugin only: a body that is not JSON is a file, taken as raw bytes.
  appBase.removeContentTypeParser('text/plain');
  appBase.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxPlanFileBytes }, (_req, body, done) => done(null, body));
  const parentErrorHandler = appBase.errorHandler;
  appBase.setErrorHandler(function (err: FastifyError, req, reply) {
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send({ error: { code: 'FILE_TOO_LARGE', message: 'Файл больше 5 МБ: это не похоже на кодификатор или план' } });
    }
    return parentErrorHandler.call(this, err, req, reply);
  });

  // --- Codifiers -----------------------------------------------------------------------------

  app.get(codifiers, {
    schema: { tags, summary: 'Кодификаторы элементов содержания (КЭС) школы', params: SchoolParams, response: { 200: CodifierListDto, ...errors } },
    preHandler,
  }, async (req) => service.listCodifiers(await authorize(req, 'read')));

  app.post(codifiers, {
    schema: {
      tags, summary: 'Загрузить кодификатор КЭС из CSV или XLSX',
      description: 'Тело — сам файл (до 5 МБ), имя — в X-File-Name (URI-кодировка). Столбцы: «Код», «Название» (или «Наименование»), необязательный «Раздел» (да/нет). '
        + 'Коды вида 1, 1.2, 1.2.3, 1.2.3.4; родитель выводится из кода. Неверные и повторные коды — 400 со строками файла, ничего не записывается. '
        + '`dryRun=true` — только проверка.',
      params: SchoolParams, querystring: UploadCodifierQuery, response: { 200: CodifierDryRunDto, 201: CodifierDetailDto, ...fileErrors },
    },
    bodyLimit: maxPlanFileBytes,
    preHandler,
  }, async (req, reply) => {
    const access = await authorize(req, 'write');
    const answer = await service.uploadCodifier(access, req.query, fileOf(req.body, req.headers['x-file-name'], req.headers['content-type']));
    return reply.code('dryRun' in answer ? 200 : 201).send(answer);
  });

  app.get(`${codifiers}/:codifierId`, {
    schema: { tags, summary: 'Кодификатор с элементами', params: CodifierParams, response: { 200: CodifierDetailDto, ...errors } },
    preHandler,
  }, async (req) => service.getCodifier(await authorize(req, 'read'), req.params.codifierId));

  app.delete(`${codifiers}/:codifierId`, {
    schema: {
      tags, summary: 'Удалить кодификатор, пока им не пользуется ни одна программа',
      description: 'Используемый — 409 CODIFIER_IN_USE. Удаляет администрация или тот, кто загрузил.',
      params: CodifierParams, response: { 200: OkBody, ...writeErrorAnswers },
    },
    preHandler,
  }, async (req) => {
    await service.deleteCodifier(await authorize(req, 'write'), req.params.codifierId);
    return { ok: true as const };
  });

  // --- Programmes ----------------------------------------------------------------------------

  app.get(base, {
    schema: {
      tags, summary: 'Рабочие программы учебного года: часы по плану, по нагрузке и проведённые',
      description: '`mine=true` — только свои; `subjectId`, `grade` — отбор; `academicYear` — другой год (для копирования).',
      params: SchoolParams, querystring: WorkProgrammeListQuery, response: { 200: WorkProgrammeListDto, ...errors },
    },
    preHandler,
  }, async (req) => service.list(await authorize(req, 'read'), req.query));

  app.get(`${base}/load`, {
    schema: {
      tags, summary: 'Строки нагрузки, по которым можно создать программу (учителю — свои)',
      params: SchoolParams, querystring: LoadYearQuery, response: { 200: ProgrammeLoadListDto, ...errors },
    },
    preHandler,
  }, async (req) => service.loadList(await authorize(req, 'write'), req.query));

  app.get(`${base}/coverage`, {
    schema: {
      tags, summary: 'Класс × предмет нагрузки года: есть ли программа, часы по плану, по нагрузке и проведённые',
      params: SchoolParams, querystring: CoverageQuery, response: { 200: CoverageDto, ...errors },
    },
    preHandler,
  }, async (req) => service.coverage(await authorize(req, 'read'), req.query));

  app.get(`${base}/next-topic`, {
    schema: {
      tags, summary: 'Следующая тема программы для урока на дату',
      description: 'Темы заполняют уроки по порядку: тема на N часов занимает N уроков. Считаются уроки журнала до даты (и в тот же день — с меньшим номером), '
        + 'у которых уже стоит тема этой программы. Без программы — `topic: null`. `remaining` — следующие темы (первые пять), чтобы выбрать другую.',
      params: SchoolParams, querystring: NextTopicQuery, response: { 200: NextTopicDto, ...errors },
    },
    preHandler,
  }, async (req) => service.nextTopic(await authorize(req, 'read'), req.query));

  app.post(base, {
    schema: {
      tags, summary: 'Создать рабочую программу: по строке нагрузки или для учителя × предмета × класса (группы) × года',
      description: 'Название по умолчанию — «Предмет, класс, год». `copyFromId` — темы из другой программы школы, `copyFromLastYear` — из прошлогодней '
        + 'программы того же предмета и параллели. Учитель создаёт только свои программы по своей нагрузке (иначе 403); повтор — 409 WORK_PROGRAMME_EXISTS.',
      params: SchoolParams, body: CreateWorkProgrammeBody, response: { 201: WorkProgrammeDetailDto, ...writeErrorAnswers },
    },
    preHandler,
  }, async (req, reply) => reply.code(201).send(tagged(reply, await service.create(await authorize(req, 'write'), req.body))));

  app.get(one, {
    schema: { tags, summary: 'Рабочая программа с темами (КТП)', params: WorkProgrammeParams, response: { 200: WorkProgrammeDetailDto, ...errors } },
    preHandler,
  }, async (req, reply) => tagged(reply, await service.get(await authorize(req, 'read'), req.params.workProgrammeId)));

  app.patch(one, {
    schema: {
      tags, summary: 'Переименовать программу, выбрать кодификатор',
      description: `${ifMatch} Кодификатор, в котором нет кодов тем, — 409 CODES_NOT_IN_CODIFIER.`,
      params: WorkProgrammeParams, body: UpdateWorkProgrammeBody, response: { 200: WorkProgrammeDetailDto, ...changeErrors },
    },
    preHandler,
  }, async (req, reply) => tagged(reply, await service.update(await authorize(req, 'write'), req.params.workProgrammeId, req.body, req.headers['if-match'])));

  app.delete(one, {
    schema: {
      tags, summary: 'Удалить программу', description: `${ifMatch} Программу, темы которой уже проведены в журнале, удалить нельзя (409).`,
      params: WorkProgrammeParams, response: { 200: OkBody, ...changeErrors },
    },
    preHandler,
  }, async (req) => {
    await service.remove(await authorize(req, 'write'), req.params.workProgrammeId, req.headers['if-match']);
    return { ok: true as const };
  });

  // --- Topics --------------------------------------------------------------------------------

  app.post(`${one}/topics`, {
    schema: {
      tags, summary: 'Добавить тему', description: `${ifMatch} Коды КЭС проверяются по кодификатору программы. Без position — в конец.`,
      params: WorkProgrammeParams, body: CreatePlannedTopicBody, response: { 201: WorkProgrammeDetailDto, ...changeErrors },
    },
    preHandler,
  }, async (req, reply) => reply.code(201).send(tagged(reply, await service.addTopic(await authorize(req, 'write'), req.params.workProgrammeId, req.body, req.headers['if-match']))));

  app.patch(`${one}/topics/:topicId`, {
    schema: {
      tags, summary: 'Изменить тему: название, раздел, часы, коды КЭС, контрольная работа', description: ifMatch,
      params: PlannedTopicParams, body: UpdatePlannedTopicBody, response: { 200: WorkProgrammeDetailDto, ...changeErrors },
    },
    preHandler,
  }, async (req, reply) => tagged(reply, await service.updateTopic(await authorize(req, 'write'), req.params.workProgrammeId, req.params.topicId, req.body, req.headers['if-match'])));

  app.delete(`${one}/topics/:topicId`, {
    schema: {
      tags, summary: 'Удалить тему', description: `${ifMatch} Тему, уже проведённую в журнале, удалить нельзя (409 TOPIC_DELIVERED).`,
      params: PlannedTopicParams, response: { 200: WorkProgrammeDetailDto, ...changeErrors },
    },
    preHandler,
  }, async (req, reply) => tagged(reply, await service.removeTopic(await authorize(req, 'write'), req.params.workProgrammeId, req.params.topicId, req.headers['if-match'])));

  app.post(`${one}/topics/:topicId/move`, {
    schema: {
      tags, summary: 'Переместить тему на место (с 1)', description: ifMatch,
      params: PlannedTopicParams, body: MovePlannedTopicBody, response: { 200: WorkProgrammeDetailDto, ...changeErrors },
    },
    preHandler,
  }, async (req, reply) => tagged(reply, await service.moveTopic(await authorize(req, 'write'), req.params.workProgrammeId, req.params.topicId, req.body, req.headers['if-match'])));

  app.post(`${one}/topics/:topicId/split`, {
    schema: {
      tags, summary: 'Разделить тему на две: часы делятся',
      description: `${ifMatch} Первая часть оставляет hours часов (по умолчанию половину с округлением вверх), вторая — остаток; тема на 1 час — 409 TOPIC_NOT_SPLITTABLE.`,
      params: PlannedTopicParams, body: SplitPlannedTopicBody, response: { 200: WorkProgrammeDetailDto, ...changeErrors },
    },
    preHandler,
  }, async (req, reply) => tagged(reply, await service.splitTopic(await authorize(req, 'write'), req.params.workProgrammeId, req.params.topicId, req.body, req.headers['if-match'])));

  // --- The lesson plan as a file ---------------------------------------------------------------

  // A file answer: registered without the typed provider so that the reply may be a Buffer.
  appBase.get(`${one}/lesson-plan.xlsx`, {
    schema: { tags, summary: 'КТП программы в XLSX: №, Раздел, Тема, Часы, КЭС, Контроль', params: WorkProgrammeParams, response: errors },
    preHandler,
  }, async (req, reply) => {
    const { workProgrammeId } = req.params as { workProgrammeId: string };
    const { body, academicYear } = await service.exportPlan(await authorize(req, 'read'), workProgrammeId);
    return reply.header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="ktp-${academicYear}-${academicYear + 1}.xlsx"`)
      .type(xlsxMediaType)
      .send(body);
  });

  app.post(`${one}/lesson-plan`, {
    schema: {
      tags, summary: 'Загрузить КТП из XLSX или CSV: темы программы заменяются',
      description: `${ifMatch} (кроме dryRun). Столбцы: №, Раздел, Тема, Часы, КЭС, Контроль (название или сокращение формы контроля). `
        + 'Темы с тем же названием сохраняются (и их связь с уроками журнала); ошибки — 400 с номерами строк; удалить проведённую тему нельзя (409). '
        + '`dryRun=true` — показать новый план и отличия, ничего не меняя.',
      params: WorkProgrammeParams, querystring: ImportLessonPlanQuery, response: { 200: LessonPlanImportDto, ...fileErrors },
    },
    bodyLimit: maxPlanFileBytes,
    preHandler,
  }, async (req, reply) => {
    const access = await authorize(req, 'write');
    const answer = await service.importPlan(access, req.params.workProgrammeId, fileOf(req.body, req.headers['x-file-name'], req.headers['content-type']), req.query.dryRun ?? false, req.headers['if-match']);
    if (answer.workProgramme) void reply.header('etag', `"${answer.workProgramme.version}"`);
    return answer;
  });
}

// HTTP routes: subjects, the ФГОС catalogue, additional programmes (SPEC B2, B15).
// Every route: the session, one access check, one service call. Subjects are read by every role
// of the school (a diary names them); the catalogue and the programmes by the staff (yearSetup);
// writes by those who set up the year.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { OkBody } from '../../../contracts/common';
import { SchoolParams } from '../../../contracts/org';
import {
  AdditionalProgrammeDto, AdditionalProgrammeListDto, AdditionalProgrammeListQuery, AdditionalProgrammeParams,
  CreateAdditionalProgrammeInput, CreateSubjectInput, FromCatalogueDto, FromCatalogueInput, SubjectCatalogueDto, SubjectDto,
  SubjectListDto, SubjectListQuery, SubjectParams, UpdateAdditionalProgrammeInput, UpdateSubjectInput,
} from '../../../contracts/subjects';
import type { FeatureDeps } from '../deps';
import { errorAnswers as errors, schoolAuthorizer, schoolBase as base, writeErrorAnswers as writeErrors } from '../route-kit';
import { createSubjectsService } from './subjects.service';

export async function subjectRoutes(appBase: FastifyInstance, deps: FeatureDeps): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const service = createSubjectsService({ db: deps.database.db });
  const tags = ['subjects'];
  const preHandler = app.authenticate;
  const authorize = schoolAuthorizer(deps);

  // --- Subjects -------------------------------------------------------------------------------

  app.get(`${base}/subjects`, {
    schema: {
      tags, summary: 'Предметы школы (фильтры: вид, уровень; архивные — по запросу)',
      params: SchoolParams, querystring: SubjectListQuery, response: { 200: SubjectListDto, ...errors },
    },
    preHandler,
  }, async (req) => service.listSubjects(await authorize(req, 'school', 'read'), req.query));

  app.get(`${base}/subjects/:subjectId`, {
    schema: { tags, summary: 'Предмет', params: SubjectParams, response: { 200: SubjectDto, ...errors } },
    preHandler,
  }, async (req) => service.getSubject(await authorize(req, 'school', 'read'), req.params.subjectId));

  app.post(`${base}/subjects`, {
    schema: { tags, summary: 'Добавить предмет, курс по выбору или курс внеурочной деятельности', params: SchoolParams, body: CreateSubjectInput, response: { 201: SubjectDto, ...writeErrors } },
    preHandler,
  }, async (req, reply) => reply.code(201).send(await service.createSubject(await authorize(req, 'yearSetup', 'write'), req.body)));

  app.patch(`${base}/subjects/:subjectId`, {
    schema: { tags, summary: 'Изменить предмет или убрать его в архив', params: SubjectParams, body: UpdateSubjectInput, response: { 200: SubjectDto, ...writeErrors } },
    preHandler,
  }, async (req) => service.updateSubject(await authorize(req, 'yearSetup', 'write'), req.params.subjectId, req.body));

  // --- The ФГОС catalogue ---------------------------------------------------------------------

  app.get(`${base}/subject-catalogue`, {
    schema: {
      tags, summary: 'Каталог предметов ФГОС (с отметкой, какие уже есть в школе)',
      params: SchoolParams, response: { 200: SubjectCatalogueDto, ...errors },
    },
    preHandler,
  }, async (req) => service.catalogue(await authorize(req, 'yearSetup', 'read')));

  app.post(`${base}/subjects/from-catalogue`, {
    schema: {
      tags, summary: 'Добавить предметы из каталога ФГОС',
      description: 'Создаёт недостающие (сопоставление по коду каталога, затем по названию); повторный вызов ничего не меняет.',
      params: SchoolParams, body: FromCatalogueInput, response: { 200: FromCatalogueDto, ...writeErrors },
    },
    preHandler,
  }, async (req) => service.fromCatalogue(await authorize(req, 'yearSetup', 'write'), req.body));

  // --- Additional programmes ------------------------------------------------------------------

  app.get(`${base}/additional-programmes`, {
    schema: {
      tags, summary: 'Дополнительные общеразвивающие программы учебного года с группами и педагогами',
      params: SchoolParams, querystring: AdditionalProgrammeListQuery, response: { 200: AdditionalProgrammeListDto, ...errors },
    },
    preHandler,
  }, async (req) => service.listProgrammes(await authorize(req, 'yearSetup', 'read'), req.query));

  app.get(`${base}/additional-programmes/:programmeId`, {
    schema: { tags, summary: 'Программа доп. образования', params: AdditionalProgrammeParams, response: { 200: AdditionalProgrammeDto, ...errors } },
    preHandler,
  }, async (req) => service.getProgramme(await authorize(req, 'yearSetup', 'read'), req.params.programmeId));

  app.post(`${base}/additional-programmes`, {
    schema: {
      tags, summary: 'Добавить программу доп. образования', description: 'Создаёт (или находит по названию) её предмет вида additional.',
      params: SchoolParams, body: CreateAdditionalProgrammeInput, response: { 201: AdditionalProgrammeDto, ...writeErrors },
    },
    preHandler,
  }, async (req, reply) => reply.code(201).send(await service.createProgramme(await authorize(req, 'yearSetup', 'write'), req.body)));

  app.patch(`${base}/additional-programmes/:programmeId`, {
    schema: { tags, summary: 'Изменить программу доп. образования', params: AdditionalProgrammeParams, body: UpdateAdditionalProgrammeInput, response: { 200: AdditionalProgrammeDto, ...writeErrors } },
    preHandler,
  }, async (req) => service.updateProgramme(await authorize(req, 'yearSetup', 'write'), req.params.programmeId, req.body));

  app.delete(`${base}/additional-programmes/:programmeId`, {
    schema: { tags, summary: 'Удалить программу (если у неё нет групп)', params: AdditionalProgrammeParams, response: { 200: OkBody, ...writeErrors } },
    preHandler,
  }, async (req) => {
    await service.deleteProgramme(await authorize(req, 'yearSetup', 'write'), req.params.programmeId);
    return { ok: true as const };
  });
}

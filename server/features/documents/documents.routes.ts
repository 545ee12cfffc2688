// HTTP routes: the school's programme documents for students, parents and, if chosen, everyone (SPEC B16).
// Signed-in: under /api/v1/schools/:schoolId/programme-documents (resource `programmeDocument`).
// Without sign-in: under /api/v1/public/schools/:schoolId/programme-documents, only while the
// school keeps them open; otherwise 404 exactly like a missing school.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { xlsxMediaType } from '../../../contracts/access';
import { ErrorBody } from '../../../contracts/common';
import {
  DocumentListParams, DocumentParams, DocumentQuery, ProgrammeDocumentDto, ProgrammeDocumentListDto, PublicationDto, PublicationInput,
} from '../../../contracts/documents';
import { authOf } from '../../plugins/auth';
import type { FeatureDeps } from '../deps';
import { errorAnswers as errors } from '../route-kit';
import { createDocumentsService, type DocumentFile } from './documents.service';

const publicErrors = { 400: ErrorBody, 404: ErrorBody };

const sendFile = (reply: FastifyReply, file: DocumentFile) =>
  reply.header('content-disposition', `attachment; filename="${file.filename}"`).type(xlsxMediaType).send(file.body);

export async function documentRoutes(appBase: FastifyInstance, deps: FeatureDeps): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const documents = createDocumentsService({ db: deps.database.db, clock: deps.clock });
  const tags = ['documents'];
  const base = '/api/v1/schools/:schoolId/programme-documents';
  const publicBase = '/api/v1/public/schools/:schoolId/programme-documents';
  const preHandler = app.authenticate;

  app.get(base, {
    schema: {
      tags, summary: 'Документы образовательной программы школы за учебный год',
      description: 'Календарный учебный график, учебные планы параллелей, план внеурочной деятельности, дополнительные общеразвивающие программы. ИУП не входят: они личные.',
      params: DocumentListParams, querystring: DocumentQuery, response: { 200: ProgrammeDocumentListDto, ...errors },
    },
    preHandler,
  }, async (req) => documents.list(await deps.access.authorize(authOf(req), req.params.schoolId, 'programmeDocument', 'read'), req.query));

  app.post(`${base}/publication`, {
    schema: {
      tags, summary: 'Открыть или закрыть документы для всех (без входа)',
      params: DocumentListParams, body: PublicationInput, response: { 200: PublicationDto, ...errors },
    },
    preHandler,
  }, async (req) => documents.publish(await deps.access.authorize(authOf(req), req.params.schoolId, 'programmeDocument', 'write'), req.body));

  app.get(`${base}/:key`, {
    schema: { tags, summary: 'Документ для чтения: таблицы', params: DocumentParams, querystring: DocumentQuery, response: { 200: ProgrammeDocumentDto, ...errors } },
    preHandler,
  }, async (req) => documents.get(await deps.access.authorize(authOf(req), req.params.schoolId, 'programmeDocument', 'read'), req.params.key, req.query));

  app.get(`${base}/:key/file`, {
    schema: { tags, summary: 'Документ в XLSX', params: DocumentParams, querystring: DocumentQuery, response: errors },
    preHandler,
  }, async (req, reply) => sendFile(reply, await documents.file(await deps.access.authorize(authOf(req), req.params.schoolId, 'programmeDocument', 'read'), req.params.key, req.query)));

  // --- Without sign-in -------------------------------------------------------------------------

  app.get(publicBase, {
    schema: {
      tags, summary: 'Документы школы для всех (если школа их открыла)',
      description: 'Пока школа не открыла документы, ответ 404 — как для несуществующей школы.',
      params: DocumentListParams, querystring: DocumentQuery, response: { 200: ProgrammeDocumentListDto, ...publicErrors },
    },
  }, async (req) => documents.publicList(req.params.schoolId, req.query));

  app.get(`${publicBase}/:key`, {
    schema: { tags, summary: 'Документ школы для всех', params: DocumentParams, querystring: DocumentQuery, response: { 200: ProgrammeDocumentDto, ...publicErrors } },
  }, async (req) => documents.publicGet(req.params.schoolId, req.params.key, req.query));

  app.get(`${publicBase}/:key/file`, {
    schema: { tags, summary: 'Документ школы для всех в XLSX', params: DocumentParams, querystring: DocumentQuery, response: publicErrors },
  }, async (req, reply) => sendFile(reply, await documents.publicFile(req.params.schoolId, req.params.key, req.query)));
}

// HTTP routes: samples published by a region or municipality, read by schools (SPEC B14).
// Area routes (/api/v1/area/samples) authorise by the caller's area roles in the service; school
// routes by the access matrix (resource `sample`). The built-in federal samples are made sure of
// when the routes are registered.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AreaSampleParams, CreateSampleInput, SampleDiffDto, SampleDiffQuery, SampleDto, SampleListDto, SampleListQuery, SampleUsageDto,
  SchoolSampleParams, SchoolSamplesParams, UpdateSampleInput,
} from '../../../contracts/samples';
import { authOf } from '../../plugins/auth';
import type { FeatureDeps } from '../deps';
import { errorAnswers as errors, writeErrorAnswers as writeErrors } from '../route-kit';
import { ensureBuiltInSamples } from './built-in';
import { createSampleService } from './samples.service';

export async function sampleRoutes(appBase: FastifyInstance, deps: FeatureDeps): Promise<void> {
  await ensureBuiltInSamples(deps.database.db);
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const samples = createSampleService({ db: deps.database.db, clock: deps.clock });
  const tags = ['samples'];
  const preHandler = app.authenticate;

  // --- Region and municipality administrators ---------------------------------------------

  app.get('/api/v1/area/samples', {
    schema: {
      tags, summary: 'Образцы региона или муниципалитета и федеральные',
      querystring: SampleListQuery, response: { 200: SampleListDto, ...errors },
    },
    preHandler,
  }, async (req) => samples.listForArea(authOf(req), req.query.kind));

  app.post('/api/v1/area/samples', {
    schema: {
      tags, summary: 'Опубликовать образец для школ',
      description: 'Содержание проверяется по виду образца; ошибки приходят с путями `content.…`. По умолчанию образец принадлежит региону '
        + 'вызывающего (или его муниципалитету, если региона нет). Версия 1 сохраняется в истории версий.',
      body: CreateSampleInput, response: { 201: SampleDto, ...writeErrors },
    },
    preHandler,
  }, async (req, reply) => reply.code(201).send(await samples.create(authOf(req), req.body)));

  app.get('/api/v1/area/samples/:sampleId', {
    schema: { tags, summary: 'Образец: содержание и версии', params: AreaSampleParams, response: { 200: SampleDto, ...errors } },
    preHandler,
  }, async (req) => samples.getForArea(authOf(req), req.params.sampleId));

  app.put('/api/v1/area/samples/:sampleId', {
    schema: {
      tags, summary: 'Опубликовать новую версию образца',
      description: 'Изменённое содержание — новая версия (прежняя остаётся в истории); только название или описание — без новой версии. '
        + 'Федеральные образцы не меняются (409 BUILT_IN_READ_ONLY).',
      params: AreaSampleParams, body: UpdateSampleInput, response: { 200: SampleDto, ...writeErrors },
    },
    preHandler,
  }, async (req) => samples.update(authOf(req), req.params.sampleId, req.body));

  app.get('/api/v1/area/samples/:sampleId/diff', {
    schema: { tags, summary: 'Что изменилось между версиями образца', params: AreaSampleParams, querystring: SampleDiffQuery, response: { 200: SampleDiffDto, ...errors } },
    preHandler,
  }, async (req) => samples.diffForArea(authOf(req), req.params.sampleId, req.query));

  app.get('/api/v1/area/samples/:sampleId/usage', {
    schema: {
      tags, summary: 'Школы, построившие свои документы по образцу', description: 'Учебные планы, календарные графики и формы контроля с версией образца, которую держит каждая школа.',
      params: AreaSampleParams, response: { 200: SampleUsageDto, ...errors },
    },
    preHandler,
  }, async (req) => samples.usage(authOf(req), req.params.sampleId));

  // --- Schools ----------------------------------------------------------------------------

  const authorize = (req: { params: { schoolId: string } } & Parameters<typeof authOf>[0]) =>
    deps.access.authorize(authOf(req), req.params.schoolId, 'sample', 'read');

  app.get('/api/v1/schools/:schoolId/samples', {
    schema: {
      tags, summary: 'Образцы, доступные школе', description: 'Федеральные, своего региона и своего муниципалитета.',
      params: SchoolSamplesParams, querystring: SampleListQuery, response: { 200: SampleListDto, ...errors },
    },
    preHandler,
  }, async (req) => samples.listForSchool(await authorize(req), req.query.kind));

  app.get('/api/v1/schools/:schoolId/samples/:sampleId', {
    schema: { tags, summary: 'Образец: содержание и версии', params: SchoolSampleParams, response: { 200: SampleDto, ...errors } },
    preHandler,
  }, async (req) => samples.getForSchool(await authorize(req), req.params.sampleId));

  app.get('/api/v1/schools/:schoolId/samples/:sampleId/diff', {
    schema: { tags, summary: 'Что изменилось между версиями образца', params: SchoolSampleParams, querystring: SampleDiffQuery, response: { 200: SampleDiffDto, ...errors } },
    preHandler,
  }, async (req) => samples.diffForSchool(await authorize(req), req.params.sampleId, req.query));
}

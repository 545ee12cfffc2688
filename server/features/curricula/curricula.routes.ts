// HTTP routes: curricula, individual curricula, the extracurricular plan (SPEC B9, B14, B15).
// Every route: the session (preHandler), one access check on `yearSetup`, one service call.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { OkBody } from '../../../contracts/common';
import {
  CopyYearInput, CopyYearResultDto, CreateCurriculumInput, CurriculaParams, CurriculumDto, CurriculumListDto, CurriculumListQuery,
  CurriculumParams, CurriculumSampleDiffDto, ReplaceLinesInput, StudentCurriculumDto, StudentCurriculumParams, StudentCurriculumQuery,
  TakeSampleInput, UpdateCurriculumInput,
} from '../../../contracts/curricula';
import type { FeatureDeps } from '../deps';
import { errorAnswers as errors, resourceAuthorizer, schoolBase as base, writeErrorAnswers as writeErrors } from '../route-kit';
import { createCurriculaService } from './curricula.service';

export async function curriculumRoutes(appBase: FastifyInstance, deps: FeatureDeps): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const curricula = createCurriculaService({ db: deps.database.db });
  const tags = ['curricula'];
  const preHandler = app.authenticate;
  const authorize = resourceAuthorizer(deps, 'yearSetup');

  app.get(`${base}/curricula`, {
    schema: {
      tags, summary: 'Учебные планы и планы внеурочной деятельности года',
      description: 'Параллели, классы и ИУП с итогом часов в неделю, максимумом СанПиН, числом ошибок и предупреждений, образцом.',
      params: CurriculaParams, querystring: CurriculumListQuery, response: { 200: CurriculumListDto, ...errors },
    },
    preHandler,
  }, async (req) => curricula.list(await authorize(req, 'read'), req.query));

  app.get(`${base}/curricula/:curriculumId`, {
    schema: { tags, summary: 'Учебный план: строки, итоги по периодам, ошибки и предупреждения', params: CurriculumParams, response: { 200: CurriculumDto, ...errors } },
    preHandler,
  }, async (req) => curricula.get(await authorize(req, 'read'), req.params.curriculumId));

  app.post(`${base}/curricula`, {
    schema: {
      tags, summary: 'Создать учебный план (пустой, по образцу или копией)',
      description: 'Одно из трёх: поля и строки; `fromSample` — столбец параллели из образца (недостающие предметы создаются); `copyFrom` — копия другого плана школы. '
        + 'С `studentId` — ИУП ученика (ученику ставится признак ИУП). Второй план на то же место — 409 CURRICULUM_EXISTS.',
      params: CurriculaParams, body: CreateCurriculumInput, response: { 201: CurriculumDto, ...writeErrors },
    },
    preHandler,
  }, async (req, reply) => reply.code(201).send(await curricula.create(await authorize(req, 'write'), req.body)));

  app.post(`${base}/curricula/copy-year`, {
    schema: {
      tags, summary: 'Скопировать все учебные планы года в другой год',
      description: 'Планы параллелей; планы классов — классу с той же параллелью и буквой; ИУП — тому же ученику, если он числится в новом году. Существующие пропускаются.',
      params: CurriculaParams, body: CopyYearInput, response: { 200: CopyYearResultDto, ...writeErrors },
    },
    preHandler,
  }, async (req) => curricula.copyYear(await authorize(req, 'write'), req.body));

  app.put(`${base}/curricula/:curriculumId/lines`, {
    schema: {
      tags, summary: 'Заменить все строки учебного плана',
      description: 'Ошибки (часы не кратны 0,5, не помещаются в неделю, не тот предмет) — 400 с путями вида `lines.3.hoursPerWeek`; предупреждения (максимум СанПиН) приходят в ответе и не мешают сохранению.',
      params: CurriculumParams, body: ReplaceLinesInput, response: { 200: CurriculumDto, ...writeErrors },
    },
    preHandler,
  }, async (req) => curricula.replaceLines(await authorize(req, 'write'), req.params.curriculumId, req.body.lines));

  app.patch(`${base}/curricula/:curriculumId`, {
    schema: { tags, summary: 'Изменить название или учебную неделю', params: CurriculumParams, body: UpdateCurriculumInput, response: { 200: CurriculumDto, ...writeErrors } },
    preHandler,
  }, async (req) => curricula.update(await authorize(req, 'write'), req.params.curriculumId, req.body));

  app.delete(`${base}/curricula/:curriculumId`, {
    schema: { tags, summary: 'Удалить учебный план', params: CurriculumParams, response: { 200: OkBody, ...writeErrors } },
    preHandler,
  }, async (req) => {
    await curricula.remove(await authorize(req, 'write'), req.params.curriculumId);
    return { ok: true as const };
  });

  app.get(`${base}/curricula/:curriculumId/sample-diff`, {
    schema: {
      tags, summary: 'Сравнить учебный план с образцом',
      description: 'Что изменилось в образце с версии, по которой построен план, и что изменит принятие последней версии.',
      params: CurriculumParams, response: { 200: CurriculumSampleDiffDto, ...writeErrors },
    },
    preHandler,
  }, async (req) => curricula.sampleDiff(await authorize(req, 'read'), req.params.curriculumId));

  app.post(`${base}/curricula/:curriculumId/take-sample`, {
    schema: {
      tags, summary: 'Принять строки образца указанной версии',
      params: CurriculumParams, body: TakeSampleInput, response: { 200: CurriculumDto, ...writeErrors },
    },
    preHandler,
  }, async (req) => curricula.takeSample(await authorize(req, 'write'), req.params.curriculumId, req.body));

  app.get(`${base}/students/:studentId/curriculum`, {
    schema: {
      tags, summary: 'Учебный план, по которому учится ученик',
      description: 'Собственный (ИУП), иначе класса, иначе параллели — и откуда он взят.',
      params: StudentCurriculumParams, querystring: StudentCurriculumQuery, response: { 200: StudentCurriculumDto, ...errors },
    },
    preHandler,
  }, async (req) => curricula.ofStudent(await authorize(req, 'read'), req.params.studentId, req.query));
}

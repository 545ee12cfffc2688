// HTTP routes: mark scales and control forms (SPEC B6). Everyone on the staff reads them
// (`yearSetup` read: a teacher picks the form of each mark); the director, the deputy and the
// journal administrator change them (`yearSetup` write).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ControlFormDto, ControlFormListDto, ControlFormListQuery, ControlFormParams, ControlFormSampleStatusDto, ControlFormsFromSampleDto,
  ControlFormsFromSampleInput, CreateControlFormInput, CreateMarkScaleInput, MarkScaleDto, MarkScaleListDto, MarkScaleParams, SchoolParams,
  UpdateControlFormInput, UpdateMarkScaleInput,
} from '../../../contracts/control-forms';
import type { FeatureDeps } from '../deps';
import { errorAnswers as errors, resourceAuthorizer, schoolBase as base, writeErrorAnswers as writeErrors } from '../route-kit';
import { createControlFormService } from './control-forms.service';

export async function controlFormRoutes(appBase: FastifyInstance, deps: FeatureDeps): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const forms = createControlFormService({ db: deps.database.db });
  const tags = ['control-forms'];
  const preHandler = app.authenticate;
  const authorize = resourceAuthorizer(deps, 'yearSetup');

  app.get(`${base}/mark-scales`, {
    schema: {
      tags, summary: 'Шкалы отметок школы', description: 'Пятибалльная, «Зачёт/незачёт» и стобалльная есть всегда (создаются при первом обращении).',
      params: SchoolParams, response: { 200: MarkScaleListDto, ...errors },
    },
    preHandler,
  }, async (req) => forms.listScales(await authorize(req, 'read')));

  app.post(`${base}/mark-scales`, {
    schema: { tags, summary: 'Добавить стобалльную шкалу со своей таблицей перевода', params: SchoolParams, body: CreateMarkScaleInput, response: { 201: MarkScaleDto, ...writeErrors } },
    preHandler,
  }, async (req, reply) => reply.code(201).send(await forms.createScale(await authorize(req, 'write'), req.body)));

  app.patch(`${base}/mark-scales/:markScaleId`, {
    schema: { tags, summary: 'Переименовать шкалу или изменить таблицу перевода', params: MarkScaleParams, body: UpdateMarkScaleInput, response: { 200: MarkScaleDto, ...writeErrors } },
    preHandler,
  }, async (req) => forms.updateScale(await authorize(req, 'write'), req.params.markScaleId, req.body));

  app.get(`${base}/control-forms`, {
    schema: {
      tags, summary: 'Формы контроля', description: '`subjectId` и `level` оставляют формы, пригодные для предмета и уровня (в том числе общие).',
      params: SchoolParams, querystring: ControlFormListQuery, response: { 200: ControlFormListDto, ...errors },
    },
    preHandler,
  }, async (req) => forms.listForms(await authorize(req, 'read'), req.query));

  app.get(`${base}/control-forms/sample-status`, {
    schema: { tags, summary: 'Образцы, из которых построены формы контроля, и их новые версии', params: SchoolParams, response: { 200: ControlFormSampleStatusDto, ...errors } },
    preHandler,
  }, async (req) => forms.sampleStatus(await authorize(req, 'read')));

  app.get(`${base}/control-forms/:controlFormId`, {
    schema: { tags, summary: 'Форма контроля', params: ControlFormParams, response: { 200: ControlFormDto, ...errors } },
    preHandler,
  }, async (req) => forms.getForm(await authorize(req, 'read'), req.params.controlFormId));

  app.post(`${base}/control-forms`, {
    schema: { tags, summary: 'Добавить форму контроля', params: SchoolParams, body: CreateControlFormInput, response: { 201: ControlFormDto, ...writeErrors } },
    preHandler,
  }, async (req, reply) => reply.code(201).send(await forms.createForm(await authorize(req, 'write'), req.body)));

  app.patch(`${base}/control-forms/:controlFormId`, {
    schema: { tags, summary: 'Изменить форму контроля (в том числе убрать в архив)', params: ControlFormParams, body: UpdateControlFormInput, response: { 200: ControlFormDto, ...writeErrors } },
    preHandler,
  }, async (req) => forms.updateForm(await authorize(req, 'write'), req.params.controlFormId, req.body));

  app.post(`${base}/control-forms/from-sample`, {
    schema: {
      tags, summary: 'Создать формы контроля из образца или принять его новую версию',
      description: 'Формы с уже занятыми названиями пропускаются; формы из этого образца принимают изменённые в нём веса.',
      params: SchoolParams, body: ControlFormsFromSampleInput, response: { 200: ControlFormsFromSampleDto, ...writeErrors },
    },
    preHandler,
  }, async (req) => forms.fromSample(await authorize(req, 'write'), req.body));
}

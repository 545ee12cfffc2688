// HTTP routes: teaching load, its consistency with curricula, the tarification sheet (SPEC B11).
// Resource `yearSetup`: every member of staff reads, the administration (director, deputy,
// journal administrator) writes.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { xlsxMediaType } from '../../../contracts/access';
import { OkBody } from '../../../contracts/common';
import {
  CreateTeachingLoadInput, EmployeeLoadParams, LoadConsistencyDto, LoadLimitInput, LoadTeacherDto, LoadTeacherListDto, LoadYearQuery,
  TeachingLoadDto, TeachingLoadListDto, TeachingLoadListQuery, TeachingLoadParams, UpdateTeachingLoadInput,
} from '../../../contracts/load';
import { SchoolParams } from '../../../contracts/org';
import type { FeatureDeps } from '../deps';
import { errorAnswers as errors, resourceAuthorizer, schoolBase as base, writeErrorAnswers as writeErrors } from '../route-kit';
import { createLoadService } from './load.service';

export async function loadRoutes(appBase: FastifyInstance, deps: FeatureDeps): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const load = createLoadService({ db: deps.database.db });
  const tags = ['load'];
  const preHandler = app.authenticate;
  const authorize = resourceAuthorizer(deps, 'yearSetup');

  app.get(`${base}/teaching-loads`, {
    schema: {
      tags, summary: 'Учебная нагрузка (тарификация) учебного года', description: '`classId` — и нагрузка подгрупп этого класса.',
      params: SchoolParams, querystring: TeachingLoadListQuery, response: { 200: TeachingLoadListDto, ...errors },
    },
    preHandler,
  }, async (req) => load.listTeachingLoads(await authorize(req, 'read'), req.query));

  app.post(`${base}/teaching-loads`, {
    schema: {
      tags, summary: 'Назначить учителю предмет в классе или группе',
      description: 'Часы — больше 0, не больше 40, с шагом 0,5. Для класса, подгруппы, потока — учебный предмет или курс по выбору; '
        + 'для группы внеурочной деятельности или доп. образования — её курс или программа. Предмет подгруппы должен совпадать с предметом нагрузки. '
        + '`lessonSplit` — деление целых часов на уроки: части по 1 или 2 через «+» (2+1+1 — сдвоенный урок и два одиночных), в сумме целые часы.',
      params: SchoolParams, body: CreateTeachingLoadInput, response: { 201: TeachingLoadDto, ...writeErrors },
    },
    preHandler,
  }, async (req, reply) => reply.code(201).send(await load.createTeachingLoad(await authorize(req, 'write'), req.body)));

  app.patch(`${base}/teaching-loads/:teachingLoadId`, {
    schema: {
      tags, summary: 'Изменить часы нагрузки и их деление на уроки', description: 'Без `lessonSplit` деление остаётся прежним и должно сойтись с новыми часами; null — одиночные уроки.',
      params: TeachingLoadParams, body: UpdateTeachingLoadInput, response: { 200: TeachingLoadDto, ...writeErrors },
    },
    preHandler,
  }, async (req) => load.updateTeachingLoad(await authorize(req, 'write'), req.params.teachingLoadId, req.body));

  app.delete(`${base}/teaching-loads/:teachingLoadId`, {
    schema: { tags, summary: 'Снять нагрузку', params: TeachingLoadParams, response: { 200: OkBody, ...writeErrors } },
    preHandler,
  }, async (req) => {
    await load.deleteTeachingLoad(await authorize(req, 'write'), req.params.teachingLoadId);
    return { ok: true as const };
  });

  app.get(`${base}/teaching-loads/teachers`, {
    schema: {
      tags, summary: 'Сотрудники со ставкой и суммой нагрузки за учебный год',
      params: SchoolParams, querystring: LoadYearQuery, response: { 200: LoadTeacherListDto, ...errors },
    },
    preHandler,
  }, async (req) => load.listTeachers(await authorize(req, 'read'), req.query));

  app.get(`${base}/teaching-loads/consistency`, {
    schema: {
      tags, summary: 'Сверка нагрузки с учебными планами',
      description: 'Часы учебного плана без учителя, предметы в группах без двух подгрупп, учителя сверх ставки, нагрузка вне учебного плана.',
      params: SchoolParams, querystring: LoadYearQuery, response: { 200: LoadConsistencyDto, ...errors },
    },
    preHandler,
  }, async (req) => load.consistency(await authorize(req, 'read'), req.query));

  // A file answer: registered without the typed provider so that the reply may be a Buffer
  // (Fastify sends it as it is); the query is still validated by its zod schema.
  appBase.get(`${base}/teaching-loads/tarification.xlsx`, {
    schema: {
      tags, summary: 'Тарификационный список (XLSX)', description: 'Лист «Тарификация»: учитель × класс с итогами; лист «По предметам»: все строки нагрузки.',
      params: SchoolParams, querystring: LoadYearQuery, response: errors,
    },
    preHandler,
  }, async (req, reply) => {
    const sheet = await load.tarification(await authorize(req, 'read'), req.query as LoadYearQuery);
    return reply.header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="tarification-${sheet.academicYear}-${sheet.academicYear + 1}.xlsx"`)
      .type(xlsxMediaType)
      .send(sheet.body);
  });

  app.put(`${base}/employees/:employeeId/load-limit`, {
    schema: {
      tags, summary: 'Ставка учителя в часах в неделю', description: '18 ч на ставку (1,5 ставки — 27 ч); шаг 0,5, не больше 60; null — не задана.',
      params: EmployeeLoadParams, body: LoadLimitInput, response: { 200: LoadTeacherDto, ...writeErrors },
    },
    preHandler,
  }, async (req) => load.setLoadLimit(await authorize(req, 'write'), req.params.employeeId, req.body));
}

// HTTP routes: Role grants (the grant chain), credentials, security events, area administration.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AccessSchoolParams, AppointDirectorInput, AreaSchoolListDto, CredentialSheetDto, GrantableRolesDto, GrantRoleInput,
  GrantRoleResultDto, IssueCredentialsInput, RevokeRoleResultDto, RoleGrantListDto, RoleGrantListQuery, RoleGrantParams,
  SecurityEventListDto, SecurityEventQuery, StaffAccessListDto, xlsxMediaType,
} from '../../../contracts/access';
import { ErrorBody } from '../../../contracts/common';
import { authOf, requestMeta } from '../../plugins/auth';
import type { FeatureDeps } from '../deps';
import { createAreaService } from './area.service';
import { createCredentialsService } from './credentials.service';
import { credentialSheetXlsx } from './credentials.xlsx';
import { createGrantsService } from './grants.service';
import { createSecurityEventsService } from './security-events.service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

const wantsXlsx = (req: FastifyRequest, format: string | undefined): boolean =>
  format === 'xlsx' || (format === undefined && (req.headers.accept ?? '').includes(xlsxMediaType));

/** A grant's answer: 201 when it made a grant; one-time credentials in it are never cached. */
const sendGrantResult = (reply: FastifyReply, result: GrantRoleResultDto) => {
  if (result.credentials) reply.header('cache-control', 'no-store');
  return reply.code(result.created ? 201 : 200).send(result);
};

/** Answers an XLSX file; the name carries no personal data. Credentials are never cached. */
const sendXlsx = (reply: FastifyReply, body: Buffer, date: string) =>
  reply.header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="credentials-${date}.xlsx"`)
    .type(xlsxMediaType)
    .send(body);

export async function accessRoutes(appBase: FastifyInstance, deps: FeatureDeps): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const db = deps.database.db;
  const grants = createGrantsService({ db, clock: deps.clock, access: deps.access });
  const credentials = createCredentialsService({ db, clock: deps.clock, access: deps.access });
  const events = createSecurityEventsService({ db, access: deps.access });
  const area = createAreaService({ db, grants });
  const tags = ['access'];
  const base = '/api/v1/schools/:schoolId';

  app.get(`${base}/role-grants`, {
    schema: {
      tags, summary: 'Роли сотрудников школы: кто выдал и когда',
      description: 'Действующие роли сотрудников (без ролей учеников и родителей); `history=1` — вместе с отозванными.',
      params: AccessSchoolParams, querystring: RoleGrantListQuery, response: { 200: RoleGrantListDto, ...errors },
    },
    preHandler: app.authenticate,
  }, async (req) => grants.list(authOf(req), req.params.schoolId, req.query.history === '1'));

  app.get(`${base}/role-grants/grantable`, {
    schema: { tags, summary: 'Роли, которые может выдать текущий пользователь', params: AccessSchoolParams, response: { 200: GrantableRolesDto, ...errors } },
    preHandler: app.authenticate,
  }, async (req) => grants.grantable(authOf(req), req.params.schoolId));

  app.get(`${base}/role-grants/staff`, {
    schema: { tags, summary: 'Сотрудники школы, их учётные записи и роли', params: AccessSchoolParams, response: { 200: StaffAccessListDto, ...errors } },
    preHandler: app.authenticate,
  }, async (req) => grants.staff(authOf(req), req.params.schoolId));

  app.post(`${base}/role-grants`, {
    schema: {
      tags, summary: 'Выдать роль сотруднику',
      description: 'Нельзя выдать роль выше своей (403 ROLE_NOT_GRANTABLE). Если у сотрудника нет учётной записи, она создаётся: логин и одноразовый пароль приходят в ответе один раз. '
        + 'Повторная выдача действующей роли ничего не меняет (200, created=false).',
      params: AccessSchoolParams, body: GrantRoleInput, response: { 200: GrantRoleResultDto, 201: GrantRoleResultDto, ...errors },
    },
    preHandler: app.authenticate,
  }, async (req, reply) => {
    return sendGrantResult(reply, await grants.grant(authOf(req), req.params.schoolId, req.body, requestMeta(req)));
  });

  app.delete(`${base}/role-grants/:grantId`, {
    schema: {
      tags, summary: 'Отозвать роль', description: 'Действует с первого же следующего запроса сотрудника; его сеанс не завершается.',
      params: RoleGrantParams, response: { 200: RevokeRoleResultDto, ...errors },
    },
    preHandler: app.authenticate,
  }, async (req) => ({ grant: await grants.revoke(authOf(req), req.params.schoolId, req.params.grantId, requestMeta(req)) }));

  app.post(`${base}/credentials`, {
    schema: {
      tags, summary: 'Выдать логины и одноразовые пароли сотрудникам',
      description: 'Сотруднику без учётной записи она создаётся, остальным задаётся новый одноразовый пароль (все их сеансы завершаются). '
        + `Ответ — лист учётных данных; с \`Accept: ${xlsxMediaType}\` или \`format: "xlsx"\` — файл XLSX. Пароли показываются один раз и нигде не хранятся в открытом виде.`,
      params: AccessSchoolParams, body: IssueCredentialsInput, response: { 200: CredentialSheetDto, ...errors },
    },
    preHandler: app.authenticate,
  }, async (req, reply) => {
    const { timeZone, ...sheet } = await credentials.issue(authOf(req), req.params.schoolId, req.body, requestMeta(req));
    if (wantsXlsx(req, req.body.format)) return sendXlsx(reply, await credentialSheetXlsx(sheet, timeZone), sheet.issuedAt.slice(0, 10));
    return reply.header('cache-control', 'no-store').send(sheet);
  });

  app.post(`${base}/credentials/sheet`, {
    schema: {
      tags, summary: 'Лист учётных данных в XLSX',
      description: 'Раскладывает в XLSX лист, только что полученный от POST credentials: пароли на сервере не хранятся, поэтому для скачивания лист присылается обратно. Ничего не меняет и не записывает.',
      params: AccessSchoolParams, body: CredentialSheetDto, response: { ...errors },
    },
    preHandler: app.authenticate,
  }, async (req, reply) => {
    const timeZone = await credentials.sheetTimeZone(authOf(req), req.params.schoolId);
    return sendXlsx(reply, await credentialSheetXlsx(req.body, timeZone), req.body.issuedAt.slice(0, 10));
  });

  app.get(`${base}/security-events`, {
    schema: {
      tags, summary: 'Журнал безопасности школы',
      description: 'События школы (выдача и отзыв ролей, пароли, импорт) и входы её сотрудников, учеников и родителей за время их ролей в школе; новые сверху.',
      params: AccessSchoolParams, querystring: SecurityEventQuery, response: { 200: SecurityEventListDto, ...errors },
    },
    preHandler: app.authenticate,
  }, async (req) => events.list(authOf(req), req.params.schoolId, req.query));

  app.get('/api/v1/area/schools', {
    schema: { tags, summary: 'Школы региона или муниципалитета и их директора', response: { 200: AreaSchoolListDto, ...errors } },
    preHandler: app.authenticate,
  }, async (req) => area.listSchools(authOf(req)));

  app.post('/api/v1/area/schools/:schoolId/director', {
    schema: {
      tags, summary: 'Назначить директора школы',
      description: 'Сотрудник школы (`employeeId`) или новый человек (`lastName`, `firstName`, `middleName`, `position`) получает роль директора; '
        + 'если учётной записи не было, в ответе один раз приходят логин и одноразовый пароль. Снять директора — DELETE role-grants/{grantId}.',
      params: AccessSchoolParams, body: AppointDirectorInput, response: { 200: GrantRoleResultDto, 201: GrantRoleResultDto, ...errors },
    },
    preHandler: app.authenticate,
  }, async (req, reply) => {
    return sendGrantResult(reply, await area.appointDirector(authOf(req), req.params.schoolId, req.body, requestMeta(req)));
  });
}

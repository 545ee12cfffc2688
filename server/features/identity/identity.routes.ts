// HTTP routes of the identity area under /api/v1.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody, OkBody } from '../../../contracts/common';
import { ChangePasswordInput, LoginInput, MeDto, PublicInfoDto, SessionListDto, SessionParams, SetActiveSchoolInput } from '../../../contracts/identity';
import { authOf, requestMeta, sessionCookie } from '../../plugins/auth';
import { AppError } from '../../lib/errors';
import type { IdentityService } from './identity.service';

export type PublicInfoSource = () => Promise<PublicInfoDto>;

export async function identityRoutes(appBase: FastifyInstance, opts: { identity: IdentityService; publicInfo: PublicInfoSource }) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const { identity } = opts;
  const tags = ['identity'];

  app.get('/api/v1/public-info', {
    schema: { tags, summary: 'Сведения для страницы входа', response: { 200: PublicInfoDto } },
  }, async () => opts.publicInfo());

  app.post('/api/v1/auth/login', {
    schema: {
      tags, summary: 'Вход по логину и паролю',
      description: 'Ставит cookie сеанса (HttpOnly). Неизвестный логин и неверный пароль дают один и тот же ответ.',
      body: LoginInput,
      response: { 200: MeDto, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 429: ErrorBody },
    },
  }, async (req, reply) => {
    // A request from another site cannot log a user into our site (login CSRF).
    if (req.headers['sec-fetch-site'] === 'cross-site') {
      throw new AppError('CROSS_SITE_REQUEST', 403, 'Вход с чужого сайта запрещён');
    }
    const { token, me } = await identity.login(req.body, requestMeta(req));
    return reply.setSession(token).send(me);
  });

  app.post('/api/v1/auth/logout', {
    schema: { tags, summary: 'Выход: сеанс завершается на сервере', response: { 200: OkBody, 401: ErrorBody, 403: ErrorBody } },
    preHandler: app.authenticatePending,
  }, async (req, reply) => {
    await identity.logout(authOf(req), requestMeta(req));
    return reply.clearCookie(sessionCookie, { path: '/' }).send({ ok: true as const });
  });

  app.get('/api/v1/me', {
    schema: { tags, summary: 'Текущий пользователь, его школы и роли', response: { 200: MeDto, 401: ErrorBody } },
    preHandler: app.authenticatePending,
  }, async (req) => identity.getMe(authOf(req)));

  app.put('/api/v1/me/active-school', {
    schema: { tags, summary: 'Выбор школы, в которой работает пользователь', body: SetActiveSchoolInput, response: { 200: MeDto, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } },
    preHandler: app.authenticate,
  }, async (req) => identity.setActiveSchool(authOf(req), req.body.schoolId));

  app.post('/api/v1/me/password', {
    schema: { tags, summary: 'Смена своего пароля; другие сеансы завершаются', body: ChangePasswordInput, response: { 200: OkBody, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody } },
    preHandler: app.authenticatePending,
  }, async (req) => {
    await identity.changePassword(authOf(req), req.body, requestMeta(req));
    return { ok: true as const };
  });

  app.get('/api/v1/me/sessions', {
    schema: { tags, summary: 'Открытые сеансы пользователя', response: { 200: SessionListDto, 401: ErrorBody } },
    preHandler: app.authenticatePending,
  }, async (req) => identity.listSessions(authOf(req)));

  app.delete('/api/v1/me/sessions/:sessionId', {
    schema: { tags, summary: 'Завершить свой сеанс (например, на чужом компьютере)', params: SessionParams, response: { 200: OkBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } },
    preHandler: app.authenticatePending,
  }, async (req) => {
    await identity.endSession(authOf(req), req.params.sessionId, requestMeta(req));
    return { ok: true as const };
  });
}

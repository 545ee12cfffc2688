// HTTP routes: Login through OpenID Connect providers (Госуслуги, the regional SSO). Both are
// top-level browser navigations answered with redirects, never JSON, except for an unknown provider.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody } from '../../../contracts/common';
import { SsoCallbackQuery, SsoProviderParams, SsoStartQuery } from '../../../contracts/identity';
import type { Config } from '../../config';
import { notFound } from '../../lib/errors';
import { requestMeta } from '../../plugins/auth';
import type { FeatureDeps } from '../deps';
import { createOidcService, loginFlowMinutes } from './oidc.service';

/** Holds the state of the login this browser started, so only this browser can finish it. */
export const ssoFlowCookie = 'otmetka_sso';
const flowCookiePath = '/api/v1/auth/sso/';

const logLevels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
const quieterOf = (a: Config['logLevel'], b: Config['logLevel']): Config['logLevel'] =>
  logLevels.indexOf(a) >= logLevels.indexOf(b) ? a : b;

export async function oidcRoutes(appBase: FastifyInstance, deps: FeatureDeps): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const service = createOidcService({ db: deps.database.db, config: deps.config, clock: deps.clock, identity: deps.identity });
  const tags = ['identity'];
  const cookieSecure = deps.config.session.cookieSecure;

  const providerOf = (key: string) => service.providerOf(key) ?? notFound('SSO_PROVIDER_NOT_FOUND', 'Такой способ входа не настроен');

  /** The callback address registered at the provider: PUBLIC_URL when set, else the address the browser used. */
  const redirectUriOf = (req: FastifyRequest, key: string): string => {
    const base = deps.config.publicUrl?.replace(/\/+$/, '') ?? `${req.protocol}://${req.host}`;
    return `${base}/api/v1/auth/sso/${key}/callback`;
  };

  app.get('/api/v1/auth/sso/:provider/start', {
    schema: {
      tags,
      summary: 'Начать вход через Госуслуги или региональный сервис авторизации',
      description: 'Перенаправляет (302) к поставщику входа: код авторизации с PKCE (S256), state и nonce. '
        + 'returnTo — путь этого сайта, куда вернуться после входа.',
      params: SsoProviderParams,
      querystring: SsoStartQuery,
      response: { 404: ErrorBody },
    },
  }, async (req, reply) => {
    const provider = providerOf(req.params.provider);
    const started = await service.start(provider, redirectUriOf(req, provider.key), req.query.returnTo, requestMeta(req));
    reply.header('cache-control', 'no-store');
    if (started.kind === 'failed') return reply.redirect(`/login?ssoError=${started.code}`, 302);
    // Lax, not Strict: the provider sends the browser back with a cross-site top-level GET.
    reply.setCookie(ssoFlowCookie, started.state, {
      path: flowCookiePath, httpOnly: true, sameSite: 'lax', secure: cookieSecure, maxAge: loginFlowMinutes * 60,
    });
    return reply.redirect(started.authorizationUrl, 302);
  });

  app.get('/api/v1/auth/sso/:provider/callback', {
    schema: {
      tags,
      summary: 'Возврат от поставщика входа',
      description: 'Проверяет ответ поставщика (state, iss, aud, подпись, nonce, PKCE), находит человека среди '
        + 'загруженных школой и открывает сеанс. Иначе перенаправляет на /login/sso-no-match или /login?ssoError=…',
      params: SsoProviderParams,
      querystring: SsoCallbackQuery,
      response: { 404: ErrorBody },
    },
    // The query carries the one-time code and the state: keep them out of the request log
    // (logged at info), without making the route chattier than LOG_LEVEL asks.
    logLevel: quieterOf(deps.config.logLevel, 'warn'),
  }, async (req, reply) => {
    const provider = providerOf(req.params.provider);
    const callbackUrl = new URL(redirectUriOf(req, provider.key));
    const queryAt = req.url.indexOf('?');
    callbackUrl.search = queryAt >= 0 ? req.url.slice(queryAt) : '';
    const cookieState = req.cookies[ssoFlowCookie] ?? null;
    reply.clearCookie(ssoFlowCookie, { path: flowCookiePath });
    reply.header('cache-control', 'no-store');

    const outcome = await service.finish(provider, callbackUrl, cookieState, requestMeta(req));
    switch (outcome.kind) {
      case 'signedIn':
        return reply.setSession(outcome.token).redirect(outcome.returnTo, 302);
      case 'noMatch':
        return reply.redirect(`/login/sso-no-match?reason=${outcome.reason}`, 302);
      case 'failed':
        req.log.warn({ provider: provider.key, ssoError: outcome.code }, 'login through a provider failed');
        return reply.redirect(`/login?ssoError=${outcome.code}`, 302);
    }
  });
}

// Session cookie → req.auth, and CSRF protection on writes. Routes opt in with
// `preHandler: app.authenticate` (or `app.authenticatePending` for the few a user with a
// one-time password may call before changing it).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import '@fastify/cookie';
import { AppError, unauthenticated } from '../lib/errors';
import { sameToken, type AuthContext, type IdentityService, type RequestMeta } from '../features/identity/identity.service';

export const sessionCookie = 'otmetka_session';
const csrfHeader = 'x-csrf-token';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyInstance {
    authenticate(req: FastifyRequest, reply: FastifyReply): Promise<void>;
    authenticatePending(req: FastifyRequest, reply: FastifyReply): Promise<void>;
  }
}

export const requestMeta = (req: FastifyRequest): RequestMeta => ({
  ip: req.ip || null,
  userAgent: req.headers['user-agent'] ?? null,
});

/** The authenticated context of a route that used `app.authenticate`. */
export const authOf = (req: FastifyRequest): AuthContext => {
  return req.auth ?? unauthenticated();
};

export const authPlugin = fp(async (app: FastifyInstance, opts: { identity: IdentityService; cookieSecure: boolean; absoluteHours: number }) => {
  app.decorateRequest('auth', null);

  const check = (allowPending: boolean) => async (req: FastifyRequest, reply: FastifyReply) => {
    let auth: AuthContext;
    try {
      auth = await opts.identity.authenticate(req.cookies[sessionCookie]);
    } catch (err) {
      if (err instanceof AppError && err.status === 401 && req.cookies[sessionCookie]) reply.clearCookie(sessionCookie, { path: '/' });
      throw err;
    }
    if (!safeMethods.has(req.method)) {
      const sent = req.headers[csrfHeader];
      if (typeof sent !== 'string' || !sameToken(sent, auth.csrfToken)) {
        throw new AppError('CSRF_TOKEN_INVALID', 403, 'Запрос отклонён: устаревшая страница. Обновите страницу и повторите');
      }
    }
    if (auth.mustChangePassword && !allowPending) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', 403, 'Сначала смените временный пароль в профиле');
    }
    req.auth = auth;
  };

  app.decorate('authenticate', check(false));
  app.decorate('authenticatePending', check(true));

  app.decorateReply('setSession', function (this: FastifyReply, token: string) {
    return this.setCookie(sessionCookie, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: opts.cookieSecure,
      maxAge: opts.absoluteHours * 3600,
    });
  });
});

declare module 'fastify' {
  interface FastifyReply {
    setSession(token: string): FastifyReply;
  }
}

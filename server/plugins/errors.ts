// The one error handler: every failure leaves as { error: { code, message } } with a Russian
// message; no stack traces or SQL in answers (DESIGN rule 4).
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../lib/errors';

type Issue = { path: string; message: string };

const validationIssues = (err: FastifyError): Issue[] =>
  (err.validation ?? []).map((v) => ({
    path: String((v as { instancePath?: string }).instancePath ?? '').replace(/^\//, '').replaceAll('/', '.'),
    message: v.message ?? 'Неверное значение',
  }));

export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      if (err.status >= 500) req.log.error({ err }, 'application error');
      return reply.code(err.status).send({ error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } });
    }
    if (hasZodFastifySchemaValidationErrors(err) || err.validation) {
      const issues = validationIssues(err);
      const first = issues[0];
      return reply.code(400).send({
        error: {
          code: 'VALIDATION_FAILED',
          message: first ? `Неверные данные: ${first.path ? `${first.path} — ` : ''}${first.message}` : 'Неверные данные запроса',
          details: issues,
        },
      });
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.code(415).send({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Данные нужно отправлять в формате JSON' } });
    }
    if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') {
      return reply.code(400).send({ error: { code: 'MALFORMED_BODY', message: 'Тело запроса не является корректным JSON' } });
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send({ error: { code: 'BODY_TOO_LARGE', message: 'Слишком большой запрос' } });
    }
    if (err.statusCode === 429) {
      return reply.code(429).send({ error: { code: 'RATE_LIMITED', message: 'Слишком много запросов. Попробуйте немного позже' } });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(err.statusCode).send({ error: { code: 'BAD_REQUEST', message: 'Неверный запрос' } });
    }
    req.log.error({ err }, 'unexpected error');
    return reply.code(500).send({ error: { code: 'INTERNAL_ERROR', message: 'Внутренняя ошибка сервера. Попробуйте ещё раз позже' } });
  });
});

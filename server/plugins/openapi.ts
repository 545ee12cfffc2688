// The OpenAPI 3.1 document generated from the routes' zod schemas: /api/openapi.json,
// browsable at /api/docs (SPEC H2).
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

export const openapiPlugin = fp(async (app: FastifyInstance, opts: { version: string }) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Отметка — API',
        description: 'Открытый API электронного журнала и дневника. Все ответы — JSON; ошибки — `{ "error": { "code", "message" } }` с сообщением на русском. '
          + 'Вход: POST /api/v1/auth/login ставит cookie сеанса; каждый изменяющий запрос несёт заголовок X-CSRF-Token из GET /api/v1/me.',
        version: opts.version,
      },
      tags: [{ name: 'identity', description: 'Вход, сеансы, текущий пользователь' }, { name: 'system', description: 'Состояние сервера' }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
});

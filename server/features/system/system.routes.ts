// Liveness and readiness for process supervisors and load balancers.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';

const Status = z.object({ status: z.string() });

export async function systemRoutes(appBase: FastifyInstance, opts: { database: Database }) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['system'];

  app.get('/healthz', { schema: { tags, summary: 'Процесс жив', response: { 200: Status } } }, async () => ({ status: 'ok' }));

  app.get('/readyz', {
    schema: { tags, summary: 'Готов обслуживать запросы: база данных отвечает', response: { 200: Status, 503: z.object({ error: z.object({ code: z.string(), message: z.string() }) }) } },
  }, async (_req, reply) => {
    try {
      await opts.database.db.execute(sql`select 1`);
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ error: { code: 'DATABASE_UNAVAILABLE', message: 'База данных недоступна' } });
    }
  });
}

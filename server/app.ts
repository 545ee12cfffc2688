// Builds the Fastify application: plugins for cross-cutting concerns, then each area's routes.
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Config } from './config';
import type { Database } from './db/client';
import { publicInfoOf } from './features/identity/demo-info';
import { accessRoutes } from './features/access/access.routes';
import { attendanceRoutes } from './features/attendance/attendance.routes';
import { createAccessService } from './features/access/access.service';
import type { FeatureDeps } from './features/deps';
import { identityRoutes } from './features/identity/identity.routes';
import { oidcRoutes } from './features/identity/oidc.routes';
import { homeworkRoutes } from './features/homework/homework.routes';
import { importRoutes } from './features/imports/imports.routes';
import { journalRoutes } from './features/journal/journal.routes';
import { orgRoutes } from './features/org/org.routes';
import { schoolRoutes } from './features/schools/schools.routes';
import { calendarRoutes } from './features/calendar/calendar.routes';
import { controlFormRoutes } from './features/control-forms/control-forms.routes';
import { controlWorkRoutes } from './features/control-works/control-works.routes';
import { curriculumRoutes } from './features/curricula/curricula.routes';
import { documentRoutes } from './features/documents/documents.routes';
import { lessonRoutes } from './features/lessons/lessons.routes';
import { loadRoutes } from './features/load/load.routes';
import { readinessRoutes } from './features/readiness/readiness.routes';
import { regimeRoutes } from './features/regimes/regimes.routes';
import { roomRoutes } from './features/rooms/rooms.routes';
import { sampleRoutes } from './features/samples/samples.routes';
import { subjectRoutes } from './features/subjects/subjects.routes';
import { timetableRoutes } from './features/timetable/timetable.routes';
import { unavailabilityRoutes } from './features/timetable/unavailability.routes';
import { timetableRunRoutes } from './features/timetable/runs.routes';
import { timetableVersionRoutes } from './features/timetable/versions.routes';
import { workProgrammeRoutes } from './features/work-programmes/work-programmes.routes';
import { createIdentityService } from './features/identity/identity.service';
import { systemRoutes } from './features/system/system.routes';
import { systemClock, type Clock } from './lib/clock';
import { createJobs } from './lib/jobs';
import { createLogger } from './lib/logger';
import { authPlugin } from './plugins/auth';
import { errorsPlugin } from './plugins/errors';
import { openapiPlugin } from './plugins/openapi';

export const webDist = fileURLToPath(new URL('../web/dist/', import.meta.url));
const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

export type AppOptions = {
  database: Database;
  config: Config;
  clock?: Clock;
  logger?: Logger;
  /** Serve the built web UI from web/dist when it exists (default true). */
  serveWeb?: boolean;
  /**
   * Start the job queue when the app is ready (the server does; default false): recovery of work a
   * restart interrupted, then the workers. Otherwise it starts with the first job sent.
   */
  startJobs?: boolean;
};

export async function buildApp({ database, config, clock = systemClock, logger, serveWeb = true, startJobs = false }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger ?? createLogger(config.logLevel),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
  }) as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(errorsPlugin);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine puts its CSS variables in <style> elements.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    // Plain-http school installations must keep working.
    hsts: config.session.cookieSecure,
  });
  await app.register(cookie);

  const identity = createIdentityService({ db: database.db, config, clock });
  await app.register(authPlugin, { identity, cookieSecure: config.session.cookieSecure, absoluteHours: config.session.absoluteHours });
  await app.register(openapiPlugin, { version: packageJson.version });

  await app.register(systemRoutes, { database });
  await app.register(identityRoutes, { identity, publicInfo: () => publicInfoOf(database.db, config.sso) });
  const jobs = createJobs({ database, logger: app.log });
  app.addHook('onClose', () => jobs.stop());
  if (startJobs) app.addHook('onReady', () => jobs.start());
  const deps: FeatureDeps = { database, config, clock, identity, access: createAccessService({ db: database.db, clock }), jobs };
  await app.register(oidcRoutes, deps);
  await app.register(schoolRoutes, deps);
  await app.register(orgRoutes, deps);
  await app.register(importRoutes, deps);
  await app.register(accessRoutes, deps);
  // Preparing the school year (SPEC B1–B16).
  await app.register(roomRoutes, deps);
  await app.register(subjectRoutes, deps);
  await app.register(calendarRoutes, deps);
  await app.register(regimeRoutes, deps);
  await app.register(controlFormRoutes, deps);
  await app.register(curriculumRoutes, deps);
  await app.register(sampleRoutes, deps);
  await app.register(loadRoutes, deps);
  await app.register(readinessRoutes, deps);
  await app.register(documentRoutes, deps);
  await app.register(timetableRoutes, deps);
  await app.register(unavailabilityRoutes, deps);
  await app.register(timetableRunRoutes, deps);
  await app.register(lessonRoutes, deps);
  await app.register(timetableVersionRoutes, deps);
  await app.register(workProgrammeRoutes, deps);
  await app.register(journalRoutes, deps);
  await app.register(controlWorkRoutes, deps);
  await app.register(attendanceRoutes, deps);
  await app.register(homeworkRoutes, deps);

  const hasWeb = serveWeb && existsSync(`${webDist}index.html`);
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false });

  app.setNotFoundHandler((req, reply) => {
    const isPage = req.method === 'GET' && !req.url.startsWith('/api/') && (req.headers.accept ?? '').includes('text/html');
    if (isPage && hasWeb) {
      // The web app routes on the client; it shows its own 404 page.
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html');
    }
    if (isPage) {
      return reply.code(404).type('text/html; charset=utf-8')
        .send('<!doctype html><html lang="ru"><meta charset="utf-8"><title>Отметка</title><p>Веб-интерфейс не собран: выполните <code>npm run build:web</code>.</p></html>');
    }
    return reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'Адрес не найден' } });
  });

  return app;
}

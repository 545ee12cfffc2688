// HTTP routes: bell schedules, shifts and their assignments (SPEC B5).
import type { FastifyInstance } from 'fastify';
import type { FeatureDeps } from '../deps';

export async function regimeRoutes(_app: FastifyInstance, _deps: FeatureDeps): Promise<void> {}

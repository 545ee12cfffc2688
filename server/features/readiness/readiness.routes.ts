// HTTP routes: the readiness checklist of the school year (regulation 3.2).
import type { FastifyInstance } from 'fastify';
import type { FeatureDeps } from '../deps';

export async function readinessRoutes(_app: FastifyInstance, _deps: FeatureDeps): Promise<void> {}

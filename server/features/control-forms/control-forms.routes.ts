// HTTP routes: mark scales and control forms (SPEC B6).
import type { FastifyInstance } from 'fastify';
import type { FeatureDeps } from '../deps';

export async function controlFormRoutes(_app: FastifyInstance, _deps: FeatureDeps): Promise<void> {}

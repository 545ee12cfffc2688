// HTTP routes: buildings and rooms (SPEC B1).
import type { FastifyInstance } from 'fastify';
import type { FeatureDeps } from '../deps';

export async function roomRoutes(_app: FastifyInstance, _deps: FeatureDeps): Promise<void> {}

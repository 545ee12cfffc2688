// HTTP routes: teaching load, its consistency with curricula, the tarification sheet (SPEC B11).
import type { FastifyInstance } from 'fastify';
import type { FeatureDeps } from '../deps';

export async function loadRoutes(_app: FastifyInstance, _deps: FeatureDeps): Promise<void> {}

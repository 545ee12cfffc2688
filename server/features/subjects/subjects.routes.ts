// HTTP routes: subjects, the ФГОС catalogue, additional programmes (SPEC B2, B15).
import type { FastifyInstance } from 'fastify';
import type { FeatureDeps } from '../deps';

export async function subjectRoutes(_app: FastifyInstance, _deps: FeatureDeps): Promise<void> {}

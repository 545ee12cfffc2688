// HTTP routes: curricula, individual curricula, the extracurricular plan (SPEC B9, B15).
import type { FastifyInstance } from 'fastify';
import type { FeatureDeps } from '../deps';

export async function curriculumRoutes(_app: FastifyInstance, _deps: FeatureDeps): Promise<void> {}

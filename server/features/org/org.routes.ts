// HTTP routes: People and structure of a school: staff, classes, students, guardians, study groups, class moves.
import type { FastifyInstance } from 'fastify';
import type { FeatureDeps } from '../deps';

export async function orgRoutes(_app: FastifyInstance, _deps: FeatureDeps): Promise<void> {}

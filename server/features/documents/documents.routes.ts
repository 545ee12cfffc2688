// HTTP routes: the school's programme documents for students, parents and, if chosen, everyone (SPEC B16).
import type { FastifyInstance } from 'fastify';
import type { FeatureDeps } from '../deps';

export async function documentRoutes(_app: FastifyInstance, _deps: FeatureDeps): Promise<void> {}

// HTTP routes: the academic calendar, attestation periods, the mark-entry policy (SPEC B4, B7, B8).
import type { FastifyInstance } from 'fastify';
import type { FeatureDeps } from '../deps';

export async function calendarRoutes(_app: FastifyInstance, _deps: FeatureDeps): Promise<void> {}

// HTTP routes: samples published by a region or municipality, read by schools (SPEC B14).
import type { FastifyInstance } from 'fastify';
import type { FeatureDeps } from '../deps';

export async function sampleRoutes(_app: FastifyInstance, _deps: FeatureDeps): Promise<void> {}

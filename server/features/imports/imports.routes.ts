// HTTP routes: Imports of staff and of the Контингент registry: upload, dry run, apply.
import type { FastifyInstance } from 'fastify';
import type { FeatureDeps } from '../deps';

export async function importRoutes(_app: FastifyInstance, _deps: FeatureDeps): Promise<void> {}

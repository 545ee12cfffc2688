// HTTP routes: Role grants (the grant chain), credentials, security events, area administration.
import type { FastifyInstance } from 'fastify';
import type { FeatureDeps } from '../deps';

export async function accessRoutes(_app: FastifyInstance, _deps: FeatureDeps): Promise<void> {}

// HTTP routes: Login through OpenID Connect providers (Госуслуги, the regional SSO).
import type { FastifyInstance } from 'fastify';
import type { FeatureDeps } from '../deps';

export async function oidcRoutes(_app: FastifyInstance, _deps: FeatureDeps): Promise<void> {}

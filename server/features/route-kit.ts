// What the routes of every school area share: the error answers they declare, the school's base
// path, and the one access check a request makes for the school in its URL.
import type { FastifyRequest } from 'fastify';
import type { Action, Resource } from '../../domain/access';
import { ErrorBody } from '../../contracts/common';
import { authOf } from '../plugins/auth';
import type { FeatureDeps } from './deps';

export const errorAnswers = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
export const writeErrorAnswers = { ...errorAnswers, 409: ErrorBody };
export const schoolBase = '/api/v1/schools/:schoolId';

/** The access check for the school in the URL (every such route validates `schoolId` in its params). */
export const schoolAuthorizer = (deps: FeatureDeps) => (req: FastifyRequest, resource: Resource, action: Action) =>
  deps.access.authorize(authOf(req), (req.params as { schoolId: string }).schoolId, resource, action);

/** The same for routes that all guard one resource. */
export const resourceAuthorizer = (deps: FeatureDeps, resource: Resource) => {
  const authorize = schoolAuthorizer(deps);
  return (req: FastifyRequest, action: Action) => authorize(req, resource, action);
};

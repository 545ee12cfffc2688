// Shorthands of the org route tests: requests within a session under /api/v1/schools/:schoolId.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { as, type Session } from '../../test/app';

export type Client = {
  get(path: string): Promise<LightMyRequestResponse>;
  post(path: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(path: string, body: unknown): Promise<LightMyRequestResponse>;
  put(path: string, body: unknown): Promise<LightMyRequestResponse>;
  del(path: string): Promise<LightMyRequestResponse>;
};

/** A client of one school's org routes; paths are relative to /api/v1/schools/:schoolId. */
export function schoolClient(app: FastifyInstance, session: Session, schoolId: string): Client {
  const url = (path: string) => `/api/v1/schools/${schoolId}${path}`;
  const write = (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE') => (path: string, body?: unknown) =>
    app.inject({ method, url: url(path), headers: as(session, true), ...(body === undefined ? {} : { payload: body as object }) });
  return {
    get: (path) => app.inject({ method: 'GET', url: url(path), headers: as(session) }),
    post: write('POST'),
    patch: write('PATCH'),
    put: write('PUT'),
    del: write('DELETE'),
  };
}

/** The JSON of an answer that must have this status; the body is shown when it does not. */
export function ok<T = Record<string, unknown>>(res: LightMyRequestResponse, status = 200): T {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json() as T;
}

// HTTP routes of the school card: read by everyone with a role in the school (or over it), changed by its director.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody } from '../../../contracts/common';
import { SchoolDto, SchoolParams, UpdateSchoolInput } from '../../../contracts/schools';
import { authOf, requestMeta } from '../../plugins/auth';
import { AppError } from '../../lib/errors';
import type { FeatureDeps } from '../deps';
import { insertSecurityEvent } from '../identity/identity.repo';
import { isTimeZone } from '../org/org.service';
import type { Actor } from '../access/access.service';
import * as repo from './schools.repo';

export async function schoolRoutes(appBase: FastifyInstance, deps: FeatureDeps): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const { access, database, clock } = deps;
  const tags = ['schools'];

  const cardOf = async (actor: Actor): Promise<SchoolDto> => {
    const row = (await repo.findSchoolCard(database.db, actor.schoolId))!;
    return {
      id: row.id, name: row.name, shortName: row.shortName, timeZone: row.timeZone,
      municipality: { id: row.municipalityId, name: row.municipalityName },
      region: { id: row.regionId, code: row.regionCode, name: row.regionName },
      permissions: { write: access.can(actor, 'school', 'write') },
    };
  };

  app.get('/api/v1/schools/:schoolId', {
    schema: { tags, summary: 'Карточка школы', params: SchoolParams, response: { 200: SchoolDto, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } },
    preHandler: app.authenticate,
  }, async (req) => {
    const { actor } = await access.authorize(authOf(req), req.params.schoolId, 'school', 'read');
    return cardOf(actor);
  });

  app.patch('/api/v1/schools/:schoolId', {
    schema: { tags, summary: 'Изменить название или часовой пояс школы', params: SchoolParams, body: UpdateSchoolInput, response: { 200: SchoolDto, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } },
    preHandler: app.authenticate,
  }, async (req) => {
    const { actor } = await access.authorize(authOf(req), req.params.schoolId, 'school', 'write');
    if (req.body.timeZone !== undefined && !isTimeZone(req.body.timeZone)) {
      throw new AppError('INVALID_TIME_ZONE', 400, `Неизвестный часовой пояс: ${req.body.timeZone}`);
    }
    await database.db.transaction(async (tx) => {
      await repo.updateSchool(tx, actor.schoolId, req.body);
      await insertSecurityEvent(tx, {
        kind: 'school.updated', accountId: null, actorAccountId: actor.accountId, schoolId: actor.schoolId,
        ip: requestMeta(req).ip, at: clock.now(), details: { fields: Object.keys(req.body) },
      });
    });
    return cardOf(actor);
  });
}

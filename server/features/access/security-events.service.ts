// The school's security-events view (SPEC A7): who granted, revoked, reset or logged in, when
// and from where. Read by the administration of the school and by the area above it.
import type { SecurityEventListDto, SecurityEventQuery } from '../../../contracts/access';
import type { Db } from '../../db/client';
import { AppError } from '../../lib/errors';
import type { AuthContext } from '../identity/identity.service';
import type { AccessService } from './access.service';
import * as repo from './security-events.repo';

export function createSecurityEventsService({ db, access }: { db: Db; access: AccessService }) {
  async function list(auth: AuthContext, schoolId: string, query: SecurityEventQuery): Promise<SecurityEventListDto> {
    const { actor } = await access.authorize(auth, schoolId, 'securityEvent', 'read');
    if (query.from && query.to && query.from > query.to) {
      throw new AppError('INVALID_PERIOD', 400, 'Начало периода позже его конца');
    }
    const { page, pageSize } = query;
    const { rows, total } = await repo.listEvents(db, schoolId, {
      kind: query.kind, from: query.from, to: query.to, timeZone: actor.timeZone,
    }, { limit: pageSize, offset: (page - 1) * pageSize });
    return {
      total, page, pageSize,
      events: rows.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        kind: r.kind,
        account: r.account,
        actor: r.actor,
        ip: r.ip,
        details: r.details,
      })),
    };
  }

  return { list };
}

export type SecurityEventsService = ReturnType<typeof createSecurityEventsService>;

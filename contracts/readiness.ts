// The readiness checklist of a school year (regulation 3.2): `GET /schools/:schoolId/readiness`.
import { z } from 'zod';
import { readinessKeys, readinessStatuses } from '../domain/readiness';
import { Uuid } from './common';

export const ReadinessParams = z.object({ schoolId: Uuid });
export const ReadinessQuery = z.object({
  academicYear: z.coerce.number({ error: 'Учебный год: ожидается число, например 2026' }).int().min(2000).max(2100).optional(),
});

export const ReadinessItemDto = z.object({
  key: z.enum(readinessKeys),
  title: z.string(),
  /** ready: готово; missing: не заполнено; warning: есть замечания; notAvailable: модуль ещё не появился. */
  status: z.enum(readinessStatuses),
  detail: z.string().meta({ example: 'Нет учебного плана для 6 и 9 параллелей' }),
  /** The web page where the item is set up. */
  link: z.string().meta({ example: '/year/curricula' }),
  counts: z.record(z.string(), z.number()),
}).meta({ id: 'ReadinessItem' });
export type ReadinessItemDto = z.infer<typeof ReadinessItemDto>;

export const ReadinessDto = z.object({
  academicYear: z.number().int(),
  items: z.array(ReadinessItemDto),
  /** Items that are ready, of `total` (those not yet available are not counted). */
  ready: z.number().int(),
  total: z.number().int(),
}).meta({ id: 'Readiness' });
export type ReadinessDto = z.infer<typeof ReadinessDto>;

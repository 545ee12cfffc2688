// Shapes every area shares: ids, the error body, pagination.
import { z } from 'zod';

export const Uuid = z.uuid();

export const ErrorBody = z.object({
  error: z.object({
    code: z.string().meta({ example: 'INVALID_CREDENTIALS' }),
    message: z.string().meta({ example: 'Неверный логин или пароль' }),
    details: z.unknown().optional(),
  }),
}).meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;

export const OkBody = z.object({ ok: z.literal(true) });

// Shapes every area shares: ids, the error body, pagination.
import { z } from 'zod';

// Validation messages a contract does not word itself come out in Russian, on the server and in
// the browser alike (every contract imports this module).
z.config(z.locales.ru());

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

// Server errors as a form shows them: field-level messages under their inputs, the rest in an alert.
import { ApiError, errorMessage } from '../../lib/api';

export type FieldErrors = Record<string, string>;

/** The first message for each field the server named in `details` ({ path, message }). */
export function fieldErrorsOf(error: unknown): FieldErrors {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return {};
  const out: FieldErrors = {};
  for (const item of error.details as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { path, message } = item as { path?: unknown; message?: unknown };
    if (typeof path === 'string' && path !== '' && typeof message === 'string' && !(path in out)) out[path] = message;
  }
  return out;
}

/** The message for the alert above a form: null when every problem is shown beside its own field. */
export function formErrorOf(error: unknown, fields: readonly string[]): string | null {
  if (!error) return null;
  const errors = fieldErrorsOf(error);
  const paths = Object.keys(errors);
  if (paths.length > 0 && paths.every((p) => fields.includes(p))) return null;
  return errorMessage(error);
}

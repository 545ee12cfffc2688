// Recognising database errors the application answers itself (PostgreSQL and PGlite alike).

/** A unique index refused the row (SQLSTATE 23505), possibly wrapped by the driver or the ORM. */
export const isUniqueViolation = (err: unknown): boolean => {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
};

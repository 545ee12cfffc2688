// One error type for every expected failure; the handler in plugins/errors turns it into
// { error: { code, message } } with a Russian message (DESIGN rule 4).
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (code = 'NOT_FOUND', message = 'Не найдено'): never => {
  throw new AppError(code, 404, message);
};

export const unauthenticated = (): never => {
  throw new AppError('UNAUTHENTICATED', 401, 'Требуется вход в систему');
};

export const forbidden = (message = 'Недостаточно прав'): never => {
  throw new AppError('FORBIDDEN', 403, message);
};

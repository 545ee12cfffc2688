// The one way the web talks to the server: JSON over fetch, the session cookie, and the CSRF token on writes.

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

// The server hands the token out with `me`; it is kept here so every write can send it back.
let csrfToken: string | null = null;

export const setCsrfToken = (token: string | null): void => {
  csrfToken = token;
};

const fallbackMessages: Record<number, string> = {
  400: 'Проверьте введённые данные',
  401: 'Войдите в систему',
  403: 'Недостаточно прав',
  404: 'Не найдено',
  409: 'Данные изменились, обновите страницу',
  412: 'Данные изменились, обновите страницу',
  429: 'Слишком много запросов, попробуйте позже',
};

const errorFromBody = (status: number, body: unknown): ApiError => {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error = (body as { error: unknown }).error;
    if (typeof error === 'object' && error !== null) {
      const { code, message, details } = error as { code?: unknown; message?: unknown; details?: unknown };
      if (typeof code === 'string' && typeof message === 'string') {
        return new ApiError(status, code, message, details);
      }
    }
  }
  const message = fallbackMessages[status] ?? (status >= 500 ? 'Сервер временно недоступен, попробуйте позже' : 'Не удалось выполнить запрос');
  return new ApiError(status, status >= 500 ? 'SERVER_ERROR' : 'HTTP_ERROR', message);
};

const readJson = async (response: Response): Promise<unknown> => {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

export type RequestOptions = {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
};

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  // A file (Blob) goes as the body itself, bytes untouched; anything else as JSON.
  const raw = options.body instanceof Blob;
  if (options.body !== undefined && !raw) headers['Content-Type'] = 'application/json';
  if (raw && headers['Content-Type'] === undefined) headers['Content-Type'] = 'application/octet-stream';
  if (method !== 'GET' && csrfToken !== null) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : raw ? (options.body as Blob) : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK_ERROR', 'Нет связи с сервером. Проверьте подключение к интернету');
  }

  const body = await readJson(response);
  if (!response.ok) throw errorFromBody(response.status, body);
  return body as T;
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};

export const isApiError = (error: unknown, code?: string): error is ApiError =>
  error instanceof ApiError && (code === undefined || error.code === code);

/** The Russian text to show a person for any error a request may end with. */
export const errorMessage = (error: unknown): string =>
  error instanceof ApiError ? error.message : 'Что-то пошло не так. Попробуйте ещё раз';

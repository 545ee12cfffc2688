// Login through Госуслуги or the regional service: where its buttons lead, and what the login page
// and the no-match page say about how it ended (the server's codes in the URL, never personal data).
import { ssoErrorCodes, ssoNoMatchReasons, type SsoErrorCode, type SsoNoMatchReason, type SsoProviderKey } from '../../../../contracts/identity';

/** The server route that sends the browser to the provider; `returnTo` is a path of this site. */
export const ssoStartHref = (provider: SsoProviderKey, returnTo: string | undefined): string =>
  `/api/v1/auth/sso/${provider}/start${returnTo && returnTo !== '/' ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`;

const errorMessages: Record<SsoErrorCode, string> = {
  state: 'Вход не завершён: прошло слишком много времени или вход начат в другом окне браузера. Попробуйте ещё раз.',
  denied: 'Вход отменён: вы не подтвердили его в сервисе авторизации.',
  unavailable: 'Сервис авторизации сейчас не отвечает. Попробуйте позже или войдите по логину и паролю.',
  disabled: 'Учётная запись заблокирована. Обратитесь к администратору журнала вашей школы.',
  failed: 'Не удалось проверить ответ сервиса авторизации. Попробуйте ещё раз; если ошибка повторится, обратитесь к администратору журнала вашей школы.',
};

/** The Russian message for `?ssoError=…`, or null for none or an unknown code. */
export const ssoErrorMessage = (code: unknown): string | null =>
  typeof code === 'string' && (ssoErrorCodes as readonly string[]).includes(code) ? errorMessages[code as SsoErrorCode] : null;

/** `?reason=…` of the no-match page; anything unknown reads as the plain "not found". */
export const ssoNoMatchReason = (value: unknown): SsoNoMatchReason =>
  typeof value === 'string' && (ssoNoMatchReasons as readonly string[]).includes(value) ? (value as SsoNoMatchReason) : 'no-match';

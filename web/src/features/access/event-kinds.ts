// How the security-events view speaks: a Russian title for each kind of event, and its details
// told in words (role titles, reasons of a failed login, import counts) rather than as codes.
import { roleTitles, type AreaRole, type SchoolRole } from '../../../../domain/roles';

export const eventTitles: Record<string, string> = {
  'login.succeeded': 'Вход',
  'login.failed': 'Неудачный вход',
  'login.sso': 'Вход через внешний сервис',
  'login.sso_failed': 'Неудачный вход через внешний сервис',
  logout: 'Выход',
  'session.ended': 'Сеанс завершён владельцем',
  'password.changed': 'Смена пароля',
  'password.reset': 'Выдан новый временный пароль',
  'credentials.issued': 'Выданы логин и пароль',
  'role.granted': 'Выдана роль',
  'role.revoked': 'Отозвана роль',
  'import.applied': 'Импорт применён',
  'school.updated': 'Изменены сведения о школе',
};

export const eventTitle = (kind: string): string => eventTitles[kind] ?? kind;

/** The choices of the «Событие» filter: an exact kind, or a prefix ending with a dot. */
export const eventFilters: readonly { value: string; label: string }[] = [
  { value: '', label: 'Все события' },
  { value: 'login.', label: 'Входы' },
  { value: 'login.failed', label: 'Неудачные входы' },
  { value: 'role.', label: 'Выдача и отзыв ролей' },
  { value: 'credentials.issued', label: 'Выдача логинов' },
  { value: 'password.', label: 'Пароли' },
  { value: 'import.', label: 'Импорт' },
  { value: 'school.updated', label: 'Сведения о школе' },
];

const reasons: Record<string, string> = {
  'wrong-password': 'неверный пароль',
  'unknown-login': 'неизвестный логин',
  disabled: 'учётная запись заблокирована',
  'no-password': 'пароль не задан',
};

const providers: Record<string, string> = { esia: 'Госуслуги', regionalSso: 'региональный сервис входа' };
const importKinds: Record<string, string> = { staff: 'сотрудники', students: 'ученики', guardians: 'родители' };
const isRole = (v: unknown): v is SchoolRole | AreaRole => typeof v === 'string' && v in roleTitles;
const count = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** The details of an event as a short Russian phrase; ids and other codes stay out. */
export function describeDetails(kind: string, details: Record<string, unknown>): string {
  const parts: string[] = [];
  if (isRole(details.role)) parts.push(`роль «${roleTitles[details.role]}»`);
  if (typeof details.reason === 'string') parts.push(reasons[details.reason] ?? details.reason);
  if (typeof details.provider === 'string') parts.push(providers[details.provider] ?? details.provider);
  if (kind === 'import.applied') {
    if (typeof details.kind === 'string') parts.push(importKinds[details.kind] ?? details.kind);
    parts.push(`создано ${count(details.create)}, обновлено ${count(details.update)}, без изменений ${count(details.unchanged)}, отклонено ${count(details.rejected)}`);
  }
  if (details.via === 'cli') parts.push('из командной строки');
  return parts.join('; ');
}

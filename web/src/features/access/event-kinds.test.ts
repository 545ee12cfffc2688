import { describe, expect, it } from 'vitest';
import { describeDetails, eventTitle } from './event-kinds';

describe('security events in words', () => {
  it('titles known kinds in Russian and shows unknown ones as they are', () => {
    expect(eventTitle('role.granted')).toBe('Выдана роль');
    expect(eventTitle('login.failed')).toBe('Неудачный вход');
    expect(eventTitle('something.new')).toBe('something.new');
  });

  it('tells roles, reasons, providers and import counts, never ids', () => {
    expect(describeDetails('role.granted', { role: 'journalAdmin', grantId: '019a-…', employeeId: '019b-…' })).toBe('роль «Администратор журнала»');
    expect(describeDetails('login.failed', { reason: 'wrong-password' })).toBe('неверный пароль');
    expect(describeDetails('login.sso', { provider: 'esia', matchedBy: 'snils' })).toBe('Госуслуги');
    expect(describeDetails('role.granted', { role: 'regionAdmin', via: 'cli' })).toBe('роль «Администратор региона»; из командной строки');
    expect(describeDetails('import.applied', { kind: 'staff', create: 3, update: 1, unchanged: 10, rejected: 2, jobId: 'x' }))
      .toBe('сотрудники; создано 3, обновлено 1, без изменений 10, отклонено 2');
    expect(describeDetails('password.reset', { employeeId: 'x' })).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { auditActionTitle, auditRoleTitle, describeSnapshot } from './history-format';

describe('a cell\'s history in words', () => {
  const forms = new Map([['f1', 'Кр']]);

  it('says a mark with its form and weight, a debt with its deadline, a comment as typed', () => {
    expect(describeSnapshot('mark', { value: '5', weight: 2, controlFormId: 'f1', isDebt: false }, forms)).toBe('5 (Кр, вес 2)');
    expect(describeSnapshot('mark', { value: '4', weight: 1.5, controlFormId: 'unknown', isDebt: false }, forms)).toBe('4 (вес 1,5)');
    expect(describeSnapshot('mark', { value: null, isDebt: true, debtDeadline: '2026-11-20', weight: 1, controlFormId: 'f1' }, forms)).toBe('точка до 20.11.2026 (Кр, вес 1)');
    expect(describeSnapshot('mark', { value: 'pass', weight: 1, isDebt: false })).toBe('зачёт (вес 1)');
    expect(describeSnapshot('mark', { value: '3', comment: '<b>устно</b>', isDebt: false })).toBe('3 «<b>устно</b>»');
    expect(describeSnapshot('mark', { value: '4', comment: null, contentElementCodes: ['1.2', '3.1'], isDebt: false })).toBe('4 КЭС 1.2, 3.1');
    expect(describeSnapshot('mark', { value: '4', contentElementCodes: [], isDebt: false })).toBe('4');
  });

  it('says attendance by its code, lateness with minutes; nothing as a dash', () => {
    expect(describeSnapshot('attendance', { code: 'Н', category: 'absentUnexcused' })).toBe('Н');
    expect(describeSnapshot('attendance', { code: 'О', minutesLate: 15 })).toBe('О15');
    expect(describeSnapshot('attendance', null)).toBe('—');
    expect(describeSnapshot('topic', { topic: 'Дроби' })).toBe('Дроби');
  });

  it('names roles and actions in Russian, unknown ones as they are', () => {
    expect(auditRoleTitle('subjectTeacher')).toBe('учитель');
    expect(auditRoleTitle('journalAdmin')).toBe('администратор журнала');
    expect(auditRoleTitle('robot')).toBe('robot');
    expect(auditActionTitle('update')).toBe('изменено');
  });
});

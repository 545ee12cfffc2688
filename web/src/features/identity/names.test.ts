import { describe, expect, it } from 'vitest';
import { addressName, fullName, shortName } from './names';

const ivanova = { lastName: 'Иванова', firstName: 'Мария', middleName: 'Петровна' };
const noMiddleName = { lastName: 'Смит', firstName: 'Анна', middleName: null };

describe('person names', () => {
  it('writes the full name as «Фамилия Имя Отчество»', () => {
    expect(fullName(ivanova)).toBe('Иванова Мария Петровна');
    expect(fullName(noMiddleName)).toBe('Смит Анна');
  });

  it('addresses a person by first name and patronymic', () => {
    expect(addressName(ivanova)).toBe('Мария Петровна');
    expect(addressName(noMiddleName)).toBe('Анна');
    expect(addressName({ ...ivanova, middleName: '  ' })).toBe('Мария');
  });

  it('shortens to the surname and initials', () => {
    expect(shortName(ivanova)).toBe('Иванова М. П.');
    expect(shortName(noMiddleName)).toBe('Смит А.');
  });
});

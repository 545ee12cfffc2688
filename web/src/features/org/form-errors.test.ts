import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api';
import { fieldErrorsOf, formErrorOf } from './form-errors';

const validation = new ApiError(400, 'VALIDATION_FAILED', 'СНИЛС: не сходится контрольное число', [
  { path: 'snils', code: 'SNILS_CHECKSUM', message: 'СНИЛС: не сходится контрольное число' },
  { path: 'snils', code: 'X', message: 'второе' },
  { path: 'phone', code: 'PHONE_INVALID', message: 'Телефон: неверный' },
]);

describe('form errors', () => {
  it('puts the first message of each field beside it', () => {
    expect(fieldErrorsOf(validation)).toEqual({ snils: 'СНИЛС: не сходится контрольное число', phone: 'Телефон: неверный' });
    expect(fieldErrorsOf(new Error('x'))).toEqual({});
    expect(fieldErrorsOf(new ApiError(400, 'X', 'y', 'not a list'))).toEqual({});
  });

  it('shows an alert only for what no field of the form shows', () => {
    expect(formErrorOf(validation, ['snils', 'phone'])).toBeNull();
    expect(formErrorOf(validation, ['snils'])).toBe('СНИЛС: не сходится контрольное число');
    expect(formErrorOf(new ApiError(409, 'CLASS_EXISTS', 'Класс 5А уже есть'), ['letter'])).toBe('Класс 5А уже есть');
    expect(formErrorOf(null, [])).toBeNull();
  });
});

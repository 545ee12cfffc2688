import { describe, expect, it } from 'vitest';
import { passwordMinLength } from '../../../../contracts/identity';
import { checkPasswordChange } from './password-rules';

const longEnough = 'x'.repeat(passwordMinLength);

describe('checkPasswordChange', () => {
  it('accepts a long enough new password typed twice', () => {
    expect(checkPasswordChange({ currentPassword: 'demo', newPassword: longEnough, repeatPassword: longEnough })).toEqual({});
  });

  it('asks for the current password', () => {
    expect(checkPasswordChange({ currentPassword: '', newPassword: longEnough, repeatPassword: longEnough }))
      .toEqual({ currentPassword: 'Введите текущий пароль' });
  });

  it('refuses a new password shorter than the minimum', () => {
    const short = 'x'.repeat(passwordMinLength - 1);
    expect(checkPasswordChange({ currentPassword: 'demo', newPassword: short, repeatPassword: short }))
      .toEqual({ newPassword: `Пароль должен быть не короче ${passwordMinLength} символов` });
  });

  it('refuses two new passwords that differ', () => {
    expect(checkPasswordChange({ currentPassword: 'demo', newPassword: longEnough, repeatPassword: `${longEnough}y` }))
      .toEqual({ repeatPassword: 'Пароли не совпадают' });
  });
});

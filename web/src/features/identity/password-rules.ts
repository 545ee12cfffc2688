// What the password form checks before it asks the server.
import { ChangePasswordInput } from '../../../../contracts/identity';

export type PasswordChangeFields = { currentPassword: string; newPassword: string; repeatPassword: string };
export type PasswordChangeErrors = Partial<Record<keyof PasswordChangeFields, string>>;

/** The contract's own rules, plus the check that both new fields match. */
export const checkPasswordChange = (fields: PasswordChangeFields): PasswordChangeErrors => {
  const errors: PasswordChangeErrors = {};
  const parsed = ChangePasswordInput.safeParse({ currentPassword: fields.currentPassword, newPassword: fields.newPassword });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if ((field === 'currentPassword' || field === 'newPassword') && errors[field] === undefined) errors[field] = issue.message;
    }
  }
  if (fields.repeatPassword !== fields.newPassword) errors.repeatPassword = 'Пароли не совпадают';
  return errors;
};

// Changing one's own password; the server keeps this session and ends the others.
import { Alert, Button, PasswordInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { passwordMinLength } from '../../../../../contracts/identity';
import { errorMessage } from '../../../lib/api';
import { useChangePassword } from '../api/auth';
import { checkPasswordChange, type PasswordChangeErrors, type PasswordChangeFields } from '../password-rules';

const emptyFields: PasswordChangeFields = { currentPassword: '', newPassword: '', repeatPassword: '' };

export function PasswordChangeForm() {
  const changePassword = useChangePassword();
  const [fields, setFields] = useState<PasswordChangeFields>(emptyFields);
  const [errors, setErrors] = useState<PasswordChangeErrors>({});

  const setField = (name: keyof PasswordChangeFields) => (event: ChangeEvent<HTMLInputElement>) => {
    const value = event.currentTarget.value;
    setFields((current) => ({ ...current, [name]: value }));
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = checkPasswordChange(fields);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    changePassword.mutate(
      { currentPassword: fields.currentPassword, newPassword: fields.newPassword },
      {
        onSuccess: () => {
          setFields(emptyFields);
          notifications.show({ color: 'teal', title: 'Пароль изменён', message: 'На других устройствах нужно будет войти заново' });
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={400}>
        {changePassword.isError && (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(changePassword.error)}
          </Alert>
        )}
        <PasswordInput
          label="Текущий пароль"
          name="currentPassword"
          autoComplete="current-password"
          value={fields.currentPassword}
          onChange={setField('currentPassword')}
          error={errors.currentPassword}
        />
        <PasswordInput
          label="Новый пароль"
          name="newPassword"
          autoComplete="new-password"
          description={`Не короче ${passwordMinLength} символов`}
          value={fields.newPassword}
          onChange={setField('newPassword')}
          error={errors.newPassword}
        />
        <PasswordInput
          label="Повторите новый пароль"
          name="repeatPassword"
          autoComplete="new-password"
          value={fields.repeatPassword}
          onChange={setField('repeatPassword')}
          error={errors.repeatPassword}
        />
        <Button type="submit" loading={changePassword.isPending} style={{ alignSelf: 'flex-start' }}>
          Сменить пароль
        </Button>
      </Stack>
    </form>
  );
}

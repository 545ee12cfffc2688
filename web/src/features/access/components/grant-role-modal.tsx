// «Выдать роль»: one employee, a role from those the caller may grant and the employee does not hold yet.
import { Alert, Button, Group, Modal, NativeSelect, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { GrantRoleResultDto, StaffAccessDto } from '../../../../../contracts/access';
import { roleTitles, type SchoolRole } from '../../../../../domain/roles';
import { errorMessage } from '../../../lib/api';
import { fullName } from '../../identity/names';
import { useGrantRole } from '../api/access';

export function GrantRoleModal({ schoolId, employee, grantable, onClose, onGranted }: {
  schoolId: string;
  employee: StaffAccessDto;
  grantable: readonly SchoolRole[];
  onClose: () => void;
  onGranted: (result: GrantRoleResultDto) => void;
}) {
  const held = new Set(employee.grants.map((g) => g.role));
  const options = grantable.filter((r) => !held.has(r));
  const [role, setRole] = useState<SchoolRole | ''>(options[0] ?? '');
  const grant = useGrantRole(schoolId);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!role) return;
    grant.mutate({ employeeId: employee.id, role }, { onSuccess: onGranted });
  };

  return (
    <Modal opened onClose={onClose} title="Выдача роли" centered>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Text>
            <Text span c="dimmed">Сотрудник: </Text>
            {fullName(employee)}
          </Text>
          {options.length === 0 ? (
            <Alert color="gray">Все роли, которые вы можете выдать, у сотрудника уже есть.</Alert>
          ) : (
            <NativeSelect
              label="Роль"
              value={role}
              onChange={(e) => setRole(e.currentTarget.value as SchoolRole)}
              data={options.map((r) => ({ value: r, label: roleTitles[r] }))}
              data-autofocus
            />
          )}
          {!employee.account && options.length > 0 && (
            <Text size="sm" c="dimmed">У сотрудника ещё нет учётной записи: она будет создана, логин и временный пароль появятся на листе учётных данных.</Text>
          )}
          {grant.isError && <Alert color="red" role="alert">{errorMessage(grant.error)}</Alert>}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>Отмена</Button>
            <Button type="submit" loading={grant.isPending} disabled={!role}>Выдать</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

// The first page after signing in: a greeting, the school and the person's roles there.
import { Paper, Stack, Text, Title } from '@mantine/core';
import { activeRolesOf, activeSchoolOf } from '../../features/identity/active-school';
import { useCurrentUser } from '../../features/identity/components/current-user';
import { roleListText } from '../../features/identity/components/role-titles';
import { addressName } from '../../features/identity/names';

export function HomePage() {
  const me = useCurrentUser();
  const school = activeSchoolOf(me);
  const rolesText = roleListText(activeRolesOf(me));

  return (
    <Stack gap="md">
      <Title order={1}>Главная</Title>
      <Paper withBorder p="lg" radius="md">
        <Stack gap="xs">
          <Text size="xl" fw={600}>Здравствуйте, {addressName(me.account)}!</Text>
          {school ? (
            <Text>
              <Text span c="dimmed">Школа: </Text>
              {school.name}
            </Text>
          ) : (
            <Text c="dimmed">Вы пока не состоите ни в одной школе.</Text>
          )}
          {rolesText !== '' && (
            <Text>
              <Text span c="dimmed">{activeRolesOf(me).length > 1 ? 'Ваши роли: ' : 'Ваша роль: '}</Text>
              {rolesText}
            </Text>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}

// The person's own page: name, login, schools with roles, the password form and open sessions.
import { Alert, Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { roleTitles } from '../../../../../domain/roles';
import { fullName } from '../names';
import { useCurrentUser } from './current-user';
import { PasswordChangeForm } from './password-change-form';
import { SessionsList } from './sessions-list';
import { roleListText } from './role-titles';

export function ProfilePage() {
  const me = useCurrentUser();

  return (
    <Stack gap="lg">
      <Title order={1}>Профиль</Title>

      {me.account.mustChangePassword && (
        <Alert color="orange" variant="light" title="Смените пароль">
          Перед началом работы нужно сменить пароль, выданный школой. Остальные разделы откроются после смены пароля.
        </Alert>
      )}

      <Paper withBorder p="md" radius="md">
        <Stack gap="xs">
          <Text size="xl" fw={600}>{fullName(me.account)}</Text>
          <Text>
            <Text span c="dimmed">Логин: </Text>
            <Text span ff="monospace">{me.account.login}</Text>
          </Text>
        </Stack>
      </Paper>

      {(me.schools.length > 0 || me.areaRoles.length > 0) && (
        <section aria-labelledby="profile-schools">
          <Title order={2} size="h3" id="profile-schools" mb="sm">Школы и роли</Title>
          {me.schools.length > 0 && (
            <Table.ScrollContainer minWidth={320}>
              <Table withTableBorder verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Школа</Table.Th>
                    <Table.Th scope="col">Роли</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {me.schools.map((school) => (
                    <Table.Tr key={school.id}>
                      <Table.Td>
                        {school.name}
                        {school.id === me.activeSchoolId && me.schools.length > 1 && (
                          <Badge ml="xs" variant="light" size="sm" tt="none">текущая</Badge>
                        )}
                      </Table.Td>
                      <Table.Td>{roleListText(school.roles)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {me.areaRoles.length > 0 && (
            <Group gap={6} mt="sm">
              {me.areaRoles.map((grant) => (
                <Badge key={`${grant.role}-${grant.regionId}-${grant.municipalityId ?? ''}`} variant="outline" tt="none">
                  {roleTitles[grant.role]}
                </Badge>
              ))}
            </Group>
          )}
        </section>
      )}

      <section aria-labelledby="profile-password">
        <Title order={2} size="h3" id="profile-password" mb="sm">Смена пароля</Title>
        <PasswordChangeForm />
      </section>

      <section aria-labelledby="profile-sessions">
        <Title order={2} size="h3" id="profile-sessions" mb="sm">Активные сеансы</Title>
        <SessionsList />
      </section>
    </Stack>
  );
}

// «Активные сеансы» on the profile page: where the user is logged in, and a button to end a
// session left open elsewhere (a school computer, a lost phone).
import { Alert, Badge, Button, Loader, Table, Text, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { SessionDto } from '../../../../../contracts/identity';
import { sessionsQuery, useEndSession } from '../api/sessions';

const dateTime = new Intl.DateTimeFormat('ru-RU', { dateStyle: 'short', timeStyle: 'short' });

/** A short, readable name of the browser and system from the User-Agent header. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return 'Неизвестное устройство';
  const browser = /YaBrowser/.test(userAgent) ? 'Яндекс Браузер'
    : /Edg\//.test(userAgent) ? 'Edge'
      : /OPR\//.test(userAgent) ? 'Opera'
        : /Firefox\//.test(userAgent) ? 'Firefox'
          : /Chrom(e|ium)\//.test(userAgent) ? 'Chrome'
            : /Safari\//.test(userAgent) ? 'Safari' : 'Браузер';
  const system = /Android/.test(userAgent) ? 'Android'
    : /iPhone|iPad/.test(userAgent) ? 'iOS'
      : /Windows/.test(userAgent) ? 'Windows'
        : /Mac OS X/.test(userAgent) ? 'macOS'
          : /Linux/.test(userAgent) ? 'Linux' : null;
  return system ? `${browser}, ${system}` : browser;
}

function SessionRow({ session }: { session: SessionDto }) {
  const end = useEndSession();
  return (
    <Table.Tr>
      <Table.Td>
        {describeDevice(session.userAgent)}
        {session.current && <Badge ml="xs" variant="light" size="sm" tt="none">этот сеанс</Badge>}
      </Table.Td>
      <Table.Td>{dateTime.format(new Date(session.createdAt))}</Table.Td>
      <Table.Td>{dateTime.format(new Date(session.lastSeenAt))}</Table.Td>
      <Table.Td>
        {!session.current && (
          <Button size="xs" variant="light" color="red" loading={end.isPending} onClick={() => end.mutate(session.id)}>
            Завершить
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function SessionsList() {
  const sessions = useQuery(sessionsQuery());
  if (sessions.isPending) return <Loader size="sm" aria-label="Загрузка сеансов" />;
  if (sessions.isError) return <Alert color="red" role="alert">Не удалось загрузить сеансы: {sessions.error.message}</Alert>;
  return (
    <>
      <Text size="sm" c="dimmed" mb="xs">Если вы вошли на чужом компьютере и не вышли, завершите тот сеанс здесь.</Text>
      <Table.ScrollContainer minWidth={480}>
        <Table withTableBorder verticalSpacing="xs" aria-label="Активные сеансы">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Устройство</Table.Th>
              <Table.Th scope="col">Вход</Table.Th>
              <Table.Th scope="col">Последняя активность</Table.Th>
              <Table.Th scope="col"><VisuallyHidden>Действия</VisuallyHidden></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sessions.data.sessions.map((s) => <SessionRow key={s.id} session={s} />)}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}

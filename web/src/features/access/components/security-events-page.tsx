// «Журнал безопасности» (SPEC A7): the school's grants, revokes, passwords, imports and its
// people's logins, newest first, with filters. An area administrator picks one of their schools.
import { Alert, Button, Group, Loader, NativeSelect, Pagination, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { AccountRef } from '../../../../../contracts/access';
import { errorMessage } from '../../../lib/api';
import { activeSchoolOf } from '../../identity/active-school';
import { useCurrentUser } from '../../identity/components/current-user';
import { shortName } from '../../identity/names';
import { areaSchoolsQuery, securityEventsQuery, type EventFilters } from '../api/access';
import { describeDetails, eventFilters, eventTitle } from '../event-kinds';

const pageSize = 50;
const dateTime = new Intl.DateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
const who = (a: AccountRef | null): string => (a ? `${shortName(a)} (${a.login})` : '—');

export function SecurityEventsPage() {
  const me = useCurrentUser();
  const school = activeSchoolOf(me);
  const isArea = me.areaRoles.length > 0;
  const [areaSchool, setAreaSchool] = useState<string>('');
  const areaSchools = useQuery({ ...areaSchoolsQuery(), enabled: isArea && !school });
  const schoolId = school?.id ?? (areaSchool || null);

  return (
    <Stack gap="md">
      <Title order={1}>Журнал безопасности</Title>
      {!school && isArea && (
        areaSchools.isPending ? <Loader size="sm" aria-label="Загрузка школ" />
          : areaSchools.isError ? <Alert color="red" role="alert">{errorMessage(areaSchools.error)}</Alert>
            : (
              <NativeSelect
                label="Школа"
                value={areaSchool}
                onChange={(e) => setAreaSchool(e.currentTarget.value)}
                data={[{ value: '', label: 'Выберите школу' }, ...areaSchools.data.schools.map((s) => ({ value: s.id, label: `${s.shortName} — ${s.municipality.name}` }))]}
                maw={480}
              />
            )
      )}
      {!school && !isArea && <Alert color="gray">Нет школы, в которой у вас есть роль.</Alert>}
      {schoolId && <Events key={schoolId} schoolId={schoolId} />}
    </Stack>
  );
}

const emptyFilters: EventFilters = { kind: '', from: '', to: '', page: 1 };

function Events({ schoolId }: { schoolId: string }) {
  const [draft, setDraft] = useState(emptyFilters);
  const [filters, setFilters] = useState(emptyFilters);
  const events = useQuery(securityEventsQuery(schoolId, filters, pageSize));

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters({ ...draft, page: 1 });
  };
  const pages = events.data ? Math.ceil(events.data.total / pageSize) : 0;

  return (
    <Stack gap="sm">
      <form onSubmit={apply} aria-label="Отбор событий">
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label="Событие"
            value={draft.kind}
            onChange={(e) => setDraft({ ...draft, kind: e.currentTarget.value })}
            data={eventFilters.map((f) => ({ value: f.value, label: f.label }))}
            miw={200}
          />
          <TextInput type="date" label="С" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })} />
          <TextInput type="date" label="По" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })} />
          <Button type="submit">Показать</Button>
          {(filters.kind || filters.from || filters.to) && (
            <Button variant="subtle" onClick={() => { setDraft(emptyFilters); setFilters(emptyFilters); }}>Сбросить</Button>
          )}
        </Group>
      </form>

      {events.isPending ? <Loader size="sm" aria-label="Загрузка событий" />
        : events.isError ? <Alert color="red" role="alert">{errorMessage(events.error)}</Alert>
          : (
            <>
              <Text size="sm" c="dimmed" aria-live="polite">Найдено событий: {events.data.total}</Text>
              <Table.ScrollContainer minWidth={860} maxHeight="65dvh">
                <Table withTableBorder verticalSpacing="xs" stickyHeader aria-label="Журнал безопасности">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Время</Table.Th>
                      <Table.Th scope="col">Событие</Table.Th>
                      <Table.Th scope="col">Учётная запись</Table.Th>
                      <Table.Th scope="col">Кто выполнил</Table.Th>
                      <Table.Th scope="col">IP-адрес</Table.Th>
                      <Table.Th scope="col">Подробности</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {events.data.events.length === 0 && (
                      <Table.Tr><Table.Td colSpan={6}><Text size="sm" c="dimmed">Событий нет</Text></Table.Td></Table.Tr>
                    )}
                    {events.data.events.map((e) => (
                      <Table.Tr key={e.id}>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{dateTime.format(new Date(e.at))}</Table.Td>
                        <Table.Td>{eventTitle(e.kind)}</Table.Td>
                        <Table.Td>{who(e.account)}</Table.Td>
                        <Table.Td>{e.actor ? who(e.actor) : (e.kind.startsWith('login') || e.kind === 'logout' ? 'сам пользователь' : '—')}</Table.Td>
                        <Table.Td ff="monospace">{e.ip ?? '—'}</Table.Td>
                        <Table.Td>{describeDetails(e.kind, e.details) || '—'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              {pages > 1 && (
                <Pagination
                  total={pages}
                  value={filters.page}
                  onChange={(page) => setFilters({ ...filters, page })}
                  getControlProps={(control) => ({ 'aria-label': control === 'previous' ? 'Предыдущая страница' : control === 'next' ? 'Следующая страница' : control })}
                  getItemProps={(page) => ({ 'aria-label': `Страница ${page}` })}
                />
              )}
            </>
          )}
    </Stack>
  );
}

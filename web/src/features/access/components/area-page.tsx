// «Школы» of a region or municipality administrator (SPEC A1, A3): each school with its director,
// «Назначить директора» from the school's staff or as a new person, a new one-time password for
// a director, and removing a director.
import { Alert, Anchor, Button, Group, Loader, Modal, NativeSelect, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useMemo, useState, type FormEvent } from 'react';
import type { AreaDirectorDto, AreaSchoolDto, CredentialSheetDto } from '../../../../../contracts/access';
import { roleTitles } from '../../../../../domain/roles';
import { errorMessage } from '../../../lib/api';
import { fullName, shortName } from '../../identity/names';
import { areaSchoolsQuery, staffAccessQuery, useAppointDirector, useIssueCredentials, useRevokeRole } from '../api/access';
import { CredentialSheet } from './credential-sheet';

type Removing = { school: AreaSchoolDto; director: AreaDirectorDto };

export function AreaPage() {
  const list = useQuery(areaSchoolsQuery());
  const [search, setSearch] = useState('');
  const [appointing, setAppointing] = useState<AreaSchoolDto | null>(null);
  const [removing, setRemoving] = useState<Removing | null>(null);
  const [resetting, setResetting] = useState<Removing | null>(null);
  const [sheet, setSheet] = useState<{ schoolId: string; sheet: CredentialSheetDto } | null>(null);

  const schools = useMemo(() => {
    const q = search.trim().toLowerCase();
    const all = list.data?.schools ?? [];
    return q === '' ? all : all.filter((s) => `${s.name} ${s.shortName} ${s.municipality.name}`.toLowerCase().includes(q));
  }, [list.data, search]);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="xs">
        <Title order={1}>Школы</Title>
        <Group gap="md">
          <Anchor component={Link} to="/area/samples">Образцы для школ</Anchor>
          <Anchor component={Link} to="/org/security">Журнал безопасности школ</Anchor>
        </Group>
      </Group>
      {list.isPending && <Loader size="sm" aria-label="Загрузка школ" />}
      {list.isError && <Alert color="red" role="alert">{errorMessage(list.error)}</Alert>}
      {list.data && (
        <>
          <Text c="dimmed">
            {list.data.areas.map((a) => `${roleTitles[a.role]}: ${a.municipality ? `${a.municipality}, ${a.region}` : a.region}`).join('; ')}
          </Text>

          {sheet && <CredentialSheet schoolId={sheet.schoolId} sheet={sheet.sheet} onClose={() => setSheet(null)} />}

          <TextInput type="search" label="Поиск школы" placeholder="Название или муниципалитет" value={search} onChange={(e) => setSearch(e.currentTarget.value)} maw={360} />
          <Table.ScrollContainer minWidth={720} maxHeight="70dvh">
            <Table withTableBorder verticalSpacing="xs" stickyHeader highlightOnHover aria-label="Школы и директора">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Школа</Table.Th>
                  <Table.Th scope="col">Муниципалитет</Table.Th>
                  <Table.Th scope="col">Директор</Table.Th>
                  <Table.Th scope="col">Действия</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {schools.length === 0 && (
                  <Table.Tr><Table.Td colSpan={4}><Text size="sm" c="dimmed">{search ? 'Ничего не нашлось' : 'Школ пока нет'}</Text></Table.Td></Table.Tr>
                )}
                {schools.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      <Text size="sm" fw={500}>{s.shortName}</Text>
                      <Text size="xs" c="dimmed">{s.name}</Text>
                    </Table.Td>
                    <Table.Td>{s.municipality.name}</Table.Td>
                    <Table.Td>
                      {s.directors.length === 0 ? <Text size="sm" c="orange.8">не назначен</Text> : (
                        <Stack gap={4}>
                          {s.directors.map((d) => (
                            <Group key={d.grantId} gap="xs" wrap="nowrap" align="flex-start">
                              <Text size="sm" style={{ flex: 1 }}>{fullName(d.account)} <Text span size="xs" c="dimmed" ff="monospace">{d.account.login}</Text></Text>
                              {d.employeeId && (
                                <Button size="compact-xs" variant="subtle" style={{ flexShrink: 0 }} aria-label={`Новый пароль директору: ${shortName(d.account)}, ${s.shortName}`}
                                  onClick={() => setResetting({ school: s, director: d })}>
                                  Новый пароль
                                </Button>
                              )}
                              <Button size="compact-xs" variant="subtle" color="red" style={{ flexShrink: 0 }} aria-label={`Снять с должности директора: ${shortName(d.account)}, ${s.shortName}`}
                                onClick={() => setRemoving({ school: s, director: d })}>
                                Снять
                              </Button>
                            </Group>
                          ))}
                        </Stack>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Button size="xs" variant="light" aria-label={`Назначить директора: ${s.shortName}`} onClick={() => setAppointing(s)}>
                        Назначить директора
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}

      {appointing && (
        <AppointModal
          school={appointing}
          onClose={() => setAppointing(null)}
          onAppointed={(credentialsSheet) => {
            const school = appointing;
            setAppointing(null);
            notifications.show({ color: 'teal', message: `${school.shortName}: директор назначен` });
            if (credentialsSheet) setSheet({ schoolId: school.id, sheet: credentialsSheet });
          }}
        />
      )}
      {removing && <RemoveModal removing={removing} onClose={() => setRemoving(null)} />}
      {resetting && (
        <ResetModal
          target={resetting}
          onClose={() => setResetting(null)}
          onIssued={(issued) => {
            setSheet({ schoolId: resetting.school.id, sheet: issued });
            setResetting(null);
          }}
        />
      )}
    </Stack>
  );
}

function AppointModal({ school, onClose, onAppointed }: { school: AreaSchoolDto; onClose: () => void; onAppointed: (sheet: CredentialSheetDto | null) => void }) {
  const staff = useQuery(staffAccessQuery(school.id));
  const appoint = useAppointDirector(school.id);
  const [mode, setMode] = useState<'staff' | 'new'>('staff');
  const [employeeId, setEmployeeId] = useState('');
  const [person, setPerson] = useState({ lastName: '', firstName: '', middleName: '', position: 'Директор' });
  const candidates = (staff.data?.employees ?? []).filter((e) => !e.grants.some((g) => g.role === 'director'));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = mode === 'staff'
      ? { employeeId }
      : { lastName: person.lastName, firstName: person.firstName, middleName: person.middleName.trim() || null, position: person.position };
    appoint.mutate(input, {
      onSuccess: (result) => {
        if (!result.credentials) return onAppointed(null);
        const employee = staff.data?.employees.find((e) => e.id === result.grant.employeeId);
        onAppointed({
          school: school.name,
          issuedAt: new Date().toISOString(),
          rows: [{
            employeeId: result.grant.employeeId ?? result.grant.account.id,
            name: fullName(result.grant.account),
            position: employee?.position ?? person.position,
            ...result.credentials,
            kind: 'created',
          }],
        });
      },
    });
  };

  return (
    <Modal opened onClose={onClose} title="Назначить директора" centered>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Text><Text span c="dimmed">Школа: </Text>{school.name}</Text>
          <SegmentedControl
            value={mode}
            onChange={(v) => setMode(v as 'staff' | 'new')}
            data={[{ value: 'staff', label: 'Из сотрудников' }, { value: 'new', label: 'Новый сотрудник' }]}
            aria-label="Кого назначить"
          />
          {mode === 'staff' ? (
            staff.isPending ? <Loader size="sm" aria-label="Загрузка сотрудников" />
              : staff.isError ? <Alert color="red" role="alert">{errorMessage(staff.error)}</Alert>
                : candidates.length === 0 ? <Alert color="gray">В школе нет сотрудников, которых можно назначить: добавьте нового.</Alert>
                  : (
                    <NativeSelect
                      label="Сотрудник"
                      value={employeeId}
                      onChange={(e) => setEmployeeId(e.currentTarget.value)}
                      data={[{ value: '', label: 'Выберите сотрудника' }, ...candidates.map((e) => ({ value: e.id, label: `${fullName(e)} — ${e.position}` }))]}
                      required
                      data-autofocus
                    />
                  )
          ) : (
            <>
              <TextInput label="Фамилия" required value={person.lastName} onChange={(e) => setPerson({ ...person, lastName: e.currentTarget.value })} autoComplete="off" data-autofocus />
              <TextInput label="Имя" required value={person.firstName} onChange={(e) => setPerson({ ...person, firstName: e.currentTarget.value })} autoComplete="off" />
              <TextInput label="Отчество" value={person.middleName} onChange={(e) => setPerson({ ...person, middleName: e.currentTarget.value })} autoComplete="off" />
              <TextInput label="Должность" required value={person.position} onChange={(e) => setPerson({ ...person, position: e.currentTarget.value })} />
            </>
          )}
          {school.directors.length > 0 && (
            <Text size="sm" c="dimmed">Нынешний директор останется с этой ролью, пока вы его не снимете.</Text>
          )}
          {appoint.isError && <Alert color="red" role="alert">{errorMessage(appoint.error)}</Alert>}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>Отмена</Button>
            <Button type="submit" loading={appoint.isPending} disabled={mode === 'staff' && !employeeId}>Назначить</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A director who lost their password gets a new one-time one from the area that appointed them. */
function ResetModal({ target, onClose, onIssued }: { target: Removing; onClose: () => void; onIssued: (sheet: CredentialSheetDto) => void }) {
  const issue = useIssueCredentials(target.school.id);
  return (
    <Modal opened onClose={onClose} title="Новый пароль директору" centered>
      <Stack gap="sm">
        <Text>
          Выдать {fullName(target.director.account)} ({target.school.shortName}) новый временный пароль? Прежний перестанет действовать,
          открытые сеансы завершатся.
        </Text>
        {issue.isError && <Alert color="red" role="alert">{errorMessage(issue.error)}</Alert>}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose} data-autofocus>Отмена</Button>
          <Button loading={issue.isPending} onClick={() => issue.mutate([target.director.employeeId!], { onSuccess: onIssued })}>Выдать пароль</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function RemoveModal({ removing, onClose }: { removing: Removing; onClose: () => void }) {
  const revoke = useRevokeRole(removing.school.id);
  return (
    <Modal opened onClose={onClose} title="Снять директора" centered>
      <Stack gap="sm">
        <Text>Отозвать роль «Директор» у {fullName(removing.director.account)} в школе {removing.school.shortName}? Доступ пропадёт сразу.</Text>
        {revoke.isError && <Alert color="red" role="alert">{errorMessage(revoke.error)}</Alert>}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose} data-autofocus>Отмена</Button>
          <Button color="red" loading={revoke.isPending} onClick={() => revoke.mutate(removing.director.grantId, { onSuccess: onClose })}>Снять</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

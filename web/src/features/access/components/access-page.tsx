// «Доступ и роли» (SPEC A3, A4): the school's staff with their roles, granting and revoking
// them along the grant chain, and issuing logins with one-time passwords as a printable sheet.
// Row buttons keep their short visible names («Выдать роль», «Отозвать») as accessible names
// and point at the employee and the role with aria-describedby, so that the field «Роль» of
// the grant dialog stays the only thing labelled so.
import { Alert, Anchor, Badge, Button, Checkbox, Group, Loader, Modal, Stack, Switch, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import type { CredentialSheetDto, GrantRoleResultDto, StaffAccessDto } from '../../../../../contracts/access';
import { roleTitles, sortRoles, type SchoolRole } from '../../../../../domain/roles';
import { errorMessage } from '../../../lib/api';
import { activeSchoolOf } from '../../identity/active-school';
import { useCurrentUser } from '../../identity/components/current-user';
import { fullName, shortName } from '../../identity/names';
import { grantableQuery, grantHistoryQuery, staffAccessQuery, useIssueCredentials, useRevokeRole } from '../api/access';
import { CredentialSheet } from './credential-sheet';
import { GrantRoleModal } from './grant-role-modal';

const dateTime = new Intl.DateTimeFormat('ru-RU', { dateStyle: 'short', timeStyle: 'short' });

type Revoking = { grantId: string; role: SchoolRole; employee: StaffAccessDto };

export function AccessPage() {
  const me = useCurrentUser();
  const school = activeSchoolOf(me);
  if (!school) {
    return (
      <Stack>
        <Title order={1}>Доступ и роли</Title>
        <Alert color="gray">Нет школы, в которой у вас есть роль.</Alert>
      </Stack>
    );
  }
  return <SchoolAccess key={school.id} schoolId={school.id} schoolName={school.name} />;
}

function SchoolAccess({ schoolId, schoolName }: { schoolId: string; schoolName: string }) {
  const staff = useQuery(staffAccessQuery(schoolId));
  const grantable = useQuery(grantableQuery(schoolId));
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [granting, setGranting] = useState<StaffAccessDto | null>(null);
  const [revoking, setRevoking] = useState<Revoking | null>(null);
  const [confirmIssue, setConfirmIssue] = useState(false);
  const [sheet, setSheet] = useState<CredentialSheetDto | null>(null);
  const [showHistory, setShowHistory] = useState(false);

  const roles = grantable.data?.roles ?? [];
  const canIssue = grantable.data?.canIssueCredentials ?? false;
  const employees = useMemo(() => {
    const q = search.trim().toLowerCase();
    const all = staff.data?.employees ?? [];
    return q === '' ? all : all.filter((e) => `${fullName(e)} ${e.position} ${e.account?.login ?? ''}`.toLowerCase().includes(q));
  }, [staff.data, search]);

  const toggle = (id: string, on: boolean) => setSelected((prev) => {
    const next = new Set(prev);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  });
  const allShown = employees.length > 0 && employees.every((e) => selected.has(e.id));

  const granted = (employee: StaffAccessDto) => (result: GrantRoleResultDto) => {
    setGranting(null);
    notifications.show({ color: 'teal', message: result.created ? `${shortName(employee)}: выдана роль «${roleTitles[result.grant.role]}»` : 'Эта роль у сотрудника уже есть' });
    if (result.credentials) {
      setSheet({
        school: schoolName,
        issuedAt: new Date().toISOString(),
        rows: [{ employeeId: employee.id, name: fullName(employee), position: employee.position, ...result.credentials, kind: 'created' }],
      });
    }
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="xs">
        <Title order={1}>Доступ и роли</Title>
        <Anchor component={Link} to="/org/security">Журнал безопасности</Anchor>
      </Group>

      {sheet && <CredentialSheet schoolId={schoolId} sheet={sheet} onClose={() => setSheet(null)} />}

      <section aria-labelledby="staff-roles-title">
        <Title order={2} size="h3" id="staff-roles-title" mb="xs">Сотрудники и роли</Title>
        <Text size="sm" c="dimmed" mb="sm">
          {roles.length > 0
            ? `Вы можете выдавать и отзывать роли: ${roles.map((r) => roleTitles[r]).join(', ')}.`
            : 'Выдавать роли в этой школе вы не можете.'}
        </Text>

        <Group align="flex-end" gap="sm" mb="sm">
          <TextInput
            type="search"
            label="Поиск сотрудника"
            placeholder="Фамилия, должность или логин"
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            style={{ flexGrow: 1 }}
            maw={360}
          />
          {canIssue && (
            <Button disabled={selected.size === 0} onClick={() => setConfirmIssue(true)}>
              Выдать логины и пароли{selected.size > 0 ? ` (${selected.size})` : ''}
            </Button>
          )}
        </Group>

        {staff.isPending ? <Loader size="sm" aria-label="Загрузка сотрудников" />
          : staff.isError ? <Alert color="red" role="alert">{errorMessage(staff.error)}</Alert>
            : (
              <Table.ScrollContainer minWidth={720} maxHeight="65dvh">
                <Table withTableBorder verticalSpacing="xs" stickyHeader highlightOnHover aria-label="Сотрудники и роли">
                  <Table.Thead>
                    <Table.Tr>
                      {canIssue && (
                        <Table.Th scope="col" w={40}>
                          <Checkbox
                            aria-label="Выбрать всех показанных сотрудников"
                            checked={allShown}
                            indeterminate={!allShown && employees.some((e) => selected.has(e.id))}
                            onChange={(e) => {
                              const on = e.currentTarget.checked;
                              setSelected((prev) => {
                                const next = new Set(prev);
                                for (const emp of employees) if (on) next.add(emp.id); else next.delete(emp.id);
                                return next;
                              });
                            }}
                          />
                        </Table.Th>
                      )}
                      <Table.Th scope="col">Сотрудник</Table.Th>
                      <Table.Th scope="col">Логин</Table.Th>
                      <Table.Th scope="col">Роли</Table.Th>
                      <Table.Th scope="col"><VisuallyHidden>Действия</VisuallyHidden></Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {employees.length === 0 && (
                      <Table.Tr>
                        <Table.Td colSpan={canIssue ? 5 : 4}><Text size="sm" c="dimmed">{search ? 'Никого не нашлось' : 'В школе пока нет сотрудников: добавьте их или загрузите импортом'}</Text></Table.Td>
                      </Table.Tr>
                    )}
                    {employees.map((e) => (
                      <Table.Tr key={e.id}>
                        {canIssue && (
                          <Table.Td>
                            <Checkbox aria-label={`Выбрать: ${fullName(e)}`} checked={selected.has(e.id)} onChange={(ev) => toggle(e.id, ev.currentTarget.checked)} />
                          </Table.Td>
                        )}
                        <Table.Td>
                          <Text size="sm" fw={500} id={`employee-${e.id}`}>{fullName(e)}</Text>
                          <Text size="xs" c="dimmed">{e.position}</Text>
                        </Table.Td>
                        <Table.Td>
                          {e.account ? (
                            <>
                              <Text size="sm" ff="monospace">{e.account.login}</Text>
                              {e.account.mustChangePassword && <Badge size="xs" variant="light" color="orange" tt="none">временный пароль</Badge>}
                            </>
                          ) : <Text size="sm" c="dimmed">нет учётной записи</Text>}
                        </Table.Td>
                        <Table.Td>
                          <Group gap={6}>
                            {sortRoles(e.grants.map((g) => g.role)).map((role) => {
                              const g = e.grants.find((x) => x.role === role)!;
                              return (
                                <Badge key={g.id} variant="light" tt="none" size="lg" pr={roles.includes(role) ? 4 : undefined}
                                  rightSection={roles.includes(role) ? (
                                    <Button size="compact-xs" variant="subtle" color="red" aria-describedby={`grant-${g.id} employee-${e.id}`}
                                      onClick={() => setRevoking({ grantId: g.id, role, employee: e })}>
                                      Отозвать
                                    </Button>
                                  ) : undefined}
                                >
                                  <span id={`grant-${g.id}`}>{roleTitles[role]}</span>
                                </Badge>
                              );
                            })}
                            {e.grants.length === 0 && <Text size="sm" c="dimmed">нет ролей</Text>}
                          </Group>
                        </Table.Td>
                        <Table.Td>
                          {roles.length > 0 && (
                            <Button size="xs" variant="light" aria-describedby={`employee-${e.id}`} onClick={() => setGranting(e)}>
                              Выдать роль
                            </Button>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
      </section>

      <section aria-labelledby="grant-history-title">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h3" id="grant-history-title">История ролей</Title>
          <Switch label="Показать историю выдачи и отзыва" checked={showHistory} onChange={(e) => setShowHistory(e.currentTarget.checked)} />
        </Group>
        {showHistory && <GrantHistory schoolId={schoolId} />}
      </section>

      {granting && (
        <GrantRoleModal schoolId={schoolId} employee={granting} grantable={roles} onClose={() => setGranting(null)} onGranted={granted(granting)} />
      )}
      {revoking && <RevokeModal schoolId={schoolId} revoking={revoking} onClose={() => setRevoking(null)} />}
      {confirmIssue && (
        <IssueModal
          schoolId={schoolId}
          employees={(staff.data?.employees ?? []).filter((e) => selected.has(e.id))}
          onClose={() => setConfirmIssue(false)}
          onIssued={(issued) => {
            setConfirmIssue(false);
            setSelected(new Set());
            setSheet(issued);
          }}
        />
      )}
    </Stack>
  );
}

function RevokeModal({ schoolId, revoking, onClose }: { schoolId: string; revoking: Revoking; onClose: () => void }) {
  const revoke = useRevokeRole(schoolId);
  const title = roleTitles[revoking.role];
  return (
    <Modal opened onClose={onClose} title="Отозвать роль" centered>
      <Stack gap="sm">
        <Text>Отозвать роль «{title}» у сотрудника {fullName(revoking.employee)}? Доступ пропадёт сразу, со следующего действия сотрудника.</Text>
        {revoke.isError && <Alert color="red" role="alert">{errorMessage(revoke.error)}</Alert>}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose} data-autofocus>Отмена</Button>
          <Button color="red" loading={revoke.isPending} onClick={() => revoke.mutate(revoking.grantId, {
            onSuccess: () => {
              onClose();
              notifications.show({ color: 'teal', message: `${shortName(revoking.employee)}: роль «${title}» отозвана` });
            },
          })}>
            Отозвать
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function IssueModal({ schoolId, employees, onClose, onIssued }: {
  schoolId: string; employees: StaffAccessDto[]; onClose: () => void; onIssued: (sheet: CredentialSheetDto) => void;
}) {
  const issue = useIssueCredentials(schoolId);
  const resets = employees.filter((e) => e.account).length;
  return (
    <Modal opened onClose={onClose} title="Выдать логины и пароли" centered>
      <Stack gap="sm">
        <Text>Сотрудников выбрано: {employees.length}. Каждый получит временный пароль, который нужно сменить при первом входе.</Text>
        {resets > 0 && (
          <Alert color="orange" variant="light">
            У {resets} из них уже есть учётная запись: прежний пароль перестанет действовать, а открытые сеансы завершатся.
          </Alert>
        )}
        {issue.isError && <Alert color="red" role="alert">{errorMessage(issue.error)}</Alert>}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>Отмена</Button>
          <Button loading={issue.isPending} onClick={() => issue.mutate(employees.map((e) => e.id), { onSuccess: onIssued })} data-autofocus>
            Выдать
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function GrantHistory({ schoolId }: { schoolId: string }) {
  const history = useQuery(grantHistoryQuery(schoolId));
  if (history.isPending) return <Loader size="sm" aria-label="Загрузка истории" />;
  if (history.isError) return <Alert color="red" role="alert">{errorMessage(history.error)}</Alert>;
  const rows = [...history.data.grants].sort((a, b) => (b.revokedAt ?? b.grantedAt).localeCompare(a.revokedAt ?? a.grantedAt));
  return (
    <Table.ScrollContainer minWidth={720} maxHeight="50dvh" mt="sm">
      <Table withTableBorder verticalSpacing="xs" stickyHeader aria-label="История ролей">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Сотрудник</Table.Th>
            <Table.Th scope="col">Роль</Table.Th>
            <Table.Th scope="col">Выдана</Table.Th>
            <Table.Th scope="col">Отозвана</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((g) => (
            <Table.Tr key={g.id}>
              <Table.Td>{fullName(g.account)}</Table.Td>
              <Table.Td>{roleTitles[g.role]}</Table.Td>
              <Table.Td>
                {dateTime.format(new Date(g.grantedAt))}
                <Text size="xs" c="dimmed">{g.grantedBy ? shortName(g.grantedBy) : 'при установке'}</Text>
              </Table.Td>
              <Table.Td>
                {g.revokedAt ? (
                  <>
                    {dateTime.format(new Date(g.revokedAt))}
                    <Text size="xs" c="dimmed">{g.revokedBy ? shortName(g.revokedBy) : ''}</Text>
                  </>
                ) : <Badge variant="light" color="teal" tt="none">действует</Badge>}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

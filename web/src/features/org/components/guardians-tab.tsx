// «Родители»: guardians with their children, a search by name and paging; a form to add or edit
// one. Children are linked from the student's page.
import { Anchor, Button, Group, Stack, Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { GuardianDto } from '../../../../../contracts/org';
import { fullName, shortName } from '../../identity/names';
import { guardiansQuery, pageSize, useSaveGuardian } from '../api/org';
import { fieldErrorsOf, formErrorOf } from '../form-errors';
import { relationTitles } from '../format';
import { FormModal, Pager, QueryView, ScrollTable, SearchBox, useSearch } from './org-ui';
import { studentPath } from '../paths';
import { PersonFields, emptyPerson, personFieldNames, personFormOf, personInputOf, type PersonForm } from './person-fields';

export function GuardiansTab({ schoolId, canWrite }: { schoolId: string; canWrite: boolean }) {
  const search = useSearch();
  const [offset, setOffset] = useState(0);
  const list = useQuery(guardiansQuery(schoolId, { q: search.query, offset }));
  const [editing, setEditing] = useState<GuardianDto | 'new' | null>(null);

  return (
    <Stack gap="sm">
      <Group align="flex-end" justify="space-between">
        <SearchBox label="Поиск родителя" value={search.input} onChange={(v) => { search.setInput(v); setOffset(0); }} />
        {canWrite && <Button onClick={() => setEditing('new')}>Добавить родителя</Button>}
      </Group>
      <QueryView query={list} label="родители">
        {(data) => (
          <>
            <ScrollTable
              label="Список родителей"
              minWidth={640}
              head={['ФИО', 'Телефон', 'E-mail', 'Дети', '']}
              empty={data.items.length === 0 ? 'Никого не нашлось' : null}
            >
              {data.items.map((g) => (
                <Table.Tr key={g.id}>
                  <Table.Td>{fullName(g)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{g.phone ?? ''}</Table.Td>
                  <Table.Td>{g.email ?? ''}</Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      {g.children.map((c) => (
                        <Anchor key={c.studentId} component={Link} to={studentPath(c.studentId)} size="sm">
                          {shortName(c)}{c.class ? `, ${c.class.name}` : ''} ({relationTitles[c.relation].toLowerCase()})
                        </Anchor>
                      ))}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    {canWrite && <Button size="xs" variant="subtle" onClick={() => setEditing(g)} aria-label={`Изменить: ${fullName(g)}`}>Изменить</Button>}
                  </Table.Td>
                </Table.Tr>
              ))}
            </ScrollTable>
            <Pager total={data.total} offset={offset} pageSize={pageSize} onChange={setOffset} />
          </>
        )}
      </QueryView>
      {editing !== null && <GuardianForm schoolId={schoolId} guardian={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

export function GuardianForm({ schoolId, guardian, onClose, onSaved }: {
  schoolId: string; guardian: GuardianDto | null; onClose: () => void; onSaved?: (saved: GuardianDto) => void;
}) {
  const save = useSaveGuardian(schoolId);
  const [person, setPerson] = useState<PersonForm>(guardian ? personFormOf(guardian) : emptyPerson);
  const submit = () => save.mutate(
    { guardianId: guardian?.id ?? null, input: personInputOf(person, guardian?.withheld) },
    { onSuccess: (saved) => { onSaved?.(saved); onClose(); } },
  );
  return (
    <FormModal
      opened
      onClose={onClose}
      title={guardian ? 'Родитель' : 'Новый родитель'}
      onSubmit={submit}
      pending={save.isPending}
      error={formErrorOf(save.error, [...personFieldNames])}
    >
      <PersonFields value={person} onChange={setPerson} errors={fieldErrorsOf(save.error)} withheld={guardian?.withheld ?? false} />
    </FormModal>
  );
}

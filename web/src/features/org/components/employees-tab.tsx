// «Сотрудники»: the staff list with a search by name, and a form to add or edit an employee.
import { Button, Group, Stack, Table, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { EmployeeDto } from '../../../../../contracts/org';
import { fullName } from '../../identity/names';
import { employeesQuery, pageSize, useSaveEmployee } from '../api/org';
import { fieldErrorsOf, formErrorOf } from '../form-errors';
import { formatDate } from '../format';
import { FormModal, Pager, QueryView, ScrollTable, SearchBox, useSearch } from './org-ui';
import { PersonFields, emptyPerson, personFieldNames, personFormOf, personInputOf, type PersonForm } from './person-fields';

export function EmployeesTab({ schoolId, canWrite }: { schoolId: string; canWrite: boolean }) {
  const search = useSearch();
  const [offset, setOffset] = useState(0);
  const list = useQuery(employeesQuery(schoolId, { q: search.query, offset }));
  const [editing, setEditing] = useState<EmployeeDto | 'new' | null>(null);

  return (
    <Stack gap="sm">
      <Group align="flex-end" justify="space-between">
        <SearchBox label="Поиск сотрудника" value={search.input} onChange={(v) => { search.setInput(v); setOffset(0); }} />
        {canWrite && <Button onClick={() => setEditing('new')}>Добавить сотрудника</Button>}
      </Group>
      <QueryView query={list} label="сотрудники">
        {(data) => (
          <>
            <ScrollTable
              label="Список сотрудников"
              minWidth={640}
              head={['ФИО', 'Должность', 'Телефон', 'E-mail', 'Дата рождения', '']}
              empty={data.items.length === 0 ? 'Никого не нашлось' : null}
            >
              {data.items.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{fullName(e)}</Table.Td>
                  <Table.Td>{e.position}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{e.phone ?? ''}</Table.Td>
                  <Table.Td>{e.email ?? ''}</Table.Td>
                  <Table.Td>{formatDate(e.birthDate)}</Table.Td>
                  <Table.Td>
                    {canWrite && (
                      <Button size="xs" variant="subtle" onClick={() => setEditing(e)} aria-label={`Изменить: ${fullName(e)}`}>Изменить</Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </ScrollTable>
            <Pager total={data.total} offset={offset} pageSize={pageSize} onChange={setOffset} />
          </>
        )}
      </QueryView>
      {editing !== null && (
        <EmployeeForm schoolId={schoolId} employee={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}

function EmployeeForm({ schoolId, employee, onClose }: { schoolId: string; employee: EmployeeDto | null; onClose: () => void }) {
  const save = useSaveEmployee(schoolId);
  const [person, setPerson] = useState<PersonForm>(employee ? personFormOf(employee) : emptyPerson);
  const [position, setPosition] = useState(employee?.position ?? '');
  const errors = fieldErrorsOf(save.error);
  const submit = () => save.mutate(
    { employeeId: employee?.id ?? null, input: { ...personInputOf(person, employee?.withheld), position } },
    { onSuccess: onClose },
  );
  return (
    <FormModal
      opened
      onClose={onClose}
      title={employee ? 'Сотрудник' : 'Новый сотрудник'}
      onSubmit={submit}
      pending={save.isPending}
      error={formErrorOf(save.error, [...personFieldNames, 'position'])}
    >
      <PersonFields value={person} onChange={setPerson} errors={errors} withheld={employee?.withheld ?? false} />
      <TextInput label="Должность" required value={position} onChange={(e) => setPosition(e.currentTarget.value)} error={errors.position} />
    </FormModal>
  );
}

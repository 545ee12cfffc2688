// «Ученики»: students with a class filter, a search by name and paging; each opens the student's
// page; a form enrols a new student in a class from a date.
import { Anchor, Badge, Button, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import type { Sex } from '../../../../../contracts/org';
import { fullName } from '../../identity/names';
import { classesQuery, pageSize, studentsQuery, useCreateStudent } from '../api/org';
import { fieldErrorsOf, formErrorOf } from '../form-errors';
import { educationFormTitles } from '../format';
import { FormModal, Pager, QueryView, ScrollTable, SearchBox, todayIso, useSearch } from './org-ui';
import { studentPath } from '../paths';
import { PersonFields, SexSelect, emptyPerson, personFieldNames, personInputOf, type PersonForm } from './person-fields';

export function StudentsTab({ schoolId, canWrite }: { schoolId: string; canWrite: boolean }) {
  const search = useSearch();
  const [classId, setClassId] = useState('');
  const [offset, setOffset] = useState(0);
  const classes = useQuery(classesQuery(schoolId));
  const list = useQuery(studentsQuery(schoolId, { q: search.query, classId: classId || undefined, offset }));
  const [creating, setCreating] = useState(false);

  return (
    <Stack gap="sm">
      <Group align="flex-end" justify="space-between">
        <Group align="flex-end">
          <NativeSelect
            label="Класс"
            value={classId}
            onChange={(e) => { setClassId(e.currentTarget.value); setOffset(0); }}
            data={[{ value: '', label: 'Все классы' }, ...(classes.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))]}
          />
          <SearchBox label="Поиск ученика" value={search.input} onChange={(v) => { search.setInput(v); setOffset(0); }} />
        </Group>
        {canWrite && <Button onClick={() => setCreating(true)}>Зачислить ученика</Button>}
      </Group>
      <QueryView query={list} label="ученики">
        {(data) => (
          <>
            <ScrollTable
              label="Список учеников"
              minWidth={560}
              head={['ФИО', 'Класс', 'Форма обучения', 'Особенности']}
              empty={data.items.length === 0 ? 'Никого не нашлось' : null}
            >
              {data.items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Anchor component={Link} to={studentPath(s.id)}>{fullName(s)}</Anchor>
                  </Table.Td>
                  <Table.Td>{s.class?.name ?? <Text span c="dimmed">не числится</Text>}</Table.Td>
                  <Table.Td>{educationFormTitles[s.educationForm]}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {s.individualCurriculum && <Badge variant="light" tt="none" title="Индивидуальный учебный план">ИУП</Badge>}
                      {s.adaptedProgramme && <Badge variant="light" color="grape" tt="none" title="Адаптированная образовательная программа">АООП</Badge>}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </ScrollTable>
            <Pager total={data.total} offset={offset} pageSize={pageSize} onChange={setOffset} />
          </>
        )}
      </QueryView>
      {creating && <NewStudentForm schoolId={schoolId} classId={classId} onClose={() => setCreating(false)} />}
    </Stack>
  );
}

function NewStudentForm({ schoolId, classId: initialClass, onClose }: { schoolId: string; classId: string; onClose: () => void }) {
  const navigate = useNavigate();
  const create = useCreateStudent(schoolId);
  const classes = useQuery(classesQuery(schoolId));
  const [person, setPerson] = useState<PersonForm>(emptyPerson);
  const [sex, setSex] = useState<Sex | ''>('');
  const [classId, setClassId] = useState(initialClass);
  const [startsOn, setStartsOn] = useState(todayIso());
  const [noClass, setNoClass] = useState(false);
  const errors = fieldErrorsOf(create.error);
  const submit = () => {
    setNoClass(classId === '');
    if (classId === '') return;
    create.mutate(
      { ...personInputOf(person), sex: sex || null, classId, startsOn },
      { onSuccess: (student) => { onClose(); void navigate({ href: studentPath(student.id) }); } },
    );
  };
  return (
    <FormModal
      opened
      onClose={onClose}
      title="Зачисление ученика"
      submitLabel="Зачислить"
      onSubmit={submit}
      pending={create.isPending}
      error={formErrorOf(create.error, [...personFieldNames, 'sex', 'classId', 'startsOn'])}
    >
      <PersonFields value={person} onChange={setPerson} errors={errors} />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <SexSelect value={sex} onChange={setSex} error={errors.sex} />
        <NativeSelect
          label="Класс"
          required
          value={classId}
          onChange={(e) => setClassId(e.currentTarget.value)}
          data={[{ value: '', label: 'Выберите класс', disabled: true }, ...(classes.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))]}
          error={errors.classId ?? (noClass ? 'Выберите класс' : undefined)}
        />
        <TextInput label="Дата зачисления" type="date" required value={startsOn} onChange={(e) => setStartsOn(e.currentTarget.value)} error={errors.startsOn} />
      </SimpleGrid>
    </FormModal>
  );
}

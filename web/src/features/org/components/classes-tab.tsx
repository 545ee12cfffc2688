// «Классы»: the classes of an academic year with the class teacher and the number of students;
// a form to create a class or change its letter and class teacher.
import { Alert, Button, Group, NativeSelect, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ClassDto } from '../../../../../contracts/org';
import { fullName, shortName } from '../../identity/names';
import { classesQuery, employeesQuery, useSaveClass } from '../api/org';
import { fieldErrorsOf, formErrorOf } from '../form-errors';
import { academicYearTitle } from '../format';
import { FormModal, QueryView, ScrollTable, SearchBox, useSearch } from './org-ui';

/** The year that starts in September of the browser's current school year, and its neighbours. */
const currentYear = (): number => {
  const now = new Date();
  return now.getMonth() >= 8 ? now.getFullYear() : now.getFullYear() - 1;
};

export function ClassesTab({ schoolId, canWrite }: { schoolId: string; canWrite: boolean }) {
  const thisYear = currentYear();
  const [year, setYear] = useState(thisYear);
  const list = useQuery(classesQuery(schoolId, year));
  const search = useSearch();
  const [editing, setEditing] = useState<ClassDto | 'new' | null>(null);
  const years = [thisYear - 1, thisYear, thisYear + 1];

  return (
    <Stack gap="sm">
      <Group align="flex-end" justify="space-between">
        <Group align="flex-end">
          <NativeSelect
            label="Учебный год"
            value={String(year)}
            onChange={(e) => setYear(Number(e.currentTarget.value))}
            data={years.map((y) => ({ value: String(y), label: academicYearTitle(y) }))}
          />
          <SearchBox label="Поиск класса или классного руководителя" value={search.input} onChange={search.setInput} />
        </Group>
        {canWrite && <Button onClick={() => setEditing('new')}>Создать класс</Button>}
      </Group>
      <QueryView query={list} label="классы">
        {(data) => {
          const q = search.query.toLowerCase().replace(/ё/g, 'е');
          const shown = data.items.filter((c) => q === '' || `${c.name} ${c.classTeacher ? fullName(c.classTeacher) : ''}`.toLowerCase().replace(/ё/g, 'е').includes(q));
          return (
            <ScrollTable
              label="Список классов"
              minWidth={480}
              head={['Класс', 'Классный руководитель', 'Учеников', '']}
              empty={shown.length === 0 ? 'Классов нет' : null}
            >
              {shown.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td fw={600}>{c.name}</Table.Td>
                  <Table.Td>{c.classTeacher ? fullName(c.classTeacher) : <Text span c="dimmed">не назначен</Text>}</Table.Td>
                  <Table.Td>{c.studentCount}</Table.Td>
                  <Table.Td>
                    {canWrite && <Button size="xs" variant="subtle" onClick={() => setEditing(c)} aria-label={`Изменить класс ${c.name}`}>Изменить</Button>}
                  </Table.Td>
                </Table.Tr>
              ))}
            </ScrollTable>
          );
        }}
      </QueryView>
      {editing !== null && (
        <ClassForm schoolId={schoolId} klass={editing === 'new' ? null : editing} academicYear={year} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}

function ClassForm({ schoolId, klass, academicYear, onClose }: { schoolId: string; klass: ClassDto | null; academicYear: number; onClose: () => void }) {
  const save = useSaveClass(schoolId);
  const staff = useQuery(employeesQuery(schoolId, { limit: 500 }));
  const [grade, setGrade] = useState(String(klass?.grade ?? 1));
  const [letter, setLetter] = useState(klass?.letter ?? '');
  const [teacherId, setTeacherId] = useState<string | null>(klass?.classTeacher?.id ?? null);
  const errors = fieldErrorsOf(save.error);
  const submit = () => save.mutate(
    klass
      ? { classId: klass.id, input: { letter, classTeacherId: teacherId } }
      : { classId: null, input: { academicYear, grade: Number(grade), letter, classTeacherId: teacherId } },
    { onSuccess: onClose },
  );
  return (
    <FormModal
      opened
      onClose={onClose}
      title={klass ? `Класс ${klass.name}` : `Новый класс ${academicYearTitle(academicYear)}`}
      onSubmit={submit}
      pending={save.isPending}
      error={formErrorOf(save.error, ['grade', 'letter', 'classTeacherId'])}
    >
      <SimpleGrid cols={2} spacing="sm">
        <NativeSelect
          label="Параллель"
          value={grade}
          disabled={klass !== null}
          onChange={(e) => setGrade(e.currentTarget.value)}
          data={Array.from({ length: 11 }, (_, i) => String(i + 1))}
          error={errors.grade}
        />
        <TextInput label="Буква" required maxLength={1} value={letter} onChange={(e) => setLetter(e.currentTarget.value)} error={errors.letter} />
      </SimpleGrid>
      <Select
        label="Классный руководитель"
        placeholder="Не назначен"
        searchable
        clearable
        nothingFoundMessage="Нет такого сотрудника"
        value={teacherId}
        onChange={setTeacherId}
        data={(staff.data?.items ?? []).map((e) => ({ value: e.id, label: `${shortName(e)} — ${e.position}` }))}
        error={errors.classTeacherId}
      />
      <Alert variant="light" color="gray">
        Назначение классным руководителем не даёт роль «Классный руководитель»: её выдают в разделе «Доступ и роли».
      </Alert>
    </FormModal>
  );
}

// «Доп. образование» tab: the additional general-developmental programmes of a year with their
// direction, ages and hours, and their groups (made on the «Группы» tab of «Люди и доступ»)
// with members and teachers.
import { Alert, Button, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  programmeDirections, programmeDirectionTitles, type AdditionalProgrammeDto, type ProgrammeDirection,
} from '../../../../../contracts/subjects';
import { errorMessage } from '../../../lib/api';
import { shortName } from '../../identity/names';
import { FormModal, QueryView, ScrollTable } from '../../org/components/org-ui';
import { fieldErrorsOf, formErrorOf } from '../../org/form-errors';
import { academicYearTitle } from '../../org/format';
import { programmesQuery, useDeleteProgramme, useSaveProgramme } from '../api/subjects';

/** The school year the browser's date falls in (September to August). */
const currentYear = (): number => {
  const now = new Date();
  return now.getMonth() >= 8 ? now.getFullYear() : now.getFullYear() - 1;
};

const ages = (p: AdditionalProgrammeDto): string =>
  p.ageFrom === null && p.ageTo === null ? '—' : `${p.ageFrom ?? 5}–${p.ageTo ?? 18} лет`;

export function ProgrammesTab({ schoolId, canWrite }: { schoolId: string; canWrite: boolean }) {
  const thisYear = currentYear();
  const [year, setYear] = useState(thisYear);
  const list = useQuery(programmesQuery(schoolId, year));
  const remove = useDeleteProgramme(schoolId);
  const [editing, setEditing] = useState<AdditionalProgrammeDto | 'new' | null>(null);
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <NativeSelect label="Учебный год" value={String(year)} onChange={(e) => setYear(Number(e.currentTarget.value))}
          data={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: String(y), label: academicYearTitle(y) }))} />
        {canWrite && <Button onClick={() => setEditing('new')}>Добавить программу</Button>}
      </Group>
      {remove.error && <Alert color="red" role="alert">{errorMessage(remove.error)}</Alert>}
      <QueryView query={list} label="программы доп. образования">
        {(data) => (
          <ScrollTable label="Программы дополнительного образования" minWidth={820}
            head={['Программа', 'Направленность', 'Возраст', 'Часов в неделю', 'Всего часов', 'Группы и педагоги', '']}
            empty={data.total === 0 ? 'Программ пока нет' : null}>
            {data.items.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td fw={600}>{p.name}</Table.Td>
                <Table.Td>{programmeDirectionTitles[p.direction]}</Table.Td>
                <Table.Td>{ages(p)}</Table.Td>
                <Table.Td>{String(p.hoursPerWeek).replace('.', ',')}</Table.Td>
                <Table.Td>{p.totalHours ?? '—'}</Table.Td>
                <Table.Td>
                  {p.groups.length === 0
                    ? <Text span c="dimmed" size="sm">групп нет — создайте на вкладке «Группы» раздела «Люди и доступ»</Text>
                    : (
                      <Stack gap={2}>
                        {p.groups.map((g) => (
                          <Text key={g.id} size="sm">
                            {g.name}: {g.memberCount} уч.{g.teachers.length > 0 && `, ${g.teachers.map((t) => shortName(t)).join(', ')}`}
                          </Text>
                        ))}
                      </Stack>
                    )}
                </Table.Td>
                <Table.Td>
                  {canWrite && (
                    <Group gap={4} wrap="nowrap">
                      <Button size="xs" variant="subtle" onClick={() => setEditing(p)} aria-label={`Изменить программу ${p.name}`}>Изменить</Button>
                      <Button size="xs" variant="subtle" color="red" loading={remove.isPending && remove.variables === p.id}
                        onClick={() => { if (window.confirm(`Удалить программу «${p.name}»?`)) remove.mutate(p.id); }}
                        aria-label={`Удалить программу ${p.name}`}>Удалить</Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </ScrollTable>
        )}
      </QueryView>
      {editing !== null && <ProgrammeForm schoolId={schoolId} programme={editing === 'new' ? null : editing} academicYear={year} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

const numberOrNull = (v: string | number): number | null => (v === '' ? null : Number(v));

function ProgrammeForm({ schoolId, programme, academicYear, onClose }: {
  schoolId: string; programme: AdditionalProgrammeDto | null; academicYear: number; onClose: () => void;
}) {
  const save = useSaveProgramme(schoolId);
  const [name, setName] = useState(programme?.name ?? '');
  const [direction, setDirection] = useState<ProgrammeDirection>(programme?.direction ?? 'technical');
  const [ageFrom, setAgeFrom] = useState<string | number>(programme?.ageFrom ?? '');
  const [ageTo, setAgeTo] = useState<string | number>(programme?.ageTo ?? '');
  const [hours, setHours] = useState<string | number>(programme?.hoursPerWeek ?? 2);
  const [total, setTotal] = useState<string | number>(programme?.totalHours ?? '');
  const [description, setDescription] = useState(programme?.description ?? '');
  const errors = fieldErrorsOf(save.error);
  const fields = {
    name, direction, ageFrom: numberOrNull(ageFrom), ageTo: numberOrNull(ageTo), hoursPerWeek: Number(hours),
    totalHours: numberOrNull(total), description: description.trim() === '' ? null : description,
  };
  const submit = () => save.mutate(
    programme ? { programmeId: programme.id, input: fields } : { programmeId: null, input: { ...fields, academicYear } },
    { onSuccess: onClose },
  );
  return (
    <FormModal opened onClose={onClose} title={programme ? `Программа «${programme.name}»` : `Новая программа ${academicYearTitle(academicYear)}`}
      onSubmit={submit} pending={save.isPending}
      error={formErrorOf(save.error, ['name', 'direction', 'ageFrom', 'ageTo', 'hoursPerWeek', 'totalHours', 'description'])}>
      <TextInput label="Название программы" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} data-autofocus />
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <NativeSelect label="Направленность" value={direction} onChange={(e) => setDirection(e.currentTarget.value as ProgrammeDirection)} error={errors.direction}
          data={programmeDirections.map((d) => ({ value: d, label: programmeDirectionTitles[d] }))} />
        <NumberInput label="Часов в неделю" required min={0.5} max={20} step={0.5} decimalScale={1} decimalSeparator="," value={hours} onChange={setHours} error={errors.hoursPerWeek} />
        <NumberInput label="Возраст от (лет)" min={5} max={18} allowDecimal={false} value={ageFrom} onChange={setAgeFrom} error={errors.ageFrom} />
        <NumberInput label="Возраст до (лет)" min={5} max={18} allowDecimal={false} value={ageTo} onChange={setAgeTo} error={errors.ageTo} />
        <NumberInput label="Всего часов по программе" min={1} max={2000} allowDecimal={false} value={total} onChange={setTotal} error={errors.totalHours} />
      </SimpleGrid>
      <Textarea label="Описание" autosize minRows={2} maxRows={6} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={errors.description} />
    </FormModal>
  );
}

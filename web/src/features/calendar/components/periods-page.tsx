// «Периоды аттестации»: the terms of the calendar (read-only here, changed in the calendar) and the
// school's own schedules a curriculum line may follow (a half-year subject attested once, a
// subject attested by halves), with their periods, where they are used, add, change and delete.
import { Alert, Anchor, Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { AttestationScheduleDto } from '../../../../../contracts/calendar';
import { errorMessage } from '../../../lib/api';
import { FormModal, QueryView, ScrollTable, useOrgAccess } from '../../org/components/org-ui';
import { fieldErrorsOf, formErrorOf } from '../../org/form-errors';
import { YearNav } from '../../year/year-nav';
import { calendarQuery, schedulesQuery, useDeleteSchedule, useSaveSchedule } from '../api/calendar';
import { gradesText, parseGrades } from '../calendar-draft';
import { YearSelect, currentAcademicYear } from './year-select';

const ru = (iso: string): string => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

export function PeriodsPage() {
  const { schoolId, can } = useOrgAccess();
  const [year, setYear] = useState(currentAcademicYear);
  return (
    <Stack gap="md">
      <Title order={1}>Периоды аттестации</Title>
      <YearNav />
      {schoolId === null
        ? <Alert color="gray">Выберите школу, чтобы увидеть её периоды аттестации.</Alert>
        : !can('yearSetup', 'read')
          ? <Alert color="gray">Периоды аттестации школы видят её сотрудники.</Alert>
          : (
            <>
              <YearSelect value={year} onChange={setYear} />
              <Schedules schoolId={schoolId} year={year} canWrite={can('yearSetup', 'write')} />
            </>
          )}
    </Stack>
  );
}

function PeriodsTable({ schedule }: { schedule: AttestationScheduleDto }) {
  return (
    <ScrollTable label={`Периоды: ${schedule.name}`} minWidth={480} head={['№', 'Период', 'Начало', 'Окончание', 'Учебных дней']}>
      {schedule.periods.map((p) => (
        <Table.Tr key={p.id}>
          <Table.Td>{p.number}</Table.Td>
          <Table.Td>{p.name}</Table.Td>
          <Table.Td>{ru(p.startsOn)}</Table.Td>
          <Table.Td>{ru(p.endsOn)}</Table.Td>
          <Table.Td>{p.schoolDays ?? '—'}</Table.Td>
        </Table.Tr>
      ))}
    </ScrollTable>
  );
}

function Schedules({ schoolId, year, canWrite }: { schoolId: string; year: number; canWrite: boolean }) {
  const list = useQuery(schedulesQuery(schoolId, year));
  const remove = useDeleteSchedule(schoolId);
  const [editing, setEditing] = useState<AttestationScheduleDto | 'new' | null>(null);
  return (
    <QueryView query={list} label="периоды аттестации">
      {(data) => {
        const terms = data.items.filter((s) => s.kind === 'terms');
        const custom = data.items.filter((s) => s.kind === 'custom');
        return (
          <Stack gap="lg">
            <Stack gap="sm" component="section" aria-label="Учебные периоды из календарного графика">
              <Title order={2} size="h3">Учебные периоды (по умолчанию)</Title>
              <Text size="sm" c="dimmed">
                Предметы аттестуются по четвертям (триместрам, полугодиям) своей параллели, если в учебном плане не выбран другой график.{' '}
                <Anchor component={Link} to="/year/calendar">Изменить в календарном графике</Anchor>
              </Text>
              {terms.length === 0 && <Alert color="yellow" variant="light">Календарный учебный график на этот год ещё не сохранён.</Alert>}
              {terms.map((s) => (
                <Stack key={s.id} gap={4}>
                  <Text fw={600}>{s.name}{s.usedBy > 0 && <Badge ml="xs" variant="light">в учебном плане: {s.usedBy}</Badge>}</Text>
                  <PeriodsTable schedule={s} />
                </Stack>
              ))}
            </Stack>

            <Stack gap="sm" component="section" aria-label="Собственные графики аттестации">
              <Group justify="space-between" align="flex-end">
                <Title order={2} size="h3">Собственные графики аттестации</Title>
                {canWrite && <Button onClick={() => setEditing('new')}>Новый график аттестации</Button>}
              </Group>
              <Text size="sm" c="dimmed">Например, «Полугодия» для предмета, который аттестуется дважды, или «Год» — для аттестации один раз. График выбирается в строке учебного плана.</Text>
              {remove.error && <Alert color="red" role="alert">{errorMessage(remove.error)}</Alert>}
              {custom.length === 0 && <Text c="dimmed" size="sm">Собственных графиков пока нет.</Text>}
              {custom.map((s) => (
                <Stack key={s.id} gap={4}>
                  <Group justify="space-between">
                    <Text fw={600}>
                      {s.name} <Text span c="dimmed" size="sm">({gradesText(s.grades)} кл.)</Text>
                      {s.usedBy > 0 && <Badge ml="xs" variant="light">в учебном плане: {s.usedBy}</Badge>}
                    </Text>
                    {canWrite && (
                      <Group gap="xs">
                        <Button size="xs" variant="default" onClick={() => setEditing(s)} aria-label={`Изменить график «${s.name}»`}>Изменить</Button>
                        <Button size="xs" variant="subtle" color="red" loading={remove.isPending && remove.variables === s.id}
                          onClick={() => remove.mutate(s.id)} aria-label={`Удалить график «${s.name}»`}>Удалить</Button>
                      </Group>
                    )}
                  </Group>
                  <PeriodsTable schedule={s} />
                </Stack>
              ))}
            </Stack>
            {editing && <ScheduleForm schoolId={schoolId} year={year} schedule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
          </Stack>
        );
      }}
    </QueryView>
  );
}

type PeriodRow = { name: string; startsOn: string; endsOn: string };

function ScheduleForm({ schoolId, year, schedule, onClose }: { schoolId: string; year: number; schedule: AttestationScheduleDto | null; onClose: () => void }) {
  const save = useSaveSchedule(schoolId);
  const calendar = useQuery(calendarQuery(schoolId, year));
  const [name, setName] = useState(schedule?.name ?? '');
  const [grades, setGrades] = useState(schedule ? gradesText(schedule.grades) : '');
  const [periods, setPeriods] = useState<PeriodRow[]>(schedule?.periods.map((p) => ({ name: p.name, startsOn: p.startsOn, endsOn: p.endsOn })) ?? [{ name: '', startsOn: '', endsOn: '' }]);
  const errors = fieldErrorsOf(save.error);
  const fields = ['name', 'grades', 'periods', ...periods.flatMap((_, i) => ['name', 'startsOn', 'endsOn'].map((f) => `periods.${i}.${f}`))];
  const gradeError = errors.grades ?? Object.entries(errors).find(([k]) => k.startsWith('grades.'))?.[1];
  const setPeriod = (i: number, patch: Partial<PeriodRow>) => setPeriods((ps) => ps.map((p, j) => (j === i ? { ...p, ...patch } : p)));

  // Quick starts from the saved calendar: its first scheme's halves, or the whole year.
  const record = calendar.data ?? null;
  const fillYear = () => record && setPeriods([{ name: 'Год', startsOn: record.calendar.startsOn, endsOn: record.calendar.endsOn }]);
  const half = record?.calendar.termSchemes.find((s) => s.kind === 'half');
  const fillHalves = () => half && setPeriods(half.terms.map((t) => ({ name: `${t.number} полугодие`, startsOn: t.startsOn, endsOn: t.endsOn })));

  const submit = () => {
    const input = { name, grades: parseGrades(grades), periods };
    save.mutate({ id: schedule?.id ?? null, input: schedule ? input : { academicYear: year, ...input } }, { onSuccess: onClose });
  };
  return (
    <FormModal opened onClose={onClose} title={schedule ? `Изменить график «${schedule.name}»` : 'Новый график аттестации'} onSubmit={submit}
      pending={save.isPending} error={formErrorOf(save.error, fields)}>
      <TextInput label="Название графика" placeholder="Полугодия" value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
      <TextInput label="Параллели графика" placeholder="например, 5–9" value={grades} onChange={(e) => setGrades(e.currentTarget.value)} error={gradeError} />
      {record && (
        <Group gap="xs">
          <Button size="xs" variant="light" onClick={fillYear}>Один период на год</Button>
          {half && <Button size="xs" variant="light" onClick={fillHalves}>Полугодия по календарному графику</Button>}
        </Group>
      )}
      {errors.periods && <Text c="red" size="sm" role="alert">{errors.periods}</Text>}
      {periods.map((p, i) => (
        <Group key={i} align="flex-start" gap="xs" wrap="wrap">
          <TextInput label={`Название периода ${i + 1}`} value={p.name} w={170} onChange={(e) => setPeriod(i, { name: e.currentTarget.value })} error={errors[`periods.${i}.name`]} />
          <TextInput type="date" label={`Начало периода ${i + 1}`} value={p.startsOn} w={170} onChange={(e) => setPeriod(i, { startsOn: e.currentTarget.value })} error={errors[`periods.${i}.startsOn`]} />
          <TextInput type="date" label={`Окончание периода ${i + 1}`} value={p.endsOn} w={170} onChange={(e) => setPeriod(i, { endsOn: e.currentTarget.value })} error={errors[`periods.${i}.endsOn`]} />
          {periods.length > 1 && (
            <Button variant="subtle" color="red" mt={25} onClick={() => setPeriods((ps) => ps.filter((_, j) => j !== i))}>Удалить период {i + 1}</Button>
          )}
        </Group>
      ))}
      <Button variant="light" w="fit-content" onClick={() => setPeriods((ps) => [...ps, { name: '', startsOn: '', endsOn: '' }])}>Добавить период</Button>
    </FormModal>
  );
}

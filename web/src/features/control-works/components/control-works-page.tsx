// «Контрольные работы»: the schedule of control works — a teacher's for what they teach (their
// classes' other works too, so a crowded day shows), the administration's for a chosen class —
// with the СанПиН warning of more than one work of a class on a day, and «Назначить работу»
// (prefilled from a work-programme topic marked as a control work, when there is one).
import { Alert, Anchor, Badge, Button, Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import type { ControlWorkListDto, ControlWorkSummaryDto } from '../../../../../contracts/control-works';
import { academicYearOfDate } from '../../../../../domain/school-year';
import { controlFormsQuery } from '../../control-forms/api/control-forms';
import { classesQuery } from '../../org/api/org';
import { FormModal, QueryView, ScrollTable, todayIso, useOrgAccess } from '../../org/components/org-ui';
import { fieldErrorsOf, formErrorOf } from '../../org/form-errors';
import { controlWorksQuery, plannedControlTopicsQuery, useCreateControlWork } from '../api/control-works';
import { bodyOfDraft, emptyTask, suggestedScale, WorkFields, type WorkDraft } from './work-form';

/** "2026-09-14" → "14.09.2026". */
export const ruDate = (date: string): string => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
export const controlWorkPath = (id: string): string => `/journal/control-works/${encodeURIComponent(id)}`;
export const unitName = (w: Pick<ControlWorkSummaryDto, 'class' | 'studyGroup'>): string => w.class?.name ?? w.studyGroup?.name ?? '';

export function ControlWorksPage() {
  const { schoolId, can } = useOrgAccess();
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>Контрольные работы</Title>
        <Anchor component={Link} to="/journal">Журнал</Anchor>
      </Group>
      {schoolId === null
        ? <Alert color="gray">Выберите школу.</Alert>
        : !can('journal', 'read')
          ? <Alert color="gray">График контрольных работ видят учителя и администрация школы.</Alert>
          : <Schedule schoolId={schoolId} wholeSchool={can('yearSetup', 'write')} />}
    </Stack>
  );
}

function Schedule({ schoolId, wholeSchool }: { schoolId: string; wholeSchool: boolean }) {
  const academicYear = academicYearOfDate(todayIso());
  const classes = useQuery({ ...classesQuery(schoolId, academicYear), enabled: wholeSchool });
  const [classId, setClassId] = useState<string | undefined>(undefined);
  const chosen = wholeSchool ? classId ?? classes.data?.items[0]?.id : undefined;
  const list = useQuery({ ...controlWorksQuery(schoolId, { academicYear, classId: chosen }), enabled: !wholeSchool || chosen !== undefined });
  const [creating, setCreating] = useState(false);
  return (
    <Stack gap="md">
      <Group align="flex-end" gap="sm" wrap="wrap">
        {wholeSchool && (
          <NativeSelect label="Класс" value={chosen ?? ''} onChange={(e) => setClassId(e.currentTarget.value)} miw={120}
            data={(classes.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} />
        )}
        {list.data?.canWrite && list.data.units.length > 0 && <Button onClick={() => setCreating(true)}>Назначить работу</Button>}
      </Group>
      {wholeSchool && chosen === undefined && !classes.isPending
        ? <Text c="dimmed">В этом учебном году нет классов.</Text>
        : <QueryView query={list} label="контрольные работы">{(data) => <WorksTable data={data} />}</QueryView>}
      {creating && list.data && (
        <CreateWork schoolId={schoolId} units={list.data.units} defaultClassId={chosen} onClose={() => setCreating(false)} />
      )}
    </Stack>
  );
}

function WorksTable({ data }: { data: ControlWorkListDto }) {
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  const warned = new Set(data.warnings.flatMap((w) => w.controlWorkIds));
  const link = (w: ControlWorkSummaryDto) => (
    <Anchor component={Link} to={controlWorkPath(w.id)}>{w.title}</Anchor>
  );
  const state = (w: ControlWorkSummaryDto) => (w.written > 0
    ? <Badge color="green" variant="light">Результаты: {w.written}</Badge>
    : <Badge color="gray" variant="light">Запланирована</Badge>);
  return (
    <Stack gap="sm">
      {data.warnings.map((w) => (
        <Alert key={`${w.classId}|${w.date}`} color="yellow" title="Больше одной контрольной в день">{w.message}</Alert>
      ))}
      {phone
        ? (
          <Stack gap="xs" aria-label="Контрольные работы">
            {data.items.length === 0 && <Text c="dimmed">Контрольных работ пока нет.</Text>}
            {data.items.map((w) => (
              <Paper key={w.id} withBorder p="sm">
                <Stack gap={4}>
                  <Group justify="space-between" gap="xs">
                    <Text fw={600}>{ruDate(w.plannedDate)} · {unitName(w)}</Text>
                    {state(w)}
                  </Group>
                  {link(w)}
                  <Text size="sm" c="dimmed">{w.subject.name} · {w.controlForm.name} · {w.tasks} зад., {w.maxPoints} б. · {w.teacher.name}</Text>
                  {warned.has(w.id) && <Text size="sm" c="yellow.8">Больше одной контрольной в этот день</Text>}
                </Stack>
              </Paper>
            ))}
          </Stack>
        )
        : (
          <ScrollTable label="Контрольные работы" minWidth={760} head={['Дата', 'Класс', 'Предмет', 'Работа', 'Форма', 'Заданий / баллов', 'Учитель', 'Состояние']}
            empty={data.items.length === 0 ? 'Контрольных работ пока нет' : null}>
            {data.items.map((w) => (
              <Table.Tr key={w.id} bg={warned.has(w.id) ? 'var(--mantine-color-yellow-light)' : undefined}>
                <Table.Td>{ruDate(w.plannedDate)}</Table.Td>
                <Table.Td>{unitName(w)}</Table.Td>
                <Table.Td>{w.subject.name}</Table.Td>
                <Table.Td>{link(w)}</Table.Td>
                <Table.Td>{w.controlForm.shortName || w.controlForm.name}</Table.Td>
                <Table.Td>{w.tasks} / {w.maxPoints}</Table.Td>
                <Table.Td>{w.teacher.name}</Table.Td>
                <Table.Td>{state(w)}</Table.Td>
              </Table.Tr>
            ))}
          </ScrollTable>
        )}
    </Stack>
  );
}

type Unit = ControlWorkListDto['units'][number];
const unitKey = (u: Unit) => `${u.subject.id}|${u.class?.id ?? ''}|${u.studyGroup?.id ?? ''}|${u.teacher.id}`;
const unitLabel = (u: Unit) => `${u.class?.name ?? u.studyGroup?.name} — ${u.subject.name} (${u.teacher.name})`;

function CreateWork({ schoolId, units, defaultClassId, onClose }: { schoolId: string; units: Unit[]; defaultClassId: string | undefined; onClose: () => void }) {
  const navigate = useNavigate();
  const first = units.find((u) => u.class?.id === defaultClassId) ?? units[0]!;
  const [key, setKey] = useState(unitKey(first));
  const unit = units.find((u) => unitKey(u) === key) ?? first;
  const forms = useQuery(controlFormsQuery(schoolId, false));
  const formOptions = (forms.data?.items ?? [])
    .filter((f) => !f.archived && f.markScale.kind === 'five' && (f.subject === null || f.subject.id === unit.subject.id))
    .map((f) => ({ value: f.id, label: `${f.name} (вес ${String(f.weight).replace('.', ',')})` }));
  const topics = useQuery(plannedControlTopicsQuery(schoolId, { subjectId: unit.subject.id, classId: unit.class?.id, studyGroupId: unit.studyGroup?.id }));
  const [topicId, setTopicId] = useState('');
  const tasks = [emptyTask(1), emptyTask(2), emptyTask(3)];
  const [draft, setDraft] = useState<WorkDraft>({ title: 'Контрольная работа', plannedDate: todayIso(), controlFormId: '', tasks, scale: suggestedScale(tasks) });
  const create = useCreateControlWork(schoolId);
  const controlFormId = draft.controlFormId || formOptions[0]?.value || '';

  const pickTopic = (id: string) => {
    setTopicId(id);
    const topic = topics.data?.items.find((t) => t.plannedTopicId === id);
    if (!topic) return;
    const codes = topic.contentElementCodes.join(', ');
    setDraft({ ...draft, title: topic.title, controlFormId: topic.controlForm.id, tasks: draft.tasks.map((t) => (t.codes === '' ? { ...t, codes } : t)) });
  };
  const submit = () => create.mutate({
    ...bodyOfDraft({ ...draft, controlFormId }),
    subjectId: unit.subject.id,
    ...(unit.class ? { classId: unit.class.id } : { studyGroupId: unit.studyGroup!.id }),
    employeeId: unit.teacher.id,
    ...(topicId ? { plannedTopicId: topicId } : {}),
  }, { onSuccess: (work) => { void navigate({ to: controlWorkPath(work.id) }); } });
  const errors = fieldErrorsOf(create.error);
  const free = (topics.data?.items ?? []).filter((t) => t.controlWorkId === null);
  return (
    <FormModal opened onClose={onClose} title="Назначить контрольную работу" onSubmit={submit} pending={create.isPending}
      error={formErrorOf(create.error, Object.keys(errors).filter((p) => p !== 'pointsScale' && p !== 'tasks'))} submitLabel="Назначить">
      <NativeSelect label="Класс (группа) и предмет" value={key} onChange={(e) => { setKey(e.currentTarget.value); setTopicId(''); }}
        data={units.map((u) => ({ value: unitKey(u), label: unitLabel(u) }))} error={errors.classId ?? errors.subjectId} />
      {free.length > 0 && (
        <NativeSelect label="Из рабочей программы" value={topicId} onChange={(e) => pickTopic(e.currentTarget.value)}
          data={[{ value: '', label: '— не из программы —' }, ...free.map((t) => ({ value: t.plannedTopicId, label: `${t.position}. ${t.title}` }))]} />
      )}
      <WorkFields draft={{ ...draft, controlFormId }} onChange={setDraft} errors={errors} forms={formOptions} locked={false} />
    </FormModal>
  );
}

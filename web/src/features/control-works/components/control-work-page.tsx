// One control work: what it is (class, subject, form, date, the СанПиН warning), «Изменить» the
// tasks and the scale (only labels and КЭС codes once results exist), «Удалить» while it has none,
// the results grid and the element-wise analysis as tables with bars.
import { Alert, Anchor, Badge, Button, Group, Paper, Progress, SimpleGrid, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import type { ControlWorkAnalysisDto, ControlWorkDto } from '../../../../../contracts/control-works';
import { errorMessage } from '../../../lib/api';
import { controlFormsQuery } from '../../control-forms/api/control-forms';
import { FormModal, QueryView, useOrgAccess } from '../../org/components/org-ui';
import { fieldErrorsOf, formErrorOf } from '../../org/form-errors';
import { controlWorkAnalysisQuery, controlWorkQuery, controlWorkResultsQuery, useDeleteControlWork, useUpdateControlWork } from '../api/control-works';
import { ruDate, unitName } from './control-works-page';
import { ResultsGrid } from './results-grid';
import { bodyOfDraft, taskDraftsOf, WorkFields, type WorkDraft } from './work-form';

const markColors = { 5: 'green', 4: 'teal', 3: 'yellow', 2: 'red' } as const;
const percent = (share: number | null): string => (share === null ? '—' : `${Math.round(share * 100)} %`);
const decimal = (x: number | null, digits = 2): string => (x === null ? '—' : String(Math.round(x * 10 ** digits) / 10 ** digits).replace('.', ','));

export function ControlWorkPage({ controlWorkId }: { controlWorkId: string }) {
  const { schoolId, can } = useOrgAccess();
  if (schoolId === null) return <Alert color="gray">Выберите школу.</Alert>;
  return <Work schoolId={schoolId} workId={controlWorkId} administration={can('yearSetup', 'write')} />;
}

function Work({ schoolId, workId, administration }: { schoolId: string; workId: string; administration: boolean }) {
  const work = useQuery(controlWorkQuery(schoolId, workId));
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/journal/control-works">← Контрольные работы</Anchor>
      <QueryView query={work} label="контрольная работа">{(w) => <WorkView schoolId={schoolId} work={w} administration={administration} />}</QueryView>
    </Stack>
  );
}

function WorkView({ schoolId, work, administration }: { schoolId: string; work: ControlWorkDto; administration: boolean }) {
  const [editing, setEditing] = useState(false);
  const [tab, setTab] = useState<string | null>('results');
  const remove = useDeleteControlWork(schoolId);
  const navigate = useNavigate();
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={1}>{work.title}</Title>
        <Text>
          {unitName(work)} · {work.subject.name} · {ruDate(work.plannedDate)} · {work.controlForm.name} (вес {String(work.controlForm.weight).replace('.', ',')}) · {work.teacher.name}
        </Text>
        <Group gap="xs">
          <Badge variant="light">{work.tasks} зад., {work.maxPoints} б.</Badge>
          {work.pointsScale.map((r) => <Badge key={r.mark} variant="outline" color="gray">«{r.mark}» от {String(r.from).replace('.', ',')}</Badge>)}
        </Group>
      </Stack>
      {work.warnings.map((w) => <Alert key={w.date} color="yellow" title="Больше одной контрольной в день">{w.message}</Alert>)}
      {work.canWrite && (
        <Group gap="xs">
          <Button variant="default" onClick={() => setEditing(true)}>Изменить</Button>
          {work.written === 0 && (
            <Button variant="default" color="red" loading={remove.isPending}
              onClick={() => {
                if (window.confirm(`Удалить «${work.title}»?`)) {
                  remove.mutate({ workId: work.id, version: work.version }, { onSuccess: () => { void navigate({ to: '/journal/control-works' }); } });
                }
              }}>
              Удалить
            </Button>
          )}
        </Group>
      )}
      {remove.isError && <Alert color="red" role="alert">{errorMessage(remove.error)}</Alert>}
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="results">Результаты</Tabs.Tab>
          <Tabs.Tab value="analysis">Поэлементный анализ</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="results" pt="sm"><Results schoolId={schoolId} work={work} administration={administration} /></Tabs.Panel>
        <Tabs.Panel value="analysis" pt="sm"><Analysis schoolId={schoolId} workId={work.id} /></Tabs.Panel>
      </Tabs>
      {editing && <EditWork schoolId={schoolId} work={work} onClose={() => setEditing(false)} />}
    </Stack>
  );
}

function Results({ schoolId, work, administration }: { schoolId: string; work: ControlWorkDto; administration: boolean }) {
  const results = useQuery(controlWorkResultsQuery(schoolId, work.id));
  return (
    <QueryView query={results} label="результаты">
      {(data) => <ResultsGrid schoolId={schoolId} data={data} canWrite={work.canWrite || administration} needsReason={administration} />}
    </QueryView>
  );
}

/** A share as a bar: green from 75 %, yellow from 50 %, red below (or the colour given). */
function Bar({ share, label, color }: { share: number | null; label: string; color?: string }) {
  return (
    <Group gap="xs" wrap="nowrap" miw={160}>
      <Progress value={share === null ? 0 : share * 100} w={110} size="lg" aria-label={label}
        color={color ?? (share === null ? 'gray' : share >= 0.75 ? 'green' : share >= 0.5 ? 'yellow' : 'red')} />
      <Text size="sm" w={48} ta="right">{percent(share)}</Text>
    </Group>
  );
}

function Analysis({ schoolId, workId }: { schoolId: string; workId: string }) {
  const analysis = useQuery(controlWorkAnalysisQuery(schoolId, workId));
  return <QueryView query={analysis} label="анализ">{(a) => <AnalysisView a={a} />}</QueryView>;
}

function AnalysisView({ a }: { a: ControlWorkAnalysisDto }) {
  if (a.written === 0) return <Text c="dimmed">Результатов ещё нет: анализ появится после сохранения таблицы.</Text>;
  const labels = new Map(a.tasks.map((t) => [t.taskId, t.label]));
  const marks = [5, 4, 3, 2] as const;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Paper withBorder p="xs"><Text size="xs" c="dimmed">Писали</Text><Text fw={600}>{a.written} из {a.written + a.absent}</Text></Paper>
        <Paper withBorder p="xs"><Text size="xs" c="dimmed">Средняя отметка</Text><Text fw={600}>{decimal(a.averageMark)}</Text></Paper>
        <Paper withBorder p="xs"><Text size="xs" c="dimmed">Успеваемость</Text><Text fw={600}>{percent(a.successShare)}</Text></Paper>
        <Paper withBorder p="xs"><Text size="xs" c="dimmed">Качество</Text><Text fw={600}>{percent(a.qualityShare)}</Text></Paper>
      </SimpleGrid>

      <section aria-labelledby="marks-title">
        <Title order={2} size="h4" id="marks-title">Отметки</Title>
        <Table aria-labelledby="marks-title" maw={420}>
          <Table.Tbody>
            {marks.map((m) => (
              <Table.Tr key={m}>
                <Table.Th scope="row" w={40}>«{m}»</Table.Th>
                <Table.Td w={40}>{a.marks[m]}</Table.Td>
                <Table.Td><Bar share={a.written === 0 ? null : a.marks[m] / a.written} label={`Доля отметок «${m}»`} color={markColors[m]} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </section>

      <section aria-labelledby="tasks-title">
        <Title order={2} size="h4" id="tasks-title">По заданиям</Title>
        <div style={{ overflowX: 'auto' }}>
          <Table miw={480} aria-labelledby="tasks-title">
            <Table.Thead>
              <Table.Tr><Table.Th scope="col">Задание</Table.Th><Table.Th scope="col">Макс.</Table.Th><Table.Th scope="col">Средний балл</Table.Th><Table.Th scope="col">Освоили</Table.Th><Table.Th scope="col">Доля</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {a.tasks.map((t) => (
                <Table.Tr key={t.taskId}>
                  <Table.Th scope="row">{t.label}</Table.Th>
                  <Table.Td>{t.maxPoints}</Table.Td>
                  <Table.Td>{decimal(t.averagePoints)}</Table.Td>
                  <Table.Td>{t.mastered}</Table.Td>
                  <Table.Td><Bar share={t.share} label={`Задание ${t.label}: доля освоивших`} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      </section>

      <section aria-labelledby="elements-title">
        <Title order={2} size="h4" id="elements-title">По элементам содержания (КЭС)</Title>
        {a.elements.length === 0
          ? <Text c="dimmed">У заданий нет кодов КЭС.</Text>
          : (
            <div style={{ overflowX: 'auto' }}>
              <Table miw={520} aria-labelledby="elements-title">
                <Table.Thead>
                  <Table.Tr><Table.Th scope="col">КЭС</Table.Th><Table.Th scope="col">Задания</Table.Th><Table.Th scope="col">Освоено</Table.Th><Table.Th scope="col">Набрано баллов</Table.Th></Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {a.elements.map((e) => (
                    <Table.Tr key={e.code}>
                      <Table.Th scope="row">{e.code}</Table.Th>
                      <Table.Td>{e.taskIds.map((id) => labels.get(id) ?? '?').join(', ')}</Table.Td>
                      <Table.Td><Bar share={e.share} label={`КЭС ${e.code}: освоено`} /></Table.Td>
                      <Table.Td>{percent(e.pointsShare)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
          )}
      </section>
      <Text size="xs" c="dimmed">
        Задание освоено, если набрано не меньше {Math.round(a.mastery.share * 100)} % его баллов{a.mastery.fullForOnePoint ? ' (задание на 1 балл — полный балл)' : ''}.
        Элемент КЭС: доля баллов его заданий, набранных в освоенных заданиях. Не писавшие не учитываются.
      </Text>
    </Stack>
  );
}

function EditWork({ schoolId, work, onClose }: { schoolId: string; work: ControlWorkDto; onClose: () => void }) {
  const locked = work.written > 0;
  const [draft, setDraft] = useState<WorkDraft>({
    title: work.title, plannedDate: work.plannedDate, controlFormId: work.controlForm.id, tasks: taskDraftsOf(work.tasksList),
    scale: work.pointsScale.slice(0, 3).map((r) => r.from),
  });
  const forms = useQuery(controlFormsQuery(schoolId, false));
  const formOptions = (forms.data?.items ?? [])
    .filter((f) => (!f.archived && f.markScale.kind === 'five' && (f.subject === null || f.subject.id === work.subject.id)) || f.id === work.controlForm.id)
    .map((f) => ({ value: f.id, label: f.name }));
  const update = useUpdateControlWork(schoolId);
  const errors = fieldErrorsOf(update.error);
  const submit = () => {
    const body = bodyOfDraft(draft);
    update.mutate({
      workId: work.id, version: work.version,
      body: locked ? { title: body.title, plannedDate: body.plannedDate, tasks: body.tasks } : body,
    }, { onSuccess: onClose });
  };
  return (
    <FormModal opened onClose={onClose} title="Изменить контрольную работу" onSubmit={submit} pending={update.isPending}
      error={formErrorOf(update.error, Object.keys(errors).filter((p) => p !== 'pointsScale' && p !== 'tasks'))}>
      {locked && <Alert color="gray">Результаты уже внесены: меняются название, номера заданий и коды КЭС{work.journalLesson ? ' (дата — дата урока, на котором писали работу)' : ''}.</Alert>}
      <WorkFields draft={draft} onChange={setDraft} errors={errors} forms={formOptions} locked={locked} dateLocked={work.journalLesson !== null} />
    </FormModal>
  );
}

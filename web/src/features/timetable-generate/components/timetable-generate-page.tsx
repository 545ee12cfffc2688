// «Формирование расписания»: the administration starts the solver for the whole school or chosen
// grades (the other grades and the locked lessons of the base version stay where they are), watches
// it work — lessons placed, hard violations, the penalty, the time — and may stop it; the result is
// a draft version to open; an impossible problem shows its diagnosis; below is the history of runs.
import {
  Alert, Anchor, Badge, Button, Checkbox, Group, List, NativeSelect, NumberInput, Paper, Progress, Radio, SimpleGrid, Stack, Table, Text, Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useState, type MouseEvent } from 'react';
import {
  defaultRunSeconds, maxRunSeconds, minRunSeconds, type StartTimetableRunBody, type TimetableRunDto, type TimetableRunStatus,
} from '../../../../../contracts/timetable-runs';
import { errorMessage } from '../../../lib/api';
import { classesQuery } from '../../org/api/org';
import { QueryView, ScrollTable, useOrgAccess } from '../../org/components/org-ui';
import { fieldErrorsOf, formErrorOf } from '../../org/form-errors';
import { isActiveRun, runQuery, runsKey, runsQuery, useCancelRun, useStartRun, versionsQuery } from '../api/runs';

const statusTitles: Record<TimetableRunStatus, string> = {
  queued: 'В очереди',
  running: 'Идёт расчёт',
  solved: 'Готово',
  timeLimit: 'Время вышло',
  failed: 'Не удалось',
  cancelled: 'Остановлен',
};
const statusColors: Record<TimetableRunStatus, string> = {
  queued: 'gray', running: 'blue', solved: 'green', timeLimit: 'orange', failed: 'red', cancelled: 'gray',
};
const phaseTitles = { construct: 'расстановка уроков', repair: 'устранение накладок', improve: 'улучшение расписания' } as const;

const number = (x: number): string => x.toLocaleString('ru-RU', { maximumFractionDigits: 2 });
/** 75 000 ms → «1:15». */
const duration = (ms: number): string => {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};
const dateTime = (iso: string): string =>
  new Date(iso).toLocaleString('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const scopeOf = (run: TimetableRunDto): string =>
  run.grades === null ? 'Вся школа' : `${run.grades.length === 1 ? 'Параллель' : 'Параллели'} ${run.grades.join(', ')}`;
/** Where the draft opens: the timetable page with the version chosen. */
const draftHref = (timetableId: string): string => `/timetable?version=${encodeURIComponent(timetableId)}`;

export function TimetableGeneratePage() {
  const { schoolId, can } = useOrgAccess();
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="xs">
        <Title order={1}>Формирование расписания</Title>
        <Anchor component={Link} to="/timetable">К расписанию</Anchor>
      </Group>
      {schoolId === null
        ? <Alert color="gray">Выберите школу, чтобы составить её расписание.</Alert>
        : !can('timetable', 'write')
          ? <Alert color="gray">Составлять расписание может администрация школы.</Alert>
          : (
            <>
              <StartForm schoolId={schoolId} onStarted={setSelected} />
              <CurrentRun schoolId={schoolId} selected={selected} />
              <History schoolId={schoolId} selected={selected} onSelect={setSelected} />
            </>
          )}
    </Stack>
  );
}

function StartForm({ schoolId, onStarted }: { schoolId: string; onStarted: (runId: string) => void }) {
  const classes = useQuery(classesQuery(schoolId));
  const versions = useQuery(versionsQuery(schoolId));
  const start = useStartRun(schoolId);
  const [scope, setScope] = useState<'school' | 'grades'>('school');
  const [grades, setGrades] = useState<string[]>([]);
  const [baseId, setBaseId] = useState('');
  const [seconds, setSeconds] = useState<number | string>(defaultRunSeconds);
  const errors = fieldErrorsOf(start.error);
  const formError = formErrorOf(start.error, ['grades', 'timeLimitSeconds', 'baseTimetableId']);
  const gradeError = errors.grades ?? Object.entries(errors).find(([path]) => path.startsWith('grades.'))?.[1];

  const byGrade = new Map<number, string[]>();
  for (const c of classes.data?.items ?? []) byGrade.set(c.grade, [...(byGrade.get(c.grade) ?? []), c.name]);
  const gradeList = [...byGrade.keys()].sort((a, b) => a - b);
  const versionItems = (versions.data?.items ?? []).filter((v) => v.status !== 'archived');
  const hasBase = versionItems.length > 0;

  const submit = () => {
    const body: StartTimetableRunBody = {
      timeLimitSeconds: typeof seconds === 'number' ? seconds : Number(seconds),
      ...(scope === 'grades' ? { grades: grades.map(Number) } : {}),
      ...(baseId !== '' ? { baseTimetableId: baseId } : {}),
    };
    start.mutate(body, { onSuccess: (run) => onStarted(run.id) });
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="run-start-title">
      <form noValidate aria-label="Новый расчёт" onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <Stack gap="sm">
          <Title order={2} size="h3" id="run-start-title">Новый расчёт</Title>
          <Text size="sm" c="dimmed">
            Расписание составляется по учебной нагрузке, звонкам, кабинетам и правилам СанПиН. Результат — новый черновик:
            действующее расписание не меняется, пока черновик не введут в действие.
          </Text>
          {formError && <Alert color="red" role="alert">{formError}</Alert>}
          <Radio.Group label="Что составить" value={scope} onChange={(v) => setScope(v === 'grades' ? 'grades' : 'school')}>
            <Group gap="lg" mt={4}>
              <Radio value="school" label="Всю школу" />
              <Radio value="grades" label="Выбранные параллели" disabled={!hasBase && !versions.isPending}
                description={!hasBase && !versions.isPending ? 'Сначала составьте расписание всей школы' : undefined} />
            </Group>
          </Radio.Group>
          {scope === 'grades' && (
            <Checkbox.Group label="Параллели" description="Остальные параллели останутся как в основе" value={grades} onChange={setGrades} error={gradeError}>
              <SimpleGrid cols={{ base: 2, sm: 4, md: 6 }} mt={4} spacing="xs">
                {gradeList.map((g) => (
                  <Checkbox key={g} value={String(g)} label={`${g} параллель`} description={byGrade.get(g)!.join(', ')} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NativeSelect
              label="Основа"
              description="Закреплённые уроки основы остаются на своих местах"
              value={baseId}
              onChange={(e) => setBaseId(e.currentTarget.value)}
              error={errors.baseTimetableId}
              data={[
                { value: '', label: hasBase ? 'Действующая (или последняя) версия' : 'Нет — расписания ещё нет' },
                ...versionItems.map((v) => ({ value: v.id, label: `${v.name}${v.inForce ? ' (действует)' : v.status === 'draft' ? ' (черновик)' : ''}` })),
              ]}
            />
            <NumberInput
              label="Время расчёта, секунд"
              description={`От ${minRunSeconds} до ${maxRunSeconds}; расчёт закончится раньше, если расписание найдено`}
              min={minRunSeconds} max={maxRunSeconds} step={10} allowDecimal={false}
              value={seconds} onChange={setSeconds} error={errors.timeLimitSeconds}
            />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={start.isPending} disabled={scope === 'grades' && grades.length === 0}>Сформировать</Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** The run chosen in the history, or the latest one. */
function CurrentRun({ schoolId, selected }: { schoolId: string; selected: string | null }) {
  const list = useQuery(runsQuery(schoolId));
  const runId = selected ?? list.data?.items[0]?.id ?? null;
  if (runId === null) return null;
  return <RunView key={runId} schoolId={schoolId} runId={runId} />;
}

function RunView({ schoolId, runId }: { schoolId: string; runId: string }) {
  const run = useQuery(runQuery(schoolId, runId));
  const cancel = useCancelRun(schoolId);
  const queryClient = useQueryClient();
  const status = run.data?.status;
  // The history shows the end of a run as soon as the polling sees it.
  useEffect(() => {
    if (status && !isActiveRun({ status })) void queryClient.invalidateQueries({ queryKey: [...runsKey(schoolId), 'list'] });
  }, [status, schoolId, queryClient]);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="run-progress-title">
      <QueryView query={run} label="расчёт">
        {(r) => <RunDetails run={r} cancelling={cancel.isPending} cancelError={cancel.error} onCancel={() => cancel.mutate(r.id)} />}
      </QueryView>
    </Paper>
  );
}

function RunDetails({ run, cancelling, cancelError, onCancel }: {
  run: TimetableRunDto; cancelling: boolean; cancelError: unknown; onCancel: () => void;
}) {
  const navigate = useNavigate();
  const p = run.progress;
  const active = isActiveRun(run);
  const openDraft = (e: MouseEvent<HTMLAnchorElement>, id: string) => {
    e.preventDefault();
    void navigate({ href: draftHref(id) });
  };
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="center" gap="xs">
        <Title order={2} size="h3" id="run-progress-title">Ход расчёта</Title>
        <Badge color={statusColors[run.status]} size="lg" variant="light">{statusTitles[run.status]}</Badge>
      </Group>
      <Text size="sm" c="dimmed">
        {scopeOf(run)} · запущен {dateTime(run.createdAt)}{run.requestedBy ? ` · ${run.requestedBy}` : ''} · не дольше {duration(run.timeLimitSeconds * 1000)}
      </Text>
      <div role="status" aria-live="polite">
        {run.status === 'queued' && <Text>Расчёт ждёт своей очереди…</Text>}
        {p && (
          <Stack gap={6}>
            {active && <Text>Сейчас: {phaseTitles[p.phase]}</Text>}
            <Progress value={p.total > 0 ? (100 * p.placed) / p.total : 0} aria-label="Размещено уроков" size="lg" animated={active} />
            <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
              <Figure label="Размещено уроков" value={`${p.placed} из ${p.total}`} />
              <Figure label="Нарушений обязательных правил" value={number(p.hard)} danger={p.hard > 0} />
              <Figure label="Штраф за пожелания" value={number(p.softPenalty)} />
              <Figure label="Прошло" value={`${duration(p.elapsedMs)} из ${duration(run.timeLimitSeconds * 1000)}`} />
            </SimpleGrid>
          </Stack>
        )}
      </div>
      {active && (
        <Group>
          <Button color="red" variant="light" onClick={onCancel} loading={cancelling}>Остановить</Button>
        </Group>
      )}
      {cancelError ? <Alert color="red" role="alert">{errorMessage(cancelError)}</Alert> : null}
      {run.result && (
        <Alert color={run.result.hard === 0 ? 'green' : 'orange'} title={run.result.hard === 0 ? 'Расписание составлено' : 'Время вышло: остались нарушения'}>
          <Stack gap={4}>
            <Text size="sm">
              Черновик «{run.result.name}»: {run.result.hard === 0 ? 'обязательные правила соблюдены' : `нарушений обязательных правил — ${number(run.result.hard)}`},
              штраф за пожелания — {number(run.result.softPenalty)}.
              {run.result.hard > 0 && ' Дайте расчёту больше времени или исправьте уроки вручную.'}
            </Text>
            <Anchor href={draftHref(run.result.timetableId)} onClick={(e) => openDraft(e, run.result!.timetableId)} fw={600}>Открыть черновик</Anchor>
          </Stack>
        </Alert>
      )}
      {run.status === 'cancelled' && <Alert color="gray">Расчёт остановлен, черновик не сохранён.</Alert>}
      {run.status === 'failed' && (
        <Alert color="red" title="Расписание не составлено" role="alert">
          <Stack gap={4}>
            {run.error && <Text size="sm">{run.error}</Text>}
            {run.diagnosis && run.diagnosis.length > 0 && (
              <List size="sm" spacing={2} aria-label="Диагностика">
                {run.diagnosis.map((d, i) => <List.Item key={i}>{d.message}</List.Item>)}
              </List>
            )}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}

function Figure({ label, value, danger = false }: { label: string; value: string; danger?: boolean }) {
  return (
    <div>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text fw={600} c={danger ? 'red' : undefined}>{value}</Text>
    </div>
  );
}

function History({ schoolId, selected, onSelect }: { schoolId: string; selected: string | null; onSelect: (id: string) => void }) {
  const list = useQuery(runsQuery(schoolId));
  return (
    <Stack gap="sm" component="section" aria-labelledby="runs-history-title">
      <Title order={2} size="h3" id="runs-history-title">История расчётов</Title>
      <QueryView query={list} label="история расчётов">
        {(data) => (
          <ScrollTable label="История расчётов" minWidth={640} head={['Запущен', 'Что', 'Статус', 'Результат', '']}
            empty={data.total === 0 ? 'Расчётов в этом учебном году ещё не было' : null}>
            {data.items.map((r) => {
              const current = selected === r.id || (selected === null && data.items[0]?.id === r.id);
              return (
                <Table.Tr key={r.id} aria-current={current ? 'true' : undefined}>
                  <Table.Td>
                    <Text size="sm">{dateTime(r.createdAt)}</Text>
                    {r.requestedBy && <Text size="xs" c="dimmed">{r.requestedBy}</Text>}
                  </Table.Td>
                  <Table.Td>{scopeOf(r)}</Table.Td>
                  <Table.Td><Badge color={statusColors[r.status]} variant="light">{statusTitles[r.status]}</Badge></Table.Td>
                  <Table.Td>
                    {r.result
                      ? <Anchor href={draftHref(r.result.timetableId)} size="sm">{r.result.name}</Anchor>
                      : <Text size="sm" c="dimmed">—</Text>}
                  </Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="subtle" onClick={() => onSelect(r.id)} disabled={current}
                      aria-label={`Показать расчёт от ${dateTime(r.createdAt)}`}>Показать</Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </ScrollTable>
        )}
      </QueryView>
    </Stack>
  );
}

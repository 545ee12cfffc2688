// «Учебный план»: one curriculum's lines (subject, part, hours per week or per term, attestation
// schedule and form, split into groups), the totals per term against the СанПиН maximum checked as
// you type (the server checks again on «Сохранить»), the sample it came from with the comparison
// and taking its changes over; the name and the week length.
import {
  Alert, Anchor, Button, Checkbox, Group, List, NativeSelect, NumberInput, Select, Stack, Table, Text, TextInput, Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { curriculumIssues, curriculumPartTitles, type CurriculumPart, type WeekDays } from '../../../../../domain/curriculum';
import type { CurriculumDto, CurriculumLineInput, LinesDiffDto } from '../../../../../contracts/curricula';
import { errorMessage } from '../../../lib/api';
import { QueryView, ScrollTable, useOrgAccess } from '../../org/components/org-ui';
import { fieldErrorsOf } from '../../org/form-errors';
import { academicYearTitle } from '../../org/format';
import { YearNav } from '../../year/year-nav';
import {
  attestationSchedulesQuery, curriculumQuery, curriculumSubjectsQuery, sampleDiffQuery, useDeleteCurriculum, useReplaceLines,
  useTakeSample, useUpdateCurriculum,
} from '../api/curricula';
import { hoursText } from '../format';

export function CurriculumPage() {
  const { curriculumId } = useParams({ strict: false }) as { curriculumId?: string };
  const { schoolId, can } = useOrgAccess();
  const query = useQuery({ ...curriculumQuery(schoolId ?? '', curriculumId ?? ''), enabled: !!schoolId && !!curriculumId });
  if (!schoolId || !curriculumId) return <Alert color="yellow">Школа не выбрана</Alert>;
  const canWrite = can('yearSetup', 'write');
  return (
    <Stack gap="md">
      <Title order={1}>{query.data?.name ?? 'Учебный план'}</Title>
      <YearNav />
      <Anchor component={Link} to="/year/curricula">← Все учебные планы</Anchor>
      <QueryView query={query} label="учебный план">
        {(c) => (
          <Stack gap="md">
            <Text>
              {academicYearTitle(c.academicYear)} учебный год · {c.kind === 'main' ? 'учебный план' : 'план внеурочной деятельности'} ·{' '}
              {c.student ? `ИУП: ${c.student.name}, ${c.grade} класс` : c.class ? `класс ${c.class.name}` : `${c.grade} класс (вся параллель)`}
            </Text>
            {canWrite && <Settings key={`s-${query.dataUpdatedAt}`} schoolId={schoolId} c={c} />}
            <SampleOrigin schoolId={schoolId} c={c} canWrite={canWrite} />
            <LinesEditor key={`l-${query.dataUpdatedAt}`} schoolId={schoolId} c={c} canWrite={canWrite} />
          </Stack>
        )}
      </QueryView>
    </Stack>
  );
}

function Settings({ schoolId, c }: { schoolId: string; c: CurriculumDto }) {
  const update = useUpdateCurriculum(schoolId, c.id);
  const remove = useDeleteCurriculum(schoolId);
  const navigate = useNavigate();
  const [name, setName] = useState(c.name);
  const [weekDays, setWeekDays] = useState(String(c.weekDays));
  const errors = fieldErrorsOf(update.error);
  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput label="Название" value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors['name']} miw={260} style={{ flexGrow: 1 }} maw={480} />
        <NativeSelect label="Учебная неделя" value={weekDays} onChange={(e) => setWeekDays(e.currentTarget.value)} error={errors['weekDays']}
          data={[{ value: '5', label: '5 дней' }, { value: '6', label: '6 дней' }]} />
        <Button variant="default" loading={update.isPending} onClick={() => update.mutate({ name, weekDays: Number(weekDays) === 6 ? 6 : 5 })}>
          Сохранить название и неделю
        </Button>
        <Button color="red" variant="subtle" loading={remove.isPending}
          onClick={() => { if (window.confirm(`Удалить «${c.name}»?`)) remove.mutate(c.id, { onSuccess: () => void navigate({ to: '/year/curricula' }) }); }}>
          Удалить план
        </Button>
      </Group>
      {update.isError && !errors['name'] && !errors['weekDays'] && <Alert color="red" role="alert">{errorMessage(update.error)}</Alert>}
      {remove.isError && <Alert color="red" role="alert">{errorMessage(remove.error)}</Alert>}
    </Stack>
  );
}

function DiffList({ title, diff }: { title: string; diff: LinesDiffDto }) {
  const empty = diff.added.length + diff.removed.length + diff.changed.length === 0;
  return (
    <Stack gap={4}>
      <Text fw={600}>{title}</Text>
      {empty ? <Text size="sm" c="dimmed">Различий нет</Text> : (
        <List size="sm">
          {diff.added.map((l) => <List.Item key={`a-${l.key}`}>Добавлен: {l.subject}, {hoursText(l.hoursPerWeek)} ч</List.Item>)}
          {diff.removed.map((l) => <List.Item key={`r-${l.key}`}>Убран: {l.subject}</List.Item>)}
          {diff.changed.map((l) => <List.Item key={`c-${l.key}`}>{l.subject}: {hoursText(l.fromHours)} → {hoursText(l.toHours)} ч{l.fromPart !== l.toPart ? ` (${curriculumPartTitles[l.toPart]})` : ''}</List.Item>)}
        </List>
      )}
    </Stack>
  );
}

function SampleOrigin({ schoolId, c, canWrite }: { schoolId: string; c: CurriculumDto; canWrite: boolean }) {
  const [comparing, setComparing] = useState(false);
  const diff = useQuery({ ...sampleDiffQuery(schoolId, c.id), enabled: comparing && c.sample !== null });
  const take = useTakeSample(schoolId, c.id);
  if (!c.sample) return <Text size="sm" c="dimmed">Создан без образца{c.copiedFromId ? ' (копия другого плана)' : ''}.</Text>;
  const newer = c.sample.latestVersion > c.sample.version;
  return (
    <Stack gap="xs" p="sm" style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-sm)' }}>
      <Text>
        Образец: «{c.sample.sampleName}», версия {c.sample.version}
        {newer ? ` — вышла версия ${c.sample.latestVersion}` : ' (последняя)'}
      </Text>
      <Group gap="xs">
        <Button variant="default" onClick={() => setComparing((v) => !v)} aria-expanded={comparing}>Сравнить с образцом</Button>
        {canWrite && (
          <Button variant="light" loading={take.isPending}
            onClick={() => { if (window.confirm('Заменить строки плана строками последней версии образца?')) take.mutate(c.sample!.latestVersion); }}>
            Принять изменения
          </Button>
        )}
      </Group>
      {take.isError && <Alert color="red" role="alert">{errorMessage(take.error)}</Alert>}
      {comparing && (
        <QueryView query={diff} label="сравнение с образцом">
          {(d) => (
            <Stack gap="xs">
              <DiffList title={`Изменения образца с версии ${d.sample.version} до ${d.sample.latestVersion}`} diff={d.sinceVersion} />
              <DiffList title="Что изменится в плане при принятии последней версии" diff={d.againstCurrent} />
            </Stack>
          )}
        </QueryView>
      )}
    </Stack>
  );
}

type Row = {
  key: string; subjectId: string; part: CurriculumPart; hours: number | string; byTerm: boolean; termHours: (number | string)[];
  scheduleId: string; form: string; split: boolean;
};

const num = (v: number | string): number => (typeof v === 'number' ? v : v.trim() === '' ? 0 : Number(v.replace(',', '.')));
let rowCounter = 0;
const newKey = () => `row-${++rowCounter}`;

function LinesEditor({ schoolId, c, canWrite }: { schoolId: string; c: CurriculumDto; canWrite: boolean }) {
  const subjects = useQuery(curriculumSubjectsQuery(schoolId));
  const schedules = useQuery(attestationSchedulesQuery(schoolId, c.academicYear));
  const save = useReplaceLines(schoolId, c.id);
  const terms = c.termsCount ?? Math.max(1, ...c.lines.map((l) => l.hoursByTerm?.length ?? 0));
  const [rows, setRows] = useState<Row[]>(() => c.lines.map((l) => ({
    key: newKey(), subjectId: l.subject.id, part: l.part, hours: l.hoursPerWeek, byTerm: l.hoursByTerm !== null,
    termHours: l.hoursByTerm ?? Array.from({ length: terms }, () => l.hoursPerWeek), scheduleId: l.attestationScheduleId ?? '',
    form: l.attestationForm ?? '', split: l.splitIntoGroups,
  })));
  const errors = fieldErrorsOf(save.error);
  const kinds = c.kind === 'main' ? ['subject', 'optionalCourse'] : ['extracurricular'];
  const subjectOptions = (subjects.data?.items ?? [])
    .filter((s) => kinds.includes(s.kind) && (!s.archived || rows.some((r) => r.subjectId === s.id)))
    .map((s) => ({ value: s.id, label: s.name }));
  const nameOf = (id: string) => subjects.data?.items.find((s) => s.id === id)?.name ?? c.lines.find((l) => l.subject.id === id)?.subject.name ?? '';
  const scheduleOptions = [{ value: '', label: 'По учебным периодам' },
    ...(schedules.data ?? []).filter((s) => s.kind === 'custom' && s.grades.includes(c.grade)).map((s) => ({ value: s.id, label: s.name }))];

  const toLines = (): CurriculumLineInput[] => rows.filter((r) => r.subjectId !== '').map((r) => ({
    subjectId: r.subjectId, part: r.part, hoursPerWeek: num(r.hours),
    hoursByTerm: r.byTerm ? r.termHours.slice(0, terms).map(num) : null,
    attestationScheduleId: r.scheduleId || null, attestationForm: r.form.trim() || null, splitIntoGroups: r.split,
  }));
  const live = useMemo(() => curriculumIssues({
    grade: c.grade, weekDays: c.weekDays as WeekDays, kind: c.kind, termsCount: c.termsCount,
    lines: toLines().map((l) => ({ subjectName: nameOf(l.subjectId), part: l.part ?? 'mandatory', hoursPerWeek: l.hoursPerWeek, hoursByTerm: l.hoursByTerm ?? null })),
  // eslint-disable-next-line react-hooks/exhaustive-deps
  }), [rows, subjects.data, c]);

  const patch = (key: string, change: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const termTitle = (t: number) => (terms > 1 ? `${t + 1} период` : 'Год');

  return (
    <Stack gap="sm">
      <Title order={2} size="h3">Строки плана</Title>
      <ScrollTable
        label="Строки учебного плана"
        minWidth={1040}
        head={['Предмет', 'Часть', 'Часов в неделю', 'По периодам', 'Аттестация', 'Форма аттестации', 'Делится на группы', '']}
        empty={rows.length === 0 ? 'Строк нет. Добавьте предмет.' : null}
      >
        {rows.map((r, i) => {
          const label = nameOf(r.subjectId) || `строка ${i + 1}`;
          const e = (field: string) => errors[`lines.${i}.${field}`];
          return (
            <Table.Tr key={r.key}>
              <Table.Td miw={220}>
                <Select aria-label={`Предмет, строка ${i + 1}`} placeholder="Предмет" searchable data={subjectOptions} value={r.subjectId || null}
                  onChange={(v) => patch(r.key, { subjectId: v ?? '' })} error={e('subjectId')} disabled={!canWrite} nothingFoundMessage="Нет такого предмета" />
              </Table.Td>
              <Table.Td>
                <NativeSelect aria-label={`Часть: ${label}`} value={r.part} disabled={!canWrite}
                  onChange={(ev) => patch(r.key, { part: ev.currentTarget.value === 'formed' ? 'formed' : 'mandatory' })}
                  data={[{ value: 'mandatory', label: 'Обязательная' }, { value: 'formed', label: 'Формируемая участниками' }]} />
              </Table.Td>
              <Table.Td miw={110}>
                {r.byTerm ? (
                  <Stack gap={4}>
                    {Array.from({ length: terms }, (_, t) => (
                      <NumberInput key={t} aria-label={`Часов в неделю, ${termTitle(t)}: ${label}`} label={termTitle(t)} size="xs" min={0} step={0.5} decimalScale={1}
                        decimalSeparator="," value={r.termHours[t] ?? 0} disabled={!canWrite} error={e(`hoursByTerm.${t}`)}
                        onChange={(v) => patch(r.key, { termHours: Array.from({ length: terms }, (_, k) => (k === t ? v : r.termHours[k] ?? 0)) })} />
                    ))}
                    {e('hoursByTerm') && <Text size="xs" c="red">{e('hoursByTerm')}</Text>}
                  </Stack>
                ) : (
                  <NumberInput aria-label={`Часов в неделю: ${label}`} min={0} step={0.5} decimalScale={1} decimalSeparator="," value={r.hours}
                    onChange={(v) => patch(r.key, { hours: v })} error={e('hoursPerWeek')} disabled={!canWrite} />
                )}
              </Table.Td>
              <Table.Td>
                <Checkbox aria-label={`Часы по периодам: ${label}`} label="По периодам" checked={r.byTerm} disabled={!canWrite}
                  onChange={(ev) => {
                    const on = ev.currentTarget.checked;
                    patch(r.key, on ? { byTerm: true, termHours: Array.from({ length: terms }, () => r.hours) } : { byTerm: false, hours: Math.max(...r.termHours.map(num), 0) });
                  }} />
              </Table.Td>
              <Table.Td miw={170}>
                <NativeSelect aria-label={`График аттестации: ${label}`} value={r.scheduleId} data={scheduleOptions} disabled={!canWrite}
                  onChange={(ev) => patch(r.key, { scheduleId: ev.currentTarget.value })} error={e('attestationScheduleId')} />
              </Table.Td>
              <Table.Td miw={170}>
                <TextInput aria-label={`Форма аттестации: ${label}`} placeholder="контрольная работа" value={r.form} disabled={!canWrite}
                  onChange={(ev) => patch(r.key, { form: ev.currentTarget.value })} error={e('attestationForm')} />
              </Table.Td>
              <Table.Td>
                <Checkbox aria-label={`Делится на группы: ${label}`} checked={r.split} disabled={!canWrite}
                  onChange={(ev) => patch(r.key, { split: ev.currentTarget.checked })} />
              </Table.Td>
              <Table.Td>
                {canWrite && <Button size="xs" variant="subtle" color="red" aria-label={`Удалить строку: ${label}`} onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>Удалить</Button>}
              </Table.Td>
            </Table.Tr>
          );
        })}
        <Table.Tr>
          <Table.Td fw={700}>Итого в неделю</Table.Td>
          <Table.Td />
          <Table.Td colSpan={6}>
            <Text fw={600} aria-live="polite">
              {live.totalsByTerm.length > 1 && live.totalsByTerm.some((t) => t !== live.totalsByTerm[0])
                ? live.totalsByTerm.map((t, k) => `${k + 1} период: ${hoursText(t)}`).join('; ')
                : hoursText(live.total)}
              {live.weeklyMax !== null && ` из ${live.weeklyMax} (${c.kind === 'main' ? `СанПиН, ${c.weekDays}-дневная неделя` : 'внеурочная деятельность'})`}
            </Text>
          </Table.Td>
        </Table.Tr>
      </ScrollTable>
      {live.issues.length > 0 && (
        <Alert color={live.issues.some((i) => i.severity === 'error') ? 'red' : 'orange'} variant="light" title="Замечания">
          <List size="sm">{live.issues.map((i, k) => <List.Item key={k}>{i.severity === 'error' ? 'Ошибка: ' : ''}{i.message}</List.Item>)}</List>
        </Alert>
      )}
      {save.isError && Object.keys(errors).length === 0 && <Alert color="red" role="alert">{errorMessage(save.error)}</Alert>}
      {save.isError && Object.keys(errors).length > 0 && <Alert color="red" role="alert">Не сохранено: исправьте отмеченные поля.</Alert>}
      {canWrite && (
        <Group gap="xs">
          <Button variant="default" onClick={() => setRows((rs) => [...rs, { key: newKey(), subjectId: '', part: 'mandatory', hours: 1, byTerm: false, termHours: Array.from({ length: terms }, () => 1), scheduleId: '', form: '', split: false }])}>
            Добавить предмет
          </Button>
          <Button loading={save.isPending} onClick={() => save.mutate({ lines: toLines() })}>Сохранить</Button>
        </Group>
      )}
    </Stack>
  );
}

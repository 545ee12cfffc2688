// «Формы контроля»: the kinds of work a mark is given for, with their weight in the weighted
// average, the scale, the subject and the levels; archiving; building the set from a region's or
// municipality's sample and taking over its newer versions; the mark scales with the conversion
// table of a hundred-point scale.
import { Alert, Badge, Button, Checkbox, Group, List, NumberInput, Select, SimpleGrid, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ControlFormDto, ControlFormsFromSampleDto, MarkScaleDto } from '../../../../../contracts/control-forms';
import { convertedMarks, markScaleKindTitles } from '../../../../../domain/mark-scale';
import { levels, levelShortTitles, levelTitles, type Level } from '../../../../../domain/subject-catalogue';
import { errorMessage } from '../../../lib/api';
import { EditArchiveActions, FormModal, QueryView, ScrollTable, useOrgAccess } from '../../org/components/org-ui';
import { fieldErrorsOf, formErrorOf } from '../../org/form-errors';
import { allSubjectsQuery } from '../../subjects/api/subjects';
import { YearNav } from '../../year/year-nav';
import {
  controlFormSamplesQuery, controlFormSampleStatusQuery, controlFormsQuery, markScalesQuery, useControlFormsFromSample, useSaveControlForm, useSaveMarkScale,
} from '../api/control-forms';

const weightText = (w: number): string => String(w).replace('.', ',');

export function ControlFormsPage() {
  const { schoolId, can } = useOrgAccess();
  return (
    <Stack gap="md">
      <Title order={1}>Формы контроля</Title>
      <YearNav />
      {schoolId === null
        ? <Alert color="gray">Выберите школу, чтобы увидеть её формы контроля.</Alert>
        : !can('yearSetup', 'read')
          ? <Alert color="gray">Формы контроля школы видят её сотрудники.</Alert>
          : (
            <>
              <FormsSection schoolId={schoolId} canWrite={can('yearSetup', 'write')} />
              <ScalesSection schoolId={schoolId} canWrite={can('yearSetup', 'write')} />
            </>
          )}
    </Stack>
  );
}

// ---------------------------------------------------------------------------------------------
// Control forms

function FormsSection({ schoolId, canWrite }: { schoolId: string; canWrite: boolean }) {
  const [archived, setArchived] = useState(false);
  const list = useQuery(controlFormsQuery(schoolId, archived));
  const save = useSaveControlForm(schoolId);
  const [editing, setEditing] = useState<ControlFormDto | 'new' | null>(null);
  const [fromSample, setFromSample] = useState(false);
  const [result, setResult] = useState<ControlFormsFromSampleDto | null>(null);
  return (
    <Stack gap="sm" component="section" aria-labelledby="forms-title">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3" id="forms-title">Формы контроля и веса</Title>
        {canWrite && (
          <Group gap="xs">
            <Button variant="default" onClick={() => setFromSample(true)}>Из образца</Button>
            <Button onClick={() => setEditing('new')}>Добавить форму контроля</Button>
          </Group>
        )}
      </Group>
      <Text size="sm" c="dimmed">Вес участвует в среднем балле: Σ(отметка × вес) / Σ вес. Отметки «зачёт/незачёт» в средний балл не входят.</Text>
      <SampleStatus schoolId={schoolId} canWrite={canWrite} onResult={setResult} />
      {result && <FromSampleResult result={result} onClose={() => setResult(null)} />}
      <Switch label="Показывать архивные" checked={archived} onChange={(e) => setArchived(e.currentTarget.checked)} />
      {save.error && <Alert color="red" role="alert">{errorMessage(save.error)}</Alert>}
      <QueryView query={list} label="формы контроля">
        {(data) => (
          <ScrollTable label="Формы контроля" minWidth={760} head={['Название', 'Кратко', 'Вес', 'Шкала', 'Предмет', 'Уровни', '']}
            empty={data.total === 0 ? 'Форм контроля пока нет: добавьте их или создайте из образца' : null}>
            {data.items.map((f) => (
              <Table.Tr key={f.id}>
                <Table.Td fw={600}>
                  {f.name}
                  {f.archived && <Badge ml="xs" color="gray" variant="light">в архиве</Badge>}
                  {f.sampleId && <Badge ml="xs" variant="light">из образца</Badge>}
                </Table.Td>
                <Table.Td>{f.shortName}</Table.Td>
                <Table.Td>{weightText(f.weight)}</Table.Td>
                <Table.Td>{f.markScale.name}</Table.Td>
                <Table.Td>{f.subject?.name ?? <Text span c="dimmed">все предметы</Text>}</Table.Td>
                <Table.Td>{f.levels.length === 0 ? <Text span c="dimmed">все</Text> : f.levels.map((l) => levelShortTitles[l]).join(', ')}</Table.Td>
                <Table.Td>
                  {canWrite && (
                    <EditArchiveActions what="форму контроля" name={f.name} archived={f.archived} onEdit={() => setEditing(f)}
                      archiving={save.isPending && save.variables?.controlFormId === f.id}
                      onArchive={() => save.mutate({ controlFormId: f.id, input: { archived: !f.archived } })} />
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </ScrollTable>
        )}
      </QueryView>
      {editing !== null && <ControlFormForm schoolId={schoolId} form={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {fromSample && <FromSampleForm schoolId={schoolId} onClose={() => setFromSample(false)} onResult={(r) => { setResult(r); setFromSample(false); }} />}
    </Stack>
  );
}

function ControlFormForm({ schoolId, form, onClose }: { schoolId: string; form: ControlFormDto | null; onClose: () => void }) {
  const save = useSaveControlForm(schoolId);
  const scales = useQuery(markScalesQuery(schoolId));
  const subjects = useQuery(allSubjectsQuery(schoolId, false));
  const [name, setName] = useState(form?.name ?? '');
  const [shortName, setShortName] = useState(form?.shortName ?? '');
  const [weight, setWeight] = useState<number | string>(form?.weight ?? 1);
  const [scaleId, setScaleId] = useState<string | null>(form?.markScale.id ?? null);
  const [subjectId, setSubjectId] = useState<string | null>(form?.subject?.id ?? null);
  const [formLevels, setFormLevels] = useState<string[]>(form?.levels ?? []);
  const defaultScale = scales.data?.items.find((s) => s.kind === 'five')?.id ?? null;
  const errors = fieldErrorsOf(save.error);
  const submit = () => save.mutate({
    controlFormId: form?.id ?? null,
    input: {
      name, shortName, weight: typeof weight === 'number' ? weight : Number(String(weight).replace(',', '.')),
      markScaleId: scaleId ?? defaultScale ?? '', subjectId, levels: formLevels as Level[],
    },
  }, { onSuccess: onClose });
  return (
    <FormModal opened onClose={onClose} title={form ? `Форма контроля «${form.name}»` : 'Новая форма контроля'} onSubmit={submit} pending={save.isPending}
      error={formErrorOf(save.error, ['name', 'shortName', 'weight', 'markScaleId', 'subjectId', 'levels'])}>
      <TextInput label="Название" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} placeholder="Контрольная работа" />
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <TextInput label="Краткое название" required maxLength={20} value={shortName} onChange={(e) => setShortName(e.currentTarget.value)} error={errors.shortName} placeholder="К/р" />
        <NumberInput label="Вес" required min={0.05} max={10} step={0.05} decimalScale={2} decimalSeparator="," clampBehavior="none" value={weight} onChange={setWeight} error={errors.weight} />
      </SimpleGrid>
      <Select label="Шкала" required value={scaleId ?? defaultScale} onChange={setScaleId} error={errors.markScaleId}
        data={(scales.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))} />
      <Select label="Предмет" placeholder="Все предметы" clearable searchable value={subjectId} onChange={setSubjectId} error={errors.subjectId}
        nothingFoundMessage="Нет такого предмета" data={(subjects.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))} />
      <Checkbox.Group label="Уровни (ничего не отмечено — все)" value={formLevels} onChange={setFormLevels} error={errors.levels}>
        <Group mt={4}>{levels.map((l) => <Checkbox key={l} value={l} label={levelTitles[l]} />)}</Group>
      </Checkbox.Group>
    </FormModal>
  );
}

function FromSampleForm({ schoolId, onClose, onResult }: { schoolId: string; onClose: () => void; onResult: (r: ControlFormsFromSampleDto) => void }) {
  const samples = useQuery(controlFormSamplesQuery(schoolId));
  const build = useControlFormsFromSample(schoolId);
  const [sampleId, setSampleId] = useState<string | null>(null);
  const options = (samples.data?.items ?? []).filter((s) => s.kind === 'controlForms');
  return (
    <FormModal opened onClose={onClose} title="Формы контроля из образца" submitLabel="Создать из образца" pending={build.isPending}
      error={build.error ? errorMessage(build.error) : null}
      onSubmit={() => { if (sampleId) build.mutate(sampleId, { onSuccess: onResult }); }}>
      {samples.isPending ? <Text size="sm" c="dimmed">Загружаем образцы…</Text>
        : samples.isError ? <Alert color="gray">Образцы сейчас недоступны. Формы контроля можно добавить вручную.</Alert>
          : options.length === 0 ? <Alert color="gray">Регион и муниципалитет ещё не опубликовали образцы форм контроля. Их можно добавить вручную.</Alert>
            : (
              <Select label="Образец" required value={sampleId} onChange={setSampleId}
                data={options.map((s) => ({ value: s.id, label: `${s.name} (версия ${s.version})` }))} />
            )}
      <Text size="sm" c="dimmed">Формы с уже занятыми названиями пропускаются. Формы из этого образца примут веса, изменённые в его новой версии.</Text>
    </FormModal>
  );
}

function SampleStatus({ schoolId, canWrite, onResult }: { schoolId: string; canWrite: boolean; onResult: (r: ControlFormsFromSampleDto) => void }) {
  const status = useQuery(controlFormSampleStatusQuery(schoolId));
  const build = useControlFormsFromSample(schoolId);
  const items = status.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Stack gap={4}>
      {items.map((s) => (
        <Alert key={s.sampleId} color={s.newer ? 'orange' : 'gray'} variant="light">
          <Group justify="space-between" gap="xs">
            <Text size="sm">
              Из образца «{s.sampleName}», версия {s.version} ({s.formCount} форм).
              {s.newer ? ` Есть новая версия ${s.latestVersion}.` : ' Это последняя версия.'}
            </Text>
            {s.newer && canWrite && (
              <Button size="xs" loading={build.isPending} onClick={() => build.mutate(s.sampleId, { onSuccess: onResult })}>
                Принять версию {s.latestVersion}
              </Button>
            )}
          </Group>
          {build.error && <Text size="sm" c="red" role="alert">{errorMessage(build.error)}</Text>}
        </Alert>
      ))}
    </Stack>
  );
}

function FromSampleResult({ result, onClose }: { result: ControlFormsFromSampleDto; onClose: () => void }) {
  return (
    <Alert color="green" variant="light" withCloseButton closeButtonLabel="Скрыть" onClose={onClose} title={`Образец «${result.sample.sampleName}», версия ${result.sample.version}`} role="status">
      <List size="sm">
        <List.Item>Создано: {result.created.length === 0 ? 'ничего' : result.created.join(', ')}</List.Item>
        {result.updated.map((u) => <List.Item key={u.id}>«{u.name}»: вес {weightText(u.weightBefore)} → {weightText(u.weightAfter)}</List.Item>)}
        {result.skipped.length > 0 && <List.Item>Пропущено (такие названия уже есть): {result.skipped.join(', ')}</List.Item>}
      </List>
    </Alert>
  );
}

// ---------------------------------------------------------------------------------------------
// Mark scales

const conversionText = (s: MarkScaleDto): string =>
  s.conversion ? s.conversion.map((r) => `${r.mark} — от ${r.from}`).join(', ') : s.kind === 'five' ? 'отметки 1–5' : 'зачёт / незачёт, не входит в средний балл';

function ScalesSection({ schoolId, canWrite }: { schoolId: string; canWrite: boolean }) {
  const list = useQuery(markScalesQuery(schoolId));
  const [editing, setEditing] = useState<MarkScaleDto | 'new' | null>(null);
  return (
    <Stack gap="sm" component="section" aria-labelledby="scales-title">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3" id="scales-title">Шкалы отметок</Title>
        {canWrite && <Button variant="default" onClick={() => setEditing('new')}>Добавить стобалльную шкалу</Button>}
      </Group>
      <QueryView query={list} label="шкалы отметок">
        {(data) => (
          <ScrollTable label="Шкалы отметок" minWidth={560} head={['Название', 'Вид', 'Перевод в пятибалльную', 'Форм', '']}>
            {data.items.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td fw={600}>{s.name}</Table.Td>
                <Table.Td>{markScaleKindTitles[s.kind]}</Table.Td>
                <Table.Td>{conversionText(s)}</Table.Td>
                <Table.Td>{s.controlFormCount}</Table.Td>
                <Table.Td>
                  {canWrite && <Button size="xs" variant="subtle" onClick={() => setEditing(s)} aria-label={`Изменить шкалу ${s.name}`}>Изменить</Button>}
                </Table.Td>
              </Table.Tr>
            ))}
          </ScrollTable>
        )}
      </QueryView>
      {editing !== null && <ScaleForm schoolId={schoolId} scale={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function ScaleForm({ schoolId, scale, onClose }: { schoolId: string; scale: MarkScaleDto | null; onClose: () => void }) {
  const save = useSaveMarkScale(schoolId);
  const hundred = scale === null || scale.kind === 'hundred';
  const [name, setName] = useState(scale?.name ?? '');
  const [from, setFrom] = useState<Record<number, number | string>>(() => {
    const rows = scale?.conversion ?? [{ from: 85, mark: 5 }, { from: 65, mark: 4 }, { from: 45, mark: 3 }, { from: 0, mark: 2 }];
    return Object.fromEntries(rows.map((r) => [r.mark, r.from]));
  });
  const errors = fieldErrorsOf(save.error);
  // Rows go in the order 5, 4, 3, 2, so `conversion.N` of an error is the N-th input here.
  const conversion = convertedMarks.map((mark) => ({ mark, from: Number(from[mark] ?? NaN) }));
  const submit = () => save.mutate({
    markScaleId: scale?.id ?? null,
    input: scale ? { name, ...(hundred ? { conversion } : {}) } : { kind: 'hundred', name, conversion },
  }, { onSuccess: onClose });
  return (
    <FormModal opened onClose={onClose} title={scale ? `Шкала «${scale.name}»` : 'Новая стобалльная шкала'} onSubmit={submit} pending={save.isPending}
      error={formErrorOf(save.error, ['name', ...convertedMarks.flatMap((_, i) => [`conversion.${i}.from`, `conversion.${i}.mark`])])}>
      <TextInput label="Название" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
      {hundred && (
        <>
          <Text size="sm">Таблица перевода: с какого числа баллов ставится отметка.</Text>
          <SimpleGrid cols={{ base: 2, xs: 4 }} spacing="sm">
            {convertedMarks.map((mark, i) => (
              <NumberInput key={mark} label={`Отметка ${mark} — от (баллов)`} min={0} max={100} allowDecimal={false}
                value={from[mark] ?? ''} onChange={(v) => setFrom((f) => ({ ...f, [mark]: v }))}
                error={errors[`conversion.${i}.from`] ?? errors[`conversion.${i}.mark`]} />
            ))}
          </SimpleGrid>
          {errors.conversion && <Alert color="red" variant="light">{errors.conversion}</Alert>}
        </>
      )}
    </FormModal>
  );
}

// One work programme (/journal/programmes/$programmeId): its hours (planned, by the load, delivered),
// the codifier its КЭС codes come from, the lesson plan (КТП) as a table — a topic edited in its row,
// moved up and down (buttons, or Alt+↑ / Alt+↓ on the row), split in two, marked as a control work,
// deleted —, a form to add a topic with a КЭС picker, the plan's XLSX export and import (a check
// first, then «Заменить темы»), a copy into another class of the teacher's load, and deleting the
// programme. Every change sends the version the page shows; a stale one reloads the programme.
import {
  ActionIcon, Alert, Anchor, Badge, Button, Group, Modal, MultiSelect, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Table, TagsInput, Text,
  TextInput, Title, Tooltip,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useRef, useState, type KeyboardEvent } from 'react';
import type { ControlFormListDto } from '../../../../../contracts/control-forms';
import type { CodifierDetailDto, LessonPlanImportDto, PlannedTopicDto, WorkProgrammeDetailDto } from '../../../../../contracts/work-programmes';
import { errorMessage } from '../../../lib/api';
import { shortName } from '../../identity/names';
import { controlFormsQuery } from '../../control-forms/api/control-forms';
import { QueryView, ScrollTable, useOrgAccess } from '../../org/components/org-ui';
import {
  codifierQuery, codifiersQuery, lessonPlanUrl, programmeLoadQuery, programmeQuery, useAddTopic, useCreateProgramme, useDeleteProgramme, useDeleteTopic,
  useImportLessonPlan, useMoveTopic, useSplitTopic, useUpdateProgramme, useUpdateTopic,
} from '../api/work-programmes';
import { hoursText, PlanBadge } from './programmes-page';

type Ctx = { schoolId: string; programme: WorkProgrammeDetailDto; codes: { value: string; label: string }[] | null; forms: { value: string; label: string }[] };

export function ProgrammePage({ programmeId }: { programmeId: string }) {
  const { schoolId } = useOrgAccess();
  if (!schoolId) return <Alert color="yellow">Выберите школу</Alert>;
  return <ProgrammeView schoolId={schoolId} programmeId={programmeId} />;
}

function ProgrammeView({ schoolId, programmeId }: { schoolId: string; programmeId: string }) {
  const programme = useQuery(programmeQuery(schoolId, programmeId));
  const forms = useQuery(controlFormsQuery(schoolId, false));
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/journal/programmes">← Рабочие программы</Anchor>
      <QueryView query={programme} label="рабочая программа">
        {(p: WorkProgrammeDetailDto) => (
          <Loaded schoolId={schoolId} programme={p}
            forms={(forms.data as ControlFormListDto | undefined)?.items.filter((f) => f.subject === null || f.subject.id === p.subject.id).map((f) => ({ value: f.id, label: f.name })) ?? []} />
        )}
      </QueryView>
    </Stack>
  );
}

function Loaded({ schoolId, programme: p, forms }: { schoolId: string; programme: WorkProgrammeDetailDto; forms: { value: string; label: string }[] }) {
  const codifier = useQuery({ ...codifierQuery(schoolId, p.codifier?.id ?? ''), enabled: p.codifier !== null });
  const codes = p.codifier && codifier.data
    ? (codifier.data as CodifierDetailDto).items.map((e) => ({ value: e.code, label: `${e.code} ${e.title}` }))
    : null;
  const ctx: Ctx = { schoolId, programme: p, codes, forms };
  return (
    <Stack gap="md">
      <Title order={1}>{p.title}</Title>
      <Text size="sm" c="dimmed">
        {p.subject.name}, {p.class?.name ?? p.studyGroup?.name}, {shortName(p.employee)}, {p.academicYear}/{String((p.academicYear + 1) % 100).padStart(2, '0')} учебный год
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Figure label="По плану" value={`${p.hours.planned} ч`} />
        <Figure label="По нагрузке" value={p.hours.expected === null ? '—' : `${p.hours.expected} ч`}
          hint={p.hours.hoursPerWeek === null ? undefined : `${hoursText(p.hours.hoursPerWeek)} ч × ${hoursText(p.hours.weeks)} нед.`} />
        <Figure label="Проведено" value={`${p.hours.delivered} ч`} />
        <Paper withBorder p="xs"><Text size="xs" c="dimmed">План и нагрузка</Text><PlanBadge hours={p.hours} /></Paper>
      </SimpleGrid>
      {p.canWrite && <Settings ctx={ctx} />}
      <Group gap="xs">
        <Button component="a" href={lessonPlanUrl(schoolId, p.id)} variant="light">Скачать КТП (XLSX)</Button>
        {p.canWrite && <ImportPlan ctx={ctx} />}
        <CopyProgramme ctx={ctx} />
        {p.canWrite && <DeleteProgramme ctx={ctx} />}
      </Group>
      <Topics ctx={ctx} />
      {p.canWrite && <AddTopic ctx={ctx} />}
    </Stack>
  );
}

function Figure({ label, value, hint }: { label: string; value: string; hint?: string | undefined }) {
  return (
    <Paper withBorder p="xs">
      <Text size="xs" c="dimmed">{label}</Text>
      <Text fw={600} aria-label={`${label}: ${value}`}>{value}</Text>
      {hint && <Text size="xs" c="dimmed">{hint}</Text>}
    </Paper>
  );
}

function Settings({ ctx }: { ctx: Ctx }) {
  const { schoolId, programme: p } = ctx;
  const codifiers = useQuery(codifiersQuery(schoolId));
  const update = useUpdateProgramme(schoolId, p.id);
  const [title, setTitle] = useState(p.title);
  const [error, setError] = useState<string | null>(null);
  const save = (body: { title?: string; codifierId?: string | null }) => {
    setError(null);
    update.mutate({ ...body, version: p.version }, { onError: (e) => setError(errorMessage(e)) });
  };
  return (
    <Paper withBorder p="sm">
      {error && <Alert color="red" variant="light" role="alert" mb="xs">{error}</Alert>}
      <Group align="end" gap="sm" wrap="wrap">
        <TextInput label="Название программы" value={title} onChange={(e) => setTitle(e.currentTarget.value)} style={{ flex: '1 1 260px' }} />
        <Button variant="default" onClick={() => save({ title })} disabled={title.trim() === '' || title === p.title} loading={update.isPending}>Переименовать</Button>
        <NativeSelect
          label="Кодификатор КЭС"
          value={p.codifier?.id ?? ''}
          onChange={(e) => save({ codifierId: e.currentTarget.value === '' ? null : e.currentTarget.value })}
          data={[{ value: '', label: 'Без кодификатора' }, ...(codifiers.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))]}
          style={{ flex: '1 1 220px' }}
        />
        <Anchor component={Link} to="/journal/codifiers" size="sm">Загрузить кодификатор</Anchor>
      </Group>
    </Paper>
  );
}

/** The КЭС codes of a topic: picked from the codifier, or typed when the programme has none. */
function CodesInput({ ctx, value, onChange, label = 'Коды КЭС' }: { ctx: Ctx; value: string[]; onChange: (v: string[]) => void; label?: string }) {
  return ctx.codes
    ? <MultiSelect label={label} data={ctx.codes} value={value} onChange={onChange} searchable clearable placeholder="Выберите коды" nothingFoundMessage="Нет такого кода" />
    : <TagsInput label={label} value={value} onChange={onChange} placeholder="1.2, 1.2.3 — Enter после каждого" splitChars={[',', ' ', ';']} />;
}

function Topics({ ctx }: { ctx: Ctx }) {
  const { schoolId, programme: p } = ctx;
  const move = useMoveTopic(schoolId, p.id);
  const remove = useDeleteTopic(schoolId, p.id);
  const split = useSplitTopic(schoolId, p.id);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const rows = useRef(new Map<string, HTMLTableRowElement>());
  const onError = (e: unknown) => setError(errorMessage(e));
  const moveTo = (t: PlannedTopicDto, position: number) => {
    if (position < 1 || position > p.items.length) return;
    setError(null);
    move.mutate({ version: p.version, topicId: t.id, position }, {
      onError,
      // Keep the keyboard on the moved row.
      onSuccess: () => requestAnimationFrame(() => rows.current.get(t.id)?.focus()),
    });
  };
  const onKey = (t: PlannedTopicDto) => (e: KeyboardEvent<HTMLTableRowElement>) => {
    if (!p.canWrite || !e.altKey || e.target !== e.currentTarget) return;
    if (e.key === 'ArrowUp') { e.preventDefault(); moveTo(t, t.position - 1); }
    if (e.key === 'ArrowDown') { e.preventDefault(); moveTo(t, t.position + 1); }
  };
  return (
    <Stack gap="xs" component="section" aria-labelledby="ktp-title">
      <Title order={2} size="h3" id="ktp-title">КТП: темы по порядку</Title>
      {p.canWrite && <Text size="xs" c="dimmed">Строку можно перемещать клавишами Alt+↑ и Alt+↓ (выберите её клавишей Tab).</Text>}
      {error && <Alert color="red" variant="light" role="alert">{error}</Alert>}
      <ScrollTable label="Темы программы" minWidth={860} head={['№', 'Раздел', 'Тема', 'Часы', 'КЭС', 'Контроль', 'Проведено', '']}
        empty={p.items.length === 0 ? 'Тем пока нет: добавьте их ниже или загрузите КТП из файла' : null}>
        {p.items.map((t) => editing === t.id ? (
          <EditRow key={t.id} ctx={ctx} topic={t} onDone={() => setEditing(null)} />
        ) : (
          <Table.Tr key={t.id} tabIndex={p.canWrite ? 0 : undefined} onKeyDown={onKey(t)} ref={(el) => { if (el) rows.current.set(t.id, el); else rows.current.delete(t.id); }}
            aria-label={`Тема ${t.position}: ${t.title}`}>
            <Table.Td>{t.position}</Table.Td>
            <Table.Td>{t.section ?? ''}</Table.Td>
            <Table.Td>{t.title}</Table.Td>
            <Table.Td>{t.hours}</Table.Td>
            <Table.Td>{t.contentElementCodes.join(', ')}</Table.Td>
            <Table.Td>{t.controlForm ? <Badge variant="light" color="grape">{t.controlForm.name}</Badge> : ''}</Table.Td>
            <Table.Td>{t.deliveredLessons > 0 ? `${Math.min(t.deliveredLessons, t.hours)} из ${t.hours}` : ''}</Table.Td>
            <Table.Td>
              {p.canWrite && (
                <Group gap={4} wrap="nowrap">
                  <Tooltip label="Выше"><ActionIcon variant="subtle" aria-label={`Выше: ${t.title}`} disabled={t.position === 1} onClick={() => moveTo(t, t.position - 1)}>↑</ActionIcon></Tooltip>
                  <Tooltip label="Ниже"><ActionIcon variant="subtle" aria-label={`Ниже: ${t.title}`} disabled={t.position === p.items.length} onClick={() => moveTo(t, t.position + 1)}>↓</ActionIcon></Tooltip>
                  <Button size="compact-xs" variant="subtle" onClick={() => setEditing(t.id)} aria-label={`Изменить: ${t.title}`}>Изменить</Button>
                  <Button size="compact-xs" variant="subtle" disabled={t.hours < 2} aria-label={`Разделить: ${t.title}`}
                    onClick={() => { setError(null); split.mutate({ version: p.version, topicId: t.id }, { onError }); }}>Разделить</Button>
                  <Button size="compact-xs" variant="subtle" color="red" aria-label={`Удалить: ${t.title}`}
                    onClick={() => { setError(null); remove.mutate({ version: p.version, topicId: t.id }, { onError }); }}>Удалить</Button>
                </Group>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </ScrollTable>
    </Stack>
  );
}

function EditRow({ ctx, topic: t, onDone }: { ctx: Ctx; topic: PlannedTopicDto; onDone: () => void }) {
  const { schoolId, programme: p } = ctx;
  const update = useUpdateTopic(schoolId, p.id);
  const [section, setSection] = useState(t.section ?? '');
  const [title, setTitle] = useState(t.title);
  const [hours, setHours] = useState<number | string>(t.hours);
  const [codes, setCodes] = useState(t.contentElementCodes);
  const [form, setForm] = useState(t.controlForm?.id ?? '');
  const [error, setError] = useState<string | null>(null);
  const save = () => {
    setError(null);
    update.mutate({
      version: p.version, topicId: t.id, title, section: section.trim() === '' ? null : section, hours: Number(hours), contentElementCodes: codes,
      controlFormId: form === '' ? null : form,
    }, { onSuccess: onDone, onError: (e) => setError(errorMessage(e)) });
  };
  const keys = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Escape') onDone();
    if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT' && !(e.target as HTMLElement).closest('[data-codes]')) { e.preventDefault(); save(); }
  };
  return (
    <Table.Tr onKeyDown={keys}>
      <Table.Td>{t.position}</Table.Td>
      <Table.Td><TextInput aria-label="Раздел" value={section} onChange={(e) => setSection(e.currentTarget.value)} /></Table.Td>
      <Table.Td><TextInput aria-label="Тема" value={title} onChange={(e) => setTitle(e.currentTarget.value)} data-autofocus autoFocus error={error} /></Table.Td>
      <Table.Td><NumberInput aria-label="Часы" value={hours} onChange={setHours} min={1} max={50} w={70} /></Table.Td>
      <Table.Td data-codes><CodesInput ctx={ctx} value={codes} onChange={setCodes} label="" /></Table.Td>
      <Table.Td><NativeSelect aria-label="Контрольная работа" value={form} onChange={(e) => setForm(e.currentTarget.value)} data={[{ value: '', label: '—' }, ...ctx.forms]} /></Table.Td>
      <Table.Td />
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Button size="compact-xs" onClick={save} loading={update.isPending}>Сохранить</Button>
          <Button size="compact-xs" variant="default" onClick={onDone}>Отмена</Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function AddTopic({ ctx }: { ctx: Ctx }) {
  const { schoolId, programme: p } = ctx;
  const add = useAddTopic(schoolId, p.id);
  const last = p.items.at(-1);
  const [section, setSection] = useState(last?.section ?? '');
  const [title, setTitle] = useState('');
  const [hours, setHours] = useState<number | string>(1);
  const [codes, setCodes] = useState<string[]>([]);
  const [form, setForm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    add.mutate({
      version: p.version, title, ...(section.trim() === '' ? {} : { section }), hours: Number(hours), contentElementCodes: codes, controlFormId: form === '' ? null : form,
    }, {
      onSuccess: () => { setTitle(''); setCodes([]); setForm(''); setHours(1); titleRef.current?.focus(); },
      onError: (err) => setError(errorMessage(err)),
    });
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-label="Новая тема">
      <Title order={2} size="h4" mb="xs">Добавить тему</Title>
      {error && <Alert color="red" variant="light" role="alert" mb="xs">{error}</Alert>}
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
        <TextInput label="Раздел" value={section} onChange={(e) => setSection(e.currentTarget.value)} />
        <TextInput label="Тема" value={title} onChange={(e) => setTitle(e.currentTarget.value)} required ref={titleRef} />
        <NumberInput label="Часы" value={hours} onChange={setHours} min={1} max={50} />
        <CodesInput ctx={ctx} value={codes} onChange={setCodes} />
        <NativeSelect label="Контрольная работа" value={form} onChange={(e) => setForm(e.currentTarget.value)} data={[{ value: '', label: 'Нет' }, ...ctx.forms]} />
      </SimpleGrid>
      <Group justify="flex-end" mt="sm"><Button type="submit" loading={add.isPending} disabled={title.trim() === ''}>Добавить тему</Button></Group>
    </Paper>
  );
}

function ImportPlan({ ctx }: { ctx: Ctx }) {
  const { schoolId, programme: p } = ctx;
  const run = useImportLessonPlan(schoolId, p.id);
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [check, setCheck] = useState<LessonPlanImportDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const close = () => { setFile(null); setCheck(null); setError(null); if (input.current) input.current.value = ''; };
  const pick = (f: File | null) => {
    if (!f) return;
    setFile(f);
    setError(null);
    setCheck(null);
    run.mutate({ file: f, dryRun: true, version: p.version }, { onSuccess: setCheck, onError: (e) => setError(issuesText(e)) });
  };
  const apply = () => {
    if (!file) return;
    run.mutate({ file, dryRun: false, version: p.version }, { onSuccess: close, onError: (e) => setError(issuesText(e)) });
  };
  return (
    <>
      <input ref={input} type="file" accept=".xlsx,.csv" hidden aria-label="Файл КТП" onChange={(e) => pick(e.currentTarget.files?.[0] ?? null)} />
      <Button variant="light" onClick={() => input.current?.click()}>Загрузить КТП из файла</Button>
      <Modal opened={file !== null} onClose={close} title="Загрузка КТП" size="lg">
        <Stack gap="sm">
          {run.isPending && <Text size="sm">Проверяем файл…</Text>}
          {error && <Alert color="red" variant="light" role="alert" style={{ whiteSpace: 'pre-line' }}>{error}</Alert>}
          {check && (
            <>
              <Text size="sm">Тем в файле: {check.topics.length}, часов: {check.plannedHours}. Без изменений: {check.diff.unchanged}.</Text>
              {check.diff.added.length > 0 && <Text size="sm">Новые: {check.diff.added.join('; ')}</Text>}
              {check.diff.changed.length > 0 && <Text size="sm">Изменятся: {check.diff.changed.join('; ')}</Text>}
              {check.diff.removed.length > 0 && <Text size="sm" c="red">Будут удалены: {check.diff.removed.join('; ')}</Text>}
              <Group justify="flex-end">
                <Button variant="default" onClick={close}>Отмена</Button>
                <Button onClick={apply} loading={run.isPending}>Заменить темы</Button>
              </Group>
            </>
          )}
        </Stack>
      </Modal>
    </>
  );
}

/** An error's message with the rows it names. */
const issuesText = (e: unknown): string => {
  const details = (e as { details?: unknown }).details;
  if (Array.isArray(details) && details.length > 1) return details.slice(0, 20).map((d) => (d as { message: string }).message).join('\n');
  return errorMessage(e);
};

function CopyProgramme({ ctx }: { ctx: Ctx }) {
  const { schoolId, programme: p } = ctx;
  const { can } = useOrgAccess();
  const [open, setOpen] = useState(false);
  const load = useQuery({ ...programmeLoadQuery(schoolId), enabled: open });
  const create = useCreateProgramme(schoolId);
  const navigate = useNavigate();
  const [target, setTarget] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!can('workProgramme', 'write')) return null;
  const free = (load.data?.items ?? []).filter((r) => r.workProgrammeId === null);
  const copy = () => {
    setError(null);
    create.mutate({ teachingLoadId: target, copyFromId: p.id }, {
      onSuccess: (made) => { setOpen(false); void navigate({ to: '/journal/programmes/$programmeId', params: { programmeId: made.id } }); },
      onError: (e) => setError(errorMessage(e)),
    });
  };
  return (
    <>
      <Button variant="light" onClick={() => setOpen(true)}>Копировать в другой класс</Button>
      <Modal opened={open} onClose={() => setOpen(false)} title="Копировать программу" size="lg">
        <Stack gap="sm">
          <Text size="sm">Темы, часы, коды КЭС и контрольные работы этой программы станут новой программой для выбранной строки нагрузки.</Text>
          {error && <Alert color="red" variant="light" role="alert">{error}</Alert>}
          {load.isPending ? <Text size="sm">Загрузка…</Text> : free.length === 0 ? <Text size="sm" c="dimmed">Для всех строк вашей нагрузки программы уже есть.</Text> : (
            <NativeSelect label="Куда" value={target} onChange={(e) => setTarget(e.currentTarget.value)}
              data={[{ value: '', label: 'Выберите класс и предмет' }, ...free.map((r) => ({ value: r.teachingLoadId, label: `${r.class?.name ?? r.studyGroup?.name}, ${r.subject.name}, ${shortName(r.employee)}` }))]} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>Отмена</Button>
            <Button onClick={copy} disabled={target === ''} loading={create.isPending}>Копировать</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function DeleteProgramme({ ctx }: { ctx: Ctx }) {
  const { schoolId, programme: p } = ctx;
  const remove = useDeleteProgramme(schoolId, p.id);
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Button variant="subtle" color="red" onClick={() => setOpen(true)}>Удалить программу</Button>
      <Modal opened={open} onClose={() => setOpen(false)} title="Удалить программу?">
        <Stack gap="sm">
          <Text size="sm">«{p.title}» и все её темы будут удалены.</Text>
          {error && <Alert color="red" variant="light" role="alert">{error}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>Отмена</Button>
            <Button color="red" loading={remove.isPending}
              onClick={() => remove.mutate({ version: p.version }, { onSuccess: () => void navigate({ to: '/journal/programmes' }), onError: (e) => setError(errorMessage(e)) })}>
              Удалить
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

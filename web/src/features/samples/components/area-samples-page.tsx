// «Образцы для школ» of a region or municipality administrator (SPEC B14): the samples of the area
// and the federal ones; «Новый образец» of each kind with its table editor; an open sample shows its
// content, «Опубликовать новую версию» for the area's own, «Создать на основе» for any, the versions
// with «Сравнить», and the schools that built from it.
import { Alert, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { sampleKinds, type Level, type SampleDto, type SampleKind, type SampleSummaryDto } from '../../../../../contracts/samples';
import { errorMessage, isApiError } from '../../../lib/api';
import { fieldErrorsOf } from '../../org/form-errors';
import { QueryView, ScrollTable } from '../../org/components/org-ui';
import { YearNav } from '../../year/year-nav';
import {
  areaSampleDiffQuery, areaSampleQuery, areaSamplesQuery, areaSampleUsageQuery, useCreateSample, useUpdateSample,
} from '../api/samples';
import { kindTitles, levelOptions, levelTitles } from '../titles';
import { ContentEditor, emptyContent, type AnyContent } from './sample-editors';
import { OwnerBadge, SampleContentView, SampleHeading, SampleVersions } from './sample-view';

type Draft = { kind: SampleKind; name: string; level: Level | ''; description: string; content: AnyContent };

const nextAcademicYear = (): number => {
  const d = new Date();
  return d.getMonth() >= 5 ? d.getFullYear() + 1 : d.getFullYear();
};

export function AreaSamplesPage() {
  const [kind, setKind] = useState<SampleKind | ''>('');
  const list = useQuery(areaSamplesQuery(kind || undefined));
  const [openId, setOpenId] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);

  const startNew = (from?: SampleDto) => {
    setOpenId(null);
    setDraft(from
      ? { kind: from.kind, name: `${from.name} (копия)`, level: from.level ?? '', description: from.description ?? '', content: structuredClone(from.content) as AnyContent }
      : { kind: 'curriculum', name: '', level: '', description: '', content: emptyContent('curriculum', nextAcademicYear()) });
  };

  return (
    <Stack gap="md">
      <Title order={1}>Образцы для школ</Title>
      <YearNav />
      <Text c="dimmed" size="sm">
        Образцы учебных планов, календарных графиков, наборов форм контроля и рабочих программ, по которым школы региона или
        муниципалитета строят свои. Каждое изменение — новая версия; школы видят, что изменилось.
      </Text>
      {list.isError && isApiError(list.error, 'FORBIDDEN')
        ? <Alert color="gray">Образцы публикуют администраторы региона и муниципалитета.</Alert>
        : (
          <>
            <Group justify="space-between" align="flex-end" wrap="wrap">
              <NativeSelect label="Вид образца" value={kind} onChange={(e) => setKind(e.currentTarget.value as SampleKind | '')}
                data={[{ value: '', label: 'Все виды' }, ...sampleKinds.map((k) => ({ value: k, label: kindTitles[k] }))]} />
              <Button onClick={() => startNew()}>Новый образец</Button>
            </Group>
            <QueryView query={list} label="образцы">
              {(data) => <SampleTable items={data.items} onOpen={(id) => { setDraft(null); setOpenId(id); }} />}
            </QueryView>
          </>
        )}
      {draft && <NewSample draft={draft} setDraft={setDraft} onCreated={(s) => { setDraft(null); setOpenId(s.id); }} />}
      {openId && <OpenSample key={openId} sampleId={openId} onClose={() => setOpenId(null)} onCopy={startNew} />}
    </Stack>
  );
}

function SampleTable({ items, onOpen }: { items: SampleSummaryDto[]; onOpen: (id: string) => void }) {
  return (
    <ScrollTable label="Образцы" minWidth={760} head={['Название', 'Вид', 'Уровень', 'Версия', 'Чей', 'Обновлён', '']}
      empty={items.length === 0 ? 'Образцов пока нет' : null}>
      {items.map((s) => (
        <Table.Tr key={s.id}>
          <Table.Td fw={600}>{s.name}</Table.Td>
          <Table.Td>{kindTitles[s.kind]}</Table.Td>
          <Table.Td>{s.level ? levelTitles[s.level] : 'любой'}</Table.Td>
          <Table.Td>{s.version}</Table.Td>
          <Table.Td><OwnerBadge sample={s} /></Table.Td>
          <Table.Td>{new Date(s.updatedAt).toLocaleDateString('ru-RU')}</Table.Td>
          <Table.Td>
            <Button size="xs" variant="subtle" onClick={() => onOpen(s.id)} aria-label={`Открыть образец ${s.name}`}>Открыть</Button>
          </Table.Td>
        </Table.Tr>
      ))}
    </ScrollTable>
  );
}

/** Field problems as the form shows them, and the alert for the whole request. */
function problemsOf(error: unknown) {
  const fields = fieldErrorsOf(error);
  const count = Object.keys(fields).length;
  const alert = !error ? null : count > 0 ? `Исправьте отмеченные поля (${count}): ${Object.values(fields)[0]}` : errorMessage(error);
  return { fields, alert };
}

function NewSample({ draft, setDraft, onCreated }: { draft: Draft; setDraft: (d: Draft | null) => void; onCreated: (s: SampleDto) => void }) {
  const create = useCreateSample();
  const { fields, alert } = problemsOf(create.error);
  const submit = () => create.mutate({
    kind: draft.kind, name: draft.name, level: draft.level || null, description: draft.description.trim() || null, content: draft.content,
  }, {
    onSuccess: (s) => {
      notifications.show({ color: 'green', message: `Образец «${s.name}» опубликован` });
      onCreated(s);
    },
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="new-sample-title">
      <form noValidate onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <Stack gap="sm">
          <Title order={2} size="h3" id="new-sample-title">Новый образец</Title>
          {alert && <Alert color="red" role="alert">{alert}</Alert>}
          <Group gap="sm" align="flex-start" wrap="wrap">
            <NativeSelect label="Вид образца" value={draft.kind} data={sampleKinds.map((k) => ({ value: k, label: kindTitles[k] }))}
              onChange={(e) => {
                const k = e.currentTarget.value as SampleKind;
                setDraft({ ...draft, kind: k, content: emptyContent(k, nextAcademicYear()) });
                create.reset();
              }} />
            <TextInput label="Название образца" value={draft.name} error={fields.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} miw={280} style={{ flexGrow: 1 }} />
            {draft.kind !== 'curriculum' && (
              <NativeSelect label="Уровень" value={draft.level} error={fields.level}
                data={[{ value: '', label: 'Любой' }, ...levelOptions]} onChange={(e) => setDraft({ ...draft, level: e.currentTarget.value as Level | '' })} />
            )}
          </Group>
          <Textarea label="Описание" autosize minRows={2} value={draft.description} error={fields.description}
            onChange={(e) => setDraft({ ...draft, description: e.currentTarget.value })} />
          {fields.content && <Alert color="red" role="alert">{fields.content}</Alert>}
          <ContentEditor kind={draft.kind} value={draft.content} errors={fields} onChange={(content) => setDraft({ ...draft, content })} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setDraft(null)}>Отмена</Button>
            <Button type="submit" loading={create.isPending}>Опубликовать образец</Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function OpenSample({ sampleId, onClose, onCopy }: { sampleId: string; onClose: () => void; onCopy: (s: SampleDto) => void }) {
  const sample = useQuery(areaSampleQuery(sampleId));
  return (
    <Paper withBorder p="md" component="section" aria-label="Образец">
      <QueryView query={sample} label="образец">
        {(s) => <SampleDetail sample={s} onClose={onClose} onCopy={onCopy} />}
      </QueryView>
    </Paper>
  );
}

function SampleDetail({ sample, onClose, onCopy }: { sample: SampleDto; onClose: () => void; onCopy: (s: SampleDto) => void }) {
  const [editing, setEditing] = useState<{ name: string; description: string; note: string; content: AnyContent } | null>(null);
  const update = useUpdateSample(sample.id);
  const { fields, alert } = problemsOf(update.error);
  const publish = () => {
    if (!editing) return;
    update.mutate({
      name: editing.name, description: editing.description.trim() || null, note: editing.note.trim() || null, content: editing.content, baseVersion: sample.version,
    }, {
      onSuccess: (s) => {
        notifications.show({ color: 'green', message: s.version > sample.version ? `Опубликована версия ${s.version}` : 'Сохранено' });
        setEditing(null);
      },
    });
  };
  return (
    <Stack gap="sm">
      <SampleHeading sample={sample}>
          {sample.editable && !editing && (
            <Button variant="light" onClick={() => {
              update.reset();
              setEditing({ name: sample.name, description: sample.description ?? '', note: '', content: structuredClone(sample.content) as AnyContent });
            }}>Изменить образец</Button>
          )}
          <Button variant="default" onClick={() => onCopy(sample)}>Создать на основе</Button>
          <Button variant="subtle" onClick={onClose}>Закрыть</Button>
      </SampleHeading>
      {sample.builtIn && <Text size="sm" c="dimmed">Федеральный образец не меняется; чтобы поправить его для своих школ, создайте образец на его основе.</Text>}
      {editing ? (
        <form noValidate onSubmit={(e) => { e.preventDefault(); publish(); }}>
          <Stack gap="sm">
            {alert && <Alert color="red" role="alert">{alert}</Alert>}
            <TextInput label="Название образца" value={editing.name} error={fields.name} onChange={(e) => setEditing({ ...editing, name: e.currentTarget.value })} />
            <Textarea label="Описание" autosize minRows={2} value={editing.description} error={fields.description}
              onChange={(e) => setEditing({ ...editing, description: e.currentTarget.value })} />
            <ContentEditor kind={sample.kind} value={editing.content} errors={fields} onChange={(content) => setEditing({ ...editing, content })} />
            <TextInput label="Что изменилось" placeholder="Например: история — 3 часа в 5–8 классах" value={editing.note} error={fields.note}
              onChange={(e) => setEditing({ ...editing, note: e.currentTarget.value })} />
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={() => setEditing(null)}>Отмена</Button>
              <Button type="submit" loading={update.isPending}>Опубликовать новую версию</Button>
            </Group>
          </Stack>
        </form>
      ) : <SampleContentView sample={sample} />}
      <SampleVersions key={sample.version} sample={sample} diffQuery={(from, to) => areaSampleDiffQuery(sample.id, from, to)} />
      {!sample.builtIn && <SampleUsage sampleId={sample.id} />}
    </Stack>
  );
}

function SampleUsage({ sampleId }: { sampleId: string }) {
  const usage = useQuery(areaSampleUsageQuery(sampleId));
  return (
    <Stack gap="xs">
      <Title order={3}>Где используется</Title>
      <QueryView query={usage} label="школы, использующие образец">
        {(data) => (
          <ScrollTable label="Школы, построившие документы по образцу" minWidth={560} head={['Школа', 'Муниципалитет', 'Документ', 'Версия образца']}
            empty={data.total === 0 ? 'Пока ни одна школа не построила документ по этому образцу' : null}>
            {data.items.flatMap((item) => item.uses.map((u, i) => (
              <Table.Tr key={`${item.school.id}-${i}`}>
                <Table.Td>{i === 0 ? item.school.shortName : ''}</Table.Td>
                <Table.Td>{i === 0 ? item.school.municipality : ''}</Table.Td>
                <Table.Td>{kindTitles[u.kind]}: {u.name}</Table.Td>
                <Table.Td>
                  {u.version ?? '—'}
                  {u.version !== null && u.version < data.latestVersion && <Text span size="xs" c="orange.8"> (есть версия {data.latestVersion})</Text>}
                </Table.Td>
              </Table.Tr>
            )))}
          </ScrollTable>
        )}
      </QueryView>
    </Stack>
  );
}

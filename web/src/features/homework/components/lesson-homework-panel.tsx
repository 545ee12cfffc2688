// The lesson page's panel of digital content and homework (SPEC D1, D3): the lesson's materials
// (links and files) and its homework with the due date, attachments and whether students hand in
// work, with the count of works and a link to them. Whoever may write the lesson adds, edits and
// removes; everyone who sees the lesson reads and downloads.
import { Alert, Anchor, Badge, Button, Checkbox, Group, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useId, useState, type FormEvent } from 'react';
import type { FileDto, HomeworkDto, MaterialDto } from '../../../../../contracts/homework';
import { errorMessage } from '../../../lib/api';
import { QueryView } from '../../org/components/org-ui';
import {
  fileUrl, lessonHomeworkQuery, materialsQuery, uploadAll, uploadFile, useAddMaterial, useCreateHomework, useDeleteHomework, useRemoveMaterial,
  useUpdateHomework,
} from '../api/homework';
import { FilePicker, FileLinks, ruDate } from './homework-ui';

export function LessonHomeworkPanel({ schoolId, journalLessonId, canWrite }: { schoolId: string; journalLessonId: string; canWrite: boolean }) {
  return (
    <Stack gap="md">
      <Materials schoolId={schoolId} journalLessonId={journalLessonId} canWrite={canWrite} />
      <HomeworkSection schoolId={schoolId} journalLessonId={journalLessonId} canWrite={canWrite} />
    </Stack>
  );
}

// --- Materials -----------------------------------------------------------------------------------

function Materials({ schoolId, journalLessonId, canWrite }: { schoolId: string; journalLessonId: string; canWrite: boolean }) {
  const query = useQuery(materialsQuery(schoolId, journalLessonId));
  const remove = useRemoveMaterial(schoolId, journalLessonId);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={`materials-${journalLessonId}`}>
      <Title order={2} size="h4" id={`materials-${journalLessonId}`} mb="xs">Материалы урока</Title>
      <QueryView query={query} label="материалы урока">
        {(data) => (
          <Stack gap="xs">
            {data.items.length === 0 && <Text c="dimmed" size="sm">Материалов нет.</Text>}
            {data.items.map((m) => (
              <Group key={m.id} justify="space-between" wrap="nowrap" gap="xs">
                <MaterialLink schoolId={schoolId} material={m} />
                {canWrite && data.canWrite && (
                  <Button variant="subtle" color="red" size="compact-sm" loading={remove.isPending && remove.variables === m.id}
                    aria-label={`Убрать материал «${m.title}»`} onClick={() => remove.mutate(m.id)}>Убрать</Button>
                )}
              </Group>
            ))}
            {remove.error && <Alert color="red" role="alert">{errorMessage(remove.error)}</Alert>}
            {canWrite && data.canWrite && <AddMaterial schoolId={schoolId} journalLessonId={journalLessonId} />}
          </Stack>
        )}
      </QueryView>
    </Paper>
  );
}

function MaterialLink({ schoolId, material: m }: { schoolId: string; material: MaterialDto }) {
  if (m.kind === 'link') {
    return <Anchor href={m.url ?? undefined} target="_blank" rel="noopener noreferrer" style={{ overflowWrap: 'anywhere' }}>{m.title}</Anchor>;
  }
  return m.file ? <Anchor href={fileUrl(schoolId, m.file.id)} download={m.file.name} style={{ overflowWrap: 'anywhere' }}>{m.title}</Anchor> : <Text>{m.title}</Text>;
}

function AddMaterial({ schoolId, journalLessonId }: { schoolId: string; journalLessonId: string }) {
  const add = useAddMaterial(schoolId, journalLessonId);
  const [title, setTitle] = useState('');
  const [url, setUrl] = useState('');
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const addLink = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    add.mutate({ kind: 'link', title, url }, { onSuccess: () => { setTitle(''); setUrl(''); } });
  };
  const addFiles = async (files: File[]) => {
    setUploading(true);
    setUploadError(null);
    try {
      for (const f of files) {
        const stored = await uploadFile(schoolId, f);
        await add.mutateAsync({ kind: 'file', fileId: stored.id });
      }
    } catch (error) {
      setUploadError(errorMessage(error));
    } finally {
      setUploading(false);
    }
  };
  return (
    <Stack gap="xs">
      <form onSubmit={addLink} aria-label="Добавить ссылку" noValidate>
        <Group align="flex-end" gap="xs">
          <TextInput label="Название ссылки" value={title} onChange={(e) => setTitle(e.currentTarget.value)} style={{ flex: '1 1 12rem' }} />
          <TextInput label="Адрес (https://…)" type="url" value={url} onChange={(e) => setUrl(e.currentTarget.value)} style={{ flex: '2 1 16rem' }} />
          <Button type="submit" variant="light" loading={add.isPending && !uploading}>Добавить ссылку</Button>
        </Group>
      </form>
      <FilePicker label="Добавить файл к уроку" schoolId={schoolId} disabled={uploading} onPick={(files) => { void addFiles(files); }} />
      {(add.error || uploadError) && <Alert color="red" role="alert">{uploadError ?? errorMessage(add.error)}</Alert>}
    </Stack>
  );
}

// --- Homework ------------------------------------------------------------------------------------

function HomeworkSection({ schoolId, journalLessonId, canWrite }: { schoolId: string; journalLessonId: string; canWrite: boolean }) {
  const query = useQuery(lessonHomeworkQuery(schoolId, journalLessonId));
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={`homework-${journalLessonId}`}>
      <Title order={2} size="h4" id={`homework-${journalLessonId}`} mb="xs">Домашнее задание</Title>
      <QueryView query={query} label="домашнее задание">
        {(data) => (
          <Stack gap="sm">
            {data.items.length === 0 && <Text c="dimmed" size="sm">Домашнего задания нет.</Text>}
            {data.items.map((h) => <HomeworkItem key={h.id} schoolId={schoolId} homework={h} canWrite={canWrite && data.canWrite} />)}
            {canWrite && data.canWrite && <HomeworkForm schoolId={schoolId} journalLessonId={journalLessonId} />}
          </Stack>
        )}
      </QueryView>
    </Paper>
  );
}

function HomeworkItem({ schoolId, homework: h, canWrite }: { schoolId: string; homework: HomeworkDto; canWrite: boolean }) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const remove = useDeleteHomework(schoolId);
  if (editing) return <HomeworkForm schoolId={schoolId} journalLessonId={h.lesson.id} editing={h} onDone={() => setEditing(false)} />;
  return (
    <Paper withBorder p="sm" radius="sm" aria-label={`Задание до ${ruDate(h.dueDate)}`}>
      <Stack gap={6}>
        <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{h.text}</Text>
        <Group gap="xs">
          <Badge variant="light">Срок: {ruDate(h.dueDate)}</Badge>
          {h.requiresSubmission && <Badge variant="light" color="grape">Сдать работу</Badge>}
        </Group>
        <FileLinks schoolId={schoolId} files={h.attachments} />
        {h.counts && h.requiresSubmission && (
          <Anchor renderRoot={(props) => <Link {...props} to="/journal/homework/$homeworkId" params={{ homeworkId: h.id }} />}>
            Работы учеников: сдали {h.counts.submitted} из {h.counts.students}, проверено {h.counts.checked}
          </Anchor>
        )}
        {canWrite && (
          <Group gap="xs">
            <Button size="compact-sm" variant="light" onClick={() => setEditing(true)}>Изменить</Button>
            {confirming ? (
              <>
                <Button size="compact-sm" color="red" loading={remove.isPending}
                  onClick={() => remove.mutate({ id: h.id, version: h.version }, { onSuccess: () => setConfirming(false) })}>Удалить задание</Button>
                <Button size="compact-sm" variant="default" onClick={() => setConfirming(false)}>Не удалять</Button>
              </>
            ) : <Button size="compact-sm" variant="subtle" color="red" onClick={() => setConfirming(true)}>Удалить</Button>}
          </Group>
        )}
        {remove.error && <Alert color="red" role="alert">{errorMessage(remove.error)}</Alert>}
      </Stack>
    </Paper>
  );
}

/** A new homework, or the changes of one: text, due date (empty: the next lesson), whether work is handed in, files. */
function HomeworkForm({ schoolId, journalLessonId, editing, onDone }: { schoolId: string; journalLessonId: string; editing?: HomeworkDto; onDone?: () => void }) {
  const create = useCreateHomework(schoolId, journalLessonId);
  const update = useUpdateHomework(schoolId);
  const [text, setText] = useState(editing?.text ?? '');
  const [dueDate, setDueDate] = useState(editing?.dueDate ?? '');
  const [requiresSubmission, setRequires] = useState(editing?.requiresSubmission ?? false);
  const [kept, setKept] = useState<FileDto[]>(editing?.attachments ?? []);
  const [added, setAdded] = useState<File[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formId = useId();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const fileIds = [...kept.map((f) => f.id), ...await uploadAll(schoolId, added)];
      if (editing) {
        await update.mutateAsync({ id: editing.id, version: editing.version, body: { text, dueDate: dueDate || undefined, requiresSubmission, fileIds } });
        onDone?.();
      } else {
        await create.mutateAsync({ text, requiresSubmission, fileIds, ...(dueDate ? { dueDate } : {}) });
        setText('');
        setDueDate('');
        setRequires(false);
        setAdded([]);
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => { void submit(e); }} aria-label={editing ? 'Изменить домашнее задание' : 'Задать домашнее задание'} noValidate>
      <Stack gap="xs">
        <Textarea label="Задание" required autosize minRows={2} value={text} onChange={(e) => setText(e.currentTarget.value)} />
        <Group align="flex-end" gap="md">
          <TextInput label="Срок сдачи" type="date" value={dueDate} onChange={(e) => setDueDate(e.currentTarget.value)}
            description={editing ? undefined : 'Пусто — к следующему уроку'} />
          <Checkbox label="Ученики сдают работу" checked={requiresSubmission} onChange={(e) => setRequires(e.currentTarget.checked)} />
        </Group>
        {kept.length > 0 && (
          <Stack gap={4}>
            {kept.map((f) => (
              <Group key={f.id} gap="xs">
                <Text size="sm">{f.name}</Text>
                <Button size="compact-xs" variant="subtle" color="red" aria-label={`Убрать файл «${f.name}»`} onClick={() => setKept(kept.filter((k) => k.id !== f.id))}>Убрать</Button>
              </Group>
            ))}
          </Stack>
        )}
        <FilePicker label="Файлы к заданию" schoolId={schoolId} id={`${formId}-files`} onPick={(files) => setAdded([...added, ...files])} />
        {added.length > 0 && <Text size="sm" c="dimmed">Будут загружены: {added.map((f) => f.name).join(', ')}</Text>}
        {error && <Alert color="red" role="alert">{error}</Alert>}
        <Group gap="xs">
          <Button type="submit" loading={busy}>{editing ? 'Сохранить задание' : 'Задать'}</Button>
          {editing && <Button variant="default" onClick={onDone}>Отмена</Button>}
        </Group>
      </Stack>
    </form>
  );
}

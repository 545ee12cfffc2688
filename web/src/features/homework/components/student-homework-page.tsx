// «Домашние задания» in the diary (/diary/homework): a student's homework due in the chosen weeks,
// by due date, with the attachments, the state of their work and its mark; where work is to be
// handed in, a form with the answer and files (again, while it is not checked). A parent sees
// their child's (a choice when there are several) and does not hand in.
import { Alert, Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { StudentHomeworkListDto } from '../../../../../contracts/homework';
import { addDays } from '../../../../../domain/calendar';
import { errorMessage } from '../../../lib/api';
import { QueryView, todayIso, useOrgAccess } from '../../org/components/org-ui';
import { studentHomeworkQuery, uploadAll, useSubmitWork } from '../api/homework';
import { FileLinks, FilePicker, ruDate, StatusBadge } from './homework-ui';

type Item = StudentHomeworkListDto['items'][number];

export function StudentHomeworkPage() {
  const { schoolId } = useOrgAccess();
  const [from, setFrom] = useState(() => addDays(todayIso(), -7));
  const [to, setTo] = useState(() => addDays(todayIso(), 14));
  const [studentId, setStudentId] = useState<string | undefined>(undefined);
  return (
    <Stack gap="md">
      <Title order={1}>Домашние задания</Title>
      <Group align="flex-end" gap="sm">
        <TextInput label="Срок сдачи с" type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput label="по" type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
      </Group>
      {schoolId === null
        ? <Alert color="gray">Выберите школу.</Alert>
        : from && to && <List schoolId={schoolId} from={from} to={to} studentId={studentId} onStudent={setStudentId} />}
    </Stack>
  );
}

function List({ schoolId, from, to, studentId, onStudent }: { schoolId: string; from: string; to: string; studentId: string | undefined; onStudent: (id: string) => void }) {
  const query = useQuery(studentHomeworkQuery(schoolId, from, to, studentId));
  return (
    <QueryView query={query} label="домашние задания">
      {(data) => (
        <Stack gap="sm">
          {data.students.length > 1 && (
            <NativeSelect label="Ученик" value={data.student?.id ?? ''} onChange={(e) => onStudent(e.currentTarget.value)}
              data={data.students.map((s) => ({ value: s.id, label: s.name }))} maw={360} />
          )}
          {data.student === null && <Alert color="gray">Домашние задания видят ученики и их родители.</Alert>}
          {data.student !== null && data.items.length === 0 && <Text c="dimmed">Заданий со сроком сдачи в эти дни нет.</Text>}
          {data.items.map((item) => <HomeworkCard key={item.id} schoolId={schoolId} item={item} />)}
        </Stack>
      )}
    </QueryView>
  );
}

function HomeworkCard({ schoolId, item }: { schoolId: string; item: Item }) {
  const [open, setOpen] = useState(false);
  const s = item.submission;
  return (
    <Paper withBorder p="md" radius="md" component="article" aria-label={`${item.lesson.subject.name}, срок ${ruDate(item.dueDate)}`}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs">
          <Text fw={600}>{item.lesson.subject.name}</Text>
          <Text size="sm">Срок: {ruDate(item.dueDate)}</Text>
        </Group>
        <Text size="sm" c="dimmed">Задано на уроке {ruDate(item.lesson.date)}</Text>
        <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{item.text}</Text>
        <FileLinks schoolId={schoolId} files={item.attachments} />
        {item.requiresSubmission && (
          s
            ? <Group gap="xs"><StatusBadge status={s.status} late={s.late} />{s.markValue && <Text size="sm">Отметка: {s.markValue}</Text>}</Group>
            : <Text size="sm" c="orange">Работа ещё не сдана</Text>
        )}
        {item.canSubmit && (open
          ? <SubmitForm schoolId={schoolId} item={item} onDone={() => setOpen(false)} />
          : <Button variant="light" onClick={() => setOpen(true)} w="fit-content">{s ? 'Сдать заново' : 'Сдать работу'}</Button>)}
      </Stack>
    </Paper>
  );
}

function SubmitForm({ schoolId, item, onDone }: { schoolId: string; item: Item; onDone: () => void }) {
  const submitWork = useSubmitWork(schoolId);
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const fileIds = await uploadAll(schoolId, files);
      await submitWork.mutateAsync({ homeworkId: item.id, body: { ...(text.trim() ? { text } : {}), fileIds } });
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => { void submit(e); }} aria-label={`Сдать работу: ${item.lesson.subject.name}`} noValidate>
      <Stack gap="xs">
        <Textarea label="Ответ" autosize minRows={3} value={text} onChange={(e) => setText(e.currentTarget.value)} />
        <FilePicker label="Файлы работы" schoolId={schoolId} onPick={(picked) => setFiles([...files, ...picked])} />
        {files.length > 0 && <Text size="sm" c="dimmed">Будут отправлены: {files.map((f) => f.name).join(', ')}</Text>}
        {error && <Alert color="red" role="alert">{error}</Alert>}
        <Group gap="xs">
          <Button type="submit" loading={busy}>Отправить</Button>
          <Button variant="default" onClick={onDone}>Отмена</Button>
        </Group>
      </Stack>
    </form>
  );
}

// «Работы учеников» (/journal/homework/$homeworkId): the homework and every student of its lesson
// — who handed in work, when, late or not, its status and mark. The lesson's teacher opens a work,
// reads the text and files, and returns it with a comment or accepts it with a comment and,
// if wanted, a mark in a form of control; the mark goes to the journal at the homework's lesson.
import { Alert, Anchor, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { SubmissionDto, SubmissionRosterDto } from '../../../../../contracts/homework';
import { errorMessage } from '../../../lib/api';
import { QueryView, useOrgAccess } from '../../org/components/org-ui';
import { rosterQuery, subjectFormsQuery, useCheckWork, useReturnWork } from '../api/homework';
import { FileLinks, ruDate, ruDateTime, StatusBadge } from './homework-ui';

export function SubmissionsPage({ homeworkId }: { homeworkId: string }) {
  const { schoolId } = useOrgAccess();
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>Работы учеников</Title>
        <Anchor component={Link} to="/journal">Журнал</Anchor>
      </Group>
      {schoolId === null ? <Alert color="gray">Выберите школу.</Alert> : <Roster schoolId={schoolId} homeworkId={homeworkId} />}
    </Stack>
  );
}

function Roster({ schoolId, homeworkId }: { schoolId: string; homeworkId: string }) {
  const query = useQuery(rosterQuery(schoolId, homeworkId));
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <QueryView query={query} label="работы учеников">
      {(data) => {
        const open = data.items.find((i) => i.submission?.id === openId)?.submission ?? null;
        return (
          <Stack gap="md">
            <HomeworkHeader schoolId={schoolId} data={data} />
            <div style={{ overflowX: 'auto' }}>
              <Table striped withTableBorder aria-label="Кто сдал работу" miw={560}>
                <Table.Thead>
                  <Table.Tr><Table.Th>Ученик</Table.Th><Table.Th>Работа</Table.Th><Table.Th>Сдана</Table.Th><Table.Th>Отметка</Table.Th><Table.Th /></Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map(({ student, submission: s }) => (
                    <Table.Tr key={student.id}>
                      <Table.Td>{student.name}</Table.Td>
                      <Table.Td>{s ? <StatusBadge status={s.status} late={s.late} /> : <Text c="dimmed" size="sm">Не сдана</Text>}</Table.Td>
                      <Table.Td>{s ? ruDateTime(s.submittedAt) : '—'}</Table.Td>
                      <Table.Td>{s?.mark?.value ?? '—'}</Table.Td>
                      <Table.Td>
                        {s && (
                          <Button size="compact-sm" variant={openId === s.id ? 'filled' : 'light'} aria-label={`Открыть работу: ${student.name}`}
                            onClick={() => setOpenId(openId === s.id ? null : s.id)}>Открыть</Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
            {open && <WorkView key={`${open.id}-${open.version}`} schoolId={schoolId} work={open} subjectId={data.homework.lesson.subject.id} canCheck={data.canCheck} />}
          </Stack>
        );
      }}
    </QueryView>
  );
}

function HomeworkHeader({ schoolId, data }: { schoolId: string; data: SubmissionRosterDto }) {
  const h = data.homework;
  const unit = h.lesson.class?.name ?? h.lesson.studyGroup?.name ?? '';
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap={6}>
        <Text fw={600}>{unit}, {h.lesson.subject.name} — урок {ruDate(h.lesson.date)}, срок сдачи {ruDate(h.dueDate)}</Text>
        <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{h.text}</Text>
        <FileLinks schoolId={schoolId} files={h.attachments} />
        {h.counts && <Text size="sm" c="dimmed">Сдали {h.counts.submitted} из {h.counts.students}, проверено {h.counts.checked}</Text>}
      </Stack>
    </Paper>
  );
}

function WorkView({ schoolId, work, subjectId, canCheck }: { schoolId: string; work: SubmissionDto; subjectId: string; canCheck: boolean }) {
  const forms = useQuery({ ...subjectFormsQuery(schoolId, subjectId), enabled: canCheck && work.status === 'submitted' });
  const returnWork = useReturnWork(schoolId);
  const checkWork = useCheckWork(schoolId);
  const [comment, setComment] = useState(work.teacherComment ?? '');
  const [formId, setFormId] = useState('');
  const [value, setValue] = useState('');
  const active = forms.data?.items.filter((f) => !f.archived) ?? [];
  const chosenForm = formId || active.find((f) => f.weight === 1)?.id || active[0]?.id || '';
  const error = returnWork.error ?? checkWork.error;

  const markValue = (): number | 'pass' | 'fail' | undefined => {
    const v = value.trim().toLowerCase();
    if (v === '') return undefined;
    if (v === 'зачёт' || v === 'зачет' || v === 'pass') return 'pass';
    if (v === 'незачёт' || v === 'незачет' || v === 'fail') return 'fail';
    return Number(v);
  };
  const accept = () => {
    const v = markValue();
    checkWork.mutate({ id: work.id, version: work.version, body: { ...(comment.trim() ? { comment } : {}), ...(v !== undefined && chosenForm ? { mark: { controlFormId: chosenForm, value: v } } : {}) } });
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={`Работа: ${work.student.name}`}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">{work.student.name}</Title>
          <StatusBadge status={work.status} late={work.late} />
        </Group>
        <Text size="sm" c="dimmed">Сдана {ruDateTime(work.submittedAt)}</Text>
        {work.text && <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{work.text}</Text>}
        <FileLinks schoolId={schoolId} files={work.files} />
        {work.teacherComment && work.status !== 'submitted' && <Text size="sm">Комментарий: {work.teacherComment}</Text>}
        {work.mark && <Text size="sm">Отметка: {work.mark.value} ({work.mark.controlForm})</Text>}
        {canCheck && work.status === 'submitted' && (
          <Stack gap="xs">
            <Textarea label="Комментарий ученику" autosize minRows={2} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
            <Group align="flex-end" gap="xs">
              <NativeSelect label="Форма контроля" value={chosenForm} onChange={(e) => setFormId(e.currentTarget.value)}
                data={active.map((f) => ({ value: f.id, label: `${f.name} (вес ${String(f.weight).replace('.', ',')})` }))} />
              <TextInput label="Отметка" description="Пусто — без отметки" value={value} onChange={(e) => setValue(e.currentTarget.value)} w={140} />
            </Group>
            <Group gap="xs">
              <Button onClick={accept} loading={checkWork.isPending}>Принять</Button>
              <Button variant="light" color="orange" loading={returnWork.isPending} disabled={comment.trim() === ''}
                onClick={() => returnWork.mutate({ id: work.id, version: work.version, body: { comment } })}>Вернуть на доработку</Button>
            </Group>
          </Stack>
        )}
        {error && <Alert color="red" role="alert">{errorMessage(error)}</Alert>}
      </Stack>
    </Paper>
  );
}

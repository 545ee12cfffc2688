// «Отсутствующие»: the board of a day's absences by class (regulation 3.5 — the administration is
// told at once). Each class shows who is absent without a good reason, who with one (and which),
// who came late, at which lessons, and the lessons already begun whose attendance nobody has taken.
// The page asks the server again every 20 seconds by itself (TanStack Query's refetchInterval) and
// shows when it last did. The administration sees every class, a class teacher their own.
import { Alert, Badge, Button, Checkbox, Group, List, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { BoardClassDto, BoardEntryDto, BoardStudentDto } from '../../../../../contracts/attendance';
import { absenceReasonTitles } from '../../../../../domain/attendance';
import { errorMessage } from '../../../lib/api';
import { navigationRolesOf } from '../../identity/active-school';
import { useCurrentUser } from '../../identity/components/current-user';
import { QueryView, todayIso, useOrgAccess } from '../../org/components/org-ui';
import { attendanceBoardQuery, boardRefreshMs } from '../api/attendance';

/** "2026-09-14" → "14.09.2026". */
const ruDate = (date: string): string => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
const clock = (at: Date | number): string => new Date(at).toLocaleTimeString('ru-RU', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

const statusTitles: Record<BoardStudentDto['status'], string> = {
  absentUnexcused: 'без уважительной причины', absentExcused: 'по уважительной причине', late: 'опоздал',
};
const statusColors: Record<BoardStudentDto['status'], string> = { absentUnexcused: 'red', absentExcused: 'yellow', late: 'blue' };

export function AbsenceBoardPage() {
  const { schoolId } = useOrgAccess();
  const roles = navigationRolesOf(useCurrentUser());
  const mayRead = roles.some((r) => r === 'director' || r === 'deputy' || r === 'journalAdmin' || r === 'classTeacher');
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>Отсутствующие</Title>
        <Button component={Link} to="/journal" variant="subtle">← Журнал</Button>
      </Group>
      {schoolId === null
        ? <Alert color="gray">Выберите школу.</Alert>
        : !mayRead
          ? <Alert color="gray">Сводку пропусков видят администрация школы и классные руководители.</Alert>
          : <Board schoolId={schoolId} />}
    </Stack>
  );
}

function Board({ schoolId }: { schoolId: string }) {
  const [date, setDate] = useState<string | undefined>(undefined);
  const [onlyAbsent, setOnlyAbsent] = useState(false);
  const valid = date === undefined || /^\d{4}-\d{2}-\d{2}$/.test(date);
  const board = useQuery({ ...attendanceBoardQuery(schoolId, valid ? date : undefined), enabled: valid });
  return (
    <Stack gap="md">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput type="date" label="Дата" value={date ?? board.data?.date ?? todayIso()} w={170}
          onChange={(e) => setDate(e.currentTarget.value === '' ? undefined : e.currentTarget.value)} />
        <Button variant="default" onClick={() => setDate(undefined)}>Сегодня</Button>
        <Button variant="default" onClick={() => { void board.refetch(); }} loading={board.isFetching}>Обновить</Button>
        <Checkbox label="Только классы с отсутствующими" checked={onlyAbsent} onChange={(e) => setOnlyAbsent(e.currentTarget.checked)} mb={8} />
      </Group>
      {board.data && (
        <Text size="sm" c="dimmed" data-testid="board-updated">
          Обновлено в {clock(board.dataUpdatedAt)} · обновляется само каждые {boardRefreshMs / 1000} с
          {board.isError && <Text span c="red"> · не удалось обновить: {errorMessage(board.error)}</Text>}
        </Text>
      )}
      <QueryView query={board} label="отсутствующие">
        {(data) => {
          const shown = onlyAbsent ? data.classes.filter((c) => c.students.length > 0) : data.classes;
          return (
            <Stack gap="md">
              <Title order={2} size="h3">{data.isToday ? 'Сегодня, ' : ''}{ruDate(data.date)}</Title>
              <Group gap="xs" aria-label="Итого по школе" role="group">
                <Badge size="lg" color="red" variant="light">Без уважительной причины: {data.totals.absentUnexcused}</Badge>
                <Badge size="lg" color="yellow" variant="light">По уважительной: {data.totals.absentExcused}</Badge>
                <Badge size="lg" color="blue" variant="light">Опоздали: {data.totals.late}</Badge>
                <Badge size="lg" color={data.totals.classesPending > 0 ? 'orange' : 'gray'} variant="light">
                  Посещаемость не отмечена: {data.totals.classesPending} кл.
                </Badge>
                <Badge size="lg" color="gray" variant="outline">Учеников: {data.totals.enrolled}</Badge>
              </Group>
              {data.classes.length === 0 && <Text c="dimmed">Классов этого учебного года нет.</Text>}
              {shown.length === 0 && data.classes.length > 0 && <Text c="dimmed">Отсутствующих нет.</Text>}
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
                {shown.map((c) => <ClassCard key={c.class.id} item={c} isToday={data.isToday} />)}
              </SimpleGrid>
            </Stack>
          );
        }}
      </QueryView>
    </Stack>
  );
}

const entryText = (e: BoardEntryDto): string =>
  `${e.lessonNumber}-й урок, ${e.subject.name} — ${e.code}${e.category === 'late' && e.minutesLate ? ` (${e.minutesLate} мин)` : ''}`
  + (e.category === 'absentExcused' && e.reason ? `, ${absenceReasonTitles[e.reason].toLowerCase()}` : '');

function ClassCard({ item: c, isToday }: { item: BoardClassDto; isToday: boolean }) {
  const titleId = `class-${c.class.id}`;
  return (
    <Paper withBorder p="sm" radius="sm" component="section" aria-labelledby={titleId} data-class={c.class.name}>
      <Group justify="space-between" align="flex-start" gap="xs">
        <div>
          <Title order={3} size="h4" id={titleId}>{c.class.name}</Title>
          {c.classTeacher && <Text size="xs" c="dimmed">Кл. руководитель: {c.classTeacher.name}</Text>}
        </div>
        <Group gap={4}>
          {c.counts.absentUnexcused > 0 && <Badge color="red" title="Без уважительной причины">без ув. {c.counts.absentUnexcused}</Badge>}
          {c.counts.absentExcused > 0 && <Badge color="yellow" title="По уважительной причине">ув. {c.counts.absentExcused}</Badge>}
          {c.counts.late > 0 && <Badge color="blue" title="Опоздали">опозд. {c.counts.late}</Badge>}
          <Badge color="gray" variant="outline" title="Учеников в классе">{c.enrolled} уч.</Badge>
        </Group>
      </Group>
      {c.students.length === 0
        ? <Text size="sm" mt={6} c="dimmed">{c.takenLessons > 0 ? 'Все присутствуют' : 'Посещаемость ещё не отмечалась'}</Text>
        : (
          <List size="sm" mt={6} spacing={6} listStyleType="none" aria-label={`Отсутствующие ${c.class.name}`}>
            {c.students.map((s) => (
              <List.Item key={s.studentId} data-student={s.studentId}>
                <Group gap={6} wrap="wrap">
                  <Text fw={600} size="sm">{s.name}</Text>
                  <Badge size="xs" color={statusColors[s.status]} variant="light">{statusTitles[s.status]}</Badge>
                  {s.wholeDay && <Badge size="xs" color="gray" variant="outline">весь день</Badge>}
                </Group>
                <Text size="xs" c="dimmed">{s.entries.map(entryText).join('; ')}</Text>
              </List.Item>
            ))}
          </List>
        )}
      {c.pendingLessons.length > 0 && (
        <Alert color="orange" variant="light" mt="sm" p="xs" title={isToday ? 'Посещаемость не отмечена на начавшихся уроках' : 'Посещаемость не отмечена'}>
          <List size="xs" spacing={2}>
            {c.pendingLessons.map((l) => (
              <List.Item key={`${l.timetableLessonId}`}>
                {l.lessonNumber}-й урок{l.start ? ` (${l.start})` : ''}, {l.subject.name}{l.studyGroup ? `, ${l.studyGroup.name}` : ''} — {l.teacher.name}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Paper>
  );
}

// The results grid of a control work: students down, tasks across, points typed like a
// spreadsheet — Enter or ↓ to the next student (after the last, the next task's first), ↑ back,
// ← → between tasks at the edge of the text, Tab as usual; a cell selects its text on focus so
// typing replaces it. Each row's total and mark follow as points are typed. The whole grid is
// saved in one request at the lesson the work was written at; the server's refusals are shown on
// their cells and above the grid.
import { Alert, Badge, Button, Group, List, NativeSelect, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState, type KeyboardEvent } from 'react';
import type { ControlWorkResultsDto } from '../../../../../contracts/control-works';
import { addDays } from '../../../../../domain/calendar';
import { isPointsStep, markFromPoints, totalPoints, type PointsScale } from '../../../../../domain/control-work';
import { ApiError, errorMessage } from '../../../lib/api';
import { todayIso } from '../../org/components/org-ui';
import { unitLessonsQuery, useSaveControlWorkResults } from '../api/control-works';
import { ruDate } from './control-works-page';

const textOf = (p: number | null): string => (p === null ? '' : String(p).replace('.', ','));
/** A typed cell: its points (null: empty), and what is wrong with it. Points over the task's max go to the server, which refuses them naming the student and the task. */
type Cell = { value: number | null; over?: string } | { error: string };

function parseCell(text: string, max: number): Cell {
  const t = text.trim().replace(',', '.');
  if (t === '') return { value: null };
  const n = Number(t);
  if (!Number.isFinite(n) || !/^\d+(\.\d+)?$/.test(t)) return { error: 'Баллы — число, например 2 или 1,5' };
  if (!isPointsStep(n)) return { error: 'Баллы — с шагом 0,1' };
  return n > max ? { value: n, over: `Не больше ${max}` } : { value: n };
}

const detailsOf = (error: unknown): { path: string; message: string }[] =>
  error instanceof ApiError && Array.isArray(error.details)
    ? (error.details as { path?: unknown; message?: unknown }[]).filter((d) => typeof d.path === 'string' && typeof d.message === 'string') as { path: string; message: string }[]
    : [];

export function ResultsGrid({ schoolId, data, canWrite, needsReason }: { schoolId: string; data: ControlWorkResultsDto; canWrite: boolean; needsReason: boolean }) {
  const { work } = data;
  const tasks = work.tasksList;
  const [cells, setCells] = useState<string[][]>(() => data.rows.map((r) => r.points.map(textOf)));
  const [rowsKey, setRowsKey] = useState(data.rows.map((r) => r.studentId).join('|') + work.version);
  // A newer answer (after a save or a refresh) replaces what is shown.
  const currentKey = data.rows.map((r) => r.studentId).join('|') + work.version;
  if (currentKey !== rowsKey) {
    setRowsKey(currentKey);
    setCells(data.rows.map((r) => r.points.map(textOf)));
  }
  const inputs = useRef(new Map<string, HTMLInputElement>());
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const save = useSaveControlWorkResults(schoolId);
  const serverErrors = new Map(detailsOf(save.error).map((d) => [d.path, d.message]));

  // The lesson it was written at: fixed once results are saved, else one of the class's lessons of the subject around the date.
  const today = todayIso();
  const from = addDays(work.plannedDate, -14);
  const to = addDays(work.plannedDate, 14) < today ? addDays(work.plannedDate, 14) : today;
  const lessons = useQuery({
    ...unitLessonsQuery(schoolId, from, to >= from ? to : from, work.class ? { classId: work.class.id } : { studyGroupId: work.studyGroup!.id }),
    enabled: work.journalLesson === null && canWrite,
  });
  const options = (lessons.data?.items ?? [])
    .filter((l) => l.subject.id === work.subject.id && l.status === 'scheduled' && l.date <= today
      && (work.class ? l.class?.id === work.class.id : l.studyGroup?.id === work.studyGroup?.id))
    .map((l) => ({ value: `${l.timetableLessonId}|${l.lessonDate}`, label: `${ruDate(l.date)}, ${l.lessonNumber}-й урок` }));
  const preferred = options.find((o) => o.value.endsWith(`|${work.plannedDate}`))?.value ?? options.at(-1)?.value ?? '';
  const [lessonKey, setLessonKey] = useState('');
  const chosenLesson = lessonKey || preferred;

  const parsed = cells.map((row) => row.map((text, j) => parseCell(text, tasks[j]?.maxPoints ?? 0)));
  const localErrors = parsed.flatMap((row, i) => row.flatMap((c, j) => ('error' in c ? [`${data.rows[i]!.name}, задание ${tasks[j]!.label}: ${c.error}`] : [])));

  const focus = (i: number, j: number) => {
    const el = inputs.current.get(`${i}:${j}`);
    if (el) { el.focus(); el.select(); }
  };
  const onKey = (i: number, j: number) => (e: KeyboardEvent<HTMLInputElement>) => {
    const el = e.currentTarget;
    const rows = cells.length;
    if (e.key === 'Enter' || e.key === 'ArrowDown') {
      e.preventDefault();
      if (i + 1 < rows) focus(i + 1, j);
      else if (e.key === 'Enter' && j + 1 < tasks.length) focus(0, j + 1);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (i > 0) focus(i - 1, j);
    } else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      // Within the text the arrows move the caret; at its edge (or with it all selected) they move to the next cell.
      const all = el.selectionStart === 0 && el.selectionEnd === el.value.length;
      const atEnd = el.selectionStart === el.value.length && el.selectionEnd === el.value.length;
      const atStart = el.selectionStart === 0 && el.selectionEnd === 0;
      const k = e.key === 'ArrowRight' ? (all || atEnd ? j + 1 : -1) : (all || atStart ? j - 1 : -1);
      if (k >= 0 && k < tasks.length) { e.preventDefault(); focus(i, k); }
    }
  };
  const setCell = (i: number, j: number, text: string) => {
    setSaved(null);
    setCells(cells.map((row, r) => (r === i ? row.map((c, k) => (k === j ? text : c)) : row)));
  };

  const submit = () => {
    if (localErrors.length > 0) return;
    const [timetableLessonId, date] = chosenLesson.split('|');
    save.mutate({
      workId: work.id, version: work.version,
      body: {
        ...(work.journalLesson === null && timetableLessonId && date ? { lesson: { timetableLessonId, date } } : {}),
        rows: data.rows.map((r, i) => ({ studentId: r.studentId, points: parsed[i]!.map((c) => ('value' in c ? c.value : null)) })),
        ...(needsReason ? { reason } : {}),
      },
    }, {
      onSuccess: (answer) => {
        const marks = answer.rows.filter((r) => r.mark !== null).length;
        setSaved(`Сохранено. Отметок за работу в журнале: ${marks}`);
      },
    });
  };

  const markColor = (m: number | null) => (m === 5 ? 'green' : m === 4 ? 'teal' : m === 3 ? 'yellow' : m === 2 ? 'red' : 'gray');
  return (
    <Stack gap="sm">
      {work.journalLesson
        ? <Text size="sm">Урок: {ruDate(work.journalLesson.date)}, {work.journalLesson.lessonNumber}-й урок</Text>
        : canWrite && (
          <NativeSelect label="Урок, на котором писали работу" value={chosenLesson} onChange={(e) => setLessonKey(e.currentTarget.value)} maw={320}
            data={options.length > 0 ? options : [{ value: '', label: lessons.isPending ? 'Загрузка…' : 'Нет прошедших уроков по предмету рядом с датой' }]} />
        )}
      <div role="region" aria-label="Таблица результатов" style={{ overflowX: 'auto' }}>
        <Table miw={240 + tasks.length * 64} withTableBorder withColumnBorders verticalSpacing={2} aria-label="Баллы учеников по заданиям">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" style={{ position: 'sticky', left: 0, background: 'var(--mantine-color-body)' }}>Ученик</Table.Th>
              {tasks.map((t) => (
                <Table.Th key={t.id} scope="col" ta="center" title={t.contentElementCodes.length > 0 ? `КЭС: ${t.contentElementCodes.join(', ')}` : undefined}>
                  {t.label}<Text span size="xs" c="dimmed"> /{t.maxPoints}</Text>
                </Table.Th>
              ))}
              <Table.Th scope="col" ta="center">Сумма</Table.Th>
              <Table.Th scope="col" ta="center">Отметка</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.rows.map((r, i) => {
              const values = parsed[i]!.map((c) => ('value' in c ? c.value : null));
              const written = values.some((v) => v !== null);
              const total = written ? totalPoints(values) : null;
              const mark = total === null ? null : markFromPoints(total, work.pointsScale as PointsScale);
              return (
                <Table.Tr key={r.studentId}>
                  <Table.Th scope="row" fw={500} style={{ position: 'sticky', left: 0, background: 'var(--mantine-color-body)', whiteSpace: 'nowrap' }}>{r.name}</Table.Th>
                  {tasks.map((t, j) => {
                    const cell = parsed[i]![j]!;
                    const problem = 'error' in cell ? cell.error : cell.over ?? serverErrors.get(`rows.${i}.points.${j}`);
                    return (
                      <Table.Td key={t.id} p={2} bg={problem ? 'var(--mantine-color-red-light)' : undefined}>
                        <input
                          ref={(el) => { if (el) inputs.current.set(`${i}:${j}`, el); else inputs.current.delete(`${i}:${j}`); }}
                          aria-label={`${r.name}, задание ${t.label}`} aria-invalid={problem ? true : undefined} title={problem}
                          inputMode="decimal" autoComplete="off" readOnly={!canWrite}
                          value={cells[i]![j]!} onChange={(e) => setCell(i, j, e.currentTarget.value)} onKeyDown={onKey(i, j)} onFocus={(e) => e.currentTarget.select()}
                          style={{ width: '100%', minWidth: 44, minHeight: 32, textAlign: 'center', font: 'inherit', border: 'none', background: 'transparent', color: 'inherit' }}
                        />
                      </Table.Td>
                    );
                  })}
                  <Table.Td ta="center" aria-label={`${r.name}: сумма`}>{total === null ? '—' : textOf(total)}</Table.Td>
                  <Table.Td ta="center" aria-label={`${r.name}: отметка`}>
                    {mark === null ? <Text span size="sm" c="dimmed">не писал</Text> : <Badge color={markColor(mark)} variant="light">{mark}</Badge>}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </div>
      {localErrors.length > 0 && (
        <Alert color="red" role="alert" title="Исправьте баллы">
          <List size="sm">{localErrors.slice(0, 10).map((m) => <List.Item key={m}>{m}</List.Item>)}</List>
        </Alert>
      )}
      {save.isError && (
        <Alert color="red" role="alert" title="Не сохранено">
          {serverErrors.size > 1 ? <List size="sm">{[...serverErrors.values()].map((m) => <List.Item key={m}>{m}</List.Item>)}</List> : errorMessage(save.error)}
        </Alert>
      )}
      {saved && <Alert color="green" role="status">{saved}</Alert>}
      {canWrite && (
        <Paper p={0}>
          <Group align="flex-end" gap="sm">
            {needsReason && <TextInput label="Причина исправления" value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} miw={260} />}
            <Button onClick={submit} loading={save.isPending} disabled={localErrors.length > 0 || (work.journalLesson === null && chosenLesson === '')}>
              Сохранить результаты
            </Button>
            <Text size="xs" c="dimmed">Enter — следующий ученик; пустая строка — «не писал».</Text>
          </Group>
        </Paper>
      )}
    </Stack>
  );
}

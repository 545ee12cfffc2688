// The journal grid of a class or group × subject × term (issue 6 item 9): students down, lessons
// across, marks and attendance in the cells, averages and the suggested period mark at the right.
// Keyboard entry like a spreadsheet (grid-model.ts): the table is one focus stop whose selected
// cell is its active descendant; typing opens an input in that cell; an edit is drawn at once and
// sent cell by cell, its answer replacing the drawn cell, a refusal putting the cell back with the
// server's message beside it. Rows are memoised: an edit or a move redraws only the rows it touches.
import {
  Alert, Anchor, Badge, Box, Button, CloseButton, Drawer, Group, NativeSelect, Paper, Popover, Stack, Table, Text, TextInput, Title, VisuallyHidden,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useRouter } from '@tanstack/react-router';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { AverageExplanationDto, ControlFormRefDto, GridDto, GridLessonDto, MarkDto } from '../../../../../contracts/journal';
import { addDays } from '../../../../../domain/calendar';
import { errorMessage, isApiError } from '../../../lib/api';
import { useOrgAccess } from '../../org/components/org-ui';
import { ensureJournalLesson, gridQuery, journalKey, newIdempotencyKey, sendCellOp, type GridTarget } from '../api/journal';
import {
  applyResult, buildRows, cellAt, codesOf, defaultFormId, inLesson, opTitle, scaleOfForm, withCell, type GridRow,
} from '../grid-data';
import {
  applyEntry, averageText, cellDescription, cellEditText, cellText, interpretEntry, keyAction, optimisticCell, planCellEdit,
  popUndo, pushUndo, shortDate, targetOf, type CellState, type CellTarget, type Cursor, type UndoStack,
} from '../grid-model';
import { cellCommentNote, commentsByMark } from '../mark-details';
import { lessonPath, gridPath } from '../paths';
import { CellHistory } from './cell-history';
import { MarkDetailsDialog } from './mark-details';
import { RouterAnchor } from './router-anchor';
import './journal-grid.css';
import { useIsAdministrator } from './journal-access';

export type GridSearch = GridTarget;

export function JournalGridPage({ search }: { search: GridSearch }) {
  const { schoolId } = useOrgAccess();
  if (schoolId === null) return <Alert color="gray">Выберите школу, чтобы открыть журнал.</Alert>;
  if (search.subjectId === '' || (!search.classId && !search.studyGroupId)) {
    return (
      <Alert color="gray">
        Выберите класс или группу и предмет на странице <Anchor component={Link} to="/journal">«Журнал»</Anchor>.
      </Alert>
    );
  }
  return <GridLoader schoolId={schoolId} search={search} />;
}

function GridLoader({ schoolId, search }: { schoolId: string; search: GridSearch }) {
  const grid = useQuery(gridQuery(schoolId, search));
  const router = useRouter();
  if (grid.isPending) return <Text c="dimmed" role="status">Загрузка журнала…</Text>;
  if (grid.isError) {
    return (
      <Stack gap="sm">
        <Title order={1}>Журнал</Title>
        <Alert color="red" role="alert">Не удалось открыть журнал: {errorMessage(grid.error)}</Alert>
        <Anchor component={Link} to="/journal">К выбору класса и предмета</Anchor>
      </Stack>
    );
  }
  const data = grid.data;
  const unit = data.class?.name ?? data.studyGroup?.name ?? '';
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={1} size="h2">{unit} · {data.subject.name}</Title>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <NativeSelect label="Период" value={data.period.id} w={200}
            data={data.periods.map((p) => ({ value: p.id, label: p.name }))}
            onChange={(e) => void router.navigate({ href: gridPath({ ...search, periodId: e.currentTarget.value }) })} />
          <Anchor component={Link} to="/journal">Другой класс или предмет</Anchor>
        </Group>
      </Group>
      <Grid key={`${data.subject.id}|${data.class?.id ?? data.studyGroup?.id}|${data.period.id}`} schoolId={schoolId} grid={data} />
    </Stack>
  );
}

type Editing = { text: string };
type CellError = { studentId: string; col: number; message: string };
/** Cells drawn locally since the server's grid was read, by student and column. */
type Overrides = ReadonlyMap<string, ReadonlyMap<number, CellState>>;

const cellKeyOf = (studentId: string, col: number) => `${studentId}|${col}`;

function Grid({ schoolId, grid }: { schoolId: string; grid: GridDto }) {
  const queryClient = useQueryClient();
  const isAdmin = useIsAdministrator();
  const codes = useMemo(() => codesOf(grid.attendanceCodes), [grid.attendanceCodes]);
  const baseRows = useMemo(() => buildRows(grid), [grid]);
  const [overrides, setOverrides] = useState<Overrides>(new Map());
  const rows = useMemo(() => baseRows.map((row) => {
    const mine = overrides.get(row.studentId);
    if (!mine) return row;
    let next = row;
    for (const [col, cell] of mine) next = withCell(next, col, cell);
    return next;
  }), [baseRows, overrides]);
  const lessons = grid.lessons;
  const shape = useMemo(() => ({ rows: rows.length, cols: lessons.length }), [rows.length, lessons.length]);
  const columnOf = useMemo(() => new Map(lessons.map((l, i) => [l.key, i])), [lessons]);

  // The cursor starts at the last lesson held by today.
  const [cursor, setCursor] = useState<Cursor>(() => ({ row: 0, col: Math.max(0, lessons.findLastIndex((l) => l.date <= grid.today)) }));
  const [editing, setEditing] = useState<Editing | null>(null);
  const [error, setError] = useState<CellError | null>(null);
  const [undo, setUndo] = useState<UndoStack>([]);
  const [formId, setFormId] = useState<string>(() => defaultFormId(grid.controlForms) ?? '');
  const [reason, setReason] = useState('');
  const [historyOf, setHistoryOf] = useState<{ studentId: string; col: number } | null>(null);
  const [detailsOf, setDetailsOf] = useState<{ studentId: string; col: number } | null>(null);
  // Comments saved from the details dialog since the grid was read, by mark id (null: cleared).
  // They hold until the grid is read again.
  const [savedComments, setSavedComments] = useState<{ grid: GridDto; byMark: ReadonlyMap<string, string | null> } | null>(null);
  const comments = useMemo(() => {
    const all = commentsByMark(grid.cells);
    if (savedComments?.grid !== grid) return all;
    for (const [markId, comment] of savedComments.byMark) {
      if (comment === null || comment === '') all.delete(markId);
      else all.set(markId, comment);
    }
    return all;
  }, [grid, savedComments]);
  const [ensured, setEnsured] = useState<Readonly<Record<string, string>>>({});
  const [live, setLive] = useState('');
  const tableRef = useRef<HTMLDivElement>(null);
  const readOnly = !grid.canWrite;
  const form = grid.controlForms.find((f) => f.id === formId);

  // What the running edits need without redrawing: the latest rows, the server's cells under
  // pending edits, the queue per cell, the lessons made so far.
  const rowsRef = useRef(rows);
  useEffect(() => { rowsRef.current = rows; }, [rows]);
  const confirmed = useRef(new Map<string, CellState>());
  const queues = useRef(new Map<string, Promise<void>>());
  const ensuredRef = useRef(new Map<string, string>());
  const refresh = useRef<ReturnType<typeof setTimeout> | null>(null);

  // New server data replaces the drawn cells that no edit is still waiting on.
  useEffect(() => {
    setOverrides((current) => {
      if (current.size === 0) return current;
      const next = new Map<string, Map<number, CellState>>();
      for (const [studentId, cols] of current) {
        for (const [col, cell] of cols) {
          if (!queues.current.has(cellKeyOf(studentId, col))) continue;
          next.set(studentId, new Map(next.get(studentId) ?? []).set(col, cell));
        }
      }
      return next;
    });
  }, [grid]);

  useEffect(() => () => { if (refresh.current) clearTimeout(refresh.current); }, []);

  const draw = useCallback((studentId: string, col: number, cell: CellState) => {
    setOverrides((current) => {
      const next = new Map(current);
      next.set(studentId, new Map(current.get(studentId) ?? []).set(col, cell));
      return next;
    });
  }, []);

  /** Averages come from the server: read the grid again once edits settle. */
  const refreshSoon = useCallback(() => {
    if (refresh.current) clearTimeout(refresh.current);
    refresh.current = setTimeout(() => {
      if (queues.current.size === 0) void queryClient.invalidateQueries({ queryKey: journalKey(schoolId) });
    }, 1200);
  }, [queryClient, schoolId]);

  const journalLessonIdOf = useCallback(async (lesson: GridLessonDto): Promise<string> => {
    if (lesson.journalLessonId) return lesson.journalLessonId;
    const known = ensuredRef.current.get(lesson.key);
    if (known) return known;
    const made = await ensureJournalLesson(schoolId, { timetableLessonId: lesson.timetableLessonId!, date: lesson.plannedDate! });
    ensuredRef.current.set(lesson.key, made.id);
    setEnsured((e) => ({ ...e, [lesson.key]: made.id }));
    return made.id;
  }, [schoolId]);

  /** Queues an edit of a cell to the target; the requests are planned from the server's cell when its turn comes. */
  const send = useCallback((rowIndex: number, col: number, target: CellTarget, undoable: boolean) => {
    const row = rowsRef.current[rowIndex];
    const lesson = lessons[col];
    if (!row || !lesson) return;
    const key = cellKeyOf(row.studentId, col);
    const shown = cellAt(row, col);
    if (!queues.current.has(key)) confirmed.current.set(key, shown);
    draw(row.studentId, col, optimisticCell(shown, target, codes));
    setError((e) => (e && e.studentId === row.studentId && e.col === col ? null : e));
    const previous = queues.current.get(key) ?? Promise.resolve();
    const actionKey = newIdempotencyKey();
    const task = previous.then(async () => {
      const before = confirmed.current.get(key) ?? shown;
      let cell = before;
      const ops = planCellEdit(before, target);
      if (ops.length === 0) return;
      let failed: string | null = null;
      try {
        const journalLessonId = await journalLessonIdOf(lesson);
        const deadline = addDays(lesson.date >= grid.today ? lesson.date : grid.today, 7);
        for (const [i, op] of ops.entries()) {
          try {
            const result = await sendCellOp(schoolId, journalLessonId, row.studentId, op, { key: `${actionKey}-${i}`, reason: isAdmin ? reason : undefined, debtDeadline: deadline });
            cell = applyResult(cell, result);
          } catch (e) {
            failed = `${opTitle(op)}: ${errorMessage(e)}`;
            if (isApiError(e) && (e.status === 412 || e.status === 404)) void queryClient.invalidateQueries({ queryKey: journalKey(schoolId) });
            break;
          }
        }
      } catch (e) {
        failed = errorMessage(e);
      }
      confirmed.current.set(key, cell);
      if (failed !== null) {
        setError({ studentId: row.studentId, col, message: failed });
        setLive(`${row.name}, ${shortDate(lesson.date)}: ${failed}`);
      } else if (undoable) {
        const after = targetOf(cell);
        setUndo((stack) => pushUndo(stack, { lessonKey: lesson.key, studentId: row.studentId, before: targetOf(before), after }));
      }
    });
    const settled = task.finally(() => {
      if (queues.current.get(key) !== settled) return;
      queues.current.delete(key);
      const cell = confirmed.current.get(key);
      confirmed.current.delete(key);
      if (cell) draw(row.studentId, col, cell);
      refreshSoon();
    });
    queues.current.set(key, settled);
  }, [lessons, codes, draw, journalLessonIdOf, grid.today, schoolId, isAdmin, reason, queryClient, refreshSoon]);

  const commit = useCallback((text: string) => {
    const row = rowsRef.current[cursor.row];
    if (!row) return;
    const r = interpretEntry(text, { scale: scaleOfForm(form?.scaleKind), codes });
    if (!r.ok) {
      setError({ studentId: row.studentId, col: cursor.col, message: r.message });
      setLive(r.message);
      return false;
    }
    if (!formId && (r.entry.kind === 'marks' || r.entry.kind === 'debt')) {
      setError({ studentId: row.studentId, col: cursor.col, message: 'Выберите форму контроля для новых отметок' });
      return false;
    }
    send(cursor.row, cursor.col, applyEntry(targetOf(cellAt(row, cursor.col)), r.entry, formId), true);
    return true;
  }, [cursor, form, codes, formId, send]);

  const undoLast = useCallback(() => {
    const popped = popUndo(undo);
    if (!popped) {
      setLive('Отменять нечего');
      return;
    }
    setUndo(popped.rest);
    const col = columnOf.get(popped.entry.lessonKey);
    const rowIndex = rowsRef.current.findIndex((r) => r.studentId === popped.entry.studentId);
    if (col === undefined || rowIndex < 0) return;
    setCursor({ row: rowIndex, col });
    send(rowIndex, col, popped.entry.before, false);
    setLive(`Отменено: ${rowsRef.current[rowIndex]!.name}, ${shortDate(lessons[col]!.date)}`);
  }, [undo, columnOf, send, lessons]);

  const openDetails = useCallback((rowIndex: number, col: number) => {
    const row = rowsRef.current[rowIndex];
    const lesson = lessons[col];
    if (!row || !lesson) return;
    if (cellAt(row, col).marks.length === 0) {
      setLive(`${row.name}, ${shortDate(lesson.date)}: в клетке нет отметок`);
      return;
    }
    setDetailsOf({ studentId: row.studentId, col });
  }, [lessons]);

  /** A saved comment or КЭС codes: the cell takes the mark's new version at once (unless an edit of it is on its way). */
  const onDetailsSaved = useCallback((mark: MarkDto) => {
    setSavedComments((current) => ({ grid, byMark: new Map(current?.grid === grid ? current.byMark : []).set(mark.id, mark.comment) }));
    const col = columnOf.get(mark.journalLessonId) ?? lessons.findIndex((l) => ensuredRef.current.get(l.key) === mark.journalLessonId);
    const row = rowsRef.current.find((r) => r.studentId === mark.studentId);
    if (!row || col < 0 || queues.current.has(cellKeyOf(row.studentId, col))) return;
    draw(row.studentId, col, applyResult(cellAt(row, col), { kind: 'mark', mark }));
  }, [grid, columnOf, lessons, draw]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Shift+Enter on a selected cell: its marks' comments and КЭС codes.
    if (editing === null && event.key === 'Enter' && event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      openDetails(cursor.row, cursor.col);
      return;
    }
    const action = keyAction(event, editing !== null, cursor, shape, readOnly);
    if (action === null) return;
    if (action.type === 'leave') return;
    event.preventDefault();
    switch (action.type) {
      case 'move': setCursor(action.to); setError(null); break;
      case 'edit': {
        const row = rows[cursor.row];
        if (!row) return;
        setEditing({ text: action.replace ? action.text : cellEditText(cellAt(row, cursor.col)) });
        break;
      }
      case 'commit': {
        const saved = editing ? commit(editing.text) : true;
        setEditing(null);
        tableRef.current?.focus({ preventScroll: true });
        if (saved !== false && action.then) setCursor(action.then);
        break;
      }
      case 'cancel': setEditing(null); tableRef.current?.focus({ preventScroll: true }); break;
      case 'clear': {
        const row = rows[cursor.row];
        if (row && (row.cells[cursor.col] !== undefined)) send(cursor.row, cursor.col, { marks: [], attendance: null }, true);
        break;
      }
      case 'undo': undoLast(); break;
      case 'history': {
        const row = rows[cursor.row];
        if (row) setHistoryOf({ studentId: row.studentId, col: cursor.col });
        break;
      }
    }
  };

  // A refusal stands just under its cell, following the grid's scroll.
  const errorRef = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const box = tableRef.current;
    const note = errorRef.current;
    if (!error || !box || !note) return;
    const rowIndex = rows.findIndex((r) => r.studentId === error.studentId);
    const place = () => {
      const cell = box.querySelector<HTMLElement>(`#${cellDomId(rowIndex, error.col)}`);
      const frame = box.parentElement?.getBoundingClientRect();
      if (!cell || !frame) return;
      const c = cell.getBoundingClientRect();
      note.style.top = `${c.bottom - frame.top + 2}px`;
      note.style.left = `${Math.max(0, Math.min(c.left - frame.left, frame.width - note.offsetWidth))}px`;
    };
    place();
    box.addEventListener('scroll', place, { passive: true });
    return () => box.removeEventListener('scroll', place);
  }, [error, rows]);

  // Keep the selected cell in view, clear of the sticky names, heads and averages.
  useEffect(() => {
    const box = tableRef.current;
    const cell = box?.querySelector<HTMLElement>(`#${cellDomId(cursor.row, cursor.col)}`);
    if (box && cell) revealCell(box, cell);
  }, [cursor]);

  const selectedRow = rows[cursor.row];
  const selectedLesson = lessons[cursor.col];
  const selectedCell = selectedRow ? cellAt(selectedRow, cursor.col) : null;
  const selectedNote = selectedCell ? cellCommentNote(selectedCell.marks, comments) : null;
  const historyRow = historyOf ? rows.find((r) => r.studentId === historyOf.studentId) : undefined;
  const historyLesson = historyOf ? lessons[historyOf.col] : undefined;
  const historyLessonId = historyLesson ? historyLesson.journalLessonId ?? ensured[historyLesson.key] ?? null : null;
  const detailsRow = detailsOf ? rows.find((r) => r.studentId === detailsOf.studentId) : undefined;
  const detailsLesson = detailsOf ? lessons[detailsOf.col] : undefined;
  const detailsLessonId = detailsLesson ? detailsLesson.journalLessonId ?? ensured[detailsLesson.key] ?? null : null;
  const onCellClick = useCallback((row: number, col: number) => { setCursor({ row, col }); setEditing(null); setError(null); tableRef.current?.focus({ preventScroll: true }); }, []);
  const onOpenHistory = useCallback((studentId: string, col: number) => setHistoryOf({ studentId, col }), []);
  const onEditText = useCallback((text: string) => setEditing({ text }), []);

  return (
    <Stack gap="xs">
      {readOnly
        ? <Alert color="gray" variant="light">Журнал открыт только для просмотра: его ведёт учитель предмета.</Alert>
        : (
          <Group gap="sm" align="flex-end" wrap="wrap">
            <NativeSelect label="Форма контроля новых отметок" value={formId} onChange={(e) => setFormId(e.currentTarget.value)} miw={240} maw="100%"
              data={grid.controlForms.length === 0 ? [{ value: '', label: 'Нет форм контроля' }] : grid.controlForms.map((f) => ({ value: f.id, label: formLabel(f) }))} />
            {isAdmin && (
              <TextInput label="Причина исправления" description="Администратор исправляет журнал учителя только с причиной" value={reason}
                onChange={(e) => setReason(e.currentTarget.value)} miw={260} />
            )}
            <Button variant="default" onClick={undoLast} disabled={undo.length === 0} title="Ctrl+Z">Отменить последнее</Button>
          </Group>
        )}
      <Text size="xs" c="dimmed" id="journal-grid-help">
        {readOnly
          ? 'Стрелки — по клеткам; Enter — история клетки; Shift+Enter — комментарии и коды КЭС отметок.'
          : 'Стрелки, Tab, Home, End — по клеткам. Наберите «5», «4/5», «н», «о15» или «.» (точка) и нажмите Enter; Esc — отменить ввод; Delete — очистить; Ctrl+Z — отменить последнее; Alt+Enter — история клетки; Shift+Enter — комментарий и коды КЭС отметок.'}
      </Text>
      <Group gap="xs" align="stretch" wrap="wrap">
        <Paper withBorder p={6} radius="sm" aria-live="polite" mih={34} style={{ flex: '1 1 260px' }}>
          <Text size="sm">
            {selectedLesson && selectedRow
              ? <>
                <b>{selectedRow.fullName}</b> · {shortDate(selectedLesson.date)}, {selectedLesson.lessonNumber}-й урок
                {selectedLesson.topic ? ` · ${selectedLesson.topic}` : ' · тема не указана'}
                {selectedCell ? ` · ${cellDescription(selectedCell, codes)}` : ''}
                {selectedNote !== null ? ` · комментарий: ${selectedNote}` : ''}
                {!selectedLesson.canWrite && !readOnly ? ' · срок выставления отметок за урок истёк' : ''}
              </>
              : 'В журнале нет учеников или уроков за этот период.'}
          </Text>
        </Paper>
        <Button variant="default" onClick={() => openDetails(cursor.row, cursor.col)} disabled={!selectedCell || selectedCell.marks.length === 0}
          title="Shift+Enter" h="auto" mih={34}>
          {readOnly ? 'Комментарии и КЭС' : 'Комментарий и КЭС'}
        </Button>
      </Group>
      <VisuallyHidden role="status">{live}</VisuallyHidden>
      {lessons.length === 0 || rows.length === 0
        ? <Alert color="gray">{rows.length === 0 ? 'В классе (группе) нет учеников за этот период.' : 'Уроков этого предмета за период нет.'}</Alert>
        : (
          <Box pos="relative">
          <Box ref={tableRef} role="grid" tabIndex={0} aria-label={`Журнал: ${grid.class?.name ?? grid.studyGroup?.name ?? ''}, ${grid.subject.name}, ${grid.period.name}`}
            aria-describedby="journal-grid-help" aria-rowcount={rows.length + 1} aria-colcount={lessons.length + 3}
            aria-activedescendant={cellDomId(cursor.row, cursor.col)} aria-readonly={readOnly || undefined}
            onKeyDown={onKeyDown} className="journal-grid" data-testid="journal-grid"
            style={{ overflow: 'auto', maxHeight: '70dvh', border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-sm)', outlineOffset: 2 }}>
            <Table withColumnBorders verticalSpacing={2} horizontalSpacing={4} style={{ borderCollapse: 'separate', borderSpacing: 0, width: 'max-content' }}>
              <Table.Thead style={{ position: 'sticky', top: 0, zIndex: 3, background: 'var(--mantine-color-body)' }}>
                <Table.Tr role="row">
                  <Table.Th role="columnheader" className="jg-name">Ученик</Table.Th>
                  {lessons.map((l, i) => (
                    <LessonHead key={l.key} lesson={l} journalLessonId={l.journalLessonId ?? ensured[l.key] ?? null} selected={i === cursor.col} today={grid.today} />
                  ))}
                  <Table.Th role="columnheader" className="jg-avg" title="Средневзвешенный балл и отметка за период">Средний</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row, i) => (
                  <GridRowView key={row.studentId} row={row} rowIndex={i} lessons={lessons}
                    selectedCol={i === cursor.row ? cursor.col : -1}
                    editing={i === cursor.row ? editing : null}
                    onEditText={onEditText} comments={comments}
                    onCellClick={onCellClick} onOpenHistory={onOpenHistory} />
                ))}
              </Table.Tbody>
            </Table>
          </Box>
          {error && (
            <Paper ref={errorRef} role="alert" shadow="sm" p={6} withBorder data-cell-error
              style={{ position: 'absolute', top: 0, left: 0, zIndex: 5, width: 260, borderColor: 'var(--mantine-color-red-6)' }}>
              <Text size="xs" c="red.8">{error.message}</Text>
            </Paper>
          )}
          </Box>
        )}
      <Drawer opened={historyOf !== null} onClose={() => setHistoryOf(null)} position="right" size="md"
        title={historyRow && historyLesson ? `История: ${historyRow.fullName}, ${shortDate(historyLesson.date)}` : 'История клетки'}>
        {historyOf && (historyLessonId
          ? <CellHistory schoolId={schoolId} journalLessonId={historyLessonId} studentId={historyOf.studentId} controlForms={grid.controlForms} />
          : <Text c="dimmed" size="sm">В этой клетке ещё ничего не ставили.</Text>)}
      </Drawer>
      <MarkDetailsDialog schoolId={schoolId} grid={grid} reason={isAdmin ? reason : undefined}
        target={detailsRow && detailsLesson ? { studentId: detailsRow.studentId, studentName: detailsRow.fullName, lesson: detailsLesson, journalLessonId: detailsLessonId } : null}
        editable={!readOnly && (detailsLesson?.canWrite ?? false)} onSaved={onDetailsSaved} onClose={() => setDetailsOf(null)} />
      <GridLegend />
    </Stack>
  );
}

export const cellDomId = (row: number, col: number) => `jc-${row}-${col}`;

/** Scrolls the grid's box so that a cell shows beside the sticky name column and under the sticky head. */
function revealCell(box: HTMLElement, cell: HTMLElement) {
  const b = box.getBoundingClientRect();
  const c = cell.getBoundingClientRect();
  const row = cell.parentElement;
  const left = (row?.firstElementChild as HTMLElement | null)?.getBoundingClientRect().width ?? 0;
  const right = (row?.lastElementChild as HTMLElement | null)?.getBoundingClientRect().width ?? 0;
  const top = box.querySelector('thead')?.getBoundingClientRect().height ?? 0;
  if (c.left < b.left + left) box.scrollLeft -= b.left + left - c.left;
  else if (c.right > b.right - right) box.scrollLeft += c.right - (b.right - right);
  if (c.top < b.top + top) box.scrollTop -= b.top + top - c.top;
  else if (c.bottom > b.bottom) box.scrollTop += c.bottom - b.bottom;
}
const formLabel = (f: ControlFormRefDto) => `${f.name} (${f.shortName}, вес ${String(f.weight).replace('.', ',')})`;


/** Memoised like the rows: a move of the cursor redraws the two heads it leaves and enters, not all of them. */
const LessonHead = memo(function LessonHead({ lesson: l, journalLessonId, selected, today }: { lesson: GridLessonDto; journalLessonId: string | null; selected: boolean; today: string }) {
  const title = [
    `${shortDate(l.date)}, ${l.lessonNumber}-й урок`,
    l.topic ? `Тема: ${l.topic}` : 'Тема не указана',
    l.isControlWork ? 'Контрольная работа' : null,
    l.homeworkCount > 0 ? `Домашнее задание: ${l.homeworkCount}` : null,
    l.kind === 'extracurricular' ? 'Внеурочное занятие' : null,
    l.format === 'distance' ? 'Дистанционно' : null,
    !l.canWrite ? 'Запись закрыта' : null,
  ].filter(Boolean).join('\n');
  const label = (
    <>
      <span style={{ display: 'block', fontWeight: l.date === today ? 800 : 600 }}>{shortDate(l.date)}</span>
      <span style={{ display: 'block', fontSize: 10, color: 'var(--mantine-color-dimmed)' }}>
        {l.lessonNumber} ур.{l.isControlWork ? ' · К' : ''}{l.homeworkCount > 0 ? ' · Д' : ''}
      </span>
    </>
  );
  return (
    <Table.Th role="columnheader" title={title} data-lesson-key={l.key}
      style={{ minWidth: 44, textAlign: 'center', whiteSpace: 'nowrap', background: selected ? 'var(--mantine-color-blue-light)' : 'var(--mantine-color-body)',
        borderBottom: l.isControlWork ? '3px solid var(--mantine-color-red-6)' : undefined }}>
      {journalLessonId
        ? <RouterAnchor href={lessonPath(journalLessonId)} tabIndex={-1} c="inherit" underline="hover" aria-label={title.replaceAll('\n', '. ')}>{label}</RouterAnchor>
        : label}
      <VisuallyHidden>{l.topic ? `, ${l.topic}` : ''}</VisuallyHidden>
    </Table.Th>
  );
});

type RowProps = {
  row: GridRow;
  rowIndex: number;
  lessons: readonly GridLessonDto[];
  /** The selected column when the cursor is in this row, else -1. */
  selectedCol: number;
  editing: Editing | null;
  onEditText: (text: string) => void;
  onCellClick: (row: number, col: number) => void;
  onOpenHistory: (studentId: string, col: number) => void;
  /** Comments of the grid's marks by mark id. */
  comments: ReadonlyMap<string, string>;
};

const GridRowView = memo(function GridRowView({ row, rowIndex, lessons, selectedCol, editing, onEditText, onCellClick, onOpenHistory, comments }: RowProps) {
  return (
    <Table.Tr role="row" aria-rowindex={rowIndex + 2}>
      <Table.Th role="rowheader" scope="row" className="jg-name" style={{ fontWeight: 500, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }} title={row.fullName}>
        <Text span size="xs" c="dimmed" mr={4}>{row.number}.</Text>{row.name}
      </Table.Th>
      {lessons.map((l, col) => {
        const cell = row.cells[col];
        const selected = col === selectedCol;
        const outside = !inLesson(row, l);
        const text = cell ? cellText(cell) : '';
        const absent = cell?.attendance && cell.attendance.category !== 'late';
        const note = cell ? cellCommentNote(cell.marks, comments) : null;
        return (
          <Table.Td key={l.key} id={cellDomId(rowIndex, col)} role="gridcell" aria-selected={selected} aria-colindex={col + 2}
            aria-label={`${row.name}, ${shortDate(l.date)}: ${text === '' ? 'пусто' : text}${note === null ? '' : `; комментарий: ${note}`}`}
            title={note === null ? undefined : `Комментарий: ${note}`} data-commented={note === null ? undefined : true}
            onClick={() => onCellClick(rowIndex, col)} onDoubleClick={() => onOpenHistory(row.studentId, col)}
            data-student={row.studentId} data-lesson-key={l.key} data-value={text}
            style={{
              position: 'relative', textAlign: 'center', minWidth: 44, height: 30, cursor: 'cell', whiteSpace: 'nowrap',
              fontWeight: 600, color: absent ? 'var(--mantine-color-red-7)' : undefined,
              background: selected ? 'var(--mantine-color-blue-light)' : outside ? 'var(--mantine-color-gray-light)' : !l.canWrite ? 'var(--mantine-color-default-hover)' : undefined,
              outline: selected ? '2px solid var(--mantine-color-blue-6)' : undefined, outlineOffset: -2,
            }}>
            {selected && editing
              ? <CellInput text={editing.text} onChange={onEditText} />
              : text}
            {note !== null && !(selected && editing) && <span aria-hidden style={commentMark} />}
          </Table.Td>
        );
      })}
      <Table.Td className="jg-avg">
        <AverageCell explanation={row.explanation} name={row.fullName} />
      </Table.Td>
    </Table.Tr>
  );
});

/** The corner of a cell whose mark has a comment. */
const commentMark = {
  position: 'absolute', top: 0, right: 0, width: 0, height: 0,
  borderTop: '7px solid var(--mantine-color-orange-6)', borderLeft: '7px solid transparent',
} as const;

function CellInput({ text, onChange }: { text: string; onChange: (text: string) => void }) {
  return (
    <input autoFocus aria-label="Отметка или код посещаемости" value={text} onChange={(e) => onChange(e.currentTarget.value)}
      onFocus={(e) => { const end = e.currentTarget.value.length; e.currentTarget.setSelectionRange(end, end); }}
      style={{ width: '100%', minWidth: 40, font: 'inherit', textAlign: 'center', border: 'none', outline: 'none', background: 'var(--mantine-color-body)', padding: 0 }} />
  );
}

function AverageCell({ explanation: e, name }: { explanation: AverageExplanationDto | null; name: string }) {
  const [opened, setOpened] = useState(false);
  if (!e || e.average === null) return <Text span c="dimmed" size="sm">—</Text>;
  return (
    <Popover opened={opened} onChange={setOpened} position="left" withArrow shadow="md" width={320}>
      <Popover.Target>
        <Button size="compact-xs" variant="subtle" onClick={() => setOpened((o) => !o)} tabIndex={-1}
          aria-label={`Средний балл ${e.averageText ?? averageText(e.average)}${e.suggested ? `, отметка за период ${e.suggested}` : ''}: как посчитан, ${name}`}>
          {e.averageText ?? averageText(e.average)}{e.suggested !== null && <Badge ml={4} size="xs" variant="light">{e.suggested}</Badge>}
        </Button>
      </Popover.Target>
      <Popover.Dropdown onKeyDown={(ev) => { if (ev.key === 'Escape') setOpened(false); ev.stopPropagation(); }}>
        <AverageExplanation explanation={e} onClose={() => setOpened(false)} />
      </Popover.Dropdown>
    </Popover>
  );
}

export function AverageExplanation({ explanation: e, onClose }: { explanation: AverageExplanationDto; onClose?: () => void }) {
  return (
    <Stack gap={4}>
      <Group justify="space-between" wrap="nowrap">
        <Text fw={600} size="sm">Средний балл {e.averageText ?? averageText(e.average)}</Text>
        {onClose && <CloseButton size="sm" onClick={onClose} aria-label="Закрыть" />}
      </Group>
      {e.counted.length > 0 && (
        <Table withRowBorders={false} verticalSpacing={0} fz="xs">
          <Table.Thead><Table.Tr><Table.Th>Дата</Table.Th><Table.Th>Отметка</Table.Th><Table.Th>Форма</Table.Th><Table.Th>Вес</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {e.counted.map((m, i) => (
              <Table.Tr key={i}>
                <Table.Td>{shortDate(m.date)}</Table.Td>
                <Table.Td>{String(m.value)}{m.fivePoint !== m.value ? ` → ${m.fivePoint}` : ''}</Table.Td>
                <Table.Td>{m.formName}</Table.Td>
                <Table.Td>{String(m.weight).replace('.', ',')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Text size="xs">Σ отметка × вес = {String(e.sumWeighted).replace('.', ',')}; Σ весов = {String(e.sumWeights).replace('.', ',')}</Text>
      {e.skipped.length > 0 && (
        <Text size="xs" c="dimmed">Не учтены: {e.skipped.map((s) => `${shortDate(s.date)} ${s.value ?? '•'} — ${s.reason}`).join('; ')}</Text>
      )}
      <Text size="xs">{e.rounding}</Text>
      <Text size="xs" fw={600}>{e.suggested !== null ? `Отметка за период: ${e.suggested}. ` : ''}{e.suggestedReason}</Text>
    </Stack>
  );
}

function GridLegend() {
  return (
    <Text size="xs" c="dimmed">
      «К» — контрольная работа, «Д» — домашнее задание, «•» — точка (долг); серые клетки — ученик не в классе в этот день, затенённые — запись закрыта.
    </Text>
  );
}

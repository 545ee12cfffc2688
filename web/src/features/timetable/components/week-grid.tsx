// The week of a class, a teacher or a room: days across on a wide screen, one day at a time on a
// phone. Those who edit the timetable move a lesson by dragging it, or by the keyboard — focus
// it, Enter or Space to pick it up, the arrows to choose the cell, Enter to put it there, Escape
// to cancel; before the drop the target cell shows what the server's check says (the clashes in
// red), and a lesson with a clash is not saved. «Закрепить» keeps a lesson where it is when the
// rest is generated again.
import { ActionIcon, Alert, Anchor, Badge, Box, Group, SegmentedControl, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { TimetableGridDto, TimetableGridLessonDto, TimetableMoveCheckDto, TimetableViewKind } from '../../../../../contracts/timetable-versions';
import { errorMessage } from '../../../lib/api';
import { checkQuery, useLockLessons, useMoveLesson, useRemoveLesson } from '../api/timetable';
import { cellKey, detailOf, isArrow, lessonName, lessonsByCell, sameCell, stepCell, unitOf, type Cell } from '../grid';

type Moving = { lesson: TimetableGridLessonDto; target: Cell; via: 'keyboard' | 'drag' };
type Notice = { tone: 'ok' | 'error'; text: string };

const number = (x: number): string => x.toLocaleString('ru-RU', { maximumFractionDigits: 2 });

export function WeekGrid({ schoolId, grid, view, title, canWrite }: {
  schoolId: string; grid: TimetableGridDto; view: TimetableViewKind; title: string; canWrite: boolean;
}) {
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  const queryClient = useQueryClient();
  const move = useMoveLesson(schoolId);
  const lock = useLockLessons(schoolId);
  const remove = useRemoveLesson(schoolId);
  const instructions = useId();
  const wrapper = useRef<HTMLDivElement>(null);
  /** The lesson to focus once it shows in this cell (after a move or a cancel). */
  const focusAfter = useRef<{ id: string; cell: string } | null>(null);
  const dropping = useRef(false);
  const [moving, setMoving] = useState<Moving | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const todayWeekday = ((new Date().getDay() + 6) % 7) + 1;
  const [shownDay, setShownDay] = useState<number>(grid.days.some((d) => d.weekday === todayWeekday) ? todayWeekday : grid.days[0]?.weekday ?? 1);

  const cells = useMemo(() => lessonsByCell(grid.lessons), [grid.lessons]);
  const dayName = (weekday: number) => grid.days.find((d) => d.weekday === weekday)?.name ?? '';
  const days = phone ? grid.days.filter((d) => d.weekday === shownDay) : grid.days;

  // What the server says of the target cell, asked a moment after the target settles.
  const [settled] = useDebouncedValue(moving?.target ?? null, 120);
  const away = moving !== null && settled !== null && !sameCell(settled, moving.lesson);
  const check = useQuery({
    ...checkQuery(schoolId, grid.timetableId, grid.version, moving?.lesson.id ?? '', { weekday: settled?.weekday ?? 1, lessonNumber: settled?.lessonNumber ?? 1 }),
    enabled: away,
  });
  const checked: TimetableMoveCheckDto | null = away && moving && settled && sameCell(settled, moving.target) && check.data ? check.data : null;

  useEffect(() => {
    const want = focusAfter.current;
    if (!want || moving) return;
    const el = wrapper.current?.querySelector<HTMLElement>(`[data-lesson-id="${want.id}"]`);
    if (el && el.dataset.cell === want.cell) {
      el.focus();
      focusAfter.current = null;
    }
  });

  const finish = (lesson: TimetableGridLessonDto, at: Cell) => {
    focusAfter.current = { id: lesson.id, cell: cellKey(at) };
    if (phone) setShownDay(at.weekday);
    setMoving(null);
  };

  async function drop(at?: Cell): Promise<void> {
    if (!moving) return;
    const { lesson, via } = moving;
    const target = at ?? moving.target;
    if (sameCell(target, lesson)) {
      finish(lesson, lesson);
      return;
    }
    const body = { weekday: target.weekday, lessonNumber: target.lessonNumber };
    const where = `${dayName(target.weekday)}, ${target.lessonNumber} урок`;
    let result: TimetableMoveCheckDto;
    try {
      result = await queryClient.fetchQuery(checkQuery(schoolId, grid.timetableId, grid.version, lesson.id, body));
    } catch (error) {
      setNotice({ tone: 'error', text: `Урок не перенесён: ${errorMessage(error)}` });
      if (via === 'drag') finish(lesson, lesson);
      return;
    }
    if (result.clashes.length > 0) {
      setNotice({ tone: 'error', text: `Урок не перенесён на ${where}: ${result.clashes.map((c) => c.message).join('; ')}` });
      if (via === 'drag') finish(lesson, lesson);
      return;
    }
    move.mutate({ timetableId: grid.timetableId, version: grid.version, lessonId: lesson.id, body }, {
      onSuccess: () => {
        setNotice({ tone: 'ok', text: `Урок перенесён: ${lesson.subject.name}, ${unitOf(lesson)} — ${where}` });
        finish(lesson, target);
      },
      onError: (error) => {
        setNotice({ tone: 'error', text: `Урок не перенесён: ${errorMessage(error)}` });
        if (via === 'drag') finish(lesson, lesson);
      },
    });
  }

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (moving?.via === 'keyboard') {
      if (isArrow(event.key)) {
        event.preventDefault();
        const next = stepCell(moving.target, event.key, grid);
        setMoving({ ...moving, target: next });
        if (phone) setShownDay(next.weekday);
      } else if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        if (!move.isPending) void drop();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        setNotice({ tone: 'ok', text: 'Перенос отменён' });
        finish(moving.lesson, moving.lesson);
      }
      return;
    }
    if (!canWrite || (event.key !== 'Enter' && event.key !== ' ')) return;
    const id = (event.target as HTMLElement).closest<HTMLElement>('[data-lesson-id]')?.dataset.lessonId;
    const lesson = grid.lessons.find((l) => l.id === id);
    if (!lesson) return;
    event.preventDefault();
    setNotice(null);
    setMoving({ lesson, target: { weekday: lesson.weekday, lessonNumber: lesson.lessonNumber }, via: 'keyboard' });
    // The wrapper takes the keys while the lesson travels (on a phone its day may leave the screen).
    wrapper.current?.focus();
  };

  const onDragOver = (event: DragEvent, cell: Cell) => {
    if (moving?.via !== 'drag') return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    if (!sameCell(moving.target, cell)) setMoving({ ...moving, target: cell });
  };
  const onDrop = (event: DragEvent, cell: Cell) => {
    if (moving?.via !== 'drag') return;
    event.preventDefault();
    dropping.current = true;
    void drop(cell).finally(() => { dropping.current = false; });
  };

  const live = moving
    ? `Перенос: ${lessonName(moving.lesson, dayName(moving.lesson.weekday))} → ${dayName(moving.target.weekday)}, ${moving.target.lessonNumber} урок. ${
      sameCell(moving.target, moving.lesson) ? 'Это его место.' : checked ? targetSummary(checked) : 'Проверка…'}`
    : '';

  return (
    <Stack gap="xs">
      {canWrite && (
        <Text size="xs" c="dimmed" id={instructions}>
          Перетащите урок в другую клетку или выберите его и нажмите Enter (пробел), стрелками выберите клетку, Enter — поставить, Escape — отменить.
        </Text>
      )}
      {notice && (
        <Alert color={notice.tone === 'ok' ? 'green' : 'red'} role={notice.tone === 'ok' ? 'status' : 'alert'} withCloseButton onClose={() => setNotice(null)}
          closeButtonLabel="Закрыть сообщение">
          {notice.text}
        </Alert>
      )}
      {phone && grid.days.length > 1 && (
        <SegmentedControl fullWidth aria-label="День недели" value={String(shownDay)} onChange={(v) => setShownDay(Number(v))}
          data={grid.days.map((d) => ({ value: String(d.weekday), label: d.shortName }))} />
      )}
      <VisuallyHidden aria-live="polite">{live}</VisuallyHidden>
      <Box
        ref={wrapper}
        tabIndex={-1}
        role="group"
        aria-label={title}
        onKeyDown={onKeyDown}
        style={{ overflowX: 'auto', outline: moving?.via === 'keyboard' ? '2px solid var(--mantine-color-blue-5)' : undefined, borderRadius: 4 }}
      >
        <Table withTableBorder withColumnBorders layout="fixed" miw={phone ? undefined : 140 * days.length + 48} aria-label={title}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w={48}>Урок</Table.Th>
              {days.map((d) => <Table.Th key={d.weekday} scope="col">{d.name}</Table.Th>)}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {grid.lessonNumbers.map((n) => (
              <Table.Tr key={n}>
                <Table.Th scope="row" ta="center">{n}</Table.Th>
                {days.map((d) => {
                  const cell = { weekday: d.weekday, lessonNumber: n };
                  const here = cells.get(cellKey(cell)) ?? [];
                  const isTarget = moving !== null && sameCell(moving.target, cell);
                  const clash = isTarget && checked !== null && checked.clashes.length > 0;
                  return (
                    <Table.Td
                      key={d.weekday}
                      data-cell={cellKey(cell)}
                      data-target={isTarget ? (clash ? 'clash' : 'free') : undefined}
                      onDragOver={(e) => onDragOver(e, cell)}
                      onDrop={(e) => onDrop(e, cell)}
                      style={{
                        verticalAlign: 'top', padding: 4,
                        outline: isTarget ? `3px solid var(--mantine-color-${clash ? 'red' : 'blue'}-6)` : undefined, outlineOffset: -3,
                        background: clash ? 'var(--mantine-color-red-light)' : isTarget ? 'var(--mantine-color-blue-light)' : undefined,
                      }}
                    >
                      <Stack gap={4}>
                        {here.map((l) => (
                          <LessonCard key={l.id} lesson={l} view={view} dayName={d.name} canWrite={canWrite} instructions={instructions}
                            picked={moving?.lesson.id === l.id}
                            onDragStart={(e) => {
                              e.dataTransfer.setData('text/plain', l.id);
                              e.dataTransfer.effectAllowed = 'move';
                              // The notice stays: taking it away would shift the grid under the pointer.
                              setMoving({ lesson: l, target: { weekday: l.weekday, lessonNumber: l.lessonNumber }, via: 'drag' });
                            }}
                            onDragEnd={() => { if (!dropping.current) setMoving((m) => (m?.via === 'drag' ? null : m)); }}
                            locking={lock.isPending && lock.variables?.lessonIds.includes(l.id) === true}
                            onLock={() => lock.mutate({ timetableId: grid.timetableId, version: grid.version, lessonIds: [l.id], locked: !l.locked }, {
                              onSuccess: () => setNotice({ tone: 'ok', text: `${l.locked ? 'Урок откреплён' : 'Урок закреплён'}: ${lessonName(l, d.name)}` }),
                              onError: (error) => setNotice({ tone: 'error', text: errorMessage(error) }),
                            })}
                            removing={remove.isPending && remove.variables?.lessonId === l.id}
                            onRemove={() => {
                              if (!window.confirm(`Удалить из расписания: ${lessonName(l, d.name)}?${l.kind === 'regular' ? ' Этот час нагрузки останется нераспределённым.' : ''}`)) return;
                              remove.mutate({ timetableId: grid.timetableId, version: grid.version, lessonId: l.id }, {
                                onSuccess: () => setNotice({ tone: 'ok', text: `Удалено: ${lessonName(l, d.name)}` }),
                                onError: (error) => setNotice({ tone: 'error', text: errorMessage(error) }),
                              });
                            }}
                          />
                        ))}
                        {isTarget && moving && !sameCell(cell, moving.lesson) && <TargetNote checked={checked} />}
                      </Stack>
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Box>
      {grid.lessons.length === 0 && <Text c="dimmed" size="sm">Уроков нет.</Text>}
    </Stack>
  );
}

const targetSummary = (c: TimetableMoveCheckDto): string => (c.clashes.length > 0
  ? `Накладка: ${c.clashes.map((x) => x.message).join('; ')}`
  : `Свободно. После переноса нарушений: ${c.evaluationAfter.hard}, штраф ${number(c.evaluationAfter.softPenalty)}.${c.newViolations.length > 0 ? ` Появится: ${c.newViolations.join('; ')}` : ''}`);

/** What the check says of the cell a lesson is about to be put in. */
function TargetNote({ checked }: { checked: TimetableMoveCheckDto | null }) {
  if (!checked) return <Text size="xs" c="dimmed">Проверка…</Text>;
  if (checked.clashes.length > 0) {
    return (
      <Stack gap={2}>
        <Text size="xs" fw={700} c="red.8">Накладка — сюда нельзя:</Text>
        {checked.clashes.map((c, i) => <Text key={i} size="xs" c="red.8">{c.message}</Text>)}
      </Stack>
    );
  }
  const worse = checked.evaluationAfter.hard > checked.evaluationBefore.hard;
  return (
    <Stack gap={2}>
      <Text size="xs" fw={700} c="green.8">Свободно</Text>
      <Text size="xs" c={worse ? 'orange.8' : 'dimmed'}>
        После переноса: нарушений {checked.evaluationAfter.hard}, штраф {number(checked.evaluationAfter.softPenalty)}
      </Text>
      {checked.newViolations.map((m, i) => <Text key={i} size="xs" c="orange.8">{m}</Text>)}
    </Stack>
  );
}

const kindLabels: Record<string, string> = { extracurricular: 'Внеурочное', additional: 'Доп. образование' };

function LessonCard({ lesson, view, dayName, canWrite, instructions, picked, onDragStart, onDragEnd, onLock, locking, onRemove, removing }: {
  lesson: TimetableGridLessonDto; view: TimetableViewKind; dayName: string; canWrite: boolean; instructions: string; picked: boolean;
  onDragStart: (e: DragEvent) => void; onDragEnd: () => void; onLock: () => void; locking: boolean; onRemove: () => void; removing: boolean;
}) {
  const name = lessonName(lesson, dayName);
  const kind = kindLabels[lesson.kind];
  return (
    <Group gap={2} wrap="nowrap" align="flex-start">
      <Box
        data-lesson-id={lesson.id}
        data-cell={cellKey(lesson)}
        data-locked={lesson.locked}
        {...(canWrite
          ? { role: 'button', tabIndex: 0, draggable: true, 'aria-describedby': instructions, 'aria-pressed': picked, onDragStart, onDragEnd }
          : {})}
        aria-label={`${name}${kind ? `, ${kind.toLowerCase()}` : ''}${lesson.format === 'distance' ? ', дистанционно' : ''}${lesson.locked ? ', закреплён' : ''}`}
        style={{
          flex: 1, minWidth: 0, padding: '2px 6px', borderRadius: 4, border: '1px solid var(--mantine-color-default-border)',
          background: picked ? 'var(--mantine-color-blue-light)' : lesson.locked ? 'var(--mantine-color-gray-light)' : 'var(--mantine-color-body)',
          cursor: canWrite ? 'grab' : 'default', opacity: picked ? 0.7 : 1,
        }}
      >
        <Group gap={4} wrap="nowrap">
          <Text size="sm" fw={600} lh={1.3}>{lesson.subject.shortName}{lesson.duration > 1 ? ` (${lesson.duration} ч)` : ''}</Text>
          {lesson.locked && <LockIcon locked size={12} />}
        </Group>
        <Text size="xs" lh={1.3}>{detailOf(lesson, view)}</Text>
        {lesson.room && view !== 'room' && <Text size="xs" c="dimmed" lh={1.3}>каб. {lesson.room.name}</Text>}
        {(kind || lesson.format === 'distance') && (
          <Group gap={4} wrap="wrap" mt={2}>
            {kind && <Badge size="xs" variant="light" color={lesson.kind === 'additional' ? 'grape' : 'teal'}>{kind}</Badge>}
            {lesson.format === 'distance' && <Badge size="xs" variant="light" color="indigo">Дистанционно</Badge>}
          </Group>
        )}
        {lesson.format === 'distance' && lesson.distanceUrl && (
          <Anchor href={lesson.distanceUrl} target="_blank" rel="noopener noreferrer" size="xs" lh={1.3} draggable={false}
            style={{ display: 'block', overflowWrap: 'anywhere' }} onKeyDown={(e) => e.stopPropagation()}>
            Ссылка на занятие
          </Anchor>
        )}
      </Box>
      {canWrite && (
        <ActionIcon size="sm" variant="subtle" color={lesson.locked ? 'blue' : 'gray'} loading={locking} onClick={onLock}
          aria-label={`${lesson.locked ? 'Открепить' : 'Закрепить'}: ${name}`} title={lesson.locked ? 'Открепить' : 'Закрепить'}>
          <LockIcon locked={lesson.locked} size={14} />
        </ActionIcon>
      )}
      {canWrite && (
        <ActionIcon size="sm" variant="subtle" color="red" loading={removing} onClick={onRemove} aria-label={`Удалить: ${name}`} title="Удалить">
          <svg width={14} height={14} viewBox="0 0 16 16" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round">
            <path d="M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.7 9h5.6l.7-9" />
          </svg>
        </ActionIcon>
      )}
    </Group>
  );
}

/** A padlock, shut for a locked lesson (drawn here: the fonts of a school computer may lack the emoji). */
function LockIcon({ locked, size }: { locked: boolean; size: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="1.6">
      <rect x="3" y="7" width="10" height="7.5" rx="1.5" fill={locked ? 'currentColor' : 'none'} />
      <path d={locked ? 'M5.5 7V5a2.5 2.5 0 0 1 5 0v2' : 'M5.5 7V5a2.5 2.5 0 0 1 4.9-.7'} strokeLinecap="round" />
    </svg>
  );
}

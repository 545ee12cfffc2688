// «Уроки на дату»: the concrete lessons of a date — the timetable in force, the calendar and the
// bells — for a class, a teacher or a room, with substitutions, cancellations, moves, other rooms
// and distance lessons shown on each lesson. The administration changes a lesson from its row
// («Заменить» with free teachers suggested, «Отменить», «Перенести», «Другой кабинет»,
// «Дистанционно») and revokes changes in «Замены и отмены»; teachers, students and parents read.
import {
  Alert, Anchor, Badge, Button, Group, Menu, NativeSelect, NumberInput, Paper, Radio, Stack, Table, Text, TextInput, Textarea, Title, VisuallyHidden,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { CreateLessonChangeBody, DatedLessonDto, LessonChangeDto } from '../../../../../contracts/lessons';
import { scopesOf, type Role } from '../../../../../domain/access';
import { addDays } from '../../../../../domain/calendar';
import { lessonChangeKindTitles, type LessonChangeKind } from '../../../../../domain/lessons-by-date';
import { academicYearOfDate } from '../../../../../domain/school-year';
import { errorMessage } from '../../../lib/api';
import { navigationRolesOf } from '../../identity/active-school';
import { useCurrentUser } from '../../identity/components/current-user';
import { fieldErrorsOf, formErrorOf } from '../../org/form-errors';
import { FormModal, QueryView, ScrollTable, todayIso, useOrgAccess } from '../../org/components/org-ui';
import { classesQuery, employeesQuery } from '../../org/api/org';
import { roomsQuery } from '../../rooms/api/rooms';
import { OpenInJournalButton } from '../../journal/components/open-lesson';
import { lessonChangesQuery, lessonsQuery, substitutesQuery, useCreateLessonChange, useRevokeLessonChange, type LessonsFilter } from '../api/lessons';

/** "2026-09-14" → "14.09.2026". */
export const ruDate = (date: string): string => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
const weekdays = ['воскресенье', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота'];
const weekdayOf = (date: string): string => weekdays[new Date(`${date}T12:00:00Z`).getUTCDay()]!;

type View = 'mine' | 'class' | 'teacher' | 'room';
const viewTitles: Record<View, string> = { mine: 'Мои уроки', class: 'Класс', teacher: 'Учитель', room: 'Кабинет' };
const teacherRoles: readonly Role[] = ['subjectTeacher', 'classTeacher'];
const staffRoles: readonly Role[] = ['director', 'deputy', 'journalAdmin', 'subjectTeacher', 'classTeacher', 'regionAdmin', 'municipalityAdmin'];

const unitOf = (l: DatedLessonDto): string => l.class?.name ?? l.studyGroup?.name ?? '';
/** «1-й урок, 5А, Математика» — a lesson in buttons' accessible names and dialogs. */
const lessonLabel = (l: Pick<DatedLessonDto, 'lessonNumber' | 'subject'> & { unit: string }): string => `${l.lessonNumber}-й урок, ${l.unit}, ${l.subject.name}`;

export function LessonsDayPage() {
  const { schoolId, can } = useOrgAccess();
  const me = useCurrentUser();
  const roles = navigationRolesOf(me);
  const isStaff = roles.some((r) => staffRoles.includes(r));
  const isTeacher = roles.some((r) => teacherRoles.includes(r));
  const canWrite = can('timetable', 'write');
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>Уроки на дату</Title>
        <Anchor component={Link} to="/timetable">Расписание на неделю</Anchor>
      </Group>
      {schoolId === null
        ? <Alert color="gray">Выберите школу, чтобы увидеть её уроки.</Alert>
        : scopesOf(roles, 'timetable', 'read').length === 0
          ? <Alert color="gray">Уроки школы видят её сотрудники, ученики и их родители.</Alert>
          : <Day schoolId={schoolId} isStaff={isStaff} isTeacher={isTeacher} canWrite={canWrite} />}
    </Stack>
  );
}

function Day({ schoolId, isStaff, isTeacher, canWrite }: { schoolId: string; isStaff: boolean; isTeacher: boolean; canWrite: boolean }) {
  const [date, setDate] = useState(todayIso());
  const [view, setView] = useState<View>(isTeacher && !canWrite ? 'mine' : 'class');
  const [picked, setPicked] = useState<Partial<Record<View, string>>>({});
  const [done, setDone] = useState<string | null>(null);
  const validDate = /^\d{4}-\d{2}-\d{2}$/.test(date);
  const year = validDate ? academicYearOfDate(date) : undefined;
  const classes = useQuery({ ...classesQuery(schoolId, year), enabled: isStaff });
  const staff = useQuery({ ...employeesQuery(schoolId, { limit: 500 }), enabled: isStaff });
  const rooms = useQuery({ ...roomsQuery(schoolId, false), enabled: isStaff });

  const options: Record<Exclude<View, 'mine'>, { value: string; label: string }[]> = {
    class: (classes.data?.items ?? []).map((c) => ({ value: c.id, label: c.name })),
    teacher: (staff.data?.items ?? []).map((e) => ({ value: e.id, label: [e.lastName, e.firstName, e.middleName].filter(Boolean).join(' ') })),
    room: (rooms.data?.items ?? []).map((r) => ({ value: r.id, label: r.name })),
  };
  const selected = view === 'mine' ? undefined : picked[view] ?? options[view][0]?.value;
  const filter: LessonsFilter | null = !isStaff || view === 'mine' ? {}
    : selected === undefined ? null
      : view === 'class' ? { classId: selected } : view === 'teacher' ? { employeeId: selected } : { roomId: selected };

  const views: View[] = isTeacher ? ['mine', 'class', 'teacher', 'room'] : ['class', 'teacher', 'room'];
  return (
    <Stack gap="md">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput type="date" label="Дата" value={date} onChange={(e) => setDate(e.currentTarget.value)} w={170} />
        <Group gap={4} align="flex-end">
          <Button variant="default" disabled={!validDate} onClick={() => setDate(addDays(date, -1))} aria-label="Предыдущий день">←</Button>
          <Button variant="default" onClick={() => setDate(todayIso())}>Сегодня</Button>
          <Button variant="default" disabled={!validDate} onClick={() => setDate(addDays(date, 1))} aria-label="Следующий день">→</Button>
        </Group>
        {isStaff && (
          <>
            <NativeSelect label="Показать" value={view} onChange={(e) => setView(e.currentTarget.value as View)}
              data={views.map((v) => ({ value: v, label: viewTitles[v] }))} w={150} />
            {view !== 'mine' && (
              <NativeSelect label={viewTitles[view]} value={selected ?? ''} onChange={(e) => setPicked({ ...picked, [view]: e.currentTarget.value })}
                data={options[view].length > 0 ? options[view] : [{ value: '', label: 'Загрузка…' }]} miw={160} maw="100%" />
            )}
          </>
        )}
      </Group>
      {done && <Alert color="green" role="status" withCloseButton onClose={() => setDone(null)}>{done}</Alert>}
      {!validDate
        ? <Alert color="gray">Укажите дату.</Alert>
        : filter === null
          ? <Text c="dimmed">Выберите, чьи уроки показать.</Text>
          : <LessonsOfDate schoolId={schoolId} date={date} filter={filter} canWrite={canWrite} isTeacher={isTeacher} onDone={setDone} />}
      {canWrite && validDate && <ChangesSection schoolId={schoolId} date={date} />}
    </Stack>
  );
}

type Dialog = { kind: LessonChangeKind; lesson: DatedLessonDto };

function LessonsOfDate({ schoolId, date, filter, canWrite, isTeacher, onDone }: {
  schoolId: string; date: string; filter: LessonsFilter; canWrite: boolean; isTeacher: boolean; onDone: (message: string) => void;
}) {
  const lessons = useQuery(lessonsQuery(schoolId, date, date, filter));
  // A teacher's own lessons of the date (those they substitute too) open in the journal.
  const mine = useQuery({ ...lessonsQuery(schoolId, date, date, {}), enabled: isTeacher });
  const own = new Set((mine.data?.items ?? []).filter((l) => l.status === 'scheduled').map((l) => `${l.timetableLessonId}|${l.lessonDate}`));
  const journal = (l: DatedLessonDto) => (own.has(`${l.timetableLessonId}|${l.lessonDate}`)
    ? <OpenInJournalButton schoolId={schoolId} lesson={l} label={lessonLabel({ ...l, unit: unitOf(l) })} />
    : null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  // A phone gets a card per lesson; wider screens a table.
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  const head = ['Урок', 'Класс', 'Предмет', 'Учитель', 'Кабинет', 'Изменения', ...(isTeacher ? ['Журнал'] : []), ...(canWrite ? [''] : [])];
  const label = `Уроки ${ruDate(date)}`;
  const empty = 'Уроков нет: выходной, каникулы или расписание на эту дату не введено';
  const open = (l: DatedLessonDto) => (kind: LessonChangeKind) => setDialog({ kind, lesson: l });
  const keyOf = (l: DatedLessonDto) => `${l.timetableLessonId}|${l.lessonDate}|${l.status}`;
  return (
    <Stack gap="sm" component="section" aria-labelledby="day-title">
      <Title order={2} size="h3" id="day-title">{ruDate(date)}, {weekdayOf(date)}</Title>
      <QueryView query={lessons} label="уроки">
        {(data) => phone
          ? (
            <Stack gap="xs" role="list" aria-label={label}>
              {data.total === 0 && <Text c="dimmed" size="sm">{empty}</Text>}
              {data.items.map((l) => <LessonCard key={keyOf(l)} lesson={l} canWrite={canWrite} onChange={open(l)} journal={journal(l)} />)}
            </Stack>
          )
          : (
            <ScrollTable label={label} minWidth={(canWrite ? 900 : 760) + (isTeacher ? 150 : 0)} head={head} empty={data.total === 0 ? empty : null}>
              {data.items.map((l) => <LessonRow key={keyOf(l)} lesson={l} canWrite={canWrite} onChange={open(l)} journal={isTeacher ? journal(l) : undefined} />)}
            </ScrollTable>
          )}
      </QueryView>
      {dialog && (
        <ChangeDialog schoolId={schoolId} dialog={dialog} onClose={() => setDialog(null)}
          onDone={(message) => { setDialog(null); onDone(message); }} />
      )}
    </Stack>
  );
}

const struck = { textDecoration: 'line-through' } as const;
const wrapping = { root: { height: 'auto', paddingBlock: 2 }, label: { whiteSpace: 'normal', overflow: 'visible' } } as const;
const has = (l: DatedLessonDto, kind: LessonChangeKind) => l.changes.some((c) => c.kind === kind);

/** The pieces of a lesson both layouts show. */
function Time({ lesson: l }: { lesson: DatedLessonDto }) {
  return (
    <>
      <Text fw={600} span>{l.lessonNumber}</Text>
      {l.start && <Text size="sm" c="dimmed">{l.start}–{l.end}</Text>}
    </>
  );
}

function Subject({ lesson: l }: { lesson: DatedLessonDto }) {
  return (
    <>
      <Text span style={l.status !== 'scheduled' ? struck : undefined}>{l.subject.name}</Text>
      {l.kind === 'extracurricular' && <Badge ml={6} size="xs" variant="light" color="grape" styles={wrapping}>внеурочное</Badge>}
      {l.kind === 'additional' && <Badge ml={6} size="xs" variant="light" color="grape" styles={wrapping}>доп. образование</Badge>}
    </>
  );
}

function Teacher({ lesson: l }: { lesson: DatedLessonDto }) {
  return (
    <>
      {l.scheduledTeacher && (
        <Text span size="sm" c="dimmed" style={{ ...struck, whiteSpace: 'nowrap' }}>
          <VisuallyHidden>по расписанию </VisuallyHidden>{l.scheduledTeacher.name}
          <VisuallyHidden>, заменяет </VisuallyHidden>
        </Text>
      )}
      {l.scheduledTeacher && ' '}
      <Text span fw={l.scheduledTeacher ? 600 : undefined} style={{ whiteSpace: 'nowrap' }}>{l.teacher.name}</Text>
    </>
  );
}

function Room({ lesson: l }: { lesson: DatedLessonDto }) {
  if (l.format === 'distance') {
    return l.distanceUrl
      ? <Anchor href={l.distanceUrl} target="_blank" rel="noopener noreferrer">Ссылка на занятие</Anchor>
      : <Text span size="sm">дистанционно</Text>;
  }
  return (
    <>
      {l.scheduledRoom && <><Text span size="sm" c="dimmed" style={struck}><VisuallyHidden>был кабинет </VisuallyHidden>{l.scheduledRoom.name}</Text>{' '}</>}
      <Text span fw={l.scheduledRoom ? 600 : undefined}>{l.room?.name ?? '—'}</Text>
    </>
  );
}

function Changes({ lesson: l }: { lesson: DatedLessonDto }) {
  return (
    <>
      <Group gap={4}>
        {l.status === 'cancelled' && <Badge color="red" variant="light" styles={wrapping}>Урок отменён</Badge>}
        {l.movedTo && <Badge color="orange" variant="light" styles={wrapping}>Перенесён на {ruDate(l.movedTo.date)}, {l.movedTo.lessonNumber}-й урок</Badge>}
        {l.movedFrom && <Badge color="orange" variant="light" styles={wrapping}>Перенесён с {ruDate(l.movedFrom.date)}, {l.movedFrom.lessonNumber}-й урок</Badge>}
        {has(l, 'substitution') && <Badge color="blue" variant="light" styles={wrapping}>Замена</Badge>}
        {has(l, 'roomChange') && <Badge color="cyan" variant="light" styles={wrapping}>Другой кабинет</Badge>}
        {has(l, 'distance') && <Badge color="teal" variant="light" styles={wrapping}>Дистанционно</Badge>}
      </Group>
      {l.changes.filter((c) => c.reason).map((c) => <Text key={c.id} size="xs" c="dimmed">{lessonChangeKindTitles[c.kind]}: {c.reason}</Text>)}
    </>
  );
}

const actionTitles: { kind: LessonChangeKind; text: string }[] = [
  { kind: 'substitution', text: 'Заменить' },
  { kind: 'cancellation', text: 'Отменить' },
  { kind: 'move', text: 'Перенести' },
  { kind: 'roomChange', text: 'Другой кабинет' },
  { kind: 'distance', text: 'Дистанционно' },
];

/** «Изменить» with the changes a lesson may still take, for the administration. */
function LessonActions({ lesson: l, onChange }: { lesson: DatedLessonDto; onChange: (kind: LessonChangeKind) => void }) {
  if (l.status !== 'scheduled') return null;
  const left = actionTitles.filter((a) => !has(l, a.kind));
  if (left.length === 0) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="compact-sm" variant="light" aria-label={`Изменить урок: ${lessonLabel({ ...l, unit: unitOf(l) })}`}>Изменить</Button>
      </Menu.Target>
      <Menu.Dropdown>
        {left.map((a) => <Menu.Item key={a.kind} onClick={() => onChange(a.kind)}>{a.text}</Menu.Item>)}
      </Menu.Dropdown>
    </Menu>
  );
}

/** `journal`: the «Открыть в журнале» cell of a teacher's table (undefined: no such column). */
function LessonRow({ lesson: l, canWrite, onChange, journal }: {
  lesson: DatedLessonDto; canWrite: boolean; onChange: (kind: LessonChangeKind) => void; journal?: React.ReactNode;
}) {
  return (
    <Table.Tr data-lesson={`${l.timetableLessonId}|${l.lessonDate}`} data-status={l.status} style={l.status !== 'scheduled' ? { opacity: 0.7 } : undefined}>
      <Table.Td style={{ whiteSpace: 'nowrap' }}><Time lesson={l} /></Table.Td>
      <Table.Td>{unitOf(l)}</Table.Td>
      <Table.Td><Subject lesson={l} /></Table.Td>
      <Table.Td><Teacher lesson={l} /></Table.Td>
      <Table.Td><Room lesson={l} /></Table.Td>
      <Table.Td><Changes lesson={l} /></Table.Td>
      {journal !== undefined && <Table.Td>{journal}</Table.Td>}
      {canWrite && <Table.Td><LessonActions lesson={l} onChange={onChange} /></Table.Td>}
    </Table.Tr>
  );
}

function LessonCard({ lesson: l, canWrite, onChange, journal }: {
  lesson: DatedLessonDto; canWrite: boolean; onChange: (kind: LessonChangeKind) => void; journal: React.ReactNode;
}) {
  return (
    <Paper withBorder p="sm" radius="sm" role="listitem" data-lesson={`${l.timetableLessonId}|${l.lessonDate}`} data-status={l.status}
      style={l.status !== 'scheduled' ? { opacity: 0.75 } : undefined}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            <Text span fw={700} c="var(--mantine-color-text)">{l.lessonNumber} урок</Text>{l.start ? ` · ${l.start}–${l.end}` : ''} · {unitOf(l)}
          </Text>
          <div><Subject lesson={l} /></div>
          <Text size="sm"><Teacher lesson={l} /> · <Room lesson={l} /></Text>
        </Stack>
        {canWrite && <LessonActions lesson={l} onChange={onChange} />}
      </Group>
      <Changes lesson={l} />
      {journal}
    </Paper>
  );
}

const dialogTitles: Record<LessonChangeKind, string> = {
  substitution: 'Замена учителя', cancellation: 'Отмена урока', move: 'Перенос урока', roomChange: 'Другой кабинет', distance: 'Дистанционный урок',
};
const submitLabels: Record<LessonChangeKind, string> = {
  substitution: 'Назначить замену', cancellation: 'Отменить урок', move: 'Перенести', roomChange: 'Сменить кабинет', distance: 'Провести дистанционно',
};

function ChangeDialog({ schoolId, dialog, onClose, onDone }: { schoolId: string; dialog: Dialog; onClose: () => void; onDone: (message: string) => void }) {
  const { kind, lesson } = dialog;
  const save = useCreateLessonChange(schoolId);
  const [until, setUntil] = useState('');
  const [reason, setReason] = useState('');
  const [substitute, setSubstitute] = useState('');
  const [other, setOther] = useState('');
  const [roomId, setRoomId] = useState('');
  const [newDate, setNewDate] = useState(lesson.lessonDate);
  const [newNumber, setNewNumber] = useState<string | number>(lesson.lessonNumber);
  const [link, setLink] = useState('');
  const errors = fieldErrorsOf(save.error);
  const fields = ['to', 'from', 'reason', 'substituteEmployeeId', 'roomId', 'newDate', 'newLessonNumber', 'distanceUrl'];
  const ranged = kind !== 'move';

  const submit = () => {
    const body: CreateLessonChangeBody = {
      timetableLessonId: lesson.timetableLessonId, from: lesson.lessonDate, to: ranged && until !== '' ? until : lesson.lessonDate, kind,
      ...(reason.trim() !== '' ? { reason } : {}),
      ...(kind === 'substitution' ? { substituteEmployeeId: other !== '' ? other : substitute } : {}),
      ...(kind === 'roomChange' ? { roomId } : {}),
      ...(kind === 'move' ? { newDate, newLessonNumber: Number(newNumber) } : {}),
      ...(kind === 'distance' ? { distanceUrl: link } : {}),
    };
    save.mutate(body, {
      onSuccess: (r) => onDone(`${dialogTitles[kind]}: сохранено на ${r.items.length === 1 ? ruDate(r.items[0]!.date) : `${r.items.length} дат(ы)`}`
        + (r.skipped > 0 ? `; в ${r.skipped} дн. урока нет — пропущены` : '')),
    });
  };
  return (
    <FormModal opened onClose={onClose} title={`${dialogTitles[kind]}: ${lessonLabel({ ...lesson, unit: unitOf(lesson) })}`} onSubmit={submit}
      pending={save.isPending} error={formErrorOf(save.error, fields)} submitLabel={submitLabels[kind]}>
      <Text size="sm">
        {ruDate(lesson.lessonDate)}{lesson.start ? `, ${lesson.start}–${lesson.end}` : ''} · учитель {lesson.teacher.name}
        {lesson.room ? ` · кабинет ${lesson.room.name}` : ''}
      </Text>
      {kind === 'substitution' && (
        <SubstituteFields schoolId={schoolId} lesson={lesson} substitute={substitute} other={other} error={errors.substituteEmployeeId}
          onSubstitute={(id) => { setSubstitute(id); setOther(''); }} onOther={(id) => { setOther(id); setSubstitute(''); }} />
      )}
      {kind === 'roomChange' && <RoomField schoolId={schoolId} value={roomId} onChange={setRoomId} error={errors.roomId} current={lesson.room?.id ?? null} />}
      {kind === 'move' && (
        <Group grow align="flex-start">
          <TextInput type="date" label="Новая дата" required value={newDate} onChange={(e) => setNewDate(e.currentTarget.value)} error={errors.newDate} />
          <NumberInput label="Номер урока" required min={1} max={12} allowDecimal={false} value={newNumber} onChange={setNewNumber} error={errors.newLessonNumber} />
        </Group>
      )}
      {kind === 'distance' && (
        <TextInput label="Ссылка на занятие" required placeholder="https://" value={link} onChange={(e) => setLink(e.currentTarget.value)} error={errors.distanceUrl} />
      )}
      {ranged && (
        <TextInput type="date" label="По дату (необязательно)" description="Чтобы изменить этот урок на несколько недель: последняя дата"
          value={until} min={lesson.lessonDate} onChange={(e) => setUntil(e.currentTarget.value)} error={errors.to ?? errors.from} />
      )}
      <Textarea label="Причина" autosize minRows={1} maxRows={3} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} />
    </FormModal>
  );
}

function SubstituteFields({ schoolId, lesson, substitute, other, error, onSubstitute, onOther }: {
  schoolId: string; lesson: DatedLessonDto; substitute: string; other: string; error: string | undefined;
  onSubstitute: (id: string) => void; onOther: (id: string) => void;
}) {
  const suggestions = useQuery(substitutesQuery(schoolId, lesson.timetableLessonId, lesson.lessonDate));
  const staff = useQuery(employeesQuery(schoolId, { limit: 500 }));
  return (
    <>
      <QueryView query={suggestions} label="свободные учителя">
        {(data) => data.total === 0
          ? <Text size="sm" c="dimmed">Свободных учителей в это время нет.</Text>
          : (
            <Radio.Group label="Свободные учителя" description="Сначала те, кто ведёт этот предмет" value={substitute} onChange={onSubstitute} error={other === '' ? error : undefined}>
              <Stack gap={6} mt={6} mah={260} p={2} style={{ overflowY: 'auto' }}>
                {data.items.map((s) => (
                  <Radio key={s.employeeId} value={s.employeeId} label={s.name}
                    description={`${s.qualified ? 'ведёт этот предмет · ' : ''}уроков в этот день: ${s.lessonsThatDay}`} />
                ))}
              </Stack>
            </Radio.Group>
          )}
      </QueryView>
      <NativeSelect label="Или другой сотрудник" value={other} onChange={(e) => onOther(e.currentTarget.value)} error={other !== '' ? error : undefined}
        data={[{ value: '', label: '— не выбран —' }, ...(staff.data?.items ?? []).map((e) => ({ value: e.id, label: [e.lastName, e.firstName, e.middleName].filter(Boolean).join(' ') }))]} />
    </>
  );
}

function RoomField({ schoolId, value, onChange, error, current }: { schoolId: string; value: string; onChange: (id: string) => void; error: string | undefined; current: string | null }) {
  const rooms = useQuery(roomsQuery(schoolId, false));
  return (
    <NativeSelect label="Кабинет" required value={value} onChange={(e) => onChange(e.currentTarget.value)} error={error}
      data={[{ value: '', label: '— выберите —' }, ...(rooms.data?.items ?? []).filter((r) => r.id !== current).map((r) => ({ value: r.id, label: r.name }))]} />
  );
}

// ---------------------------------------------------------------------------------------------
// «Замены и отмены»: the changes of a range, each revocable.

const describeChange = (c: LessonChangeDto): string => {
  switch (c.kind) {
    case 'substitution': return `Замена: ${c.teacher?.name ?? ''} → ${c.substitute?.name ?? ''}`;
    case 'cancellation': return 'Урок отменён';
    case 'roomChange': return `Другой кабинет: ${c.room?.name ?? ''}`;
    case 'move': return `Перенос на ${c.newDate ? ruDate(c.newDate) : ''}, ${c.newLessonNumber ?? ''}-й урок`;
    case 'distance': return 'Дистанционно';
  }
};

function ChangesSection({ schoolId, date }: { schoolId: string; date: string }) {
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const start = from ?? date;
  const end = to ?? addDays(date, 6);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(start) && /^\d{4}-\d{2}-\d{2}$/.test(end);
  const list = useQuery({ ...lessonChangesQuery(schoolId, start, end), enabled: valid });
  const revoke = useRevokeLessonChange(schoolId);
  return (
    <Stack gap="sm" component="section" aria-labelledby="changes-title">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3" id="changes-title">Замены и отмены</Title>
        <Group gap="sm" align="flex-end">
          <TextInput type="date" label="С" value={start} onChange={(e) => setFrom(e.currentTarget.value)} w={160} />
          <TextInput type="date" label="По" value={end} onChange={(e) => setTo(e.currentTarget.value)} w={160} />
        </Group>
      </Group>
      {revoke.error && <Alert color="red" role="alert">{errorMessage(revoke.error)}</Alert>}
      {valid && (
        <QueryView query={list} label="замены и отмены">
          {(data) => (
            <ScrollTable label="Замены и отмены" minWidth={820} head={['Дата', 'Урок', 'Класс', 'Предмет', 'Изменение', 'Причина', '']}
              empty={data.total === 0 ? 'Изменений за эти дни нет' : null}>
              {data.items.map((c) => {
                const what = `${lessonChangeKindTitles[c.kind]}, ${ruDate(c.date)}, ${c.class?.name ?? c.studyGroup?.name ?? ''}, ${c.subject?.name ?? ''}`;
                return (
                  <Table.Tr key={c.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{ruDate(c.date)}</Table.Td>
                    <Table.Td>{c.lessonNumber ?? '—'}</Table.Td>
                    <Table.Td>{c.class?.name ?? c.studyGroup?.name ?? '—'}</Table.Td>
                    <Table.Td>{c.subject?.name ?? '—'}</Table.Td>
                    <Table.Td>
                      {describeChange(c)}
                      {c.kind === 'distance' && c.distanceUrl && <> · <Anchor href={c.distanceUrl} target="_blank" rel="noopener noreferrer">ссылка</Anchor></>}
                    </Table.Td>
                    <Table.Td>{c.reason ?? <Text span c="dimmed">—</Text>}</Table.Td>
                    <Table.Td>
                      <Button size="compact-xs" variant="subtle" color="red" loading={revoke.isPending && revoke.variables === c.id}
                        onClick={() => { if (window.confirm(`Отменить изменение «${what}»?`)) revoke.mutate(c.id); }}
                        aria-label={`Отменить изменение: ${what}`}>Отменить изменение</Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </ScrollTable>
          )}
        </QueryView>
      )}
    </Stack>
  );
}

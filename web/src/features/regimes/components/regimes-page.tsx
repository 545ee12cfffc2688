// «Режимы и звонки»: the bell schedules of a year (lessons with their times, the shift, the breaks
// and СанПиН warnings), which schedule each class follows on a date and where it comes from, and
// assignments from a date to the whole school, a class, a group or stream, or one student (ИУП).
import { Alert, Badge, Button, Group, List, NativeSelect, NumberInput, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { BellLessonBody, BellScheduleDto, RegimeAssignmentDto, RegimeTargetBody, RegimeTargetKind } from '../../../../../contracts/regimes';
import { bellScheduleIssues, breaksOf, minutesOf, timeOf } from '../../../../../domain/regime';
import { academicYearBounds } from '../../../../../domain/school-year';
import { errorMessage } from '../../../lib/api';
import { shortName } from '../../identity/names';
import { classesQuery, studentsQuery, studyGroupsQuery } from '../../org/api/org';
import { FormModal, QueryView, ScrollTable, todayIso, useOrgAccess } from '../../org/components/org-ui';
import { fieldErrorsOf, formErrorOf } from '../../org/form-errors';
import { academicYearTitle } from '../../org/format';
import { YearNav } from '../../year/year-nav';
import {
  bellSchedulesQuery, effectiveRegimesQuery, regimeAssignmentsQuery, useAssignRegime, useDeleteBellSchedule, useSaveBellSchedule, useUnassignRegime,
} from '../api/regimes';

const currentYear = (): number => {
  const now = new Date();
  return now.getMonth() >= 8 ? now.getFullYear() : now.getFullYear() - 1;
};

/** "2026-09-01" → "01.09.2026". */
const ru = (date: string): string => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;

/** Today when it falls in the year, else the year's first day. */
const dayInYear = (year: number): string => {
  const { startsOn, endsOn } = academicYearBounds(year);
  const today = todayIso();
  return today < startsOn || today > endsOn ? startsOn : today;
};

const targetKindTitles: Record<RegimeTargetKind, string> = { school: 'Вся школа', class: 'Класс', studyGroup: 'Группа или поток', student: 'Ученик (ИУП)' };

export function RegimesPage() {
  const { schoolId, can } = useOrgAccess();
  const thisYear = currentYear();
  const [year, setYear] = useState(thisYear);
  return (
    <Stack gap="md">
      <Title order={1}>Режимы и звонки</Title>
      <YearNav />
      {schoolId === null
        ? <Alert color="gray">Выберите школу, чтобы увидеть её режимы.</Alert>
        : !can('yearSetup', 'read')
          ? <Alert color="gray">Режимы и звонки школы видят её сотрудники.</Alert>
          : (
            <>
              <NativeSelect
                label="Учебный год"
                value={String(year)}
                onChange={(e) => setYear(Number(e.currentTarget.value))}
                data={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: String(y), label: academicYearTitle(y) }))}
                maw={200}
              />
              <SchedulesSection key={`s${year}`} schoolId={schoolId} year={year} canWrite={can('yearSetup', 'write')} />
              <AssignmentsSection key={`a${year}`} schoolId={schoolId} year={year} canWrite={can('yearSetup', 'write')} />
            </>
          )}
    </Stack>
  );
}

// ---------------------------------------------------------------------------------------------
// Bell schedules

const lessonTimes = (s: BellScheduleDto): string => {
  const first = s.lessons[0];
  const last = s.lessons[s.lessons.length - 1];
  return first && last ? `${first.startsAt}–${last.endsAt}` : '—';
};

function SchedulesSection({ schoolId, year, canWrite }: { schoolId: string; year: number; canWrite: boolean }) {
  const list = useQuery(bellSchedulesQuery(schoolId, year));
  const remove = useDeleteBellSchedule(schoolId);
  const [editing, setEditing] = useState<BellScheduleDto | 'new' | null>(null);
  return (
    <Stack gap="sm" component="section" aria-labelledby="bells-title">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3" id="bells-title">Расписания звонков</Title>
        {canWrite && <Button onClick={() => setEditing('new')}>Добавить расписание звонков</Button>}
      </Group>
      {remove.error && <Alert color="red" role="alert">{errorMessage(remove.error)}</Alert>}
      <QueryView query={list} label="расписания звонков">
        {(data) => (
          <ScrollTable label="Расписания звонков" minWidth={620} head={['Название', 'Смена', 'Уроков', 'Время', 'Назначено', 'Замечания СанПиН', '']}
            empty={data.total === 0 ? 'Расписаний звонков пока нет' : null}>
            {data.items.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td fw={600}>{s.name}</Table.Td>
                <Table.Td>{s.shift}</Table.Td>
                <Table.Td>{s.lessons.length}</Table.Td>
                <Table.Td>{lessonTimes(s)}</Table.Td>
                <Table.Td>{s.assignmentCount}</Table.Td>
                <Table.Td>
                  {s.warnings.length === 0
                    ? <Text span c="dimmed" size="sm">нет</Text>
                    : <List size="sm">{s.warnings.map((w) => <List.Item key={`${w.path}${w.code}`}>{w.message}</List.Item>)}</List>}
                </Table.Td>
                <Table.Td>
                  {canWrite && (
                    <Group gap={4} wrap="nowrap">
                      <Button size="xs" variant="subtle" onClick={() => setEditing(s)} aria-label={`Изменить расписание ${s.name}`}>Изменить</Button>
                      <Button size="xs" variant="subtle" color="red" loading={remove.isPending && remove.variables === s.id}
                        onClick={() => { if (window.confirm(`Удалить расписание звонков «${s.name}»?`)) remove.mutate(s.id); }}
                        aria-label={`Удалить расписание ${s.name}`}>Удалить</Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </ScrollTable>
        )}
      </QueryView>
      {editing !== null && <BellScheduleForm schoolId={schoolId} year={year} schedule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

/** Six 45-minute lessons from 8:30 with breaks of 10 and 20 minutes: a common first shift to start from. */
const startingLessons = (): BellLessonBody[] => {
  const breaks = [10, 20, 20, 10, 10];
  let at = 8 * 60 + 30;
  return Array.from({ length: 6 }, (_, i) => {
    const lesson = { number: i + 1, startsAt: timeOf(at), endsAt: timeOf(at + 45) };
    at += 45 + (breaks[i] ?? 10);
    return lesson;
  });
};

/** The row after the last: ten minutes later, as long as the last one. */
const nextLesson = (rows: BellLessonBody[]): BellLessonBody => {
  const last = rows[rows.length - 1];
  if (!last) return { number: 1, startsAt: '08:30', endsAt: '09:15' };
  const start = minutesOf(last.startsAt);
  const end = minutesOf(last.endsAt);
  if (start === null || end === null || end + 10 + (end - start) >= 24 * 60) return { number: last.number + 1, startsAt: '', endsAt: '' };
  return { number: last.number + 1, startsAt: timeOf(end + 10), endsAt: timeOf(end + 10 + (end - start)) };
};

function BellScheduleForm({ schoolId, year, schedule, onClose }: { schoolId: string; year: number; schedule: BellScheduleDto | null; onClose: () => void }) {
  const save = useSaveBellSchedule(schoolId);
  const [name, setName] = useState(schedule?.name ?? '');
  const [shift, setShift] = useState(String(schedule?.shift ?? 1));
  const [rows, setRows] = useState<BellLessonBody[]>(schedule?.lessons ?? startingLessons());
  const errors = fieldErrorsOf(save.error);
  const rowFields = rows.flatMap((_, i) => [`lessons.${i}.number`, `lessons.${i}.startsAt`, `lessons.${i}.endsAt`]);
  const live = bellScheduleIssues(rows.filter((r) => r.startsAt !== '' && r.endsAt !== ''));
  const breaks = new Map(breaksOf(rows).map((b) => [b.number, b.minutes]));
  const setRow = (i: number, patch: Partial<BellLessonBody>) => setRows((rs) => rs.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const submit = () => save.mutate({
    bellScheduleId: schedule?.id ?? null,
    input: schedule ? { name, shift: Number(shift), lessons: rows } : { academicYear: year, name, shift: Number(shift), lessons: rows },
  }, { onSuccess: onClose });

  return (
    <FormModal opened onClose={onClose} title={schedule ? `Расписание звонков «${schedule.name}»` : `Новое расписание звонков ${academicYearTitle(year)}`}
      onSubmit={submit} pending={save.isPending} error={formErrorOf(save.error, ['name', 'shift', 'lessons', ...rowFields])}>
      <Group grow align="flex-start">
        <TextInput label="Название" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name}
          placeholder="Например, 1 смена" />
        <NativeSelect label="Смена" value={shift} onChange={(e) => setShift(e.currentTarget.value)} data={['1', '2', '3']} error={errors.shift} />
      </Group>
      {errors.lessons && <Alert color="red" variant="light" role="alert">{errors.lessons}</Alert>}
      <ScrollTable label="Уроки расписания" minWidth={480} head={['№ урока', 'Начало', 'Конец', 'Перемена перед уроком', '']}
        empty={rows.length === 0 ? 'Добавьте уроки' : null}>
        {rows.map((r, i) => {
          const gap = breaks.get(r.number);
          return (
            <Table.Tr key={i}>
              <Table.Td>
                <NumberInput aria-label={`Номер урока в строке ${i + 1}`} min={0} max={12} w={80} value={r.number}
                  onChange={(v) => setRow(i, { number: typeof v === 'number' ? v : Number(v) })} error={errors[`lessons.${i}.number`]} />
              </Table.Td>
              <Table.Td>
                <TextInput type="time" aria-label={`Начало урока ${r.number}`} value={r.startsAt}
                  onChange={(e) => setRow(i, { startsAt: e.currentTarget.value })} error={errors[`lessons.${i}.startsAt`]} />
              </Table.Td>
              <Table.Td>
                <TextInput type="time" aria-label={`Конец урока ${r.number}`} value={r.endsAt}
                  onChange={(e) => setRow(i, { endsAt: e.currentTarget.value })} error={errors[`lessons.${i}.endsAt`]} />
              </Table.Td>
              <Table.Td>
                {gap === undefined || gap === null ? <Text span c="dimmed">—</Text>
                  : <Text span c={gap < 10 ? 'orange' : undefined}>{gap} мин</Text>}
              </Table.Td>
              <Table.Td>
                <Button size="xs" variant="subtle" color="red" onClick={() => setRows((rs) => rs.filter((_, k) => k !== i))}
                  aria-label={`Удалить урок ${r.number}`}>Удалить</Button>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </ScrollTable>
      <Group>
        <Button variant="default" onClick={() => setRows((rs) => [...rs, nextLesson(rs)])} disabled={rows.length >= 13}>Добавить урок</Button>
      </Group>
      {live.warnings.length > 0 && (
        <Alert color="orange" variant="light" title="СанПиН: сохранить можно, но проверьте">
          <List size="sm">{live.warnings.map((w) => <List.Item key={`${w.path}${w.code}`}>{w.message}</List.Item>)}</List>
        </Alert>
      )}
    </FormModal>
  );
}

// ---------------------------------------------------------------------------------------------
// Assignments

type AssignPreset = { kind: RegimeTargetKind; id?: string; title?: string };

function AssignmentsSection({ schoolId, year, canWrite }: { schoolId: string; year: number; canWrite: boolean }) {
  const [date, setDate] = useState(dayInYear(year));
  const effective = useQuery({ ...effectiveRegimesQuery(schoolId, date), enabled: /^\d{4}-\d{2}-\d{2}$/.test(date) });
  const assignments = useQuery(regimeAssignmentsQuery(schoolId, year));
  const unassign = useUnassignRegime(schoolId);
  const [assigning, setAssigning] = useState<AssignPreset | null>(null);

  return (
    <Stack gap="sm" component="section" aria-labelledby="assignments-title">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3" id="assignments-title">Какие звонки у классов</Title>
        {canWrite && <Button variant="default" onClick={() => setAssigning({ kind: 'school' })}>Назначить с даты</Button>}
      </Group>
      <TextInput label="На дату" type="date" value={date} onChange={(e) => setDate(e.currentTarget.value)} maw={200} />
      <QueryView query={effective} label="режимы классов">
        {(data) => (
          <>
            {data.withoutSchedule > 0 && (
              <Alert color="orange" variant="light">Без расписания звонков на {ru(data.date)}: {data.withoutSchedule} из {data.total} классов.</Alert>
            )}
            <ScrollTable label="Расписание звонков каждого класса" minWidth={480} head={['Класс', 'Расписание звонков', 'Откуда', '']}
              empty={data.total === 0 ? 'Классов этого учебного года нет' : null}>
              {data.items.map((c) => (
                <Table.Tr key={c.classId}>
                  <Table.Td fw={600}>{c.className}</Table.Td>
                  <Table.Td>{c.bellSchedule ? `${c.bellSchedule.name} (${c.bellSchedule.shift} смена)` : <Badge color="orange" variant="light">нет</Badge>}</Table.Td>
                  <Table.Td>{c.source === 'class' ? 'своё для класса' : c.source === 'school' ? 'общее для школы' : '—'}</Table.Td>
                  <Table.Td>
                    {canWrite && (
                      <Button size="xs" variant="subtle" onClick={() => setAssigning({ kind: 'class', id: c.classId, title: c.className })}
                        aria-label={`Назначить с даты классу ${c.className}`}>Назначить с даты</Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </ScrollTable>
          </>
        )}
      </QueryView>

      <Title order={3} size="h4">Все назначения {academicYearTitle(year)}</Title>
      {unassign.error && <Alert color="red" role="alert">{errorMessage(unassign.error)}</Alert>}
      <QueryView query={assignments} label="назначения">
        {(data) => (
          <ScrollTable label="Назначения расписаний звонков" minWidth={560} head={['Кому', 'Расписание звонков', 'С', 'По', '']}
            empty={data.total === 0 ? 'Назначений нет' : null}>
            {data.items.map((a: RegimeAssignmentDto) => (
              <Table.Tr key={a.id}>
                <Table.Td>{a.target.kind === 'school' ? a.target.name : `${targetKindTitles[a.target.kind]}: ${a.target.name}`}</Table.Td>
                <Table.Td>{a.bellSchedule.name}</Table.Td>
                <Table.Td>{ru(a.startsOn)}</Table.Td>
                <Table.Td>{a.endsOn ? ru(a.endsOn) : <Text span c="dimmed">без срока</Text>}</Table.Td>
                <Table.Td>
                  {canWrite && (
                    <Button size="xs" variant="subtle" color="red" loading={unassign.isPending && unassign.variables === a.id}
                      onClick={() => { if (window.confirm('Снять назначение? Снова будет действовать предыдущее.')) unassign.mutate(a.id); }}
                      aria-label={`Снять назначение: ${a.target.name} с ${ru(a.startsOn)}`}>Снять</Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </ScrollTable>
        )}
      </QueryView>
      {assigning && (
        // The year's first assignment usually starts with the year; later ones change something from the date looked at.
        <AssignForm schoolId={schoolId} year={year} preset={assigning} onClose={() => setAssigning(null)}
          defaultDate={assignments.data?.total === 0 ? academicYearBounds(year).startsOn : date} />
      )}
    </Stack>
  );
}

function AssignForm({ schoolId, year, preset, defaultDate, onClose }: {
  schoolId: string; year: number; preset: AssignPreset; defaultDate: string; onClose: () => void;
}) {
  const assign = useAssignRegime(schoolId);
  const schedules = useQuery(bellSchedulesQuery(schoolId, year));
  const [kind, setKind] = useState<RegimeTargetKind>(preset.kind);
  const [targetId, setTargetId] = useState<string | null>(preset.id ?? null);
  const [scheduleId, setScheduleId] = useState<string | null>(null);
  const [startsOn, setStartsOn] = useState(defaultDate);
  const [studentSearch, setStudentSearch] = useState('');
  const [q] = useDebouncedValue(studentSearch.trim(), 300);
  const classes = useQuery({ ...classesQuery(schoolId, year), enabled: kind === 'class' });
  const groups = useQuery({ ...studyGroupsQuery(schoolId), enabled: kind === 'studyGroup' });
  const students = useQuery({ ...studentsQuery(schoolId, { q }), enabled: kind === 'student' && q.length >= 2 });
  const errors = fieldErrorsOf(assign.error);
  const fixed = preset.id !== undefined;

  const target = (): RegimeTargetBody | null => {
    switch (kind) {
      case 'school': return { kind };
      case 'class': return targetId ? { kind, classId: targetId } : null;
      case 'studyGroup': return targetId ? { kind, studyGroupId: targetId } : null;
      case 'student': return targetId ? { kind, studentId: targetId } : null;
    }
  };
  const [missing, setMissing] = useState<string | null>(null);
  const submit = () => {
    const t = target();
    if (!t || !scheduleId) {
      setMissing(!scheduleId ? 'Выберите расписание звонков' : 'Выберите, кому назначить');
      return;
    }
    setMissing(null);
    assign.mutate({ bellScheduleId: scheduleId, target: t, startsOn }, { onSuccess: onClose });
  };
  const targetError = errors['target.classId'] ?? errors['target.studyGroupId'] ?? errors['target.studentId'] ?? errors.target;

  return (
    <FormModal opened onClose={onClose} title={fixed ? `Назначить расписание звонков: ${preset.title ?? ''}` : 'Назначить расписание звонков с даты'}
      onSubmit={submit} pending={assign.isPending} submitLabel="Назначить"
      error={missing ?? formErrorOf(assign.error, ['bellScheduleId', 'startsOn', 'target', 'target.classId', 'target.studyGroupId', 'target.studentId'])}>
      {!fixed && (
        <NativeSelect label="Кому" value={kind} onChange={(e) => { setKind(e.currentTarget.value as RegimeTargetKind); setTargetId(null); }}
          data={(Object.keys(targetKindTitles) as RegimeTargetKind[]).map((k) => ({ value: k, label: targetKindTitles[k] }))} />
      )}
      {!fixed && kind === 'class' && (
        <Select label="Класс" searchable value={targetId} onChange={setTargetId} error={targetError} nothingFoundMessage="Нет такого класса"
          data={(classes.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} />
      )}
      {!fixed && kind === 'studyGroup' && (
        <Select label="Группа или поток" searchable value={targetId} onChange={setTargetId} error={targetError} nothingFoundMessage="Нет такой группы"
          data={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.class ? `${g.name} (${g.class.name})` : g.name }))} />
      )}
      {!fixed && kind === 'student' && (
        <Select label="Ученик" searchable value={targetId} onChange={setTargetId} error={targetError}
          searchValue={studentSearch} onSearchChange={setStudentSearch} filter={({ options }) => options}
          nothingFoundMessage={q.length < 2 ? 'Введите хотя бы две буквы фамилии' : 'Никого не нашлось'}
          data={(students.data?.items ?? []).map((s) => ({ value: s.id, label: `${shortName(s)}${s.class ? `, ${s.class.name}` : ''}` }))} />
      )}
      {fixed && targetError && <Alert color="red" variant="light">{targetError}</Alert>}
      <Select label="Расписание звонков" required value={scheduleId} onChange={setScheduleId} error={errors.bellScheduleId}
        nothingFoundMessage="Сначала добавьте расписание звонков"
        data={(schedules.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name} (${s.shift} смена)` }))} />
      <TextInput label="Действует с" type="date" required value={startsOn} onChange={(e) => setStartsOn(e.currentTarget.value)} error={errors.startsOn} />
      <Text size="sm" c="dimmed">Прежнее назначение того же адресата закончится накануне этой даты.</Text>
    </FormModal>
  );
}

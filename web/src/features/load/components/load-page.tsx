// «Нагрузка (тарификация)»: how the year's load matches the curricula (hours without a teacher,
// teachers over their load limit, load outside the curriculum — each with the way to fix it), a
// form to add a load row (with its split into lessons, «2+1+1»), the load grouped by teacher with
// the teacher's load limit and «Недоступность» (when they cannot teach), and the tarification
// sheet to download.
import {
  Alert, Anchor, Badge, Button, Group, List, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { LoadConsistencyDto, LoadTeacherDto, TeachingLoadDto, UnmatchedReason } from '../../../../../contracts/load';
import { errorMessage } from '../../../lib/api';
import { fullName } from '../../identity/names';
import { classesQuery, studyGroupsQuery } from '../../org/api/org';
import { FormModal, QueryView, ScrollTable, useOrgAccess } from '../../org/components/org-ui';
import { fieldErrorsOf, formErrorOf } from '../../org/form-errors';
import { YearNav } from '../../year/year-nav';
import {
  loadConsistencyQuery, loadSubjectsQuery, loadTeachersQuery, tarificationUrl, teachingLoadsQuery, useCreateTeachingLoad,
  useDeleteTeachingLoad, useSetLoadLimit, useUpdateTeachingLoad,
} from '../api/load';
import { UnavailabilityDialog } from './unavailability-dialog';

/** Hours as a school writes them: 1,5. */
const hours = (h: number): string => String(h).replace('.', ',');
/** A split as typed: empty is none (single lessons). */
const splitOf = (value: string): string | null => (value.trim() === '' ? null : value.trim());
const splitHint = 'Части по 1 или 2 ч через «+» (2 — сдвоенный урок); пусто — одиночные уроки';

const reasonTitles: Record<UnmatchedReason, string> = {
  noCurriculumLine: 'предмета нет в учебном плане класса',
  hoursExceed: 'часов больше, чем в учебном плане',
  lineSplit: 'по учебному плану предмет ведётся в подгруппах — нагрузку назначают подгруппам',
  lineNotSplit: 'по учебному плану предмет ведётся всему классу, без подгрупп',
};

/** What the add form starts with when an item of the consistency panel is being fixed. */
type Draft = { subjectId: string; target: string };

export function LoadPage() {
  const { schoolId, can } = useOrgAccess();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [editing, setEditing] = useState<TeachingLoadDto | null>(null);
  if (!schoolId) return <Alert color="yellow">Выберите школу</Alert>;
  const canWrite = can('yearSetup', 'write');
  return (
    <Stack gap="md">
      <Title order={1}>Нагрузка (тарификация)</Title>
      <YearNav />
      <Group justify="space-between" align="center">
        <Text size="sm" c="dimmed">Учитель × класс или группа × предмет × часов в неделю на текущий учебный год.</Text>
        <Button component="a" href={tarificationUrl(schoolId)} variant="light">Скачать тарификацию (XLSX)</Button>
      </Group>
      <ConsistencyPanel schoolId={schoolId} canWrite={canWrite} onCover={setDraft} onEdit={setEditing} />
      {canWrite && <AddLoadForm key={draft ? `${draft.subjectId}-${draft.target}` : 'blank'} schoolId={schoolId} draft={draft} />}
      <LoadByTeacher schoolId={schoolId} canWrite={canWrite} onEdit={setEditing} />
      {editing && <EditHoursForm schoolId={schoolId} load={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function ConsistencyPanel({ schoolId, canWrite, onCover, onEdit }: {
  schoolId: string; canWrite: boolean; onCover: (d: Draft) => void; onEdit: (l: TeachingLoadDto) => void;
}) {
  const consistency = useQuery(loadConsistencyQuery(schoolId));
  const rows = useQuery(teachingLoadsQuery(schoolId));
  const edit = (id: string) => {
    const row = rows.data?.items.find((l) => l.id === id);
    if (row) onEdit(row);
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="load-consistency">
      <Title order={2} size="h4" id="load-consistency" mb="xs">Сверка с учебными планами</Title>
      <QueryView query={consistency} label="сверка нагрузки">
        {(c: LoadConsistencyDto) => c.ok ? (
          <Alert color="green" variant="light">Нагрузка согласована с учебными планами: все часы распределены, перегрузок нет.</Alert>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
            <Stack gap={4}>
              <Title order={3} size="h5">Часы без учителя <Badge color={c.uncovered.length + c.unsplit.length ? 'red' : 'green'}>{c.uncovered.length + c.unsplit.length}</Badge></Title>
              <List size="sm" spacing={4}>
                {c.unsplit.map((u) => (
                  <List.Item key={`split-${u.classId}-${u.subjectId}`}>
                    {u.className}, {u.subjectName}: предмет ведётся в подгруппах, а их {u.subgroupCount}.{' '}
                    <Anchor component={Link} to="/org">Разделить класс на группы</Anchor> (вкладка «Группы»)
                  </List.Item>
                ))}
                {c.uncovered.map((u) => (
                  <List.Item key={`${u.classId}-${u.subjectId}-${u.studyGroupId ?? ''}`}>
                    {u.groupName ?? u.className}, {u.subjectName}: нужно {hours(u.requiredHours)} ч, назначено {hours(u.assignedHours)} ч.{' '}
                    {canWrite && (
                      <Anchor component="button" type="button" onClick={() => onCover({ subjectId: u.subjectId, target: u.studyGroupId ? `group:${u.studyGroupId}` : `class:${u.classId}` })}>
                        Назначить учителя
                      </Anchor>
                    )}
                  </List.Item>
                ))}
              </List>
            </Stack>
            <Stack gap={4}>
              <Title order={3} size="h5">Перегрузка <Badge color={c.overLimit.length ? 'red' : 'green'}>{c.overLimit.length}</Badge></Title>
              <List size="sm" spacing={4}>
                {c.overLimit.map((o) => (
                  <List.Item key={o.employeeId}>
                    {o.name}: {hours(o.assignedHours)} ч при ставке {hours(o.limitHours)} ч.{' '}
                    <Anchor href={`#teacher-${o.employeeId}`}>К нагрузке учителя</Anchor>
                  </List.Item>
                ))}
              </List>
            </Stack>
            <Stack gap={4}>
              <Title order={3} size="h5">Нагрузка вне учебного плана <Badge color={c.unmatched.length ? 'red' : 'green'}>{c.unmatched.length}</Badge></Title>
              <List size="sm" spacing={4}>
                {c.unmatched.map((u) => (
                  <List.Item key={u.teachingLoadId}>
                    {u.teacherName}: {u.subjectName}, {u.targetName}, {hours(u.hours)} ч — {reasonTitles[u.reason]}.{' '}
                    {canWrite && (
                      <>
                        <Anchor component="button" type="button" onClick={() => edit(u.teachingLoadId)}>Изменить часы</Anchor>
                        {' · '}
                      </>
                    )}
                    <Anchor component={Link} to="/year/curricula">Учебные планы</Anchor>
                  </List.Item>
                ))}
              </List>
            </Stack>
          </SimpleGrid>
        )}
      </QueryView>
    </Paper>
  );
}

function AddLoadForm({ schoolId, draft }: { schoolId: string; draft: Draft | null }) {
  const create = useCreateTeachingLoad(schoolId);
  const teachers = useQuery(loadTeachersQuery(schoolId));
  const subjects = useQuery(loadSubjectsQuery(schoolId));
  const classes = useQuery(classesQuery(schoolId));
  const groups = useQuery(studyGroupsQuery(schoolId));
  const [employeeId, setEmployeeId] = useState('');
  const [subjectId, setSubjectId] = useState(draft?.subjectId ?? '');
  const [target, setTarget] = useState(draft?.target ?? '');
  const [hoursPerWeek, setHoursPerWeek] = useState<number | string>('');
  const [lessonSplit, setLessonSplit] = useState('');
  const errors = fieldErrorsOf(create.error);
  const fields = ['employeeId', 'subjectId', 'classId', 'studyGroupId', 'hoursPerWeek', 'lessonSplit'];
  const [kind, targetId] = target.split(':');
  const submit = () => create.mutate({
    employeeId, subjectId,
    classId: kind === 'class' ? targetId! : null,
    studyGroupId: kind === 'group' ? targetId! : null,
    hoursPerWeek: typeof hoursPerWeek === 'number' ? hoursPerWeek : Number(String(hoursPerWeek).replace(',', '.')),
    lessonSplit: splitOf(lessonSplit),
  }, { onSuccess: () => { setTarget(''); setHoursPerWeek(''); setLessonSplit(''); } });
  const targetOptions = [
    { value: '', label: 'Выберите класс или группу', disabled: true },
    ...(classes.data?.items ?? []).map((c) => ({ value: `class:${c.id}`, label: `Класс ${c.name}` })),
    ...(groups.data?.items ?? []).map((g) => ({ value: `group:${g.id}`, label: `Группа: ${g.name}` })),
  ];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="load-add">
      <form onSubmit={(e) => { e.preventDefault(); submit(); }} noValidate aria-labelledby="load-add">
        <Stack gap="sm">
          <Title order={2} size="h4" id="load-add">Добавить нагрузку</Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm">
            <NativeSelect label="Учитель" required value={employeeId} onChange={(e) => setEmployeeId(e.currentTarget.value)} error={errors.employeeId}
              data={[{ value: '', label: 'Выберите учителя', disabled: true }, ...(teachers.data?.items ?? []).map((t) => ({ value: t.id, label: `${fullName(t)} (${t.position})` }))]} />
            <NativeSelect label="Предмет" required value={subjectId} onChange={(e) => setSubjectId(e.currentTarget.value)} error={errors.subjectId}
              data={[{ value: '', label: 'Выберите предмет', disabled: true }, ...(subjects.data?.items ?? []).filter((s) => !s.archived).map((s) => ({ value: s.id, label: s.name }))]} />
            <NativeSelect label="Класс или группа" required value={target} onChange={(e) => setTarget(e.currentTarget.value)}
              error={errors.classId ?? errors.studyGroupId} data={targetOptions} />
            <NumberInput label="Часов в неделю" required min={0.5} max={40} step={0.5} decimalScale={1} decimalSeparator="," value={hoursPerWeek}
              onChange={setHoursPerWeek} error={errors.hoursPerWeek} />
            <TextInput label="Деление на уроки" placeholder="например, 2+1+1" description={splitHint} value={lessonSplit}
              onChange={(e) => setLessonSplit(e.currentTarget.value)} error={errors.lessonSplit} />
          </SimpleGrid>
          {formErrorOf(create.error, fields) && <Alert color="red" role="alert">{formErrorOf(create.error, fields)}</Alert>}
          <Button type="submit" loading={create.isPending} style={{ alignSelf: 'flex-start' }}>Добавить нагрузку</Button>
        </Stack>
      </form>
    </Paper>
  );
}

function LoadByTeacher({ schoolId, canWrite, onEdit }: { schoolId: string; canWrite: boolean; onEdit: (l: TeachingLoadDto) => void }) {
  const rows = useQuery(teachingLoadsQuery(schoolId));
  const teachers = useQuery(loadTeachersQuery(schoolId));
  const remove = useDeleteTeachingLoad(schoolId);
  return (
    <Stack gap="sm" component="section" aria-labelledby="load-by-teacher">
      <Title order={2} size="h4" id="load-by-teacher">Нагрузка по учителям</Title>
      {remove.isError && <Alert color="red" role="alert">{errorMessage(remove.error)}</Alert>}
      <QueryView query={teachers} label="учителя">
        {(staff) => (
          <QueryView query={rows} label="нагрузка">
            {(list) => {
              const shown = staff.items.filter((t) => t.loadLimitHours !== null || list.items.some((l) => l.employee.id === t.id));
              if (shown.length === 0) return <Text c="dimmed" size="sm">Нагрузка ещё не распределена.</Text>;
              return shown.map((t) => (
                <TeacherLoad key={t.id} schoolId={schoolId} teacher={t} rows={list.items.filter((l) => l.employee.id === t.id)} canWrite={canWrite}
                  onEdit={onEdit} onRemove={(id) => remove.mutate(id)} />
              ));
            }}
          </QueryView>
        )}
      </QueryView>
      {canWrite && <LimitForOthers schoolId={schoolId} />}
    </Stack>
  );
}

function TeacherLoad({ schoolId, teacher, rows, canWrite, onEdit, onRemove }: {
  schoolId: string; teacher: LoadTeacherDto; rows: TeachingLoadDto[]; canWrite: boolean; onEdit: (l: TeachingLoadDto) => void; onRemove: (id: string) => void;
}) {
  const over = teacher.loadLimitHours !== null && teacher.totalHours > teacher.loadLimitHours;
  const name = fullName(teacher);
  const [unavailability, setUnavailability] = useState(false);
  return (
    <Paper withBorder p="sm" id={`teacher-${teacher.id}`} component="article" aria-label={`Нагрузка: ${name}`}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <div>
            <Text fw={600}>{name}</Text>
            <Text size="sm" c="dimmed">{teacher.position}</Text>
            <Text size="sm" c={over ? 'red' : undefined}>
              Всего {hours(teacher.totalHours)} ч{teacher.loadLimitHours !== null ? ` при ставке ${hours(teacher.loadLimitHours)} ч` : ', ставка не задана'}
              {over ? ' — перегрузка' : ''}
            </Text>
          </div>
          <Group gap="xs" align="flex-end" wrap="wrap">
            <Button variant="light" onClick={() => setUnavailability(true)} aria-label={`Недоступность: ${name}`}>Недоступность</Button>
            {canWrite && <LimitEditor schoolId={schoolId} teacher={teacher} />}
          </Group>
        </Group>
        {unavailability && <UnavailabilityDialog schoolId={schoolId} employeeId={teacher.id} name={name} canWrite={canWrite} onClose={() => setUnavailability(false)} />}
        {rows.length > 0 && (
          <ScrollTable label={`Строки нагрузки: ${name}`} minWidth={560} head={['Предмет', 'Класс или группа', 'Часов в неделю', 'Уроки', '']}>
            {rows.map((l) => {
              const target = l.class?.name ?? l.studyGroup?.name ?? '';
              return (
                <Table.Tr key={l.id}>
                  <Table.Td>{l.subject.name}</Table.Td>
                  <Table.Td>{target}</Table.Td>
                  <Table.Td>{hours(l.hoursPerWeek)}</Table.Td>
                  <Table.Td>{l.lessonSplit ?? <Text span size="sm" c="dimmed">по одному</Text>}</Table.Td>
                  <Table.Td>
                    {canWrite && (
                      <Group gap={4} wrap="nowrap">
                        <Button size="xs" variant="subtle" onClick={() => onEdit(l)} aria-label={`Изменить часы: ${l.subject.name}, ${target}`}>Изменить</Button>
                        <Button size="xs" variant="subtle" color="red" onClick={() => onRemove(l.id)} aria-label={`Снять нагрузку: ${l.subject.name}, ${target}`}>Снять</Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </ScrollTable>
        )}
      </Stack>
    </Paper>
  );
}

/** The teacher's load limit in hours a week («Ставка, ч»): 18 per rate; empty clears it. */
function LimitEditor({ schoolId, teacher }: { schoolId: string; teacher: LoadTeacherDto }) {
  const save = useSetLoadLimit(schoolId);
  const [value, setValue] = useState<number | string>(teacher.loadLimitHours ?? '');
  const name = fullName(teacher);
  const errors = fieldErrorsOf(save.error);
  return (
    <form onSubmit={(e) => { e.preventDefault(); save.mutate({ employeeId: teacher.id, loadLimitHours: value === '' ? null : Number(String(value).replace(',', '.')) }); }}
      aria-label={`Ставка: ${name}`}>
      <Group gap="xs" align="flex-end">
        <NumberInput label="Ставка, ч" aria-label={`Ставка, ч: ${name}`} w={110} min={0.5} max={60} step={0.5} decimalScale={1} decimalSeparator=","
          value={value} onChange={setValue} error={errors.loadLimitHours ?? (save.isError && !errors.loadLimitHours ? errorMessage(save.error) : undefined)} />
        <Button type="submit" variant="default" loading={save.isPending} aria-label={`Сохранить ставку: ${name}`}>Сохранить ставку</Button>
      </Group>
    </form>
  );
}

/** A load limit for a member of staff who has no load yet. */
function LimitForOthers({ schoolId }: { schoolId: string }) {
  const teachers = useQuery(loadTeachersQuery(schoolId));
  const [employeeId, setEmployeeId] = useState('');
  const teacher = teachers.data?.items.find((t) => t.id === employeeId);
  const others = (teachers.data?.items ?? []).filter((t) => t.loadLimitHours === null && t.totalHours === 0);
  if (others.length === 0) return null;
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <NativeSelect label="Ставка для сотрудника без нагрузки" value={employeeId} onChange={(e) => setEmployeeId(e.currentTarget.value)}
        data={[{ value: '', label: 'Выберите сотрудника', disabled: true }, ...others.map((t) => ({ value: t.id, label: fullName(t) }))]} />
      {teacher && <LimitEditor key={teacher.id} schoolId={schoolId} teacher={teacher} />}
    </Group>
  );
}

function EditHoursForm({ schoolId, load, onClose }: { schoolId: string; load: TeachingLoadDto; onClose: () => void }) {
  const update = useUpdateTeachingLoad(schoolId);
  const [value, setValue] = useState<number | string>(load.hoursPerWeek);
  const [lessonSplit, setLessonSplit] = useState(load.lessonSplit ?? '');
  const errors = fieldErrorsOf(update.error);
  const target = load.class?.name ?? load.studyGroup?.name ?? '';
  return (
    <FormModal opened onClose={onClose} title={`${fullName(load.employee)}: ${load.subject.name}, ${target}`}
      onSubmit={() => update.mutate({ teachingLoadId: load.id, hoursPerWeek: Number(String(value).replace(',', '.')), lessonSplit: splitOf(lessonSplit) }, { onSuccess: onClose })}
      pending={update.isPending} error={formErrorOf(update.error, ['hoursPerWeek', 'lessonSplit'])}>
      <NumberInput label="Часов в неделю" required min={0.5} max={40} step={0.5} decimalScale={1} decimalSeparator="," value={value} onChange={setValue}
        error={errors.hoursPerWeek} data-autofocus />
      <TextInput label="Деление на уроки" placeholder="например, 2+1+1" description={splitHint} value={lessonSplit}
        onChange={(e) => setLessonSplit(e.currentTarget.value)} error={errors.lessonSplit} />
    </FormModal>
  );
}

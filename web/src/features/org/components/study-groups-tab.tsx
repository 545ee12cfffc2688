// «Группы»: subgroups of classes, streams across classes and groups of extracurricular courses or
// additional programmes, with their members today; a form to create or rename a group, a form to
// split a class into subgroups for a subject, and the group's members: add a student from a date,
// end a membership.
import { Alert, Anchor, Button, Group, Modal, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { StudyGroupDto, StudyGroupKind } from '../../../../../contracts/org';
import { errorMessage } from '../../../lib/api';
import { fullName } from '../../identity/names';
import {
  classesQuery, studentsQuery, studyGroupQuery, studyGroupsQuery, subjectsQuery, useAddStudyGroupMember, useEndStudyGroupMembership,
  useSaveStudyGroup, useSplitClass,
} from '../api/org';
import { fieldErrorsOf, formErrorOf } from '../form-errors';
import { formatPeriod, studyGroupKindTitles } from '../format';
import { FormModal, QueryView, ScrollTable, SearchBox, todayIso, useSearch } from './org-ui';
import { studentPath } from '../paths';

export function StudyGroupsTab({ schoolId, canWrite }: { schoolId: string; canWrite: boolean }) {
  const list = useQuery(studyGroupsQuery(schoolId));
  const search = useSearch();
  const [editing, setEditing] = useState<StudyGroupDto | 'new' | null>(null);
  const [open, setOpen] = useState<StudyGroupDto | null>(null);
  const [splitting, setSplitting] = useState(false);

  return (
    <Stack gap="sm">
      <Group align="flex-end" justify="space-between">
        <SearchBox label="Поиск группы" value={search.input} onChange={search.setInput} />
        {canWrite && (
          <Group gap="xs">
            <Button variant="light" onClick={() => setSplitting(true)}>Разделить класс на группы</Button>
            <Button onClick={() => setEditing('new')}>Создать группу</Button>
          </Group>
        )}
      </Group>
      <QueryView query={list} label="группы">
        {(data) => {
          const q = search.query.toLowerCase().replace(/ё/g, 'е');
          const shown = data.items.filter((g) => q === '' || `${g.name} ${g.subject?.name ?? ''} ${g.class?.name ?? ''}`.toLowerCase().replace(/ё/g, 'е').includes(q));
          return (
            <ScrollTable
              label="Список групп"
              minWidth={600}
              head={['Группа', 'Вид', 'Класс', 'Предмет', 'Учеников', '']}
              empty={shown.length === 0 ? 'Групп нет' : null}
            >
              {shown.map((g) => (
                <Table.Tr key={g.id}>
                  <Table.Td>
                    <Anchor component="button" type="button" onClick={() => setOpen(g)}>{g.name}</Anchor>
                  </Table.Td>
                  <Table.Td>{studyGroupKindTitles[g.kind]}</Table.Td>
                  <Table.Td>{g.class?.name ?? ''}</Table.Td>
                  <Table.Td>{g.subject?.name ?? ''}</Table.Td>
                  <Table.Td>{g.memberCount}</Table.Td>
                  <Table.Td>
                    {canWrite && <Button size="xs" variant="subtle" onClick={() => setEditing(g)} aria-label={`Изменить группу ${g.name}`}>Изменить</Button>}
                  </Table.Td>
                </Table.Tr>
              ))}
            </ScrollTable>
          );
        }}
      </QueryView>
      {editing !== null && <StudyGroupForm schoolId={schoolId} group={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {splitting && <SplitClassForm schoolId={schoolId} onClose={() => setSplitting(false)} />}
      {open !== null && <MembersModal schoolId={schoolId} group={open} canWrite={canWrite} onClose={() => setOpen(null)} />}
    </Stack>
  );
}

function StudyGroupForm({ schoolId, group, onClose }: { schoolId: string; group: StudyGroupDto | null; onClose: () => void }) {
  const save = useSaveStudyGroup(schoolId);
  const classes = useQuery(classesQuery(schoolId));
  const subjects = useQuery(subjectsQuery(schoolId));
  const [kind, setKind] = useState<StudyGroupKind>(group?.kind ?? 'subgroup');
  const [name, setName] = useState(group?.name ?? '');
  const [classId, setClassId] = useState(group?.class?.id ?? '');
  const [subjectId, setSubjectId] = useState(group?.subject?.id ?? '');
  const errors = fieldErrorsOf(save.error);
  const submit = () => save.mutate(
    group
      ? { studyGroupId: group.id, input: { name, subjectId: subjectId || null } }
      : { studyGroupId: null, input: { kind, name, subjectId: subjectId || null, classId: kind === 'subgroup' && classId ? classId : null } },
    { onSuccess: onClose },
  );
  return (
    <FormModal
      opened
      onClose={onClose}
      title={group ? `Группа «${group.name}»` : 'Новая группа'}
      onSubmit={submit}
      pending={save.isPending}
      error={formErrorOf(save.error, ['kind', 'name', 'classId', 'subjectId'])}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <NativeSelect
          label="Вид"
          value={kind}
          disabled={group !== null}
          onChange={(e) => setKind(e.currentTarget.value as StudyGroupKind)}
          data={[
            { value: 'subgroup', label: 'Подгруппа класса' },
            { value: 'stream', label: 'Поток из нескольких классов' },
            { value: 'activity', label: 'Внеурочная деятельность или доп. образование' },
          ]}
          error={errors.kind}
        />
        {kind === 'subgroup' && (
          <NativeSelect
            label="Класс"
            required
            value={classId}
            disabled={group !== null}
            onChange={(e) => setClassId(e.currentTarget.value)}
            data={[{ value: '', label: 'Выберите класс', disabled: true }, ...(classes.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))]}
            error={errors.classId}
          />
        )}
      </SimpleGrid>
      <TextInput label="Название" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} placeholder="5А англ. яз., 1 группа" />
      <NativeSelect
        label={kind === 'activity' ? 'Курс или программа' : 'Предмет'}
        required={kind === 'activity'}
        value={subjectId}
        onChange={(e) => setSubjectId(e.currentTarget.value)}
        data={[{ value: '', label: 'Не указан' }, ...(subjects.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))]}
        error={errors.subjectId}
      />
    </FormModal>
  );
}

function SplitClassForm({ schoolId, onClose }: { schoolId: string; onClose: () => void }) {
  const split = useSplitClass(schoolId);
  const classes = useQuery(classesQuery(schoolId));
  const subjects = useQuery(subjectsQuery(schoolId));
  const [classId, setClassId] = useState('');
  const [subjectId, setSubjectId] = useState('');
  const [parts, setParts] = useState('2');
  const [startsOn, setStartsOn] = useState('');
  const errors = fieldErrorsOf(split.error);
  const fields = ['classId', 'subjectId', 'parts', 'startsOn'];
  return (
    <FormModal
      opened
      onClose={onClose}
      title="Деление на подгруппы"
      submitLabel="Разделить"
      onSubmit={() => split.mutate({ classId, subjectId, parts: Number(parts), ...(startsOn ? { startsOn } : {}) }, { onSuccess: onClose })}
      pending={split.isPending}
      error={formErrorOf(split.error, fields)}
    >
      <Text size="sm" c="dimmed">Будут созданы группы «Предмет 1 (класс)», «Предмет 2 (класс)»…; ученики класса распределятся по алфавиту.</Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <NativeSelect
          label="Класс"
          required
          value={classId}
          onChange={(e) => setClassId(e.currentTarget.value)}
          data={[{ value: '', label: 'Выберите класс', disabled: true }, ...(classes.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))]}
          error={errors.classId}
        />
        <NativeSelect
          label="Предмет"
          required
          value={subjectId}
          onChange={(e) => setSubjectId(e.currentTarget.value)}
          data={[{ value: '', label: 'Выберите предмет', disabled: true }, ...(subjects.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))]}
          error={errors.subjectId}
        />
        <NativeSelect
          label="Число групп"
          value={parts}
          onChange={(e) => setParts(e.currentTarget.value)}
          data={['2', '3', '4']}
          error={errors.parts}
        />
        <TextInput label="С какого числа" type="date" value={startsOn} onChange={(e) => setStartsOn(e.currentTarget.value)} error={errors.startsOn}
          description="Пусто — с сегодняшнего дня" />
      </SimpleGrid>
    </FormModal>
  );
}

function MembersModal({ schoolId, group, canWrite, onClose }: { schoolId: string; group: StudyGroupDto; canWrite: boolean; onClose: () => void }) {
  const detail = useQuery(studyGroupQuery(schoolId, group.id));
  const end = useEndStudyGroupMembership(schoolId, group.id);
  const [endsOn, setEndsOn] = useState(todayIso());
  return (
    <Modal opened onClose={onClose} title={`Состав: ${group.name}`} size="lg">
      <Stack gap="sm">
        <QueryView query={detail} label="состав группы">
          {(data) => (
            <ScrollTable
              label="Ученики группы"
              minWidth={420}
              head={['Ученик', 'В группе', '']}
              empty={data.members.length === 0 ? 'Сейчас в группе никого нет' : null}
            >
              {data.members.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>
                    <Anchor component={Link} to={studentPath(m.studentId)}>{fullName(m)}</Anchor>
                  </Table.Td>
                  <Table.Td>{formatPeriod(m.startsOn, m.endsOn)}</Table.Td>
                  <Table.Td>
                    {canWrite && m.endsOn === null && (
                      <Button size="xs" variant="subtle" color="red" loading={end.isPending} onClick={() => end.mutate({ memberId: m.id, to: endsOn })}
                        aria-label={`Исключить из группы: ${fullName(m)}`}>
                        Исключить
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </ScrollTable>
          )}
        </QueryView>
        {canWrite && (
          <>
            <TextInput label="Последний день в группе (для исключения)" type="date" value={endsOn} onChange={(e) => setEndsOn(e.currentTarget.value)} maw={260} />
            {end.isError && <Alert color="red" role="alert">{errorMessage(end.error)}</Alert>}
            <AddMemberForm schoolId={schoolId} group={group} />
          </>
        )}
      </Stack>
    </Modal>
  );
}

function AddMemberForm({ schoolId, group }: { schoolId: string; group: StudyGroupDto }) {
  const add = useAddStudyGroupMember(schoolId, group.id);
  const search = useSearch();
  const candidates = useQuery(studentsQuery(schoolId, { q: search.query, classId: group.class?.id }));
  const [studentId, setStudentId] = useState('');
  const [from, setFrom] = useState(todayIso());
  const errors = fieldErrorsOf(add.error);
  return (
    <Stack gap="xs" component="section" aria-label="Добавить ученика в группу">
      <Text fw={600}>Добавить ученика</Text>
      <SearchBox label="Найти ученика" value={search.input} onChange={search.setInput} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <NativeSelect
          label="Ученик"
          value={studentId}
          onChange={(e) => setStudentId(e.currentTarget.value)}
          data={[{ value: '', label: 'Выберите ученика', disabled: true }, ...(candidates.data?.items ?? []).map((s) => ({ value: s.id, label: `${fullName(s)}${s.class ? `, ${s.class.name}` : ''}` }))]}
          error={errors.studentId}
        />
        <TextInput label="С какого числа" type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} error={errors.from} />
      </SimpleGrid>
      {formErrorOf(add.error, ['studentId', 'from']) && <Alert color="red" role="alert">{formErrorOf(add.error, ['studentId', 'from'])}</Alert>}
      <Button
        variant="light"
        disabled={studentId === ''}
        loading={add.isPending}
        onClick={() => add.mutate({ studentId, from }, { onSuccess: () => setStudentId('') })}
        style={{ alignSelf: 'flex-start' }}
      >
        Добавить в группу
      </Button>
    </Stack>
  );
}

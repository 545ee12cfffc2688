// A student's page: their data and flags (ИУП, АООП, form of education), the history of classes,
// guardians, study groups, and — for the administration — editing, a move to another class,
// leaving the school and linking guardians. Teachers and families see it read-only, as far as
// the server lets them.
import { Alert, Anchor, Badge, Button, Checkbox, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState, type ReactNode } from 'react';
import type { Relation, Sex, StudentDto } from '../../../../../contracts/org';
import { educationForms } from '../../../../../domain/person';
import { errorMessage, isApiError } from '../../../lib/api';
import { fullName } from '../../identity/names';
import {
  classesQuery, guardiansQuery, studentQuery, useLeaveSchool, useLinkGuardian, useMoveStudent, useUnlinkGuardian, useUpdateStudent,
} from '../api/org';
import { fieldErrorsOf, formErrorOf } from '../form-errors';
import { academicYearTitle, educationFormTitles, formatDate, relationTitles, sexTitles, studyGroupKindTitles, type EducationForm } from '../format';
import { GuardianForm } from './guardians-tab';
import { FormModal, QueryView, ScrollTable, SearchBox, todayIso, useOrgAccess, useSearch } from './org-ui';
import { PersonFields, SexSelect, personFieldNames, personFormOf, personInputOf, type PersonForm } from './person-fields';

export function StudentPage() {
  const { studentId } = useParams({ strict: false }) as { studentId?: string };
  const { schoolId, can } = useOrgAccess();
  const student = useQuery({ ...studentQuery(schoolId ?? '', studentId ?? ''), enabled: schoolId !== null && studentId !== undefined });

  if (schoolId === null || studentId === undefined) return <Alert color="gray">Выберите школу.</Alert>;
  if (student.isError && isApiError(student.error) && student.error.status === 404) {
    return (
      <Stack>
        <Title order={1}>Ученик</Title>
        <Alert color="gray">Ученик не найден или недоступен вам.</Alert>
        <Anchor component={Link} to="/org">К списку учеников</Anchor>
      </Stack>
    );
  }
  return (
    <QueryView query={student} label="ученик">
      {(s) => <StudentView schoolId={schoolId} student={s} canWrite={can('student', 'write')} canLinkGuardians={can('guardian', 'write')} />}
    </QueryView>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed">{label}</Text>
      <Text>{children}</Text>
    </div>
  );
}

function StudentView({ schoolId, student: s, canWrite, canLinkGuardians }: { schoolId: string; student: StudentDto; canWrite: boolean; canLinkGuardians: boolean }) {
  const [editing, setEditing] = useState(false);
  const unlink = useUnlinkGuardian(schoolId);
  const open = s.enrollments.find((e) => e.endsOn === null);

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Anchor component={Link} to="/org" size="sm">← Люди и доступ</Anchor>
        <Title order={1}>{fullName(s)}</Title>
      </Stack>

      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="student-data">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h3" id="student-data">Данные ученика</Title>
          {canWrite && <Button variant="light" onClick={() => setEditing(true)}>Изменить</Button>}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Field label="Класс">{s.currentClass?.name ?? 'не числится'}</Field>
          <Field label="Форма обучения">{educationFormTitles[s.educationForm]}</Field>
          <Field label="Пол">{s.sex ? sexTitles[s.sex] : '—'}</Field>
          {!s.withheld && <Field label="Дата рождения">{formatDate(s.birthDate) || '—'}</Field>}
          {!s.withheld && <Field label="СНИЛС">{s.snils ?? '—'}</Field>}
          <Field label="Телефон">{s.phone ?? '—'}</Field>
          <Field label="E-mail">{s.email ?? '—'}</Field>
          {!s.withheld && s.externalId && <Field label="Внешний идентификатор">{s.externalId}</Field>}
        </SimpleGrid>
        <Group gap="xs" mt="sm">
          {s.individualCurriculum && <Badge variant="light" tt="none">ИУП — индивидуальный учебный план</Badge>}
          {s.adaptedProgramme && <Badge variant="light" color="grape" tt="none">АООП — адаптированная программа</Badge>}
          {s.hasAccount && <Badge variant="outline" color="gray" tt="none">Есть учётная запись</Badge>}
        </Group>
      </Paper>

      <section aria-labelledby="student-history">
        <Title order={2} size="h3" id="student-history" mb="sm">История классов</Title>
        <ScrollTable label="История классов" minWidth={420} head={['Класс', 'Учебный год', 'С', 'По']} empty={s.enrollments.length === 0 ? 'Нет записей' : null}>
          {s.enrollments.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td fw={e.endsOn === null ? 600 : undefined}>{e.className}</Table.Td>
              <Table.Td>{academicYearTitle(e.academicYear)}</Table.Td>
              <Table.Td>{formatDate(e.startsOn)}</Table.Td>
              <Table.Td>{e.endsOn ? formatDate(e.endsOn) : 'по настоящее время'}</Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
      </section>

      {canWrite && open && <MoveForm schoolId={schoolId} student={s} />}
      {canWrite && open && <LeaveForm schoolId={schoolId} student={s} />}

      <section aria-labelledby="student-guardians">
        <Title order={2} size="h3" id="student-guardians" mb="sm">Родители</Title>
        <ScrollTable label="Родители ученика" minWidth={520} head={['ФИО', 'Кем приходится', 'Телефон', 'E-mail', '']} empty={s.guardians.length === 0 ? 'Нет сведений' : null}>
          {s.guardians.map((g) => (
            <Table.Tr key={g.guardianId}>
              <Table.Td>{fullName(g)}</Table.Td>
              <Table.Td>{relationTitles[g.relation]}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{g.phone ?? ''}</Table.Td>
              <Table.Td>{g.email ?? ''}</Table.Td>
              <Table.Td>
                {canLinkGuardians && (
                  <Button size="xs" variant="subtle" color="red" loading={unlink.isPending}
                    onClick={() => unlink.mutate({ studentId: s.id, guardianId: g.guardianId })} aria-label={`Убрать связь: ${fullName(g)}`}>
                    Убрать
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
        {unlink.isError && <Alert color="red" role="alert" mt="xs">{errorMessage(unlink.error)}</Alert>}
        {canLinkGuardians && <LinkGuardianForm schoolId={schoolId} studentId={s.id} />}
      </section>

      <section aria-labelledby="student-groups">
        <Title order={2} size="h3" id="student-groups" mb="sm">Группы</Title>
        <ScrollTable label="Группы ученика" minWidth={480} head={['Группа', 'Вид', 'Предмет', 'С', 'По']} empty={s.studyGroups.length === 0 ? 'Не входит в группы' : null}>
          {s.studyGroups.map((g) => (
            <Table.Tr key={g.membershipId}>
              <Table.Td>{g.name}</Table.Td>
              <Table.Td>{studyGroupKindTitles[g.kind]}</Table.Td>
              <Table.Td>{g.subjectName ?? ''}</Table.Td>
              <Table.Td>{formatDate(g.startsOn)}</Table.Td>
              <Table.Td>{g.endsOn ? formatDate(g.endsOn) : 'по настоящее время'}</Table.Td>
            </Table.Tr>
          ))}
        </ScrollTable>
      </section>

      {editing && <EditStudentForm schoolId={schoolId} student={s} onClose={() => setEditing(false)} />}
    </Stack>
  );
}

function EditStudentForm({ schoolId, student, onClose }: { schoolId: string; student: StudentDto; onClose: () => void }) {
  const update = useUpdateStudent(schoolId, student.id);
  const [person, setPerson] = useState<PersonForm>(personFormOf(student));
  const [sex, setSex] = useState<Sex | ''>(student.sex ?? '');
  const [educationForm, setEducationForm] = useState<EducationForm>(student.educationForm);
  const [individualCurriculum, setIndividualCurriculum] = useState(student.individualCurriculum);
  const [adaptedProgramme, setAdaptedProgramme] = useState(student.adaptedProgramme);
  const errors = fieldErrorsOf(update.error);
  const submit = () => update.mutate(
    { ...personInputOf(person, student.withheld), sex: sex || null, educationForm, individualCurriculum, adaptedProgramme },
    { onSuccess: onClose },
  );
  return (
    <FormModal
      opened
      onClose={onClose}
      title="Данные ученика"
      onSubmit={submit}
      pending={update.isPending}
      error={formErrorOf(update.error, [...personFieldNames, 'sex', 'educationForm'])}
    >
      <PersonFields value={person} onChange={setPerson} errors={errors} withheld={student.withheld} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <SexSelect value={sex} onChange={setSex} error={errors.sex} />
        <NativeSelect
          label="Форма обучения"
          value={educationForm}
          onChange={(e) => setEducationForm(e.currentTarget.value as EducationForm)}
          data={educationForms.map((f) => ({ value: f, label: educationFormTitles[f] }))}
          error={errors.educationForm}
        />
      </SimpleGrid>
      <Checkbox label="Обучается по индивидуальному учебному плану (ИУП)" checked={individualCurriculum} onChange={(e) => setIndividualCurriculum(e.currentTarget.checked)} />
      <Checkbox label="Обучается по адаптированной программе (АООП)" checked={adaptedProgramme} onChange={(e) => setAdaptedProgramme(e.currentTarget.checked)} />
    </FormModal>
  );
}

function MoveForm({ schoolId, student }: { schoolId: string; student: StudentDto }) {
  const move = useMoveStudent(schoolId, student.id);
  const current = student.enrollments.find((e) => e.endsOn === null);
  const classes = useQuery(classesQuery(schoolId, current?.academicYear));
  const [classId, setClassId] = useState('');
  const [on, setOn] = useState(todayIso());
  const errors = fieldErrorsOf(move.error);
  const options = (classes.data?.items ?? []).filter((c) => c.id !== current?.classId);
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    move.mutate({ classId, on }, {
      onSuccess: (moved) => {
        setClassId('');
        notifications.show({ color: 'teal', title: 'Ученик переведён', message: `Теперь в классе ${moved.currentClass?.name ?? ''}` });
      },
    });
  };
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="student-move">
      <Title order={2} size="h3" id="student-move" mb="xs">Перевести в другой класс</Title>
      <Text size="sm" c="dimmed" mb="sm">
        Пребывание в классе {current?.className} закончится накануне даты перевода; история сохранится.
      </Text>
      <form onSubmit={submit} noValidate aria-label="Перевести в другой класс">
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label="Новый класс"
            value={classId}
            onChange={(e) => setClassId(e.currentTarget.value)}
            data={[{ value: '', label: 'Выберите класс', disabled: true }, ...options.map((c) => ({ value: c.id, label: c.name }))]}
            error={errors.classId}
          />
          <TextInput label="Дата перевода" type="date" value={on} onChange={(e) => setOn(e.currentTarget.value)} error={errors.on} />
          <Button type="submit" disabled={classId === ''} loading={move.isPending}>Перевести</Button>
        </Group>
        {formErrorOf(move.error, ['classId', 'on']) && <Alert color="red" role="alert" mt="sm">{formErrorOf(move.error, ['classId', 'on'])}</Alert>}
      </form>
    </Paper>
  );
}

function LeaveForm({ schoolId, student }: { schoolId: string; student: StudentDto }) {
  const leave = useLeaveSchool(schoolId, student.id);
  const [on, setOn] = useState(todayIso());
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!window.confirm(`Отметить выбытие ученика ${fullName(student)} из школы с ${formatDate(on)}?`)) return;
    leave.mutate({ on }, { onSuccess: () => notifications.show({ color: 'teal', title: 'Выбытие отмечено', message: fullName(student) }) });
  };
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="student-leave">
      <Title order={2} size="h3" id="student-leave" mb="xs">Выбытие из школы</Title>
      <form onSubmit={submit} noValidate aria-label="Выбытие из школы">
        <Group align="flex-end" gap="sm">
          <TextInput label="Первый день, когда ученик уже не числится" type="date" value={on} onChange={(e) => setOn(e.currentTarget.value)} error={fieldErrorsOf(leave.error).on} />
          <Button type="submit" color="red" variant="light" loading={leave.isPending}>Отметить выбытие</Button>
        </Group>
        {formErrorOf(leave.error, ['on']) && <Alert color="red" role="alert" mt="sm">{formErrorOf(leave.error, ['on'])}</Alert>}
      </form>
    </Paper>
  );
}

function LinkGuardianForm({ schoolId, studentId }: { schoolId: string; studentId: string }) {
  const link = useLinkGuardian(schoolId);
  const search = useSearch();
  const found = useQuery({ ...guardiansQuery(schoolId, { q: search.query }), enabled: search.query !== '' });
  const [guardianId, setGuardianId] = useState('');
  const [relation, setRelation] = useState<Relation>('mother');
  const [creating, setCreating] = useState(false);
  const submit = (id: string) => link.mutate({ studentId, guardianId: id, relation }, { onSuccess: () => setGuardianId('') });
  return (
    <>
      <form aria-label="Связать родителя с учеником" onSubmit={(e) => { e.preventDefault(); if (guardianId) submit(guardianId); }}>
        <Stack gap="xs" mt="md">
          <Text fw={600}>Добавить родителя</Text>
          <Group align="flex-end" gap="sm">
            <SearchBox label="Найти родителя" value={search.input} onChange={search.setInput} />
            <NativeSelect
              label="Родитель"
              value={guardianId}
              onChange={(e) => setGuardianId(e.currentTarget.value)}
              data={[{ value: '', label: search.query ? 'Выберите из найденных' : 'Сначала найдите по ФИО', disabled: true },
                ...(found.data?.items ?? []).map((g) => ({ value: g.id, label: fullName(g) }))]}
            />
            <NativeSelect
              label="Кем приходится"
              value={relation}
              onChange={(e) => setRelation(e.currentTarget.value as Relation)}
              data={(['mother', 'father', 'other'] as const).map((r) => ({ value: r, label: relationTitles[r] }))}
            />
            <Button type="submit" disabled={guardianId === ''} loading={link.isPending}>Связать</Button>
            <Button variant="subtle" onClick={() => setCreating(true)}>Новый родитель…</Button>
          </Group>
          {link.isError && <Alert color="red" role="alert">{errorMessage(link.error)}</Alert>}
        </Stack>
      </form>
      {creating && <GuardianForm schoolId={schoolId} guardian={null} onClose={() => setCreating(false)} onSaved={(g) => submit(g.id)} />}
    </>
  );
}

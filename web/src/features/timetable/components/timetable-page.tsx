// «Расписание»: the versions of the year's weekly timetable (drafts and published, the one in
// force marked), the week of a class, a teacher or a room with the evaluation beside it, and for
// the administration: moving and locking lessons, «Ввести в действие с …», «Новая версия с даты»
// (a copy to change and publish later), removing a draft. Teachers and families read; a family
// sees its own (children's) classes, a teacher their own lessons first.
import { Alert, Anchor, Button, Checkbox, Group, NativeSelect, Paper, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import type {
  TimetableGridDto, TimetableGridQuery, TimetableVersionDto, TimetableVersionListDto, TimetableViewKind,
} from '../../../../../contracts/timetable-versions';
import { scopesOf } from '../../../../../domain/access';
import { errorMessage } from '../../../lib/api';
import { navigationRolesOf } from '../../identity/active-school';
import { useCurrentUser } from '../../identity/components/current-user';
import { fieldErrorsOf, formErrorOf } from '../../org/form-errors';
import { FormModal, QueryView, useOrgAccess } from '../../org/components/org-ui';
import {
  gridQuery, useCreateVersion, useDeleteVersion, usePublishVersion, useUnpublishVersion, versionQuery, versionsQuery,
} from '../api/timetable';
import { initialVersion, ruDate, versionTitle } from '../grid';
import { AddLessonForm } from './add-lesson-form';
import { EvaluationPanel } from './evaluation-panel';
import { WeekGrid } from './week-grid';

const viewTitles: Record<TimetableViewKind, string> = { class: 'Класс', teacher: 'Учитель', room: 'Кабинет' };
const staffRoles = ['director', 'deputy', 'journalAdmin', 'subjectTeacher', 'classTeacher', 'regionAdmin', 'municipalityAdmin'] as const;

export function TimetablePage({ version }: { version?: string | undefined }) {
  const { schoolId, can } = useOrgAccess();
  const me = useCurrentUser();
  const roles = navigationRolesOf(me);
  const canRead = scopesOf(roles, 'timetable', 'read').length > 0;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="xs">
        <Title order={1}>Расписание</Title>
        <Group gap="xs">
          {can('timetable', 'write') && <Button component={Link} to="/timetable/generate" variant="default">Сформировать</Button>}
          {canRead && <Button component={Link} to="/timetable/day" variant="default">Уроки на дату</Button>}
        </Group>
      </Group>
      {schoolId === null
        ? <Alert color="gray">Выберите школу, чтобы увидеть её расписание.</Alert>
        : !canRead
          ? <Alert color="gray">Расписание школы видят её сотрудники, ученики и их родители.</Alert>
          : <Versions schoolId={schoolId} asked={version} isStaff={roles.some((r) => (staffRoles as readonly string[]).includes(r))} />}
    </Stack>
  );
}

function Versions({ schoolId, asked, isStaff }: { schoolId: string; asked: string | undefined; isStaff: boolean }) {
  const list = useQuery(versionsQuery(schoolId));
  const navigate = useNavigate();
  /** The date a copy made with «Новая версия с даты» is meant to start on, for its publishing form. */
  const [planned, setPlanned] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const select = (id: string) => void navigate({ to: '/timetable', search: { version: id } });
  return (
    <QueryView query={list} label="версии расписания">
      {(data) => {
        const selectedId = initialVersion(data.items, data.inForceId, asked);
        const selected = data.items.find((v) => v.id === selectedId) ?? null;
        return (
          <Stack gap="md">
            {notice && <Alert color="green" role="status" withCloseButton closeButtonLabel="Закрыть сообщение" onClose={() => setNotice(null)}>{notice}</Alert>}
            {selected === null
              ? <NoVersions schoolId={schoolId} data={data} onCreated={select} />
              : (
                <>
                  <Group align="flex-end" gap="sm" wrap="wrap">
                    <NativeSelect label="Версия расписания" value={selected.id} onChange={(e) => select(e.currentTarget.value)} miw={260} maw="100%"
                      data={data.items.map((v) => ({ value: v.id, label: versionTitle(v) }))} />
                    {data.canWrite && (
                      <VersionActions schoolId={schoolId} version={selected} today={data.today} planned={planned[selected.id]}
                        onNotice={setNotice}
                        onCreated={(id, validFrom) => { setPlanned({ ...planned, [id]: validFrom }); select(id); }}
                        onDeleted={() => void navigate({ to: '/timetable', search: {} })} />
                    )}
                  </Group>
                  <VersionView key={selected.id} schoolId={schoolId} version={selected} data={data} isStaff={isStaff} />
                </>
              )}
          </Stack>
        );
      }}
    </QueryView>
  );
}

function NoVersions({ schoolId, data, onCreated }: { schoolId: string; data: TimetableVersionListDto; onCreated: (id: string) => void }) {
  const create = useCreateVersion(schoolId);
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Text>{data.canWrite ? 'Версий расписания на этот учебный год пока нет.' : 'Расписание ещё не опубликовано.'}</Text>
        {data.canWrite && (
          <Group gap="xs">
            <Button component={Link} to="/timetable/generate">Сформировать</Button>
            <Button variant="default" loading={create.isPending}
              onClick={() => create.mutate({ name: 'Черновик', academicYear: data.academicYear }, { onSuccess: (v) => onCreated(v.id) })}>
              Пустой черновик
            </Button>
          </Group>
        )}
        {create.error && <Alert color="red" role="alert">{errorMessage(create.error)}</Alert>}
      </Stack>
    </Paper>
  );
}

function VersionActions({ schoolId, version, today, planned, onNotice, onCreated, onDeleted }: {
  schoolId: string; version: TimetableVersionDto; today: string; planned: string | undefined;
  onNotice: (text: string) => void; onCreated: (id: string, validFrom: string) => void; onDeleted: () => void;
}) {
  const [form, setForm] = useState<'publish' | 'copy' | null>(null);
  const unpublish = useUnpublishVersion(schoolId);
  const remove = useDeleteVersion(schoolId);
  const error = unpublish.error ?? remove.error;
  return (
    <>
      {version.status !== 'published' && <Button onClick={() => setForm('publish')}>Ввести в действие с …</Button>}
      {version.status === 'published' && (
        <Button variant="default" loading={unpublish.isPending} onClick={() => {
          if (!window.confirm(`Снять версию «${version.name}» с публикации? Она станет черновиком.`)) return;
          unpublish.mutate({ timetableId: version.id, version: version.version }, { onSuccess: () => onNotice(`Версия «${version.name}» снята с публикации`) });
        }}>Снять с публикации</Button>
      )}
      <Button variant="default" onClick={() => setForm('copy')}>Новая версия с даты</Button>
      {version.status === 'draft' && (
        <Button variant="subtle" color="red" loading={remove.isPending} onClick={() => {
          if (!window.confirm(`Удалить черновик «${version.name}»?`)) return;
          remove.mutate({ timetableId: version.id, version: version.version }, { onSuccess: () => { onNotice(`Черновик «${version.name}» удалён`); onDeleted(); } });
        }}>Удалить черновик</Button>
      )}
      {error && <Alert color="red" role="alert" w="100%">{errorMessage(error)}</Alert>}
      {form === 'publish' && (
        <PublishForm schoolId={schoolId} version={version} initialDate={planned ?? today} onClose={() => setForm(null)}
          onDone={(text) => { setForm(null); onNotice(text); }} />
      )}
      {form === 'copy' && (
        <CopyForm schoolId={schoolId} version={version} today={today} onClose={() => setForm(null)}
          onDone={(id, validFrom, name) => {
            setForm(null);
            onNotice(`Создана версия «${name}»: измените в ней уроки и введите её в действие с ${ruDate(validFrom)}`);
            onCreated(id, validFrom);
          }} />
      )}
    </>
  );
}

function PublishForm({ schoolId, version, initialDate, onClose, onDone }: {
  schoolId: string; version: TimetableVersionDto; initialDate: string; onClose: () => void; onDone: (text: string) => void;
}) {
  const publish = usePublishVersion(schoolId);
  const [validFrom, setValidFrom] = useState(initialDate);
  const [force, setForce] = useState(false);
  const hard = version.evaluation?.hard ?? 0;
  const errors = fieldErrorsOf(publish.error);
  const submit = () => publish.mutate({ timetableId: version.id, version: version.version, validFrom, force }, {
    onSuccess: (r) => onDone(`Версия «${version.name}» действует с ${ruDate(validFrom)}${r.hardViolations > 0 ? ` (нарушений обязательных правил: ${r.hardViolations})` : ''}`),
  });
  return (
    <FormModal opened onClose={onClose} title={`Ввести в действие «${version.name}»`} onSubmit={submit} pending={publish.isPending}
      error={formErrorOf(publish.error, ['validFrom'])} submitLabel="Ввести в действие">
      <TextInput type="date" label="Действует с" required value={validFrom} onChange={(e) => setValidFrom(e.currentTarget.value)} error={errors.validFrom} data-autofocus />
      <Text size="sm" c="dimmed">С этой даты уроки берутся из этой версии, до следующей опубликованной.</Text>
      {hard > 0 && (
        <Checkbox checked={force} onChange={(e) => setForce(e.currentTarget.checked)} color="red"
          label={`Ввести в действие, хотя есть нарушения обязательных правил (${hard})`} />
      )}
    </FormModal>
  );
}

function CopyForm({ schoolId, version, today, onClose, onDone }: {
  schoolId: string; version: TimetableVersionDto; today: string; onClose: () => void; onDone: (id: string, validFrom: string, name: string) => void;
}) {
  const create = useCreateVersion(schoolId);
  const [validFrom, setValidFrom] = useState(today);
  const [name, setName] = useState<string | null>(null);
  const shownName = name ?? (/^\d{4}-\d{2}-\d{2}$/.test(validFrom) ? `С ${ruDate(validFrom)}` : '');
  const errors = fieldErrorsOf(create.error);
  const submit = () => create.mutate({ name: shownName, basedOnId: version.id }, { onSuccess: (v) => onDone(v.id, validFrom, v.name) });
  return (
    <FormModal opened onClose={onClose} title="Новая версия с даты" onSubmit={submit} pending={create.isPending}
      error={formErrorOf(create.error, ['name'])} submitLabel="Создать копию">
      <Text size="sm">Копия версии «{version.name}» со всеми уроками: измените её и введите в действие с нужной даты.</Text>
      <TextInput type="date" label="Будет действовать с" required value={validFrom} onChange={(e) => setValidFrom(e.currentTarget.value)} data-autofocus />
      <TextInput label="Название версии" required value={shownName} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
    </FormModal>
  );
}

const filterOf = (view: TimetableViewKind, id: string | undefined): TimetableGridQuery =>
  id === undefined ? {} : view === 'class' ? { classId: id } : view === 'teacher' ? { employeeId: id } : { roomId: id };

function VersionView({ schoolId, version, data, isStaff }: { schoolId: string; version: TimetableVersionDto; data: TimetableVersionListDto; isStaff: boolean }) {
  const detail = useQuery({ ...versionQuery(schoolId, version.id), enabled: isStaff });
  const [view, setView] = useState<TimetableViewKind>(data.defaultView?.kind ?? 'class');
  const [picked, setPicked] = useState<Partial<Record<TimetableViewKind, string>>>(data.defaultView ? { [data.defaultView.kind]: data.defaultView.id } : {});
  // The choices come with every grid of the version; they are kept while another grid loads.
  const [options, setOptions] = useState<TimetableGridDto['options'] | null>(null);
  const chosen = picked[view] ?? options?.[optionKey[view]][0]?.id;
  const grid = useQuery({ ...gridQuery(schoolId, version.id, filterOf(view, chosen)), enabled: chosen !== undefined || options === null });
  if (grid.data && grid.data.options !== options) setOptions(grid.data.options);
  const list = options?.[optionKey[view]] ?? [];
  const title = `Расписание: ${viewTitles[view].toLowerCase()} ${list.find((o) => o.id === chosen)?.name ?? ''}`.trim();
  const views: TimetableViewKind[] = isStaff ? ['class', 'teacher', 'room'] : ['class'];
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<string | null>(null);

  return (
    <Stack gap="md">
      {isStaff && (
        <QueryView query={detail} label="оценка версии">
          {(d) => <EvaluationPanel evaluation={d.evaluation} />}
        </QueryView>
      )}
      <Group align="flex-end" gap="sm" wrap="wrap">
        {views.length > 1 && (
          <SegmentedControl aria-label="Показать расписание" value={view} onChange={(v) => setView(v as TimetableViewKind)}
            data={views.map((v) => ({ value: v, label: viewTitles[v] }))} />
        )}
        <NativeSelect label={viewTitles[view]} value={chosen ?? ''} onChange={(e) => setPicked({ ...picked, [view]: e.currentTarget.value })}
          data={list.length > 0 ? list.map((o) => ({ value: o.id, label: o.name })) : [{ value: '', label: options ? 'Нет' : 'Загрузка…' }]} miw={180} maw="100%" />
        {!data.canWrite && <Text size="sm" c="dimmed">Только просмотр</Text>}
        {data.canWrite && grid.data && <Button variant="default" onClick={() => { setAdded(null); setAdding(true); }}>Добавить занятие</Button>}
        {data.canWrite && version.inForce && <Text size="sm" c="orange.8">Эта версия действует: перенос урока сразу меняет расписание.</Text>}
      </Group>
      {added && <Alert color="green" role="status" withCloseButton closeButtonLabel="Закрыть сообщение" onClose={() => setAdded(null)}>{added}</Alert>}
      {adding && grid.data && (
        <AddLessonForm schoolId={schoolId} grid={grid.data} classId={view === 'class' ? chosen : undefined} onClose={() => setAdding(false)}
          onDone={(text) => { setAdding(false); setAdded(text); }} />
      )}
      {chosen === undefined && options !== null
        ? <Text c="dimmed">Уроков в этой версии нет.</Text>
        : (
          <QueryView query={grid} label="уроки">
            {(g) => <WeekGrid schoolId={schoolId} grid={g} view={view} title={title} canWrite={data.canWrite} />}
          </QueryView>
        )}
      <Text size="xs" c="dimmed">
        Уроки на конкретную дату, с заменами и отменами, — на странице <Anchor component={Link} to="/timetable/day" size="xs">«Уроки на дату»</Anchor>.
      </Text>
    </Stack>
  );
}

const optionKey: Record<TimetableViewKind, keyof TimetableGridDto['options']> = { class: 'classes', teacher: 'teachers', room: 'rooms' };

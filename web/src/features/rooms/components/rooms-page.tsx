// «Кабинеты»: the school's buildings and rooms — kind, seats, floor and the subjects a room suits.
// Those who set up the year add, change and archive; the rest of the staff see the tables.
import { Alert, Button, Checkbox, Group, MultiSelect, NativeSelect, NumberInput, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { BuildingDto, RoomDto } from '../../../../../contracts/rooms';
import { roomKinds, roomKindTitles, type RoomKind } from '../../../../../domain/rooms';
import { errorMessage } from '../../../lib/api';
import { fieldErrorsOf, formErrorOf } from '../../org/form-errors';
import { EditArchiveActions, FormModal, QueryView, ScrollTable, useOrgAccess } from '../../org/components/org-ui';
import { allSubjectsQuery } from '../../subjects/api/subjects';
import { YearNav } from '../../year/year-nav';
import { buildingsQuery, roomsQuery, useDeleteBuilding, useSaveBuilding, useSaveRoom } from '../api/rooms';

export function RoomsPage() {
  const { schoolId, can } = useOrgAccess();
  return (
    <Stack gap="md">
      <Title order={1}>Кабинеты</Title>
      <YearNav />
      {schoolId === null
        ? <Alert color="gray">Выберите школу, чтобы увидеть её кабинеты.</Alert>
        : !can('yearSetup', 'read')
          ? <Alert color="gray">Кабинеты школы видят её сотрудники.</Alert>
          : (
            <>
              <BuildingsSection schoolId={schoolId} canWrite={can('yearSetup', 'write')} />
              <RoomsSection schoolId={schoolId} canWrite={can('yearSetup', 'write')} />
            </>
          )}
    </Stack>
  );
}

function BuildingsSection({ schoolId, canWrite }: { schoolId: string; canWrite: boolean }) {
  const list = useQuery(buildingsQuery(schoolId));
  const remove = useDeleteBuilding(schoolId);
  const [editing, setEditing] = useState<BuildingDto | 'new' | null>(null);
  return (
    <Stack gap="sm" component="section" aria-labelledby="buildings-title">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3" id="buildings-title">Здания</Title>
        {canWrite && <Button variant="default" onClick={() => setEditing('new')}>Добавить здание</Button>}
      </Group>
      {remove.error && <Alert color="red" role="alert">{errorMessage(remove.error)}</Alert>}
      <QueryView query={list} label="здания">
        {(data) => (
          <ScrollTable label="Здания школы" minWidth={420} head={['Здание', 'Адрес', 'Кабинетов', '']} empty={data.total === 0 ? 'Зданий пока нет: кабинеты можно добавлять и без здания' : null}>
            {data.items.map((b) => (
              <Table.Tr key={b.id}>
                <Table.Td fw={600}>{b.name}</Table.Td>
                <Table.Td>{b.address ?? <Text span c="dimmed">—</Text>}</Table.Td>
                <Table.Td>{b.roomCount}</Table.Td>
                <Table.Td>
                  {canWrite && (
                    <Group gap={4} wrap="nowrap">
                      <Button size="xs" variant="subtle" onClick={() => setEditing(b)} aria-label={`Изменить здание ${b.name}`}>Изменить</Button>
                      <Button size="xs" variant="subtle" color="red" loading={remove.isPending && remove.variables === b.id}
                        onClick={() => { if (window.confirm(`Удалить здание «${b.name}»?`)) remove.mutate(b.id); }}
                        aria-label={`Удалить здание ${b.name}`}>Удалить</Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </ScrollTable>
        )}
      </QueryView>
      {editing !== null && <BuildingForm schoolId={schoolId} building={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function BuildingForm({ schoolId, building, onClose }: { schoolId: string; building: BuildingDto | null; onClose: () => void }) {
  const save = useSaveBuilding(schoolId);
  const [name, setName] = useState(building?.name ?? '');
  const [address, setAddress] = useState(building?.address ?? '');
  const errors = fieldErrorsOf(save.error);
  const submit = () => save.mutate({ buildingId: building?.id ?? null, input: { name, address: address.trim() === '' ? null : address } }, { onSuccess: onClose });
  return (
    <FormModal opened onClose={onClose} title={building ? `Здание «${building.name}»` : 'Новое здание'} onSubmit={submit}
      pending={save.isPending} error={formErrorOf(save.error, ['name', 'address'])}>
      <TextInput label="Название здания" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} data-autofocus />
      <TextInput label="Адрес" value={address} onChange={(e) => setAddress(e.currentTarget.value)} error={errors.address} />
    </FormModal>
  );
}

function RoomsSection({ schoolId, canWrite }: { schoolId: string; canWrite: boolean }) {
  const [withArchived, setWithArchived] = useState(false);
  const list = useQuery(roomsQuery(schoolId, withArchived));
  const save = useSaveRoom(schoolId);
  const [editing, setEditing] = useState<RoomDto | 'new' | null>(null);
  const archive = (r: RoomDto) => save.mutate({ roomId: r.id, input: { archived: !r.archived } });
  return (
    <Stack gap="sm" component="section" aria-labelledby="rooms-title">
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end">
          <Title order={2} size="h3" id="rooms-title">Кабинеты и помещения</Title>
          <Checkbox label="Показать архивные" checked={withArchived} onChange={(e) => setWithArchived(e.currentTarget.checked)} />
        </Group>
        {canWrite && <Button onClick={() => setEditing('new')}>Добавить кабинет</Button>}
      </Group>
      {save.error && editing === null && <Alert color="red" role="alert">{errorMessage(save.error)}</Alert>}
      <QueryView query={list} label="кабинеты">
        {(data) => (
          <ScrollTable label="Кабинеты школы" minWidth={760}
            head={['Кабинет', 'Здание', 'Тип', 'Мест', 'Этаж', 'Подходит для предметов', '']}
            empty={data.total === 0 ? 'Кабинетов пока нет' : null}>
            {data.items.map((r) => (
              <Table.Tr key={r.id} style={r.archived ? { opacity: 0.6 } : undefined}>
                <Table.Td fw={600}>{r.name}{r.archived && <Text span size="xs" c="dimmed"> (в архиве)</Text>}</Table.Td>
                <Table.Td>{r.building?.name ?? <Text span c="dimmed">—</Text>}</Table.Td>
                <Table.Td>{roomKindTitles[r.kind]}</Table.Td>
                <Table.Td>{r.capacity ?? '—'}</Table.Td>
                <Table.Td>{r.floor ?? '—'}</Table.Td>
                <Table.Td>{r.subjects.length > 0 ? r.subjects.map((s) => s.name).join(', ') : <Text span c="dimmed" size="sm">{r.kind === 'ordinary' || r.kind === 'other' ? 'любые' : '—'}</Text>}</Table.Td>
                <Table.Td>
                  {canWrite && (
                    <EditArchiveActions what="кабинет" name={r.name} archived={r.archived} onEdit={() => setEditing(r)} onArchive={() => archive(r)} />
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </ScrollTable>
        )}
      </QueryView>
      {editing !== null && <RoomForm schoolId={schoolId} room={editing === 'new' ? null : editing} onClose={() => { save.reset(); setEditing(null); }} />}
    </Stack>
  );
}

const numberOrNull = (v: string | number): number | null => (v === '' ? null : Number(v));

function RoomForm({ schoolId, room, onClose }: { schoolId: string; room: RoomDto | null; onClose: () => void }) {
  const save = useSaveRoom(schoolId);
  const buildings = useQuery(buildingsQuery(schoolId));
  const subjects = useQuery(allSubjectsQuery(schoolId, false));
  const [name, setName] = useState(room?.name ?? '');
  const [buildingId, setBuildingId] = useState(room?.building?.id ?? '');
  const [kind, setKind] = useState<RoomKind>(room?.kind ?? 'ordinary');
  const [capacity, setCapacity] = useState<string | number>(room?.capacity ?? '');
  const [floor, setFloor] = useState<string | number>(room?.floor ?? '');
  const [note, setNote] = useState(room?.note ?? '');
  const [subjectIds, setSubjectIds] = useState<string[]>(room?.subjects.map((s) => s.id) ?? []);
  const errors = fieldErrorsOf(save.error);
  const subjectError = Object.entries(errors).find(([path]) => path.startsWith('subjectIds'))?.[1];
  const submit = () => save.mutate({
    roomId: room?.id ?? null,
    input: {
      name, buildingId: buildingId === '' ? null : buildingId, kind, capacity: numberOrNull(capacity), floor: numberOrNull(floor),
      note: note.trim() === '' ? null : note, subjectIds,
    },
  }, { onSuccess: onClose });
  // Subjects the room already names stay choosable even when archived since.
  const subjectOptions = [
    ...(subjects.data?.items ?? []).map((s) => ({ value: s.id, label: s.name })),
    ...(room?.subjects ?? []).filter((s) => !subjects.data?.items.some((x) => x.id === s.id)).map((s) => ({ value: s.id, label: s.name })),
  ];
  return (
    <FormModal opened onClose={onClose} title={room ? `Кабинет ${room.name}` : 'Новый кабинет'} onSubmit={submit}
      pending={save.isPending} error={formErrorOf(save.error, ['name', 'buildingId', 'kind', 'capacity', 'floor', 'note', ...subjectIds.map((_, i) => `subjectIds.${i}`)])}>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <TextInput label="Название или номер кабинета" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} data-autofocus />
        <NativeSelect label="Тип помещения" value={kind} onChange={(e) => setKind(e.currentTarget.value as RoomKind)} error={errors.kind}
          data={roomKinds.map((k) => ({ value: k, label: roomKindTitles[k] }))} />
        <NativeSelect label="Здание" value={buildingId} onChange={(e) => setBuildingId(e.currentTarget.value)} error={errors.buildingId}
          data={[{ value: '', label: 'Без здания' }, ...(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))]} />
        <NumberInput label="Вместимость (мест)" min={1} max={1000} allowDecimal={false} value={capacity} onChange={setCapacity} error={errors.capacity} />
        <NumberInput label="Этаж" min={-5} max={50} allowDecimal={false} value={floor} onChange={setFloor} error={errors.floor} />
      </SimpleGrid>
      <MultiSelect label="Подходит для предметов" description="Пусто — учебный кабинет для любых предметов; лаборатории, спортзалу, мастерской укажите их предметы" searchable clearable
        nothingFoundMessage="Нет такого предмета" data={subjectOptions} value={subjectIds} onChange={setSubjectIds} error={subjectError} />
      <Textarea label="Примечание" autosize minRows={1} maxRows={4} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} />
    </FormModal>
  );
}

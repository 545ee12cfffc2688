// «Предметы» tab: the list with kind and level, a form to add or change a subject, archiving, and
// the ФГОС catalogue as a checklist by level and subject area.
import { Alert, Button, Checkbox, Fieldset, Group, Modal, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { CatalogueEntryDto, SubjectDto, SubjectKind } from '../../../../../contracts/subjects';
import {
  levelShortTitles, levelTitles, levels, subjectKindTitles, subjectKinds, type Level,
} from '../../../../../domain/subject-catalogue';
import { errorMessage } from '../../../lib/api';
import { EditArchiveActions, FormModal, QueryView, ScrollTable } from '../../org/components/org-ui';
import { fieldErrorsOf, formErrorOf } from '../../org/form-errors';
import { allSubjectsQuery, catalogueQuery, useAddFromCatalogue, useSaveSubject } from '../api/subjects';

const levelList = (list: readonly string[]): string =>
  levels.filter((l) => list.includes(l)).map((l) => levelShortTitles[l]).join(', ');

export function SubjectsTab({ schoolId, canWrite }: { schoolId: string; canWrite: boolean }) {
  const [withArchived, setWithArchived] = useState(false);
  const [kind, setKind] = useState<SubjectKind | ''>('');
  const list = useQuery(allSubjectsQuery(schoolId, withArchived));
  const save = useSaveSubject(schoolId);
  const [editing, setEditing] = useState<SubjectDto | 'new' | null>(null);
  const [catalogueOpen, setCatalogueOpen] = useState(false);
  const [added, setAdded] = useState<string | null>(null);

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end">
          <NativeSelect label="Вид" value={kind} onChange={(e) => setKind(e.currentTarget.value as SubjectKind | '')}
            data={[{ value: '', label: 'Все' }, ...subjectKinds.map((k) => ({ value: k, label: subjectKindTitles[k] }))]} />
          <Checkbox label="Показать архивные" checked={withArchived} onChange={(e) => setWithArchived(e.currentTarget.checked)} />
        </Group>
        {canWrite && (
          <Group gap="xs">
            <Button variant="default" onClick={() => { setAdded(null); setCatalogueOpen(true); }}>Добавить из каталога ФГОС</Button>
            <Button onClick={() => setEditing('new')}>Добавить предмет</Button>
          </Group>
        )}
      </Group>
      {added && <Alert color="green" role="status" withCloseButton onClose={() => setAdded(null)}>{added}</Alert>}
      {save.error && editing === null && <Alert color="red" role="alert">{errorMessage(save.error)}</Alert>}
      <QueryView query={list} label="предметы">
        {(data) => {
          const shown = data.items.filter((s) => kind === '' || s.kind === kind);
          return (
            <ScrollTable label="Предметы школы" minWidth={720} head={['Предмет', 'Кратко', 'Вид', 'Уровни', 'Предметная область', '']}
              empty={shown.length === 0 ? 'Предметов пока нет: добавьте их из каталога ФГОС' : null}>
              {shown.map((s) => (
                <Table.Tr key={s.id} style={s.archived ? { opacity: 0.6 } : undefined}>
                  <Table.Td fw={600}>{s.name}{s.archived && <Text span size="xs" c="dimmed"> (в архиве)</Text>}</Table.Td>
                  <Table.Td>{s.shortName}</Table.Td>
                  <Table.Td>{subjectKindTitles[s.kind]}</Table.Td>
                  <Table.Td>{levelList(s.levels)}</Table.Td>
                  <Table.Td>{s.subjectArea ?? <Text span c="dimmed">—</Text>}</Table.Td>
                  <Table.Td>
                    {canWrite && (
                      <EditArchiveActions what="предмет" name={s.name} archived={s.archived} onEdit={() => setEditing(s)}
                        onArchive={() => save.mutate({ subjectId: s.id, input: { archived: !s.archived } })} />
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </ScrollTable>
          );
        }}
      </QueryView>
      {editing !== null && <SubjectForm schoolId={schoolId} subject={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {catalogueOpen && <CatalogueModal schoolId={schoolId} onClose={() => setCatalogueOpen(false)} onAdded={setAdded} />}
    </Stack>
  );
}

function SubjectForm({ schoolId, subject, onClose }: { schoolId: string; subject: SubjectDto | null; onClose: () => void }) {
  const save = useSaveSubject(schoolId);
  const [name, setName] = useState(subject?.name ?? '');
  const [shortName, setShortName] = useState(subject?.shortName ?? '');
  const [chosen, setChosen] = useState<string[]>(subject?.levels ?? []);
  const [kind, setKind] = useState<SubjectKind>(subject?.kind ?? 'subject');
  const [area, setArea] = useState(subject?.subjectArea ?? '');
  const errors = fieldErrorsOf(save.error);
  const levelError = Object.entries(errors).find(([path]) => path.startsWith('levels'))?.[1];
  const submit = () => save.mutate({
    subjectId: subject?.id ?? null,
    input: { name, shortName, levels: chosen as Level[], kind, subjectArea: area.trim() === '' ? null : area },
  }, { onSuccess: onClose });
  return (
    <FormModal opened onClose={onClose} title={subject ? `Предмет «${subject.name}»` : 'Новый предмет'} onSubmit={submit} pending={save.isPending}
      error={formErrorOf(save.error, ['name', 'shortName', 'levels', 'levels.0', 'levels.1', 'levels.2', 'kind', 'subjectArea'])}>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <TextInput label="Название предмета" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} data-autofocus />
        <TextInput label="Краткое название" required maxLength={40} value={shortName} onChange={(e) => setShortName(e.currentTarget.value)} error={errors.shortName} />
        <NativeSelect label="Вид" value={kind} onChange={(e) => setKind(e.currentTarget.value as SubjectKind)} error={errors.kind}
          data={subjectKinds.map((k) => ({ value: k, label: subjectKindTitles[k] }))} />
        <TextInput label="Предметная область" value={area} onChange={(e) => setArea(e.currentTarget.value)} error={errors.subjectArea} />
      </SimpleGrid>
      <Checkbox.Group label="Уровни образования" withAsterisk value={chosen} onChange={setChosen} error={levelError}>
        <Group mt={4} gap="md">
          {levels.map((l) => <Checkbox key={l} value={l} label={levelTitles[l]} />)}
        </Group>
      </Checkbox.Group>
    </FormModal>
  );
}

/** The catalogue as a checklist: per level, per subject area; entries the school has are ticked and locked. */
function CatalogueModal({ schoolId, onClose, onAdded }: { schoolId: string; onClose: () => void; onAdded: (message: string) => void }) {
  const catalogue = useQuery(catalogueQuery(schoolId));
  const add = useAddFromCatalogue(schoolId);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const narrow = useMediaQuery('(max-width: 48em)');
  const toggle = (code: string, on: boolean) => setPicked((prev) => {
    const next = new Set(prev);
    if (on) next.add(code); else next.delete(code);
    return next;
  });
  const submit = () => add.mutate([...picked], {
    onSuccess: (res) => {
      onAdded(res.created.length === 0 ? 'Все выбранные предметы уже были в школе' : `Добавлено предметов: ${res.created.length}`);
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title="Каталог предметов ФГОС" size="xl" fullScreen={narrow ?? false}>
      <QueryView query={catalogue} label="каталог ФГОС">
        {(data) => (
          <Stack gap="md">
            {add.error && <Alert color="red" role="alert">{errorMessage(add.error)}</Alert>}
            {levels.map((level) => <CatalogueLevel key={level} level={level} entries={data.items} picked={picked} onToggle={toggle} />)}
            <Group justify="flex-end" gap="xs" pos="sticky" bottom={0} bg="var(--mantine-color-body)" py="xs">
              <Button variant="default" onClick={onClose}>Отмена</Button>
              <Button onClick={submit} disabled={picked.size === 0} loading={add.isPending}>Добавить выбранные ({picked.size})</Button>
            </Group>
          </Stack>
        )}
      </QueryView>
    </Modal>
  );
}

function CatalogueLevel({ level, entries, picked, onToggle }: {
  level: Level; entries: readonly CatalogueEntryDto[]; picked: ReadonlySet<string>; onToggle: (code: string, on: boolean) => void;
}) {
  const groups = new Map<string, CatalogueEntryDto[]>();
  for (const e of entries) {
    if (!e.levels.includes(level)) continue;
    const title = e.kind === 'subject' ? e.subjectAreaByLevel[level] ?? 'Без предметной области' : subjectKindTitles[e.kind];
    groups.set(title, [...(groups.get(title) ?? []), e]);
  }
  const missing = [...groups.values()].flat().filter((e) => e.subjectId === null).map((e) => e.code);
  const allPicked = missing.length > 0 && missing.every((c) => picked.has(c));
  return (
    <Stack gap="xs" component="section" aria-label={levelTitles[level]}>
      <Group justify="space-between">
        <Title order={3} size="h4">{levelTitles[level]}</Title>
        {missing.length > 0 && (
          <Button size="xs" variant="subtle" onClick={() => missing.forEach((c) => onToggle(c, !allPicked))}>
            {allPicked ? `Снять выбор: ${levelShortTitles[level]}` : `Выбрать все: ${levelShortTitles[level]}`}
          </Button>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {[...groups].map(([title, list]) => (
          <Fieldset key={title} legend={title} variant="unstyled">
            <Stack gap={4} mt={4}>
              {list.map((e) => (
                <Checkbox
                  key={e.code}
                  label={e.subjectId ? `${e.name} (уже есть)` : e.name}
                  checked={e.subjectId !== null || picked.has(e.code)}
                  disabled={e.subjectId !== null}
                  onChange={(ev) => onToggle(e.code, ev.currentTarget.checked)}
                />
              ))}
            </Stack>
          </Fieldset>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

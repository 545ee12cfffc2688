// Pieces every org screen shares: who may do what here, the table in its own scroll box, the
// search box, paging, the modal form and the loading and error states.
import { Alert, Box, Button, Center, Group, Loader, Modal, Pagination, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { UseQueryResult } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { scopesOf, type Action, type Resource } from '../../../../../domain/access';
import { errorMessage } from '../../../lib/api';
import { activeSchoolOf, navigationRolesOf } from '../../identity/active-school';
import { useCurrentUser } from '../../identity/components/current-user';

/** The active school and what the person's roles allow there (the server checks again). */
export function useOrgAccess() {
  const me = useCurrentUser();
  const roles = navigationRolesOf(me);
  return {
    schoolId: activeSchoolOf(me)?.id ?? null,
    can: (resource: Resource, action: Action): boolean => scopesOf(roles, resource, action).length > 0,
  };
}

/** A table that scrolls inside its own box, both ways, so a 375 px phone keeps the page still. */
export function ScrollTable({ label, minWidth, head, children, empty }: {
  label: string; minWidth: number; head: readonly ReactNode[]; children: ReactNode; empty?: string | null;
}) {
  return (
    <Box
      role="region"
      aria-label={label}
      tabIndex={0}
      style={{ maxHeight: '60dvh', overflow: 'auto', border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-sm)' }}
    >
      <Table miw={minWidth} stickyHeader verticalSpacing="xs" highlightOnHover aria-label={label}>
        <Table.Thead>
          <Table.Tr>{head.map((h, i) => <Table.Th key={i} scope="col">{h}</Table.Th>)}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {children}
          {empty && (
            <Table.Tr>
              <Table.Td colSpan={head.length}><Text c="dimmed" size="sm">{empty}</Text></Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Box>
  );
}

/** A search box whose value settles a moment after typing stops. */
export function useSearch(): { input: string; setInput: (v: string) => void; query: string } {
  const [input, setInput] = useState('');
  const [query] = useDebouncedValue(input.trim(), 300);
  return { input, setInput, query };
}

export function SearchBox({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  return (
    <TextInput
      type="search"
      label={label}
      placeholder="Фамилия, имя или отчество"
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      maw={360}
      style={{ flexGrow: 1 }}
    />
  );
}

export function Pager({ total, offset, pageSize, onChange }: { total: number; offset: number; pageSize: number; onChange: (offset: number) => void }) {
  const pages = Math.ceil(total / pageSize);
  return (
    <Group justify="space-between" gap="xs">
      <Text size="sm" c="dimmed">Всего: {total}</Text>
      {pages > 1 && (
        <Pagination
          size="sm"
          total={pages}
          value={Math.floor(offset / pageSize) + 1}
          onChange={(page) => onChange((page - 1) * pageSize)}
          getControlProps={(control) => ({ 'aria-label': control === 'next' ? 'Следующая страница' : control === 'previous' ? 'Предыдущая страница' : undefined })}
          getItemProps={(page) => ({ 'aria-label': `Страница ${page}` })}
        />
      )}
    </Group>
  );
}

/** Loading and error states of a query; renders the children once the data is there. */
export function QueryView<T>({ query, label, children }: { query: UseQueryResult<T>; label: string; children: (data: T) => ReactNode }) {
  if (query.isPending) return <Center p="md"><Loader size="sm" aria-label={`Загрузка: ${label}`} /></Center>;
  if (query.isError) return <Alert color="red" role="alert">Не удалось загрузить: {errorMessage(query.error)}</Alert>;
  return <>{children(query.data)}</>;
}

/** A form in a modal: fields, the error no field shows, and the buttons. */
export function FormModal({ opened, onClose, title, onSubmit, pending, error, submitLabel = 'Сохранить', children }: {
  opened: boolean; onClose: () => void; title: string; onSubmit: () => void; pending: boolean; error: string | null;
  submitLabel?: string; children: ReactNode;
}) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // The modal is portaled, but React still bubbles its submit to any form around the component.
    event.stopPropagation();
    onSubmit();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg" fullScreen={false}>
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack gap="sm">
          {error && <Alert color="red" variant="light" role="alert">{error}</Alert>}
          {children}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>Отмена</Button>
            <Button type="submit" loading={pending}>{submitLabel}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Today in the browser, "YYYY-MM-DD" (the server keeps to the school's own date). */
export const todayIso = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/**
 * «Изменить» and «В архив» / «Вернуть» for a row of a list whose records are archived rather than
 * deleted (rooms, subjects, control forms). `what` names the record in the accusative for the
 * buttons' accessible names: «кабинет», «предмет», «форму контроля».
 */
export function EditArchiveActions({ what, name, archived, onEdit, onArchive, archiving = false }: {
  what: string; name: string; archived: boolean; onEdit: () => void; onArchive: () => void; archiving?: boolean;
}) {
  return (
    <Group gap={4} wrap="nowrap">
      <Button size="xs" variant="subtle" onClick={onEdit} aria-label={`Изменить ${what} ${name}`}>Изменить</Button>
      <Button size="xs" variant="subtle" color={archived ? 'blue' : 'gray'} loading={archiving} onClick={onArchive}
        aria-label={archived ? `Вернуть ${what} ${name} из архива` : `Убрать ${what} ${name} в архив`}>
        {archived ? 'Вернуть' : 'В архив'}
      </Button>
    </Group>
  );
}

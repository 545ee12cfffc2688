// A cell's history (SPEC C6): every create, change and delete of its marks and attendance — who,
// in which role, when, what it was, what it became, why — newest first, from the journal audit.
import { Alert, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { ControlFormRefDto } from '../../../../../contracts/journal';
import { QueryView } from '../../org/components/org-ui';
import { historyQuery } from '../api/journal';
import { auditActionTitle, auditEntityTitle, auditRoleTitle, describeSnapshot, ruDateTime } from '../history-format';

export function CellHistory({ schoolId, journalLessonId, studentId, controlForms }: {
  schoolId: string; journalLessonId: string; studentId: string | null; controlForms: readonly ControlFormRefDto[];
}) {
  const history = useQuery(historyQuery(schoolId, journalLessonId, studentId));
  const forms = useMemo(() => new Map(controlForms.map((f) => [f.id, f.shortName])), [controlForms]);
  return (
    <QueryView query={history} label="история">
      {(data) => data.items.length === 0
        ? <Alert color="gray">Изменений ещё не было.</Alert>
        : (
          <Stack gap="xs">
            <Table verticalSpacing={4} fz="sm" aria-label="История изменений клетки" data-testid="cell-history">
              <Table.Thead>
                <Table.Tr><Table.Th>Когда, кто</Table.Th><Table.Th>Было</Table.Th><Table.Th>Стало</Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>
                      <Text size="xs">{ruDateTime(e.at)}</Text>
                      <Text size="xs" fw={600}>{e.actor.name ?? '—'}</Text>
                      <Text size="xs" c="dimmed">{auditRoleTitle(e.actorRole)} · {auditEntityTitle(e.entityType).toLowerCase()} {auditActionTitle(e.action)}</Text>
                      {e.reason && <Text size="xs">Причина: {e.reason}</Text>}
                    </Table.Td>
                    <Table.Td>{describeSnapshot(e.entityType, e.old, forms)}</Table.Td>
                    <Table.Td>{describeSnapshot(e.entityType, e.new, forms)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Text size="xs" c="dimmed">История не изменяется и не удаляется.</Text>
          </Stack>
        )}
    </QueryView>
  );
}

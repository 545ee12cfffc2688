// Small pieces the homework pages share: a file picker that says what the server accepts, the
// links of stored files, dates and the statuses of works in Russian.
import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import type { FileDto, SubmissionStatus } from '../../../../../contracts/homework';
import { fileRulesQuery, fileUrl } from '../api/homework';

/** "2026-09-14" → "14.09.2026". */
export const ruDate = (date: string): string => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
/** An instant as the person's clock shows it: «14.09.2026, 15:04». */
export const ruDateTime = (iso: string): string =>
  new Date(iso).toLocaleString('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });

export const statusTitles: Record<SubmissionStatus, string> = { submitted: 'Сдана', returned: 'Возвращена на доработку', checked: 'Проверена' };
const statusColors: Record<SubmissionStatus, string> = { submitted: 'blue', returned: 'orange', checked: 'green' };

export function StatusBadge({ status, late }: { status: SubmissionStatus; late: boolean }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Badge variant="light" color={statusColors[status]}>{statusTitles[status]}</Badge>
      {late && <Badge variant="outline" color="red">С опозданием</Badge>}
    </Group>
  );
}

const sizeText = (bytes: number): string =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} КБ` : `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} МБ`;

export function FileLinks({ schoolId, files }: { schoolId: string; files: readonly FileDto[] }) {
  if (files.length === 0) return null;
  return (
    <Stack gap={2} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {files.map((f) => (
        <li key={f.id}>
          <Anchor href={fileUrl(schoolId, f.id)} download={f.name} style={{ overflowWrap: 'anywhere' }}>{f.name}</Anchor>
          <Text span size="xs" c="dimmed"> ({sizeText(f.sizeBytes)})</Text>
        </li>
      ))}
    </Stack>
  );
}

/** A native file input (keyboard and phones alike) with what the server accepts under it. */
export function FilePicker({ label, schoolId, onPick, disabled = false, id }: {
  label: string; schoolId: string; onPick: (files: File[]) => void; disabled?: boolean; id?: string;
}) {
  const fallbackId = useId();
  const inputId = id ?? fallbackId;
  const rules = useQuery(fileRulesQuery(schoolId));
  const accept = rules.data?.extensions.flatMap((e) => (e === 'jpg' ? ['.jpg', '.jpeg'] : [`.${e}`])).join(',');
  return (
    <Stack gap={2}>
      <Text component="label" htmlFor={inputId} size="sm" fw={500}>{label}</Text>
      <input
        id={inputId} type="file" multiple disabled={disabled} {...(accept ? { accept } : {})}
        onChange={(e) => {
          const list = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = '';
          if (list.length > 0) onPick(list);
        }}
      />
      {rules.data && (
        <Text size="xs" c="dimmed">
          До {Math.round(rules.data.maxBytes / 1024 / 1024)} МБ; {rules.data.extensions.join(', ')}
        </Text>
      )}
    </Stack>
  );
}

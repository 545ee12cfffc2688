// One import: the progress of its dry run, what it would do row by row (filtered by outcome),
// and «Применить», which writes every accepted row at once after a confirmation.
import {
  Alert, Anchor, Badge, Box, Button, Center, Group, List, Loader, Modal, Pagination, Paper, Progress, SegmentedControl, SimpleGrid, Stack, Table, Text, Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { importFieldTitles, importKindTitles, type ImportCounts, type ImportJobDto, type ImportOutcome, type ImportRowDto } from '../../../../../contracts/imports';
import { errorMessage } from '../../../lib/api';
import { importJobQuery, importRowsQuery, rowsPageSize, useApplyImport } from '../api/imports';
import {
  changedText, formatDateTime, outcomeColor, outcomeFilters, outcomeTitle, plural, progressPercent, rowsText, rowsToWrite, statusColor, statusTitle,
} from '../format';
import { useImportAccess } from './import-access';

type Filter = ImportOutcome | 'all';

function Counts({ counts, applied }: { counts: ImportCounts; applied: boolean }) {
  // Worded apart from the filter below, so that each of its names is found once on the page.
  const items: { label: string; value: number; color: string }[] = applied
    ? [
      { label: 'Создано записей', value: counts.create, color: 'green' },
      { label: 'Обновлено записей', value: counts.update, color: 'blue' },
      { label: 'Совпадали с базой', value: counts.unchanged, color: 'gray' },
      { label: 'Строк с ошибками пропущено', value: counts.rejected, color: 'red' },
    ]
    : [
      { label: 'Новых записей', value: counts.create, color: 'green' },
      { label: 'Записей с изменениями', value: counts.update, color: 'blue' },
      { label: 'Совпадают с базой', value: counts.unchanged, color: 'gray' },
      { label: 'Строк с ошибками', value: counts.rejected, color: 'red' },
    ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
      {items.map((item) => (
        <Paper key={item.label} withBorder p="sm" radius="md">
          <Text size="xl" fw={700} c={item.value > 0 ? item.color : 'dimmed'}>{item.value.toLocaleString('ru-RU')}</Text>
          <Text size="sm">{item.label}</Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

function Issues({ row }: { row: ImportRowDto }) {
  const changed = changedText(row.changedFields);
  if (row.reasons.length === 0 && row.warnings.length === 0 && changed === '') return null;
  return (
    <Stack gap={2}>
      {row.reasons.map((r, i) => <Text key={`r${i}`} size="sm" c="red">{r.message}</Text>)}
      {changed !== '' && <Text size="sm">{changed}</Text>}
      {row.warnings.map((w, i) => <Text key={`w${i}`} size="sm" c="orange.8">⚠ {w.message}</Text>)}
    </Stack>
  );
}

function RowsTable({ schoolId, job }: { schoolId: string; job: ImportJobDto }) {
  const [filter, setFilter] = useState<Filter>('all');
  const [offset, setOffset] = useState(0);
  const narrow = useMediaQuery('(max-width: 62em)');
  const rows = useQuery(importRowsQuery(schoolId, job.id, { outcome: filter, offset, status: job.status }));
  const total = rows.data?.total ?? 0;
  const pages = Math.ceil(total / rowsPageSize);
  const applied = job.status === 'applied';

  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label="Какие строки показать"
        value={filter}
        onChange={(v) => {
          setFilter(v as Filter);
          setOffset(0);
        }}
        data={outcomeFilters.map((f) => ({ value: f.value, label: f.label }))}
        orientation={narrow ? 'vertical' : 'horizontal'}
        fullWidth={narrow ?? false}
        style={{ alignSelf: narrow ? 'stretch' : 'flex-start' }}
      />
      {rows.isError && <Alert color="red" role="alert">Не удалось загрузить строки: {errorMessage(rows.error)}</Alert>}
      <Box
        role="region"
        aria-label="Строки файла, прокрутка"
        tabIndex={0}
        style={{ maxHeight: '60dvh', overflow: 'auto', border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-sm)' }}
      >
        <Table miw={640} stickyHeader verticalSpacing="xs" aria-label="Строки файла" aria-busy={rows.isFetching}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w={80}>Строка</Table.Th>
              <Table.Th scope="col">ФИО</Table.Th>
              <Table.Th scope="col" w={160}>Результат</Table.Th>
              <Table.Th scope="col">Причины и предупреждения</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.data?.rows.map((row) => (
              <Table.Tr key={row.rowNumber}>
                <Table.Td>{row.rowNumber}</Table.Td>
                <Table.Td>{row.name || <Text span c="dimmed" size="sm">нет ФИО</Text>}</Table.Td>
                <Table.Td>
                  <Badge color={outcomeColor[row.outcome]} variant="light" tt="none">{outcomeTitle(row.outcome, applied && row.outcome !== 'rejected')}</Badge>
                </Table.Td>
                <Table.Td><Issues row={row} /></Table.Td>
              </Table.Tr>
            ))}
            {rows.data && rows.data.rows.length === 0 && (
              <Table.Tr><Table.Td colSpan={4}><Text c="dimmed" size="sm">Таких строк нет.</Text></Table.Td></Table.Tr>
            )}
            {rows.isPending && (
              <Table.Tr><Table.Td colSpan={4}><Center><Loader size="sm" aria-label="Загрузка строк" /></Center></Table.Td></Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Box>
      <Group justify="space-between" gap="xs">
        <Text size="sm" c="dimmed">{rows.data ? `Всего: ${rowsText(total)}` : ''}</Text>
        {pages > 1 && (
          <Pagination
            size="sm"
            total={pages}
            value={Math.floor(offset / rowsPageSize) + 1}
            onChange={(page) => setOffset((page - 1) * rowsPageSize)}
            getControlProps={(control) => ({ 'aria-label': control === 'next' ? 'Следующая страница' : control === 'previous' ? 'Предыдущая страница' : undefined })}
            getItemProps={(page) => ({ 'aria-label': `Страница ${page}` })}
          />
        )}
      </Group>
    </Stack>
  );
}

function ApplyButton({ schoolId, job }: { schoolId: string; job: ImportJobDto }) {
  const [open, setOpen] = useState(false);
  const apply = useApplyImport(schoolId, job.id);
  const writes = rowsToWrite(job.counts);
  return (
    <>
      <Group>
        <Button onClick={() => setOpen(true)} disabled={apply.isPending}>Применить</Button>
        <Text size="sm" c="dimmed">До применения в базе ничего не изменено.</Text>
      </Group>
      {apply.isError && <Alert color="red" role="alert" title="Не применено">{errorMessage(apply.error)}</Alert>}
      <Modal opened={open} onClose={() => setOpen(false)} title="Применить загрузку?">
        <Stack gap="sm">
          <Text>
            Будет записано {rowsText(writes)}: новых — {job.counts.create.toLocaleString('ru-RU')}, обновлённых — {job.counts.update.toLocaleString('ru-RU')}.
          </Text>
          {job.counts.rejected > 0 && <Text>Отклонённые строки ({job.counts.rejected.toLocaleString('ru-RU')}) будут пропущены.</Text>}
          {job.counts.unchanged > 0 && <Text c="dimmed">Строки без изменений ({job.counts.unchanged.toLocaleString('ru-RU')}) ничего не меняют.</Text>}
          <Text size="sm" c="dimmed">Всё записывается одним действием: либо целиком, либо ничего.</Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setOpen(false)}>Отмена</Button>
            <Button
              loading={apply.isPending}
              onClick={() => apply.mutate(undefined, { onSettled: () => setOpen(false) })}
              data-autofocus
            >
              Да, применить
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function JobView({ schoolId, job, canWrite }: { schoolId: string; job: ImportJobDto; canWrite: boolean }) {
  const analysing = job.status === 'analysing';
  const percent = progressPercent(job);
  return (
    <Stack gap="md">
      <Group gap="xs" wrap="wrap">
        <Badge color={statusColor[job.status]} variant="light" tt="none" size="lg">{statusTitle(job)}</Badge>
        <Text size="sm" c="dimmed">
          {job.fileName ?? 'Загрузка JSON'} · {rowsText(job.totalRows)} · загружен {formatDateTime(job.createdAt)}
          {job.appliedAt && ` · применён ${formatDateTime(job.appliedAt)}`}
        </Text>
      </Group>

      {analysing && (
        <Stack gap={4} aria-live="polite">
          <Progress value={percent} size="lg" animated aria-label="Ход проверки файла" />
          <Text size="sm">Проверено {job.processedRows.toLocaleString('ru-RU')} из {rowsText(job.totalRows)}</Text>
        </Stack>
      )}
      {job.status === 'failed' && <Alert color="red" role="alert" title="Проверка не завершилась">{job.errorMessage ?? 'Загрузите файл ещё раз'}</Alert>}

      {job.unknownColumns.length > 0 && (
        <Alert color="yellow" title="Столбцы без сопоставления — пропущены">
          {job.unknownColumns.map((c) => `«${c}»`).join(', ')}
        </Alert>
      )}

      {!analysing && job.status !== 'failed' && (
        <>
          {job.status === 'applied' && job.appliedCounts
            ? (
              <Stack gap="xs">
                <Alert color="green" title="Загрузка применена" role="status">Изменения записаны. Отклонённые строки пропущены.</Alert>
                <Counts counts={job.appliedCounts} applied />
              </Stack>
            )
            : <Counts counts={job.counts} applied={false} />}
          {job.counts.warnings > 0 && (
            <Text size="sm" c="orange.8">
              {plural(job.counts.warnings, 'строка принята', 'строки приняты', 'строк приняты')} с предупреждением — например, без СНИЛС, e-mail и телефона войти через Госуслуги не получится.
            </Text>
          )}
          {job.status === 'ready' && canWrite && <ApplyButton schoolId={schoolId} job={job} />}
          <Title order={2} size="h3">Строки файла</Title>
          <RowsTable schoolId={schoolId} job={job} />
        </>
      )}

      <details>
        <summary>Столбцы файла</summary>
        <List size="sm" mt="xs">
          {job.columns.map((c, i) => (
            <List.Item key={i}>«{c.column}» → {c.field ? importFieldTitles[c.field] : 'пропускается'}</List.Item>
          ))}
        </List>
      </details>
    </Stack>
  );
}

export function ImportJobPage() {
  const { jobId } = useParams({ strict: false }) as { jobId?: string };
  const { schoolId, canRead, canWrite } = useImportAccess();
  const job = useQuery({ ...importJobQuery(schoolId ?? '', jobId ?? ''), enabled: schoolId !== null && jobId !== undefined && canRead });

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/org/imports" size="sm">← Все загрузки</Anchor>
      <Title order={1}>{job.data ? `Импорт: ${importKindTitles[job.data.kind].toLowerCase()}` : 'Импорт'}</Title>
      {schoolId === null && <Alert color="gray">Выберите школу.</Alert>}
      {schoolId !== null && !canRead && <Alert color="gray">Ваши роли в этой школе не дают доступа к загрузкам.</Alert>}
      {job.isPending && canRead && schoolId !== null && <Center p="md"><Loader size="sm" aria-label="Загрузка" /></Center>}
      {job.isError && <Alert color="red" role="alert">{errorMessage(job.error)}</Alert>}
      {job.data && schoolId !== null && <JobView schoolId={schoolId} job={job.data} canWrite={canWrite} />}
    </Stack>
  );
}

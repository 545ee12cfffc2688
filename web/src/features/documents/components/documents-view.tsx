// The school's programme documents of a year, as the signed-in page and the public page both show
// them: a year selector, then each document opening into its tables with «Скачать (XLSX)».
import { Accordion, Alert, Button, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import type { ProgrammeDocumentDto, ProgrammeDocumentListDto } from '../../../../../contracts/documents';
import { isApiError } from '../../../lib/api';
import { QueryView, ScrollTable } from '../../org/components/org-ui';
import { academicYearTitle } from '../../org/format';
import { documentFileUrl, documentListQuery, documentQuery, type DocumentsSource } from '../api/documents';

export function DocumentsView({ source, header, notFound }: {
  source: DocumentsSource;
  /** Shown above the list once it is loaded (the publication switch, the school's name). */
  header?: (list: ProgrammeDocumentListDto) => ReactNode;
  /** Shown instead of an error when the list answers 404 (a school that has not opened its documents). */
  notFound?: ReactNode;
}) {
  // null: the year the server counts as current; the selector offers the years around it.
  const [year, setYear] = useState<number | null>(null);
  const list = useQuery(documentListQuery(source, year));
  if (notFound && isApiError(list.error) && list.error.status === 404) return <>{notFound}</>;
  return (
    <QueryView query={list} label="документы школы">
      {(data) => (
        <Stack gap="md">
          {header?.(data)}
          <NativeSelect
            label="Учебный год"
            value={String(data.academicYear)}
            onChange={(e) => setYear(Number(e.currentTarget.value))}
            data={[data.academicYear - 1, data.academicYear, data.academicYear + 1].map((y) => ({ value: String(y), label: academicYearTitle(y) }))}
            maw={200}
          />
          {data.items.length === 0
            ? <Alert color="gray">За {academicYearTitle(data.academicYear)} учебный год документов пока нет.</Alert>
            : <DocumentList key={data.academicYear} source={source} list={data} />}
        </Stack>
      )}
    </QueryView>
  );
}

function DocumentList({ source, list }: { source: DocumentsSource; list: ProgrammeDocumentListDto }) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Accordion value={open} onChange={setOpen} variant="separated" order={2}>
      {list.items.map((d) => (
        <Accordion.Item key={d.key} value={d.key}>
          <Accordion.Control>{d.title}</Accordion.Control>
          <Accordion.Panel>
            {/* Only the open document is fetched. */}
            {open === d.key && <DocumentBody source={source} documentKey={d.key} academicYear={list.academicYear} />}
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}

function DocumentBody({ source, documentKey, academicYear }: { source: DocumentsSource; documentKey: string; academicYear: number }) {
  const doc = useQuery(documentQuery(source, documentKey, academicYear));
  return (
    <QueryView query={doc} label="документ">
      {(d) => <DocumentTables doc={d} fileUrl={documentFileUrl(source, documentKey, academicYear)} />}
    </QueryView>
  );
}

function DocumentTables({ doc, fileUrl }: { doc: ProgrammeDocumentDto; fileUrl: string }) {
  return (
    <Stack gap="md">
      <Group justify="space-between" gap="xs">
        <Text size="sm" c="dimmed">{doc.school}, {academicYearTitle(doc.academicYear)} учебный год</Text>
        <Button component="a" href={fileUrl} download variant="light" size="xs" aria-label={`Скачать (XLSX): ${doc.title}`}>
          Скачать (XLSX)
        </Button>
      </Group>
      {doc.tables.map((t, i) => (
        <Stack key={i} gap={4}>
          <Title order={3} size="h5">{t.title}</Title>
          <ScrollTable label={`${doc.title}: ${t.title}`} minWidth={Math.max(320, t.columns.length * 150)} head={t.columns} empty={t.rows.length === 0 ? 'Нет строк' : null}>
            {t.rows.map((row, r) => (
              <Table.Tr key={r}>
                {row.map((cell, c) => <Table.Td key={c}>{cell}</Table.Td>)}
              </Table.Tr>
            ))}
          </ScrollTable>
        </Stack>
      ))}
    </Stack>
  );
}

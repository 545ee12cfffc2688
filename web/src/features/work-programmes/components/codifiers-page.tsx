// «Кодификаторы КЭС» (/journal/codifiers): the school's codifiers of content elements with their
// size and use, an upload from CSV or XLSX (columns «Код», «Название», «Раздел»; checked first,
// problems listed with their rows), a codifier's elements, and deleting one nobody uses.
import { Alert, Anchor, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import type { CodifierDetailDto, CodifierDryRunDto, CodifierListDto } from '../../../../../contracts/work-programmes';
import { errorMessage } from '../../../lib/api';
import { allSubjectsQuery } from '../../subjects/api/subjects';
import { QueryView, ScrollTable, useOrgAccess } from '../../org/components/org-ui';
import { codifierQuery, codifiersQuery, useDeleteCodifier, useUploadCodifier } from '../api/work-programmes';

export function CodifiersPage() {
  const { schoolId } = useOrgAccess();
  const [shown, setShown] = useState<string | null>(null);
  if (!schoolId) return <Alert color="yellow">Выберите школу</Alert>;
  return (
    <Stack gap="md">
      <Title order={1}>Кодификаторы КЭС</Title>
      <Group gap="md">
        <Anchor component={Link} to="/journal/programmes">← Рабочие программы</Anchor>
      </Group>
      <Text size="sm" c="dimmed">Коды элементов содержания (1, 1.2, 1.2.3), которыми отмечают темы программ и задания контрольных работ.</Text>
      <Codifiers schoolId={schoolId} onShow={setShown} />
      {shown && <Elements schoolId={schoolId} codifierId={shown} />}
    </Stack>
  );
}

function Codifiers({ schoolId, onShow }: { schoolId: string; onShow: (id: string) => void }) {
  const list = useQuery(codifiersQuery(schoolId));
  const remove = useDeleteCodifier(schoolId);
  const [error, setError] = useState<string | null>(null);
  return (
    <QueryView query={list} label="кодификаторы">
      {(data: CodifierListDto) => (
        <Stack gap="sm">
          {data.canWrite && <Upload schoolId={schoolId} />}
          {error && <Alert color="red" variant="light" role="alert">{error}</Alert>}
          <ScrollTable label="Кодификаторы" minWidth={640} head={['Название', 'Предмет', 'Элементов', 'Программ', '']}
            empty={data.items.length === 0 ? 'Кодификаторов пока нет' : null}>
            {data.items.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{c.name}</Table.Td>
                <Table.Td>{c.subject?.name ?? 'любой'}</Table.Td>
                <Table.Td>{c.elements}</Table.Td>
                <Table.Td>{c.usedBy}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button size="compact-xs" variant="subtle" onClick={() => onShow(c.id)} aria-label={`Показать: ${c.name}`}>Показать</Button>
                    {c.canDelete && (
                      <Button size="compact-xs" variant="subtle" color="red" aria-label={`Удалить: ${c.name}`}
                        onClick={() => { setError(null); remove.mutate(c.id, { onError: (e) => setError(errorMessage(e)) }); }}>Удалить</Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </ScrollTable>
        </Stack>
      )}
    </QueryView>
  );
}

function Upload({ schoolId }: { schoolId: string }) {
  const subjects = useQuery(allSubjectsQuery(schoolId, false));
  const upload = useUploadCodifier(schoolId);
  const input = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [subjectId, setSubjectId] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [check, setCheck] = useState<CodifierDryRunDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const failed = (e: unknown) => {
    const details = (e as { details?: unknown }).details;
    setError(Array.isArray(details) && details.length > 0 ? details.slice(0, 20).map((d) => (d as { message: string }).message).join('\n') : errorMessage(e));
  };
  const send = (dryRun: boolean) => {
    if (!file) return;
    setError(null);
    setDone(null);
    upload.mutate({ file, name: name.trim(), subjectId: subjectId || null, dryRun }, {
      onSuccess: (answer) => {
        if ('dryRun' in answer) { setCheck(answer); return; }
        setDone(`Загружен «${(answer as CodifierDetailDto).name}»: элементов ${(answer as CodifierDetailDto).elements}`);
        setCheck(null); setFile(null); setName('');
        if (input.current) input.current.value = '';
      },
      onError: failed,
    });
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="codifier-upload">
      <Title order={2} size="h4" id="codifier-upload" mb="xs">Загрузить кодификатор</Title>
      <Text size="xs" c="dimmed" mb="xs">CSV или XLSX со столбцами «Код», «Название» (или «Наименование») и, если нужно, «Раздел» (да/нет).</Text>
      {done && <Alert color="green" variant="light" mb="xs" role="status">{done}</Alert>}
      {error && <Alert color="red" variant="light" role="alert" mb="xs" style={{ whiteSpace: 'pre-line' }}>{error}</Alert>}
      <Group align="end" gap="sm" wrap="wrap">
        <TextInput label="Название" value={name} onChange={(e) => { setName(e.currentTarget.value); setCheck(null); }} required style={{ flex: '1 1 220px' }} />
        <NativeSelect label="Предмет" value={subjectId} onChange={(e) => setSubjectId(e.currentTarget.value)} style={{ flex: '1 1 200px' }}
          data={[{ value: '', label: 'Любой' }, ...(subjects.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))]} />
        <Stack gap={2}>
          <Text size="sm" fw={500} component="label" htmlFor="codifier-file">Файл</Text>
          <input id="codifier-file" ref={input} type="file" accept=".csv,.xlsx" onChange={(e) => { setFile(e.currentTarget.files?.[0] ?? null); setCheck(null); }} />
        </Stack>
        <Button variant="default" onClick={() => send(true)} disabled={!file || name.trim() === ''} loading={upload.isPending && !check}>Проверить</Button>
        <Button onClick={() => send(false)} disabled={!file || name.trim() === ''} loading={upload.isPending && check !== null}>Загрузить</Button>
      </Group>
      {check && (
        <Text size="sm" mt="xs" role="status">
          Файл в порядке: элементов {check.elements}, из них разделов {check.sections}. Первые: {check.preview.slice(0, 5).map((e) => `${e.code} ${e.title}`).join('; ')}.
        </Text>
      )}
    </Paper>
  );
}

function Elements({ schoolId, codifierId }: { schoolId: string; codifierId: string }) {
  const codifier = useQuery(codifierQuery(schoolId, codifierId));
  return (
    <QueryView query={codifier} label="элементы кодификатора">
      {(c: CodifierDetailDto) => (
        <Stack gap="xs">
          <Title order={2} size="h4">{c.name}</Title>
          <ScrollTable label={`Элементы: ${c.name}`} minWidth={480} head={['Код', 'Элемент содержания']}>
            {c.items.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td style={{ paddingLeft: `calc(var(--mantine-spacing-xs) * ${e.code.split('.').length})` }}>{e.code}</Table.Td>
                <Table.Td fw={e.isSection ? 600 : undefined}>{e.title}</Table.Td>
              </Table.Tr>
            ))}
          </ScrollTable>
        </Stack>
      )}
    </QueryView>
  );
}

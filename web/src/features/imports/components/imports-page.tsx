// «Импорт»: a new upload (what is loaded, the file, «Проверить файл») and the school's past
// imports with their status. A check opens the import's own page with its report.
import { Alert, Anchor, Badge, Box, Button, Center, Group, Input, List, Loader, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useId, useRef, useState, type FormEvent } from 'react';
import { fieldsOfKind, importFieldTitles, importKindTitles, importKinds, type ImportJobDto, type ImportKind } from '../../../../../contracts/imports';
import { errorMessage } from '../../../lib/api';
import { importJobPath, importJobsQuery, useUploadImport } from '../api/imports';
import { fileSizeText, formatDateTime, rowsText, statusColor, statusTitle } from '../format';
import { useImportAccess } from './import-access';

const maxFileBytes = 50 * 1024 * 1024;

/** What a file of each kind should have, for the hint under the form. */
const kindHints: Record<ImportKind, string> = {
  staff: 'Кадровый состав из кадровой системы. Табельный номер или ID сотрудника сопоставляется при повторной загрузке.',
  students: 'Выгрузка из «Контингента». Класс указывается как «5А»: такой класс должен быть заведён в текущем учебном году.',
  guardians: 'Родители и законные представители. Ребёнок указывается по «ID ученика», по «СНИЛС ученика» или по ФИО и дате рождения ученика; ученики должны быть загружены раньше.',
};

function UploadForm({ schoolId }: { schoolId: string }) {
  const navigate = useNavigate();
  const upload = useUploadImport(schoolId);
  const [kind, setKind] = useState<ImportKind>('students');
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const fileId = useId();
  const hintId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setProblem(null);
    if (!file) {
      setProblem('Выберите файл');
      inputRef.current?.focus();
      return;
    }
    if (file.size > maxFileBytes) {
      setProblem('Файл больше 50 МБ: разделите его на части');
      return;
    }
    upload.mutate({ kind, file }, {
      onSuccess: (job) => navigate({ href: importJobPath(job.id) }),
    });
  };

  const error = problem ?? (upload.isError ? errorMessage(upload.error) : null);
  return (
    <Paper withBorder p="md" radius="md">
      <form onSubmit={submit} noValidate aria-label="Новая загрузка">
        <Stack gap="sm">
          <Title order={2} size="h3">Новая загрузка</Title>
          <NativeSelect
            label="Что загружаем"
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as ImportKind)}
            data={importKinds.map((k) => ({ value: k, label: importKindTitles[k] }))}
            maw={420}
          />
          <Input.Wrapper
            label="Файл"
            labelProps={{ htmlFor: fileId }}
            description="CSV (UTF-8 или Windows-1251, разделитель «;» или «,») или XLSX, до 50 МБ"
            error={problem === 'Выберите файл' ? problem : undefined}
          >
            <Box mt={4}>
              <input
                ref={inputRef}
                id={fileId}
                type="file"
                accept=".csv,.xlsx,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                aria-describedby={hintId}
                onChange={(e) => {
                  setFile(e.currentTarget.files?.[0] ?? null);
                  setProblem(null);
                  upload.reset();
                }}
                style={{ maxWidth: '100%' }}
              />
            </Box>
          </Input.Wrapper>
          <Box id={hintId}>
            <Text size="sm">{kindHints[kind]}</Text>
            <Text size="sm" c="dimmed">
              Столбцы: {fieldsOfKind[kind].map((f) => importFieldTitles[f]).join(', ')}. Обязательны фамилия и имя; строка заголовков
              находится сама, лишние столбцы пропускаются. Сначала файл только проверяется — в базу ничего не записывается, пока вы не нажмёте «Применить».
            </Text>
          </Box>
          {error && error !== 'Выберите файл' && <Alert color="red" role="alert" title="Файл не принят">{error}</Alert>}
          <Group>
            <Button type="submit" loading={upload.isPending}>Проверить файл</Button>
            {upload.isPending && <Text size="sm" c="dimmed" aria-live="polite">Файл загружается и читается…</Text>}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function JobRow({ job }: { job: ImportJobDto }) {
  return (
    <Table.Tr>
      <Table.Td>{formatDateTime(job.createdAt)}</Table.Td>
      <Table.Td>{importKindTitles[job.kind]}</Table.Td>
      <Table.Td style={{ wordBreak: 'break-all' }}>
        <Anchor component={Link} to={importJobPath(job.id)}>{job.fileName ?? `Загрузка JSON (${job.format})`}</Anchor>
        {job.fileSize > 0 && <Text span size="xs" c="dimmed"> · {fileSizeText(job.fileSize)}</Text>}
      </Table.Td>
      <Table.Td>{rowsText(job.totalRows)}</Table.Td>
      <Table.Td><Badge color={statusColor[job.status]} variant="light" tt="none">{statusTitle(job)}</Badge></Table.Td>
    </Table.Tr>
  );
}

function JobList({ schoolId }: { schoolId: string }) {
  const jobs = useQuery(importJobsQuery(schoolId));
  if (jobs.isPending) return <Center p="md"><Loader size="sm" aria-label="Загрузка списка" /></Center>;
  if (jobs.isError) return <Alert color="red" role="alert">Не удалось загрузить список: {errorMessage(jobs.error)}</Alert>;
  if (jobs.data.jobs.length === 0) return <Text c="dimmed">Загрузок пока не было.</Text>;
  return (
    <Box role="region" aria-label="Прошлые загрузки" tabIndex={0} style={{ overflowX: 'auto' }}>
      <Table miw={640} verticalSpacing="xs" highlightOnHover aria-label="Прошлые загрузки">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Когда</Table.Th>
            <Table.Th scope="col">Что</Table.Th>
            <Table.Th scope="col">Файл</Table.Th>
            <Table.Th scope="col">Строк</Table.Th>
            <Table.Th scope="col">Состояние</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{jobs.data.jobs.map((job) => <JobRow key={job.id} job={job} />)}</Table.Tbody>
      </Table>
    </Box>
  );
}

export function ImportsPage() {
  const { schoolId, canRead, canWrite } = useImportAccess();
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/org" size="sm">← Люди и доступ</Anchor>
      <Title order={1}>Импорт</Title>
      {schoolId === null && <Alert color="gray">Выберите школу, чтобы загружать в неё данные.</Alert>}
      {schoolId !== null && !canRead && <Alert color="gray">Ваши роли в этой школе не дают доступа к загрузкам.</Alert>}
      {schoolId !== null && canRead && (
        <>
          {canWrite ? <UploadForm schoolId={schoolId} /> : (
            <Alert color="gray">Загружать файлы могут директор и администратор журнала; вам доступен просмотр.</Alert>
          )}
          <Title order={2} size="h3">Прошлые загрузки</Title>
          <JobList schoolId={schoolId} />
          <List size="sm" c="dimmed" spacing={2}>
            <List.Item>Повторная загрузка того же файла ничего не меняет: все строки будут «Без изменений».</List.Item>
            <List.Item>Люди сопоставляются по ID, затем по СНИЛС, затем по ФИО и дате рождения.</List.Item>
          </List>
        </>
      )}
    </Stack>
  );
}

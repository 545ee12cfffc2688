// The credential sheet on screen: logins and one-time passwords just issued, shown once, with
// «Печать» (only the sheet goes to paper: a copy of it under <body>, see credential-sheet.css)
// and «Скачать XLSX».
import { Alert, Box, Button, Group, Paper, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { CredentialSheetDto } from '../../../../../contracts/access';
import { errorMessage } from '../../../lib/api';
import { useCurrentUser } from '../../identity/components/current-user';
import { downloadSheetXlsx } from '../api/access';
import './credential-sheet.css';

const issuedDate = (iso: string): string =>
  new Intl.DateTimeFormat('ru-RU', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));

export function CredentialSheet({ schoolId, sheet, onClose }: { schoolId: string; sheet: CredentialSheetDto; onClose: () => void }) {
  const me = useCurrentUser();
  const heading = useRef<HTMLHeadingElement>(null);
  const [downloading, setDownloading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // A new sheet takes the focus, so that a keyboard or screen-reader user lands on it.
  useEffect(() => {
    heading.current?.focus();
  }, [sheet]);

  const download = async () => {
    setError(null);
    setDownloading(true);
    try {
      await downloadSheetXlsx(schoolId, sheet, me.csrfToken);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="credential-sheet-title">
      <Title order={2} size="h3" id="credential-sheet-title" ref={heading} tabIndex={-1}>Учётные данные для входа</Title>
      <Text mt={4}>{sheet.school}</Text>
      <Text size="sm" c="dimmed">Выданы {issuedDate(sheet.issuedAt)}</Text>

      <Alert color="orange" variant="light" mt="sm" title="Пароли показаны один раз">
        Распечатайте лист или скачайте XLSX сейчас: пароли нигде не хранятся, после закрытия их не увидеть — придётся выдать новые.
        Пароль временный: при первом входе его нужно сменить. Передайте каждому только его строку.
      </Alert>
      <Group gap="xs" mt="sm">
        <Button onClick={() => window.print()}>Печать</Button>
        <Button variant="light" loading={downloading} onClick={() => void download()}>Скачать XLSX</Button>
        <Button variant="subtle" color="gray" onClick={onClose}>Закрыть</Button>
      </Group>
      {error && <Alert color="red" role="alert" mt="sm">{error}</Alert>}

      <Box mt="sm" style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label="Лист учётных данных">
        <CredentialTable sheet={sheet} />
      </Box>
      {createPortal(
        <div className="otm-credential-print">
          <h1>Учётные данные для входа в «Отметку»</h1>
          <p>{sheet.school}</p>
          <p>Выданы {issuedDate(sheet.issuedAt)}. Адрес для входа: {window.location.origin}. Пароль временный — при первом входе его нужно сменить.</p>
          <CredentialTable sheet={sheet} printed />
        </div>,
        document.body,
      )}
    </Paper>
  );
}

function CredentialTable({ sheet, printed = false }: { sheet: CredentialSheetDto; printed?: boolean }) {
  return (
    <table className="otm-credential-table" aria-label={printed ? undefined : 'Учётные данные'}>
      <thead>
        <tr>
          <th scope="col">ФИО</th>
          <th scope="col">Должность</th>
          <th scope="col">Логин</th>
          <th scope="col">Временный пароль</th>
        </tr>
      </thead>
      <tbody>
        {sheet.rows.map((row) => (
          <tr key={row.employeeId}>
            <td>{row.name}</td>
            <td>{row.position}</td>
            <td className="otm-credential-secret">{row.login}</td>
            <td className="otm-credential-secret">{row.password}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

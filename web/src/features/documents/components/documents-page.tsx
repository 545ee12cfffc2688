// «Документы школы»: the school's programme documents for its staff, students and parents; the
// director and the journal admin may open them to anyone and see the public address.
import { Alert, Anchor, Stack, Switch, Text, Title } from '@mantine/core';
import type { ProgrammeDocumentListDto } from '../../../../../contracts/documents';
import { errorMessage } from '../../../lib/api';
import { useOrgAccess } from '../../org/components/org-ui';
import { useSetPublication } from '../api/documents';
import { DocumentsView } from './documents-view';

export function DocumentsPage() {
  const { schoolId, can } = useOrgAccess();
  return (
    <Stack gap="md">
      <Title order={1}>Документы школы</Title>
      <Text size="sm" c="dimmed">Календарный учебный график, учебные планы, план внеурочной деятельности и дополнительные программы школы.</Text>
      {schoolId === null
        ? <Alert color="gray">Выберите школу, чтобы увидеть её документы.</Alert>
        : (
          <DocumentsView
            source={{ schoolId, public: false }}
            header={can('programmeDocument', 'write') ? (list) => <Publication schoolId={schoolId} list={list} /> : undefined}
          />
        )}
    </Stack>
  );
}

function Publication({ schoolId, list }: { schoolId: string; list: ProgrammeDocumentListDto }) {
  const publish = useSetPublication(schoolId);
  const checked = publish.isPending && publish.variables ? publish.variables.public : list.public;
  const publicPath = `/public/schools/${encodeURIComponent(schoolId)}/documents`;
  return (
    <Stack gap={6}>
      <Switch
        label="Открыть документы для всех (без входа)"
        description="Документы увидит любой, у кого есть ссылка; ученики и родители видят их всегда."
        checked={checked}
        disabled={publish.isPending}
        onChange={(e) => publish.mutate({ public: e.currentTarget.checked })}
      />
      {publish.isError && <Alert color="red" role="alert">{errorMessage(publish.error)}</Alert>}
      {list.public && (
        <Text size="sm">
          Публичная ссылка:{' '}
          <Anchor href={publicPath} target="_blank" rel="noopener" style={{ wordBreak: 'break-all' }}>
            {`${window.location.origin}${publicPath}`}
          </Anchor>
        </Text>
      )}
    </Stack>
  );
}

// A school's programme documents for anyone, without signing in — while the school keeps them
// open; otherwise a plain «Документы школы не опубликованы».
import { Alert, Container, Stack, Text, Title } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { DocumentsView } from './documents-view';

export function PublicDocumentsPage() {
  const { schoolId } = useParams({ strict: false }) as { schoolId?: string };
  return (
    <Container size="lg" py="md" component="main">
      <Stack gap="md">
        <Title order={1}>Документы школы</Title>
        {schoolId && (
          <DocumentsView
            source={{ schoolId, public: true }}
            header={(list) => <Text fw={500}>{list.school.name}</Text>}
            notFound={(
              <Alert color="gray" title="Документы школы не опубликованы">
                Школа не открыла свои документы для всех, или такой школы нет. Ученики и родители видят документы после входа в «Отметку».
              </Alert>
            )}
          />
        )}
      </Stack>
    </Container>
  );
}

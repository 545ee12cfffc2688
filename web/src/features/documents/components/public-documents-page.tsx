// Документы школы (placeholder until the page is built).
import { Stack, Title } from '@mantine/core';
import { YearNav } from '../../year/year-nav';

export function PublicDocumentsPage() {
  return (
    <Stack gap="md">
      <Title order={1}>Документы школы</Title>
      <YearNav />
    </Stack>
  );
}

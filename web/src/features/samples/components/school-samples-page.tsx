// Образцы (placeholder until the page is built).
import { Stack, Title } from '@mantine/core';
import { YearNav } from '../../year/year-nav';

export function SchoolSamplesPage() {
  return (
    <Stack gap="md">
      <Title order={1}>Образцы</Title>
      <YearNav />
    </Stack>
  );
}

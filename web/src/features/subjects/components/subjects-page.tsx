// Предметы (placeholder until the page is built).
import { Stack, Title } from '@mantine/core';
import { YearNav } from '../../year/year-nav';

export function SubjectsPage() {
  return (
    <Stack gap="md">
      <Title order={1}>Предметы</Title>
      <YearNav />
    </Stack>
  );
}

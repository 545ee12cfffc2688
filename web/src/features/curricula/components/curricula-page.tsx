// Учебные планы (placeholder until the page is built).
import { Stack, Title } from '@mantine/core';
import { YearNav } from '../../year/year-nav';

export function CurriculaPage() {
  return (
    <Stack gap="md">
      <Title order={1}>Учебные планы</Title>
      <YearNav />
    </Stack>
  );
}

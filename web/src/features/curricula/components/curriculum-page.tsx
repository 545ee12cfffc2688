// Учебный план (placeholder until the page is built).
import { Stack, Title } from '@mantine/core';
import { YearNav } from '../../year/year-nav';

export function CurriculumPage() {
  return (
    <Stack gap="md">
      <Title order={1}>Учебный план</Title>
      <YearNav />
    </Stack>
  );
}

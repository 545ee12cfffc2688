// Образцы для школ (placeholder until the page is built).
import { Stack, Title } from '@mantine/core';
import { YearNav } from '../../year/year-nav';

export function AreaSamplesPage() {
  return (
    <Stack gap="md">
      <Title order={1}>Образцы для школ</Title>
      <YearNav />
    </Stack>
  );
}

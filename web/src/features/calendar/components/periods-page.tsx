// Периоды аттестации (placeholder until the page is built).
import { Stack, Title } from '@mantine/core';
import { YearNav } from '../../year/year-nav';

export function PeriodsPage() {
  return (
    <Stack gap="md">
      <Title order={1}>Периоды аттестации</Title>
      <YearNav />
    </Stack>
  );
}

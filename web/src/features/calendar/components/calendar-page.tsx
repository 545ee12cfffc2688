// Календарный учебный график (placeholder until the page is built).
import { Stack, Title } from '@mantine/core';
import { YearNav } from '../../year/year-nav';

export function CalendarPage() {
  return (
    <Stack gap="md">
      <Title order={1}>Календарный учебный график</Title>
      <YearNav />
    </Stack>
  );
}

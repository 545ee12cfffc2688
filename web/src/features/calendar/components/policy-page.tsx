// Правила выставления отметок (placeholder until the page is built).
import { Stack, Title } from '@mantine/core';
import { YearNav } from '../../year/year-nav';

export function PolicyPage() {
  return (
    <Stack gap="md">
      <Title order={1}>Правила выставления отметок</Title>
      <YearNav />
    </Stack>
  );
}

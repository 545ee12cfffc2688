// Режимы и звонки (placeholder until the page is built).
import { Stack, Title } from '@mantine/core';
import { YearNav } from '../../year/year-nav';

export function RegimesPage() {
  return (
    <Stack gap="md">
      <Title order={1}>Режимы и звонки</Title>
      <YearNav />
    </Stack>
  );
}

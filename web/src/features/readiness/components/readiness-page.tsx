// Готовность к учебному году (placeholder until the page is built).
import { Stack, Title } from '@mantine/core';
import { YearNav } from '../../year/year-nav';

export function ReadinessPage() {
  return (
    <Stack gap="md">
      <Title order={1}>Готовность к учебному году</Title>
      <YearNav />
    </Stack>
  );
}

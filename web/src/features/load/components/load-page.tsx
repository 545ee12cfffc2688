// Нагрузка (тарификация) (placeholder until the page is built).
import { Stack, Title } from '@mantine/core';
import { YearNav } from '../../year/year-nav';

export function LoadPage() {
  return (
    <Stack gap="md">
      <Title order={1}>Нагрузка (тарификация)</Title>
      <YearNav />
    </Stack>
  );
}

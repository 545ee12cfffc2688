// Формы контроля (placeholder until the page is built).
import { Stack, Title } from '@mantine/core';
import { YearNav } from '../../year/year-nav';

export function ControlFormsPage() {
  return (
    <Stack gap="md">
      <Title order={1}>Формы контроля</Title>
      <YearNav />
    </Stack>
  );
}

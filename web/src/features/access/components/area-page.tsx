import { Title } from '@mantine/core';

export function AreaPage() {
  return <Title order={1}>Школы</Title>;
}

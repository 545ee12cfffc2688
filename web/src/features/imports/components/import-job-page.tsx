import { Title } from '@mantine/core';

export function ImportJobPage() {
  return <Title order={1}>Импорт</Title>;
}

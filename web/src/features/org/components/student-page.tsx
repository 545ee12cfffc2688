import { Title } from '@mantine/core';

export function StudentPage() {
  return <Title order={1}>Ученик</Title>;
}

import { Title } from '@mantine/core';

export function AccessPage() {
  return <Title order={1}>Доступ и роли</Title>;
}

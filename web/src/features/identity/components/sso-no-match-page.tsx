import { Title } from '@mantine/core';

export function SsoNoMatchPage() {
  return <Title order={1}>Вход не выполнен</Title>;
}

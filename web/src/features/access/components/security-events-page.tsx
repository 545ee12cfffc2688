import { Title } from '@mantine/core';

export function SecurityEventsPage() {
  return <Title order={1}>Журнал безопасности</Title>;
}

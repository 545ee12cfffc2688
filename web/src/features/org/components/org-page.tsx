import { Title } from '@mantine/core';

export function OrgPage() {
  return <Title order={1}>Люди и доступ</Title>;
}

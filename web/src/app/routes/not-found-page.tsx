import { Anchor, Center, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';

export function NotFoundPage() {
  return (
    <Center mih="60dvh" p="md">
      <Stack gap="sm" align="center" ta="center">
        <Text c="dimmed" fw={700} size="xl" aria-hidden>404</Text>
        <Title order={1}>Страница не найдена</Title>
        <Text c="dimmed">Возможно, адрес набран с ошибкой или страница была удалена.</Text>
        <Anchor component={Link} to="/">На главную</Anchor>
      </Stack>
    </Center>
  );
}

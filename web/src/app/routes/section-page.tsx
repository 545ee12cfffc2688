// A section of the site that is not built yet, or not open to the person's roles.
import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { navigationRolesOf } from '../../features/identity/active-school';
import { useCurrentUser } from '../../features/identity/components/current-user';
import { canOpenSection, type SectionPath } from '../navigation';

export function SectionPage({ title, to }: { title: string; to: SectionPath }) {
  const me = useCurrentUser();
  const allowed = canOpenSection(navigationRolesOf(me), to);

  return (
    <Stack gap="md">
      <Title order={1}>{title}</Title>
      <Paper withBorder p="lg" radius="md">
        {allowed ? (
          <>
            <Text fw={600} size="lg">Раздел в разработке</Text>
            <Text c="dimmed" mt={4}>Скоро здесь появится раздел «{title}».</Text>
          </>
        ) : (
          <>
            <Text fw={600} size="lg">Раздел недоступен</Text>
            <Text c="dimmed" mt={4}>С вашей ролью в этой школе раздел «{title}» не открывается.</Text>
          </>
        )}
        <Anchor component={Link} to="/" mt="sm" display="inline-block">На главную</Anchor>
      </Paper>
    </Stack>
  );
}

// The frame of every signed-in page: header with the school and the person, the section menu, the demo banner.
import { Alert, AppShell, Box, Burger, Group, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { Link, Outlet, useRouter, useRouterState } from '@tanstack/react-router';
import { useEffect } from 'react';
import type { MeDto } from '../../../contracts/identity';
import { meQuery } from '../features/identity/api/me';
import { activeRolesOf, activeSchoolOf, navigationRolesOf } from '../features/identity/active-school';
import { CurrentUserProvider } from '../features/identity/components/current-user';
import { roleListText } from '../features/identity/components/role-titles';
import { SchoolSwitcher } from '../features/identity/components/school-switcher';
import { UserMenu } from '../features/identity/components/user-menu';
import { fullName } from '../features/identity/names';
import { navigationFor, type NavigationItem } from './navigation';

export function AppLayout() {
  const router = useRouter();
  const { data: me } = useQuery(meQuery);

  // The session ended (expired, or signed out in another tab), or the password must be changed:
  // the route guard sends the person where they have to go.
  useEffect(() => {
    if (me === null || me?.account.mustChangePassword === true) void router.invalidate();
  }, [me, router]);

  if (!me) return null;
  return (
    <CurrentUserProvider me={me}>
      <Shell me={me} />
    </CurrentUserProvider>
  );
}

function Shell({ me }: { me: MeDto }) {
  const [opened, { toggle, close }] = useDisclosure(false);
  const school = activeSchoolOf(me);
  const roles = activeRolesOf(me);
  const rolesText = roleListText(roles);
  const items = me.account.mustChangePassword ? [] : navigationFor(navigationRolesOf(me));

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a href="#main" className="otm-skip-link">Перейти к содержимому</a>

      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Закрыть меню' : 'Открыть меню'}
              aria-expanded={opened}
              aria-controls="main-navigation"
            />
            <Text component={Link} to="/" fw={700} size="lg" c="teal.8" style={{ textDecoration: 'none' }}>
              Отметка
            </Text>
            {school && (
              <Text size="sm" c="dimmed" truncate="end" title={school.name}>
                {school.shortName || school.name}
              </Text>
            )}
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Box visibleFrom="sm" ta="right">
              <Text size="sm" fw={500} lh={1.2}>{fullName(me.account)}</Text>
              {rolesText !== '' && <Text size="xs" c="dimmed" lh={1.2}>{rolesText}</Text>}
            </Box>
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" id="main-navigation" aria-label="Разделы">
        <AppShell.Section hiddenFrom="sm" mb="sm">
          <Text size="sm" fw={500}>{fullName(me.account)}</Text>
          {rolesText !== '' && <Text size="xs" c="dimmed">{rolesText}</Text>}
        </AppShell.Section>
        {!me.account.mustChangePassword && (
          <AppShell.Section mb="sm">
            <SchoolSwitcher onSwitched={close} />
          </AppShell.Section>
        )}
        <AppShell.Section grow component={ScrollArea}>
          <Navigation items={items} onNavigate={close} />
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main" tabIndex={-1}>
        <Stack gap="md">
          {me.demo && (
            <Alert color="yellow" variant="light" radius="md">
              Демонстрационный режим: данные школы вымышлены
            </Alert>
          )}
          <Outlet />
        </Stack>
      </AppShell.Main>
    </AppShell>
  );
}

function Navigation({ items, onNavigate }: { items: NavigationItem[]; onNavigate: () => void }) {
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const isActive = (to: string) => (to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`));

  return (
    <nav aria-label="Основное меню">
      <Stack gap={2}>
        {items.map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={item.title}
            active={isActive(item.to)}
            aria-current={isActive(item.to) ? 'page' : undefined}
            onClick={onNavigate}
            variant="light"
          />
        ))}
      </Stack>
    </nav>
  );
}

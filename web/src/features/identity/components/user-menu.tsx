// The header's menu of the signed-in person: their profile and signing out.
import { Avatar, Menu, UnstyledButton } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useLogout } from '../api/auth';
import { fullName } from '../names';
import { useCurrentUser } from './current-user';

export function UserMenu() {
  const me = useCurrentUser();
  const logout = useLogout();
  const initials = `${me.account.lastName.charAt(0)}${me.account.firstName.charAt(0)}`;

  return (
    <Menu position="bottom-end" width={220} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label="Меню пользователя" title={fullName(me.account)} className="otm-user-button">
          <Avatar radius="xl" size="md" color="teal" aria-hidden>{initials}</Avatar>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{fullName(me.account)}</Menu.Label>
        <Menu.Item component={Link} to="/profile">Профиль</Menu.Item>
        <Menu.Item color="red" disabled={logout.isPending} onClick={() => logout.mutate()}>
          Выйти
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

// The sign-in page: login and password, the server's answer in Russian, buttons of the login
// providers the installation enabled (Госуслуги, the regional service), and the demo logins on a demo.
import { Alert, Anchor, Box, Button, Center, Divider, Paper, PasswordInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useRouterState } from '@tanstack/react-router';
import { useRef, useState, type FormEvent } from 'react';
import type { PublicInfoDto } from '../../../../../contracts/identity';
import { errorMessage } from '../../../lib/api';
import { useLogin } from '../api/auth';
import { publicInfoQuery } from '../api/public-info';
import { ssoErrorMessage, ssoStartHref } from '../sso';

type LoginPageProps = {
  /** A path of this site to open after signing in; already checked by the route. */
  redirect: string | undefined;
};

export function LoginPage({ redirect }: LoginPageProps) {
  const navigate = useNavigate();
  const publicInfo = useQuery(publicInfoQuery);
  const login = useLogin();
  const [loginValue, setLoginValue] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ login?: string; password?: string }>({});
  const passwordRef = useRef<HTMLInputElement>(null);
  // A login through a provider that failed comes back as /login?ssoError=<code>.
  const ssoError = ssoErrorMessage(useRouterState({ select: (s) => (s.location.search as Record<string, unknown>).ssoError }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors = {
      login: loginValue.trim() === '' ? 'Введите логин' : undefined,
      password: password === '' ? 'Введите пароль' : undefined,
    };
    setFieldErrors(errors);
    if (errors.login !== undefined || errors.password !== undefined) return;
    login.mutate(
      { login: loginValue.trim(), password },
      { onSuccess: () => void navigate({ href: redirect ?? '/', replace: true }) },
    );
  };

  const chooseDemoLogin = (value: string) => {
    setLoginValue(value);
    setFieldErrors({});
    passwordRef.current?.focus();
  };

  const title = publicInfo.data?.name ?? 'Отметка';

  return (
    <Center mih="100dvh" p="md" bg="var(--mantine-color-gray-0)">
      <Box w="100%" maw={420}>
        <Stack gap="md">
          <Box ta="center">
            <Title order={1}>Вход</Title>
            <Text c="dimmed" mt={4}>{title}</Text>
          </Box>

          {publicInfo.data?.demo === true && (
            <Alert color="yellow" variant="light">
              Демонстрационная школа: данные вымышлены. Пароль всех учётных записей — demo
            </Alert>
          )}

          <Paper withBorder shadow="sm" p="lg" radius="md">
            <form onSubmit={submit} noValidate>
              <Stack gap="sm">
                {login.isError ? (
                  <Alert color="red" variant="light" role="alert">
                    {errorMessage(login.error)}
                  </Alert>
                ) : ssoError !== null && (
                  <Alert color="red" variant="light" role="alert">
                    {ssoError}
                  </Alert>
                )}
                <TextInput
                  label="Логин"
                  name="login"
                  autoComplete="username"
                  autoCapitalize="none"
                  spellCheck={false}
                  autoFocus
                  value={loginValue}
                  onChange={(event) => setLoginValue(event.currentTarget.value)}
                  error={fieldErrors.login}
                />
                <PasswordInput
                  ref={passwordRef}
                  label="Пароль"
                  name="password"
                  autoComplete="current-password"
                  value={password}
                  onChange={(event) => setPassword(event.currentTarget.value)}
                  error={fieldErrors.password}
                />
                <Button type="submit" fullWidth mt="xs" loading={login.isPending}>
                  Войти
                </Button>
              </Stack>
            </form>
            {(publicInfo.data?.ssoProviders.length ?? 0) > 0 && (
              <>
                <Divider label="или" labelPosition="center" my="md" />
                <Stack gap="xs">
                  {publicInfo.data!.ssoProviders.map((provider) => (
                    // A plain link: the server answers with a redirect to the provider.
                    <Button key={provider.key} component="a" href={ssoStartHref(provider.key, redirect)} variant="default" fullWidth
                      styles={{ label: { whiteSpace: 'normal', textAlign: 'center' } }} h="auto" mih={36} py={6}>
                      Войти через {provider.title}
                    </Button>
                  ))}
                </Stack>
              </>
            )}
          </Paper>

          {publicInfo.data?.demo === true && publicInfo.data.demoLogins.length > 0 && (
            <DemoLogins logins={publicInfo.data.demoLogins} onChoose={chooseDemoLogin} />
          )}
        </Stack>
      </Box>
    </Center>
  );
}

function DemoLogins({ logins, onChoose }: { logins: PublicInfoDto['demoLogins']; onChoose: (login: string) => void }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="xs">Демонстрационные учётные записи</Title>
      <Text size="sm" c="dimmed" mb="xs">Нажмите на логин, чтобы подставить его в форму.</Text>
      <Table verticalSpacing={4} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Логин</Table.Th>
            <Table.Th scope="col">Кто это</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {logins.map((item) => (
            <Table.Tr key={item.login}>
              <Table.Td>
                <Anchor component="button" type="button" ff="monospace" onClick={() => onChoose(item.login)}>
                  {item.login}
                </Anchor>
              </Table.Td>
              <Table.Td>{item.title}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

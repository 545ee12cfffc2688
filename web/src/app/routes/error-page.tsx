// Shown by the router when a page fails to load or render.
import { Alert, Button, Center, Stack, Text, Title } from '@mantine/core';
import { useQueryErrorResetBoundary } from '@tanstack/react-query';
import { useRouter, type ErrorComponentProps } from '@tanstack/react-router';
import { useEffect } from 'react';
import { errorMessage, isApiError } from '../../lib/api';

export function ErrorPage({ error, reset }: ErrorComponentProps) {
  const router = useRouter();
  const queryErrorResetBoundary = useQueryErrorResetBoundary();

  useEffect(() => {
    queryErrorResetBoundary.reset();
  }, [queryErrorResetBoundary]);

  const retry = () => {
    reset();
    void router.invalidate();
  };

  return (
    <Center mih="60dvh" p="md">
      <Stack gap="sm" align="center" ta="center" maw={480}>
        <Title order={1}>Что-то пошло не так</Title>
        {isApiError(error) ? (
          <Alert color="red" variant="light" role="alert">{errorMessage(error)}</Alert>
        ) : (
          <Text c="dimmed">Не удалось показать страницу. Попробуйте ещё раз; если ошибка повторится, сообщите администратору школы.</Text>
        )}
        <Button onClick={retry}>Повторить</Button>
      </Stack>
    </Center>
  );
}

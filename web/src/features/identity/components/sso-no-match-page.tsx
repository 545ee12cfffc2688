// Where a login through Госуслуги or the regional service ends when the school has no matching
// record: what happened and whom to ask, in Russian. The URL carries only a reason code.
import { Anchor, Box, Center, List, Paper, Stack, Text, Title } from '@mantine/core';
import { Link, useRouterState } from '@tanstack/react-router';
import { ssoNoMatchReason } from '../sso';

export function SsoNoMatchPage() {
  const reason = ssoNoMatchReason(useRouterState({ select: (s) => (s.location.search as Record<string, unknown>).reason }));

  return (
    <Center mih="100dvh" p="md" bg="var(--mantine-color-gray-0)">
      <Box w="100%" maw={560}>
        <Paper withBorder shadow="sm" p="lg" radius="md">
          <Stack gap="sm">
            <Title order={1} size="h2">Вход не выполнен</Title>
            {reason === 'ambiguous' ? (
              <Text>
                По данным вашей учётной записи в журнале нашлось несколько записей, и нельзя понять, какая из них ваша
                (например, один адрес почты или телефон записан у обоих родителей).
              </Text>
            ) : (
              <Text>
                В журнале вашей школы нет записи, которая совпала бы с вашей учётной записью: школа ещё не загрузила
                ваши данные или в них нет тех же сведений, что у сервиса авторизации.
              </Text>
            )}
            <Text fw={500}>Что сделать</Text>
            <List spacing={4}>
              <List.Item>
                Обратитесь к классному руководителю или к администратору журнала вашей школы.
              </List.Item>
              <List.Item>
                Попросите проверить, что в вашей записи (данные из «Контингента») указан ваш СНИЛС или подтверждённые
                адрес электронной почты либо телефон — те же, что в вашей учётной записи на Госуслугах или в
                региональном сервисе авторизации.
              </List.Item>
              <List.Item>После этого войдите снова.</List.Item>
            </List>
            <Text size="sm" c="dimmed">
              Учётная запись в журнале создаётся только для учеников и родителей, которых загрузила школа.
            </Text>
            <Anchor component={Link} to="/login">Вернуться ко входу</Anchor>
          </Stack>
        </Paper>
      </Box>
    </Center>
  );
}

// «Журнал»: where a teacher picks a class or group × subject (the grid opens on today's term and
// switches terms there), sees today's lessons with a way into each, and reaches the journal's
// other pages (programmes, control works, absences). A class teacher also finds every subject of
// their class here, read-only; the administration finds every class.
import { Alert, Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useRouter } from '@tanstack/react-router';
import { useMemo, useState, type MouseEvent } from 'react';
import type { GridChoiceDto } from '../../../../../contracts/journal';
import type { DatedLessonDto } from '../../../../../contracts/lessons';
import { lessonsQuery } from '../../lessons/api/lessons';
import { QueryView, todayIso, useOrgAccess } from '../../org/components/org-ui';
import { gridListQuery } from '../api/journal';
import { gridSearchOf, groupChoices } from '../choices';
import { gridPath } from '../paths';
import { OpenInJournalButton } from './open-lesson';
import { RouterAnchor } from './router-anchor';

export function JournalPage() {
  const { schoolId } = useOrgAccess();
  return (
    <Stack gap="md">
      <Title order={1}>Журнал</Title>
      <JournalLinks />
      {schoolId === null
        ? <Alert color="gray">Выберите школу, чтобы открыть журнал.</Alert>
        : (
          <>
            <TodayLessons schoolId={schoolId} />
            <Chooser schoolId={schoolId} />
          </>
        )}
    </Stack>
  );
}

function JournalLinks() {
  return (
    <Group gap="lg" component="nav" aria-label="Разделы журнала">
      <RouterAnchor href="/journal/programmes">Рабочие программы</RouterAnchor>
      <RouterAnchor href="/journal/control-works">Контрольные работы</RouterAnchor>
      <RouterAnchor href="/journal/absences">Пропуски сегодня</RouterAnchor>
      <Anchor component={Link} to="/timetable/day">Уроки на дату</Anchor>
    </Group>
  );
}

const unitOf = (l: Pick<DatedLessonDto, 'class' | 'studyGroup'>): string => l.class?.name ?? l.studyGroup?.name ?? '';

/** The caller's lessons of a day (today by default) with «Открыть урок». */
function TodayLessons({ schoolId }: { schoolId: string }) {
  const [date, setDate] = useState(todayIso());
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(date);
  const lessons = useQuery({ ...lessonsQuery(schoolId, date, date, {}), enabled: valid });
  return (
    <Stack gap="xs" component="section" aria-labelledby="journal-today">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3" id="journal-today">{date === todayIso() ? 'Мои уроки сегодня' : 'Мои уроки'}</Title>
        <TextInput type="date" label="Дата" value={date} onChange={(e) => setDate(e.currentTarget.value)} w={170} />
      </Group>
      {valid && (
        <QueryView query={lessons} label="уроки">
          {(data) => {
            const held = data.items.filter((l) => l.status === 'scheduled');
            return held.length === 0
              ? <Text c="dimmed" size="sm">Уроков нет.</Text>
              : (
                <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="xs" role="list" aria-label="Уроки">
                  {held.map((l) => <TodayLesson key={`${l.timetableLessonId}|${l.lessonDate}`} schoolId={schoolId} lesson={l} />)}
                </SimpleGrid>
              );
          }}
        </QueryView>
      )}
    </Stack>
  );
}

function TodayLesson({ schoolId, lesson: l }: { schoolId: string; lesson: DatedLessonDto }) {
  const gridSearch = gridSearchOf({ subject: l.subject, class: l.class, studyGroup: l.studyGroup });
  return (
    <Paper withBorder p="sm" radius="sm" role="listitem">
      <Text size="sm" c="dimmed">{l.lessonNumber}-й урок{l.start ? ` · ${l.start}–${l.end}` : ''} · {unitOf(l)}</Text>
      <Text fw={600}>{l.subject.name}</Text>
      <Group gap="xs" mt={6}>
        <OpenInJournalButton schoolId={schoolId} lesson={l} label={`${l.lessonNumber}-й урок, ${unitOf(l)}, ${l.subject.name}`}>Открыть урок</OpenInJournalButton>
        <RouterAnchor href={gridPath(gridSearch)} size="sm">Журнал {unitOf(l)}</RouterAnchor>
      </Group>
    </Paper>
  );
}

function Chooser({ schoolId }: { schoolId: string }) {
  const list = useQuery(gridListQuery(schoolId));
  const [filter, setFilter] = useState('');
  return (
    <Stack gap="xs" component="section" aria-labelledby="journal-choose">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3" id="journal-choose">Классы и предметы</Title>
        <TextInput type="search" label="Найти" placeholder="Класс или предмет" value={filter} onChange={(e) => setFilter(e.currentTarget.value)} w={220} />
      </Group>
      <QueryView query={list} label="журналы">
        {(data) => <ChoiceGroups items={data.items} filter={filter} />}
      </QueryView>
    </Stack>
  );
}

function ChoiceGroups({ items, filter }: { items: readonly GridChoiceDto[]; filter: string }) {
  const router = useRouter();
  const follow = (href: string) => (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    void router.navigate({ href });
  };
  const groups = useMemo(() => groupChoices(items, filter), [items, filter]);
  if (items.length === 0) return <Alert color="gray">Журналов для вас нет: нет нагрузки в этом учебном году.</Alert>;
  if (groups.length === 0) return <Text c="dimmed" size="sm">Ничего не найдено.</Text>;
  return (
    <Stack gap="xs">
      {groups.map((g) => (
        <Paper key={g.key} withBorder p="sm" radius="sm">
          <Text fw={700} mb={4}>{g.name}</Text>
          <Group gap="xs">
            {g.items.map((c) => (
              <Button key={c.subject.id} component="a" href={gridPath(gridSearchOf(c))} onClick={follow(gridPath(gridSearchOf(c)))} variant={c.canWrite ? 'light' : 'default'} size="compact-sm"
                aria-label={`Журнал: ${g.name}, ${c.subject.name}${c.canWrite ? '' : ', только просмотр'}`}>
                {c.subject.name}{!c.canWrite && <Badge ml={6} size="xs" variant="outline" color="gray">просмотр</Badge>}
              </Button>
            ))}
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}

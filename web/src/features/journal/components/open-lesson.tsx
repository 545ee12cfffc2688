// «Открыть в журнале» for a dated lesson (timetable lesson × date): makes its journal lesson on
// the first visit (POST …/journal/lessons) and opens the lesson's page.
import { Button, Stack, Text } from '@mantine/core';
import { useRouter } from '@tanstack/react-router';
import type { DatedLessonDto } from '../../../../../contracts/lessons';
import { errorMessage } from '../../../lib/api';
import { useEnsureJournalLesson } from '../api/journal';
import { lessonPath } from '../paths';

export function useOpenLesson(schoolId: string) {
  const ensure = useEnsureJournalLesson(schoolId);
  const router = useRouter();
  return {
    open: (l: Pick<DatedLessonDto, 'timetableLessonId' | 'lessonDate'>) => ensure.mutate(
      { timetableLessonId: l.timetableLessonId, date: l.lessonDate },
      { onSuccess: (lesson) => void router.navigate({ href: lessonPath(lesson.id) }) },
    ),
    isPending: ensure.isPending,
    error: ensure.error,
  };
}

export function OpenInJournalButton({ schoolId, lesson, label, children = 'Открыть в журнале' }: {
  schoolId: string; lesson: Pick<DatedLessonDto, 'timetableLessonId' | 'lessonDate'>; label: string; children?: string;
}) {
  const { open, isPending, error } = useOpenLesson(schoolId);
  return (
    <Stack gap={2} align="flex-start">
      <Button size="compact-sm" variant="light" onClick={() => open(lesson)} loading={isPending} aria-label={`${children}: ${label}`}>{children}</Button>
      {error && <Text size="xs" c="red" role="alert">{errorMessage(error)}</Text>}
    </Stack>
  );
}

// One journal lesson (SPEC D1, D2, C1) — the phone-friendly way to keep a lesson: its topic
// (typed, or «Из программы»: the next planned topic of the work programme or another one picked
// from the list), the whole class's attendance with code buttons saved as one column, new marks
// per student saved as one column, and the lesson's materials and homework (the homework feature's panel).
import {
  Alert, Anchor, Badge, Button, CloseButton, Group, NativeSelect, NumberInput, Paper, SegmentedControl, Stack, Text, TextInput, Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { JournalLessonDetailDto, MarkDto, NewMarkInput } from '../../../../../contracts/journal';
import type { NextTopicItemDto } from '../../../../../contracts/work-programmes';
import { addDays } from '../../../../../domain/calendar';
import { api, errorMessage } from '../../../lib/api';
import { QueryView, useOrgAccess } from '../../org/components/org-ui';
import {
  journalKey, journalLessonQuery, newIdempotencyKey, nextTopicQuery, useBulkMarks, usePutAttendance, useUpdateJournalLesson, withRetry,
} from '../api/journal';
import { gridSearchOf } from '../choices';
import { gridPath } from '../paths';
import { RouterAnchor } from './router-anchor';
import { codesOf, defaultFormId, scaleOfForm } from '../grid-data';
import { interpretEntry, markText } from '../grid-model';
import { LessonHomeworkPanel } from '../../homework/components/lesson-homework-panel';
import { useIsAdministrator } from './journal-access';

const ruDate = (date: string): string => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;

export function JournalLessonPage({ lessonId }: { lessonId: string }) {
  const { schoolId } = useOrgAccess();
  if (schoolId === null) return <Alert color="gray">Выберите школу, чтобы открыть урок.</Alert>;
  return <LessonLoader schoolId={schoolId} lessonId={lessonId} />;
}

function LessonLoader({ schoolId, lessonId }: { schoolId: string; lessonId: string }) {
  const detail = useQuery(journalLessonQuery(schoolId, lessonId));
  return (
    <QueryView query={detail} label="урок">
      {(data) => <Lesson schoolId={schoolId} detail={data} />}
    </QueryView>
  );
}

function Lesson({ schoolId, detail }: { schoolId: string; detail: JournalLessonDetailDto }) {
  const { lesson } = detail;
  const isAdmin = useIsAdministrator();
  const [reason, setReason] = useState('');
  const unit = lesson.class?.name ?? lesson.studyGroup?.name ?? '';
  const canWrite = lesson.canWrite;
  return (
    <Stack gap="md">
      <Stack gap={2}>
        <Title order={1} size="h2">{lesson.subject.name}, {unit}</Title>
        <Text c="dimmed">
          {ruDate(lesson.date)}, {lesson.lessonNumber}-й урок · {lesson.substitute ? `замена: ${lesson.substitute.name}` : lesson.teacher.name}
          {lesson.kind === 'extracurricular' ? ' · внеурочное занятие' : lesson.kind === 'additional' ? ' · доп. образование' : ''}
          {lesson.format === 'distance' ? ' · дистанционно' : ''}
        </Text>
        <Group gap="md">
          <RouterAnchor href={gridPath(gridSearchOf(lesson))}>Журнал {unit}: {lesson.subject.name}</RouterAnchor>
          <Anchor component={Link} to="/journal">Все журналы</Anchor>
          {lesson.distanceUrl && <Anchor href={lesson.distanceUrl} target="_blank" rel="noopener noreferrer">Ссылка на занятие</Anchor>}
        </Group>
      </Stack>
      {!canWrite && <Alert color="gray" role="status">{lesson.readOnlyReason ?? 'Урок открыт только для просмотра.'}</Alert>}
      {canWrite && isAdmin && (
        <TextInput label="Причина исправления" description="Администратор вносит изменения в журнал учителя только с причиной"
          value={reason} onChange={(e) => setReason(e.currentTarget.value)} maw={520} />
      )}
      <TopicSection schoolId={schoolId} detail={detail} reason={reason} />
      <StudentsSection schoolId={schoolId} detail={detail} reason={reason} />
      <LessonHomeworkPanel schoolId={schoolId} journalLessonId={lesson.id} canWrite={canWrite} />
    </Stack>
  );
}

// ---------------------------------------------------------------------------------------------
// The topic

function TopicSection({ schoolId, detail, reason }: { schoolId: string; detail: JournalLessonDetailDto; reason: string }) {
  const { lesson } = detail;
  const [topic, setTopic] = useState(lesson.topic ?? '');
  const [fromProgramme, setFromProgramme] = useState(false);
  const update = useUpdateJournalLesson(schoolId, lesson.id);
  const why = reason.trim() !== '' ? { reason: reason.trim() } : {};
  const saveTopic = () => update.mutate({ topic: topic.trim() === '' ? null : topic.trim(), version: lesson.version, ...why });
  const pick = (t: NextTopicItemDto) => update.mutate(
    { plannedTopicId: t.id, version: lesson.version, ...why },
    { onSuccess: (saved) => { setTopic(saved.topic ?? t.title); setFromProgramme(false); } },
  );
  return (
    <Paper withBorder p="sm" radius="sm" component="section" aria-labelledby="lesson-topic">
      <Stack gap="xs">
        <Title order={2} size="h4" id="lesson-topic">Тема урока</Title>
        {lesson.canWrite
          ? (
            <form onSubmit={(e) => { e.preventDefault(); saveTopic(); }}>
              <Group align="flex-end" gap="xs" wrap="wrap">
                <TextInput label="Тема" value={topic} onChange={(e) => setTopic(e.currentTarget.value)} style={{ flexGrow: 1 }} miw={220} maxLength={500} />
                <Button type="submit" loading={update.isPending && update.variables?.topic !== undefined}>Сохранить тему</Button>
                <Button variant="light" onClick={() => setFromProgramme((v) => !v)} aria-expanded={fromProgramme}>Из программы</Button>
              </Group>
            </form>
          )
          : <Text>{lesson.topic ?? <Text span c="dimmed">Тема не указана</Text>}</Text>}
        {lesson.plannedTopicId && <Text size="xs" c="dimmed">Тема из рабочей программы</Text>}
        {update.isSuccess && !update.isPending && <Text size="sm" c="green.8" role="status">Тема сохранена</Text>}
        {update.error && <Alert color="red" role="alert">{errorMessage(update.error)}</Alert>}
        {fromProgramme && <ProgrammeTopics schoolId={schoolId} detail={detail} onPick={pick} pending={update.isPending} />}
      </Stack>
    </Paper>
  );
}

function ProgrammeTopics({ schoolId, detail, onPick, pending }: {
  schoolId: string; detail: JournalLessonDetailDto; onPick: (t: NextTopicItemDto) => void; pending: boolean;
}) {
  const { lesson } = detail;
  const next = useQuery(nextTopicQuery(schoolId, {
    subjectId: lesson.subject.id, classId: lesson.class?.id ?? null, studyGroupId: lesson.studyGroup?.id ?? null, date: lesson.date, lessonNumber: lesson.lessonNumber,
  }));
  return (
    <QueryView query={next} label="темы программы">
      {(data) => {
        if (!data.workProgramme) return <Alert color="gray">Рабочей программы по этому предмету для класса нет. <Link to="/journal">Журнал</Link></Alert>;
        const topics = [...(data.topic ? [data.topic] : []), ...data.remaining.filter((t) => t.id !== data.topic?.id)];
        if (topics.length === 0) return <Alert color="gray">Все темы программы «{data.workProgramme.title}» уже пройдены.</Alert>;
        return (
          <Stack gap={4} role="list" aria-label="Темы программы">
            <Text size="sm" c="dimmed">Программа «{data.workProgramme.title}»{data.lessonOfTopic ? ` · урок ${data.lessonOfTopic} по следующей теме` : ''}</Text>
            {topics.map((t, i) => (
              <Group key={t.id} gap="xs" wrap="nowrap" role="listitem" justify="space-between"
                style={{ borderTop: i === 0 ? undefined : '1px solid var(--mantine-color-default-border)', paddingTop: 4 }}>
                <Stack gap={0}>
                  <Text size="sm" fw={i === 0 && data.topic ? 700 : 400}>{t.position}. {t.title}</Text>
                  <Text size="xs" c="dimmed">
                    {t.section ? `${t.section} · ` : ''}{t.hours} ч., пройдено {t.deliveredLessons}
                    {t.contentElementCodes.length > 0 ? ` · КЭС ${t.contentElementCodes.join(', ')}` : ''}
                    {t.controlForm ? ` · ${t.controlForm.name}` : ''}
                  </Text>
                </Stack>
                <Button size="compact-sm" variant={i === 0 && data.topic ? 'filled' : 'default'} disabled={pending} onClick={() => onPick(t)}
                  aria-label={`Выбрать тему: ${t.title}`}>Выбрать</Button>
              </Group>
            ))}
          </Stack>
        );
      }}
    </QueryView>
  );
}

// ---------------------------------------------------------------------------------------------
// Attendance and marks, student by student

type Draft = { code: string; minutes: number | string };

function StudentsSection({ schoolId, detail, reason }: { schoolId: string; detail: JournalLessonDetailDto; reason: string }) {
  const { lesson, students } = detail;
  const codes = codesOf(detail.attendanceCodes);
  const initial = () => new Map(students.map((s) => {
    const a = detail.attendance.find((e) => e.studentId === s.id);
    return [s.id, { code: a && a.category !== 'present' ? a.code : '', minutes: a?.minutesLate ?? '' }] as const;
  }));
  const [drafts, setDrafts] = useState<Map<string, Draft>>(initial);
  const [marksText, setMarksText] = useState<Map<string, string>>(new Map());
  const [markErrors, setMarkErrors] = useState<Map<string, string>>(new Map());
  const [formId, setFormId] = useState(() => defaultFormId(detail.controlForms) ?? '');
  const form = detail.controlForms.find((f) => f.id === formId);
  const attendance = usePutAttendance(schoolId, lesson.id);
  const bulk = useBulkMarks(schoolId, lesson.id);
  const why = reason.trim() !== '' ? reason.trim() : undefined;
  const lateCodes = new Set(codes.filter((c) => c.category === 'late').map((c) => c.code));
  const readOnly = !lesson.canWrite;

  const saveAttendance = () => attendance.mutate({
    key: newIdempotencyKey(),
    body: {
      entries: students.map((s) => {
        const d = drafts.get(s.id) ?? { code: '', minutes: '' };
        const minutes = lateCodes.has(d.code) && d.minutes !== '' ? Number(d.minutes) : undefined;
        return { studentId: s.id, code: d.code === '' ? null : d.code, ...(minutes !== undefined ? { minutes } : {}) };
      }),
      ...(why ? { reason: why } : {}),
    },
  });

  const saveMarks = () => {
    const marks: NewMarkInput[] = [];
    const errors = new Map<string, string>();
    const deadline = addDays(lesson.date, 7);
    for (const s of students) {
      const text = marksText.get(s.id) ?? '';
      if (text.trim() === '') continue;
      const r = interpretEntry(text, { scale: scaleOfForm(form?.scaleKind), codes });
      if (!r.ok) errors.set(s.id, r.message);
      else if (r.entry.kind === 'marks') marks.push(...r.entry.values.map((value) => ({ studentId: s.id, controlFormId: formId, value })));
      else if (r.entry.kind === 'debt') marks.push({ studentId: s.id, controlFormId: formId, isDebt: true, debtDeadline: deadline });
      else errors.set(s.id, 'Здесь — только отметки; посещаемость отмечается кнопками слева');
    }
    setMarkErrors(errors);
    if (errors.size > 0 || marks.length === 0) return;
    bulk.mutate({ marks, reason: why, key: newIdempotencyKey() }, { onSuccess: () => setMarksText(new Map()) });
  };

  const codeButtons = [{ value: '', label: '—' }, ...codes.filter((c) => c.category !== 'present').map((c) => ({ value: c.code, label: c.code }))];
  return (
    <Paper withBorder p="sm" radius="sm" component="section" aria-labelledby="lesson-students">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <Title order={2} size="h4" id="lesson-students">Посещаемость и отметки</Title>
          {!readOnly && (
            <NativeSelect label="Форма контроля" value={formId} onChange={(e) => setFormId(e.currentTarget.value)} maw="100%"
              data={detail.controlForms.map((f) => ({ value: f.id, label: `${f.name} (вес ${String(f.weight).replace('.', ',')})` }))} />
          )}
        </Group>
        <Text size="xs" c="dimmed">
          «—» — присутствовал; {codes.filter((c) => c.category !== 'present').map((c) => `${c.code} — ${c.title.toLowerCase()}`).join('; ')}.
          {lesson.attendanceTakenAt ? ' Посещаемость отмечена.' : ' Посещаемость ещё не отмечена.'}
        </Text>
        {students.length === 0 && <Text c="dimmed">В классе (группе) в этот день нет учеников.</Text>}
        <Stack gap={0} role="list" aria-label="Ученики">
          {students.map((s, i) => {
            const d = drafts.get(s.id) ?? { code: '', minutes: '' };
            const marks = detail.marks.filter((m) => m.studentId === s.id);
            return (
              <Group key={s.id} role="listitem" gap="xs" py={6} wrap="wrap" justify="space-between" data-student={s.id}
                style={{ borderTop: i === 0 ? undefined : '1px solid var(--mantine-color-default-border)' }}>
                <Text miw={170} style={{ flexGrow: 1 }}><Text span c="dimmed" size="sm">{i + 1}.</Text> {s.name}</Text>
                <Group gap="xs" wrap="wrap">
                  <SegmentedControl size="xs" data={codeButtons} value={d.code} disabled={readOnly} aria-label={`Посещаемость: ${s.name}`}
                    onChange={(code) => setDrafts(new Map(drafts).set(s.id, { ...d, code }))} />
                  {lateCodes.has(d.code) && (
                    <NumberInput size="xs" w={90} min={1} max={90} allowDecimal={false} placeholder="мин." aria-label={`Опоздание, минут: ${s.name}`}
                      value={d.minutes} onChange={(minutes) => setDrafts(new Map(drafts).set(s.id, { ...d, minutes }))} disabled={readOnly} />
                  )}
                  <Group gap={4} wrap="nowrap">
                    {marks.map((m) => <MarkBadge key={m.id} schoolId={schoolId} mark={m} canDelete={!readOnly} reason={why} name={s.name} />)}
                  </Group>
                  {!readOnly && (
                    <TextInput size="xs" w={80} placeholder="5, 4/5" aria-label={`Новые отметки: ${s.name}`} value={marksText.get(s.id) ?? ''}
                      error={markErrors.get(s.id)} onChange={(e) => setMarksText(new Map(marksText).set(s.id, e.currentTarget.value))}
                      onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); saveMarks(); } }} />
                  )}
                </Group>
              </Group>
            );
          })}
        </Stack>
        {!readOnly && students.length > 0 && (
          <Group gap="xs">
            <Button onClick={saveAttendance} loading={attendance.isPending}>Сохранить посещаемость</Button>
            <Button variant="light" onClick={saveMarks} loading={bulk.isPending}>Сохранить отметки</Button>
          </Group>
        )}
        {attendance.isSuccess && <Text size="sm" c="green.8" role="status">Посещаемость сохранена</Text>}
        {bulk.isSuccess && <Text size="sm" c="green.8" role="status">Отметки сохранены: {bulk.data.total}</Text>}
        {attendance.error && <Alert color="red" role="alert">Посещаемость не сохранена: {errorMessage(attendance.error)}</Alert>}
        {bulk.error && <Alert color="red" role="alert">Отметки не сохранены: {errorMessage(bulk.error)}</Alert>}
        {markErrors.size > 0 && <Alert color="red" role="alert">Проверьте отметки: {[...markErrors.values()][0]}</Alert>}
      </Stack>
    </Paper>
  );
}

function MarkBadge({ schoolId, mark: m, canDelete, reason, name }: { schoolId: string; mark: MarkDto; canDelete: boolean; reason: string | undefined; name: string }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => withRetry(() => api.delete(`/api/v1/schools/${encodeURIComponent(schoolId)}/journal/marks/${encodeURIComponent(m.id)}`,
      { body: reason ? { reason } : {}, headers: { 'If-Match': String(m.version) } })),
    onSuccess: () => { void queryClient.invalidateQueries({ queryKey: journalKey(schoolId) }); },
  });
  const text = m.isDebt && m.value === null ? '•' : markText(m.value);
  return (
    <Stack gap={0}>
      <Badge size="lg" variant="light" title={`${m.controlForm.name}, вес ${m.weight}${m.comment ? `: ${m.comment}` : ''}`}
        rightSection={canDelete ? <CloseButton size="xs" onClick={() => remove.mutate()} disabled={remove.isPending} aria-label={`Удалить отметку ${text}: ${name}`} /> : undefined}>
        {text} <Text span size="xs" c="dimmed">{m.controlForm.shortName}</Text>
      </Badge>
      {remove.error && <Text size="xs" c="red" role="alert">{errorMessage(remove.error)}</Text>}
    </Stack>
  );
}

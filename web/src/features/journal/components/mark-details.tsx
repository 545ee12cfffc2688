// The details of a grid cell's marks (issue 6 item 3): each mark's value, form, weight and date
// with its comment and КЭС codes — edited and saved one mark at a time under the version read
// (If-Match), or only read in a read-only grid. The codes are picked from the codifier of the
// class's (group's) work programme in the subject when there is one, else typed and checked.
import { Alert, Badge, Button, Group, Modal, MultiSelect, Paper, Stack, TagsInput, Text, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { maxMarkCommentLength, type GridDto, type GridLessonDto, type MarkDto } from '../../../../../contracts/journal';
import { academicYearOfDate } from '../../../../../domain/school-year';
import { errorMessage, isApiError } from '../../../lib/api';
import { QueryView } from '../../org/components/org-ui';
import { codifierQuery, programmesQuery } from '../../work-programmes/api/work-programmes';
import { journalKey, journalLessonQuery, updateMarkDetails } from '../api/journal';
import { markText, shortDate } from '../grid-model';
import { codeOptions, detailsPatch, draftProblem, type CodeOption, type MarkDetails } from '../mark-details';

/** Whose marks in which column the dialog shows. */
export type MarkDetailsTarget = { studentId: string; studentName: string; lesson: GridLessonDto; journalLessonId: string | null };

export function MarkDetailsDialog({ schoolId, grid, target, editable, reason, onSaved, onClose }: {
  schoolId: string;
  grid: GridDto;
  target: MarkDetailsTarget | null;
  /** The caller may change these marks (the grid is theirs and the lesson open). */
  editable: boolean;
  /** An administrator's reason for changing a teacher's journal. */
  reason: string | undefined;
  onSaved: (mark: MarkDto) => void;
  onClose: () => void;
}) {
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  return (
    <Modal opened={target !== null} onClose={onClose} fullScreen={phone} size="lg"
      title={target ? `Отметки: ${target.studentName}, ${shortDate(target.lesson.date)}, ${target.lesson.lessonNumber}-й урок` : ''}>
      {target && (target.journalLessonId
        ? <MarksOfCell schoolId={schoolId} grid={grid} journalLessonId={target.journalLessonId} studentId={target.studentId}
          editable={editable} reason={reason} onSaved={onSaved} />
        : <Alert color="gray">В этой клетке нет отметок.</Alert>)}
    </Modal>
  );
}

function MarksOfCell({ schoolId, grid, journalLessonId, studentId, editable, reason, onSaved }: {
  schoolId: string; grid: GridDto; journalLessonId: string; studentId: string; editable: boolean; reason: string | undefined; onSaved: (mark: MarkDto) => void;
}) {
  const detail = useQuery({ ...journalLessonQuery(schoolId, journalLessonId), staleTime: 0 });
  const codes = useProgrammeCodes(schoolId, grid);
  return (
    <QueryView query={detail} label="отметки">
      {(d) => {
        const marks = d.marks.filter((m) => m.studentId === studentId);
        if (marks.length === 0) return <Alert color="gray">В этой клетке нет отметок.</Alert>;
        return (
          <Stack gap="sm">
            {marks.map((m) => (
              <MarkEditor key={m.id} schoolId={schoolId} mark={m} editable={editable} codes={codes} reason={reason} onSaved={onSaved} />
            ))}
            {editable && (
              <Text size="xs" c="dimmed">
                Комментарий сохраняется как написан: разметка не действует. {codes.kind === 'codifier'
                  ? `Коды КЭС — из кодификатора рабочей программы (${codes.names}).`
                  : codes.kind === 'free'
                    ? 'У рабочей программы класса нет кодификатора: коды КЭС вводятся вида «1.2» или «1.2.3», Enter или запятая после каждого.'
                    : ''}
              </Text>
            )}
          </Stack>
        );
      }}
    </QueryView>
  );
}

/** The codes of the codifier(s) the class's (group's) programmes of the subject use: none while loading, free typing without one. */
type ProgrammeCodes = { kind: 'loading' } | { kind: 'free' } | { kind: 'codifier'; names: string; elements: { code: string; title: string }[] };

function useProgrammeCodes(schoolId: string, grid: GridDto): ProgrammeCodes {
  const programmes = useQuery({
    ...programmesQuery(schoolId, { academicYear: academicYearOfDate(grid.period.startsOn), subjectId: grid.subject.id }),
    retry: false,
  });
  const codifierIds = useMemo(() => [...new Set((programmes.data?.items ?? [])
    .filter((p) => p.subject.id === grid.subject.id
      && (grid.class ? p.class?.id === grid.class.id : grid.studyGroup !== null && p.studyGroup?.id === grid.studyGroup.id))
    .flatMap((p) => (p.codifier ? [p.codifier.id] : [])))], [programmes.data, grid.subject.id, grid.class, grid.studyGroup]);
  const codifiers = useQueries({ queries: codifierIds.map((id) => ({ ...codifierQuery(schoolId, id), retry: false })) });
  if (programmes.isPending || codifiers.some((c) => c.isPending)) return { kind: 'loading' };
  const loaded = codifiers.flatMap((c) => (c.data ? [c.data] : []));
  if (loaded.length === 0) return { kind: 'free' };
  return { kind: 'codifier', names: loaded.map((c) => c.name).join(', '), elements: loaded.flatMap((c) => c.items) };
}

const weightText = (w: number) => String(w).replace('.', ',');
const ruDate = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;

function markTitle(m: MarkDto): string {
  const value = m.value === null ? `точка${m.debtDeadline ? ` до ${ruDate(m.debtDeadline)}` : ''}` : markText(m.value);
  return `${value} · ${m.controlForm.name} (${m.controlForm.shortName}), вес ${weightText(m.weight)} · ${ruDate(m.date)}`;
}

function MarkEditor({ schoolId, mark, editable, codes, reason, onSaved }: {
  schoolId: string; mark: MarkDto; editable: boolean; codes: ProgrammeCodes; reason: string | undefined; onSaved: (mark: MarkDto) => void;
}) {
  const queryClient = useQueryClient();
  const headingId = useId();
  // What the server holds as far as this editor knows: the mark read, then each saved answer.
  const [base, setBase] = useState<MarkDetails & { version: number }>(mark);
  const [comment, setComment] = useState(mark.comment ?? '');
  const [picked, setPicked] = useState<string[]>(mark.contentElementCodes);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  // A newer version read from the server (someone else's change) replaces what is shown.
  if (mark.version > base.version) {
    setBase(mark);
    setComment(mark.comment ?? '');
    setPicked(mark.contentElementCodes);
  }

  const save = useMutation({
    mutationFn: () => {
      const patch = detailsPatch(base, { comment, codes: picked })!;
      const why = reason?.trim();
      return updateMarkDetails(schoolId, mark.id, base.version, { ...patch, ...(why ? { reason: why } : {}) });
    },
    onSuccess: (m) => {
      setBase(m);
      setComment(m.comment ?? '');
      setPicked(m.contentElementCodes);
      setSaved(true);
      onSaved(m);
      void queryClient.invalidateQueries({ queryKey: journalKey(schoolId) });
    },
    onError: (e) => {
      setError(errorMessage(e));
      if (isApiError(e) && (e.status === 412 || e.status === 404)) void queryClient.invalidateQueries({ queryKey: journalKey(schoolId) });
    },
  });

  const draft = { comment, codes: picked };
  const problem = draftProblem(draft);
  const changed = detailsPatch(base, draft) !== null;
  const edit = <T,>(set: (v: T) => void) => (v: T) => { set(v); setSaved(false); setError(null); };

  return (
    <Paper withBorder p="sm" role="group" aria-labelledby={headingId} data-mark={mark.id}>
      <Stack gap="xs">
        <Text fw={600} size="sm" id={headingId}>{markTitle(mark)}</Text>
        {!editable
          ? (
            <>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} c={base.comment ? undefined : 'dimmed'} data-testid="mark-comment">
                {base.comment ? `Комментарий: ${base.comment}` : 'Без комментария'}
              </Text>
              <CodeBadges codes={base.contentElementCodes} elements={codes.kind === 'codifier' ? codes.elements : []} />
            </>
          )
          : (
            <form onSubmit={(e) => { e.preventDefault(); e.stopPropagation(); if (changed && problem === null) save.mutate(); }}>
              <Stack gap="xs">
                <Textarea label="Комментарий" value={comment} onChange={(e) => edit(setComment)(e.currentTarget.value)} autosize minRows={2} maxRows={6}
                  maxLength={maxMarkCommentLength} description={`${comment.length} из ${maxMarkCommentLength} символов`} />
                <CodesInput codes={codes} value={picked} onChange={edit(setPicked)} />
                {problem && <Text size="sm" c="red.8" role="alert">{problem}</Text>}
                {error && <Alert color="red" variant="light" role="alert" p="xs">{error}</Alert>}
                <Group gap="sm">
                  <Button type="submit" size="xs" loading={save.isPending} disabled={!changed || problem !== null}>Сохранить</Button>
                  {saved && !changed && <Text size="sm" c="green.8" role="status">Сохранено</Text>}
                </Group>
              </Stack>
            </form>
          )}
      </Stack>
    </Paper>
  );
}

function CodesInput({ codes, value, onChange }: { codes: ProgrammeCodes; value: string[]; onChange: (codes: string[]) => void }) {
  const options: CodeOption[] = useMemo(() => (codes.kind === 'codifier' ? codeOptions(codes.elements, value) : []), [codes, value]);
  // The list closes after each pick, so that it does not cover the save button (typing opens it again).
  const [listOpened, setListOpened] = useState(false);
  if (codes.kind === 'loading') return <Text size="sm" c="dimmed">Коды КЭС: загрузка кодификатора…</Text>;
  return codes.kind === 'codifier'
    ? <MultiSelect label="Коды КЭС" data={options} value={value} onChange={onChange} searchable clearable hidePickedOptions
      dropdownOpened={listOpened} onDropdownOpen={() => setListOpened(true)} onDropdownClose={() => setListOpened(false)} onOptionSubmit={() => setListOpened(false)}
      placeholder="Выберите коды" nothingFoundMessage="Нет такого кода" />
    : <TagsInput label="Коды КЭС" value={value} onChange={onChange} placeholder="1.2, 1.2.3 — Enter после каждого" splitChars={[',', ' ', ';']} />;
}

function CodeBadges({ codes, elements }: { codes: readonly string[]; elements: readonly { code: string; title: string }[] }) {
  if (codes.length === 0) return <Text size="sm" c="dimmed">Коды КЭС не указаны</Text>;
  const titles = new Map(elements.map((e) => [e.code, e.title]));
  return (
    <Group gap={4} aria-label="Коды КЭС">
      <Text size="sm">Коды КЭС:</Text>
      {codes.map((c) => <Badge key={c} variant="light" size="sm" title={titles.get(c)}>{c}</Badge>)}
    </Group>
  );
}

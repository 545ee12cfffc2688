// The fields of a control work shared by «Назначить работу» and «Изменить»: title, date, form of
// control, the tasks (number, max points, КЭС codes) and the points → mark scale, with the server's
// messages under the fields they name (tasks.1.label, pointsScale.2.from).
import { ActionIcon, Button, Group, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import type { ControlWorkTaskDto } from '../../../../../contracts/control-works';
import { pointsScaleMarks, suggestedPointsScale } from '../../../../../domain/control-work';
import type { FieldErrors } from '../../org/form-errors';

export type TaskDraft = { id?: string | undefined; label: string; maxPoints: number | ''; codes: string };
export type WorkDraft = {
  title: string;
  plannedDate: string;
  controlFormId: string;
  tasks: TaskDraft[];
  /** Thresholds for 5, 4, 3 (2 is always from 0). */
  scale: (number | '')[];
};

export const emptyTask = (n: number): TaskDraft => ({ label: String(n), maxPoints: 1, codes: '' });
export const taskDraftsOf = (tasks: readonly ControlWorkTaskDto[]): TaskDraft[] =>
  tasks.map((t) => ({ id: t.id, label: t.label, maxPoints: t.maxPoints, codes: t.contentElementCodes.join(', ') }));
export const codesOf = (text: string): string[] => text.split(/[\s,;]+/).map((c) => c.trim()).filter((c) => c !== '');
export const totalOf = (tasks: readonly TaskDraft[]): number => tasks.reduce((s, t) => s + (t.maxPoints === '' ? 0 : t.maxPoints), 0);
export const suggestedScale = (tasks: readonly TaskDraft[]): (number | '')[] => suggestedPointsScale(Math.max(1, totalOf(tasks))).slice(0, 3).map((r) => r.from);

/** The body fields of a draft, as the contract takes them. */
export const bodyOfDraft = (d: WorkDraft) => ({
  title: d.title,
  plannedDate: d.plannedDate,
  controlFormId: d.controlFormId,
  tasks: d.tasks.map((t) => ({ ...(t.id ? { id: t.id } : {}), label: t.label, maxPoints: t.maxPoints === '' ? 0 : t.maxPoints, contentElementCodes: codesOf(t.codes) })),
  pointsScale: [
    ...d.scale.map((from, i) => ({ from: from === '' ? -1 : from, mark: pointsScaleMarks[i]! })),
    { from: 0, mark: 2 as const },
  ],
});

export function WorkFields({ draft, onChange, errors, forms, locked, dateLocked = false }: {
  draft: WorkDraft; onChange: (d: WorkDraft) => void; errors: FieldErrors;
  forms: { value: string; label: string }[];
  /** Results exist: only labels and КЭС codes of the tasks change. */
  locked: boolean;
  /** The work was held at a lesson: its date is the lesson's. */
  dateLocked?: boolean;
}) {
  const set = (patch: Partial<WorkDraft>) => onChange({ ...draft, ...patch });
  const setTask = (i: number, patch: Partial<TaskDraft>) => set({ tasks: draft.tasks.map((t, j) => (j === i ? { ...t, ...patch } : t)) });
  const total = totalOf(draft.tasks);
  return (
    <Stack gap="sm">
      <TextInput label="Название" required value={draft.title} onChange={(e) => set({ title: e.currentTarget.value })} error={errors.title} maxLength={200} />
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <TextInput type="date" label="Дата" required value={draft.plannedDate} disabled={dateLocked} onChange={(e) => set({ plannedDate: e.currentTarget.value })} error={errors.plannedDate} />
        <NativeSelect label="Форма контроля" required value={draft.controlFormId} disabled={locked}
          onChange={(e) => set({ controlFormId: e.currentTarget.value })} error={errors.controlFormId}
          data={forms.length > 0 ? forms : [{ value: '', label: 'Нет форм по пятибалльной шкале' }]} />
      </SimpleGrid>

      <Paper withBorder p="sm">
        <Stack gap="xs">
          <Group justify="space-between">
            <Title order={3} size="h5">Задания</Title>
            <Text size="sm" c="dimmed" aria-live="polite">Сумма баллов: {total}</Text>
          </Group>
          {errors.tasks && <Text c="red" size="sm" role="alert">{errors.tasks}</Text>}
          <div style={{ overflowX: 'auto' }}>
            <Table miw={420} verticalSpacing={4} aria-label="Задания работы">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w={90}>№</Table.Th>
                  <Table.Th scope="col" w={110}>Макс. балл</Table.Th>
                  <Table.Th scope="col">Коды КЭС</Table.Th>
                  <Table.Th scope="col" w={40}><VisuallyHidden>Удалить</VisuallyHidden></Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {draft.tasks.map((t, i) => (
                  <Table.Tr key={t.id ?? `new-${i}`}>
                    <Table.Td>
                      <TextInput aria-label={`Задание ${i + 1}: номер`} value={t.label} onChange={(e) => setTask(i, { label: e.currentTarget.value })}
                        error={errors[`tasks.${i}.label`]} maxLength={20} />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput aria-label={`Задание ${i + 1}: максимальный балл`} value={t.maxPoints} min={1} max={100} allowDecimal={false} disabled={locked}
                        onChange={(v) => setTask(i, { maxPoints: typeof v === 'number' ? v : '' })} error={errors[`tasks.${i}.maxPoints`]} />
                    </Table.Td>
                    <Table.Td>
                      <TextInput aria-label={`Задание ${i + 1}: коды КЭС`} placeholder="1.2, 2.3" value={t.codes}
                        onChange={(e) => setTask(i, { codes: e.currentTarget.value })}
                        error={Object.entries(errors).find(([p]) => p.startsWith(`tasks.${i}.contentElementCodes`))?.[1]} />
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon variant="subtle" color="red" disabled={locked || draft.tasks.length === 1} aria-label={`Удалить задание ${t.label || i + 1}`}
                        onClick={() => set({ tasks: draft.tasks.filter((_, j) => j !== i) })}>×</ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
          <Group>
            <Button variant="default" size="xs" disabled={locked} onClick={() => set({ tasks: [...draft.tasks, emptyTask(draft.tasks.length + 1)] })}>Добавить задание</Button>
          </Group>
        </Stack>
      </Paper>

      <Paper withBorder p="sm">
        <Stack gap="xs">
          <Group justify="space-between">
            <Title order={3} size="h5">Перевод баллов в отметку</Title>
            <Button variant="subtle" size="xs" disabled={locked} onClick={() => set({ scale: suggestedScale(draft.tasks) })}>Предложить по сумме</Button>
          </Group>
          {errors.pointsScale && <Text c="red" size="sm" role="alert">{errors.pointsScale}</Text>}
          <SimpleGrid cols={{ base: 2, xs: 4 }} spacing="sm">
            {pointsScaleMarks.slice(0, 3).map((mark, i) => (
              <NumberInput key={mark} label={`«${mark}» — от, баллов`} value={draft.scale[i] ?? ''} min={0} max={total} decimalScale={1} decimalSeparator="," disabled={locked}
                onChange={(v) => set({ scale: draft.scale.map((x, j) => (j === i ? (typeof v === 'number' ? v : '') : x)) })}
                error={errors[`pointsScale.${i}.from`] ?? errors[`pointsScale.${i}.mark`]} />
            ))}
            <NumberInput label="«2» — от, баллов" value={0} disabled readOnly />
          </SimpleGrid>
        </Stack>
      </Paper>
    </Stack>
  );
}

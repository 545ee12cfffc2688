// «Недоступность»: when a teacher cannot teach in the year (a methodical day, work elsewhere), as a
// weekday × lesson grid of checkboxes for each shift of the school's bell schedules. The timetable
// never gives the teacher a lesson there. Keyboard: Tab through the boxes, Space ticks one; a
// «Весь день» box ticks a whole day. Read-only for staff who may not change it.
import { Alert, Button, Checkbox, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { TeacherUnavailabilityDto } from '../../../../../contracts/teacher-unavailability';
import { errorMessage } from '../../../lib/api';
import { QueryView, ScrollTable } from '../../org/components/org-ui';
import { teacherUnavailabilityQuery, useSetTeacherUnavailability } from '../api/load';

const dayShort = ['Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб'];
const dayFull = ['Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота'];
const dayAccusative = ['весь понедельник', 'весь вторник', 'всю среду', 'весь четверг', 'всю пятницу', 'всю субботу'];

const keyOf = (shift: number, weekday: number, lessonNumber: number): string => `${shift}:${weekday}:${lessonNumber}`;

export function UnavailabilityDialog({ schoolId, employeeId, name, canWrite, onClose }: {
  schoolId: string; employeeId: string; name: string; canWrite: boolean; onClose: () => void;
}) {
  const query = useQuery(teacherUnavailabilityQuery(schoolId, employeeId));
  return (
    <Modal opened onClose={onClose} title={`Недоступность: ${name}`} size="xl">
      <QueryView query={query} label="недоступность учителя">
        {(data) => <UnavailabilityForm schoolId={schoolId} data={data} name={name} canWrite={canWrite} onClose={onClose} />}
      </QueryView>
    </Modal>
  );
}

function UnavailabilityForm({ schoolId, data, name, canWrite, onClose }: {
  schoolId: string; data: TeacherUnavailabilityDto; name: string; canWrite: boolean; onClose: () => void;
}) {
  const save = useSetTeacherUnavailability(schoolId);
  const [marked, setMarked] = useState(() => new Set(data.slots.map((s) => keyOf(s.shift, s.weekday, s.lessonNumber))));
  const { weekdays, shifts } = data.grid;
  const several = shifts.length > 1;
  const toggle = (keys: string[], on: boolean) => setMarked((prev) => {
    const next = new Set(prev);
    for (const k of keys) if (on) next.add(k); else next.delete(k);
    return next;
  });
  // Lessons saved earlier that today's grid no longer has (a bell schedule got shorter) go on saving.
  const inGrid = new Set(shifts.flatMap((s) => weekdays.flatMap((d) => Array.from({ length: s.lessons }, (_, i) => keyOf(s.shift, d, i + 1)))));
  const outside = [...marked].filter((k) => !inGrid.has(k)).length;
  const submit = () => save.mutate({
    employeeId: data.employee.id,
    slots: [...marked].filter((k) => inGrid.has(k)).map((k) => k.split(':').map(Number)).map(([shift, weekday, lessonNumber]) => ({ shift: shift!, weekday: weekday!, lessonNumber: lessonNumber! })),
  }, { onSuccess: onClose });
  return (
    <form onSubmit={(e) => { e.preventDefault(); e.stopPropagation(); submit(); }} noValidate aria-label={`Недоступность: ${name}`}>
      <Stack gap="sm">
        <Text size="sm">
          Отметьте уроки, на которых учитель не может работать (методический день, работа в другом месте). Составление расписания
          не поставит ему уроки в эти часы. Учебный год {data.academicYear}/{data.academicYear + 1}.
        </Text>
        {save.isError && <Alert color="red" variant="light" role="alert">{errorMessage(save.error)}</Alert>}
        {shifts.map((s) => {
          const label = several ? `${s.shift} смена` : 'Уроки';
          const lessons = Array.from({ length: s.lessons }, (_, i) => i + 1);
          const dayKeys = (d: number) => lessons.map((n) => keyOf(s.shift, d, n));
          return (
            <Stack key={s.shift} gap={4}>
              {several && <Title order={3} size="h5">{s.shift} смена</Title>}
              <ScrollTable label={`Недоступность: ${name}, ${label.toLowerCase()}`} minWidth={76 + weekdays.length * 44}
                head={['Урок', ...weekdays.map((d) => <abbr key={d} title={dayFull[d - 1]} style={{ textDecoration: 'none' }}>{dayShort[d - 1]}</abbr>)]}>
                <Table.Tr>
                  <Table.Th scope="row"><Text size="sm" fw={500}>Весь день</Text></Table.Th>
                  {weekdays.map((d) => {
                    const keys = dayKeys(d);
                    const count = keys.filter((k) => marked.has(k)).length;
                    return (
                      <Table.Td key={d}>
                        <Checkbox aria-label={`Недоступен ${dayAccusative[d - 1]}${several ? `, ${s.shift} смена` : ''}`} disabled={!canWrite}
                          checked={count === keys.length} indeterminate={count > 0 && count < keys.length}
                          onChange={(e) => toggle(keys, e.currentTarget.checked)} />
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
                {lessons.map((n) => (
                  <Table.Tr key={n}>
                    <Table.Th scope="row"><Text size="sm">{n} урок</Text></Table.Th>
                    {weekdays.map((d) => {
                      const k = keyOf(s.shift, d, n);
                      return (
                        <Table.Td key={d}>
                          <Checkbox aria-label={`${dayFull[d - 1]}, ${n} урок${several ? `, ${s.shift} смена` : ''}`} disabled={!canWrite}
                            checked={marked.has(k)} onChange={(e) => toggle([k], e.currentTarget.checked)} />
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </ScrollTable>
            </Stack>
          );
        })}
        <Text size="sm" c="dimmed" aria-live="polite">
          Отмечено уроков: {marked.size - outside}{outside > 0 ? `; ещё ${outside} вне нынешних расписаний звонков — при сохранении они будут сняты` : ''}
        </Text>
        <Group justify="space-between" gap="xs">
          {canWrite ? <Button variant="subtle" color="gray" onClick={() => setMarked(new Set())} disabled={marked.size === 0}>Снять все отметки</Button> : <span />}
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>{canWrite ? 'Отмена' : 'Закрыть'}</Button>
            {canWrite && <Button type="submit" loading={save.isPending}>Сохранить</Button>}
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

// «Добавить занятие»: one lesson of a load row put into a version by hand — a lesson of a subject,
// an extracurricular session or an additional-education one (rows grouped by kind), on a day and
// lesson number (a session may come after the class's lessons, up to the 12th), in a room, and
// «Дистанционно» with its link. The server checks the clashes; its answer is shown in the dialog.
import { Checkbox, NativeSelect, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { TimetableGridDto } from '../../../../../contracts/timetable-versions';
import { maxSessionNumber } from '../../../../../contracts/timetable-versions';
import { teachingLoadsQuery } from '../../load/api/load';
import { fieldErrorsOf, formErrorOf } from '../../org/form-errors';
import { FormModal } from '../../org/components/org-ui';
import { allSubjectsQuery } from '../../subjects/api/subjects';
import { useAddLesson } from '../api/timetable';

const kindGroups = [
  { kinds: ['extracurricular'], label: 'Внеурочная деятельность' },
  { kinds: ['additional'], label: 'Дополнительное образование' },
  { kinds: ['subject', 'optionalCourse'], label: 'Уроки' },
] as const;

export function AddLessonForm({ schoolId, grid, classId, onClose, onDone }: {
  schoolId: string; grid: TimetableGridDto; classId: string | undefined; onClose: () => void; onDone: (text: string) => void;
}) {
  const loads = useQuery(teachingLoadsQuery(schoolId));
  const subjects = useQuery(allSubjectsQuery(schoolId, false));
  const add = useAddLesson(schoolId);
  const kindOf = new Map((subjects.data?.items ?? []).map((s) => [s.id, s.kind as string]));
  // The class shown first: its rows (and its groups') lead each kind.
  const rows = [...(loads.data?.items ?? [])].sort((a, b) =>
    Number((b.class?.id ?? '') === classId) - Number((a.class?.id ?? '') === classId) || a.subject.name.localeCompare(b.subject.name, 'ru'));
  const label = (r: (typeof rows)[number]) =>
    `${r.subject.name} — ${r.class?.name ?? r.studyGroup?.name ?? ''} (${r.employee.lastName} ${r.employee.firstName.slice(0, 1)}.), ${r.hoursPerWeek} ч`;
  const data = kindGroups.map((g) => ({
    group: g.label,
    items: rows.filter((r) => (g.kinds as readonly string[]).includes(kindOf.get(r.subject.id) ?? 'subject')).map((r) => ({ value: r.id, label: label(r) })),
  })).filter((g) => g.items.length > 0);

  const [teachingLoadId, setLoad] = useState('');
  const [weekday, setWeekday] = useState(String(grid.days[0]?.weekday ?? 1));
  const [lessonNumber, setNumber] = useState(String(Math.min(maxSessionNumber, (grid.lessonNumbers.at(-1) ?? 6) + 1)));
  const [roomId, setRoom] = useState('');
  const [distance, setDistance] = useState(false);
  const [distanceUrl, setUrl] = useState('');
  const chosen = teachingLoadId || data[0]?.items[0]?.value || '';
  const errors = fieldErrorsOf(add.error);
  const submit = () => add.mutate({
    timetableId: grid.timetableId, version: grid.version,
    body: {
      teachingLoadId: chosen, weekday: Number(weekday), lessonNumber: Number(lessonNumber), roomId: roomId || null,
      format: distance ? 'distance' : 'inPerson', ...(distance ? { distanceUrl } : {}),
    },
  }, {
    onSuccess: (r) => onDone(`Добавлено: ${r.lesson.subject.name}, ${r.lesson.class?.name ?? r.lesson.studyGroup?.name ?? ''} — ${grid.days.find((d) => d.weekday === r.lesson.weekday)?.name ?? ''}, ${r.lesson.lessonNumber} урок`),
  });
  return (
    <FormModal opened onClose={onClose} title="Добавить занятие" onSubmit={submit} pending={add.isPending}
      error={formErrorOf(add.error, ['teachingLoadId', 'weekday', 'lessonNumber', 'roomId', 'distanceUrl'])} submitLabel="Добавить">
      <NativeSelect label="Строка нагрузки" required value={chosen} onChange={(e) => setLoad(e.currentTarget.value)} error={errors.teachingLoadId} data-autofocus
        data={data.length > 0 ? data : [{ value: '', label: loads.isPending ? 'Загрузка…' : 'Нагрузки нет' }]} />
      <NativeSelect label="День недели" value={weekday} onChange={(e) => setWeekday(e.currentTarget.value)} error={errors.weekday}
        data={grid.days.map((d) => ({ value: String(d.weekday), label: d.name }))} />
      <NativeSelect label="Номер урока" value={lessonNumber} onChange={(e) => setNumber(e.currentTarget.value)} error={errors.lessonNumber}
        data={Array.from({ length: maxSessionNumber }, (_, i) => String(i + 1))} />
      <Text size="xs" c="dimmed">Занятие внеурочной деятельности или доп. образования можно поставить и после уроков класса — до {maxSessionNumber}-го урока смены.</Text>
      <NativeSelect label="Кабинет" value={roomId} onChange={(e) => setRoom(e.currentTarget.value)} error={errors.roomId}
        data={[{ value: '', label: 'Без кабинета' }, ...grid.options.rooms.map((r) => ({ value: r.id, label: r.name }))]} />
      <Checkbox label="Дистанционно" checked={distance} onChange={(e) => setDistance(e.currentTarget.checked)} />
      {distance && (
        <TextInput type="url" label="Ссылка на занятие" required placeholder="https://" value={distanceUrl} onChange={(e) => setUrl(e.currentTarget.value)} error={errors.distanceUrl} />
      )}
    </FormModal>
  );
}

// «Коды посещаемости»: the codes a teacher types in the journal («Н», «Б», «О15») and what each
// means — absent without a good reason, absent with one (illness, family, other), late (with the
// minutes it stands for, if any). The administration edits the whole list and saves it at once;
// the server checks it (`codesIssues`) and names the row and field of each problem. Staff read.
import { Alert, Button, Group, NativeSelect, NumberInput, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { AttendanceCodeDto, AttendanceCodeInput } from '../../../../../contracts/attendance';
import { absenceReasonTitles, absenceReasons, defaultAttendanceCodes } from '../../../../../domain/attendance';
import { QueryView, ScrollTable, useOrgAccess } from '../../org/components/org-ui';
import { fieldErrorsOf, formErrorOf } from '../../org/form-errors';
import { YearNav } from '../../year/year-nav';
import { attendanceCodesQuery, useSaveAttendanceCodes } from '../api/attendance';

const categoryTitles: Record<AttendanceCodeDto['category'], string> = {
  absentUnexcused: 'Пропуск без уважительной причины',
  absentExcused: 'Пропуск по уважительной причине',
  late: 'Опоздание',
};
const categories = Object.keys(categoryTitles) as AttendanceCodeDto['category'][];

/** A row being edited: minutes as the input holds them. */
type Row = { key: number; code: string; title: string; category: string; reason: string; minutes: string | number };

let nextKey = 1;
const rowOf = (c: { code: string; title: string; category: string; reason?: string | null; minutes?: number | null }): Row =>
  ({ key: nextKey++, code: c.code, title: c.title, category: c.category, reason: c.reason ?? '', minutes: c.minutes ?? '' });

const inputOf = (r: Row): AttendanceCodeInput => ({
  code: r.code,
  title: r.title,
  category: r.category,
  reason: r.category === 'absentExcused' ? (r.reason === '' ? null : r.reason) : null,
  minutes: r.category === 'late' && r.minutes !== '' ? Number(r.minutes) : null,
});

export function AttendanceCodesPage() {
  const { schoolId, can } = useOrgAccess();
  return (
    <Stack gap="md">
      <Title order={1}>Коды посещаемости</Title>
      <YearNav />
      {schoolId === null
        ? <Alert color="gray">Выберите школу, чтобы увидеть её коды посещаемости.</Alert>
        : !can('yearSetup', 'read')
          ? <Alert color="gray">Коды посещаемости школы видят её сотрудники.</Alert>
          : <Codes schoolId={schoolId} canWrite={can('yearSetup', 'write')} />}
    </Stack>
  );
}

function Codes({ schoolId, canWrite }: { schoolId: string; canWrite: boolean }) {
  const codes = useQuery(attendanceCodesQuery(schoolId));
  // Here, not in the form: the form starts again from the saved list after a save; the answer stays.
  const save = useSaveAttendanceCodes(schoolId);
  return (
    <QueryView query={codes} label="коды посещаемости">
      {(data) => (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            Присутствие — пустая клетка журнала. Учитель вводит код в клетку ученика; к коду опоздания можно дописать минуты («О15»).
            {data.isDefault && ' Школа пока использует коды по умолчанию.'}
          </Text>
          {canWrite
            // Keyed by the saved list: a save or another editor's change starts the form again from what the server holds.
            ? <CodesForm key={JSON.stringify(data.codes)} saved={data.codes} save={save} />
            : <CodesTable codes={data.codes} />}
        </Stack>
      )}
    </QueryView>
  );
}

function CodesTable({ codes }: { codes: AttendanceCodeDto[] }) {
  return (
    <ScrollTable label="Коды посещаемости" minWidth={560} head={['Код', 'Что означает', 'Категория', 'Причина / минуты']}>
      {codes.map((c) => (
        <Table.Tr key={c.code}>
          <Table.Td><Text fw={700}>{c.code}</Text></Table.Td>
          <Table.Td>{c.title}</Table.Td>
          <Table.Td>{categoryTitles[c.category]}</Table.Td>
          <Table.Td>{c.reason ? absenceReasonTitles[c.reason] : c.minutes ? `${c.minutes} мин` : '—'}</Table.Td>
        </Table.Tr>
      ))}
    </ScrollTable>
  );
}

function CodesForm({ saved, save }: { saved: AttendanceCodeDto[]; save: ReturnType<typeof useSaveAttendanceCodes> }) {
  const [rows, setRows] = useState<Row[]>(() => saved.map(rowOf));
  const done = save.isSuccess;
  /** An edit after a save takes the «saved» message away (an error stays until the next save). */
  const touched = () => { if (save.isSuccess) save.reset(); };
  const errors = fieldErrorsOf(save.error);
  const fields = rows.flatMap((_, i) => ['code', 'title', 'category', 'reason', 'minutes'].map((f) => `codes.${i}.${f}`));
  const formError = formErrorOf(save.error, fields);
  const change = (key: number, patch: Partial<Row>) => { touched(); setRows(rows.map((r) => (r.key === key ? { ...r, ...patch } : r))); };
  const move = (i: number, by: number) => {
    touched();
    const next = [...rows];
    const [row] = next.splice(i, 1);
    next.splice(i + by, 0, row!);
    setRows(next);
  };
  const submit = () => save.mutate({ codes: rows.map(inputOf) });
  return (
    <form onSubmit={(e) => { e.preventDefault(); submit(); }} noValidate aria-label="Коды посещаемости">
      <Stack gap="sm">
        {formError && <Alert color="red" role="alert">{formError}</Alert>}
        {done && <Alert color="green" role="status">Коды сохранены</Alert>}
        <Stack gap="xs" role="list" aria-label="Коды">
          {rows.map((r, i) => {
            const err = (f: string) => errors[`codes.${i}.${f}`];
            const label = `Строка ${i + 1}${r.code.trim() ? ` («${r.code.trim()}»)` : ''}`;
            return (
              <Paper key={r.key} withBorder p="sm" role="listitem" aria-label={label}>
                <Group align="flex-start" gap="sm" wrap="wrap">
                  <TextInput label="Код" value={r.code} onChange={(e) => change(r.key, { code: e.currentTarget.value })} error={err('code')} w={90} maxLength={10} required />
                  <TextInput label="Что означает" value={r.title} onChange={(e) => change(r.key, { title: e.currentTarget.value })} error={err('title')}
                    style={{ flex: '1 1 220px' }} maxLength={200} required />
                  <NativeSelect label="Категория" value={r.category} error={err('category')} style={{ flex: '1 1 220px' }}
                    onChange={(e) => change(r.key, { category: e.currentTarget.value })}
                    data={[...(categories.includes(r.category as AttendanceCodeDto['category']) ? [] : [{ value: r.category, label: '— выберите —' }]),
                      ...categories.map((c) => ({ value: c, label: categoryTitles[c] }))]} />
                  {r.category === 'absentExcused' && (
                    <NativeSelect label="Причина" value={r.reason} error={err('reason')} w={200}
                      onChange={(e) => change(r.key, { reason: e.currentTarget.value })}
                      data={[{ value: '', label: '— выберите —' }, ...absenceReasons.map((x) => ({ value: x, label: absenceReasonTitles[x] }))]} />
                  )}
                  {r.category === 'late' && (
                    <NumberInput label="Минуты" placeholder="любые" value={r.minutes} onChange={(v) => change(r.key, { minutes: v })} error={err('minutes')}
                      min={1} max={90} allowDecimal={false} w={120} />
                  )}
                </Group>
                {err('reason') && r.category !== 'absentExcused' && <Text c="red" size="sm">{err('reason')}</Text>}
                {err('minutes') && r.category !== 'late' && <Text c="red" size="sm">{err('minutes')}</Text>}
                <Group gap={4} mt={6}>
                  <Button size="compact-xs" variant="subtle" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`${label}: выше`}>↑ Выше</Button>
                  <Button size="compact-xs" variant="subtle" disabled={i === rows.length - 1} onClick={() => move(i, 1)} aria-label={`${label}: ниже`}>↓ Ниже</Button>
                  <Button size="compact-xs" variant="subtle" color="red" onClick={() => { touched(); setRows(rows.filter((x) => x.key !== r.key)); }}
                    aria-label={`${label}: удалить`}>Удалить</Button>
                </Group>
              </Paper>
            );
          })}
        </Stack>
        {errors.codes && <Text c="red" size="sm" role="alert">{errors.codes}</Text>}
        <Group justify="space-between" gap="xs">
          <Group gap="xs">
            <Button variant="default" onClick={() => { touched(); setRows([...rows, rowOf({ code: '', title: '', category: 'absentExcused', reason: '' })]); }}>Добавить код</Button>
            <Button variant="subtle" onClick={() => { touched(); setRows(defaultAttendanceCodes.map(rowOf)); }}>Коды по умолчанию</Button>
          </Group>
          <Button type="submit" loading={save.isPending}>Сохранить коды</Button>
        </Group>
        <Text size="xs" c="dimmed">Уже выставленные пропуски сохраняют свой код, даже если его убрать из списка.</Text>
      </Stack>
    </form>
  );
}

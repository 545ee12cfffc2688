// «Правила выставления отметок»: how many days back current marks may be entered, how long after a
// period its period marks may be, the rounding rule of the suggested period mark with a live
// example, and the minimum number of marks for a period mark.
import { Alert, Button, Group, NumberInput, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { MarkEntryPolicyDto } from '../../../../../contracts/calendar';
import { formatAverage, suggestPeriodMark, type Rounding } from '../../../../../domain/mark-policy';
import { QueryView, ScrollTable, useOrgAccess } from '../../org/components/org-ui';
import { fieldErrorsOf, formErrorOf } from '../../org/form-errors';
import { YearNav } from '../../year/year-nav';
import { policyQuery, useSavePolicy } from '../api/calendar';
import { YearSelect, currentAcademicYear } from './year-select';

export function PolicyPage() {
  const { schoolId, can } = useOrgAccess();
  const [year, setYear] = useState(currentAcademicYear);
  return (
    <Stack gap="md">
      <Title order={1}>Правила выставления отметок</Title>
      <YearNav />
      {schoolId === null
        ? <Alert color="gray">Выберите школу, чтобы увидеть её правила выставления отметок.</Alert>
        : !can('yearSetup', 'read')
          ? <Alert color="gray">Правила выставления отметок видят сотрудники школы.</Alert>
          : (
            <>
              <YearSelect value={year} onChange={setYear} />
              <PolicyLoader key={`${schoolId}-${year}`} schoolId={schoolId} year={year} canWrite={can('yearSetup', 'write')} />
            </>
          )}
    </Stack>
  );
}

function PolicyLoader({ schoolId, year, canWrite }: { schoolId: string; year: number; canWrite: boolean }) {
  const policy = useQuery(policyQuery(schoolId, year));
  return <QueryView query={policy} label="правила выставления отметок">{(p) => <PolicyForm schoolId={schoolId} year={year} policy={p} canWrite={canWrite} />}</QueryView>;
}

type Form = { daysBack: number | string; daysAfter: number | string; minMarks: number | string; kind: Rounding['kind']; five: number | string; four: number | string; three: number | string };

const formOf = (p: MarkEntryPolicyDto): Form => ({
  daysBack: p.currentMarksDaysBack, daysAfter: p.periodMarksDaysAfter, minMarks: p.minMarksForPeriodMark, kind: p.rounding.kind,
  five: p.rounding.kind === 'thresholds' ? p.rounding.five : 4.6,
  four: p.rounding.kind === 'thresholds' ? p.rounding.four : 3.6,
  three: p.rounding.kind === 'thresholds' ? p.rounding.three : 2.6,
});
const num = (v: number | string): number => (typeof v === 'number' ? v : v.trim() === '' ? Number.NaN : Number(v.replace(',', '.')));

function PolicyForm({ schoolId, year, policy, canWrite }: { schoolId: string; year: number; policy: MarkEntryPolicyDto; canWrite: boolean }) {
  const [form, setForm] = useState<Form>(() => formOf(policy));
  const [example, setExample] = useState<number | string>(4.6);
  const [saved, setSaved] = useState(false);
  const save = useSavePolicy(schoolId, year);
  // A newer saved policy becomes the form.
  const [shown, setShown] = useState(policy);
  if (policy !== shown) {
    setShown(policy);
    setForm(formOf(policy));
  }
  const errors = fieldErrorsOf(save.error);
  const general = formErrorOf(save.error, ['currentMarksDaysBack', 'periodMarksDaysAfter', 'minMarksForPeriodMark', 'rounding', 'rounding.five', 'rounding.four', 'rounding.three']);
  const set = (patch: Partial<Form>) => { setSaved(false); setForm((f) => ({ ...f, ...patch })); };
  const rounding: Rounding = form.kind === 'arithmetic' ? { kind: 'arithmetic' } : { kind: 'thresholds', five: num(form.five), four: num(form.four), three: num(form.three) };
  const avg = num(example);
  const exampleMark = Number.isFinite(avg) && avg >= 1 && avg <= 5 ? suggestPeriodMark(avg, rounding) : null;
  const samples = rounding.kind === 'thresholds'
    ? [rounding.five, rounding.five - 0.01, rounding.four, rounding.four - 0.01, rounding.three, rounding.three - 0.01].filter((a) => Number.isFinite(a) && a >= 1 && a <= 5)
    : [4.5, 4.49, 3.5, 3.49, 2.5, 2.49];
  const ro = !canWrite;

  const submit = () => save.mutate({
    currentMarksDaysBack: num(form.daysBack), periodMarksDaysAfter: num(form.daysAfter), minMarksForPeriodMark: num(form.minMarks), rounding,
  }, { onSuccess: () => setSaved(true) });

  return (
    <form onSubmit={(e) => { e.preventDefault(); submit(); }} noValidate aria-label="Правила выставления отметок">
      <Stack gap="md" maw={720}>
        {policy.isDefault && <Alert color="yellow" variant="light">Школа ещё не сохранила свои правила — действуют значения по умолчанию.</Alert>}
        {saved && <Alert color="green" variant="light" role="status">Правила сохранены</Alert>}
        {general && <Alert color="red" role="alert">{general}</Alert>}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NumberInput label="Текущие отметки: дней назад" description="0 — только в день урока" min={0} max={365} allowDecimal={false}
            value={form.daysBack} onChange={(v) => set({ daysBack: v })} error={errors.currentMarksDaysBack} readOnly={ro} />
          <NumberInput label="Отметки за период: дней после окончания" min={0} max={365} allowDecimal={false}
            value={form.daysAfter} onChange={(v) => set({ daysAfter: v })} error={errors.periodMarksDaysAfter} readOnly={ro} />
          <NumberInput label="Минимум отметок для отметки за период" min={0} max={20} allowDecimal={false}
            value={form.minMarks} onChange={(v) => set({ minMarks: v })} error={errors.minMarksForPeriodMark} readOnly={ro} />
        </SimpleGrid>
        <Stack gap={4}>
          <Text fw={500} id="rounding-label">Округление среднего балла до отметки за период</Text>
          <SegmentedControl aria-labelledby="rounding-label" readOnly={ro} value={form.kind} w="fit-content"
            onChange={(v) => set({ kind: v as Rounding['kind'] })}
            data={[{ value: 'thresholds', label: 'По порогам' }, { value: 'arithmetic', label: 'Арифметическое' }]} />
          {errors.rounding && <Text c="red" size="sm" role="alert">{errors.rounding}</Text>}
        </Stack>
        {form.kind === 'thresholds'
          ? (
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              {(['five', 'four', 'three'] as const).map((k) => (
                <NumberInput key={k} label={`Порог отметки «${{ five: 5, four: 4, three: 3 }[k]}»`} min={2} max={5} step={0.05} decimalScale={2}
                  decimalSeparator="," value={form[k]} onChange={(v) => set({ [k]: v })} error={errors[`rounding.${k}`]} readOnly={ro} />
              ))}
            </SimpleGrid>
          )
          : <Text size="sm" c="dimmed">Средний балл округляется по правилам арифметики: 4,50 → 5, 4,49 → 4; не ниже 2.</Text>}

        <Stack gap="xs" component="section" aria-label="Пример">
          <Title order={2} size="h4">Пример</Title>
          <Group align="flex-end">
            <NumberInput label="Средний балл для примера" min={1} max={5} step={0.01} decimalScale={2} decimalSeparator="," w={220}
              value={example} onChange={setExample} />
            <Text size="lg" fw={600} aria-live="polite">
              {exampleMark === null ? 'Введите средний балл от 1 до 5' : `средний ${formatAverage(avg)} → ${exampleMark}`}
            </Text>
          </Group>
          <ScrollTable label="Средний балл и отметка за период" minWidth={280} head={['Средний балл', 'Отметка за период']}>
            {samples.map((a) => (
              <Table.Tr key={a}>
                <Table.Td>{formatAverage(a)}</Table.Td>
                <Table.Td>{suggestPeriodMark(a, rounding)}</Table.Td>
              </Table.Tr>
            ))}
          </ScrollTable>
        </Stack>
        {canWrite && <Group><Button type="submit" loading={save.isPending}>Сохранить</Button></Group>}
      </Stack>
    </form>
  );
}

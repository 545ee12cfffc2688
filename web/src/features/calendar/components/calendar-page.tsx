// «Календарный учебный график»: the year's dates, term schemes per grade (quarters, trimesters or
// halves), holidays (some only for some grades), days off, working weekends and week lengths;
// «Заполнить типовым графиком» (computed in the browser), «Из образца», «Сохранить» with the
// server's field errors at their inputs, and a per-grade summary of school days and weeks.
import { ActionIcon, Alert, Anchor, Badge, Button, Fieldset, Group, Modal, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState, type ReactNode } from 'react';
import type { CalendarDto } from '../../../../../contracts/calendar';
import { termKinds, type TermKind } from '../../../../../domain/calendar';
import { typicalCalendar } from '../../../../../domain/calendar-template';
import { errorMessage, isApiError } from '../../../lib/api';
import { QueryView, ScrollTable, useOrgAccess } from '../../org/components/org-ui';
import { fieldErrorsOf } from '../../org/form-errors';
import { academicYearTitle } from '../../org/format';
import { YearNav } from '../../year/year-nav';
import { calendarQuery, calendarSamplesQuery, useSaveCalendar } from '../api/calendar';
import {
  blankDraft, bodyOf, draftOf, errorAt, newKey, withKind, type CalendarDraft, type SchemeDraft,
} from '../calendar-draft';
import { YearSelect, currentAcademicYear } from './year-select';

export const schemeKindTitles: Record<TermKind, string> = { quarter: 'Четверти', trimester: 'Триместры', half: 'Полугодия' };
const termTitles: Record<TermKind, string> = { quarter: 'четверть', trimester: 'триместр', half: 'полугодие' };
const weekdays = ['Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота'];

export function CalendarPage() {
  const { schoolId, can } = useOrgAccess();
  const [year, setYear] = useState(currentAcademicYear);
  return (
    <Stack gap="md">
      <Title order={1}>Календарный учебный график</Title>
      <YearNav />
      {schoolId === null
        ? <Alert color="gray">Выберите школу, чтобы увидеть её календарный учебный график.</Alert>
        : !can('yearSetup', 'read')
          ? <Alert color="gray">Календарный учебный график школы видят её сотрудники.</Alert>
          : (
            <>
              <YearSelect value={year} onChange={setYear} />
              <CalendarLoader key={`${schoolId}-${year}`} schoolId={schoolId} year={year} canWrite={can('yearSetup', 'write')} />
            </>
          )}
    </Stack>
  );
}

function CalendarLoader({ schoolId, year, canWrite }: { schoolId: string; year: number; canWrite: boolean }) {
  const saved = useQuery(calendarQuery(schoolId, year));
  return (
    <QueryView query={saved} label="календарный учебный график">
      {(record) => <CalendarEditor schoolId={schoolId} year={year} record={record} canWrite={canWrite} />}
    </QueryView>
  );
}

function CalendarEditor({ schoolId, year, record, canWrite }: { schoolId: string; year: number; record: CalendarDto | null; canWrite: boolean }) {
  const [draft, setDraft] = useState<CalendarDraft>(() => (record ? draftOf(record.calendar) : blankDraft(year)));
  const [choosing, setChoosing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const save = useSaveCalendar(schoolId, year);
  // A newer saved version (after «Сохранить» or «Из образца») becomes the form.
  const [shown, setShown] = useState(record);
  if (record !== shown) {
    setShown(record);
    if (record) setDraft(draftOf(record.calendar));
  }

  const errors = fieldErrorsOf(save.error);
  const e = (path: string, deep = false) => errorAt(errors, `calendar.${path}`, deep);
  const set = (patch: Partial<CalendarDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setRow = <K extends 'schemes' | 'holidays' | 'daysOff' | 'workingWeekends' | 'weekLengths'>(list: K, i: number, patch: Partial<CalendarDraft[K][number]>) =>
    setDraft((d) => ({ ...d, [list]: d[list].map((row, j) => (j === i ? { ...row, ...patch } : row)) }));
  const removeRow = (list: 'schemes' | 'holidays' | 'daysOff' | 'workingWeekends' | 'weekLengths', i: number) =>
    setDraft((d) => ({ ...d, [list]: d[list].filter((_, j) => j !== i) }));
  const setTerm = (si: number, ti: number, patch: { startsOn?: string; endsOn?: string }) =>
    setDraft((d) => ({ ...d, schemes: d.schemes.map((s, j) => (j === si ? { ...s, terms: s.terms.map((t, k) => (k === ti ? { ...t, ...patch } : t)) } : s)) }));

  const submit = () => {
    setNotice(null);
    save.mutate({ calendar: bodyOf(draft), ...(record ? { version: record.version } : {}) }, {
      onSuccess: () => setNotice('График сохранён'),
    });
  };
  const fillTypical = () => {
    setDraft(draftOf(typicalCalendar(year)));
    setNotice('Форма заполнена типовым графиком — проверьте даты и сохраните');
    save.reset();
  };
  const unplaced = save.error && (!isApiError(save.error, 'VALIDATION_FAILED') || Object.keys(errors).some((p) => !p.startsWith('calendar.')));
  const ro = !canWrite;

  return (
    <Stack gap="md">
      {record?.sample && (
        <Text size="sm">
          Создан по образцу «{record.sample.sampleName}», версия {record.sample.version}
          {record.sample.latestVersion > record.sample.version && <Badge ml="xs" color="orange" variant="light">есть версия {record.sample.latestVersion}</Badge>}
        </Text>
      )}
      {!record && <Alert color="yellow" variant="light">График на {academicYearTitle(year)} учебный год ещё не сохранён.</Alert>}
      {canWrite && (
        <Group gap="xs">
          <Button variant="default" onClick={fillTypical}>Заполнить типовым графиком</Button>
          <Button variant="default" onClick={() => setChoosing(true)}>Из образца</Button>
        </Group>
      )}
      {notice && <Alert color="green" variant="light" role="status">{notice}</Alert>}
      {save.error && (
        <Alert color="red" role="alert">
          {isApiError(save.error, 'VALIDATION_FAILED') && !unplaced ? 'Проверьте выделенные поля' : errorMessage(save.error)}
        </Alert>
      )}

      <form onSubmit={(ev) => { ev.preventDefault(); submit(); }} noValidate aria-label="Календарный учебный график">
        <Stack gap="md">
          <Section title="Даты учебного года">
            <SimpleGrid cols={{ base: 1, xs: 2 }} maw={480}>
              <TextInput type="date" label="Начало учебного года" value={draft.startsOn} readOnly={ro}
                onChange={(ev) => set({ startsOn: ev.currentTarget.value })} error={e('startsOn')} />
              <TextInput type="date" label="Окончание учебного года" value={draft.endsOn} readOnly={ro}
                onChange={(ev) => set({ endsOn: ev.currentTarget.value })} error={e('endsOn') ?? errorAt(errors, 'calendar')} />
            </SimpleGrid>
          </Section>

          <Section title="Учебные периоды">
            <Text size="sm" c="dimmed">Каждая параллель — ровно в одной схеме. Например, 1–9 классы по четвертям, 10–11 — по полугодиям.</Text>
            {draft.schemes.map((s, si) => (
              <SchemeFields key={s.key} scheme={s} index={si} readOnly={ro} errors={(p, deep) => e(`termSchemes.${si}${p}`, deep)}
                onChange={(patch) => setRow('schemes', si, patch)} onKind={(kind) => setDraft((d) => ({ ...d, schemes: d.schemes.map((x, j) => (j === si ? withKind(x, kind) : x)) }))}
                onTerm={(ti, patch) => setTerm(si, ti, patch)} onRemove={draft.schemes.length > 1 ? () => removeRow('schemes', si) : null} />
            ))}
            {e('termSchemes') && <Text c="red" size="sm" role="alert">{e('termSchemes')}</Text>}
            {canWrite && (
              <Button variant="light" w="fit-content" onClick={() => set({ schemes: [...draft.schemes, withKind({ key: newKey(), grades: '', kind: 'half', terms: [] }, 'half')] })}>
                Добавить схему периодов
              </Button>
            )}
          </Section>

          <Section title="Каникулы">
            <ScrollTable label="Каникулы" minWidth={720} head={['Название', 'Начало', 'Окончание', 'Только для параллелей', '']}
              empty={draft.holidays.length === 0 ? 'Каникул пока нет' : null}>
              {draft.holidays.map((h, i) => (
                <Table.Tr key={h.key}>
                  <Table.Td><TextInput aria-label={`Название каникул ${i + 1}`} value={h.name} readOnly={ro} error={e(`holidays.${i}.name`)}
                    onChange={(ev) => setRow('holidays', i, { name: ev.currentTarget.value })} /></Table.Td>
                  <Table.Td><TextInput type="date" aria-label={`Начало каникул ${i + 1}`} value={h.startsOn} readOnly={ro}
                    error={e(`holidays.${i}.startsOn`) ?? e(`holidays.${i}`)} onChange={(ev) => setRow('holidays', i, { startsOn: ev.currentTarget.value })} /></Table.Td>
                  <Table.Td><TextInput type="date" aria-label={`Окончание каникул ${i + 1}`} value={h.endsOn} readOnly={ro}
                    error={e(`holidays.${i}.endsOn`)} onChange={(ev) => setRow('holidays', i, { endsOn: ev.currentTarget.value })} /></Table.Td>
                  <Table.Td><TextInput aria-label={`Параллели каникул ${i + 1}`} placeholder="все" value={h.grades} readOnly={ro}
                    error={e(`holidays.${i}.grades`, true)} onChange={(ev) => setRow('holidays', i, { grades: ev.currentTarget.value })} /></Table.Td>
                  <Table.Td>{canWrite && <RemoveButton label={`Удалить каникулы ${i + 1}`} onClick={() => removeRow('holidays', i)} />}</Table.Td>
                </Table.Tr>
              ))}
            </ScrollTable>
            {canWrite && (
              <Button variant="light" w="fit-content"
                onClick={() => set({ holidays: [...draft.holidays, { key: newKey(), name: '', startsOn: '', endsOn: '', grades: '' }] })}>
                Добавить каникулы
              </Button>
            )}
          </Section>

          <Section title="Праздничные и перенесённые выходные дни">
            <ScrollTable label="Праздничные и перенесённые выходные дни" minWidth={520} head={['Дата', 'Название', '']}
              empty={draft.daysOff.length === 0 ? 'Нерабочих дней пока нет' : null}>
              {draft.daysOff.map((d, i) => (
                <Table.Tr key={d.key}>
                  <Table.Td><TextInput type="date" aria-label={`Дата нерабочего дня ${i + 1}`} value={d.date} readOnly={ro}
                    error={e(`daysOff.${i}.date`) ?? e(`daysOff.${i}`)} onChange={(ev) => setRow('daysOff', i, { date: ev.currentTarget.value })} /></Table.Td>
                  <Table.Td><TextInput aria-label={`Название нерабочего дня ${i + 1}`} value={d.name} readOnly={ro}
                    error={e(`daysOff.${i}.name`)} onChange={(ev) => setRow('daysOff', i, { name: ev.currentTarget.value })} /></Table.Td>
                  <Table.Td>{canWrite && <RemoveButton label={`Удалить нерабочий день ${i + 1}`} onClick={() => removeRow('daysOff', i)} />}</Table.Td>
                </Table.Tr>
              ))}
            </ScrollTable>
            {canWrite && (
              <Button variant="light" w="fit-content" onClick={() => set({ daysOff: [...draft.daysOff, { key: newKey(), date: '', name: '' }] })}>
                Добавить нерабочий день
              </Button>
            )}
          </Section>

          <Section title="Рабочие выходные дни (по переносу)">
            <ScrollTable label="Рабочие выходные дни" minWidth={480} head={['Дата', 'Занятия по расписанию дня', '']}
              empty={draft.workingWeekends.length === 0 ? 'Рабочих выходных нет' : null}>
              {draft.workingWeekends.map((w, i) => (
                <Table.Tr key={w.key}>
                  <Table.Td><TextInput type="date" aria-label={`Дата рабочего выходного ${i + 1}`} value={w.date} readOnly={ro}
                    error={e(`workingWeekends.${i}.date`) ?? e(`workingWeekends.${i}`)} onChange={(ev) => setRow('workingWeekends', i, { date: ev.currentTarget.value })} /></Table.Td>
                  <Table.Td><Select aria-label={`Расписание рабочего выходного ${i + 1}`} data={weekdays.map((name, k) => ({ value: String(k + 1), label: name }))}
                    value={w.worksAs} readOnly={ro} allowDeselect={false} error={e(`workingWeekends.${i}.worksAs`)}
                    onChange={(v) => setRow('workingWeekends', i, { worksAs: v ?? '1' })} /></Table.Td>
                  <Table.Td>{canWrite && <RemoveButton label={`Удалить рабочий выходной ${i + 1}`} onClick={() => removeRow('workingWeekends', i)} />}</Table.Td>
                </Table.Tr>
              ))}
            </ScrollTable>
            {canWrite && (
              <Button variant="light" w="fit-content" onClick={() => set({ workingWeekends: [...draft.workingWeekends, { key: newKey(), date: '', worksAs: '1' }] })}>
                Добавить рабочий выходной
              </Button>
            )}
          </Section>

          <Section title="Продолжительность учебной недели">
            {draft.weekLengths.map((w, i) => (
              <Group key={w.key} align="flex-start" gap="xs">
                <TextInput label={`Параллели (неделя ${i + 1})`} placeholder="1–11" value={w.grades} readOnly={ro} w={200}
                  error={e(`weekLengths.${i}.grades`, true)} onChange={(ev) => setRow('weekLengths', i, { grades: ev.currentTarget.value })} />
                <Select label={`Дней в неделе (неделя ${i + 1})`} data={[{ value: '5', label: '5 дней' }, { value: '6', label: '6 дней' }]} w={180}
                  value={w.days} readOnly={ro} allowDeselect={false} error={e(`weekLengths.${i}.days`)}
                  onChange={(v) => setRow('weekLengths', i, { days: v ?? '5' })} />
                {canWrite && <RemoveButton label={`Удалить продолжительность недели ${i + 1}`} onClick={() => removeRow('weekLengths', i)} mt={26} />}
              </Group>
            ))}
            <Text size="sm" c="dimmed">Параллели, не названные здесь, учатся пять дней в неделю.</Text>
            {canWrite && (
              <Button variant="light" w="fit-content" onClick={() => set({ weekLengths: [...draft.weekLengths, { key: newKey(), grades: '', days: '6' }] })}>
                Добавить продолжительность недели
              </Button>
            )}
          </Section>

          {canWrite && <Group><Button type="submit" loading={save.isPending}>Сохранить</Button></Group>}
        </Stack>
      </form>

      {record && <Summary record={record} />}
      {choosing && (
        <SampleChooser schoolId={schoolId} year={year} onClose={() => setChoosing(false)} pending={save.isPending}
          onPick={(sampleId) => save.mutate({ fromSample: { sampleId }, ...(record ? { version: record.version } : {}) }, {
            onSuccess: () => { setChoosing(false); setNotice('График взят из образца и сохранён'); },
            onError: () => setChoosing(false),
          })} />
      )}
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section" aria-label={title}>
      <Title order={2} size="h3">{title}</Title>
      {children}
    </Stack>
  );
}

function RemoveButton({ label, onClick, mt }: { label: string; onClick: () => void; mt?: number }) {
  return (
    <ActionIcon variant="subtle" color="red" aria-label={label} title={label} onClick={onClick} mt={mt} size="lg">
      <span aria-hidden>×</span>
    </ActionIcon>
  );
}

function SchemeFields({ scheme, index, readOnly, errors, onChange, onKind, onTerm, onRemove }: {
  scheme: SchemeDraft; index: number; readOnly: boolean; errors: (path: string, deep?: boolean) => string | undefined;
  onChange: (patch: Partial<SchemeDraft>) => void; onKind: (kind: TermKind) => void;
  onTerm: (ti: number, patch: { startsOn?: string; endsOn?: string }) => void; onRemove: (() => void) | null;
}) {
  const n = index + 1;
  return (
    <Fieldset legend={`Схема ${n}: ${schemeKindTitles[scheme.kind].toLowerCase()}${scheme.grades ? `, ${scheme.grades} классы` : ''}`}>
      <Stack gap="xs">
        <Group align="flex-start" gap="xs">
          <TextInput label={`Параллели схемы ${n}`} placeholder="например, 1–9" value={scheme.grades} readOnly={readOnly} w={200}
            error={errors('.grades', true)} onChange={(ev) => onChange({ grades: ev.currentTarget.value })} />
          <Select label={`Вид периодов схемы ${n}`} data={termKinds.map((k) => ({ value: k, label: schemeKindTitles[k] }))} w={200}
            value={scheme.kind} readOnly={readOnly} allowDeselect={false} onChange={(v) => v && onKind(v as TermKind)} />
          {onRemove && !readOnly && <Button variant="subtle" color="red" mt={25} onClick={onRemove}>Удалить схему {n}</Button>}
        </Group>
        {scheme.terms.map((t, ti) => {
          const title = `${ti + 1} ${termTitles[scheme.kind]}`;
          return (
            <SimpleGrid key={ti} cols={{ base: 1, xs: 2 }} maw={480}>
              <TextInput type="date" label={`Начало: ${title} (схема ${n})`} value={t.startsOn} readOnly={readOnly}
                error={errors(`.terms.${ti}.startsOn`) ?? errors(`.terms.${ti}`)} onChange={(ev) => onTerm(ti, { startsOn: ev.currentTarget.value })} />
              <TextInput type="date" label={`Окончание: ${title} (схема ${n})`} value={t.endsOn} readOnly={readOnly}
                error={errors(`.terms.${ti}.endsOn`)} onChange={(ev) => onTerm(ti, { endsOn: ev.currentTarget.value })} />
            </SimpleGrid>
          );
        })}
        {errors('.terms') && <Text c="red" size="sm" role="alert">{errors('.terms')}</Text>}
      </Stack>
    </Fieldset>
  );
}

function Summary({ record }: { record: CalendarDto }) {
  const maxTerms = Math.max(...record.summary.map((s) => s.terms.length), 0);
  const cell = (days: number, weeks: number) => `${days} дн. / ${String(weeks).replace('.', ',')} нед.`;
  return (
    <Stack gap="xs" component="section" aria-label="Учебные дни и недели по параллелям">
      <Title order={2} size="h3">Учебные дни и недели по параллелям</Title>
      <ScrollTable label="Учебные дни и недели по параллелям" minWidth={720}
        head={['Параллель', 'Периоды', ...Array.from({ length: maxTerms }, (_, i) => `${i + 1}-й период`), 'За год']}>
        {record.summary.map((s) => (
          <Table.Tr key={s.grade}>
            <Table.Td fw={600}>{s.grade} класс</Table.Td>
            <Table.Td>{schemeKindTitles[s.kind]}, {s.weekDays}-дневная неделя</Table.Td>
            {Array.from({ length: maxTerms }, (_, i) => <Table.Td key={i}>{s.terms[i] ? cell(s.terms[i].schoolDays, s.terms[i].weeks) : '—'}</Table.Td>)}
            <Table.Td fw={600}>{cell(s.schoolDays, s.weeks)}</Table.Td>
          </Table.Tr>
        ))}
      </ScrollTable>
      <Anchor component={Link} to="/year/periods" size="sm">Периоды аттестации</Anchor>
    </Stack>
  );
}

function SampleChooser({ schoolId, year, onClose, onPick, pending }: {
  schoolId: string; year: number; onClose: () => void; onPick: (sampleId: string) => void; pending: boolean;
}) {
  const samples = useQuery(calendarSamplesQuery(schoolId));
  return (
    <Modal opened onClose={onClose} title="Календарный график из образца" size="lg">
      <Stack gap="sm">
        <Text size="sm">График на {academicYearTitle(year)} учебный год будет заменён графиком образца (образец должен быть составлен на этот же год).</Text>
        <QueryView query={samples} label="образцы">
          {(items) => items.length === 0
            ? <Alert color="gray">Образцов календарного графика для школы пока нет. Заполните график типовым или вручную.</Alert>
            : (
              <Stack gap="xs">
                {items.map((s) => (
                  <Group key={s.id} justify="space-between" wrap="nowrap">
                    <Text>{s.name} <Text span c="dimmed" size="sm">версия {s.version}</Text></Text>
                    <Button size="xs" loading={pending} onClick={() => onPick(s.id)} aria-label={`Взять образец «${s.name}»`}>Взять</Button>
                  </Group>
                ))}
              </Stack>
            )}
        </QueryView>
        <Group justify="flex-end"><Button variant="default" onClick={onClose}>Отмена</Button></Group>
      </Stack>
    </Modal>
  );
}

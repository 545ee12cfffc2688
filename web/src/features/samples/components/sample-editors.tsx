// Editors of a sample's content, one per kind, as tables of inputs: a curriculum's subjects with
// hours per grade, control forms, a work programme's topics, a calendar's dates and holidays.
// Each is controlled (value, onChange) and shows the server's problems at their fields
// (paths `content.…`).
import { Button, Checkbox, Group, NativeSelect, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import type {
  CalendarSampleContent, ControlFormsSampleContent, CurriculumSampleContent, Level, SampleKind, WorkProgrammeSampleContent,
} from '../../../../../contracts/samples';
import { typicalCalendar } from '../../../../../domain/calendar-template';
import { nameKey, subjectCatalogue } from '../../../../../domain/subject-catalogue';
import type { FieldErrors } from '../../org/form-errors';
import { ScrollTable } from '../../org/components/org-ui';
import { levelOptions, levelTitles, partTitles, scaleTitles } from '../titles';

export type AnyContent = CurriculumSampleContent | CalendarSampleContent | ControlFormsSampleContent | WorkProgrammeSampleContent;
type EditorProps<T> = { value: T; onChange: (next: T) => void; errors: FieldErrors };

const gradesOf: Record<Level, number[]> = { primary: [1, 2, 3, 4], basic: [5, 6, 7, 8, 9], secondary: [10, 11] };
const numberOrNull = (v: string | number): number | null => (v === '' || v === null ? null : Number(v));
const err = (errors: FieldErrors, path: string): string | undefined => errors[`content.${path}`];

/** An empty content of a kind to start from. */
export function emptyContent(kind: SampleKind, academicYear: number): AnyContent {
  switch (kind) {
    case 'curriculum':
      return { level: 'basic', weekDays: 5, grades: gradesOf.basic, lines: [{ subject: '', subjectArea: null, catalogueCode: null, part: 'mandatory', hoursPerWeek: gradesOf.basic.map(() => null) }] };
    case 'controlForms':
      return { forms: [{ name: 'Контрольная работа', shortName: 'КР', weight: 2, scale: 'five', levels: [] }, { name: 'Ответ на уроке', shortName: 'О', weight: 1, scale: 'five', levels: [] }] };
    case 'workProgramme':
      return { subject: '', grade: 5, topics: [{ title: '', hours: 1, contentElements: [] }] };
    default:
      return typicalSample(academicYear);
  }
}

/** The typical calendar of a year as a calendar sample's content. */
const typicalSample = (academicYear: number): CalendarSampleContent =>
  ({ academicYear, calendar: structuredClone(typicalCalendar(academicYear)) as CalendarSampleContent['calendar'] });

/** Which catalogue subject a line names, found by its name. */
const catalogueCodeOf = (subject: string): string | null => subjectCatalogue.find((e) => nameKey(e.name) === nameKey(subject))?.code ?? null;

export function CurriculumEditor({ value, onChange, errors }: EditorProps<CurriculumSampleContent>) {
  type Line = CurriculumSampleContent['lines'][number];
  const setLine = (i: number, patch: Partial<Line>) => onChange({ ...value, lines: value.lines.map((l, j) => (j === i ? { ...l, ...patch } : l)) });
  const setLevel = (level: Level) => {
    const grades = gradesOf[level];
    onChange({ ...value, level, grades, lines: value.lines.map((l) => ({ ...l, hoursPerWeek: grades.map((g) => l.hoursPerWeek[value.grades.indexOf(g)] ?? null) })) });
  };
  return (
    <Stack gap="xs">
      <Group gap="sm" wrap="wrap">
        <NativeSelect label="Уровень образования" data={levelOptions} value={value.level} error={err(errors, 'level')}
          onChange={(e) => setLevel(e.currentTarget.value as Level)} />
        <NativeSelect label="Дней в неделе" data={['5', '6']} value={String(value.weekDays)} error={err(errors, 'weekDays')}
          onChange={(e) => onChange({ ...value, weekDays: Number(e.currentTarget.value) as 5 | 6 })} />
      </Group>
      {err(errors, 'grades') && <Text c="red" size="sm" role="alert">{err(errors, 'grades')}</Text>}
      {err(errors, 'lines') && <Text c="red" size="sm" role="alert">{err(errors, 'lines')}</Text>}
      <ScrollTable label="Предметы и часы в неделю" minWidth={640 + value.grades.length * 80}
        head={['Предмет', 'Предметная область', 'Часть', ...value.grades.map((g) => `${g} кл.`), '']}>
        {value.lines.map((l, i) => {
          const row = `строка ${i + 1}`;
          return (
            <Table.Tr key={i}>
              <Table.Td miw={200}>
                <TextInput aria-label={`Предмет, ${row}`} value={l.subject} error={err(errors, `lines.${i}.subject`) ?? err(errors, `lines.${i}.catalogueCode`)}
                  onChange={(e) => setLine(i, { subject: e.currentTarget.value, catalogueCode: catalogueCodeOf(e.currentTarget.value) })} />
              </Table.Td>
              <Table.Td miw={180}>
                <TextInput aria-label={`Предметная область, ${row}`} value={l.subjectArea ?? ''} error={err(errors, `lines.${i}.subjectArea`)}
                  onChange={(e) => setLine(i, { subjectArea: e.currentTarget.value || null })} />
              </Table.Td>
              <Table.Td miw={150}>
                <NativeSelect aria-label={`Часть, ${row}`} value={l.part}
                  data={Object.entries(partTitles).map(([v, label]) => ({ value: v, label }))}
                  onChange={(e) => setLine(i, { part: e.currentTarget.value as Line['part'] })} />
              </Table.Td>
              {value.grades.map((g, gi) => (
                <Table.Td key={g} miw={72}>
                  <NumberInput aria-label={`Часов в неделю, ${g} класс, ${row}`} min={0} max={40} step={0.5} decimalScale={1} decimalSeparator=","
                    value={l.hoursPerWeek[gi] ?? ''} error={gi === 0 ? err(errors, `lines.${i}.hoursPerWeek`) : undefined}
                    onChange={(v) => setLine(i, { hoursPerWeek: value.grades.map((_, k) => (k === gi ? numberOrNull(v) : l.hoursPerWeek[k] ?? null)) })} />
                </Table.Td>
              ))}
              <Table.Td>
                <Button size="compact-sm" variant="subtle" color="red" aria-label={`Удалить предмет, ${row}`} disabled={value.lines.length === 1}
                  onClick={() => onChange({ ...value, lines: value.lines.filter((_, j) => j !== i) })}>Удалить</Button>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </ScrollTable>
      <Group>
        <Button variant="light" onClick={() => onChange({ ...value, lines: [...value.lines, { subject: '', subjectArea: null, catalogueCode: null, part: 'mandatory', hoursPerWeek: value.grades.map(() => null) }] })}>
          Добавить предмет
        </Button>
      </Group>
    </Stack>
  );
}

export function ControlFormsEditor({ value, onChange, errors }: EditorProps<ControlFormsSampleContent>) {
  type Form = ControlFormsSampleContent['forms'][number];
  const setForm = (i: number, patch: Partial<Form>) => onChange({ forms: value.forms.map((f, j) => (j === i ? { ...f, ...patch } : f)) });
  return (
    <Stack gap="xs">
      {err(errors, 'forms') && <Text c="red" size="sm" role="alert">{err(errors, 'forms')}</Text>}
      <ScrollTable label="Формы контроля образца" minWidth={860} head={['Название', 'Сокращение', 'Вес', 'Шкала', 'Уровни (пусто — все)', '']}>
        {value.forms.map((f, i) => {
          const row = `строка ${i + 1}`;
          return (
            <Table.Tr key={i}>
              <Table.Td miw={200}>
                <TextInput aria-label={`Название формы, ${row}`} value={f.name} error={err(errors, `forms.${i}.name`)} onChange={(e) => setForm(i, { name: e.currentTarget.value })} />
              </Table.Td>
              <Table.Td miw={90}>
                <TextInput aria-label={`Сокращение, ${row}`} value={f.shortName} error={err(errors, `forms.${i}.shortName`)} onChange={(e) => setForm(i, { shortName: e.currentTarget.value })} />
              </Table.Td>
              <Table.Td miw={90}>
                <NumberInput aria-label={`Вес, ${row}`} step={0.5} decimalScale={2} decimalSeparator="," value={f.weight} error={err(errors, `forms.${i}.weight`)}
                  onChange={(v) => setForm(i, { weight: numberOrNull(v) ?? 0 })} />
              </Table.Td>
              <Table.Td miw={160}>
                <NativeSelect aria-label={`Шкала, ${row}`} value={f.scale} error={err(errors, `forms.${i}.scale`)}
                  data={Object.entries(scaleTitles).map(([v, label]) => ({ value: v, label }))}
                  onChange={(e) => setForm(i, { scale: e.currentTarget.value as Form['scale'] })} />
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  {(Object.keys(levelTitles) as Level[]).map((l) => (
                    <Checkbox key={l} label={levelTitles[l].split(' ')[0]} aria-label={`${levelTitles[l]}, ${row}`} checked={f.levels.includes(l)}
                      onChange={(e) => setForm(i, { levels: e.currentTarget.checked ? [...f.levels, l] : f.levels.filter((x) => x !== l) })} />
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <Button size="compact-sm" variant="subtle" color="red" aria-label={`Удалить форму, ${row}`} disabled={value.forms.length === 1}
                  onClick={() => onChange({ forms: value.forms.filter((_, j) => j !== i) })}>Удалить</Button>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </ScrollTable>
      <Group>
        <Button variant="light" onClick={() => onChange({ forms: [...value.forms, { name: '', shortName: '', weight: 1, scale: 'five', levels: [] }] })}>Добавить форму контроля</Button>
      </Group>
    </Stack>
  );
}

export function WorkProgrammeEditor({ value, onChange, errors }: EditorProps<WorkProgrammeSampleContent>) {
  type Topic = WorkProgrammeSampleContent['topics'][number];
  const setTopic = (i: number, patch: Partial<Topic>) => onChange({ ...value, topics: value.topics.map((t, j) => (j === i ? { ...t, ...patch } : t)) });
  return (
    <Stack gap="xs">
      <Group gap="sm" wrap="wrap" align="flex-start">
        <TextInput label="Предмет программы" value={value.subject} error={err(errors, 'subject')} onChange={(e) => onChange({ ...value, subject: e.currentTarget.value })} />
        <NumberInput label="Параллель" min={1} max={11} value={value.grade} error={err(errors, 'grade')} onChange={(v) => onChange({ ...value, grade: numberOrNull(v) ?? 1 })} w={120} />
      </Group>
      {err(errors, 'topics') && <Text c="red" size="sm" role="alert">{err(errors, 'topics')}</Text>}
      <ScrollTable label="Темы программы" minWidth={680} head={['№', 'Тема', 'Часы', 'КЭС (через запятую)', '']}>
        {value.topics.map((t, i) => {
          const row = `тема ${i + 1}`;
          return (
            <Table.Tr key={i}>
              <Table.Td>{i + 1}</Table.Td>
              <Table.Td miw={260}>
                <TextInput aria-label={`Название темы, ${row}`} value={t.title} error={err(errors, `topics.${i}.title`)} onChange={(e) => setTopic(i, { title: e.currentTarget.value })} />
              </Table.Td>
              <Table.Td miw={80}>
                <NumberInput aria-label={`Часы, ${row}`} min={1} max={100} value={t.hours} error={err(errors, `topics.${i}.hours`)} onChange={(v) => setTopic(i, { hours: numberOrNull(v) ?? 0 })} />
              </Table.Td>
              <Table.Td miw={160}>
                <TextInput aria-label={`КЭС, ${row}`} value={t.contentElements.join(', ')}
                  error={Object.entries(errors).find(([p]) => p.startsWith(`content.topics.${i}.contentElements`))?.[1]}
                  onChange={(e) => setTopic(i, { contentElements: e.currentTarget.value.split(/[,;\s]+/).filter(Boolean) })} />
              </Table.Td>
              <Table.Td>
                <Button size="compact-sm" variant="subtle" color="red" aria-label={`Удалить тему, ${row}`} disabled={value.topics.length === 1}
                  onClick={() => onChange({ ...value, topics: value.topics.filter((_, j) => j !== i) })}>Удалить</Button>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </ScrollTable>
      <Group>
        <Button variant="light" onClick={() => onChange({ ...value, topics: [...value.topics, { title: '', hours: 1, contentElements: [] }] })}>Добавить тему</Button>
      </Group>
    </Stack>
  );
}

const gradesText = (grades: readonly number[] | undefined): string => (grades ? grades.join(', ') : '');
const gradesFrom = (text: string): number[] => text.split(/[,;\s]+/).filter(Boolean).map(Number).filter((n) => Number.isInteger(n));

export function CalendarEditor({ value, onChange, errors }: EditorProps<CalendarSampleContent>) {
  const c = value.calendar;
  type Cal = CalendarSampleContent['calendar'];
  const setCal = (patch: Partial<Cal>) => onChange({ ...value, calendar: { ...c, ...patch } });
  const first = (prefix: string) => Object.entries(errors).find(([p]) => p === `content.calendar.${prefix}` || p.startsWith(`content.calendar.${prefix}.`))?.[1];
  type Holiday = Cal['holidays'][number];
  const setHoliday = (i: number, patch: Partial<Holiday>) => setCal({ holidays: c.holidays.map((h, j) => (j === i ? { ...h, ...patch } : h)) });
  const setTerm = (si: number, ti: number, patch: { startsOn?: string; endsOn?: string }) => setCal({
    termSchemes: c.termSchemes.map((s, j) => (j !== si ? s : { ...s, terms: s.terms.map((t, k) => (k === ti ? { ...t, ...patch } : t)) })),
  });
  return (
    <Stack gap="xs">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <NumberInput label="Учебный год (год начала)" min={2000} max={2100} value={value.academicYear} error={err(errors, 'academicYear')} w={200}
          onChange={(v) => onChange({ ...value, academicYear: numberOrNull(v) ?? value.academicYear })} />
        <Button variant="light" onClick={() => onChange(typicalSample(value.academicYear))}>Заполнить типовым графиком</Button>
      </Group>
      <Group gap="sm" wrap="wrap">
        <TextInput type="date" label="Начало учебного года" value={c.startsOn} error={first('startsOn')} onChange={(e) => setCal({ startsOn: e.currentTarget.value })} />
        <TextInput type="date" label="Окончание учебного года" value={c.endsOn} error={first('endsOn')} onChange={(e) => setCal({ endsOn: e.currentTarget.value })} />
      </Group>
      <Title order={4}>Учебные периоды</Title>
      {first('termSchemes') && <Text c="red" size="sm" role="alert">{first('termSchemes')}</Text>}
      <ScrollTable label="Учебные периоды графика" minWidth={560} head={['Параллели', 'Период', 'Начало', 'Окончание']}>
        {c.termSchemes.flatMap((s, si) => s.terms.map((t, ti) => (
          <Table.Tr key={`${si}-${ti}`}>
            <Table.Td>{gradesText(s.grades)}</Table.Td>
            <Table.Td>{t.number} ({s.kind === 'quarter' ? 'четверть' : s.kind === 'trimester' ? 'триместр' : 'полугодие'})</Table.Td>
            <Table.Td><TextInput type="date" aria-label={`Начало периода ${t.number}, параллели ${gradesText(s.grades)}`} value={t.startsOn}
              error={err(errors, `calendar.termSchemes.${si}.terms.${ti}.startsOn`) ?? err(errors, `calendar.termSchemes.${si}.terms.${ti}`)}
              onChange={(e) => setTerm(si, ti, { startsOn: e.currentTarget.value })} /></Table.Td>
            <Table.Td><TextInput type="date" aria-label={`Окончание периода ${t.number}, параллели ${gradesText(s.grades)}`} value={t.endsOn}
              error={err(errors, `calendar.termSchemes.${si}.terms.${ti}.endsOn`)} onChange={(e) => setTerm(si, ti, { endsOn: e.currentTarget.value })} /></Table.Td>
          </Table.Tr>
        )))}
      </ScrollTable>
      <Title order={4}>Каникулы</Title>
      <ScrollTable label="Каникулы графика" minWidth={720} head={['Название', 'Начало', 'Окончание', 'Параллели (пусто — все)', '']}
        empty={c.holidays.length === 0 ? 'Каникул нет' : null}>
        {c.holidays.map((h, i) => {
          const row = `каникулы ${i + 1}`;
          const at = (f: string) => err(errors, `calendar.holidays.${i}.${f}`);
          return (
            <Table.Tr key={i}>
              <Table.Td miw={200}><TextInput aria-label={`Название, ${row}`} value={h.name} error={at('name') ?? err(errors, `calendar.holidays.${i}`)} onChange={(e) => setHoliday(i, { name: e.currentTarget.value })} /></Table.Td>
              <Table.Td><TextInput type="date" aria-label={`Начало, ${row}`} value={h.startsOn} error={at('startsOn')} onChange={(e) => setHoliday(i, { startsOn: e.currentTarget.value })} /></Table.Td>
              <Table.Td><TextInput type="date" aria-label={`Окончание, ${row}`} value={h.endsOn} error={at('endsOn')} onChange={(e) => setHoliday(i, { endsOn: e.currentTarget.value })} /></Table.Td>
              <Table.Td miw={140}><TextInput aria-label={`Параллели, ${row}`} value={gradesText(h.grades)} error={at('grades')}
                onChange={(e) => {
                  const gs = gradesFrom(e.currentTarget.value);
                  const { grades: _drop, ...rest } = h;
                  setCal({ holidays: c.holidays.map((x, j) => (j === i ? (gs.length > 0 ? { ...rest, grades: gs } : rest) : x)) });
                }} /></Table.Td>
              <Table.Td><Button size="compact-sm" variant="subtle" color="red" aria-label={`Удалить, ${row}`}
                onClick={() => setCal({ holidays: c.holidays.filter((_, j) => j !== i) })}>Удалить</Button></Table.Td>
            </Table.Tr>
          );
        })}
      </ScrollTable>
      <Group>
        <Button variant="light" onClick={() => setCal({ holidays: [...c.holidays, { name: '', startsOn: c.startsOn, endsOn: c.startsOn }] })}>Добавить каникулы</Button>
      </Group>
      <Text size="sm" c="dimmed">
        Праздничных дней: {c.daysOff.length}, рабочих выходных: {c.workingWeekends.length} — берутся из типового графика.
      </Text>
    </Stack>
  );
}

/** The editor of a kind. */
export function ContentEditor({ kind, value, onChange, errors }: { kind: SampleKind } & EditorProps<AnyContent>) {
  switch (kind) {
    case 'curriculum': return <CurriculumEditor value={value as CurriculumSampleContent} onChange={onChange} errors={errors} />;
    case 'controlForms': return <ControlFormsEditor value={value as ControlFormsSampleContent} onChange={onChange} errors={errors} />;
    case 'workProgramme': return <WorkProgrammeEditor value={value as WorkProgrammeSampleContent} onChange={onChange} errors={errors} />;
    default: return <CalendarEditor value={value as CalendarSampleContent} onChange={onChange} errors={errors} />;
  }
}

// A sample read as tables (one per kind), its versions with «Сравнить», and the diff of two versions.
import { Badge, Button, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type {
  CalendarSampleContent, ControlFormsSampleContent, CurriculumSampleContent, DiffEntryDto, SampleDiffDto, SampleDto,
  SampleSummaryDto, WorkProgrammeSampleContent,
} from '../../../../../contracts/samples';
import { QueryView, ScrollTable } from '../../org/components/org-ui';
import type { SampleDiffQuery } from '../api/samples';
import { changeTitles, fieldTitle, formatValue, kindTitles, levelTitles, partTitles, scaleTitles, sectionTitle } from '../titles';

const hours = (h: number | null | undefined) => (h === null || h === undefined ? '—' : String(h).replace('.', ','));
const dateRu = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

function CurriculumView({ content }: { content: CurriculumSampleContent }) {
  const totals = content.grades.map((_, i) => content.lines.reduce((s, l) => s + (l.hoursPerWeek[i] ?? 0), 0));
  return (
    <Stack gap="xs">
      <Text size="sm">{levelTitles[content.level]}, {content.weekDays}-дневная неделя</Text>
      <ScrollTable label="Строки учебного плана" minWidth={560 + content.grades.length * 60}
        head={['Предмет', 'Предметная область', 'Часть', ...content.grades.map((g) => `${g} кл.`)]}>
        {content.lines.map((l, i) => (
          <Table.Tr key={i}>
            <Table.Td>{l.subject}</Table.Td>
            <Table.Td>{l.subjectArea ?? '—'}</Table.Td>
            <Table.Td>{partTitles[l.part]}</Table.Td>
            {content.grades.map((g, gi) => <Table.Td key={g}>{hours(l.hoursPerWeek[gi])}</Table.Td>)}
          </Table.Tr>
        ))}
        <Table.Tr>
          <Table.Th scope="row" colSpan={3}>Итого часов в неделю</Table.Th>
          {totals.map((t, i) => <Table.Td key={i} fw={700}>{hours(t)}</Table.Td>)}
        </Table.Tr>
      </ScrollTable>
    </Stack>
  );
}

function ControlFormsView({ content }: { content: ControlFormsSampleContent }) {
  return (
    <ScrollTable label="Формы контроля" minWidth={560} head={['Название', 'Сокращение', 'Вес', 'Шкала', 'Уровни']}>
      {content.forms.map((f, i) => (
        <Table.Tr key={i}>
          <Table.Td>{f.name}</Table.Td>
          <Table.Td>{f.shortName}</Table.Td>
          <Table.Td>{hours(f.weight)}</Table.Td>
          <Table.Td>{scaleTitles[f.scale]}</Table.Td>
          <Table.Td>{f.levels.length === 0 ? 'все' : f.levels.map((l) => levelTitles[l]).join(', ')}</Table.Td>
        </Table.Tr>
      ))}
    </ScrollTable>
  );
}

function WorkProgrammeView({ content }: { content: WorkProgrammeSampleContent }) {
  const total = content.topics.reduce((s, t) => s + t.hours, 0);
  return (
    <Stack gap="xs">
      <Text size="sm">{content.subject}, {content.grade} класс, всего {total} ч</Text>
      <ScrollTable label="Темы рабочей программы" minWidth={520} head={['№', 'Тема', 'Часы', 'КЭС']}>
        {content.topics.map((t, i) => (
          <Table.Tr key={i}>
            <Table.Td>{i + 1}</Table.Td>
            <Table.Td>{t.title}</Table.Td>
            <Table.Td>{t.hours}</Table.Td>
            <Table.Td>{t.contentElements.join(', ') || '—'}</Table.Td>
          </Table.Tr>
        ))}
      </ScrollTable>
    </Stack>
  );
}

function CalendarView({ content }: { content: CalendarSampleContent }) {
  const c = content.calendar;
  return (
    <Stack gap="xs">
      <Text size="sm">Учебный год {content.academicYear}/{content.academicYear + 1}: с {dateRu(c.startsOn)} по {dateRu(c.endsOn)}</Text>
      <ScrollTable label="Учебные периоды" minWidth={480} head={['Параллели', 'Период', 'Начало', 'Окончание']}>
        {c.termSchemes.flatMap((s, si) => s.terms.map((t) => (
          <Table.Tr key={`${si}-${t.number}`}>
            <Table.Td>{s.grades.join(', ')}</Table.Td>
            <Table.Td>{t.number}-{s.kind === 'quarter' ? 'я четверть' : s.kind === 'trimester' ? 'й триместр' : 'е полугодие'}</Table.Td>
            <Table.Td>{dateRu(t.startsOn)}</Table.Td>
            <Table.Td>{dateRu(t.endsOn)}</Table.Td>
          </Table.Tr>
        )))}
      </ScrollTable>
      <ScrollTable label="Каникулы" minWidth={480} head={['Каникулы', 'Начало', 'Окончание', 'Параллели']} empty={c.holidays.length === 0 ? 'Каникул нет' : null}>
        {c.holidays.map((h, i) => (
          <Table.Tr key={i}>
            <Table.Td>{h.name}</Table.Td>
            <Table.Td>{dateRu(h.startsOn)}</Table.Td>
            <Table.Td>{dateRu(h.endsOn)}</Table.Td>
            <Table.Td>{h.grades?.join(', ') ?? 'все'}</Table.Td>
          </Table.Tr>
        ))}
      </ScrollTable>
      {c.daysOff.length > 0 && <Text size="sm">Праздничные дни: {c.daysOff.map((d) => `${dateRu(d.date)} (${d.name})`).join('; ')}</Text>}
    </Stack>
  );
}

/** The content of a sample as tables a person reads. */
export function SampleContentView({ sample }: { sample: Pick<SampleDto, 'kind' | 'content'> }) {
  switch (sample.kind) {
    case 'curriculum': return <CurriculumView content={sample.content as CurriculumSampleContent} />;
    case 'controlForms': return <ControlFormsView content={sample.content as ControlFormsSampleContent} />;
    case 'workProgramme': return <WorkProgrammeView content={sample.content as WorkProgrammeSampleContent} />;
    default: return <CalendarView content={sample.content as CalendarSampleContent} />;
  }
}

/** Whose sample it is: «Федеральный», the region or the municipality. */
/** A sample's name, kind, level, version, owner and description, with its actions at the right. */
export function SampleHeading({ sample, children }: {
  sample: Pick<SampleSummaryDto, 'name' | 'kind' | 'level' | 'version' | 'owner' | 'description'>; children: React.ReactNode;
}) {
  return (
    <Group justify="space-between" align="flex-start" wrap="wrap">
      <Stack gap={2} style={{ flex: 1, minWidth: 240 }}>
        <Title order={2} size="h3">{sample.name}</Title>
        <Group gap="xs">
          <Text size="sm">{kindTitles[sample.kind]}{sample.level ? `, ${levelTitles[sample.level]}` : ''}, версия {sample.version}</Text>
          <OwnerBadge sample={sample} />
        </Group>
        {sample.description && <Text size="sm" c="dimmed">{sample.description}</Text>}
      </Stack>
      <Group gap="xs">{children}</Group>
    </Group>
  );
}

export function OwnerBadge({ sample }: { sample: Pick<SampleSummaryDto, 'owner'> }) {
  const color = sample.owner.kind === 'federal' ? 'blue.8' : sample.owner.kind === 'region' ? 'grape.8' : 'teal.8';
  return <Text span size="sm" fw={500} c={color}>{sample.owner.name}</Text>;
}

const changeColors: Record<DiffEntryDto['change'], string> = { added: 'green', removed: 'red', changed: 'blue' };

export function SampleDiffTable({ diff }: { diff: SampleDiffDto }) {
  return (
    <ScrollTable label={`Изменения с версии ${diff.from} по версию ${diff.to}`} minWidth={640}
      head={['Что', 'Изменение', 'Поле', 'Было', 'Стало']} empty={diff.entries.length === 0 ? 'Версии не различаются' : null}>
      {diff.entries.map((e, i) => (
        <Table.Tr key={i}>
          <Table.Td>{sectionTitle(e.section)}{e.key ? `: ${e.key}` : ''}</Table.Td>
          <Table.Td><Badge variant="light" color={changeColors[e.change]}>{changeTitles[e.change]}</Badge></Table.Td>
          <Table.Td>{fieldTitle(e)}</Table.Td>
          <Table.Td>{formatValue(e.from)}</Table.Td>
          <Table.Td>{formatValue(e.to)}</Table.Td>
        </Table.Tr>
      ))}
    </ScrollTable>
  );
}

/** The versions of a sample, newest first, and «Сравнить» two of them. */
export function SampleVersions({ sample, diffQuery }: {
  sample: SampleDto; diffQuery: (from: number, to: number) => SampleDiffQuery;
}) {
  const [from, setFrom] = useState(Math.max(1, sample.version - 1));
  const [to, setTo] = useState(sample.version);
  const [shown, setShown] = useState<{ from: number; to: number } | null>(null);
  const options = sample.versions.map((v) => ({ value: String(v.version), label: `Версия ${v.version}` }));
  return (
    <Stack gap="xs">
      <Title order={3}>Версии</Title>
      <ScrollTable label="Версии образца" minWidth={420} head={['Версия', 'Опубликована', 'Что изменилось']}>
        {sample.versions.map((v) => (
          <Table.Tr key={v.version}>
            <Table.Td>{v.version}{v.version === sample.version ? ' (текущая)' : ''}</Table.Td>
            <Table.Td>{new Date(v.createdAt).toLocaleDateString('ru-RU')}</Table.Td>
            <Table.Td>{v.note ?? '—'}</Table.Td>
          </Table.Tr>
        ))}
      </ScrollTable>
      {sample.versions.length > 1 && (
        <Group align="flex-end" gap="xs" wrap="wrap">
          <NativeSelect label="С версии" data={options} value={String(from)} onChange={(e) => setFrom(Number(e.currentTarget.value))} />
          <NativeSelect label="По версию" data={options} value={String(to)} onChange={(e) => setTo(Number(e.currentTarget.value))} />
          <Button variant="light" onClick={() => setShown({ from, to })}>Сравнить</Button>
        </Group>
      )}
      {shown && <DiffOf query={diffQuery(shown.from, shown.to)} />}
    </Stack>
  );
}

function DiffOf({ query }: { query: SampleDiffQuery }) {
  const result = useQuery(query);
  return <QueryView query={result} label="сравнение версий">{(diff) => <SampleDiffTable diff={diff} />}</QueryView>;
}

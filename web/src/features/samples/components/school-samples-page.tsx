// «Образцы» of a school (SPEC B14): the federal samples and those of the school's region and
// municipality, grouped by kind; «Посмотреть» shows one as tables with its versions and
// «Сравнить»; «Создать по образцу» leads to the page where the school builds its own from it.
import { Alert, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { sampleKinds, type SampleKind, type SampleSummaryDto } from '../../../../../contracts/samples';
import { QueryView, ScrollTable, useOrgAccess } from '../../org/components/org-ui';
import type { YearPagePath } from '../../year/year-nav';
import { YearNav } from '../../year/year-nav';
import { schoolSampleDiffQuery, schoolSampleQuery, schoolSamplesQuery } from '../api/samples';
import { kindPluralTitles, levelTitles } from '../titles';
import { OwnerBadge, SampleContentView, SampleHeading, SampleVersions } from './sample-view';

/** Where a school builds its own document from a sample of each kind (work programmes come with the journal). */
const buildPage: Partial<Record<SampleKind, YearPagePath>> = {
  curriculum: '/year/curricula',
  calendar: '/year/calendar',
  controlForms: '/year/control-forms',
};

export function SchoolSamplesPage() {
  const { schoolId, can } = useOrgAccess();
  return (
    <Stack gap="md">
      <Title order={1}>Образцы</Title>
      <YearNav />
      {schoolId === null
        ? <Alert color="gray">Выберите школу, чтобы увидеть доступные ей образцы.</Alert>
        : !can('sample', 'read')
          ? <Alert color="gray">Образцы видит администрация школы.</Alert>
          : <SchoolSamples schoolId={schoolId} canBuild={can('yearSetup', 'write')} />}
    </Stack>
  );
}

function SchoolSamples({ schoolId, canBuild }: { schoolId: string; canBuild: boolean }) {
  const list = useQuery(schoolSamplesQuery(schoolId));
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <>
      <Text size="sm" c="dimmed">
        Федеральные образцы и образцы региона и муниципалитета. Школа строит по образцу свой документ на его странице и затем
        может сравнить свой документ с новыми версиями образца.
      </Text>
      <QueryView query={list} label="образцы">
        {(data) => (
          <Stack gap="lg">
            {data.total === 0 && <Text c="dimmed">Образцов пока нет.</Text>}
            {sampleKinds.map((kind) => {
              const items = data.items.filter((s) => s.kind === kind);
              if (items.length === 0) return null;
              return (
                <Stack key={kind} gap="xs" component="section" aria-labelledby={`samples-${kind}`}>
                  <Title order={2} size="h3" id={`samples-${kind}`}>{kindPluralTitles[kind]}</Title>
                  <KindTable items={items} canBuild={canBuild} onOpen={setOpenId} />
                </Stack>
              );
            })}
          </Stack>
        )}
      </QueryView>
      {openId && <OpenSample key={openId} schoolId={schoolId} sampleId={openId} canBuild={canBuild} onClose={() => setOpenId(null)} />}
    </>
  );
}

function BuildButton({ sample, canBuild }: { sample: Pick<SampleSummaryDto, 'kind' | 'name'>; canBuild: boolean }) {
  const to = buildPage[sample.kind];
  if (!to || !canBuild) return null;
  return (
    <Button size="xs" variant="light" component={Link} to={to} aria-label={`Создать по образцу: ${sample.name}`}>
      Создать по образцу
    </Button>
  );
}

function KindTable({ items, canBuild, onOpen }: { items: SampleSummaryDto[]; canBuild: boolean; onOpen: (id: string) => void }) {
  return (
    <ScrollTable label={`Образцы: ${kindPluralTitles[items[0]!.kind]}`} minWidth={720} head={['Название', 'Уровень', 'Чей', 'Версия', 'Обновлён', '']}>
      {items.map((s) => (
        <Table.Tr key={s.id}>
          <Table.Td fw={600}>{s.name}</Table.Td>
          <Table.Td>{s.level ? levelTitles[s.level] : 'любой'}</Table.Td>
          <Table.Td><OwnerBadge sample={s} /></Table.Td>
          <Table.Td>{s.version}</Table.Td>
          <Table.Td>{new Date(s.updatedAt).toLocaleDateString('ru-RU')}</Table.Td>
          <Table.Td>
            <Group gap={4} wrap="nowrap">
              <Button size="xs" variant="subtle" onClick={() => onOpen(s.id)} aria-label={`Посмотреть образец ${s.name}`}>Посмотреть</Button>
              <BuildButton sample={s} canBuild={canBuild} />
            </Group>
          </Table.Td>
        </Table.Tr>
      ))}
    </ScrollTable>
  );
}

function OpenSample({ schoolId, sampleId, canBuild, onClose }: { schoolId: string; sampleId: string; canBuild: boolean; onClose: () => void }) {
  const sample = useQuery(schoolSampleQuery(schoolId, sampleId));
  return (
    <Paper withBorder p="md" component="section" aria-label="Образец">
      <QueryView query={sample} label="образец">
        {(s) => (
          <Stack gap="sm">
            <SampleHeading sample={s}>
              <BuildButton sample={s} canBuild={canBuild} />
              <Button variant="subtle" onClick={onClose}>Закрыть</Button>
            </SampleHeading>
            <SampleContentView sample={s} />
            <SampleVersions key={s.version} sample={s} diffQuery={(from, to) => schoolSampleDiffQuery(schoolId, s.id, from, to)} />
          </Stack>
        )}
      </QueryView>
    </Paper>
  );
}

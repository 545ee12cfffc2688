// «Рабочие программы» (/journal/programmes): a teacher's load rows with a button to make the
// programme of each (empty or from last year's), the school's programmes with planned, expected and
// delivered hours (all staff read them; «Только мои» narrows), and for the administration the
// coverage of the year's load — class × subject, with or without a programme.
import { Alert, Anchor, Badge, Button, Group, Paper, SegmentedControl, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import type { CoverageDto, HoursDto, ProgrammeLoadListDto, WorkProgrammeListDto } from '../../../../../contracts/work-programmes';
import { errorMessage } from '../../../lib/api';
import { shortName } from '../../identity/names';
import { QueryView, ScrollTable, useOrgAccess } from '../../org/components/org-ui';
import { coverageQuery, programmeLoadQuery, programmesQuery, useCreateProgramme } from '../api/work-programmes';

/** «12 из 102 ч» style figures; a dash when unknown. */
export const hoursText = (h: number | null): string => (h === null ? '—' : String(h).replace('.', ','));
const unitName = (u: { class: { name: string } | null; studyGroup: { name: string } | null }): string => u.class?.name ?? u.studyGroup?.name ?? '';

/** A link to a programme's page. */
export function ProgrammeLink({ id, children }: { id: string; children: React.ReactNode }) {
  return <Anchor renderRoot={(props) => <Link {...props} to="/journal/programmes/$programmeId" params={{ programmeId: id }} />}>{children}</Anchor>;
}

/** Planned against expected hours: a badge that says whether the plan adds up. */
export function PlanBadge({ hours }: { hours: HoursDto }) {
  if (hours.expected === null) return <Badge variant="light" color="gray">нет нагрузки</Badge>;
  const diff = hours.planned - hours.expected;
  if (diff === 0) return <Badge variant="light" color="green">сходится</Badge>;
  return <Badge variant="light" color={diff < 0 ? 'yellow' : 'red'}>{diff < 0 ? `не хватает ${-diff} ч` : `лишних ${diff} ч`}</Badge>;
}

export function ProgrammesPage() {
  const { schoolId, can } = useOrgAccess();
  const [view, setView] = useState<'programmes' | 'coverage'>('programmes');
  if (!schoolId) return <Alert color="yellow">Выберите школу</Alert>;
  const canWrite = can('workProgramme', 'write');
  return (
    <Stack gap="md">
      <Title order={1}>Рабочие программы</Title>
      <Group gap="md">
        <Anchor component={Link} to="/journal">← Журнал</Anchor>
        <Anchor component={Link} to="/journal/codifiers">Кодификаторы КЭС</Anchor>
      </Group>
      {canWrite && <LoadRows schoolId={schoolId} />}
      <SegmentedControl
        value={view}
        onChange={(v) => setView(v as typeof view)}
        data={[{ value: 'programmes', label: 'Программы' }, { value: 'coverage', label: 'Покрытие нагрузки' }]}
        aria-label="Что показать"
        w="fit-content"
      />
      {view === 'programmes' ? <ProgrammeList schoolId={schoolId} /> : <Coverage schoolId={schoolId} />}
    </Stack>
  );
}

function LoadRows({ schoolId }: { schoolId: string }) {
  const load = useQuery(programmeLoadQuery(schoolId));
  const create = useCreateProgramme(schoolId);
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const make = (teachingLoadId: string, copyFromLastYear: boolean) => {
    setError(null);
    create.mutate({ teachingLoadId, ...(copyFromLastYear ? { copyFromLastYear: true } : {}) }, {
      onSuccess: (p) => void navigate({ to: '/journal/programmes/$programmeId', params: { programmeId: p.id } }),
      onError: (e) => setError(errorMessage(e)),
    });
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="load-rows">
      <Title order={2} size="h4" id="load-rows" mb="xs">Нагрузка: для чего нужны программы</Title>
      {error && <Alert color="red" variant="light" role="alert" mb="xs">{error}</Alert>}
      <QueryView query={load} label="нагрузка">
        {(data: ProgrammeLoadListDto) => (
          <ScrollTable label="Строки нагрузки" minWidth={640} head={['Класс, группа', 'Предмет', 'Учитель', 'Часов за год', 'Программа']}
            empty={data.items.length === 0 ? 'В нагрузке этого года нет ваших классов' : null}>
            {data.items.map((row) => (
              <Table.Tr key={row.teachingLoadId}>
                <Table.Td>{unitName(row)}</Table.Td>
                <Table.Td>{row.subject.name}</Table.Td>
                <Table.Td>{shortName(row.employee)}</Table.Td>
                <Table.Td>{hoursText(row.hoursPerWeek)} ч × {hoursText(row.weeks)} нед. = {row.yearHours} ч</Table.Td>
                <Table.Td>
                  {row.workProgrammeId ? (
                    <ProgrammeLink id={row.workProgrammeId}>Открыть</ProgrammeLink>
                  ) : (
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" onClick={() => make(row.teachingLoadId, false)} loading={create.isPending}
                        aria-label={`Создать программу: ${unitName(row)}, ${row.subject.name}`}>Создать</Button>
                      <Button size="xs" variant="light" onClick={() => make(row.teachingLoadId, true)} loading={create.isPending}
                        aria-label={`Создать из прошлогодней: ${unitName(row)}, ${row.subject.name}`}>Из прошлого года</Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </ScrollTable>
        )}
      </QueryView>
    </Paper>
  );
}

function ProgrammeList({ schoolId }: { schoolId: string }) {
  const [mine, setMine] = useState(false);
  const list = useQuery(programmesQuery(schoolId, { mine }));
  return (
    <Stack gap="xs">
      <Switch label="Только мои" checked={mine} onChange={(e) => setMine(e.currentTarget.checked)} />
      <QueryView query={list} label="рабочие программы">
        {(data: WorkProgrammeListDto) => (
          <ScrollTable label="Рабочие программы" minWidth={760} head={['Программа', 'Класс, группа', 'Учитель', 'Тем', 'По плану, ч', 'По нагрузке, ч', 'Проведено, ч', '']}
            empty={data.items.length === 0 ? 'Программ пока нет' : null}>
            {data.items.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td><ProgrammeLink id={p.id}>{p.title}</ProgrammeLink></Table.Td>
                <Table.Td>{unitName(p)}</Table.Td>
                <Table.Td>{shortName(p.employee)}</Table.Td>
                <Table.Td>{p.topics}</Table.Td>
                <Table.Td>{p.hours.planned}</Table.Td>
                <Table.Td>{hoursText(p.hours.expected)}</Table.Td>
                <Table.Td>{p.hours.delivered}</Table.Td>
                <Table.Td><PlanBadge hours={p.hours} /></Table.Td>
              </Table.Tr>
            ))}
          </ScrollTable>
        )}
      </QueryView>
    </Stack>
  );
}

function Coverage({ schoolId }: { schoolId: string }) {
  const coverage = useQuery(coverageQuery(schoolId));
  return (
    <QueryView query={coverage} label="покрытие нагрузки">
      {(data: CoverageDto) => (
        <Stack gap="xs">
          <Text size="sm">Строк нагрузки: {data.total}; без рабочей программы: <b>{data.withoutProgramme}</b>.</Text>
          <ScrollTable label="Покрытие нагрузки программами" minWidth={760} head={['Класс, группа', 'Предмет', 'Учитель', 'Программа', 'По плану, ч', 'По нагрузке, ч', 'Проведено, ч']}
            empty={data.items.length === 0 ? 'Нагрузка этого года пуста' : null}>
            {data.items.map((row) => (
              <Table.Tr key={row.teachingLoadId}>
                <Table.Td>{unitName(row)}</Table.Td>
                <Table.Td>{row.subject.name}</Table.Td>
                <Table.Td>{shortName(row.employee)}</Table.Td>
                <Table.Td>
                  {row.workProgrammeId
                    ? <ProgrammeLink id={row.workProgrammeId}>Открыть</ProgrammeLink>
                    : <Badge color="red" variant="light">нет</Badge>}
                </Table.Td>
                <Table.Td>{row.hours.planned}</Table.Td>
                <Table.Td>{hoursText(row.hours.expected)}</Table.Td>
                <Table.Td>{row.hours.delivered}</Table.Td>
              </Table.Tr>
            ))}
          </ScrollTable>
        </Stack>
      )}
    </QueryView>
  );
}

// «Учебные планы»: the curricula of a year by grade (with their total against the СанПиН maximum and
// warnings), made empty, from a sample or copied from last year; the extracurricular plan on its
// own tab; individual curricula (ИУП) of students.
import { Alert, Anchor, Badge, Button, Group, NativeSelect, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import type { CopyYearResultDto, CurriculumKind, CurriculumSummaryDto } from '../../../../../contracts/curricula';
import { errorMessage } from '../../../lib/api';
import { classesQuery, classStudentsQuery } from '../../org/api/org';
import { FormModal, QueryView, ScrollTable, useOrgAccess } from '../../org/components/org-ui';
import { fieldErrorsOf, formErrorOf } from '../../org/form-errors';
import { academicYearTitle } from '../../org/format';
import { YearNav } from '../../year/year-nav';
import { curriculaQuery, curriculumSamplesQuery, useCopyYear, useCreateCurriculum } from '../api/curricula';
import { curriculumPath, levelOfGrade, levelTitles } from '../format';

const currentYear = (): number => {
  const now = new Date();
  return now.getMonth() >= 7 ? now.getFullYear() : now.getFullYear() - 1;
};

export function CurriculaPage() {
  const { schoolId, can } = useOrgAccess();
  const thisYear = currentYear();
  const [year, setYear] = useState(thisYear);
  const [kind, setKind] = useState<CurriculumKind>('main');
  if (!schoolId) return <Alert color="yellow">Школа не выбрана</Alert>;
  const canWrite = can('yearSetup', 'write');
  return (
    <Stack gap="md">
      <Title order={1}>Учебные планы</Title>
      <YearNav />
      <NativeSelect
        label="Учебный год"
        value={String(year)}
        onChange={(e) => setYear(Number(e.currentTarget.value))}
        data={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: String(y), label: academicYearTitle(y) }))}
        maw={200}
      />
      <Tabs value={kind} onChange={(v) => setKind(v === 'extracurricular' ? 'extracurricular' : 'main')} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="main">Учебный план</Tabs.Tab>
          <Tabs.Tab value="extracurricular">Внеурочная деятельность</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <CurriculaOfYear key={`${year}-${kind}`} schoolId={schoolId} year={year} kind={kind} canWrite={canWrite} />
    </Stack>
  );
}

function CurriculaOfYear({ schoolId, year, kind, canWrite }: { schoolId: string; year: number; kind: CurriculumKind; canWrite: boolean }) {
  const list = useQuery(curriculaQuery(schoolId, year, kind));
  const classes = useQuery(classesQuery(schoolId, year));
  const navigate = useNavigate();
  const create = useCreateCurriculum(schoolId);
  const copy = useCopyYear(schoolId);
  const [copied, setCopied] = useState<CopyYearResultDto | null>(null);
  const [fromSample, setFromSample] = useState<number | null>(null);
  const [individual, setIndividual] = useState(false);
  const open = (id: string) => void navigate({ href: curriculumPath(id) });
  const what = kind === 'main' ? 'учебный план' : 'план внеурочной деятельности';

  return (
    <QueryView query={list} label="учебные планы">
      {(data) => {
        const classGrades = new Set((classes.data?.items ?? []).map((c) => c.grade));
        const grades = [...new Set([...classGrades, ...data.items.map((c) => c.grade)])].sort((a, b) => a - b);
        const ofGrade = (g: number) => data.items.find((c) => c.grade === g && !c.class && !c.student);
        const individuals = data.items.filter((c) => c.student);
        return (
          <Stack gap="sm">
            {canWrite && (
              <Group gap="xs">
                <Button variant="default" loading={copy.isPending}
                  onClick={() => copy.mutate({ fromYear: year - 1, toYear: year }, { onSuccess: setCopied })}>
                  Скопировать с прошлого года
                </Button>
              </Group>
            )}
            {copy.isError && <Alert color="red" role="alert">{errorMessage(copy.error)}</Alert>}
            {copied && (
              <Alert color={copied.created.length > 0 ? 'green' : 'gray'} role="status" withCloseButton onClose={() => setCopied(null)}>
                Скопировано планов: {copied.created.length}; пропущено: {copied.skipped.length}
                {copied.skipped.length > 0 && ` (${[...new Set(copied.skipped.map((s) => s.message))].join('; ')})`}.
              </Alert>
            )}
            {create.isError && <Alert color="red" role="alert">{errorMessage(create.error)}</Alert>}
            <ScrollTable
              label={kind === 'main' ? 'Учебные планы по параллелям' : 'Планы внеурочной деятельности по параллелям'}
              minWidth={640}
              head={['Параллель', 'План', 'Часов в неделю', 'Замечания', '']}
              empty={grades.length === 0 ? 'В этом учебном году нет классов и планов' : null}
            >
              {grades.flatMap((g) => {
                const main = ofGrade(g);
                const own = data.items.filter((c) => c.grade === g && c.class);
                return [
                  <Table.Tr key={g}>
                    <Table.Td fw={600}>{g} класс</Table.Td>
                    {main ? <SummaryCells c={main} /> : <Table.Td colSpan={3}><Text c="dimmed" size="sm">Плана нет</Text></Table.Td>}
                    <Table.Td>
                      {!main && canWrite && (
                        <Group gap={4} wrap="nowrap">
                          <Button size="xs" variant="light" aria-label={`Создать по образцу: ${g} класс`} onClick={() => setFromSample(g)}>Создать по образцу</Button>
                          <Button size="xs" variant="default" aria-label={`Создать пустой: ${g} класс`} loading={create.isPending && create.variables?.grade === g}
                            onClick={() => create.mutate({ academicYear: year, kind, grade: g }, { onSuccess: (c) => open(c.id) })}>
                            Создать пустой
                          </Button>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>,
                  ...own.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td>{c.class!.name}</Table.Td>
                      <SummaryCells c={c} />
                      <Table.Td />
                    </Table.Tr>
                  )),
                ];
              })}
            </ScrollTable>

            {kind === 'main' && (
              <Stack gap="xs">
                <Group justify="space-between">
                  <Title order={2} size="h3">ИУП</Title>
                  {canWrite && <Button variant="default" onClick={() => setIndividual(true)}>Создать ИУП</Button>}
                </Group>
                <ScrollTable label="Индивидуальные учебные планы" minWidth={560} head={['Ученик', 'План', 'Часов в неделю', 'Замечания']}
                  empty={individuals.length === 0 ? 'Индивидуальных учебных планов нет' : null}>
                  {individuals.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td>{c.student!.name}, {c.grade} класс</Table.Td>
                      <SummaryCells c={c} />
                    </Table.Tr>
                  ))}
                </ScrollTable>
              </Stack>
            )}

            {fromSample !== null && (
              <FromSampleForm schoolId={schoolId} year={year} kind={kind} grade={fromSample} what={what}
                onClose={() => setFromSample(null)} onCreated={(id) => { setFromSample(null); open(id); }} />
            )}
            {individual && (
              <IndividualForm schoolId={schoolId} year={year} gradePlans={data.items.filter((c) => !c.class && !c.student)}
                onClose={() => setIndividual(false)} onCreated={(id) => { setIndividual(false); open(id); }} />
            )}
          </Stack>
        );
      }}
    </QueryView>
  );
}

function SummaryCells({ c }: { c: CurriculumSummaryDto }) {
  const over = c.weeklyMax !== null && c.total > c.weeklyMax;
  return (
    <>
      <Table.Td><Anchor component={Link} to={curriculumPath(c.id)}>{c.name}</Anchor></Table.Td>
      <Table.Td>
        <Text span c={over ? 'orange' : undefined} fw={over ? 600 : undefined}>
          {c.total}{c.weeklyMax !== null ? ` из ${c.weeklyMax}` : ''}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {c.errorCount > 0 && <Badge color="red" variant="light">Ошибок: {c.errorCount}</Badge>}
          {c.warningCount > 0 && <Badge color="orange" variant="light">Предупреждений: {c.warningCount}</Badge>}
          {c.errorCount === 0 && c.warningCount === 0 && <Badge color="green" variant="light">В норме</Badge>}
          {c.sample && c.sample.latestVersion > c.sample.version && <Badge color="blue" variant="light">Образец обновлён</Badge>}
        </Group>
      </Table.Td>
    </>
  );
}

function FromSampleForm({ schoolId, year, kind, grade, what, onClose, onCreated }: {
  schoolId: string; year: number; kind: CurriculumKind; grade: number; what: string; onClose: () => void; onCreated: (id: string) => void;
}) {
  const samples = useQuery(curriculumSamplesQuery(schoolId));
  const create = useCreateCurriculum(schoolId);
  const level = levelOfGrade(grade);
  const options = (samples.data ?? []).filter((s) => s.level === null || s.level === level);
  const [sampleId, setSampleId] = useState('');
  const chosen = sampleId || options[0]?.id || '';
  const errors = fieldErrorsOf(create.error);
  return (
    <FormModal opened onClose={onClose} title={`${grade} класс: ${what} по образцу`} submitLabel="Создать"
      pending={create.isPending} error={formErrorOf(create.error, ['fromSample.sampleId'])}
      onSubmit={() => { if (chosen) create.mutate({ academicYear: year, kind, grade, fromSample: { sampleId: chosen } }, { onSuccess: (c) => onCreated(c.id) }); }}>
      {samples.isPending ? <Text size="sm">Загрузка образцов…</Text>
        : options.length === 0 ? <Alert color="yellow">Образцов учебных планов для уровня «{levelTitles[level]}» нет. Создайте пустой план.</Alert>
          : (
            <NativeSelect label="Образец" value={chosen} onChange={(e) => setSampleId(e.currentTarget.value)} error={errors['fromSample.sampleId']}
              data={options.map((s) => ({ value: s.id, label: `${s.name} (версия ${s.version})` }))} />
          )}
    </FormModal>
  );
}

function IndividualForm({ schoolId, year, gradePlans, onClose, onCreated }: {
  schoolId: string; year: number; gradePlans: CurriculumSummaryDto[]; onClose: () => void; onCreated: (id: string) => void;
}) {
  const classes = useQuery(classesQuery(schoolId, year));
  const [classId, setClassId] = useState('');
  const [studentId, setStudentId] = useState('');
  const students = useQuery({ ...classStudentsQuery(schoolId, classId), enabled: classId !== '' });
  const create = useCreateCurriculum(schoolId);
  const errors = fieldErrorsOf(create.error);
  const klass = classes.data?.items.find((c) => c.id === classId);
  const start = klass ? gradePlans.find((c) => c.grade === klass.grade) : undefined;
  return (
    <FormModal opened onClose={onClose} title="Новый индивидуальный учебный план" submitLabel="Создать ИУП"
      pending={create.isPending} error={formErrorOf(create.error, ['studentId'])}
      onSubmit={() => {
        if (!studentId) return;
        create.mutate(start ? { academicYear: year, copyFrom: start.id, studentId } : { academicYear: year, studentId }, { onSuccess: (c) => onCreated(c.id) });
      }}>
      <NativeSelect label="Класс" value={classId} onChange={(e) => { setClassId(e.currentTarget.value); setStudentId(''); }}
        data={[{ value: '', label: 'Выберите класс' }, ...(classes.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))]} />
      <NativeSelect label="Ученик" value={studentId} onChange={(e) => setStudentId(e.currentTarget.value)} disabled={classId === ''} error={errors['studentId']}
        data={[{ value: '', label: 'Выберите ученика' }, ...(students.data?.items ?? []).map((s) => ({ value: s.studentId, label: `${s.lastName} ${s.firstName}` }))]} />
      <Text size="sm" c="dimmed">{start ? `Строки будут скопированы из плана «${start.name}».` : 'План параллели не найден: ИУП будет пустым.'}</Text>
    </FormModal>
  );
}

// «Предметы»: the school's subjects, optional and extracurricular courses (added by hand or from
// the ФГОС catalogue), and the additional programmes with their groups. Those who set up the year
// see the forms; the rest of the staff see the tables.
import { Alert, Tabs, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useOrgAccess } from '../../org/components/org-ui';
import { YearNav } from '../../year/year-nav';
import { ProgrammesTab } from './programmes-tab';
import { SubjectsTab } from './subjects-tab';

export function SubjectsPage() {
  const { schoolId, can } = useOrgAccess();
  const [tab, setTab] = useState<string | null>('subjects');
  const canWrite = can('yearSetup', 'write');
  return (
    <Stack gap="md">
      <Title order={1}>Предметы</Title>
      <YearNav />
      {schoolId === null && <Alert color="gray">Выберите школу, чтобы увидеть её предметы.</Alert>}
      {schoolId !== null && !can('yearSetup', 'read') && <Alert color="gray">Предметы и программы школы настраивают её сотрудники.</Alert>}
      {schoolId !== null && can('yearSetup', 'read') && (
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List style={{ overflowX: 'auto', flexWrap: 'nowrap' }}>
            <Tabs.Tab value="subjects">Предметы</Tabs.Tab>
            <Tabs.Tab value="programmes">Доп. образование</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="subjects" pt="md"><SubjectsTab schoolId={schoolId} canWrite={canWrite} /></Tabs.Panel>
          <Tabs.Panel value="programmes" pt="md"><ProgrammesTab schoolId={schoolId} canWrite={canWrite} /></Tabs.Panel>
        </Tabs>
      )}
    </Stack>
  );
}

// «Люди и доступ»: the school's staff, classes, students, guardians and study groups in tabs, and
// the ways to imports, roles and the security log. Each tab shows only if the person's roles may
// read it; the forms only if they may write.
import { Alert, Anchor, Group, Stack, Tabs, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { Resource } from '../../../../../domain/access';
import { ClassesTab } from './classes-tab';
import { EmployeesTab } from './employees-tab';
import { GuardiansTab } from './guardians-tab';
import { useOrgAccess } from './org-ui';
import { StudentsTab } from './students-tab';
import { StudyGroupsTab } from './study-groups-tab';

type Tab = { value: string; title: string; resource: Resource; Component: (p: { schoolId: string; canWrite: boolean }) => React.ReactNode };

const tabs: readonly Tab[] = [
  { value: 'employees', title: 'Сотрудники', resource: 'employee', Component: EmployeesTab },
  { value: 'classes', title: 'Классы', resource: 'class', Component: ClassesTab },
  { value: 'students', title: 'Ученики', resource: 'student', Component: StudentsTab },
  { value: 'guardians', title: 'Родители', resource: 'guardian', Component: GuardiansTab },
  { value: 'groups', title: 'Группы', resource: 'studyGroup', Component: StudyGroupsTab },
];

export function OrgPage() {
  const { schoolId, can } = useOrgAccess();
  const shown = tabs.filter((t) => can(t.resource, 'read'));
  const [tab, setTab] = useState<string | null>(null);
  const active = shown.some((t) => t.value === tab) ? tab : (shown[0]?.value ?? null);

  return (
    <Stack gap="md">
      <Title order={1}>Люди и доступ</Title>
      <Group gap="lg" component="nav" aria-label="Разделы о людях и доступе">
        {can('importJob', 'read') && <Anchor component={Link} to="/org/imports">Импорт</Anchor>}
        {can('roleGrant', 'read') && <Anchor component={Link} to="/org/access">Доступ и роли</Anchor>}
        {can('securityEvent', 'read') && <Anchor component={Link} to="/org/security">Журнал безопасности</Anchor>}
      </Group>
      {schoolId === null && <Alert color="gray">Выберите школу, чтобы увидеть её людей.</Alert>}
      {schoolId !== null && shown.length === 0 && <Alert color="gray">Здесь для вас ничего нет: ваши роли не дают доступа к спискам школы.</Alert>}
      {schoolId !== null && shown.length > 0 && (
        <Tabs value={active} onChange={setTab} keepMounted={false}>
          <Tabs.List style={{ overflowX: 'auto', flexWrap: 'nowrap' }}>
            {shown.map((t) => <Tabs.Tab key={t.value} value={t.value}>{t.title}</Tabs.Tab>)}
          </Tabs.List>
          {shown.map(({ value, resource, Component }) => (
            <Tabs.Panel key={value} value={value} pt="md">
              <Component schoolId={schoolId} canWrite={can(resource, 'write')} />
            </Tabs.Panel>
          ))}
        </Tabs>
      )}
    </Stack>
  );
}

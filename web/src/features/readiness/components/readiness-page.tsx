// «Готовность к учебному году» (regulation 3.2): the checklist of the year — each item with an
// icon and a text status, what is missing, and a link to the page that fixes it; «Готово N из M».
import { Alert, Anchor, Group, NativeSelect, Paper, Progress, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { ReadinessItemDto } from '../../../../../contracts/readiness';
import type { ReadinessStatus } from '../../../../../domain/readiness';
import { QueryView, useOrgAccess } from '../../org/components/org-ui';
import { academicYearTitle } from '../../org/format';
import { YearNav } from '../../year/year-nav';
import { readinessQuery } from '../api/readiness';

const statusLook: Record<ReadinessStatus, { text: string; color: string; glyph: string; action: string | null }> = {
  ready: { text: 'Готово', color: 'green', glyph: '✓', action: 'Открыть' },
  missing: { text: 'Не заполнено', color: 'red', glyph: '✕', action: 'Заполнить' },
  warning: { text: 'Есть замечания', color: 'orange', glyph: '!', action: 'Исправить' },
  notAvailable: { text: 'Пока недоступно', color: 'gray', glyph: '…', action: null },
};

export function ReadinessPage() {
  const { schoolId } = useOrgAccess();
  // null: the year the server counts as current.
  const [year, setYear] = useState<number | null>(null);
  return (
    <Stack gap="md">
      <Title order={1}>Готовность к учебному году</Title>
      <YearNav />
      {schoolId === null
        ? <Alert color="gray">Выберите школу, чтобы увидеть её готовность к учебному году.</Alert>
        : <Checklist schoolId={schoolId} year={year} onYear={setYear} />}
    </Stack>
  );
}

function Checklist({ schoolId, year, onYear }: { schoolId: string; year: number | null; onYear: (y: number) => void }) {
  const readiness = useQuery(readinessQuery(schoolId, year));
  return (
    <QueryView query={readiness} label="готовность учебного года">
      {(data) => (
        <Stack gap="md">
          <NativeSelect
            label="Учебный год"
            value={String(data.academicYear)}
            onChange={(e) => onYear(Number(e.currentTarget.value))}
            data={[data.academicYear - 1, data.academicYear, data.academicYear + 1].map((y) => ({ value: String(y), label: academicYearTitle(y) }))}
            maw={200}
          />
          <Stack gap={4}>
            <Text fw={600} aria-live="polite">Готово {data.ready} из {data.total}</Text>
            <Progress value={data.total === 0 ? 0 : (100 * data.ready) / data.total} color={data.ready === data.total ? 'green' : 'blue'}
              aria-label={`Готово ${data.ready} из ${data.total}`} />
          </Stack>
          <Stack component="ol" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Пункты готовности">
            {data.items.map((item) => <ChecklistItem key={item.key} item={item} />)}
          </Stack>
        </Stack>
      )}
    </QueryView>
  );
}

function ChecklistItem({ item }: { item: ReadinessItemDto }) {
  const look = statusLook[item.status];
  return (
    <Paper component="li" withBorder p="sm" radius="sm" data-status={item.status}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon color={look.color} variant="light" radius="xl" size="md" aria-hidden>
          <span style={{ fontWeight: 700 }}>{look.glyph}</span>
        </ThemeIcon>
        <Stack gap={2} style={{ flexGrow: 1, minWidth: 0 }}>
          <Group gap="xs" justify="space-between" wrap="wrap">
            <Text fw={600}>{item.title}</Text>
            <Text size="sm" fw={600} c={look.color === 'gray' ? 'dimmed' : `${look.color}.8`}>{look.text}</Text>
          </Group>
          <Text size="sm">{item.detail}</Text>
          {look.action && (
            <Anchor component={Link} to={item.link as '/year'} size="sm" aria-label={`${look.action}: ${item.title}`}>
              {look.action}
            </Anchor>
          )}
        </Stack>
      </Group>
    </Paper>
  );
}

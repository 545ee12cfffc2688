// The evaluation of a timetable version, always beside its grid: hard violations (there must be
// none) in Russian, the soft penalty by constraint, and lessons the load no longer has.
import { Badge, Group, List, Paper, ScrollArea, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { TimetableEvaluationDto } from '../../../../../contracts/timetable-versions';

const number = (x: number): string => x.toLocaleString('ru-RU', { maximumFractionDigits: 2 });

/** The soft penalty by rule: the constraints of one meaning and weight summed, the largest first. */
export function softByRule(byConstraint: TimetableEvaluationDto['byConstraint']): { meaning: string; weight: number; count: number; penalty: number }[] {
  const rules = new Map<string, { meaning: string; weight: number; count: number; penalty: number }>();
  for (const c of byConstraint) {
    if (c.weight >= 100 || c.penalty <= 0) continue;
    const key = `${c.kind}|${c.weight}`;
    const rule = rules.get(key) ?? { meaning: c.meaning, weight: c.weight, count: 0, penalty: 0 };
    rule.count += 1;
    rule.penalty += c.penalty;
    rules.set(key, rule);
  }
  return [...rules.values()].sort((a, b) => b.penalty - a.penalty);
}

const wrap = { whiteSpace: 'normal', height: 'auto', textAlign: 'left' } as const;

export function EvaluationPanel({ evaluation }: { evaluation: TimetableEvaluationDto | null }) {
  if (!evaluation) {
    return <Paper withBorder p="sm"><Text c="dimmed" size="sm">Версия ещё не оценена.</Text></Paper>;
  }
  const soft = softByRule(evaluation.byConstraint);
  const more = evaluation.hard - evaluation.violations.length;
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="timetable-evaluation-title">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h4" id="timetable-evaluation-title">Оценка расписания</Title>
          <Group gap="xs">
            <Badge size="lg" color={evaluation.hard > 0 ? 'red' : 'green'} variant="light" style={wrap}>Нарушений обязательных правил: {evaluation.hard}</Badge>
            <Badge size="lg" color="gray" variant="light" style={wrap}>Штраф по мягким правилам: {number(evaluation.softPenalty)}</Badge>
          </Group>
        </Group>
        {(evaluation.violations.length > 0 || soft.length > 0 || evaluation.orphans.length > 0 || evaluation.outsideGrid.length > 0) && (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
            {evaluation.violations.length > 0 && (
              <Stack gap={4}>
                <Text size="sm" fw={600} id="timetable-violations-title">Нарушения обязательных правил</Text>
                <ScrollArea.Autosize mah={180} type="auto">
                  <List size="sm" spacing={2} aria-labelledby="timetable-violations-title" c="red.8">
                    {evaluation.violations.map((v, i) => <List.Item key={i}>{v.message}</List.Item>)}
                  </List>
                  {more > 0 && <Text size="sm" c="dimmed">…и ещё {more}</Text>}
                </ScrollArea.Autosize>
              </Stack>
            )}
            {soft.length > 0 && (
              <Stack gap={4}>
                <Text size="sm" fw={600} id="timetable-soft-title">Штраф по мягким правилам</Text>
                <ScrollArea.Autosize mah={180} type="auto">
                  <Table fz="sm" verticalSpacing={2} aria-labelledby="timetable-soft-title">
                    <Table.Thead><Table.Tr><Table.Th scope="col">Правило</Table.Th><Table.Th scope="col">Вес, %</Table.Th><Table.Th scope="col">Где нарушено</Table.Th><Table.Th scope="col">Штраф</Table.Th></Table.Tr></Table.Thead>
                    <Table.Tbody>
                      {soft.map((c, i) => (
                        <Table.Tr key={i}><Table.Td>{c.meaning}</Table.Td><Table.Td>{number(c.weight)}</Table.Td><Table.Td>{c.count}</Table.Td><Table.Td>{number(c.penalty)}</Table.Td></Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollArea.Autosize>
              </Stack>
            )}
            {evaluation.orphans.length > 0 && (
              <Stack gap={4}>
                <Text size="sm" fw={600} id="timetable-orphans-title">Уроки, которых больше нет в нагрузке</Text>
                <List size="sm" spacing={2} aria-labelledby="timetable-orphans-title">
                  {evaluation.orphans.map((o) => <List.Item key={o.lessonId}>{o.message}</List.Item>)}
                </List>
              </Stack>
            )}
            {evaluation.outsideGrid.length > 0 && (
              <Stack gap={4}>
                <Text size="sm" fw={600} id="timetable-outside-title">Внеурочная деятельность и доп. образование не в расписании</Text>
                <List size="sm" spacing={2} aria-labelledby="timetable-outside-title">
                  {evaluation.outsideGrid.map((o) => <List.Item key={o.teachingLoadId}>{o.message}</List.Item>)}
                </List>
              </Stack>
            )}
          </SimpleGrid>
        )}
      </Stack>
    </Paper>
  );
}

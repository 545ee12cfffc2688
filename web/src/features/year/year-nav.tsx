// The pages of «Учебный год» in the order a journal administrator prepares the year (regulation
// 3.2); every page of the section shows this bar under its title.
import { Anchor, Group } from '@mantine/core';
import { Link } from '@tanstack/react-router';

export const yearPages = [
  { to: '/year', title: 'Готовность' },
  { to: '/year/rooms', title: 'Кабинеты' },
  { to: '/year/subjects', title: 'Предметы' },
  { to: '/year/calendar', title: 'Календарный график' },
  { to: '/year/regimes', title: 'Режимы и звонки' },
  { to: '/year/control-forms', title: 'Формы контроля' },
  { to: '/year/periods', title: 'Периоды аттестации' },
  { to: '/year/policy', title: 'Правила выставления' },
  { to: '/year/curricula', title: 'Учебные планы' },
  { to: '/year/load', title: 'Нагрузка' },
  { to: '/year/samples', title: 'Образцы' },
] as const;

export type YearPagePath = (typeof yearPages)[number]['to'];

export function YearNav() {
  return (
    <Group gap="md" component="nav" aria-label="Подготовка учебного года" wrap="wrap">
      {yearPages.map((p) => (
        <Anchor key={p.to} component={Link} to={p.to} activeOptions={{ exact: true }}
          activeProps={{ style: { fontWeight: 700 } }}>
          {p.title}
        </Anchor>
      ))}
    </Group>
  );
}

// The pages of «Учебный год» in the order a journal administrator prepares the year (regulation
// 3.2); every page of the section shows this bar under its title.
import { Anchor, Group } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Link, useLocation } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';

export const yearPages = [
  { to: '/year', title: 'Готовность' },
  { to: '/year/rooms', title: 'Кабинеты' },
  { to: '/year/subjects', title: 'Предметы' },
  { to: '/year/calendar', title: 'Календарный график' },
  { to: '/year/regimes', title: 'Режимы и звонки' },
  { to: '/year/control-forms', title: 'Формы контроля' },
  { to: '/year/attendance-codes', title: 'Коды посещаемости' },
  { to: '/year/periods', title: 'Периоды аттестации' },
  { to: '/year/policy', title: 'Правила выставления' },
  { to: '/year/curricula', title: 'Учебные планы' },
  { to: '/year/load', title: 'Нагрузка' },
  { to: '/year/samples', title: 'Образцы' },
] as const;

export type YearPagePath = (typeof yearPages)[number]['to'];

export function YearNav() {
  const nav = useRef<HTMLDivElement>(null);
  const { pathname } = useLocation();
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  // Brings the current page's link into the visible part of the row.
  useEffect(() => {
    const current = nav.current?.querySelector<HTMLElement>('[aria-current="page"]');
    if (current && nav.current) nav.current.scrollLeft = current.offsetLeft - nav.current.offsetLeft - 16;
  }, [pathname, phone]);
  return (
    // On a phone, one row that scrolls sideways in its own box: the eleven pages would otherwise
    // push the page's content below the first screen. Wider screens wrap it.
    <Group ref={nav} gap="md" component="nav" aria-label="Подготовка учебного года" wrap={phone ? 'nowrap' : 'wrap'}
      style={phone ? { overflowX: 'auto', whiteSpace: 'nowrap', paddingBottom: 4, scrollbarWidth: 'thin' } : undefined}>
      {yearPages.map((p) => (
        <Anchor key={p.to} component={Link} to={p.to} activeOptions={{ exact: true }}
          activeProps={{ style: { fontWeight: 700 } }}>
          {p.title}
        </Anchor>
      ))}
    </Group>
  );
}

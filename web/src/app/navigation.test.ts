import { describe, expect, it } from 'vitest';
import { schoolRoles, type SchoolRole } from '../../../domain/roles';
import { canOpenSection, navigationFor } from './navigation';

const titles = (roles: SchoolRole[]) => navigationFor(roles).map((item) => item.title);

describe('navigationFor', () => {
  it('gives a person with no role in the school only the home page and messages', () => {
    expect(navigationFor([])).toEqual([
      { title: 'Главная', to: '/' },
      { title: 'Сообщения', to: '/messages' },
    ]);
  });

  it('gives a subject teacher the journal and the timetable', () => {
    expect(titles(['subjectTeacher'])).toEqual(['Главная', 'Журнал', 'Расписание', 'Документы школы', 'Сообщения']);
  });

  it('adds «Мой класс» for a class teacher', () => {
    expect(titles(['classTeacher'])).toEqual(['Главная', 'Журнал', 'Расписание', 'Мой класс', 'Документы школы', 'Сообщения']);
    expect(titles(['subjectTeacher', 'classTeacher'])).toEqual(['Главная', 'Журнал', 'Расписание', 'Мой класс', 'Документы школы', 'Сообщения']);
  });

  it.each(['director', 'deputy', 'journalAdmin'] as const)('gives %s the administration sections', (role) => {
    expect(titles([role])).toEqual([
      'Главная', 'Журнал', 'Расписание', 'Учебный год', 'Люди и доступ', 'Отчёты', 'Документы школы', 'Сообщения',
    ]);
  });

  it.each(['student', 'guardian'] as const)('gives %s the diary and the timetable, not the journal', (role) => {
    expect(titles([role])).toEqual(['Главная', 'Дневник', 'Расписание', 'Документы школы', 'Сообщения']);
  });

  it('lists each section once, in menu order, whatever the roles', () => {
    const all = navigationFor([...schoolRoles].reverse());
    const paths = all.map((item) => item.to);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).toEqual(['/', '/journal', '/diary', '/timetable', '/class', '/year', '/org', '/reports', '/documents', '/messages']);
  });

  it('always starts with «Главная» and ends with «Сообщения»', () => {
    for (const role of schoolRoles) {
      const items = navigationFor([role]);
      expect(items[0]?.title).toBe('Главная');
      expect(items.at(-1)?.title).toBe('Сообщения');
    }
  });

  it('agrees with canOpenSection', () => {
    expect(canOpenSection(['student'], '/journal')).toBe(false);
    expect(canOpenSection(['student'], '/diary')).toBe(true);
    expect(canOpenSection(['director'], '/reports')).toBe(true);
  });
});

describe('navigation for region and municipality administrators', () => {
  it('opens the schools of their area and nothing of a school', () => {
    expect(navigationFor(['regionAdmin']).map((i) => i.title)).toEqual(['Главная', 'Школы', 'Сообщения']);
    expect(navigationFor(['municipalityAdmin']).map((i) => i.to)).toContain('/area');
    expect(navigationFor(['director']).map((i) => i.to)).not.toContain('/area');
  });
});

// Which sections of the site a person sees, from their roles in the active school.
import type { Role } from '../../../domain/access';
import type { SchoolRole } from '../../../domain/roles';

export type SectionPath = '/' | '/journal' | '/diary' | '/timetable' | '/class' | '/year' | '/org' | '/area' | '/reports' | '/documents' | '/messages';

export type NavigationItem = {
  title: string;
  to: SectionPath;
};

type Section = NavigationItem & {
  /** Null: every signed-in person sees it. */
  roles: readonly Role[] | null;
};

const administration = ['director', 'deputy', 'journalAdmin'] as const satisfies readonly SchoolRole[];
const teachers = ['subjectTeacher', 'classTeacher'] as const satisfies readonly SchoolRole[];
const family = ['student', 'guardian'] as const satisfies readonly SchoolRole[];

// The order here is the order of the menu.
export const sections: readonly Section[] = [
  { title: 'Главная', to: '/', roles: null },
  { title: 'Журнал', to: '/journal', roles: [...teachers, ...administration] },
  { title: 'Дневник', to: '/diary', roles: family },
  { title: 'Расписание', to: '/timetable', roles: [...teachers, ...administration, ...family] },
  { title: 'Мой класс', to: '/class', roles: ['classTeacher'] },
  { title: 'Учебный год', to: '/year', roles: administration },
  { title: 'Люди и доступ', to: '/org', roles: administration },
  { title: 'Школы', to: '/area', roles: ['regionAdmin', 'municipalityAdmin'] },
  { title: 'Отчёты', to: '/reports', roles: administration },
  { title: 'Документы школы', to: '/documents', roles: [...teachers, ...administration, ...family] },
  { title: 'Сообщения', to: '/messages', roles: null },
];

/** Roles are the school roles in the active school plus any region or municipality roles. */
export const navigationFor = (roles: readonly Role[]): NavigationItem[] =>
  sections
    .filter((section) => section.roles === null || section.roles.some((role) => roles.includes(role)))
    .map(({ title, to }) => ({ title, to }));

export const canOpenSection = (roles: readonly Role[], to: SectionPath): boolean =>
  navigationFor(roles).some((item) => item.to === to);

// Roles a person may hold, and how the UI and the server rank them (SPEC A3, A5).
export const schoolRoles = ['director', 'deputy', 'journalAdmin', 'subjectTeacher', 'classTeacher', 'student', 'guardian'] as const;
export type SchoolRole = (typeof schoolRoles)[number];

export const areaRoles = ['regionAdmin', 'municipalityAdmin'] as const;
export type AreaRole = (typeof areaRoles)[number];

export const roleTitles: Record<SchoolRole | AreaRole, string> = {
  director: 'Директор',
  deputy: 'Заместитель директора',
  journalAdmin: 'Администратор журнала',
  subjectTeacher: 'Учитель',
  classTeacher: 'Классный руководитель',
  student: 'Ученик',
  guardian: 'Родитель',
  regionAdmin: 'Администратор региона',
  municipalityAdmin: 'Администратор муниципалитета',
};

const staffRoles: ReadonlySet<SchoolRole> = new Set(['director', 'deputy', 'journalAdmin', 'subjectTeacher', 'classTeacher']);
const administrationRoles: ReadonlySet<SchoolRole> = new Set(['director', 'deputy', 'journalAdmin']);

export const isStaffRole = (role: SchoolRole): boolean => staffRoles.has(role);
export const isAdministrationRole = (role: SchoolRole): boolean => administrationRoles.has(role);

/** Order in which a user's roles are listed: the broadest first. */
export const sortRoles = <R extends SchoolRole>(roles: readonly R[]): R[] =>
  [...roles].sort((a, b) => schoolRoles.indexOf(a) - schoolRoles.indexOf(b));

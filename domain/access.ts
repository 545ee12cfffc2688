// Who may do what (SPEC A1, A3, A5): the role × resource × action matrix, kept as data.
// The server enforces it on every route; a test per cell is generated from it. Anything not
// written here is denied.
import type { AreaRole, SchoolRole } from './roles';

export const resources = [
  'school', 'employee', 'class', 'student', 'guardian', 'studyGroup',
  'roleGrant', 'credential', 'importJob', 'securityEvent',
  'yearSetup', 'programmeDocument', 'sample', 'timetable',
  'workProgramme', 'journal', 'submission',
] as const;
export type Resource = (typeof resources)[number];

export const actions = ['read', 'write'] as const;
export type Action = (typeof actions)[number];

/** The actions a resource has at all: credentials are only issued, security events only read. */
export const actionsOf = (resource: Resource): readonly Action[] =>
  resource === 'credential' ? ['write'] : resource === 'securityEvent' ? ['read'] : actions;

/**
 * How far a permission reaches:
 * - `school`: everything of that resource in the school;
 * - `taught`: what the caller teaches this academic year (classes and study groups of their
 *   teaching load, the students in them);
 * - `ownClass`: the classes the caller is the class teacher of, their students and guardians;
 * - `children`: a guardian's own children (their records, classes, groups);
 * - `self`: the caller's own record (a student: themself and their class);
 * - `area`: the schools of a region or municipality administrator.
 */
export const scopes = ['school', 'taught', 'ownClass', 'children', 'self', 'area'] as const;
export type Scope = (typeof scopes)[number];

export type Role = SchoolRole | AreaRole;
type Cells = Partial<Record<Resource, Partial<Record<Action, Scope>>>>;

const readAll = (list: readonly Resource[], scope: Scope): Cells =>
  Object.fromEntries(list.map((r) => [r, { read: scope }]));

const structure: readonly Resource[] = ['school', 'employee', 'class', 'student', 'guardian', 'studyGroup'];

// The school year's set-up (SPEC B1–B11: rooms, subjects, calendar, regimes, control forms,
// periods, policy, curricula, load) is written by the administration (the deputy builds curricula
// and the load, decision 008) and read by every member of staff. Students and parents read the
// published programme documents instead (B16). Samples are published by the region or the
// municipality and read by the school's administration (B14).
const yearAdministration: Cells = {
  yearSetup: { read: 'school', write: 'school' },
  // The timetable, its versions, generation and dated changes (B12, D4): made by the
  // administration, read by all staff, by a student for their own class and by a parent for
  // their children's (decision 018).
  timetable: { read: 'school', write: 'school' },
  programmeDocument: { read: 'school', write: 'school' },
  sample: { read: 'school' },
  // Work programmes, the journal and students' work (B13, C1–C6, D1–D3, decision 020): the
  // administration reads everything and may correct the journal, always with a reason that the
  // audit keeps; subject teachers write for what they teach; class teachers read their class's
  // journal in every subject; students and parents read their own (the diary comes later).
  workProgramme: { read: 'school', write: 'school' },
  journal: { read: 'school', write: 'school' },
  submission: { read: 'school' },
};
const areaYear: Cells = {
  yearSetup: { read: 'area' },
  timetable: { read: 'area' },
  workProgramme: { read: 'area' },
  programmeDocument: { read: 'area' },
  sample: { read: 'area', write: 'area' },
};

export const accessMatrix: Record<Role, Cells> = {
  director: {
    ...Object.fromEntries(structure.map((r) => [r, { read: 'school', write: 'school' }])),
    roleGrant: { read: 'school', write: 'school' },
    credential: { write: 'school' },
    importJob: { read: 'school', write: 'school' },
    securityEvent: { read: 'school' },
    ...yearAdministration,
  },
  journalAdmin: {
    ...Object.fromEntries(structure.map((r) => [r, { read: 'school', write: 'school' }])),
    school: { read: 'school' },
    roleGrant: { read: 'school', write: 'school' },
    credential: { write: 'school' },
    importJob: { read: 'school', write: 'school' },
    securityEvent: { read: 'school' },
    ...yearAdministration,
  },
  deputy: {
    ...readAll([...structure, 'importJob', 'securityEvent'], 'school'),
    roleGrant: { read: 'school', write: 'school' },
    ...yearAdministration,
    programmeDocument: { read: 'school' },
  },
  subjectTeacher: {
    school: { read: 'school' },
    employee: { read: 'school' },
    class: { read: 'taught' },
    student: { read: 'taught' },
    studyGroup: { read: 'taught' },
    yearSetup: { read: 'school' },
    timetable: { read: 'school' },
    programmeDocument: { read: 'school' },
    workProgramme: { read: 'school', write: 'taught' },
    journal: { read: 'taught', write: 'taught' },
    submission: { read: 'taught', write: 'taught' },
  },
  classTeacher: {
    school: { read: 'school' },
    employee: { read: 'school' },
    class: { read: 'ownClass' },
    student: { read: 'ownClass' },
    guardian: { read: 'ownClass' },
    studyGroup: { read: 'ownClass' },
    yearSetup: { read: 'school' },
    timetable: { read: 'school' },
    programmeDocument: { read: 'school' },
    workProgramme: { read: 'school' },
    journal: { read: 'ownClass' },
    submission: { read: 'ownClass' },
  },
  student: {
    school: { read: 'school' },
    class: { read: 'self' },
    student: { read: 'self' },
    studyGroup: { read: 'self' },
    programmeDocument: { read: 'school' },
    timetable: { read: 'self' },
    journal: { read: 'self' },
    submission: { read: 'self', write: 'self' },
  },
  guardian: {
    school: { read: 'school' },
    class: { read: 'children' },
    student: { read: 'children' },
    guardian: { read: 'self' },
    studyGroup: { read: 'children' },
    programmeDocument: { read: 'school' },
    timetable: { read: 'children' },
    journal: { read: 'children' },
    submission: { read: 'children' },
  },
  regionAdmin: {
    ...readAll([...structure, 'securityEvent'], 'area'),
    roleGrant: { read: 'area', write: 'area' },
    // Only for the directors they appoint (the credentials service checks the grant chain).
    credential: { write: 'area' },
    ...areaYear,
  },
  municipalityAdmin: {
    ...readAll([...structure, 'securityEvent'], 'area'),
    roleGrant: { read: 'area', write: 'area' },
    // Only for the directors they appoint (the credentials service checks the grant chain).
    credential: { write: 'area' },
    ...areaYear,
  },
};

/** The scopes a caller with these roles has on a resource for an action; empty: denied. */
export function scopesOf(roles: readonly Role[], resource: Resource, action: Action): Scope[] {
  const found = new Set<Scope>();
  for (const role of roles) {
    const scope = accessMatrix[role]?.[resource]?.[action];
    if (scope) found.add(scope);
  }
  return [...found];
}

/** `school` and `area` reach everything in the school; the rest reach only some records. */
export const reachesWholeSchool = (scopeList: readonly Scope[]): boolean =>
  scopeList.includes('school') || scopeList.includes('area');

/**
 * The grant chain (A3): a region or municipality administrator appoints the director; the
 * director grants deputies and journal administrators (and any teacher role); deputies and
 * journal administrators grant teacher roles. Nobody grants a role above their own. Student
 * and guardian roles come with the person's record (import, SSO link), never by hand.
 */
export const grantableBy: Record<Role, readonly SchoolRole[]> = {
  regionAdmin: ['director'],
  municipalityAdmin: ['director'],
  director: ['deputy', 'journalAdmin', 'subjectTeacher', 'classTeacher'],
  deputy: ['subjectTeacher', 'classTeacher'],
  journalAdmin: ['subjectTeacher', 'classTeacher'],
  subjectTeacher: [],
  classTeacher: [],
  student: [],
  guardian: [],
};

/** Whether a caller with these roles may grant (or revoke) a role. */
export const mayGrant = (roles: readonly Role[], role: SchoolRole): boolean =>
  roles.some((r) => grantableBy[r].includes(role));

/** Roles a caller with these roles may grant, broadest first. */
export const grantableRoles = (roles: readonly Role[]): SchoolRole[] => {
  const all = new Set<SchoolRole>();
  for (const r of roles) for (const g of grantableBy[r]) all.add(g);
  const order: readonly SchoolRole[] = ['director', 'deputy', 'journalAdmin', 'subjectTeacher', 'classTeacher', 'student', 'guardian'];
  return order.filter((r) => all.has(r));
};

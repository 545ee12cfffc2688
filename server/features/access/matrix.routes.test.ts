// One HTTP test per cell of the access matrix (domain/access.ts): every role × resource ×
// action, against the two-school cast. An allowed cell must work on a record in the role's
// scope and answer 404 for records outside it (in the same school and in the other one); a cell
// the matrix leaves empty must answer 403. The matrix is the only source of the expectations.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessMatrix, actionsOf, grantableRoles, reachesWholeSchool, resources, type Action, type Resource, type Role } from '../../../domain/access';
import { academicYearOfDate } from '../../../domain/school-year';
import { homework, journalLessons, submissions, teachingLoads } from '../../db/schema';
import { localDateOf } from '../../lib/local-date';
import { as, createTestApp, login, type Session, type TestApp } from '../../test/app';
import { castPassword, seedCast, type Cast, type CastSchool } from '../../test/people';

let t: TestApp;
let cast: Cast;
const sessions = new Map<Role, Session>();
const roles = Object.keys(accessMatrix) as Role[];

beforeAll(async () => {
  t = await createTestApp();
  cast = await seedCast(t.database);
  for (const role of roles) sessions.set(role, await login(t.app, cast.logins[role], castPassword));
}, 120_000);
afterAll(() => t.close());

type RecordKind = 'employee' | 'class' | 'student' | 'guardian' | 'studyGroup';
const recordPath: Record<RecordKind, string> = {
  employee: 'employees', class: 'classes', student: 'students', guardian: 'guardians', studyGroup: 'study-groups',
};

/** The record of each kind a role's narrow scope reaches in a school, and one it does not. */
function targets(role: Role, kind: RecordKind, s: CastSchool): { inside: string; outside: string | null } {
  const whole = { employee: s.employees.other, class: s.classA, student: s.studentA, guardian: s.guardianA, studyGroup: s.groupA }[kind];
  switch (role) {
    case 'subjectTeacher':
      return { employee: { inside: s.employees.other, outside: null }, class: { inside: s.classA, outside: s.classB }, student: { inside: s.studentA, outside: s.studentB }, guardian: { inside: s.guardianA, outside: s.guardianB }, studyGroup: { inside: s.groupA, outside: s.groupB } }[kind];
    case 'classTeacher':
      return { employee: { inside: s.employees.other, outside: null }, class: { inside: s.classB, outside: s.classA }, student: { inside: s.studentB, outside: s.studentA }, guardian: { inside: s.guardianB, outside: s.guardianA }, studyGroup: { inside: s.groupB, outside: s.groupA } }[kind];
    case 'guardian':
    case 'student':
      return { employee: { inside: s.employees.other, outside: null }, class: { inside: s.classA, outside: s.classB }, student: { inside: s.studentA, outside: s.studentA2 }, guardian: { inside: s.guardianA, outside: s.guardianB }, studyGroup: { inside: s.groupA, outside: s.groupB } }[kind];
    default:
      return { inside: whole, outside: null };
  }
}

/** A harmless change of each record kind: this field's current value written back. */
const sameValueField: Record<RecordKind, string> = {
  employee: 'lastName', class: 'letter', student: 'lastName', guardian: 'lastName', studyGroup: 'name',
};

async function request(role: Role, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown): Promise<LightMyRequestResponse> {
  const session = sessions.get(role)!;
  return t.app.inject({ method, url, headers: as(session, method !== 'GET'), ...(payload === undefined ? {} : { payload: payload as object }) });
}

const schoolUrl = (s: CastSchool) => `/api/v1/schools/${s.id}`;

/** Reads the record as the director, to write back its own values. */
async function currentOf(kind: RecordKind, s: CastSchool, id: string): Promise<Record<string, unknown>> {
  const res = await request('director', 'GET', `${schoolUrl(s)}/${recordPath[kind]}/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  const field = sameValueField[kind];
  const value: unknown = res.json()[field];
  expect(typeof value, `${kind}.${field}`).toBe('string');
  return { [field]: value };
}

type Probe = (role: Role, allowed: boolean, narrow: boolean) => Promise<void>;

const expectStatus = (res: LightMyRequestResponse, status: number | number[], what: string) => {
  const list = Array.isArray(status) ? status : [status];
  expect(list, `${what}: ${res.statusCode} ${res.body.slice(0, 300)}`).toContain(res.statusCode);
};

const recordProbe = (kind: RecordKind, action: Action): Probe => async (role, allowed, narrow) => {
  const [one, two] = cast.schools;
  const { inside, outside } = targets(role, kind, one);
  const url = (s: CastSchool, id: string) => `${schoolUrl(s)}/${recordPath[kind]}/${id}`;
  if (action === 'read') {
    const res = await request(role, 'GET', url(one, inside));
    if (!allowed) return expectStatus(res, 403, 'denied read');
    expectStatus(res, 200, 'read in scope');
    const list = await request(role, 'GET', `${schoolUrl(one)}/${recordPath[kind]}`);
    expectStatus(list, 200, 'list');
    if (narrow && outside) {
      expectStatus(await request(role, 'GET', url(one, outside)), 404, 'read outside scope');
      expect(JSON.stringify(list.json())).not.toContain(outside);
    }
  } else {
    const patch = await currentOf(kind, one, inside);
    const res = await request(role, 'PATCH', url(one, inside), patch);
    if (!allowed) return expectStatus(res, 403, 'denied write');
    expectStatus(res, 200, 'write in scope');
  }
  // Another school's record through this school, and the other school itself: both unknown.
  const foreign = targets(role, kind, two).inside;
  const viaOwn = action === 'read'
    ? await request(role, 'GET', url(one, foreign))
    : await request(role, 'PATCH', url(one, foreign), await currentOf(kind, one, inside));
  expectStatus(viaOwn, allowed ? 404 : 403, 'another school\'s id through this school');
  const other = await request(role, 'GET', url(two, foreign));
  expectStatus(other, 404, 'another school');
};

type Write = { path: string; payload: unknown; /** An answer that also proves the caller got past the access check. */ alsoAllowed?: string };

/** Resources without per-record scope: a list to read, a request to write. */
const listProbe = (path: string, write?: (role: Role) => Write): ((action: Action) => Probe) => (action) => async (role, allowed) => {
  const [one, two] = cast.schools;
  if (action === 'read') {
    const res = await request(role, 'GET', `${schoolUrl(one)}/${path}`);
    expectStatus(res, allowed ? 200 : 403, allowed ? 'read' : 'denied read');
    expectStatus(await request(role, 'GET', `${schoolUrl(two)}/${path}`), 404, 'another school');
    return;
  }
  const w = write!(role);
  const res = await request(role, 'POST', `${schoolUrl(one)}/${w.path}`, w.payload);
  if (allowed && w.alsoAllowed && res.statusCode === 409) expect(res.json().error.code).toBe(w.alsoAllowed);
  else expectStatus(res, allowed ? [200, 201, 202] : 403, allowed ? 'write' : 'denied write');
  expectStatus(await request(role, 'POST', `${schoolUrl(two)}/${w.path}`, w.payload), 404, 'another school');
};
// The journal (issue 6): read — the journals a caller may open (a teacher: what they teach, a class
// teacher: their class's, the administration: all; students and parents: none); write — the
// attendance of a lesson of groupA (the subject teacher's) and, outside the scope, of groupB
// (another teacher's: 403). The probe's setup gives groupB a load of the other teacher and both
// groups a journal lesson today, in the first school.
let journalSetup: Promise<{ mine: string; others: string }> | null = null;
function journalLessonsOfCast(): Promise<{ mine: string; others: string }> {
  journalSetup ??= (async () => {
    const one = cast.schools[0];
    const db = t.database.db;
    const today = localDateOf(t.clock.now(), 'Asia/Yekaterinburg');
    await db.insert(teachingLoads).values({ schoolId: one.id, academicYear: academicYearOfDate(today), employeeId: one.employees.other, subjectId: one.subjectId, studyGroupId: one.groupB, hoursPerWeek: '2' });
    const lesson = (studyGroupId: string, employeeId: string) => ({
      schoolId: one.id, academicYear: academicYearOfDate(today), date: today, lessonNumber: 1, subjectId: one.subjectId, studyGroupId, employeeId,
    });
    const [mine, others] = await db.insert(journalLessons).values([lesson(one.groupA, one.employees.subjectTeacher), lesson(one.groupB, one.employees.other)]).returning();
    return { mine: mine!.id, others: others!.id };
  })();
  return journalSetup;
}

const journalProbe = (action: Action): Probe => async (role, allowed, narrow) => {
  const [one, two] = cast.schools;
  const lessons = await journalLessonsOfCast();
  if (action === 'read') {
    const res = await request(role, 'GET', `${schoolUrl(one)}/journal/grids`);
    if (!allowed) return expectStatus(res, 403, 'denied read');
    expectStatus(res, 200, 'read');
    const units = (res.json() as { items: { studyGroup: { id: string } | null }[] }).items.map((i) => i.studyGroup?.id);
    if (role === 'subjectTeacher') expect(units).toEqual([one.groupA]);
    if (role === 'classTeacher') expect(units).toEqual([one.groupB]);
    if (role === 'student' || role === 'guardian') expect(units).toEqual([]);
    if (!narrow) expect(units).toEqual(expect.arrayContaining([one.groupA, one.groupB]));
    expectStatus(await request(role, 'GET', `${schoolUrl(two)}/journal/grids`), 404, 'another school');
    return;
  }
  const put = (s: CastSchool, lessonId: string) => t.app.inject({
    method: 'PUT', url: `${schoolUrl(s)}/journal/lessons/${lessonId}/attendance`, headers: as(sessions.get(role)!, true),
    payload: { entries: [], reason: 'Проверка доступа' },
  });
  const res = await put(one, lessons.mine);
  if (!allowed) return expectStatus(res, 403, 'denied write');
  expectStatus(res, 200, 'write');
  if (narrow) expectStatus(await put(one, lessons.others), 403, 'another teacher\'s lesson');
  expectStatus(await put(two, lessons.mine), 404, 'another school');
};

// Students' work (issue 6): read — who submitted a homework of the groupA lesson (the subject
// teacher's, the student's) and of the groupB lesson (5Б, the class teacher's); write — the student
// hands in work for the groupA homework, the subject teacher returns the student's work on it; for
// a narrow writer the groupB homework and work are not found. The setup gives both lessons homework
// that wants work, and studentB a work on the groupB one.
let submissionSetup: Promise<{ mine: string; others: string; othersWork: string }> | null = null;
function homeworkOfCast(): Promise<{ mine: string; others: string; othersWork: string }> {
  submissionSetup ??= (async () => {
    const one = cast.schools[0];
    const lessons = await journalLessonsOfCast();
    const db = t.database.db;
    const dueDate = localDateOf(t.clock.now(), 'Asia/Yekaterinburg');
    const [mine, others] = await db.insert(homework).values([
      { schoolId: one.id, journalLessonId: lessons.mine, text: 'Упражнение 1', dueDate, requiresSubmission: true },
      { schoolId: one.id, journalLessonId: lessons.others, text: 'Упражнение 2', dueDate, requiresSubmission: true },
    ]).returning();
    const [work] = await db.insert(submissions).values({ schoolId: one.id, homeworkId: others!.id, studentId: one.studentB, text: 'Ответ' }).returning();
    return { mine: mine!.id, others: others!.id, othersWork: work!.id };
  })();
  return submissionSetup;
}

const submissionProbe = (action: Action): Probe => async (role, allowed, narrow) => {
  const [one, two] = cast.schools;
  const hw = await homeworkOfCast();
  const roster = (s: CastSchool, id: string) => request(role, 'GET', `${schoolUrl(s)}/homework/${id}/submissions`);
  if (action === 'read') {
    // The class teacher's scope is 5Б: the groupB homework is inside it, the groupA one outside.
    const [inside, outside] = role === 'classTeacher' ? [hw.others, hw.mine] : [hw.mine, hw.others];
    const res = await roster(one, inside);
    if (!allowed) return expectStatus(res, 403, 'denied read');
    expectStatus(res, 200, 'read in scope');
    if (narrow) expectStatus(await roster(one, outside), 404, 'read outside scope');
    expectStatus(await roster(two, inside), 404, 'another school');
    return;
  }
  if (role === 'subjectTeacher') {
    // The teacher returns the student's work on their own lesson's homework (handed in here if need be).
    const db = t.database.db;
    const existing = await request('director', 'GET', `${schoolUrl(one)}/homework/${hw.mine}/submissions`);
    let work = (existing.json() as { items: { submission: { id: string; version: number } | null }[] }).items[0]?.submission ?? null;
    if (!work) {
      const [row] = await db.insert(submissions).values({ schoolId: one.id, homeworkId: hw.mine, studentId: one.studentA, text: 'Ответ' }).returning();
      work = { id: row!.id, version: row!.version };
    }
    const back = (s: CastSchool, id: string, version: number) => t.app.inject({
      method: 'POST', url: `${schoolUrl(s)}/submissions/${id}/return`, headers: { ...as(sessions.get(role)!, true), 'if-match': String(version) }, payload: { comment: 'Доработайте' },
    });
    expectStatus(await back(one, work.id, work.version), 200, 'write');
    expectStatus(await back(one, hw.othersWork, 1), 404, 'write outside scope');
    expectStatus(await back(two, work.id, work.version), 404, 'another school');
    return;
  }
  const submit = (s: CastSchool, id: string) => request(role, 'POST', `${schoolUrl(s)}/homework/${id}/submissions`, { text: 'Моя работа' });
  const res = await submit(one, hw.mine);
  if (!allowed) return expectStatus(res, 403, 'denied write');
  expectStatus(res, 200, 'write');
  if (narrow) expectStatus(await submit(one, hw.others), 404, 'write outside scope');
  expectStatus(await submit(two, hw.mine), 404, 'another school');
};

const probes: Record<Resource, (action: Action) => Probe> = {
  school: (action) => async (role, allowed) => {
    const [one, two] = cast.schools;
    const res = action === 'read'
      ? await request(role, 'GET', schoolUrl(one))
      : await request(role, 'PATCH', schoolUrl(one), { shortName: 'Школа № 1' });
    expectStatus(res, allowed ? 200 : 403, action);
    expectStatus(await request(role, 'GET', schoolUrl(two)), 404, 'another school');
  },
  employee: (a) => recordProbe('employee', a),
  class: (a) => recordProbe('class', a),
  student: (a) => recordProbe('student', a),
  guardian: (a) => recordProbe('guardian', a),
  studyGroup: (a) => recordProbe('studyGroup', a),
  // Each writer grants the narrowest role it may hand out; a second writer finds it granted.
  roleGrant: listProbe('role-grants', (role) => ({
    path: 'role-grants',
    payload: { employeeId: cast.schools[0].employees.other, role: grantableRoles([role]).at(-1) ?? 'classTeacher' },
    alsoAllowed: 'ROLE_ALREADY_GRANTED',
  })),
  credential: listProbe('credentials', () => ({ path: 'credentials', payload: { employeeIds: [cast.schools[0].employees.other] } })),
  importJob: listProbe('imports', () => ({
    path: 'imports?kind=staff',
    payload: { rows: [{ Фамилия: 'Новикова', Имя: 'Вера', Должность: 'учитель' }] },
  })),
  securityEvent: listProbe('security-events'),
  // Each writer adds a building of its own name: a second write never collides.
  yearSetup: listProbe('rooms', (role) => ({ path: 'buildings', payload: { name: `Корпус (${role})`, address: null } })),
  programmeDocument: listProbe('programme-documents', () => ({ path: 'programme-documents/publication', payload: { public: false } })),
  // Each writer makes a draft version of its own name: a second write never collides.
  timetable: listProbe('timetables', (role) => ({ path: 'timetables', payload: { name: `Черновик (${role})` } })),
  journal: journalProbe,
  submission: submissionProbe,
  workProgramme: (action) => workProgrammeProbe(action),
  // Samples are published for an area, not through a school: only region and municipality
  // administrators write them; a school reads those of its area and the federal ones.
  sample: (action) => async (role, allowed) => {
    const [one, two] = cast.schools;
    if (action === 'read') {
      expectStatus(await request(role, 'GET', `${schoolUrl(one)}/samples`), allowed ? 200 : 403, allowed ? 'read' : 'denied read');
      expectStatus(await request(role, 'GET', `${schoolUrl(two)}/samples`), 404, 'another school');
      return;
    }
    const res = await request(role, 'POST', '/api/v1/area/samples', {
      kind: 'controlForms', name: `Формы контроля (${role})`, level: null, description: null,
      content: { forms: [{ name: 'Контрольная работа', shortName: 'КР', weight: 2, scale: 'five', levels: [] }] },
    });
    expectStatus(res, allowed ? 201 : 403, allowed ? 'write' : 'denied write');
  },
};

// Work programmes (issue 6): read — the school's programmes (all staff); write — a programme of the
// caller's own for the 5А English subgroup (the subject teacher's load; the administration writes for
// anyone) and, for a narrow writer, one for the 5Б subgroup they do not teach: 403.
const workProgrammeProbe = (action: Action): Probe => async (role, allowed, narrow) => {
  const [one, two] = cast.schools;
  if (action === 'read') {
    expectStatus(await request(role, 'GET', `${schoolUrl(one)}/work-programmes`), allowed ? 200 : 403, allowed ? 'read' : 'denied read');
    expectStatus(await request(role, 'GET', `${schoolUrl(two)}/work-programmes`), 404, 'another school');
    return;
  }
  const payload = (s: CastSchool, groupId: string) => ({ subjectId: s.subjectId, studyGroupId: groupId });
  const res = await request(role, 'POST', `${schoolUrl(one)}/work-programmes`, payload(one, one.groupA));
  expectStatus(res, allowed ? 201 : 403, allowed ? 'write' : 'denied write');
  if (narrow) expectStatus(await request(role, 'POST', `${schoolUrl(one)}/work-programmes`, payload(one, one.groupB)), 403, 'write outside scope');
  expectStatus(await request(role, 'POST', `${schoolUrl(two)}/work-programmes`, payload(two, two.groupA)), 404, 'another school');
};

describe('access matrix over HTTP', () => {
  for (const role of roles) {
    describe(role, () => {
      for (const resource of resources) {
        for (const action of actionsOf(resource)) {
          const scope = accessMatrix[role][resource]?.[action];
          const label = `${resource} ${action}: ${scope ?? 'denied'}`;
          it(label, async () => {
            await probes[resource](action)(role, scope !== undefined, scope !== undefined && !reachesWholeSchool([scope]));
          });
        }
      }
    });
  }
});

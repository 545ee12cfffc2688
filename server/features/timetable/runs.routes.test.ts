// Timetable generation runs over HTTP, with the real job queue and solver on the test database:
// a run of a small school is solved into a draft with every lesson placed and no clash; locked
// lessons stay where they were; a run for one grade keeps the other grade as it was; an impossible
// problem fails with its diagnosis and no search; no load → 409; a second active run → 409; a
// running run is stopped by «Остановить» and saves nothing; a run left running by a dead process is
// failed at start-up and a queued one is worked; bad input saves nothing; who may do what.
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { Database } from '../../db/client';
import {
  academicCalendars, bellSchedules, classes, employees, regimeAssignments, rooms, roomSubjects, subjects, teachingLoads, timetableLessons,
  timetableRuns, timetables,
} from '../../db/schema';
import { createAccount, createSchool, createTestApp, login, type TestApp } from '../../test/app';
import { ok, schoolClient, type Client } from '../org/org.test-helpers';
import { interruptedMessage } from './runs.service';

type Run = {
  id: string; status: string; academicYear: number; grades: number[] | null; baseTimetableId: string | null; seed: number; timeLimitSeconds: number;
  progress: { phase: string; placed: number; total: number; hard: number; softPenalty: number; elapsedMs: number } | null;
  diagnosis: { code: string; message: string; studentsSet?: string; teacher?: string }[] | null;
  result: { timetableId: string; name: string; hard: number; softPenalty: number } | null;
  error: string | null; requestedBy: string | null; createdAt: string; startedAt: string | null; finishedAt: string | null;
};
type Lesson = typeof timetableLessons.$inferSelect;

const year = 2026;
let t: TestApp;

/**
 * A small school: grades 5 and 6 (one class each), five days of five lessons, four subjects with
 * their own teachers. `roomFor` limits Mathematics and Russian to one room; `extraHours` adds
 * Mathematics hours to 5А.
 */
async function seedSchool(db: Database['db'], name: string, options: { extraHours?: number; oneRoomFor?: boolean; noLoad?: boolean } = {}) {
  const school = await createSchool(t.database, name);
  const schoolId = school.id;
  await db.insert(academicCalendars).values({ schoolId, academicYear: year, startsOn: '2026-09-01', endsOn: '2027-05-26', weekLengths: [{ grades: [5, 6], days: 5 }] });
  const [bells] = await db.insert(bellSchedules).values({
    schoolId, academicYear: year, name: 'Основное',
    lessons: [
      { number: 1, startsAt: '08:30', endsAt: '09:10' }, { number: 2, startsAt: '09:20', endsAt: '10:00' },
      { number: 3, startsAt: '10:20', endsAt: '11:00' }, { number: 4, startsAt: '11:20', endsAt: '12:00' },
      { number: 5, startsAt: '12:10', endsAt: '12:50' },
    ],
  }).returning();
  await db.insert(regimeAssignments).values({ schoolId, bellScheduleId: bells!.id, startsOn: '2026-09-01' });
  const [math, russian, english, history] = await db.insert(subjects).values([
    { schoolId, name: 'Математика', shortName: 'Матем.', levels: ['basic'] },
    { schoolId, name: 'Русский язык', shortName: 'Рус. яз.', levels: ['basic'] },
    { schoolId, name: 'Английский язык', shortName: 'Англ.', levels: ['basic'] },
    { schoolId, name: 'История', shortName: 'Ист.', levels: ['basic'] },
  ]).returning();
  const roomRows = await db.insert(rooms).values([
    { schoolId, name: '201', capacity: 30 }, { schoolId, name: '202', capacity: 30 }, { schoolId, name: '203', capacity: 30 },
  ]).returning();
  if (options.oneRoomFor) {
    await db.insert(roomSubjects).values([
      { schoolId, roomId: roomRows[0]!.id, subjectId: math!.id }, { schoolId, roomId: roomRows[0]!.id, subjectId: russian!.id },
    ]);
  }
  const teachers = await db.insert(employees).values([
    { schoolId, lastName: 'Петрова', firstName: 'Анна', position: 'Учитель' },
    { schoolId, lastName: 'Сидоров', firstName: 'Олег', position: 'Учитель' },
    { schoolId, lastName: 'Иванова', firstName: 'Мария', position: 'Учитель' },
    { schoolId, lastName: 'Козлов', firstName: 'Игорь', position: 'Учитель' },
    { schoolId, lastName: 'Орлова', firstName: 'Вера', position: 'Учитель' },
  ]).returning();
  const classRows = await db.insert(classes).values([
    { schoolId, academicYear: year, grade: 5, letter: 'А' }, { schoolId, academicYear: year, grade: 6, letter: 'А' },
  ]).returning();
  if (!options.noLoad) {
    const rows = classRows.flatMap((c, i) => [
      { subjectId: math!.id, employeeId: teachers[0]!.id, hours: 5 + (i === 0 ? options.extraHours ?? 0 : 0) },
      { subjectId: russian!.id, employeeId: i === 0 ? teachers[1]!.id : teachers[4]!.id, hours: 5 },
      { subjectId: english!.id, employeeId: teachers[2]!.id, hours: 3 },
      { subjectId: history!.id, employeeId: teachers[3]!.id, hours: 2 },
    ].map((l) => ({ schoolId, academicYear: year, employeeId: l.employeeId, subjectId: l.subjectId, classId: c.id, hoursPerWeek: String(l.hours) })));
    await db.insert(teachingLoads).values(rows);
  }
  return { schoolId, classIds: classRows.map((c) => c.id) };
}

let main: { schoolId: string; classIds: string[] };
let admin: Client;
let teacher: Client;
let student: Client;
let otherDirector: Client;
let impossibleAdmin: Client;
let emptyAdmin: Client;
let roomAdmin: Client;
let roomSchool: { schoolId: string };

const isOver = (s: string) => !['queued', 'running'].includes(s);

/** Polls the run until `done` (by default: until it is over); a machine under load may take a while. */
async function waitFor(client: Client, runId: string, done: (r: Run) => boolean = (r) => isOver(r.status), ms = 80_000): Promise<Run> {
  const end = Date.now() + ms;
  for (;;) {
    const run = ok<Run>(await client.get(`/timetable/runs/${runId}`));
    if (done(run)) return run;
    if (Date.now() > end) throw new Error(`run ${runId} still ${run.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const lessonsOf = (timetableId: string): Promise<Lesson[]> =>
  t.database.db.select().from(timetableLessons).where(eq(timetableLessons.timetableId, timetableId));

const runsOf = async (schoolId: string): Promise<number> =>
  (await t.database.db.select({ n: count() }).from(timetableRuns).where(eq(timetableRuns.schoolId, schoolId)))[0]!.n;
const versionsOf = async (schoolId: string): Promise<number> =>
  (await t.database.db.select({ n: count() }).from(timetables).where(eq(timetables.schoolId, schoolId)))[0]!.n;

function expectNoClash(lessons: readonly Lesson[]): void {
  const seen = new Set<string>();
  for (const l of lessons) {
    for (const key of [`t:${l.employeeId}`, `c:${l.classId ?? l.studyGroupId}`, ...(l.roomId ? [`r:${l.roomId}`] : [])]) {
      const slot = `${key}@${l.weekday}.${l.lessonNumber}`;
      expect(seen.has(slot), slot).toBe(false);
      seen.add(slot);
    }
  }
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  main = await seedSchool(db, 'СОШ № 21');
  const impossible = await seedSchool(db, 'СОШ № 22', { extraHours: 12 });
  const empty = await seedSchool(db, 'СОШ № 23', { noLoad: true });
  roomSchool = await seedSchool(db, 'СОШ № 24', { oneRoomFor: true, extraHours: 6 });
  const other = await createSchool(t.database, 'СОШ № 25');
  await createAccount(t.database, { login: 'run-admin', roles: [{ schoolId: main.schoolId, role: 'journalAdmin' }], lastName: 'Смирнова', firstName: 'Ольга', middleName: 'Петровна' });
  await createAccount(t.database, { login: 'run-teacher', roles: [{ schoolId: main.schoolId, role: 'subjectTeacher' }] });
  await createAccount(t.database, { login: 'run-student', roles: [{ schoolId: main.schoolId, role: 'student' }] });
  await createAccount(t.database, { login: 'run-other', roles: [{ schoolId: other.id, role: 'director' }] });
  await createAccount(t.database, { login: 'run-impossible', roles: [{ schoolId: impossible.schoolId, role: 'director' }] });
  await createAccount(t.database, { login: 'run-empty', roles: [{ schoolId: empty.schoolId, role: 'deputy' }] });
  await createAccount(t.database, { login: 'run-room', roles: [{ schoolId: roomSchool.schoolId, role: 'journalAdmin' }] });
  admin = schoolClient(t.app, await login(t.app, 'run-admin'), main.schoolId);
  teacher = schoolClient(t.app, await login(t.app, 'run-teacher'), main.schoolId);
  student = schoolClient(t.app, await login(t.app, 'run-student'), main.schoolId);
  otherDirector = schoolClient(t.app, await login(t.app, 'run-other'), main.schoolId);
  impossibleAdmin = schoolClient(t.app, await login(t.app, 'run-impossible'), impossible.schoolId);
  emptyAdmin = schoolClient(t.app, await login(t.app, 'run-empty'), empty.schoolId);
  roomAdmin = schoolClient(t.app, await login(t.app, 'run-room'), roomSchool.schoolId);
}, 60_000);
afterAll(async () => { await t.close(); });

let firstRun: Run;
let firstDraft: Lesson[];

describe('POST /timetable/runs — a run of the whole school', { timeout: 90_000 }, () => {
  it('is queued (202), solved in the background into a draft with every lesson placed and no clash', async () => {
    const started = ok<Run>(await admin.post('/timetable/runs', { timeLimitSeconds: 20, seed: 7 }), 202);
    expect(started).toMatchObject({ status: 'queued', academicYear: year, grades: null, baseTimetableId: null, seed: 7, timeLimitSeconds: 20, requestedBy: 'Смирнова О. П.' });
    firstRun = await waitFor(admin, started.id);
    expect(firstRun.status).toBe('solved');
    expect(firstRun.error).toBeNull();
    expect(firstRun.progress).toMatchObject({ placed: 30, total: 30, hard: 0 });
    expect(firstRun.startedAt).not.toBeNull();
    expect(firstRun.finishedAt).not.toBeNull();
    expect(firstRun.result!.name).toMatch(/^Черновик от \d\d\.\d\d\.\d{4} \d\d:\d\d$/);
    expect(firstRun.result!.hard).toBe(0);

    const [version] = await t.database.db.select().from(timetables).where(eq(timetables.id, firstRun.result!.timetableId));
    expect(version).toMatchObject({ status: 'draft', academicYear: year, runId: firstRun.id, validFrom: null, schoolId: main.schoolId });
    expect(version!.evaluation).toMatchObject({ hard: 0, unplaced: 0 });
    firstDraft = await lessonsOf(version!.id);
    expect(firstDraft).toHaveLength(30);
    expect(new Set(firstDraft.map((l) => l.activityKey)).size).toBe(30);
    expect(firstDraft.every((l) => l.weekday >= 1 && l.weekday <= 5 && l.lessonNumber >= 1 && l.lessonNumber <= 5)).toBe(true);
    expectNoClash(firstDraft);
  });

  it('lists the runs of the year, latest first, to the staff', async () => {
    const list = ok<{ items: Run[]; total: number }>(await teacher.get('/timetable/runs?academicYear=2026'));
    expect(list.items[0]!.id).toBe(firstRun.id);
    expect(ok<{ items: Run[] }>(await admin.get('/timetable/runs?academicYear=2025')).items).toEqual([]);
  });

  it('keeps locked lessons where they were', async () => {
    const pick = [firstDraft[0]!, firstDraft[7]!, firstDraft[20]!];
    for (const l of pick) await t.database.db.update(timetableLessons).set({ locked: true }).where(eq(timetableLessons.id, l.id));
    const started = ok<Run>(await admin.post('/timetable/runs', { baseTimetableId: firstRun.result!.timetableId, seed: 99, timeLimitSeconds: 20 }), 202);
    expect(started.baseTimetableId).toBe(firstRun.result!.timetableId);
    const done = await waitFor(admin, started.id);
    expect(done.status).toBe('solved');
    const lessons = await lessonsOf(done.result!.timetableId);
    expect(lessons).toHaveLength(30);
    expectNoClash(lessons);
    for (const l of pick) {
      const kept = lessons.find((x) => x.activityKey === l.activityKey)!;
      expect(kept).toMatchObject({ weekday: l.weekday, lessonNumber: l.lessonNumber, roomId: l.roomId, locked: true });
    }
    expect(lessons.filter((l) => l.locked)).toHaveLength(3);
  });

  it('places only the chosen grade and keeps the other as the base has it', async () => {
    const started = ok<Run>(await admin.post('/timetable/runs', { grades: [6], baseTimetableId: firstRun.result!.timetableId, seed: 3, timeLimitSeconds: 20 }), 202);
    expect(started.grades).toEqual([6]);
    const done = await waitFor(admin, started.id);
    expect(done.status).toBe('solved');
    const lessons = await lessonsOf(done.result!.timetableId);
    expectNoClash(lessons);
    const fifth = firstDraft.filter((l) => l.classId === main.classIds[0]);
    expect(fifth).toHaveLength(15);
    for (const l of fifth) {
      expect(lessons.find((x) => x.activityKey === l.activityKey)).toMatchObject({ weekday: l.weekday, lessonNumber: l.lessonNumber, roomId: l.roomId });
    }
  });
});

describe('runs that do not search', () => {
  it('fails at once with the diagnosis naming the class when the problem is impossible, saving no version', async () => {
    const run = ok<Run>(await impossibleAdmin.post('/timetable/runs', {}), 202);
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/^Задача невыполнима/);
    expect(run.startedAt).toBeNull();
    const issue = run.diagnosis!.find((i) => i.code === 'studentsOverloaded')!;
    expect(issue.studentsSet).toBe('5А');
    expect(issue.message).toContain('«5А» 27 часов в неделю');
    const again = ok<Run>(await impossibleAdmin.get(`/timetable/runs/${run.id}`));
    expect(again.status).toBe('failed');
    const schoolId = (await t.database.db.select().from(timetableRuns).where(eq(timetableRuns.id, run.id)))[0]!.schoolId;
    expect(await versionsOf(schoolId)).toBe(0);
  });

  it('answers 409 when there is nothing to place, and keeps no run', async () => {
    const res = await emptyAdmin.post('/timetable/runs', { timeLimitSeconds: 5 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'TIMETABLE_NOTHING_TO_PLACE' });
    expect(res.json().error.message).toContain('2026/27 учебном году нет уроков');
    expect(ok<{ items: Run[] }>(await emptyAdmin.get('/timetable/runs')).items).toEqual([]);
  });
});

describe('one active run, and stopping it', { timeout: 90_000 }, () => {
  let running: Run;

  it('runs a problem the rooms cannot hold until stopped, and refuses a second start meanwhile', async () => {
    // Mathematics and Russian of both classes, 26 lessons, need room 201 of 25 slots: never solved.
    const started = ok<Run>(await roomAdmin.post('/timetable/runs', { timeLimitSeconds: 120, seed: 1 }), 202);
    running = await waitFor(roomAdmin, started.id, (r) => r.status === 'running' && r.progress !== null);
    expect(running.progress!.total).toBe(36);
    const second = await roomAdmin.post('/timetable/runs', { timeLimitSeconds: 5 });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('TIMETABLE_RUN_ACTIVE');
    expect(await runsOf(roomSchool.schoolId)).toBe(1);
  });

  it('stops a running run: cancelled, the worker stops, no version is saved', async () => {
    const t0 = Date.now();
    const cancelled = ok<Run>(await roomAdmin.post(`/timetable/runs/${running.id}/cancel`));
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.finishedAt).not.toBeNull();
    // The worker is free again soon: the next run starts and is worked.
    const next = ok<Run>(await roomAdmin.post('/timetable/runs', { timeLimitSeconds: 1, seed: 2 }), 202);
    const done = await waitFor(roomAdmin, next.id);
    expect(Date.now() - t0).toBeLessThan(30_000);
    // One room for 26 lessons of 25 slots: the time runs out with hard violations; the draft is still saved.
    expect(done.status).toBe('timeLimit');
    expect(done.result!.hard).toBeGreaterThan(0);
    expect(done.progress!.placed).toBeLessThan(done.progress!.total);
    const [version] = await t.database.db.select().from(timetables).where(eq(timetables.id, done.result!.timetableId));
    expect((version!.evaluation as { violations: { message: string }[] }).violations.length).toBeGreaterThan(0);
    const versions = await t.database.db.select({ runId: timetables.runId }).from(timetables).where(eq(timetables.schoolId, roomSchool.schoolId));
    expect(versions.map((v) => v.runId)).toEqual([next.id]);
    expect(ok<Run>(await roomAdmin.get(`/timetable/runs/${running.id}`)).status).toBe('cancelled');
  });

  it('answers 409 to stopping a finished run', async () => {
    const res = await roomAdmin.post(`/timetable/runs/${running.id}/cancel`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('TIMETABLE_RUN_FINISHED');
  });
});

describe('bad input saves nothing', () => {
  it('refuses a time limit, grades, a seed or a base out of range with field paths in Russian', async () => {
    const before = await runsOf(main.schoolId);
    const cases: [unknown, string, RegExp][] = [
      [{ timeLimitSeconds: 0 }, 'timeLimitSeconds', /Время расчёта: от 1 до 3600 секунд/],
      [{ timeLimitSeconds: 3601 }, 'timeLimitSeconds', /от 1 до 3600/],
      [{ grades: [12] }, 'grades.0', /Параллели: номер от 1 до 11/],
      [{ grades: [5, 5] }, 'grades', /указан дважды/],
      [{ grades: [] }, 'grades', /выберите хотя бы одну/],
      [{ seed: -1 }, 'seed', /Зерно/],
      [{ baseTimetableId: 'нет' }, 'baseTimetableId', /неверный идентификатор/],
    ];
    for (const [body, path, message] of cases) {
      const res = await admin.post('/timetable/runs', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      const error = res.json().error as { code: string; details: { path: string; message: string }[] };
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details.some((d) => d.path === path && message.test(d.message)), JSON.stringify(error)).toBe(true);
    }
    const noClass = await admin.post('/timetable/runs', { grades: [6, 7] });
    expect(noClass.statusCode).toBe(400);
    expect(noClass.json().error.details).toEqual([{ path: 'grades.1', code: 'GRADE_NOT_FOUND', message: 'Параллели: в 2026/27 учебном году нет классов 7-й параллели' }]);
    const noBase = await admin.post('/timetable/runs', { baseTimetableId: '01900000-0000-7000-8000-0000000000aa' });
    expect(noBase.statusCode).toBe(400);
    expect(noBase.json().error.details[0]).toMatchObject({ path: 'baseTimetableId', code: 'TIMETABLE_NOT_FOUND' });
    expect(await runsOf(main.schoolId)).toBe(before);
  });
});

describe('access', () => {
  it('lets only the administration start and stop; a family does not read runs; another school sees nothing', async () => {
    const before = await runsOf(main.schoolId);
    expect((await teacher.post('/timetable/runs', {})).statusCode).toBe(403);
    expect((await student.post('/timetable/runs', {})).statusCode).toBe(403);
    expect((await teacher.post(`/timetable/runs/${firstRun.id}/cancel`)).statusCode).toBe(403);
    expect((await student.get('/timetable/runs')).statusCode).toBe(403);
    expect((await student.get(`/timetable/runs/${firstRun.id}`)).statusCode).toBe(403);
    expect(ok<Run>(await teacher.get(`/timetable/runs/${firstRun.id}`)).id).toBe(firstRun.id);
    expect((await otherDirector.get(`/timetable/runs/${firstRun.id}`)).statusCode).toBe(404);
    expect((await otherDirector.get('/timetable/runs')).statusCode).toBe(404);
    expect((await otherDirector.post('/timetable/runs', {})).statusCode).toBe(404);
    expect((await otherDirector.post(`/timetable/runs/${firstRun.id}/cancel`)).statusCode).toBe(404);
    // A run of another school under one's own school's address is not found either.
    const foreign = await roomAdmin.get(`/timetable/runs/${firstRun.id}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('TIMETABLE_RUN_NOT_FOUND');
    expect(await runsOf(main.schoolId)).toBe(before);
  });
});

describe('a restart', { timeout: 90_000 }, () => {
  it('fails the runs a dead process left running and works the queued ones', async () => {
    const db = t.database.db;
    const now = t.clock.now();
    // Left by a process that died: one running (its last report a minute old), one queued with no job.
    const [dead] = await db.insert(timetableRuns).values({
      schoolId: main.schoolId, academicYear: year, status: 'running', seed: 1, timeLimitSeconds: 60, createdAt: now, startedAt: now,
      progress: { phase: 'construct', placed: 3, total: 30, hard: 27, softPenalty: 0, elapsedMs: 900, at: new Date(now.getTime() - 60_000).toISOString() },
    }).returning();
    const [waiting] = await db.insert(timetableRuns).values({
      schoolId: roomSchool.schoolId, academicYear: year, status: 'queued', seed: 5, timeLimitSeconds: 1, createdAt: now,
    }).returning();
    const restarted = await buildApp({ database: t.database, config: t.config, clock: t.clock, serveWeb: false, startJobs: true });
    try {
      await restarted.ready();
      const [failed] = await db.select().from(timetableRuns).where(eq(timetableRuns.id, dead!.id));
      expect(failed).toMatchObject({ status: 'failed', error: interruptedMessage });
      expect(failed!.finishedAt).not.toBeNull();
      const done = await waitFor(roomAdmin, waiting!.id);
      expect(done.status).toBe('timeLimit');
      expect(done.result).not.toBeNull();
    } finally {
      await restarted.close();
    }
    // A stale run is also ended when the runs are read.
    const [stale] = await db.insert(timetableRuns).values({
      schoolId: main.schoolId, academicYear: year, status: 'running', seed: 1, timeLimitSeconds: 60, createdAt: now,
      startedAt: new Date(now.getTime() - 120_000),
    }).returning();
    const list = ok<{ items: Run[] }>(await admin.get('/timetable/runs'));
    expect(list.items.find((r) => r.id === stale!.id)).toMatchObject({ status: 'failed', error: interruptedMessage });
    expect((await db.select().from(timetableRuns).where(and(eq(timetableRuns.schoolId, main.schoolId), eq(timetableRuns.status, 'running')))).length).toBe(0);
  });
});

describe('the API document', () => {
  it('lists the run routes with their body and answer', async () => {
    const doc = ok<{ paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } }>(await t.app.inject({ method: 'GET', url: '/api/openapi.json' }));
    for (const path of ['timetable/runs', 'timetable/runs/{runId}', 'timetable/runs/{runId}/cancel']) {
      expect(doc.paths).toHaveProperty([`/api/v1/schools/{schoolId}/${path}`]);
    }
    expect(doc.components.schemas).toHaveProperty('StartTimetableRunBody');
    expect(doc.components.schemas).toHaveProperty('TimetableRun');
  });
});

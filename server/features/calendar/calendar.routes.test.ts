// Routes of the calendar area: the academic calendar with its terms kept as attestation periods,
// the days of a grade, custom attestation schedules, the mark-entry policy. The test clock stands
// at 2 November 2026: the academic year 2026/27.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typicalCalendar } from '../../../domain/calendar-template';
import { curricula, curriculumLines, samples, subjects } from '../../db/schema';
import { createAccount, createSchool, createTestApp, login, type TestApp } from '../../test/app';
import { ok, schoolClient, type Client } from '../org/org.test-helpers';

let t: TestApp;
let schoolA: { id: string };
let admin: Client;
let teacher: Client;
let dirB: Client;
let curriculumId: string;
let subjectIds: string[];

type Period = { id: string; number: number; name: string; startsOn: string; endsOn: string; schoolDays: number | null };
type Schedule = { id: string; kind: string; termKind: string | null; grades: number[]; name: string; periods: Period[]; usedBy: number };
type CalendarRecord = {
  academicYear: number; version: number; calendar: ReturnType<typeof typicalCalendar>; sample: { sampleId: string; version: number } | null;
  termSchedules: Schedule[]; summary: { grade: number; kind: string; weeks: number; schoolDays: number; terms: { number: number; schoolDays: number }[] }[];
};
type Issue = { path: string; code?: string; message: string };
const issuesOf = (res: { statusCode: number; json(): unknown }): Issue[] => {
  expect(res.statusCode).toBe(400);
  const { error } = res.json() as { error: { code: string; details: Issue[] } };
  expect(error.code).toBe('VALIDATION_FAILED');
  return error.details;
};

const typical = typicalCalendar(2026);

beforeAll(async () => {
  t = await createTestApp();
  schoolA = await createSchool(t.database, 'СОШ № 1');
  const schoolB = await createSchool(t.database, 'СОШ № 2');
  await createAccount(t.database, { login: 'admin-a', roles: [{ schoolId: schoolA.id, role: 'journalAdmin' }] });
  await createAccount(t.database, { login: 'teacher-a', roles: [{ schoolId: schoolA.id, role: 'subjectTeacher' }] });
  await createAccount(t.database, { login: 'dir-b', roles: [{ schoolId: schoolB.id, role: 'director' }] });
  admin = schoolClient(t.app, await login(t.app, 'admin-a'), schoolA.id);
  teacher = schoolClient(t.app, await login(t.app, 'teacher-a'), schoolA.id);
  dirB = schoolClient(t.app, await login(t.app, 'dir-b'), schoolB.id);
  const rows = await t.database.db.insert(subjects).values([
    { schoolId: schoolA.id, name: 'Математика', shortName: 'Матем.', levels: ['basic'] },
    { schoolId: schoolA.id, name: 'Музыка', shortName: 'Муз.', levels: ['basic'] },
  ]).returning();
  subjectIds = rows.map((r) => r.id);
  const [c] = await t.database.db.insert(curricula).values({ schoolId: schoolA.id, academicYear: 2026, grade: 10, name: 'Учебный план 10 классов' }).returning();
  curriculumId = c!.id;
});
afterAll(async () => { await t.close(); });

describe('academic calendar', () => {
  let first: CalendarRecord;

  it('answers 404 CALENDAR_NOT_SET before it is saved', async () => {
    const res = await admin.get('/calendars/2026');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('CALENDAR_NOT_SET');
  });

  it('saves the typical calendar with its terms as attestation periods and a summary per grade', async () => {
    first = ok<CalendarRecord>(await admin.put('/calendars/2026', { calendar: typical }));
    expect(first).toMatchObject({ academicYear: 2026, version: 1, sample: null });
    expect(first.termSchedules.map((s) => [s.name, s.termKind, s.periods.length])).toEqual([
      ['Четверти (1–9 классы)', 'quarter', 4], ['Полугодия (10–11 классы)', 'half', 2],
    ]);
    expect(first.termSchedules[0]!.periods[0]).toMatchObject({ number: 1, name: '1 четверть', startsOn: '2026-09-01', endsOn: '2026-10-30' });
    expect(first.summary.map((s) => s.grade)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const grade5 = first.summary.find((s) => s.grade === 5)!;
    expect(grade5.terms).toHaveLength(4);
    expect(grade5.schoolDays).toBe(grade5.terms.reduce((n, x) => n + x.schoolDays, 0));
    expect(grade5.weeks).toBeGreaterThan(33);
    expect(first.summary.find((s) => s.grade === 1)!.schoolDays).toBeLessThan(grade5.schoolDays);
    const read = ok<CalendarRecord>(await teacher.get('/calendars/2026'));
    expect(read.calendar).toEqual(first.calendar);
    expect(read.calendar.holidays).toHaveLength(4);
  });

  it('keeps the ids of schemes and terms that stay, refuses a stale version', async () => {
    const changed = structuredClone(typical);
    (changed.termSchemes[0]!.terms[1] as { endsOn: string }).endsOn = '2026-12-29';
    const second = ok<CalendarRecord>(await admin.put('/calendars/2026', { calendar: changed, version: 1 }));
    expect(second.version).toBe(2);
    expect(second.termSchedules.map((s) => s.id)).toEqual(first.termSchedules.map((s) => s.id));
    expect(second.termSchedules[0]!.periods.map((p) => p.id)).toEqual(first.termSchedules[0]!.periods.map((p) => p.id));
    expect(second.termSchedules[0]!.periods[1]!.endsOn).toBe('2026-12-29');
    const stale = await admin.put('/calendars/2026', { calendar: typical, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CALENDAR_CHANGED');
    expect(ok<CalendarRecord>(await admin.get('/calendars/2026')).version).toBe(2);
  });

  it('answers overlapping terms, a term or holidays outside the year with every field at once, saving nothing', async () => {
    type Mutable = { termSchemes: { terms: { startsOn: string; endsOn: string }[] }[]; holidays: { startsOn: string }[] };
    const bad = structuredClone(typical) as unknown as Mutable;
    bad.termSchemes[0]!.terms[1]!.startsOn = '2026-10-20'; // overlaps the first quarter
    bad.termSchemes[1]!.terms[1]!.endsOn = '2027-06-20'; // outside the year
    bad.holidays[0]!.startsOn = '2026-08-20';
    const details = issuesOf(await admin.put('/calendars/2026', { calendar: bad, version: 2 }));
    expect(details.map((d) => `${d.path}:${d.code}`)).toEqual([
      'calendar.termSchemes.0.terms:TERMS_OVERLAP',
      'calendar.termSchemes.1.terms.1:TERM_OUTSIDE_YEAR',
      'calendar.holidays.0:HOLIDAY_OUTSIDE_YEAR',
    ]);
    expect(details[0]!.message).toMatch(/пересекаются/);
    const otherYear = { ...typical, startsOn: '2027-09-01', endsOn: '2028-05-26' };
    expect(issuesOf(await admin.put('/calendars/2026', { calendar: otherYear })).map((d) => d.path)).toEqual(expect.arrayContaining(['calendar.startsOn', 'calendar.endsOn']));
    const shape = structuredClone(typical) as unknown as { termSchemes: { terms: { startsOn: string }[] }[] };
    shape.termSchemes[0]!.terms[1]!.startsOn = '01.11.2026';
    expect(issuesOf(await admin.put('/calendars/2026', { calendar: shape })).map((d) => d.path)).toEqual(['calendar.termSchemes.0.terms.1.startsOn']);
    const read = ok<CalendarRecord>(await admin.get('/calendars/2026'));
    expect(read.version).toBe(2);
    expect(read.termSchedules[0]!.periods[1]!.startsOn).toBe(first.termSchedules[0]!.periods[1]!.startsOn);
  });

  it('answers the days of a grade: holidays, days off, terms', async () => {
    const days = ok<{ days: { date: string; schoolDay: boolean; reason: string | null; termNumber: number | null; name: string | null; timetableDay: number | null }[] }>(
      await teacher.get('/calendars/2026/days?grade=1&from=2027-02-13&to=2027-02-24'));
    expect(days.days).toHaveLength(12);
    const on = (d: string) => days.days.find((x) => x.date === d)!;
    expect(on('2027-02-16')).toMatchObject({ schoolDay: false, reason: 'holiday', name: 'Дополнительные каникулы для 1 класса', termNumber: 3 });
    expect(on('2027-02-22')).toMatchObject({ schoolDay: true, timetableDay: 1, termNumber: 3 });
    expect(on('2027-02-23')).toMatchObject({ schoolDay: false, reason: 'dayOff', name: 'День защитника Отечества' });
    const grade2 = ok<{ days: { date: string; schoolDay: boolean }[] }>(await teacher.get('/calendars/2026/days?grade=2&from=2027-02-16&to=2027-02-16'));
    expect(grade2.days).toEqual([expect.objectContaining({ date: '2027-02-16', schoolDay: true })]);
    expect((await teacher.get('/calendars/2026/days?grade=12')).statusCode).toBe(400);
    expect(issuesOf(await teacher.get('/calendars/2026/days?grade=5&from=2027-01-10&to=2027-01-01')).map((d) => d.path)).toEqual(['to']);
    expect((await teacher.get('/calendars/2025/days?grade=5')).json().error.code).toBe('CALENDAR_NOT_SET');
  });

  it('takes a calendar from a sample of the same year and refuses one of another year', async () => {
    const [sample2025] = await t.database.db.insert(samples).values({ kind: 'calendar', name: 'Типовой график 2025/26', content: { academicYear: 2025, calendar: typicalCalendar(2025) } }).returning();
    const [sample2026] = await t.database.db.insert(samples).values({ kind: 'calendar', name: 'Типовой график 2026/27', version: 3, content: { academicYear: 2026, calendar: typical } }).returning();
    const mismatch = await admin.put('/calendars/2026', { fromSample: { sampleId: sample2025!.id } });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().error.code).toBe('SAMPLE_YEAR_MISMATCH');
    const taken = ok<CalendarRecord>(await admin.put('/calendars/2026', { fromSample: { sampleId: sample2026!.id }, version: 2 }));
    expect(taken.sample).toMatchObject({ sampleId: sample2026!.id, version: 3, sampleName: 'Типовой график 2026/27' });
    expect(taken.termSchedules[0]!.periods[1]!.endsOn).toBe('2026-12-30');
    // Editing it afterwards keeps the origin.
    expect(ok<CalendarRecord>(await admin.put('/calendars/2026', { calendar: typical })).sample).toMatchObject({ sampleId: sample2026!.id });
    expect((await admin.put('/calendars/2026', {})).statusCode).toBe(400);
  });
});

describe('attestation schedules', () => {
  let halves: Schedule;

  it('lists the terms schedules and creates a custom one inside the year', async () => {
    const list = ok<{ items: Schedule[]; total: number }>(await teacher.get('/attestation-schedules?academicYear=2026'));
    expect(list.items.map((s) => s.kind)).toEqual(['terms', 'terms']);
    halves = ok<Schedule>(await admin.post('/attestation-schedules', {
      academicYear: 2026, name: 'Полугодия', grades: [5, 6],
      periods: [{ name: '1 полугодие', startsOn: '2026-09-01', endsOn: '2026-12-30' }, { name: '2 полугодие', startsOn: '2027-01-11', endsOn: '2027-05-26' }],
    }), 201);
    expect(halves).toMatchObject({ kind: 'custom', termKind: null, grades: [5, 6], usedBy: 0, periods: [{ number: 1, name: '1 полугодие' }, { number: 2 }] });
    expect(halves.periods[0]!.schoolDays).toBeGreaterThan(60);
    expect(ok<{ total: number }>(await admin.get('/attestation-schedules')).total).toBe(3);
  });

  it('answers periods out of order, overlapping or outside the calendar with their fields, saving nothing', async () => {
    const details = issuesOf(await admin.post('/attestation-schedules', {
      academicYear: 2026, name: 'Плохой', grades: [7],
      periods: [
        { name: 'Первый', startsOn: '2026-08-25', endsOn: '2026-12-30' },
        { name: 'Второй', startsOn: '2026-12-01', endsOn: '2027-03-01' },
        { name: '', startsOn: '2027-03-02', endsOn: '2027-05-30' },
      ],
    }));
    expect(details.map((d) => d.path)).toEqual(['periods.0.startsOn', 'periods.1.startsOn', 'periods.2.name', 'periods.2.endsOn']);
    expect(issuesOf(await admin.post('/attestation-schedules', { academicYear: 2026, name: ' ', grades: [], periods: [] })).map((d) => d.path).sort())
      .toEqual(['grades', 'name']);
    expect(ok<{ total: number }>(await admin.get('/attestation-schedules')).total).toBe(3);
  });

  it('updates a custom schedule keeping period ids; the terms ones are read-only', async () => {
    const updated = ok<Schedule>(await admin.patch(`/attestation-schedules/${halves.id}`, {
      name: 'Полугодия (музыка)',
      periods: [{ name: '1 полугодие', startsOn: '2026-09-01', endsOn: '2026-12-25' }, { name: '2 полугодие', startsOn: '2027-01-11', endsOn: '2027-05-26' }],
    }));
    expect(updated.name).toBe('Полугодия (музыка)');
    expect(updated.periods.map((p) => p.id)).toEqual(halves.periods.map((p) => p.id));
    expect(issuesOf(await admin.patch(`/attestation-schedules/${halves.id}`, { periods: [{ name: 'Год', startsOn: '2027-05-26', endsOn: '2026-09-01' }] })).map((d) => d.path)).toEqual(['periods.0.endsOn']);
    const terms = ok<{ items: Schedule[] }>(await admin.get('/attestation-schedules')).items[0]!;
    const readOnly = await admin.patch(`/attestation-schedules/${terms.id}`, { name: 'Другое' });
    expect(readOnly.statusCode).toBe(409);
    expect(readOnly.json().error.code).toBe('TERMS_READ_ONLY');
    expect((await admin.del(`/attestation-schedules/${terms.id}`)).json().error.code).toBe('TERMS_READ_ONLY');
  });

  it('refuses to delete a schedule or a term scheme a curriculum line follows', async () => {
    const seniors = ok<{ items: Schedule[] }>(await admin.get('/attestation-schedules')).items.find((s) => s.termKind === 'half')!;
    await t.database.db.insert(curriculumLines).values([
      { schoolId: schoolA.id, curriculumId, subjectId: subjectIds[0]!, hoursPerWeek: '4', attestationScheduleId: seniors.id },
      { schoolId: schoolA.id, curriculumId, subjectId: subjectIds[1]!, hoursPerWeek: '1', attestationScheduleId: halves.id },
    ]);
    const inUse = await admin.del(`/attestation-schedules/${halves.id}`);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().error.code).toBe('IN_USE');
    // Grades 10–11 move to quarters: their halves schedule would go, but a line is attested by it.
    const allQuarters = typicalCalendar(2026, { seniorHalves: false });
    const refused = await admin.put('/calendars/2026', { calendar: allQuarters });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('PERIOD_IN_USE');
    const read = ok<CalendarRecord>(await admin.get('/calendars/2026'));
    expect(read.termSchedules.map((s) => s.termKind)).toEqual(['quarter', 'half']);
    expect(read.termSchedules[1]!.usedBy).toBe(1);
  });

  it('deletes an unused custom schedule', async () => {
    const year = ok<Schedule>(await admin.post('/attestation-schedules', {
      academicYear: 2026, name: 'Год', grades: [9], periods: [{ name: 'Год', startsOn: '2026-09-01', endsOn: '2027-05-26' }],
    }), 201);
    expect(ok(await admin.del(`/attestation-schedules/${year.id}`))).toEqual({ ok: true });
    expect((await admin.get(`/attestation-schedules/${year.id}`)).statusCode).toBe(404);
  });
});

describe('mark-entry policy', () => {
  it('answers the default until saved, then the saved one', async () => {
    expect(ok(await teacher.get('/mark-entry-policy/2026'))).toEqual({
      academicYear: 2026, isDefault: true, currentMarksDaysBack: 7, periodMarksDaysAfter: 5, minMarksForPeriodMark: 3,
      rounding: { kind: 'thresholds', five: 4.6, four: 3.6, three: 2.6 },
    });
    const saved = ok(await admin.put('/mark-entry-policy/2026', {
      currentMarksDaysBack: 10, periodMarksDaysAfter: 3, minMarksForPeriodMark: 5, rounding: { kind: 'thresholds', five: 4.65, four: 3.65, three: 2.65 },
    }));
    expect(saved).toMatchObject({ isDefault: false, currentMarksDaysBack: 10, rounding: { five: 4.65 } });
    ok(await admin.put('/mark-entry-policy/2026', { currentMarksDaysBack: 10, periodMarksDaysAfter: 3, minMarksForPeriodMark: 5, rounding: { kind: 'arithmetic' } }));
    expect(ok(await admin.get('/mark-entry-policy/2026'))).toMatchObject({ isDefault: false, rounding: { kind: 'arithmetic' } });
    expect(ok(await admin.get('/mark-entry-policy/2027'))).toMatchObject({ isDefault: true });
  });

  it('answers every wrong setting at once, saving nothing', async () => {
    const details = issuesOf(await admin.put('/mark-entry-policy/2026', {
      currentMarksDaysBack: -1, periodMarksDaysAfter: 400, minMarksForPeriodMark: 30, rounding: { kind: 'thresholds', five: 5.2, four: 3.6, three: 3.7 },
    }));
    expect(details.map((d) => d.path).sort()).toEqual(['currentMarksDaysBack', 'minMarksForPeriodMark', 'periodMarksDaysAfter', 'rounding.five', 'rounding.four']);
    expect(issuesOf(await admin.put('/mark-entry-policy/2026', { currentMarksDaysBack: 'семь', periodMarksDaysAfter: 3, minMarksForPeriodMark: 5, rounding: { kind: 'arithmetic' } })).map((d) => d.path))
      .toEqual(['currentMarksDaysBack']);
    expect(ok(await admin.get('/mark-entry-policy/2026'))).toMatchObject({ currentMarksDaysBack: 10, rounding: { kind: 'arithmetic' } });
  });
});

describe('access', () => {
  it('lets a subject teacher read but not write', async () => {
    expect((await teacher.put('/calendars/2026', { calendar: typical })).statusCode).toBe(403);
    expect((await teacher.post('/attestation-schedules', { academicYear: 2026, name: 'Год', grades: [9], periods: [] })).statusCode).toBe(403);
    expect((await teacher.put('/mark-entry-policy/2026', { currentMarksDaysBack: 1, periodMarksDaysAfter: 1, minMarksForPeriodMark: 1, rounding: { kind: 'arithmetic' } })).statusCode).toBe(403);
    expect((await teacher.get('/mark-entry-policy/2026')).statusCode).toBe(200);
  });

  it('answers 404 for another school and its ids', async () => {
    const theirs = ok<{ items: Schedule[] }>(await admin.get('/attestation-schedules')).items[0]!;
    expect((await dirB.get(`/attestation-schedules/${theirs.id}`)).statusCode).toBe(404);
    expect((await dirB.patch(`/attestation-schedules/${theirs.id}`, { name: 'Чужой' })).statusCode).toBe(404);
    expect((await dirB.del(`/attestation-schedules/${theirs.id}`)).statusCode).toBe(404);
    expect((await dirB.get('/calendars/2026')).json().error.code).toBe('CALENDAR_NOT_SET');
    const foreign = await t.app.inject({ method: 'GET', url: `/api/v1/schools/${schoolA.id}/calendars/2026`, headers: { cookie: (await login(t.app, 'dir-b')).cookie } });
    expect(foreign.statusCode).toBe(404);
  });
});

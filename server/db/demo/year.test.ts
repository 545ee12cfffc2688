// The demo school's year keeps the rules the services enforce (one seeded school for every check):
// rooms that suit the specialised subjects and a home room per class, catalogue codes on the subjects,
// programmes with a group and a teacher; a valid calendar with its terms as attestation schedules and
// the default policy; bell schedules without errors in force for every class, the default scales and
// weighted control forms; a teaching load consistent with the curricula and nobody over their limit.
import { eq, and, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradeSummaries } from '../../../domain/calendar';
import { defaultMarkEntryPolicy } from '../../../domain/mark-policy';
import { isWeightStep } from '../../../domain/mark-scale';
import { bellScheduleIssues, minutesOf, type BellLesson } from '../../../domain/regime';
import { roomSuits, type RoomKind } from '../../../domain/rooms';
import { catalogueEntry } from '../../../domain/subject-catalogue';
import * as calendarRepo from '../../features/calendar/calendar.repo';
import { calendarProblems } from '../../features/calendar/calendar.service';
import { ensureDefaultScales } from '../../features/control-forms/control-forms.service';
import { loadConsistencyOf } from '../../features/load/load.consistency';
import { effectiveRegimes } from '../../features/regimes/regimes.service';
import { listRooms } from '../../features/rooms/rooms.repo';
import { activityGroups, listProgrammes } from '../../features/subjects/subjects.repo';
import { createTestDatabase } from '../../test/database';
import type { Database } from '../client';
import { classes, enrollments, subjects, bellSchedules, controlForms, markScales, employees } from '../schema';
import { seedDemo } from './generate';

const year = 2026;
let database: Database;
let schoolId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  schoolId = (await seedDemo(database.db, { seed: 11, academicYear: year, passwordHash: 'x' })).demoSchoolId;
}, 120_000);
afterAll(async () => { await database?.close(); });

describe('demo rooms and subjects', () => {
  it('marks every subject with its ФГОС catalogue code and area, and adds the extracurricular courses', async () => {
    const rows = await database.db.select().from(subjects).where(eq(subjects.schoolId, schoolId));
    for (const s of rows.filter((r) => r.kind === 'subject')) {
      const entry = catalogueEntry(s.catalogueCode ?? '');
      expect(entry, s.name).toBeDefined();
      expect(s.subjectArea).toBe(entry!.subjectArea);
    }
    expect(rows.filter((r) => r.kind === 'extracurricular').map((r) => r.name).sort())
      .toEqual(['Разговоры о важном', 'Россия — мои горизонты', 'Функциональная грамотность']);
  });

  it('gives every class a room it fits in, and a room for each specialised subject', async () => {
    const db = database.db;
    const rooms = await listRooms(db, schoolId);
    expect(new Set(rooms.map((r) => r.name)).size).toBe(rooms.length);
    expect(rooms.every((r) => r.buildingId !== null && (r.capacity === null || (r.capacity >= 1 && r.capacity <= 1000)))).toBe(true);
    const suits = (r: (typeof rooms)[number]) => ({ kind: r.kind as RoomKind, capacity: r.capacity, subjectIds: r.subjects.map((s) => s.id) });
    const classRows = await db.select().from(classes).where(eq(classes.schoolId, schoolId));
    const sizes = await db.select({ classId: enrollments.classId }).from(enrollments).where(eq(enrollments.schoolId, schoolId));
    const ordinary = rooms.filter((r) => r.kind === 'ordinary');
    expect(ordinary.length).toBe(classRows.length);
    const subjectId = new Map((await db.select().from(subjects).where(eq(subjects.schoolId, schoolId))).map((s) => [s.catalogueCode, s.id]));
    for (const c of classRows) {
      const size = sizes.filter((e) => e.classId === c.id).length;
      expect(ordinary.some((r) => roomSuits(suits(r), subjectId.get('russian')!, size)), `${c.grade}${c.letter}`).toBe(true);
    }
    for (const code of ['physics', 'chemistry', 'biology', 'informatics', 'physicalEducation', 'technology']) {
      const id = subjectId.get(code)!;
      expect(rooms.some((r) => r.kind !== 'ordinary' && roomSuits(suits(r), id, 15)), code).toBe(true);
    }
    expect(rooms.filter((r) => r.kind === 'computer')).toHaveLength(2);
    expect(rooms.some((r) => r.kind === 'assembly')).toBe(true);
  });

  it('runs two additional programmes, each with a group, members and a teacher', async () => {
    const programmes = await listProgrammes(database.db, schoolId, year);
    expect(programmes.map((p) => p.name)).toEqual(['Робототехника', 'Школьный театр']);
    const groups = await activityGroups(database.db, schoolId, programmes.map((p) => p.subjectId), year, `${year}-11-02`);
    expect(groups).toHaveLength(2);
    for (const g of groups) {
      expect(g.memberCount).toBeGreaterThan(3);
      expect(g.teachers).toHaveLength(1);
    }
  });
});

describe('demo calendar', () => {
  it('has a valid calendar of the year with its terms as attestation schedules', async () => {
    const row = (await calendarRepo.findCalendar(database.db, schoolId, year))!;
    const schedules = await calendarRepo.listSchedules(database.db, schoolId, year);
    expect(schedules.map((s) => [s.kind, s.name, s.periods.map((p) => p.name)])).toEqual([
      ['terms', 'Четверти (1–9 классы)', ['1 четверть', '2 четверть', '3 четверть', '4 четверть']],
      ['terms', 'Полугодия (10–11 классы)', ['1 полугодие', '2 полугодие']],
    ]);
    const calendar = calendarRepo.calendarOf(row, schedules);
    expect(calendarProblems(calendar, year)).toEqual([]);
    const summary = gradeSummaries(calendar);
    expect(summary.map((s) => s.grade)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    for (const s of summary) expect(s.weeks).toBeGreaterThan(32);
    expect(row.version).toBe(1);
  });

  it('saves the default mark-entry policy', async () => {
    expect(await calendarRepo.findPolicy(database.db, schoolId, year)).toEqual(defaultMarkEntryPolicy);
  });
});

describe('demo regimes and control forms', () => {
  it('has bell schedules without errors or СанПиН warnings', async () => {
    const rows = await database.db.select().from(bellSchedules).where(eq(bellSchedules.schoolId, schoolId));
    expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(['1 смена', '1 классы']));
    for (const r of rows) expect(bellScheduleIssues(r.lessons as BellLesson[]), r.name).toEqual({ errors: [], warnings: [] });
    const main = rows.find((r) => r.name === '1 смена')!.lessons as BellLesson[];
    expect(main).toHaveLength(7);
    expect(main[0]!.startsAt).toBe('08:30');
  });

  it('gives every class a schedule from the first day; first grades have 35-minute lessons', async () => {
    const eff = await effectiveRegimes(database.db, schoolId, `${year}-09-01`);
    expect(eff.total).toBeGreaterThan(0);
    expect(eff.withoutSchedule).toBe(0);
    const schedules = new Map((await database.db.select().from(bellSchedules).where(eq(bellSchedules.schoolId, schoolId))).map((s) => [s.id, s]));
    for (const c of eff.items) {
      const lessons = schedules.get(c.bellSchedule!.id)!.lessons as BellLesson[];
      const length = minutesOf(lessons[0]!.endsAt)! - minutesOf(lessons[0]!.startsAt)!;
      expect(length, c.className).toBe(c.grade === 1 ? 35 : 45);
    }
  });

  it('has the three default scales (nothing added on first use) and weighted control forms', async () => {
    await ensureDefaultScales(database.db, schoolId);
    const scales = await database.db.select().from(markScales).where(eq(markScales.schoolId, schoolId));
    expect(scales.map((s) => s.kind).sort()).toEqual(['five', 'hundred', 'passFail']);
    const forms = await database.db.select().from(controlForms).where(eq(controlForms.schoolId, schoolId));
    expect(forms.map((f) => [f.name, Number(f.weight)])).toContainEqual(['Контрольная работа', 2]);
    expect(forms.every((f) => Number(f.weight) > 0 && Number(f.weight) <= 10 && isWeightStep(Number(f.weight)))).toBe(true);
    const byId = new Map(scales.map((s) => [s.id, s.kind]));
    expect(byId.get(forms.find((f) => f.name === 'Тест')!.markScaleId)).toBe('hundred');
    expect(byId.get(forms.find((f) => f.name === 'Зачёт')!.markScaleId)).toBe('passFail');
  });
});

describe('the demo teaching load', () => {
  it('is consistent with the curricula', async () => {
    const report = await loadConsistencyOf(database.db, schoolId, 2026);
    expect({ uncovered: report.uncovered, unsplit: report.unsplit, overLimit: report.overLimit, unmatched: report.unmatched }).toEqual({
      uncovered: [], unsplit: [], overLimit: [], unmatched: [],
    });
    expect(report.ok).toBe(true);
  });

  it('gives every teacher with load a limit of whole quarter rates, at least one rate, at most 60 h', async () => {
    const limits = await database.db.select({ hours: employees.loadLimitHours }).from(employees)
      .where(and(eq(employees.schoolId, schoolId), isNotNull(employees.loadLimitHours)));
    expect(limits.length).toBeGreaterThan(20);
    for (const { hours } of limits) {
      const h = Number(hours);
      expect(h).toBeGreaterThanOrEqual(18);
      expect(h).toBeLessThanOrEqual(60);
      expect((h / 4.5) % 1).toBe(0);
    }
  });
});

// The demo school's calendar keeps the rules the calendar service enforces: a valid calendar of
// the year with quarters for 1–9 and halves for 10–11 stored as terms schedules, every grade in
// one, and the default mark-entry policy saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradeSummaries } from '../../../domain/calendar';
import { defaultMarkEntryPolicy } from '../../../domain/mark-policy';
import * as calendarRepo from '../../features/calendar/calendar.repo';
import { calendarProblems } from '../../features/calendar/calendar.service';
import { createTestDatabase } from '../../test/database';
import type { Database } from '../client';
import { seedDemo } from './generate';

const year = 2026;
let database: Database;
let schoolId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  schoolId = (await seedDemo(database.db, { seed: 11, academicYear: year, passwordHash: 'x' })).demoSchoolId;
}, 120_000);
afterAll(async () => { await database?.close(); });

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

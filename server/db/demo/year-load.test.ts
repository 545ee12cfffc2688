// The demo school's teaching load against its curricula: every curriculum hour has a teacher, split
// subjects have their two subgroups, nobody is above their load limit, no load outside a line.
// Needs the curricula step (year-curricula.ts) and the rooms step's activity groups.
import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConsistencyOf } from '../../features/load/load.consistency';
import { createTestDatabase } from '../../test/database';
import type { Database } from '../client';
import { employees } from '../schema';
import { seedDemo } from './generate';

describe('the demo teaching load', () => {
  let database: Database;
  let schoolId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    schoolId = (await seedDemo(database.db, { seed: 11, academicYear: 2026, passwordHash: 'x' })).demoSchoolId;
  }, 120_000);
  afterAll(async () => { await database?.close(); });

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

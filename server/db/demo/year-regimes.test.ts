// The demo school's regimes and control forms keep the rules the services enforce: schedules
// without errors or СанПиН warnings, a schedule in force for every class from the first day
// (35-minute lessons for the first grade), the three default scales and weighted control forms.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWeightStep } from '../../../domain/mark-scale';
import { bellScheduleIssues, minutesOf, type BellLesson } from '../../../domain/regime';
import { createTestDatabase } from '../../test/database';
import type { Database } from '../client';
import { bellSchedules, controlForms, markScales } from '../schema';
import { ensureDefaultScales } from '../../features/control-forms/control-forms.service';
import { effectiveRegimes } from '../../features/regimes/regimes.service';
import { seedDemo } from './generate';

const year = 2026;
let database: Database;
let schoolId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  schoolId = (await seedDemo(database.db, { seed: 11, academicYear: year, passwordHash: 'x' })).demoSchoolId;
}, 120_000);
afterAll(async () => { await database?.close(); });

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

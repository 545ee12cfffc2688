// The demo school's year is set up completely and consistently (issue 4, item 15): every item of
// its readiness checklist that can be ready is ready, for each school the demo generates; its
// programme documents have a curriculum for every grade it teaches and never a student's ИУП.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readinessOf, readinessProgress } from '../../../domain/readiness';
import { seedDemo, demoPassword, type DemoSummary } from '../../db/demo/generate';
import type { Database } from '../../db/client';
import { curricula, students } from '../../db/schema';
import { ManualClock } from '../../lib/clock';
import { hashPassword } from '../../lib/passwords';
import { createDocumentsService } from '../documents/documents.service';
import { setProgrammesPublic } from '../documents/documents.repo';
import { classesOfYear } from './readiness.repo';
import { createTestDatabase } from '../../test/database';
import { readinessFactsOf } from './readiness.service';

let database: Database;
let summary: DemoSummary;

beforeAll(async () => {
  database = await createTestDatabase();
  summary = await seedDemo(database.db, { schools: 2, academicYear: 2026, passwordHash: await hashPassword(demoPassword) });
}, 120_000);
afterAll(async () => { await database.close(); });

describe('the demo year', () => {
  it('has a green readiness checklist in every school', async () => {
    for (const schoolId of summary.schoolIds) {
      const items = readinessOf(await readinessFactsOf(database.db, schoolId, 2026));
      const notReady = items.filter((i) => i.status !== 'ready' && i.status !== 'notAvailable').map((i) => `${i.key}: ${i.detail}`);
      expect(notReady).toEqual([]);
      expect(readinessProgress(items)).toEqual({ ready: 12, total: 12 });
    }
  });

  it('publishes a curriculum of every grade it teaches, the calendar and the extracurricular plan, never an ИУП', async () => {
    const schoolId = summary.demoSchoolId;
    await setProgrammesPublic(database.db, schoolId, true);
    const documents = createDocumentsService({ db: database.db, clock: new ManualClock() });
    const list = await documents.publicList(schoolId, { academicYear: 2026 });
    const grades = [...new Set((await classesOfYear(database.db, schoolId, 2026)).map((c) => c.grade))];
    expect(list.items.map((i) => i.key)).toEqual(expect.arrayContaining(['calendar', 'extracurricular', ...grades.map((g) => `curriculum-${g}`)]));
    const personal = await database.db.select({ name: curricula.name, lastName: students.lastName, firstName: students.firstName })
      .from(curricula).innerJoin(students, and(eq(students.schoolId, curricula.schoolId), eq(students.id, curricula.studentId)))
      .where(eq(curricula.schoolId, schoolId));
    expect(personal.length).toBeGreaterThan(0);
    for (const item of list.items) {
      const text = JSON.stringify(await documents.publicGet(schoolId, item.key, { academicYear: 2026 }));
      for (const p of personal) {
        expect(text).not.toContain(p.name);
        expect(text).not.toContain(`${p.lastName}`);
      }
    }
  });
});

// The demo school comes with its timetable: one published version in force from 1 September, every
// lesson of the load placed once, and the evaluator finds no hard violation in it (read back from
// the rows, not taken from what was saved). The other demo schools get none.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../../solver/evaluate';
import { emptyTimetable } from '../../../solver/model';
import { buildYearProblem, lessonToPeriod, shiftOfLesson } from '../../features/timetable/problem';
import { createTestDatabase } from '../../test/database';
import type { Database } from '../client';
import { timetableLessons, timetables } from '../schema';
import { seedDemo, type DemoSummary } from './generate';
import { demoTimetableName } from './timetable';

const year = 2026;
let database: Database;
let summary: DemoSummary;

beforeAll(async () => {
  database = await createTestDatabase();
  summary = await seedDemo(database.db, { schools: 2, academicYear: year, passwordHash: 'x' });
}, 180_000);
afterAll(async () => { await database?.close(); });

describe('the demo timetable', () => {
  it('is published from 1 September with every load lesson placed and no hard violation', async () => {
    const db = database.db;
    const schoolId = summary.demoSchoolId;
    const versions = await db.select().from(timetables).where(eq(timetables.schoolId, schoolId));
    expect(versions).toHaveLength(1);
    const version = versions[0]!;
    expect(version).toMatchObject({ status: 'published', validFrom: `${year}-09-01`, academicYear: year, name: demoTimetableName });
    expect(version.evaluation).toMatchObject({ hard: 0, unplaced: 0, violations: [] });

    const lessons = await db.select().from(timetableLessons).where(eq(timetableLessons.timetableId, version.id));
    const { problem, refs } = await buildYearProblem(db, schoolId, year);
    expect(lessons).toHaveLength(problem.activities.length);
    // The rows back as the solver's timetable, judged again.
    const index = new Map(refs.activities.map((a, i) => [a.key, i]));
    const roomIndex = new Map(refs.rooms.map((id, i) => [id, i]));
    const timetable = emptyTimetable(problem.activities.length);
    for (const l of lessons) {
      const i = index.get(l.activityKey!)!;
      expect(i, l.activityKey!).toBeDefined();
      expect(timetable.day[i]).toBe(-1);
      timetable.day[i] = l.weekday - 1;
      timetable.period[i] = lessonToPeriod(refs.shifts, shiftOfLesson(refs, l), l.lessonNumber);
      timetable.room[i] = l.roomId ? roomIndex.get(l.roomId)! : -1;
      expect(l.teachingLoadId).toBe(refs.activities[i]!.teachingLoadId);
    }
    const evaluation = evaluate(problem, timetable);
    expect(evaluation.hard.map((v) => v.message)).toEqual([]);
  });

  it('is given to the first school only', async () => {
    const other = summary.schoolIds.find((id) => id !== summary.demoSchoolId)!;
    expect(await database.db.select().from(timetables).where(eq(timetables.schoolId, other))).toEqual([]);
  });
});

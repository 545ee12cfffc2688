// The demo school comes with its timetable: one published version in force from 1 September, every
// lesson of the load placed once, and the evaluator finds no hard violation in it (read back from
// the rows, not taken from what was saved); its extracurricular and additional-education sessions
// come after the classes' lessons, clash with nothing, and what finds no time is listed. The other
// demo schools get none.
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
import { lessonKindOfSubject } from '../../features/timetable/extracurricular';
import { sessionLoads } from '../../features/timetable/extracurricular.repo';

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

    const all = await db.select().from(timetableLessons).where(eq(timetableLessons.timetableId, version.id));
    const lessons = all.filter((l) => l.kind === 'regular');
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

    // Sessions: every whole hour of the extracurricular and additional rows is a session or listed.
    const sessions = all.filter((l) => l.kind !== 'regular');
    const loads = await sessionLoads(db, schoolId, year);
    const outside = (version.evaluation as { outsideGrid: { hours: number }[] }).outsideGrid;
    // (The demo's two activity groups draw from both shifts: a whole-shift 8th grade leaves them no
    // hour before the second shift starts, so they are listed rather than placed.)
    expect(loads.length).toBeGreaterThan(0);
    expect(sessions.length + outside.reduce((n, o) => n + o.hours, 0)).toBe(loads.reduce((n, l) => n + Math.floor(l.hoursPerWeek), 0));
    const at = (l: typeof all[number]) => `${l.weekday}:${(refs.shifts.find((s) => s.shift === shiftOfLesson(refs, l))?.firstPeriod ?? 0) + l.lessonNumber}`;
    for (const s of sessions) {
      expect(s.kind).toBe(lessonKindOfSubject(loads.find((l) => l.id === s.teachingLoadId)!.subjectKind));
      const others = all.filter((o) => o.id !== s.id && at(o) === at(s));
      expect(others.filter((o) => o.employeeId === s.employeeId || (s.roomId !== null && o.roomId === s.roomId))).toEqual([]);
      if (s.classId) {
        expect(others.filter((o) => o.classId === s.classId)).toEqual([]);
        const last = Math.max(0, ...lessons.filter((o) => o.classId === s.classId && o.weekday === s.weekday).map((o) => o.lessonNumber));
        expect(s.lessonNumber).toBeGreaterThan(last);
      }
    }
  });

  it('is given to the first school only', async () => {
    const other = summary.schoolIds.find((id) => id !== summary.demoSchoolId)!;
    expect(await database.db.select().from(timetables).where(eq(timetables.schoolId, other))).toEqual([]);
  });
});

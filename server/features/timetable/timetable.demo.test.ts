// The demo school's year makes a timetable problem with nothing impossible in it: every load hour
// is a lesson, every class and teacher is in it, the second shift follows the first, and the
// diagnosis before search finds no issue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../../../solver/diagnose';
import { readFet, writeFet } from '../../../solver/fet';
import { seedDemo, demoPassword, type DemoSummary } from '../../db/demo/generate';
import type { Database } from '../../db/client';
import { hashPassword } from '../../lib/passwords';
import { createTestDatabase } from '../../test/database';
import { classesOfYear, listTeachingLoads } from '../load/load.repo';
import { buildYearProblem } from './problem';
import { subjectKinds } from './problem.repo';

let database: Database;
let summary: DemoSummary;

beforeAll(async () => {
  database = await createTestDatabase();
  summary = await seedDemo(database.db, { schools: 1, academicYear: 2026, passwordHash: await hashPassword(demoPassword) });
}, 120_000);
afterAll(async () => { await database.close(); });

describe('the demo school timetable problem', () => {
  it('builds with no diagnosis issue and a lesson for every load hour', async () => {
    const schoolId = summary.demoSchoolId;
    const { problem, notes, refs } = await buildYearProblem(database.db, schoolId, 2026);
    expect(diagnose(problem)).toEqual([]);
    const classes = await classesOfYear(database.db, schoolId, 2026);
    const loads = await listTeachingLoads(database.db, schoolId, { academicYear: 2026 });
    expect(problem.studentsSets.filter((s) => s.kind === 'group').map((s) => s.name)).toEqual(classes.map((c) => `${c.grade}${c.letter}`));
    expect(problem.days.length === 5 || problem.days.length === 6).toBe(true);
    expect(problem.periods.length).toBeGreaterThanOrEqual(5);
    // Lessons of the grid: subjects and optional courses (extracurricular load is scheduled apart).
    const kinds = await subjectKinds(database.db, schoolId, loads.map((l) => l.subjectId));
    const taught = loads.filter((l) => ['subject', 'optionalCourse'].includes(kinds.get(l.subjectId)!));
    expect(taught.length).toBeGreaterThan(0);
    const wholeHours = taught.reduce((sum, l) => sum + Math.floor(Number(l.hoursPerWeek)), 0);
    expect(problem.activities.length).toBe(wholeHours);
    expect(problem.teachers.length).toBe(new Set(taught.map((l) => l.employeeId)).size);
    expect(problem.rooms.length).toBeGreaterThan(0);
    // Every lesson has students; a class split for several subjects in the same halves has two subgroups.
    expect(problem.activities.every((a) => a.studentsSets.length > 0)).toBe(true);
    const split = problem.studentsSets.find((s) => s.kind === 'group' && s.children.length > 0)!;
    expect(split.children).toHaveLength(2);
    expect(problem.constraints.filter((c) => c.kind === 'studentsMaxGapsPerDay')).toHaveLength(classes.length);
    expect(notes.every((n) => typeof n === 'string')).toBe(true);
    // The demo teaches grades 6 and 7 in a second shift: its lessons follow the first shift's.
    expect(refs.shifts).toEqual([{ shift: 1, firstPeriod: 0, lessons: 7 }, { shift: 2, firstPeriod: 7, lessons: 6 }]);
    expect(problem.periods.length).toBe(13);
    expect(classes.filter((c) => refs.shiftOfClass.get(c.id) === 2).map((c) => c.grade).sort()).toEqual(classes.filter((c) => c.grade === 6 || c.grade === 7).map((c) => c.grade).sort());
    expect(notes.some((n) => n.startsWith('Смены: 1 смена — уроки 1–7'))).toBe(true);
    // Written as a FET file, it reads back whole: the same lessons and every constraint FET has
    // (our soft Russian rules have no FET counterpart and stay out of the file).
    const back = readFet(writeFet(problem));
    expect(back.unknownConstraints).toEqual([]);
    expect(back.problem.activities).toHaveLength(problem.activities.length);
    const ours = new Set(['studentsDifficultyProfile', 'studentsHardSubjectsNotFirstLast', 'studentsBalancedDays', 'teachersRoomChanges']);
    expect(back.problem.constraints).toHaveLength(problem.constraints.filter((c) => !ours.has(c.kind)).length);
    expect(problem.constraints.filter((c) => c.kind === 'studentsDifficultyProfile')).toHaveLength(classes.length);
    expect(diagnose(back.problem)).toEqual([]);
  });
});

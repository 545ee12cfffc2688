// The demo school's year set up the way a journal administrator does it (issue: preparing the
// school year): rooms and subjects, the calendar with terms and periods, regimes, control forms,
// the mark-entry policy, curricula from the federal samples, and a teaching load that matches them.
// Each step inserts rows directly (the generator must stay fast for hundreds of schools) and keeps
// the rules the services enforce; the readiness checklist of the demo school is green (tested).
import type { Queryable } from '../client';
import type { SchoolContext } from './generate';
import { seedCalendar } from './year-calendar';
import { seedCurricula } from './year-curricula';
import { seedLoadConsistency } from './year-load';
import { seedRegimesAndControlForms } from './year-regimes';
import { seedRoomsAndSubjects } from './year-rooms';
import { seedTimetable } from './timetable';

/** What the steps hand to each other (filled as they run). */
export type YearSeed = {
  /** Attestation schedule of kind `terms` for each grade 1–11. */
  termScheduleIdByGrade: Map<number, string>;
  /** Curriculum id of each grade (kind main, for the whole grade). */
  curriculumIdByGrade: Map<number, string>;
};

export async function seedSchoolYear(q: Queryable, ctx: SchoolContext): Promise<void> {
  const year: YearSeed = { termScheduleIdByGrade: new Map(), curriculumIdByGrade: new Map() };
  await seedRoomsAndSubjects(q, ctx, year);
  await seedCalendar(q, ctx, year);
  await seedRegimesAndControlForms(q, ctx, year);
  await seedCurricula(q, ctx, year);
  await seedLoadConsistency(q, ctx, year);
  await seedTimetable(q, ctx);
}

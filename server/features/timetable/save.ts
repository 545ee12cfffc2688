// A solver timetable saved as a version of the school's timetable: each placed activity becomes a
// lesson row (day d → weekday d + 1; period p → the lesson number within its shift, p + 1 with one
// shift — problem.ts `periodToLesson`; room index → room id) keyed by
// its activity key, so that locking and regenerating find it again. Unplaced activities have no
// row; the evaluation saved with the version (the same shape a hand edit refreshes) counts them
// among the hard violations. Then the extracurricular and additional-education sessions, which the
// solver does not place, go right after the classes' lessons (extracurricular.ts); the hours that
// find no time are listed in the evaluation (`outsideGrid`), not as violations.
import type { Evaluation } from '../../../solver/evaluate';
import { isPlaced, type Timetable } from '../../../solver/model';
import type { Queryable } from '../../db/client';
import type { timetableLessons } from '../../db/schema';
import { storedEvaluationOf } from './evaluation';
import { periodToLesson, type YearProblem } from './problem';
import * as repo from './runs.repo';
import { placeYearSessions } from './sessions';

type LessonInsert = typeof timetableLessons.$inferInsert;

/** «Черновик от 29.11.2026 14:05» in the school's time zone. */
export function draftName(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('ru-RU', {
    timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `Черновик от ${part('day')}.${part('month')}.${part('year')} ${part('hour')}:${part('minute')}`;
}

/** The lesson rows of a timetable of the year's problem; `locked` names the activity keys kept locked. */
export function lessonRowsOf(
  year: Pick<YearProblem, 'problem' | 'refs'>, timetable: Timetable,
  target: { schoolId: string; timetableId: string; locked?: ReadonlySet<string> },
): LessonInsert[] {
  const rows: LessonInsert[] = [];
  year.problem.activities.forEach((a, i) => {
    if (!a.active || !isPlaced(timetable, i)) return;
    const ref = year.refs.activities[i]!;
    const room = timetable.room[i]!;
    rows.push({
      schoolId: target.schoolId,
      timetableId: target.timetableId,
      teachingLoadId: ref.teachingLoadId,
      activityKey: ref.key,
      subjectId: ref.subjectId,
      employeeId: ref.employeeId,
      classId: ref.classId,
      studyGroupId: ref.studyGroupId,
      weekday: timetable.day[i]! + 1,
      lessonNumber: periodToLesson(year.refs.shifts, timetable.period[i]!)?.lessonNumber ?? timetable.period[i]! + 1,
      duration: a.duration,
      roomId: room >= 0 ? year.refs.rooms[room] ?? null : null,
      kind: 'regular',
      format: 'inPerson',
      locked: target.locked?.has(ref.key) ?? false,
    });
  });
  return rows;
}

export type SaveVersionInput = {
  schoolId: string;
  academicYear: number;
  name: string;
  /** A published version needs `validFrom`. */
  status: 'draft' | 'published';
  validFrom?: string | null;
  runId?: string | null;
  createdBy?: string | null;
  year: Pick<YearProblem, 'problem' | 'refs'>;
  timetable: Timetable;
  evaluation: Evaluation;
  locked?: ReadonlySet<string>;
  at: Date;
};

/** Writes the version and its lessons (call inside a transaction); gives the version's id. */
export async function saveVersion(q: Queryable, input: SaveVersionInput): Promise<string> {
  const rows = lessonRowsOf(input.year, input.timetable, { schoolId: input.schoolId, timetableId: '', ...(input.locked ? { locked: input.locked } : {}) });
  const sessions = await placeYearSessions(q, input.schoolId, input.academicYear, input.year,
    rows.map((r) => ({ ...r, duration: r.duration ?? 1, classId: r.classId ?? null, studyGroupId: r.studyGroupId ?? null, roomId: r.roomId ?? null, kind: 'regular' })));
  const timetableId = await repo.insertVersion(q, {
    schoolId: input.schoolId,
    academicYear: input.academicYear,
    name: input.name,
    status: input.status,
    validFrom: input.validFrom ?? null,
    runId: input.runId ?? null,
    evaluation: storedEvaluationOf(input.evaluation, [], input.at, sessions.unplaced),
    createdBy: input.createdBy ?? null,
    createdAt: input.at,
    updatedAt: input.at,
    publishedAt: input.status === 'published' ? input.at : null,
  });
  await repo.insertLessons(q, [
    ...rows.map((r) => ({ ...r, timetableId })),
    ...sessions.lessons.map((l) => ({ ...l, schoolId: input.schoolId, timetableId, format: 'inPerson', locked: false })),
  ]);
  return timetableId;
}

// The timetable of a year: its problem built from the school's tables with the diagnosis before
// search, and the same problem as a FET file.
import type { TimetableProblemDto } from '../../../contracts/timetable';
import type { Access } from '../access/access.service';
import { diagnose } from '../../../solver/diagnose';
import { writeFet } from '../../../solver/fet';
import type { Queryable } from '../../db/client';
import { buildYearProblem } from './problem';

export function createTimetableService({ db }: { db: Queryable }) {
  const yearOf = (access: Access, q: { academicYear?: number | undefined }) => q.academicYear ?? access.actor.academicYear;
  return {
    async problem(access: Access, q: { academicYear?: number | undefined }): Promise<TimetableProblemDto> {
      const academicYear = yearOf(access, q);
      const { problem, notes } = await buildYearProblem(db, access.actor.schoolId, academicYear);
      const constraints: Record<string, number> = {};
      for (const c of problem.constraints) constraints[c.kind] = (constraints[c.kind] ?? 0) + 1;
      return {
        academicYear,
        summary: {
          days: problem.days.length, periods: problem.periods.length,
          classes: problem.studentsSets.filter((s) => s.kind === 'group').length,
          teachers: problem.teachers.length,
          activities: new Set(problem.activities.map((a) => (a.groupId === 0 ? -a.id : a.groupId))).size,
          lessons: problem.activities.reduce((sum, a) => sum + a.duration, 0),
          rooms: problem.rooms.length,
        },
        constraints,
        issues: diagnose(problem).map((i) => ({
          code: i.code, message: i.message,
          ...(i.teacher !== undefined ? { teacher: problem.teachers[i.teacher]!.name } : {}),
          ...(i.studentsSet !== undefined ? { studentsSet: problem.studentsSets[i.studentsSet]!.name } : {}),
          ...(i.activity !== undefined ? { activity: problem.activities[i.activity]!.id } : {}),
        })),
        notes,
      };
    },
    async fet(access: Access, q: { academicYear?: number | undefined }): Promise<{ academicYear: number; xml: string }> {
      const academicYear = yearOf(access, q);
      const { problem } = await buildYearProblem(db, access.actor.schoolId, academicYear);
      return { academicYear, xml: writeFet(problem) };
    },
  };
}

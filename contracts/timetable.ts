// The timetable problem of a school's year (SPEC B12): `GET /schools/:schoolId/timetable/problem`
// — its size, its constraints by kind, and what makes it impossible before any search.
import { z } from 'zod';
import { Uuid } from './common';

export const TimetableParams = z.object({ schoolId: Uuid });
export const TimetableQuery = z.object({
  academicYear: z.coerce.number({ error: 'Учебный год: ожидается число, например 2026' }).int().min(2000).max(2100).optional(),
});
export type TimetableQuery = z.infer<typeof TimetableQuery>;

export const TimetableIssueDto = z.object({
  /** studentsOverloaded | teacherOverloaded | activityTooLong | tooManyLessonsForDays | studentsDailyMaxTooLow | teacherDailyMaxTooLow | sameTimeTeacherTwice | sameTimeStudentsTwice */
  code: z.string(),
  message: z.string().meta({ example: 'У «5А» 36 часов в неделю, а свободных уроков в сетке только 35: уберите 1 час из нагрузки или добавьте уроки в день.' }),
  teacher: z.string().optional(),
  studentsSet: z.string().optional(),
  activity: z.number().int().optional(),
}).meta({ id: 'TimetableIssue' });
export type TimetableIssueDto = z.infer<typeof TimetableIssueDto>;

export const TimetableProblemDto = z.object({
  academicYear: z.number().int(),
  summary: z.object({
    days: z.number().int(),
    periods: z.number().int(),
    classes: z.number().int(),
    teachers: z.number().int(),
    /** Load rows that became lessons. */
    activities: z.number().int(),
    /** One-hour lessons a week. */
    lessons: z.number().int(),
    rooms: z.number().int(),
  }),
  /** Constraints by kind of the solver's model, e.g. { basicTime: 1, studentsMaxGapsPerDay: 24 }. */
  constraints: z.record(z.string(), z.number().int()),
  /** What makes the problem impossible; empty when nothing does. */
  issues: z.array(TimetableIssueDto),
  /** What was approximated or left out when building the problem. */
  notes: z.array(z.string()),
}).meta({ id: 'TimetableProblem' });
export type TimetableProblemDto = z.infer<typeof TimetableProblemDto>;

// A teacher's unavailable lessons of a school year (SPEC B12: teacher availability): weekday ×
// lesson number of a shift. `GET/PUT /schools/:schoolId/employees/:employeeId/unavailability?academicYear`;
// the timetable problem makes each a slot the teacher cannot teach in.
import { z } from 'zod';
import { Uuid } from './common';
import { PersonName } from './org';

export const TeacherUnavailabilityParams = z.object({ schoolId: Uuid, employeeId: Uuid });
export const TeacherUnavailabilityQuery = z.object({
  academicYear: z.coerce.number({ error: 'Учебный год: ожидается число, например 2026' }).int().min(2000).max(2100).optional(),
});
export type TeacherUnavailabilityQuery = z.infer<typeof TeacherUnavailabilityQuery>;

const int = (what: string, min: number, max: number) => z.number({ error: `${what}: ожидается число` })
  .int(`${what}: целое число`).min(min, `${what}: от ${min} до ${max}`).max(max, `${what}: от ${min} до ${max}`);

/** One lesson: weekday 1 (Monday) … 6, lesson number within its shift's bell schedule. */
export const UnavailableLessonDto = z.object({
  shift: int('Смена', 1, 3),
  weekday: int('День недели', 1, 6),
  lessonNumber: int('Номер урока', 1, 12),
}).meta({ id: 'UnavailableLesson' });
export type UnavailableLessonDto = z.infer<typeof UnavailableLessonDto>;

/** The whole set for the year: it replaces what was there (an empty list clears it). A repeated lesson counts once. */
export const TeacherUnavailabilityBody = z.object({
  slots: z.array(UnavailableLessonDto.extend({ shift: int('Смена', 1, 3).default(1) }), { error: 'Недоступность: ожидается список уроков' })
    .max(216, 'Недоступность: не больше 216 уроков'),
}).meta({ id: 'TeacherUnavailabilityBody' });
export type TeacherUnavailabilityBody = z.infer<typeof TeacherUnavailabilityBody>;

export const TeacherUnavailabilityDto = z.object({
  academicYear: z.number().int(),
  employee: PersonName.extend({ id: Uuid }),
  /** The grid a school's year has: its longest week and the lessons of each shift's bell schedules. */
  grid: z.object({
    weekdays: z.array(z.number().int()),
    shifts: z.array(z.object({ shift: z.number().int(), lessons: z.number().int() })),
  }),
  slots: z.array(UnavailableLessonDto),
}).meta({ id: 'TeacherUnavailability' });
export type TeacherUnavailabilityDto = z.infer<typeof TeacherUnavailabilityDto>;

// SQL of teachers' unavailable lessons (weekday × lesson number of a shift, per school year).
import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { teacherUnavailability } from '../../db/schema';

export type UnavailabilityRow = { employeeId: string; shift: number; weekday: number; lessonNumber: number };

/** Teachers' unavailable lessons of a year (one teacher's when `employeeId` is given), in order. */
export async function unavailabilityOf(db: Queryable, schoolId: string, academicYear: number, employeeId?: string): Promise<UnavailabilityRow[]> {
  return db.select({
    employeeId: teacherUnavailability.employeeId, shift: teacherUnavailability.shift,
    weekday: teacherUnavailability.weekday, lessonNumber: teacherUnavailability.lessonNumber,
  }).from(teacherUnavailability)
    .where(and(
      eq(teacherUnavailability.schoolId, schoolId), eq(teacherUnavailability.academicYear, academicYear),
      employeeId ? eq(teacherUnavailability.employeeId, employeeId) : undefined,
    ))
    .orderBy(teacherUnavailability.employeeId, teacherUnavailability.shift, teacherUnavailability.weekday, teacherUnavailability.lessonNumber);
}

/** Replaces a teacher's unavailable lessons of a year (call inside a transaction). */
export async function replaceUnavailability(
  db: Queryable, schoolId: string, employeeId: string, academicYear: number, slots: readonly { shift: number; weekday: number; lessonNumber: number }[],
): Promise<void> {
  await db.delete(teacherUnavailability).where(and(
    eq(teacherUnavailability.schoolId, schoolId), eq(teacherUnavailability.employeeId, employeeId), eq(teacherUnavailability.academicYear, academicYear),
  ));
  if (slots.length > 0) await db.insert(teacherUnavailability).values(slots.map((s) => ({ schoolId, employeeId, academicYear, ...s })));
}

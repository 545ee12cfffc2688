// Rules of teachers' unavailable lessons: read by staff, written by the administration (resource
// `yearSetup`); the set for a year is replaced whole in one transaction; each lesson must lie in
// the school's grid — a weekday of its longest week, a shift its bell schedules have, a lesson
// number that shift has — else 400 naming the item, nothing saved.
import type { TeacherUnavailabilityBody, TeacherUnavailabilityDto, TeacherUnavailabilityQuery } from '../../../contracts/teacher-unavailability';
import { countRu } from '../../../solver/diagnose';
import type { Db, Queryable } from '../../db/client';
import { AppError, notFound } from '../../lib/errors';
import type { Access } from '../access/access.service';
import * as loadRepo from '../load/load.repo';
import * as org from '../org/org.repo';
import { findCalendar } from '../readiness/readiness.repo';
import { defaultPeriods, weekDaysOf } from './problem';
import { bellScheduleSizes } from './problem.repo';
import * as repo from './unavailability.repo';

type FieldIssue = { path: string; code: string; message: string };
type Grid = TeacherUnavailabilityDto['grid'];

/** The grid of a year: weekdays of its longest week, each shift of its bell schedules with the most lessons it has. */
export async function unavailabilityGrid(db: Queryable, schoolId: string, academicYear: number): Promise<Grid> {
  const [calendar, classRows, bells] = await Promise.all([
    findCalendar(db, schoolId, academicYear), loadRepo.classesOfYear(db, schoolId, academicYear), bellScheduleSizes(db, schoolId, academicYear),
  ]);
  const days = weekDaysOf(calendar, classRows.map((c) => c.grade));
  const byShift = new Map<number, number>();
  for (const b of bells) if (b.lessons > 0) byShift.set(b.shift, Math.max(byShift.get(b.shift) ?? 0, b.lessons));
  const shifts = [...byShift].sort((a, b) => a[0] - b[0]).map(([shift, lessons]) => ({ shift, lessons }));
  return { weekdays: Array.from({ length: days }, (_, d) => d + 1), shifts: shifts.length > 0 ? shifts : [{ shift: 1, lessons: defaultPeriods }] };
}

export function createUnavailabilityService({ db }: { db: Db }) {
  const yearOf = (access: Access, q: TeacherUnavailabilityQuery) => q.academicYear ?? access.actor.academicYear;

  async function employeeOf(schoolId: string, employeeId: string) {
    return await org.findEmployee(db, schoolId, employeeId) ?? notFound('EMPLOYEE_NOT_FOUND', 'Сотрудник не найден');
  }

  async function read(access: Access, employeeId: string, q: TeacherUnavailabilityQuery): Promise<TeacherUnavailabilityDto> {
    const schoolId = access.actor.schoolId;
    const academicYear = yearOf(access, q);
    const employee = await employeeOf(schoolId, employeeId);
    const [grid, rows] = await Promise.all([unavailabilityGrid(db, schoolId, academicYear), repo.unavailabilityOf(db, schoolId, academicYear, employeeId)]);
    return {
      academicYear,
      employee: { id: employee.id, lastName: employee.lastName, firstName: employee.firstName, middleName: employee.middleName },
      grid,
      slots: rows.map((r) => ({ shift: r.shift, weekday: r.weekday, lessonNumber: r.lessonNumber })),
    };
  }

  async function write(access: Access, employeeId: string, q: TeacherUnavailabilityQuery, body: TeacherUnavailabilityBody): Promise<TeacherUnavailabilityDto> {
    const schoolId = access.actor.schoolId;
    const academicYear = yearOf(access, q);
    await employeeOf(schoolId, employeeId);
    const grid = await unavailabilityGrid(db, schoolId, academicYear);
    const issues: FieldIssue[] = [];
    const seen = new Map<string, { shift: number; weekday: number; lessonNumber: number }>();
    body.slots.forEach((slot, i) => {
      const span = grid.shifts.find((s) => s.shift === slot.shift);
      if (slot.weekday > grid.weekdays.length) {
        issues.push({ path: `slots.${i}.weekday`, code: 'OUTSIDE_WEEK', message: `День недели: в учебной неделе школы ${grid.weekdays.length} дней` });
      }
      if (!span) {
        issues.push({ path: `slots.${i}.shift`, code: 'NO_SUCH_SHIFT', message: `Смена: в расписаниях звонков года ${grid.shifts.length === 1 ? 'только смена' : 'смены'} ${grid.shifts.map((s) => s.shift).join(' и ')}` });
      } else if (slot.lessonNumber > span.lessons) {
        issues.push({ path: `slots.${i}.lessonNumber`, code: 'OUTSIDE_DAY', message: `Номер урока: в ${slot.shift} смене ${countRu(span.lessons, 'урок', 'урока', 'уроков')}` });
      }
      seen.set(`${slot.shift}:${slot.weekday}:${slot.lessonNumber}`, slot);
    });
    if (issues.length > 0) throw new AppError('VALIDATION_FAILED', 400, issues[0]!.message, issues);
    const slots = [...seen.values()].sort((a, b) => a.shift - b.shift || a.weekday - b.weekday || a.lessonNumber - b.lessonNumber);
    await db.transaction((tx) => repo.replaceUnavailability(tx, schoolId, employeeId, academicYear, slots));
    return read(access, employeeId, q);
  }

  return { read, write };
}

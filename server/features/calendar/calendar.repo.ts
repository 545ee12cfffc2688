// SQL of the calendar area: the academic calendar of a school year, attestation schedules with
// their periods, the mark-entry policy. Every query names the school, so another school's id is
// simply not found.
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { AcademicCalendar } from '../../../domain/calendar';
import type { MarkEntryPolicy, Rounding } from '../../../domain/mark-policy';
import type { Queryable } from '../../db/client';
import { academicCalendars, attestationPeriods, attestationSchedules, curriculumLines, markEntryPolicies } from '../../db/schema';

export type CalendarRow = typeof academicCalendars.$inferSelect;
export type ScheduleRow = typeof attestationSchedules.$inferSelect;
export type PeriodRow = typeof attestationPeriods.$inferSelect;
export type ScheduleWithPeriods = ScheduleRow & { periods: PeriodRow[] };

// --- Calendar ---------------------------------------------------------------------------------

export async function findCalendar(db: Queryable, schoolId: string, academicYear: number): Promise<CalendarRow | null> {
  const [row] = await db.select().from(academicCalendars)
    .where(and(eq(academicCalendars.schoolId, schoolId), eq(academicCalendars.academicYear, academicYear))).limit(1);
  return row ?? null;
}

/** The calendar document of a row; its term schemes come from the schedules of kind `terms`. */
export function calendarOf(row: CalendarRow, termSchedules: readonly ScheduleWithPeriods[]): AcademicCalendar {
  return {
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    termSchemes: termSchedules.map((s) => ({
      grades: s.grades,
      kind: s.termKind as AcademicCalendar['termSchemes'][number]['kind'],
      terms: s.periods.map((p) => ({ number: p.number, startsOn: p.startsOn, endsOn: p.endsOn })),
    })),
    holidays: row.holidays as AcademicCalendar['holidays'],
    daysOff: row.daysOff as AcademicCalendar['daysOff'],
    workingWeekends: row.workingWeekends as AcademicCalendar['workingWeekends'],
    weekLengths: row.weekLengths as AcademicCalendar['weekLengths'],
  };
}

export type CalendarValues = {
  calendar: AcademicCalendar;
  sampleId: string | null;
  sampleVersion: number | null;
};

const documentColumns = ({ calendar, sampleId, sampleVersion }: CalendarValues) => ({
  startsOn: calendar.startsOn,
  endsOn: calendar.endsOn,
  holidays: calendar.holidays,
  daysOff: calendar.daysOff,
  workingWeekends: calendar.workingWeekends,
  weekLengths: calendar.weekLengths,
  sampleId,
  sampleVersion,
});

export async function insertCalendar(db: Queryable, schoolId: string, academicYear: number, values: CalendarValues): Promise<CalendarRow> {
  const [row] = await db.insert(academicCalendars).values({ schoolId, academicYear, ...documentColumns(values), version: 1 }).returning();
  return row!;
}

/** Rewrites the calendar if it still has `version`; null when someone saved in between. */
export async function updateCalendar(
  db: Queryable, schoolId: string, academicYear: number, version: number, values: CalendarValues,
): Promise<CalendarRow | null> {
  const [row] = await db.update(academicCalendars)
    .set({ ...documentColumns(values), version: version + 1, updatedAt: new Date() })
    .where(and(eq(academicCalendars.schoolId, schoolId), eq(academicCalendars.academicYear, academicYear), eq(academicCalendars.version, version)))
    .returning();
  return row ?? null;
}

// --- Attestation schedules --------------------------------------------------------------------

async function withPeriods(db: Queryable, schoolId: string, schedules: ScheduleRow[]): Promise<ScheduleWithPeriods[]> {
  if (schedules.length === 0) return [];
  const periods = await db.select().from(attestationPeriods)
    .where(and(eq(attestationPeriods.schoolId, schoolId), inArray(attestationPeriods.scheduleId, schedules.map((s) => s.id))))
    .orderBy(asc(attestationPeriods.number));
  return schedules.map((s) => ({ ...s, periods: periods.filter((p) => p.scheduleId === s.id) }));
}

/** Schedules of a year, terms first (in grade order), then custom ones by name. */
export async function listSchedules(db: Queryable, schoolId: string, academicYear: number, kind?: 'terms' | 'custom'): Promise<ScheduleWithPeriods[]> {
  const rows = await db.select().from(attestationSchedules)
    .where(and(
      eq(attestationSchedules.schoolId, schoolId), eq(attestationSchedules.academicYear, academicYear),
      kind ? eq(attestationSchedules.kind, kind) : undefined,
    ));
  rows.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'terms' ? -1 : 1)
    || (a.kind === 'terms' ? Math.min(...a.grades) - Math.min(...b.grades) : a.name.localeCompare(b.name, 'ru')));
  return withPeriods(db, schoolId, rows);
}

export async function findSchedule(db: Queryable, schoolId: string, id: string): Promise<ScheduleWithPeriods | null> {
  const [row] = await db.select().from(attestationSchedules)
    .where(and(eq(attestationSchedules.schoolId, schoolId), eq(attestationSchedules.id, id))).limit(1);
  return row ? (await withPeriods(db, schoolId, [row]))[0]! : null;
}

export async function insertSchedule(
  db: Queryable, values: { schoolId: string; academicYear: number; kind: 'terms' | 'custom'; termKind: string | null; grades: number[]; name: string },
): Promise<ScheduleRow> {
  const [row] = await db.insert(attestationSchedules).values(values).returning();
  return row!;
}

export async function updateSchedule(db: Queryable, schoolId: string, id: string, values: { grades?: number[]; name?: string }): Promise<void> {
  if (Object.keys(values).length === 0) return;
  await db.update(attestationSchedules).set(values).where(and(eq(attestationSchedules.schoolId, schoolId), eq(attestationSchedules.id, id)));
}

export async function deleteSchedules(db: Queryable, schoolId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.delete(attestationSchedules).where(and(eq(attestationSchedules.schoolId, schoolId), inArray(attestationSchedules.id, ids)));
}

export type PeriodValues = { number: number; name: string; startsOn: string; endsOn: string };

/**
 * Makes the periods of a schedule exactly `periods`, keeping the id of each period whose number
 * stays. Numbers are unique per schedule, so the kept ones are rewritten in place.
 */
export async function syncPeriods(db: Queryable, schoolId: string, scheduleId: string, existing: readonly PeriodRow[], periods: readonly PeriodValues[]): Promise<void> {
  const wanted = new Set(periods.map((p) => p.number));
  const gone = existing.filter((p) => !wanted.has(p.number)).map((p) => p.id);
  if (gone.length > 0) await db.delete(attestationPeriods).where(and(eq(attestationPeriods.schoolId, schoolId), inArray(attestationPeriods.id, gone)));
  const byNumber = new Map(existing.map((p) => [p.number, p]));
  const fresh: (PeriodValues & { schoolId: string; scheduleId: string })[] = [];
  for (const p of periods) {
    const old = byNumber.get(p.number);
    if (!old) fresh.push({ ...p, schoolId, scheduleId });
    else if (old.name !== p.name || old.startsOn !== p.startsOn || old.endsOn !== p.endsOn) {
      await db.update(attestationPeriods).set({ name: p.name, startsOn: p.startsOn, endsOn: p.endsOn })
        .where(and(eq(attestationPeriods.schoolId, schoolId), eq(attestationPeriods.id, old.id)));
    }
  }
  if (fresh.length > 0) await db.insert(attestationPeriods).values(fresh);
}

/** How many curriculum lines follow each of these schedules (absent: none). */
export async function scheduleUsage(db: Queryable, schoolId: string, ids: readonly string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: curriculumLines.attestationScheduleId, n: count() }).from(curriculumLines)
    .where(and(eq(curriculumLines.schoolId, schoolId), inArray(curriculumLines.attestationScheduleId, [...ids])))
    .groupBy(curriculumLines.attestationScheduleId);
  return new Map(rows.map((r) => [r.id!, Number(r.n)]));
}

// --- Mark-entry policy ------------------------------------------------------------------------

export async function findPolicy(db: Queryable, schoolId: string, academicYear: number): Promise<MarkEntryPolicy | null> {
  const [row] = await db.select().from(markEntryPolicies)
    .where(and(eq(markEntryPolicies.schoolId, schoolId), eq(markEntryPolicies.academicYear, academicYear))).limit(1);
  return row
    ? {
      currentMarksDaysBack: row.currentMarksDaysBack,
      periodMarksDaysAfter: row.periodMarksDaysAfter,
      rounding: row.rounding as Rounding,
      minMarksForPeriodMark: row.minMarksForPeriodMark,
    }
    : null;
}

export async function upsertPolicy(db: Queryable, schoolId: string, academicYear: number, policy: MarkEntryPolicy): Promise<void> {
  const values = {
    currentMarksDaysBack: policy.currentMarksDaysBack,
    periodMarksDaysAfter: policy.periodMarksDaysAfter,
    rounding: policy.rounding,
    minMarksForPeriodMark: policy.minMarksForPeriodMark,
  };
  await db.insert(markEntryPolicies).values({ schoolId, academicYear, ...values })
    .onConflictDoUpdate({ target: [markEntryPolicies.schoolId, markEntryPolicies.academicYear], set: { ...values, updatedAt: new Date() } });
}

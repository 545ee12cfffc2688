// Rules of the calendar area (SPEC B4, B7, B8): the academic calendar of a school year with its
// terms kept as attestation schedules of kind `terms` (ids kept across saves), custom attestation
// schedules a curriculum line may follow, and the mark-entry policy. Every method receives the
// caller's `Access` (the route has authorised `yearSetup`), validates everything first and then
// writes in one transaction: a refused request changes nothing.
import { attestationScheduleDto, type FieldIssue } from './calendar.dto';
import { periodIssues, termName, termScheduleName, type PeriodDraft } from '../../../domain/attestation';
import { addDays, calendarIssues, gradeSummaries, schoolDayOf, type AcademicCalendar, type DateRange } from '../../../domain/calendar';
import { defaultMarkEntryPolicy, policyIssues, type MarkEntryPolicy } from '../../../domain/mark-policy';
import { academicYearBounds } from '../../../domain/school-year';
import type {
  AttestationScheduleDto, AttestationScheduleListDto, CalendarDaysDto, CalendarDto, CreateAttestationScheduleInput,
  MarkEntryPolicyBody, MarkEntryPolicyDto, SaveCalendarInput, UpdateAttestationScheduleInput,
} from '../../../contracts/calendar';
import type { Db, Queryable } from '../../db/client';
import { isUniqueViolation } from '../../db/errors';
import { AppError, notFound } from '../../lib/errors';
import type { Access } from '../access/access.service';
import { readSampleForSchool, sampleOriginOf } from '../samples/samples.read';
import * as repo from './calendar.repo';

const invalid = (issues: FieldIssue[]): AppError => new AppError('VALIDATION_FAILED', 400, issues[0]?.message ?? 'Неверные данные', issues);
const conflict = (code: string, message: string, path?: string): AppError =>
  new AppError(code, 409, message, path ? [{ path, code, message }] : undefined);
const ru = (date: string): string => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
const calendarNotSet = (year: number): never => {
  throw new AppError('CALENDAR_NOT_SET', 404, `Календарный учебный график на ${year}/${String((year + 1) % 100).padStart(2, '0')} учебный год не задан`);
};
const scheduleNotFound = (): never => notFound('NOT_FOUND', 'График аттестации не найден');

/** Everything wrong with a calendar for a year, paths relative to the calendar document. */
export function calendarProblems(calendar: AcademicCalendar, academicYear: number): FieldIssue[] {
  const issues: FieldIssue[] = calendarIssues(calendar);
  const bounds = academicYearBounds(academicYear);
  const outside = (date: string) => date < bounds.startsOn || date > bounds.endsOn;
  const span = `${ru(bounds.startsOn)}–${ru(bounds.endsOn)}`;
  if (outside(calendar.startsOn)) issues.push({ path: 'startsOn', code: 'OUTSIDE_ACADEMIC_YEAR', message: `Начало учебного года должно быть в пределах ${span}` });
  if (outside(calendar.endsOn)) issues.push({ path: 'endsOn', code: 'OUTSIDE_ACADEMIC_YEAR', message: `Окончание учебного года должно быть в пределах ${span}` });
  return issues;
}

/** Rows of the `terms` schedules a calendar's schemes become, matched to the existing ones by kind and grades. */
type SchemePlan = { existing: repo.ScheduleWithPeriods | null; termKind: string; grades: number[]; name: string; periods: repo.PeriodValues[] };

export function planTermSchedules(calendar: AcademicCalendar, existing: readonly repo.ScheduleWithPeriods[]): { plans: SchemePlan[]; removed: repo.ScheduleWithPeriods[] } {
  const free = [...existing];
  const plans = calendar.termSchemes.map((scheme): SchemePlan => {
    let best: repo.ScheduleWithPeriods | null = null;
    let bestOverlap = 0;
    for (const s of free) {
      if (s.termKind !== scheme.kind) continue;
      const overlap = s.grades.filter((g) => scheme.grades.includes(g)).length;
      if (overlap > bestOverlap) [best, bestOverlap] = [s, overlap];
    }
    if (best) free.splice(free.indexOf(best), 1);
    const grades = [...scheme.grades].sort((a, b) => a - b);
    return {
      existing: best, termKind: scheme.kind, grades, name: termScheduleName(scheme.kind, grades),
      periods: [...scheme.terms].sort((a, b) => a.number - b.number)
        .map((t) => ({ number: t.number, name: termName(scheme.kind, t.number), startsOn: t.startsOn, endsOn: t.endsOn })),
    };
  });
  return { plans, removed: free };
}

/**
 * Saves a calendar of a year with its term schedules inside an open transaction, without an HTTP
 * request (the demo and tests use it too). The calendar must already be valid (`calendarProblems`).
 * `version`: the version the editor started from; a newer saved one → 409 CALENDAR_CHANGED.
 */
export async function saveCalendar(
  tx: Queryable, schoolId: string, academicYear: number, values: repo.CalendarValues, version?: number,
): Promise<repo.CalendarRow> {
  const current = await repo.findCalendar(tx, schoolId, academicYear);
  const changed = () => conflict('CALENDAR_CHANGED', 'График уже изменил другой пользователь: обновите страницу и внесите правки снова');
  if (current && version !== undefined && version !== current.version) throw changed();
  const existing = await repo.listSchedules(tx, schoolId, academicYear, 'terms');
  const { plans, removed } = planTermSchedules(values.calendar, existing);
  const usage = await repo.scheduleUsage(tx, schoolId, removed.map((s) => s.id));
  const used = removed.find((s) => usage.has(s.id));
  if (used) {
    throw conflict('PERIOD_IN_USE', `«${used.name}»: по этим периодам аттестуются строки учебного плана — сначала назначьте им другие периоды`, 'calendar.termSchemes');
  }
  let row: repo.CalendarRow | null;
  try {
    row = current
      ? await repo.updateCalendar(tx, schoolId, academicYear, current.version, values)
      : await repo.insertCalendar(tx, schoolId, academicYear, values);
  } catch (err) {
    if (isUniqueViolation(err)) throw changed();
    throw err;
  }
  if (!row) throw changed();
  await repo.deleteSchedules(tx, schoolId, removed.map((s) => s.id));
  for (const plan of plans) {
    let scheduleId: string;
    if (plan.existing) {
      scheduleId = plan.existing.id;
      await repo.updateSchedule(tx, schoolId, scheduleId, { grades: plan.grades, name: plan.name });
    } else {
      scheduleId = (await repo.insertSchedule(tx, { schoolId, academicYear, kind: 'terms', termKind: plan.termKind, grades: plan.grades, name: plan.name })).id;
    }
    await repo.syncPeriods(tx, schoolId, scheduleId, plan.existing?.periods ?? [], plan.periods);
  }
  return row;
}

export function createCalendarService({ db }: { db: Db }) {
  const schoolOf = (access: Access) => access.actor.schoolId;

  async function schedulesDto(q: Queryable, schoolId: string, schedules: repo.ScheduleWithPeriods[], calendar: AcademicCalendar | null): Promise<AttestationScheduleDto[]> {
    const usage = await repo.scheduleUsage(q, schoolId, schedules.map((s) => s.id));
    return schedules.map((s) => attestationScheduleDto(s, usage.get(s.id) ?? 0, calendar));
  }

  async function loadCalendar(q: Queryable, schoolId: string, academicYear: number) {
    const row = await repo.findCalendar(q, schoolId, academicYear);
    if (!row) return null;
    const termSchedules = await repo.listSchedules(q, schoolId, academicYear, 'terms');
    return { row, termSchedules, calendar: repo.calendarOf(row, termSchedules) };
  }

  /** The year's dates a custom schedule must lie in: the calendar's, or the whole academic year before it is set. */
  async function yearRange(q: Queryable, schoolId: string, academicYear: number): Promise<DateRange> {
    const row = await repo.findCalendar(q, schoolId, academicYear);
    return row ? { startsOn: row.startsOn, endsOn: row.endsOn } : academicYearBounds(academicYear);
  }

  return {
    async getCalendar(access: Access, academicYear: number): Promise<CalendarDto> {
      const schoolId = schoolOf(access);
      const found = await loadCalendar(db, schoolId, academicYear);
      if (!found) return calendarNotSet(academicYear);
      const { row, termSchedules, calendar } = found;
      return {
        academicYear,
        calendar: calendar as CalendarDto['calendar'],
        version: row.version,
        sample: await sampleOriginOf(db, row.sampleId, row.sampleVersion),
        termSchedules: await schedulesDto(db, schoolId, termSchedules, calendar),
        summary: gradeSummaries(calendar),
      };
    },

    async putCalendar(access: Access, academicYear: number, input: SaveCalendarInput): Promise<CalendarDto> {
      const schoolId = schoolOf(access);
      let calendar: AcademicCalendar;
      let sampleId: string | null = null;
      let sampleVersion: number | null = null;
      if (input.fromSample) {
        const sample = await readSampleForSchool(db, schoolId, input.fromSample.sampleId, 'calendar');
        if (sample.content.academicYear !== academicYear) {
          throw new AppError('SAMPLE_YEAR_MISMATCH', 400, `Образец составлен на ${sample.content.academicYear}/${String((sample.content.academicYear + 1) % 100).padStart(2, '0')} учебный год, а график — на ${academicYear}/${String((academicYear + 1) % 100).padStart(2, '0')}`,
            [{ path: 'fromSample.sampleId', code: 'SAMPLE_YEAR_MISMATCH', message: 'Образец составлен на другой учебный год' }]);
        }
        calendar = sample.content.calendar;
        [sampleId, sampleVersion] = [sample.id, sample.version];
      } else if (input.calendar) {
        calendar = input.calendar;
        // A school edits a calendar it took from a sample: the origin stays until another sample is taken.
        const current = await repo.findCalendar(db, schoolId, academicYear);
        [sampleId, sampleVersion] = [current?.sampleId ?? null, current?.sampleVersion ?? null];
      } else {
        throw invalid([{ path: 'calendar', code: 'REQUIRED', message: 'График: передайте календарь или выберите образец' }]);
      }
      const problems = calendarProblems(calendar, academicYear);
      if (problems.length > 0) throw invalid(problems.map((p) => ({ ...p, path: p.path ? `calendar.${p.path}` : 'calendar' })));
      await db.transaction((tx) => saveCalendar(tx, schoolId, academicYear, { calendar, sampleId, sampleVersion }, input.version));
      return this.getCalendar(access, academicYear);
    },

    async calendarDays(access: Access, academicYear: number, query: { grade: number; from?: string | undefined; to?: string | undefined }): Promise<CalendarDaysDto> {
      const found = await loadCalendar(db, schoolOf(access), academicYear);
      if (!found) return calendarNotSet(academicYear);
      const from = query.from ?? found.calendar.startsOn;
      const to = query.to ?? found.calendar.endsOn;
      const issues: FieldIssue[] = [];
      if (from > to) issues.push({ path: 'to', code: 'RANGE_REVERSED', message: 'Период: дата окончания раньше даты начала' });
      else if (addDays(from, 400) < to) issues.push({ path: 'to', code: 'RANGE_TOO_LONG', message: 'Период: не больше 400 дней' });
      if (issues.length > 0) throw invalid(issues);
      const days: CalendarDaysDto['days'] = [];
      for (let d = from; d <= to; d = addDays(d, 1)) {
        const a = schoolDayOf(found.calendar, query.grade, d);
        days.push({
          date: d, schoolDay: a.schoolDay, reason: a.schoolDay ? null : a.reason, termNumber: a.term?.number ?? null,
          termKind: a.kind, timetableDay: a.schoolDay ? a.timetableDay : null, name: (!a.schoolDay && a.name) || null,
        });
      }
      return { academicYear, grade: query.grade, days };
    },

    async listSchedules(access: Access, academicYear: number | undefined): Promise<AttestationScheduleListDto> {
      const schoolId = schoolOf(access);
      const year = academicYear ?? access.actor.academicYear;
      const found = await loadCalendar(db, schoolId, year);
      const items = await schedulesDto(db, schoolId, await repo.listSchedules(db, schoolId, year), found?.calendar ?? null);
      return { items, total: items.length };
    },

    async getSchedule(access: Access, id: string): Promise<AttestationScheduleDto> {
      const schoolId = schoolOf(access);
      const s = (await repo.findSchedule(db, schoolId, id)) ?? scheduleNotFound();
      const found = await loadCalendar(db, schoolId, s.academicYear);
      return (await schedulesDto(db, schoolId, [s], found?.calendar ?? null))[0]!;
    },

    async createSchedule(access: Access, input: CreateAttestationScheduleInput): Promise<AttestationScheduleDto> {
      const schoolId = schoolOf(access);
      const range = await yearRange(db, schoolId, input.academicYear);
      const problems = periodIssues(input.periods, range);
      if (problems.length > 0) throw invalid(problems);
      const id = await db.transaction(async (tx) => {
        const row = await repo.insertSchedule(tx, {
          schoolId, academicYear: input.academicYear, kind: 'custom', termKind: null, grades: [...new Set(input.grades)].sort((a, b) => a - b), name: input.name,
        });
        await repo.syncPeriods(tx, schoolId, row.id, [], numbered(input.periods));
        return row.id;
      });
      return this.getSchedule(access, id);
    },

    async updateSchedule(access: Access, id: string, input: UpdateAttestationScheduleInput): Promise<AttestationScheduleDto> {
      const schoolId = schoolOf(access);
      const s = (await repo.findSchedule(db, schoolId, id)) ?? scheduleNotFound();
      if (s.kind === 'terms') throw termsReadOnly();
      if (input.periods) {
        const problems = periodIssues(input.periods, await yearRange(db, schoolId, s.academicYear));
        if (problems.length > 0) throw invalid(problems);
      }
      await db.transaction(async (tx) => {
        await repo.updateSchedule(tx, schoolId, id, {
          ...(input.name === undefined ? {} : { name: input.name }),
          ...(input.grades === undefined ? {} : { grades: [...new Set(input.grades)].sort((a, b) => a - b) }),
        });
        if (input.periods) await repo.syncPeriods(tx, schoolId, id, s.periods, numbered(input.periods));
      });
      return this.getSchedule(access, id);
    },

    async deleteSchedule(access: Access, id: string): Promise<void> {
      const schoolId = schoolOf(access);
      const s = (await repo.findSchedule(db, schoolId, id)) ?? scheduleNotFound();
      if (s.kind === 'terms') throw termsReadOnly();
      await db.transaction(async (tx) => {
        const usage = await repo.scheduleUsage(tx, schoolId, [id]);
        if (usage.has(id)) throw conflict('IN_USE', `«${s.name}»: по этому графику аттестуются строки учебного плана (${usage.get(id)}) — сначала назначьте им другие периоды`);
        await repo.deleteSchedules(tx, schoolId, [id]);
      });
    },

    async getPolicy(access: Access, academicYear: number): Promise<MarkEntryPolicyDto> {
      const saved = await repo.findPolicy(db, schoolOf(access), academicYear);
      return { academicYear, isDefault: saved === null, ...(saved ?? defaultMarkEntryPolicy) };
    },

    async putPolicy(access: Access, academicYear: number, input: MarkEntryPolicyBody): Promise<MarkEntryPolicyDto> {
      const policy: MarkEntryPolicy = input;
      const problems = policyIssues(policy);
      if (problems.length > 0) throw invalid(problems);
      await repo.upsertPolicy(db, schoolOf(access), academicYear, policy);
      return this.getPolicy(access, academicYear);
    },
  };
}

const termsReadOnly = (): AppError =>
  conflict('TERMS_READ_ONLY', 'Четверти, триместры и полугодия меняются в календарном учебном графике');

const numbered = (periods: readonly PeriodDraft[]): repo.PeriodValues[] =>
  periods.map((p, i) => ({ number: i + 1, name: p.name.trim(), startsOn: p.startsOn, endsOn: p.endsOn }));

export type CalendarService = ReturnType<typeof createCalendarService>;

// Rules of day regimes (SPEC B5): bell schedules of a year validated by `bellScheduleIssues`
// (errors refuse, СанПиН warnings are returned with the schedule), assignments to the school, a
// class, a study group or a student from a date (the target's previous one ends the day before,
// in one transaction), and the schedule in force for each class on a date.
import type { Role } from '../../../domain/access';
import {
  assignmentPlan, bellScheduleIssues, breaksOf, byNumber, regimeOn, targetKey, type BellLesson, type RegimeTarget,
} from '../../../domain/regime';
import { academicYearBounds, academicYearOfDate } from '../../../domain/school-year';
import type {
  BellScheduleDto, BellScheduleListDto, CreateBellScheduleInput, CreateRegimeAssignmentInput, EffectiveRegimeListDto, EffectiveRegimeQuery,
  RegimeAssignmentDto, RegimeAssignmentListDto, UpdateBellScheduleInput, YearQuery,
} from '../../../contracts/regimes';
import type { Db, Queryable } from '../../db/client';
import { AppError, notFound } from '../../lib/errors';
import type { Access, Actor } from '../access/access.service';
import * as repo from './regimes.repo';

type FieldIssue = { path: string; code: string; message: string };
const invalid = (issues: FieldIssue[]): AppError => new AppError('VALIDATION_FAILED', 400, issues[0]?.message ?? 'Неверные данные', issues);
const missing = (message: string): never => notFound('NOT_FOUND', message);

/** "2026-09-01" → "01.09.2026" for messages. */
const ru = (date: string): string => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;

const administrationRoles: ReadonlySet<Role> = new Set(['director', 'deputy', 'journalAdmin', 'regionAdmin', 'municipalityAdmin']);

const scheduleDto = (row: repo.BellScheduleRow, assignmentCount: number): BellScheduleDto => {
  const lessons = byNumber(row.lessons);
  return {
    id: row.id,
    academicYear: row.academicYear,
    name: row.name,
    shift: row.shift,
    lessons,
    breaks: breaksOf(lessons),
    warnings: bellScheduleIssues(lessons).warnings,
    assignmentCount,
  };
};

/** The target's name as a list shows it; a student's name only to the administration (teachers read the set-up too). */
const assignmentDto = (row: repo.AssignmentView, actor: Actor): RegimeAssignmentDto => {
  const target = repo.targetOfRow(row);
  const seesNames = actor.roles.some((r) => administrationRoles.has(r));
  const view = (() => {
    switch (target.kind) {
      case 'school': return { kind: 'school' as const, id: null, name: 'Вся школа' };
      case 'class': return { kind: 'class' as const, id: target.classId, name: row.className ?? 'Класс' };
      case 'studyGroup': return { kind: 'studyGroup' as const, id: target.studyGroupId, name: row.groupName ?? 'Группа' };
      case 'student': return {
        kind: 'student' as const, id: target.studentId,
        name: seesNames && row.studentLastName ? `${row.studentLastName} ${row.studentFirstName ?? ''}`.trim() : 'Ученик (ИУП)',
      };
    }
  })();
  return {
    id: row.id,
    bellSchedule: { id: row.bellScheduleId, name: row.scheduleName, shift: row.scheduleShift },
    target: view,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
  };
};

const cleanLessons = (lessons: readonly BellLesson[]): BellLesson[] =>
  lessons.map((l) => ({ number: l.number, startsAt: l.startsAt.trim(), endsAt: l.endsAt.trim() }));

/** The schedule in force for every class of the date's year (or one class): its own, else the school's. */
export async function effectiveRegimes(db: Queryable, schoolId: string, date: string, classId?: string): Promise<EffectiveRegimeListDto> {
  const [classRows, assignments] = await Promise.all([
    repo.classesOfYear(db, schoolId, academicYearOfDate(date), classId),
    repo.schoolAndClassAssignmentsOn(db, schoolId, date),
  ]);
  const list = assignments.map((a) => ({ ...a, target: repo.targetOfRow(a) }));
  const items = classRows.map((c) => {
    const found = regimeOn(list, { classId: c.id }, date);
    return {
      classId: c.id,
      className: `${c.grade}${c.letter}`,
      grade: c.grade,
      bellSchedule: found ? { id: found.bellScheduleId, name: found.scheduleName, shift: found.scheduleShift } : null,
      source: found ? (found.target.kind === 'class' ? 'class' as const : 'school' as const) : null,
      assignmentId: found?.id ?? null,
    };
  });
  return { date, items, total: items.length, withoutSchedule: items.filter((i) => i.bellSchedule === null).length };
}

export function createRegimeService({ db }: { db: Db }) {
  async function validateSchedule(
    schoolId: string, academicYear: number, exceptId: string | null,
    input: { name?: string | undefined; lessons?: BellLesson[] | undefined },
  ): Promise<{ name?: string; lessons?: BellLesson[] }> {
    const issues: FieldIssue[] = [];
    const out: { name?: string; lessons?: BellLesson[] } = {};
    if (input.name !== undefined) {
      const name = input.name.trim().replace(/\s+/g, ' ');
      if (name === '') issues.push({ path: 'name', code: 'REQUIRED', message: 'Название: обязательное поле' });
      else out.name = name;
    }
    if (input.lessons !== undefined) {
      const lessons = cleanLessons(input.lessons);
      issues.push(...bellScheduleIssues(lessons).errors);
      out.lessons = byNumber(lessons);
    }
    if (issues.length > 0) throw invalid(issues);
    if (out.name !== undefined && await repo.bellScheduleNameTaken(db, schoolId, academicYear, out.name, exceptId)) throw nameTaken(out.name);
    return out;
  }

  const nameTaken = (name: string): AppError =>
    new AppError('NAME_TAKEN', 409, `Расписание звонков «${name}» уже есть в этом учебном году`, [{ path: 'name', code: 'NAME_TAKEN', message: 'Название: такое расписание уже есть' }]);

  const saving = async <T>(name: string | undefined, write: () => Promise<T>): Promise<T> => {
    try {
      return await write();
    } catch (err) {
      if (repo.isUniqueViolation(err)) throw nameTaken(name ?? '');
      throw err;
    }
  };

  async function getSchedule(access: Access, id: string): Promise<BellScheduleDto> {
    const row = await repo.findBellSchedule(db, access.actor.schoolId, id) ?? missing('Расписание звонков не найдено');
    return scheduleDto(row, await repo.countAssignmentsOf(db, access.actor.schoolId, id));
  }

  return {
    async listSchedules(access: Access, q: YearQuery): Promise<BellScheduleListDto> {
      const rows = await repo.listBellSchedules(db, access.actor.schoolId, q.academicYear ?? access.actor.academicYear);
      return { items: rows.map((r) => scheduleDto(r, r.assignmentCount)), total: rows.length };
    },

    getSchedule,

    async createSchedule(access: Access, input: CreateBellScheduleInput): Promise<BellScheduleDto> {
      const schoolId = access.actor.schoolId;
      const academicYear = input.academicYear ?? access.actor.academicYear;
      const v = await validateSchedule(schoolId, academicYear, null, { name: input.name, lessons: input.lessons });
      const row = await saving(v.name, () => repo.insertBellSchedule(db, { schoolId, academicYear, name: v.name!, shift: input.shift, lessons: v.lessons! }));
      return scheduleDto(row, 0);
    },

    async updateSchedule(access: Access, id: string, input: UpdateBellScheduleInput): Promise<BellScheduleDto> {
      const schoolId = access.actor.schoolId;
      const current = await repo.findBellSchedule(db, schoolId, id) ?? missing('Расписание звонков не найдено');
      const v = await validateSchedule(schoolId, current.academicYear, id, { name: input.name, lessons: input.lessons });
      await saving(v.name, () => repo.updateBellSchedule(db, schoolId, id, {
        ...(v.name !== undefined ? { name: v.name } : {}),
        ...(input.shift !== undefined ? { shift: input.shift } : {}),
        ...(v.lessons !== undefined ? { lessons: v.lessons } : {}),
      }));
      return getSchedule(access, id);
    },

    async deleteSchedule(access: Access, id: string): Promise<void> {
      const schoolId = access.actor.schoolId;
      if (!await repo.findBellSchedule(db, schoolId, id)) missing('Расписание звонков не найдено');
      const inUse = (n: number | null): AppError =>
        new AppError('IN_USE', 409, `Расписание звонков назначено${n ? ` (${n})` : ''}: сначала снимите назначения`);
      try {
        await db.transaction(async (tx) => {
          const used = await repo.countAssignmentsOf(tx, schoolId, id);
          if (used > 0) throw inUse(used);
          await repo.deleteBellSchedule(tx, schoolId, id);
        });
      } catch (err) {
        // An assignment made between the count and the delete: the foreign key refuses the delete.
        if (repo.isForeignKeyViolation(err)) throw inUse(null);
        throw err;
      }
    },

    // --- Assignments ---------------------------------------------------------------------------

    async listAssignments(access: Access, q: YearQuery): Promise<RegimeAssignmentListDto> {
      const rows = await repo.listAssignments(db, access.actor.schoolId, { academicYear: q.academicYear ?? access.actor.academicYear });
      return { items: rows.map((r) => assignmentDto(r, access.actor)), total: rows.length };
    },

    async assign(access: Access, input: CreateRegimeAssignmentInput): Promise<RegimeAssignmentDto> {
      const schoolId = access.actor.schoolId;
      const issues: FieldIssue[] = [];
      const schedule = await repo.findBellSchedule(db, schoolId, input.bellScheduleId);
      if (!schedule) issues.push({ path: 'bellScheduleId', code: 'NOT_FOUND', message: 'Расписание звонков: не найдено' });
      const year = schedule?.academicYear;
      if (year !== undefined) {
        const { startsOn, endsOn } = academicYearBounds(year);
        if (input.startsOn < startsOn || input.startsOn > endsOn) {
          issues.push({ path: 'startsOn', code: 'OUTSIDE_YEAR', message: `Действует с: дата вне учебного года расписания (${ru(startsOn)} – ${ru(endsOn)})` });
        }
      }
      const target: RegimeTarget = input.target;
      switch (target.kind) {
        case 'school': break;
        case 'class': {
          const found = await repo.findClass(db, schoolId, target.classId);
          if (!found) issues.push({ path: 'target.classId', code: 'NOT_FOUND', message: 'Класс: не найден в школе' });
          else if (year !== undefined && found.academicYear !== year) { issues.push({ path: 'target.classId', code: 'OTHER_YEAR', message: 'Класс: другого учебного года' }); }
          break;
        }
        case 'studyGroup': {
          const found = await repo.findStudyGroup(db, schoolId, target.studyGroupId);
          if (!found) issues.push({ path: 'target.studyGroupId', code: 'NOT_FOUND', message: 'Группа: не найдена в школе' });
          else if (year !== undefined && found.academicYear !== year) { issues.push({ path: 'target.studyGroupId', code: 'OTHER_YEAR', message: 'Группа: другого учебного года' }); }
          break;
        }
        case 'student':
          if (!await repo.studentExists(db, schoolId, target.studentId)) issues.push({ path: 'target.studentId', code: 'NOT_FOUND', message: 'Ученик: не найден в школе' });
          break;
      }
      if (issues.length > 0) throw invalid(issues);

      const id = await db.transaction(async (tx) => {
        await repo.lockTarget(tx, schoolId, targetKey(target));
        const plan = assignmentPlan(await repo.assignmentsOfTarget(tx, schoolId, target), input.startsOn);
        await repo.deleteAssignments(tx, schoolId, plan.remove);
        for (const e of plan.end) await repo.setAssignmentEnd(tx, schoolId, e.id, e.endsOn);
        const row = await repo.insertAssignment(tx, {
          schoolId, bellScheduleId: input.bellScheduleId, startsOn: input.startsOn, endsOn: plan.endsOn,
          classId: target.kind === 'class' ? target.classId : null,
          studyGroupId: target.kind === 'studyGroup' ? target.studyGroupId : null,
          studentId: target.kind === 'student' ? target.studentId : null,
        });
        return row.id;
      });
      const [view] = await repo.listAssignments(db, schoolId, { ids: [id] });
      return assignmentDto(view!, access.actor);
    },

    /**
     * Removes an assignment. The target's assignment that ended the day before it started takes
     * over its period again, so removing a change from a date restores what applied before.
     */
    async unassign(access: Access, id: string): Promise<void> {
      const schoolId = access.actor.schoolId;
      const row = await repo.findAssignment(db, schoolId, id) ?? missing('Назначение не найдено');
      const target = repo.targetOfRow(row);
      await db.transaction(async (tx) => {
        await repo.lockTarget(tx, schoolId, targetKey(target));
        const others = (await repo.assignmentsOfTarget(tx, schoolId, target)).filter((a) => a.id !== id);
        const dayBefore = new Date(Date.parse(`${row.startsOn}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
        const previous = others.find((a) => a.endsOn === dayBefore);
        await repo.deleteAssignments(tx, schoolId, [id]);
        if (previous) await repo.setAssignmentEnd(tx, schoolId, previous.id, row.endsOn);
      });
    },

    async effective(access: Access, q: EffectiveRegimeQuery): Promise<EffectiveRegimeListDto> {
      const schoolId = access.actor.schoolId;
      if (q.classId && !await repo.findClass(db, schoolId, q.classId)) return missing('Класс не найден');
      return effectiveRegimes(db, schoolId, q.date ?? access.actor.today, q.classId);
    },
  };
}

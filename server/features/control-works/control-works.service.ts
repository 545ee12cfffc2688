// Rules of control works (goal of section 2, G4; SPEC B13, D6). A work belongs to a class or a
// group, a subject and a year; the subject teacher schedules works for what they teach (their load),
// the administration for anyone. Tasks carry max points and КЭС codes; the points → mark scale is
// checked by domain/control-work.ts. Every change names the version it was made on (If-Match) and
// runs in one transaction that locks the work. Once results exist, only the title, the date and the
// tasks' labels and КЭС codes may change (the marks follow the tasks and the scale); a work with
// results is not deleted. More than one control work of a class on a day is a warning (СанПиН
// 1.2.3685-21, table 6.6), never a refusal. Reading: the administration reads the school, a
// teacher the works of the classes they teach (the results of what they teach), a class teacher
// their class's, a student or parent the schedule of their (children's) classes without results.
import type {
  ControlWorkDto, ControlWorkListDto, ControlWorkListQuery, ControlWorkSummaryDto, ControlWorkWarningDto, CreateControlWorkBody,
  PlannedControlTopicListDto, PlannedControlTopicQuery, UpdateControlWorkBody,
} from '../../../contracts/control-works';
import { pointsScaleIssues, suggestedPointsScale, type PointsScaleRow } from '../../../domain/control-work';
import { academicYearBounds } from '../../../domain/school-year';
import type { Db, Queryable } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { AppError, notFound } from '../../lib/errors';
import type { Access, AccessService } from '../access/access.service';
import { refreshAnalysis } from './analysis';
import * as repo from './control-works.repo';

type FieldIssue = { path: string; code?: string; message: string };
type PersonName = { lastName: string; firstName: string; middleName: string | null };

export const invalid = (issues: FieldIssue[]): AppError => new AppError('VALIDATION_FAILED', 400, issues[0]?.message ?? 'Неверные данные', issues);
export const conflict = (code: string, message: string, details?: unknown): AppError => new AppError(code, 409, message, details);
export const workNotFound = (): never => notFound('CONTROL_WORK_NOT_FOUND', 'Контрольная работа не найдена');
const forbidden = (message: string): AppError => new AppError('FORBIDDEN', 403, message);

/** "2026-09-14" → "14.09.2026". */
export const ruDate = (date: string): string => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
/** «Петрова А. С.». */
export const shortName = (p: PersonName): string =>
  [p.lastName, [p.firstName, p.middleName].filter((x): x is string => !!x && x.trim() !== '').map((x) => `${x.trim()[0]!.toUpperCase()}.`).join(' ')].join(' ');

/** The version number a change names: `If-Match: "3"` (or 3, W/"3"). */
export function versionOfIfMatch(header: string | string[] | undefined): number {
  const raw = Array.isArray(header) ? header[0] : header;
  const m = raw?.trim().match(/^(?:W\/)?"?(\d{1,9})"?$/);
  if (!m) throw new AppError('VERSION_REQUIRED', 428, 'Нужен заголовок If-Match с номером версии контрольной работы, которую вы меняете (поле version)');
  return Number(m[1]);
}

export const staleVersion = (current: unknown, version: number): AppError =>
  new AppError('VERSION_STALE', 412, 'Контрольную работу уже изменили: обновите страницу и повторите', { version, current });

/** Who a caller is for control works: their load rows (a teacher) and the classes they lead. */
export type Reach = {
  access: Access;
  wholeSchool: boolean;
  load: repo.LoadUnit[];
  /** Classes and groups whose schedule the caller reads (narrow scopes); null: all. */
  classIds: ReadonlySet<string> | null;
  groupIds: ReadonlySet<string> | null;
  /** Classes the caller leads (their results are read too). */
  ledClassIds: ReadonlySet<string>;
};

const sameUnit = (a: repo.Unit, b: repo.Unit): boolean =>
  (a.classId !== null && a.classId === b.classId) || (a.studyGroupId !== null && a.studyGroupId === b.studyGroupId);

export function createControlWorksService({ db, access: accessService, clock }: { db: Db; access: AccessService; clock: Clock }) {
  async function reachOf(access: Access): Promise<Reach> {
    const { actor } = access;
    const load = actor.links.employeeIds.length === 0 ? [] : await repo.loadUnits(db, actor.schoolId, actor.academicYear, actor.links.employeeIds);
    if (access.wholeSchool) return { access, wholeSchool: true, load, classIds: null, groupIds: null, ledClassIds: new Set() };
    const [classes, groups] = await Promise.all([accessService.visible(access, 'class'), accessService.visible(access, 'studyGroup')]);
    const led = access.scopes.includes('ownClass')
      ? await accessService.visible(accessService.accessOf(actor, 'class', 'read'), 'class')
      : { all: false as const, ids: new Set<string>() };
    return {
      access, wholeSchool: false, load,
      classIds: classes.all ? null : classes.ids,
      groupIds: groups.all ? null : groups.ids,
      ledClassIds: led.all ? new Set() : led.ids,
    };
  }

  /** The class a work's students are in: its class, or its group's class (none for a stream). */
  const classOfWork = (w: repo.WorkRow, names: repo.Names): string | null =>
    w.classId ?? (w.studyGroupId ? names.groups.get(w.studyGroupId)?.classId ?? null : null);

  const teaches = (reach: Reach, subjectId: string, unit: repo.Unit): boolean =>
    reach.load.some((l) => l.subjectId === subjectId && sameUnit(l, unit));

  function readsSchedule(reach: Reach, w: repo.WorkRow, names: repo.Names): boolean {
    if (reach.wholeSchool) return true;
    const cls = classOfWork(w, names);
    return (w.classId !== null && reach.classIds?.has(w.classId) === true)
      || (w.studyGroupId !== null && reach.groupIds?.has(w.studyGroupId) === true)
      || (cls !== null && reach.classIds?.has(cls) === true)
      || teaches(reach, w.subjectId, w);
  }

  /** The results and the analysis: the administration, the teacher of the work or of its class × subject, the class teacher. */
  function readsResults(reach: Reach, w: repo.WorkRow, names: repo.Names): boolean {
    if (reach.wholeSchool) return true;
    if (!reach.access.scopes.some((s) => s === 'taught' || s === 'ownClass')) return false;
    const cls = classOfWork(w, names);
    return reach.access.actor.links.employeeIds.includes(w.employeeId) || teaches(reach, w.subjectId, w) || (cls !== null && reach.ledClassIds.has(cls));
  }

  /** Whether the caller may change a work (its schedule and tasks): the administration, or who teaches its class × subject. */
  function writesWork(reach: Reach, w: { subjectId: string; classId: string | null; studyGroupId: string | null; employeeId?: string }): boolean {
    const { actor } = reach.access;
    if (!accessService.can(actor, 'journal', 'write')) return false;
    if (accessService.accessOf(actor, 'journal', 'write').wholeSchool) return true;
    return (w.employeeId !== undefined && reach.access.actor.links.employeeIds.includes(w.employeeId)) || teaches(reach, w.subjectId, w);
  }

  // --- Reading ----------------------------------------------------------------------------------

  async function summaries(q: Queryable, reach: Reach, works: readonly repo.WorkRow[], names: repo.Names): Promise<ControlWorkSummaryDto[]> {
    const schoolId = reach.access.actor.schoolId;
    const [tasks, written] = await Promise.all([repo.tasksOf(q, schoolId, works.map((w) => w.id)), repo.writtenCounts(q, schoolId, works.map((w) => w.id))]);
    return works.map((w) => summaryOf(reach, w, names, tasks.filter((t) => t.controlWorkId === w.id), written.get(w.id) ?? 0));
  }

  function summaryOf(reach: Reach, w: repo.WorkRow, names: repo.Names, tasks: readonly repo.TaskRow[], written: number): ControlWorkSummaryDto {
    const teacher = names.employees.get(w.employeeId);
    const form = names.forms.get(w.controlFormId);
    const lesson = w.journalLessonId ? names.lessons.get(w.journalLessonId) : undefined;
    return {
      id: w.id, academicYear: w.academicYear, title: w.title, plannedDate: w.plannedDate,
      subject: { id: w.subjectId, name: names.subjects.get(w.subjectId) ?? 'Предмет' },
      class: w.classId ? { id: w.classId, name: names.classes.get(w.classId)?.name ?? 'Класс' } : null,
      studyGroup: w.studyGroupId ? { id: w.studyGroupId, name: names.groups.get(w.studyGroupId)?.name ?? 'Группа' } : null,
      teacher: { id: w.employeeId, name: teacher ? shortName(teacher) : 'Учитель' },
      controlForm: { id: w.controlFormId, name: form?.name ?? 'Форма контроля', shortName: form?.shortName ?? '', weight: form?.weight ?? 1 },
      tasks: tasks.length,
      maxPoints: tasks.reduce((s, t) => s + t.maxPoints, 0),
      written,
      journalLesson: w.journalLessonId && lesson ? { id: w.journalLessonId, date: lesson.date, lessonNumber: lesson.lessonNumber } : null,
      plannedTopicId: w.plannedTopicId, workProgrammeId: w.workProgrammeId,
      version: w.version,
      canWrite: writesWork(reach, w),
    };
  }

  /** Days of these works' classes with more than one control work (works of other subjects and groups included). */
  async function warningsFor(q: Queryable, schoolId: string, academicYear: number, works: readonly repo.WorkRow[], names: repo.Names): Promise<ControlWorkWarningDto[]> {
    const classIds = [...new Set(works.map((w) => classOfWork(w, names)).filter((c): c is string => c !== null))];
    const dates = [...new Set(works.map((w) => w.plannedDate))];
    const rows = await repo.worksOfClassesOn(q, schoolId, academicYear, classIds, dates);
    const byDay = new Map<string, { classId: string; date: string; ids: string[] }>();
    for (const r of rows) {
      const key = `${r.classId}|${r.date}`;
      const day = byDay.get(key) ?? { classId: r.classId, date: r.date, ids: [] };
      day.ids.push(r.id);
      byDay.set(key, day);
    }
    const missing = [...byDay.values()].filter((d) => d.ids.length > 1 && !names.classes.has(d.classId));
    if (missing.length > 0) {
      const extra = await Promise.all([...new Set(missing.map((d) => d.classId))].map((id) => repo.findClass(q, schoolId, id)));
      for (const c of extra) if (c) names.classes.set(c.id, { name: c.name });
    }
    return [...byDay.values()].filter((d) => d.ids.length > 1)
      .filter((d) => works.some((w) => w.plannedDate === d.date && classOfWork(w, names) === d.classId))
      .sort((a, b) => a.date.localeCompare(b.date) || a.classId.localeCompare(b.classId))
      .map((d) => {
        const className = names.classes.get(d.classId)?.name ?? 'класса';
        return {
          code: 'MORE_THAN_ONE_A_DAY' as const, classId: d.classId, className, date: d.date, controlWorkIds: d.ids.sort(),
          message: `${ruDate(d.date)} у ${className} ${d.ids.length} контрольные работы: по СанПиН 1.2.3685-21 — не больше одной в день`,
        };
      });
  }

  async function list(access: Access, query: ControlWorkListQuery): Promise<ControlWorkListDto> {
    const { actor } = access;
    const academicYear = query.academicYear ?? actor.academicYear;
    const reach = await reachOf(access);
    const rows = await repo.listWorks(db, actor.schoolId, {
      academicYear,
      ...(query.classId ? { classIds: [query.classId] } : {}),
      ...(query.studyGroupId ? { studyGroupIds: [query.studyGroupId] } : {}),
      ...(query.subjectId ? { subjectId: query.subjectId } : {}),
      ...(query.from ? { from: query.from } : {}),
      ...(query.to ? { to: query.to } : {}),
    });
    const names = await repo.namesOf(db, actor.schoolId, rows);
    // A class or group asked by someone who does not reach it is unknown, as a record outside the scope is.
    if (!reach.wholeSchool) {
      if (query.classId && !reach.classIds?.has(query.classId)) notFound('NOT_FOUND', 'Не найдено');
      if (query.studyGroupId && !reach.groupIds?.has(query.studyGroupId) && !reach.load.some((l) => l.studyGroupId === query.studyGroupId)) notFound('NOT_FOUND', 'Не найдено');
    }
    const works = rows.filter((w) => readsSchedule(reach, w, names));
    const [items, warnings, units] = await Promise.all([
      summaries(db, reach, works, names),
      warningsFor(db, actor.schoolId, academicYear, works, names),
      unitsOf(reach, academicYear),
    ]);
    return { academicYear, items, total: items.length, warnings, units, canWrite: accessService.can(actor, 'journal', 'write') };
  }

  /** What the caller may schedule works for: their own load, or (the administration) every load row of the year. */
  async function unitsOf(reach: Reach, academicYear: number): Promise<ControlWorkListDto['units']> {
    const { actor } = reach.access;
    if (!accessService.can(actor, 'journal', 'write')) return [];
    const admin = accessService.accessOf(actor, 'journal', 'write').wholeSchool;
    const rows = admin ? await repo.loadUnits(db, actor.schoolId, academicYear)
      : academicYear === actor.academicYear ? reach.load : await repo.loadUnits(db, actor.schoolId, academicYear, actor.links.employeeIds);
    const names = await repo.namesOf(db, actor.schoolId, rows);
    const out = rows.map((l) => {
      const teacher = names.employees.get(l.employeeId);
      return {
        subject: { id: l.subjectId, name: names.subjects.get(l.subjectId) ?? 'Предмет' },
        class: l.classId ? { id: l.classId, name: names.classes.get(l.classId)?.name ?? 'Класс' } : null,
        studyGroup: l.studyGroupId ? { id: l.studyGroupId, name: names.groups.get(l.studyGroupId)?.name ?? 'Группа' } : null,
        teacher: { id: l.employeeId, name: teacher ? shortName(teacher) : 'Учитель' },
      };
    });
    const label = (u: (typeof out)[number]) => `${u.class?.name ?? u.studyGroup?.name ?? ''} ${u.subject.name} ${u.teacher.name}`;
    return out.sort((a, b) => label(a).localeCompare(label(b), 'ru', { numeric: true }));
  }

  /** A work the caller may read (404 otherwise) with the names around it. */
  async function readable(q: Queryable, reach: Reach, id: string, forUpdate = false): Promise<{ work: repo.WorkRow; names: repo.Names }> {
    const work = await repo.findWork(q, reach.access.actor.schoolId, id, forUpdate) ?? workNotFound();
    const names = await repo.namesOf(q, reach.access.actor.schoolId, [work]);
    if (!readsSchedule(reach, work, names)) workNotFound();
    return { work, names };
  }

  async function dtoOf(q: Queryable, reach: Reach, work: repo.WorkRow, names?: repo.Names): Promise<ControlWorkDto> {
    const schoolId = reach.access.actor.schoolId;
    const n = names ?? await repo.namesOf(q, schoolId, [work]);
    const [tasks, written, warnings] = await Promise.all([
      repo.tasksOf(q, schoolId, [work.id]), repo.writtenCounts(q, schoolId, [work.id]), warningsFor(q, schoolId, work.academicYear, [work], n),
    ]);
    return {
      ...summaryOf(reach, work, n, tasks, written.get(work.id) ?? 0),
      tasksList: tasks.map((t) => ({ id: t.id, position: t.position, label: t.label, maxPoints: t.maxPoints, contentElementCodes: t.contentElementCodes })),
      pointsScale: work.pointsScale as PointsScaleRow[],
      warnings,
      createdAt: work.createdAt.toISOString(),
      updatedAt: work.updatedAt.toISOString(),
    };
  }

  async function get(access: Access, id: string): Promise<ControlWorkDto> {
    const reach = await reachOf(access);
    const { work, names } = await readable(db, reach, id);
    return dtoOf(db, reach, work, names);
  }

  async function plannedTopics(access: Access, query: PlannedControlTopicQuery): Promise<PlannedControlTopicListDto> {
    const { actor } = access;
    if ((query.classId === undefined) === (query.studyGroupId === undefined)) {
      throw invalid([{ path: 'classId', message: 'Нужен класс или группа (одно из двух)' }]);
    }
    const reach = await reachOf(access);
    const unit = { classId: query.classId ?? null, studyGroupId: query.studyGroupId ?? null };
    if (!reach.wholeSchool && !teaches(reach, query.subjectId, unit)
      && !(unit.classId && reach.classIds?.has(unit.classId)) && !(unit.studyGroupId && reach.groupIds?.has(unit.studyGroupId))) {
      notFound('NOT_FOUND', 'Не найдено');
    }
    const rows = await repo.plannedControlTopics(db, actor.schoolId, query.academicYear ?? actor.academicYear, query.subjectId, unit);
    const scheduled = await repo.worksOfTopics(db, actor.schoolId, rows.map((r) => r.id));
    return {
      items: rows.map((r) => ({
        plannedTopicId: r.id, workProgrammeId: r.workProgrammeId, position: r.position, section: r.section, title: r.title,
        controlForm: { id: r.controlFormId, name: r.controlFormName }, contentElementCodes: r.contentElementCodes, controlWorkId: scheduled.get(r.id) ?? null,
      })),
    };
  }

  // --- Checks of a work's content ---------------------------------------------------------------

  async function checkForm(q: Queryable, schoolId: string, formId: string, subjectId: string): Promise<void> {
    const form = await repo.findForm(q, schoolId, formId);
    if (!form) throw invalid([{ path: 'controlFormId', code: 'CONTROL_FORM_UNKNOWN', message: 'Форма контроля не найдена' }]);
    if (form.archived) throw conflict('CONTROL_FORM_ARCHIVED', `Форма контроля «${form.name}» в архиве`);
    if (form.subjectId !== null && form.subjectId !== subjectId) throw conflict('CONTROL_FORM_NOT_FOR_SUBJECT', `Форма контроля «${form.name}» — для другого предмета`);
    if (form.scaleKind !== 'five') {
      throw conflict('CONTROL_FORM_NOT_FIVE_POINT', `Форма контроля «${form.name}» — не по пятибалльной шкале: отметка за контрольную работу по баллам ставится по пятибалльной`);
    }
  }

  type TaskIn = { id?: string | undefined; label: string; maxPoints: number; contentElementCodes: string[] };

  function taskIssues(tasks: readonly TaskIn[]): FieldIssue[] {
    const issues: FieldIssue[] = [];
    const seen = new Map<string, number>();
    tasks.forEach((t, i) => {
      const key = t.label.trim().toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) issues.push({ path: `tasks.${i}.label`, code: 'TASK_LABEL_REPEATED', message: `Задание «${t.label}» уже есть (строка ${first + 1})` });
      else seen.set(key, i);
    });
    return issues;
  }

  const uniqueCodes = (codes: readonly string[]): string[] => [...new Set(codes.map((c) => c.trim()))];

  function scaleFor(tasks: readonly TaskIn[], scale: readonly { from: number; mark: number }[] | undefined): PointsScaleRow[] {
    const total = tasks.reduce((s, t) => s + t.maxPoints, 0);
    if (scale === undefined) return suggestedPointsScale(total);
    const issues = pointsScaleIssues(scale, total);
    if (issues.length > 0) throw invalid(issues);
    return scale.map((r) => ({ from: r.from, mark: r.mark as PointsScaleRow['mark'] }));
  }

  function checkDate(academicYear: number, date: string): void {
    const { startsOn, endsOn } = academicYearBounds(academicYear);
    if (date < startsOn || date > endsOn) {
      throw invalid([{ path: 'plannedDate', code: 'DATE_OUTSIDE_YEAR', message: `Дата: в пределах учебного года (${ruDate(startsOn)} — ${ruDate(endsOn)})` }]);
    }
  }

  // --- Changing -----------------------------------------------------------------------------------

  async function create(access: Access, body: CreateControlWorkBody): Promise<ControlWorkDto> {
    const { actor } = access;
    const schoolId = actor.schoolId;
    const reach = await reachOf(access);
    const unitRow = body.classId ? await repo.findClass(db, schoolId, body.classId) : await repo.findGroup(db, schoolId, body.studyGroupId!);
    if (!unitRow) throw invalid([{ path: body.classId ? 'classId' : 'studyGroupId', code: 'UNIT_UNKNOWN', message: body.classId ? 'Класс не найден' : 'Группа не найдена' }]);
    const unit = { classId: body.classId ?? null, studyGroupId: body.studyGroupId ?? null };
    const subject = await repo.findSubject(db, schoolId, body.subjectId);
    if (!subject) throw invalid([{ path: 'subjectId', code: 'SUBJECT_UNKNOWN', message: 'Предмет не найден' }]);
    if (!writesWork(reach, { subjectId: body.subjectId, ...unit })) {
      throw forbidden('Контрольные работы назначает учитель, который ведёт этот предмет в классе (группе), или администрация');
    }
    if (subject.archived) throw conflict('SUBJECT_ARCHIVED', `Предмет «${subject.name}» в архиве`);
    checkDate(unitRow.academicYear, body.plannedDate);
    const issues = taskIssues(body.tasks);
    if (issues.length > 0) throw invalid(issues);
    const tasks = body.tasks.map((t) => ({ ...t, contentElementCodes: uniqueCodes(t.contentElementCodes) }));
    const pointsScale = scaleFor(tasks, body.pointsScale);
    await checkForm(db, schoolId, body.controlFormId, body.subjectId);

    let workProgrammeId: string | null = null;
    if (body.plannedTopicId) {
      const topic = await repo.findPlannedTopic(db, schoolId, body.plannedTopicId);
      if (!topic) throw invalid([{ path: 'plannedTopicId', code: 'PLANNED_TOPIC_UNKNOWN', message: 'Тема рабочей программы не найдена' }]);
      if (topic.subjectId !== body.subjectId || topic.academicYear !== unitRow.academicYear || !sameUnit(topic, unit)) {
        throw conflict('PLANNED_TOPIC_MISMATCH', 'Тема — из рабочей программы другого предмета, класса или года');
      }
      workProgrammeId = topic.workProgrammeId;
    }

    // The teacher: a teacher schedules their own works; the administration names one or takes the load's.
    let employeeId: string;
    const admin = reach.wholeSchool;
    if (!admin) {
      const own = reach.load.find((l) => l.subjectId === body.subjectId && sameUnit(l, unit));
      if (body.employeeId && !actor.links.employeeIds.includes(body.employeeId)) throw forbidden('Учитель назначает контрольные работы только себе');
      employeeId = own?.employeeId ?? actor.links.employeeIds[0]!;
    } else if (body.employeeId) {
      if (!await repo.findEmployee(db, schoolId, body.employeeId)) throw invalid([{ path: 'employeeId', code: 'EMPLOYEE_UNKNOWN', message: 'Учитель не найден' }]);
      employeeId = body.employeeId;
    } else {
      const loads = await repo.loadUnits(db, schoolId, unitRow.academicYear);
      const row = loads.find((l) => l.subjectId === body.subjectId && sameUnit(l, unit));
      if (!row) throw conflict('TEACHER_REQUIRED', `Укажите учителя: у «${unitRow.name}» нет нагрузки по предмету «${subject.name}»`);
      employeeId = row.employeeId;
    }

    const work = await db.transaction(async (tx) => {
      const inserted = await repo.insertWork(tx, {
        schoolId, academicYear: unitRow.academicYear, subjectId: body.subjectId, ...unit, employeeId, controlFormId: body.controlFormId,
        workProgrammeId, plannedTopicId: body.plannedTopicId ?? null, title: body.title, plannedDate: body.plannedDate, pointsScale,
        createdBy: actor.accountId,
      });
      await repo.insertTasks(tx, tasks.map((t, i) => ({
        schoolId, controlWorkId: inserted.id, position: i + 1, label: t.label, maxPoints: t.maxPoints, contentElementCodes: t.contentElementCodes,
      })));
      return inserted;
    });
    return dtoOf(db, reach, work);
  }

  /** One change of a work: lock it, check the version and the caller, change, bump. */
  async function change<R>(access: Access, id: string, ifMatch: string | string[] | undefined,
    make: (tx: Queryable, work: repo.WorkRow, reach: Reach, hasResults: boolean) => Promise<R>): Promise<R> {
    const expected = versionOfIfMatch(ifMatch);
    const reach = await reachOf(access);
    return db.transaction(async (tx) => {
      const { work, names } = await readable(tx, reach, id, true);
      if (!writesWork(reach, work)) throw forbidden('Контрольную работу меняет учитель, который ведёт этот предмет в классе (группе), или администрация');
      if (work.version !== expected) throw staleVersion(await dtoOf(tx, reach, work, names), work.version);
      const hasResults = (await repo.writtenCounts(tx, work.schoolId, [work.id])).has(work.id);
      return make(tx, work, reach, hasResults);
    });
  }

  const hasResultsError = (what: string): AppError =>
    conflict('CONTROL_WORK_HAS_RESULTS', `У работы уже есть результаты: ${what} менять нельзя (можно название, дату, номера заданий и коды КЭС)`);

  async function update(access: Access, id: string, body: UpdateControlWorkBody, ifMatch: string | string[] | undefined): Promise<ControlWorkDto> {
    return change(access, id, ifMatch, async (tx, work, reach, hasResults) => {
      const schoolId = work.schoolId;
      const set: Partial<typeof work> = {};
      if (body.title !== undefined) set.title = body.title;
      if (body.plannedDate !== undefined) {
        checkDate(work.academicYear, body.plannedDate);
        if (work.journalLessonId !== null && body.plannedDate !== work.plannedDate) {
          throw conflict('CONTROL_WORK_HELD', 'Работа уже проведена на уроке: её дата — дата этого урока');
        }
        set.plannedDate = body.plannedDate;
      }
      if (body.controlFormId !== undefined && body.controlFormId !== work.controlFormId) {
        if (hasResults) throw hasResultsError('форму контроля');
        await checkForm(tx, schoolId, body.controlFormId, work.subjectId);
        set.controlFormId = body.controlFormId;
      }
      const current = await repo.tasksOf(tx, schoolId, [work.id]);
      let tasks: TaskIn[] = current.map((t) => ({ id: t.id, label: t.label, maxPoints: t.maxPoints, contentElementCodes: t.contentElementCodes }));
      if (body.tasks !== undefined) {
        const issues = taskIssues(body.tasks);
        body.tasks.forEach((t, i) => {
          if (t.id !== undefined && !current.some((c) => c.id === t.id)) issues.push({ path: `tasks.${i}.id`, code: 'TASK_UNKNOWN', message: `Задание ${i + 1}: не из этой работы` });
        });
        if (new Set(body.tasks.flatMap((t) => (t.id ? [t.id] : []))).size !== body.tasks.filter((t) => t.id).length) {
          issues.push({ path: 'tasks', code: 'TASK_REPEATED', message: 'Одно задание указано дважды' });
        }
        if (issues.length > 0) throw invalid(issues);
        const next = body.tasks.map((t) => ({ ...t, contentElementCodes: uniqueCodes(t.contentElementCodes) }));
        if (hasResults) {
          const same = next.length === current.length && next.every((t, i) => t.id === current[i]!.id && t.maxPoints === current[i]!.maxPoints);
          if (!same) throw hasResultsError('состав заданий, их порядок и максимальные баллы');
        }
        tasks = next;
      }
      if (body.pointsScale !== undefined || body.tasks !== undefined) {
        const scale = body.pointsScale ?? (work.pointsScale as PointsScaleRow[]);
        const total = tasks.reduce((s, t) => s + t.maxPoints, 0);
        const issues = pointsScaleIssues(scale, total);
        if (issues.length > 0) throw invalid(issues);
        if (hasResults && JSON.stringify(scale) !== JSON.stringify(work.pointsScale)) throw hasResultsError('шкалу перевода баллов');
        set.pointsScale = scale.map((r) => ({ from: r.from, mark: r.mark }));
      }
      if (body.tasks !== undefined) {
        const keep = new Set(tasks.flatMap((t) => (t.id ? [t.id] : [])));
        await repo.deleteTasks(tx, schoolId, current.filter((c) => !keep.has(c.id)).map((c) => c.id));
        // Positions move out of the way first, so a reorder never meets itself.
        for (const c of current.filter((x) => keep.has(x.id))) await repo.updateTask(tx, schoolId, c.id, { position: c.position + 1000 });
        const fresh: (typeof tasks)[number][] = [];
        for (const [i, t] of tasks.entries()) {
          if (t.id) await repo.updateTask(tx, schoolId, t.id, { position: i + 1, label: t.label, maxPoints: t.maxPoints, contentElementCodes: t.contentElementCodes });
          else fresh.push({ ...t, id: `${i}` });
        }
        await repo.insertTasks(tx, fresh.map((t) => ({
          schoolId, controlWorkId: work.id, position: Number(t.id) + 1, label: t.label, maxPoints: t.maxPoints, contentElementCodes: t.contentElementCodes,
        })));
      }
      let updated = await repo.updateWork(tx, schoolId, work.id, set, clock.now());
      if (hasResults && body.tasks !== undefined) updated = await refreshAnalysis(tx, updated, clock.now());
      return dtoOf(tx, reach, updated);
    });
  }

  async function remove(access: Access, id: string, ifMatch: string | string[] | undefined): Promise<void> {
    await change(access, id, ifMatch, async (tx, work, _reach, hasResults) => {
      if (hasResults) throw conflict('CONTROL_WORK_HAS_RESULTS', 'У работы есть результаты и отметки в журнале: удалить её нельзя');
      await repo.deleteWork(tx, work.schoolId, work.id);
    });
  }

  return { reachOf, readable, readsResults, dtoOf, list, get, plannedTopics, create, update, remove };
}

export type ControlWorksService = ReturnType<typeof createControlWorksService>;

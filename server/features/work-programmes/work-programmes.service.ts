// Rules of work programmes (SPEC B13, D6). A programme belongs to a teacher × subject × class or
// group × year; its planned topics (КТП) are ordered, take hours and carry КЭС codes from the
// programme's codifier. Subject teachers change only their own programmes of what their load has
// them teach (scope `taught`), the administration any; all staff read. Every change of a programme
// names the version it was made on (If-Match) and runs in one transaction that locks the programme,
// checks the number, makes the change with its audit rows and bumps the number. Topics fill the
// journal's lessons in order (domain/lesson-plan.ts).
import { reachesWholeSchool, scopesOf, type Role } from '../../../domain/access';
import { gradeSummaries } from '../../../domain/calendar';
import { typicalCalendar } from '../../../domain/calendar-template';
import {
  codifierElements, compareCodes, isContentElementCode, nextPlannedTopic, plannedHours, splitHours, yearHoursOf,
} from '../../../domain/lesson-plan';
import { academicYearOfDate, academicYearTitle } from '../../../domain/school-year';
import {
  maxTopics, workProgrammeStaleCode,
  type CodifierDetailDto, type CodifierDryRunDto, type CodifierDto, type CodifierListDto, type CoverageDto, type CoverageQuery,
  type CreatePlannedTopicBody, type CreateWorkProgrammeBody, type HoursDto, type LessonPlanImportDto, type LoadYearQuery,
  type MovePlannedTopicBody, type NextTopicDto, type NextTopicItemDto, type NextTopicQuery, type PlannedTopicDto, type ProgrammeLoadListDto,
  type SplitPlannedTopicBody, type UpdatePlannedTopicBody, type UpdateWorkProgrammeBody, type UploadCodifierQuery, type WorkProgrammeDetailDto,
  type WorkProgrammeDto, type WorkProgrammeListDto, type WorkProgrammeListQuery,
} from '../../../contracts/work-programmes';
import type { Db, Queryable } from '../../db/client';
import { isUniqueViolation } from '../../db/errors';
import { AppError, notFound } from '../../lib/errors';
import type { Access, Actor } from '../access/access.service';
import { createCalendarService } from '../calendar/calendar.service';
import { classesOfGroupMembers } from '../load/load.repo';
import { lessonPlanXlsx, readCodifierFile, readPlanFile, type PlanFileRow } from './work-programmes.files';
import * as repo from './work-programmes.repo';

type FieldIssue = { path: string; code: string; message: string };
const invalid = (issues: FieldIssue[]): AppError => new AppError('VALIDATION_FAILED', 400, issues[0]?.message ?? 'Неверные данные', issues.slice(0, 200));
const conflict = (code: string, message: string, details?: unknown): AppError => new AppError(code, 409, message, details);
const programmeNotFound = (): never => notFound('WORK_PROGRAMME_NOT_FOUND', 'Рабочая программа не найдена');
const topicNotFound = (): never => notFound('TOPIC_NOT_FOUND', 'Тема не найдена в этой рабочей программе');
const codifierNotFound = (): never => notFound('CODIFIER_NOT_FOUND', 'Кодификатор не найден');
const notYours = (): AppError => new AppError('FORBIDDEN', 403, 'Менять можно только свои рабочие программы по предметам и классам вашей нагрузки');

/** The version number a change names: `If-Match: "3"` (or 3, W/"3"). */
export function versionOfIfMatch(header: string | string[] | undefined): number {
  const raw = Array.isArray(header) ? header[0] : header;
  const m = raw?.trim().match(/^(?:W\/)?"?(\d{1,9})"?$/);
  if (!m) throw new AppError('PRECONDITION_REQUIRED', 428, 'Нужен заголовок If-Match с номером версии рабочей программы, которую вы меняете (поле version)');
  return Number(m[1]);
}

const unitKey = (subjectId: string, classId: string | null, studyGroupId: string | null): string => `${subjectId}|${classId ?? ''}|${studyGroupId ?? ''}`;
const loadKeyOf = (t: { academicYear: number; employeeId: string; subjectId: string; classId: string | null; studyGroupId: string | null }): string =>
  `${t.academicYear}|${t.employeeId}|${unitKey(t.subjectId, t.classId, t.studyGroupId)}`;
/** Titles compared as a teacher reads them: case, ё and spaces aside. */
const sameText = (s: string): string => s.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();

/** The planned topic with its programme, for the journal (a lesson's topic from the plan). */
export async function plannedTopicById(db: Queryable, schoolId: string, id: string): Promise<{
  id: string; title: string; hours: number; contentElementCodes: string[]; workProgrammeId: string; subjectId: string;
  classId: string | null; studyGroupId: string | null; employeeId: string; academicYear: number;
} | null> {
  return repo.topicWithProgramme(db, schoolId, id);
}

export function createWorkProgrammesService({ db }: { db: Db }) {
  const calendars = createCalendarService({ db });

  // --- Who may write ----------------------------------------------------------------------------

  /** How far the caller's write reaches: the school, what they teach, or nothing. */
  const writeReach = (actor: Actor): 'school' | 'taught' | null => {
    const scopes = scopesOf(actor.roles, 'workProgramme', 'write');
    return scopes.length === 0 ? null : reachesWholeSchool(scopes) ? 'school' : 'taught';
  };

  /** The role a change is audited under: the first of the caller's roles that may write programmes. */
  const actingRole = (actor: Actor): Role =>
    actor.roles.find((r) => scopesOf([r], 'workProgramme', 'write').length > 0) ?? actor.roles[0]!;

  /** Load keys of the caller's own load rows in these years. */
  async function ownLoadKeys(q: Queryable, actor: Actor, years: Iterable<number>): Promise<Set<string>> {
    const keys = new Set<string>();
    for (const year of new Set(years)) {
      for (const row of await repo.loadRows(q, actor.schoolId, year, actor.links.employeeIds)) keys.add(loadKeyOf(row));
    }
    return keys;
  }

  /** Whether the caller may change a programme of this target. */
  async function mayWrite(q: Queryable, actor: Actor, t: repo.Target): Promise<boolean> {
    const reach = writeReach(actor);
    if (reach === 'school') return true;
    if (reach === null || !actor.links.employeeIds.includes(t.employeeId)) return false;
    return (await ownLoadKeys(q, actor, [t.academicYear])).has(loadKeyOf(t));
  }

  // --- Hours --------------------------------------------------------------------------------------

  /** Weeks per grade of a year: the school's calendar, or the typical one while it has none. */
  async function weeksOfYear(access: Access, year: number): Promise<Map<number, number>> {
    let summary;
    try {
      summary = (await calendars.getCalendar(access, year)).summary;
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'CALENDAR_NOT_SET')) throw err;
      summary = gradeSummaries(typicalCalendar(year));
    }
    return new Map(summary.map((g) => [g.grade, g.weeks]));
  }

  /** Everything the DTOs of some programmes and load rows need, read in a few queries. */
  async function contextOf(access: Access, units: readonly { academicYear: number; employeeId: string; subjectId: string; classId: string | null; studyGroupId: string | null; codifierId?: string | null }[]) {
    const schoolId = access.actor.schoolId;
    const names = await repo.namesOf(db, schoolId, {
      employees: units.map((u) => u.employeeId), subjects: units.map((u) => u.subjectId),
      classes: units.flatMap((u) => (u.classId ? [u.classId] : [])), groups: units.flatMap((u) => (u.studyGroupId ? [u.studyGroupId] : [])),
      codifiers: units.flatMap((u) => (u.codifierId ? [u.codifierId] : [])),
    });
    const years = [...new Set(units.map((u) => u.academicYear))];
    // A group's grade: its class's, or the lowest of its students' classes (a stream).
    const groupClassIds = [...names.groups.values()].flatMap((g) => (g.classId ? [g.classId] : []));
    const groupClassGrades = await repo.gradesOfClasses(db, schoolId, groupClassIds);
    const streamGrades = new Map<string, number>();
    for (const year of years) {
      const members = [...names.groups.values()].some((g) => g.classId === null && g.academicYear === year)
        ? await classesOfGroupMembers(db, schoolId, year, 'withoutClass') : [];
      const grades = await repo.gradesOfClasses(db, schoolId, [...new Set(members.map((m) => m.classId))]);
      for (const m of members) {
        const g = grades.get(m.classId);
        if (g !== undefined) streamGrades.set(m.studyGroupId, Math.min(streamGrades.get(m.studyGroupId) ?? 99, g));
      }
    }
    const weeks = new Map<number, Map<number, number>>();
    const delivered = new Map<string, number>();
    const loads = new Map<string, repo.LoadRow>();
    for (const year of years) {
      weeks.set(year, await weeksOfYear(access, year));
      for (const d of await repo.deliveredByUnit(db, schoolId, year, access.actor.today)) delivered.set(`${year}|${unitKey(d.subjectId, d.classId, d.studyGroupId)}`, d.n);
      for (const l of await repo.loadRows(db, schoolId, year)) loads.set(l.id, l);
    }
    const loadByKey = new Map([...loads.values()].map((l) => [loadKeyOf(l), l]));
    const gradeOf = (u: { classId: string | null; studyGroupId: string | null }): number | null => {
      if (u.classId) return names.classes.get(u.classId)?.grade ?? null;
      const g = u.studyGroupId ? names.groups.get(u.studyGroupId) : undefined;
      if (!g) return null;
      return (g.classId ? groupClassGrades.get(g.classId) : streamGrades.get(u.studyGroupId!)) ?? null;
    };
    const hoursOf = (u: { academicYear: number; subjectId: string; classId: string | null; studyGroupId: string | null }, load: repo.LoadRow | null, planned: number): HoursDto => {
      const grade = gradeOf(u);
      const w = grade === null ? null : weeks.get(u.academicYear)?.get(grade) ?? null;
      const perWeek = load ? Number(load.hoursPerWeek) : null;
      return {
        planned,
        expected: perWeek !== null && w !== null ? yearHoursOf(perWeek, w) : null,
        hoursPerWeek: perWeek,
        weeks: w,
        delivered: delivered.get(`${u.academicYear}|${unitKey(u.subjectId, u.classId, u.studyGroupId)}`) ?? 0,
      };
    };
    const teacher = (id: string) => {
      const e = names.employees.get(id);
      return { id, lastName: e?.lastName ?? '', firstName: e?.firstName ?? '', middleName: e?.middleName ?? null };
    };
    const named = (map: Map<string, string>, id: string | null) => (id ? { id, name: map.get(id) ?? '' } : null);
    const unitNames = (u: { subjectId: string; classId: string | null; studyGroupId: string | null }) => ({
      subject: { id: u.subjectId, name: names.subjects.get(u.subjectId) ?? '' },
      class: u.classId ? { id: u.classId, name: names.classes.get(u.classId)?.name ?? '' } : null,
      studyGroup: u.studyGroupId ? { id: u.studyGroupId, name: names.groups.get(u.studyGroupId)?.name ?? '' } : null,
    });
    return { names, gradeOf, hoursOf, teacher, named, unitNames, loads, loadByKey, weeks };
  }

  async function programmeDtos(access: Access, rows: readonly repo.ProgrammeListRow[]): Promise<WorkProgrammeDto[]> {
    if (rows.length === 0) return [];
    const ctx = await contextOf(access, rows);
    const reach = writeReach(access.actor);
    const own = reach === 'taught' ? await ownLoadKeys(db, access.actor, rows.map((r) => r.academicYear)) : new Set<string>();
    return rows.map((r) => {
      const load = (r.teachingLoadId ? ctx.loads.get(r.teachingLoadId) : undefined) ?? ctx.loadByKey.get(loadKeyOf(r)) ?? null;
      return {
        id: r.id, academicYear: r.academicYear, title: r.title, employee: ctx.teacher(r.employeeId), ...ctx.unitNames(r),
        grade: ctx.gradeOf(r), teachingLoadId: r.teachingLoadId, codifier: ctx.named(ctx.names.codifiers, r.codifierId), copiedFromId: r.copiedFromId,
        topics: r.topics, hours: ctx.hoursOf(r, load, r.plannedHours),
        canWrite: reach === 'school' || (reach === 'taught' && access.actor.links.employeeIds.includes(r.employeeId) && own.has(loadKeyOf(r))),
        version: r.version, updatedAt: r.updatedAt.toISOString(),
      };
    });
  }

  async function controlFormNames(q: Queryable, schoolId: string, ids: Iterable<string | null>): Promise<Map<string, string>> {
    const list = [...new Set([...ids].filter((x): x is string => x !== null))];
    return new Map((await repo.controlFormsOf(q, schoolId, list)).map((f) => [f.id, f.name]));
  }

  async function detail(access: Access, id: string): Promise<WorkProgrammeDetailDto> {
    const schoolId = access.actor.schoolId;
    const [row] = await repo.listProgrammes(db, schoolId, { ids: [id] });
    if (!row) return programmeNotFound();
    const [dto] = await programmeDtos(access, [row]);
    const topics = await repo.topicsOf(db, schoolId, id);
    const [forms, use] = await Promise.all([
      controlFormNames(db, schoolId, topics.map((t) => t.controlFormId)),
      repo.topicUse(db, schoolId, topics.map((t) => t.id), { upTo: access.actor.today }),
    ]);
    return { ...dto!, items: topics.map((t) => topicDto(t, forms, use)) };
  }

  const topicDto = (t: repo.TopicRow, forms: Map<string, string>, use: Map<string, number>): PlannedTopicDto => ({
    id: t.id, position: t.position, section: t.section, title: t.title, hours: t.hours, contentElementCodes: t.contentElementCodes,
    controlForm: t.controlFormId ? { id: t.controlFormId, name: forms.get(t.controlFormId) ?? '' } : null,
    deliveredLessons: use.get(t.id) ?? 0,
  });

  // --- Reading ------------------------------------------------------------------------------------

  async function list(access: Access, query: WorkProgrammeListQuery): Promise<WorkProgrammeListDto> {
    const academicYear = query.academicYear ?? access.actor.academicYear;
    const rows = await repo.listProgrammes(db, access.actor.schoolId, {
      academicYear, ...(query.subjectId ? { subjectId: query.subjectId } : {}),
      ...(query.mine ? { employeeIds: access.actor.links.employeeIds } : {}),
    });
    let items = await programmeDtos(access, rows);
    if (query.grade !== undefined) items = items.filter((i) => i.grade === query.grade);
    items.sort((a, b) => (a.grade ?? 99) - (b.grade ?? 99) || a.subject.name.localeCompare(b.subject.name, 'ru') || a.title.localeCompare(b.title, 'ru'));
    return { academicYear, items, total: items.length, canWrite: writeReach(access.actor) !== null };
  }

  async function loadList(access: Access, query: LoadYearQuery): Promise<ProgrammeLoadListDto> {
    const academicYear = query.academicYear ?? access.actor.academicYear;
    const schoolId = access.actor.schoolId;
    const reach = writeReach(access.actor);
    const rows = reach === 'school' ? await repo.loadRows(db, schoolId, academicYear)
      : await repo.loadRows(db, schoolId, academicYear, access.actor.links.employeeIds);
    const ctx = await contextOf(access, rows);
    const programmes = await repo.listProgrammes(db, schoolId, { academicYear });
    const byKey = new Map(programmes.map((p) => [loadKeyOf(p), p.id]));
    const items = rows.map((l) => {
      const grade = ctx.gradeOf(l);
      const weeks = (grade === null ? null : ctx.weeks.get(academicYear)?.get(grade)) ?? 34;
      return {
        teachingLoadId: l.id, employee: ctx.teacher(l.employeeId), ...ctx.unitNames(l), grade,
        hoursPerWeek: Number(l.hoursPerWeek), weeks, yearHours: yearHoursOf(Number(l.hoursPerWeek), weeks), workProgrammeId: byKey.get(loadKeyOf(l)) ?? null,
      };
    }).sort((a, b) => (a.grade ?? 99) - (b.grade ?? 99) || (a.class?.name ?? a.studyGroup?.name ?? '').localeCompare(b.class?.name ?? b.studyGroup?.name ?? '', 'ru')
      || a.subject.name.localeCompare(b.subject.name, 'ru'));
    return { academicYear, items, total: items.length };
  }

  async function coverage(access: Access, query: CoverageQuery): Promise<CoverageDto> {
    const academicYear = query.academicYear ?? access.actor.academicYear;
    const schoolId = access.actor.schoolId;
    const loads = await repo.loadRows(db, schoolId, academicYear);
    const programmes = await repo.listProgrammes(db, schoolId, { academicYear });
    const ctx = await contextOf(access, loads);
    const byKey = new Map(programmes.map((p) => [loadKeyOf(p), p]));
    const byLoad = new Map(programmes.filter((p) => p.teachingLoadId).map((p) => [p.teachingLoadId!, p]));
    const items = loads.map((l) => {
      const p = byLoad.get(l.id) ?? byKey.get(loadKeyOf(l)) ?? null;
      return {
        teachingLoadId: l.id, employee: ctx.teacher(l.employeeId), ...ctx.unitNames(l), grade: ctx.gradeOf(l),
        workProgrammeId: p?.id ?? null, hours: ctx.hoursOf(l, l, p?.plannedHours ?? 0),
      };
    }).sort((a, b) => (a.grade ?? 99) - (b.grade ?? 99) || (a.class?.name ?? a.studyGroup?.name ?? '').localeCompare(b.class?.name ?? b.studyGroup?.name ?? '', 'ru')
      || a.subject.name.localeCompare(b.subject.name, 'ru'));
    return { academicYear, items, total: items.length, withoutProgramme: items.filter((i) => i.workProgrammeId === null).length };
  }

  async function get(access: Access, id: string): Promise<WorkProgrammeDetailDto> {
    return detail(access, id);
  }

  async function nextTopic(access: Access, query: NextTopicQuery): Promise<NextTopicDto> {
    if ((query.classId === undefined) === (query.studyGroupId === undefined)) {
      throw invalid([{ path: 'classId', code: 'TARGET_REQUIRED', message: 'Укажите класс или группу (одно из двух)' }]);
    }
    const schoolId = access.actor.schoolId;
    const academicYear = academicYearOfDate(query.date);
    const programmes = await repo.programmesOfUnit(db, schoolId, academicYear, query.subjectId, query);
    const own = access.actor.links.employeeIds;
    const programme = (query.employeeId ? programmes.find((p) => p.employeeId === query.employeeId) : undefined)
      ?? programmes.find((p) => own.includes(p.employeeId)) ?? (query.employeeId ? undefined : programmes[0]);
    if (!programme) return { workProgramme: null, topic: null, lessonOfTopic: null, remaining: [], deliveredBefore: 0 };
    const topics = await repo.topicsOf(db, schoolId, programme.id);
    const [used, forms, names] = await Promise.all([
      repo.topicUse(db, schoolId, topics.map((t) => t.id), { before: query.date, lessonNumber: query.lessonNumber }),
      controlFormNames(db, schoolId, topics.map((t) => t.controlFormId)),
      repo.namesOf(db, schoolId, { employees: [programme.employeeId], subjects: [], classes: [], groups: [], codifiers: [] }),
    ]);
    const { next, rest } = nextPlannedTopic(topics, used);
    const item = (t: repo.TopicRow): NextTopicItemDto => ({
      id: t.id, position: t.position, section: t.section, title: t.title, hours: t.hours, contentElementCodes: t.contentElementCodes,
      controlForm: t.controlFormId ? { id: t.controlFormId, name: forms.get(t.controlFormId) ?? '' } : null, deliveredLessons: used.get(t.id) ?? 0,
    });
    const e = names.employees.get(programme.employeeId);
    return {
      workProgramme: {
        id: programme.id, title: programme.title,
        employee: { id: programme.employeeId, lastName: e?.lastName ?? '', firstName: e?.firstName ?? '', middleName: e?.middleName ?? null },
      },
      topic: next ? item(next.topic) : null,
      lessonOfTopic: next?.lessonOfTopic ?? null,
      remaining: rest.slice(0, 5).map(item),
      deliveredBefore: [...used.values()].reduce((s, n) => s + n, 0),
    };
  }

  // --- Checking topics ------------------------------------------------------------------------------

  /** Codes trimmed and deduplicated; each must look like a КЭС code and, with a codifier, be in it. */
  function checkCodes(codes: readonly string[], known: Set<string> | null, path: string, row?: number): { codes: string[]; issues: FieldIssue[] } {
    const issues: FieldIssue[] = [];
    const out: string[] = [];
    const where = row === undefined ? '' : `Строка ${row}: `;
    codes.map((c) => c.trim().replace(/\.$/, '')).filter((c) => c !== '').forEach((code, i) => {
      if (!isContentElementCode(code)) issues.push({ path: `${path}.${i}`, code: 'CODE_INVALID', message: `${where}код КЭС «${code}» не похож на код (1, 1.2, 1.2.3)` });
      else if (known && !known.has(code)) issues.push({ path: `${path}.${i}`, code: 'CODE_NOT_IN_CODIFIER', message: `${where}кода КЭС «${code}» нет в кодификаторе программы` });
      else if (!out.includes(code)) out.push(code);
    });
    return { codes: out.sort(compareCodes), issues };
  }

  async function checkControlForm(q: Queryable, schoolId: string, subjectId: string, id: string | null | undefined, path: string): Promise<FieldIssue[]> {
    if (!id) return [];
    const [form] = await repo.controlFormsOf(q, schoolId, [id]);
    if (!form || form.archived || (form.subjectId !== null && form.subjectId !== subjectId)) {
      return [{ path, code: 'CONTROL_FORM_NOT_FOUND', message: 'Форма контроля: нет такой формы контроля для этого предмета' }];
    }
    return [];
  }

  async function knownCodes(q: Queryable, schoolId: string, codifierId: string | null): Promise<Set<string> | null> {
    return codifierId ? repo.codesOf(q, schoolId, codifierId) : null;
  }

  const snapshot = (t: Pick<repo.TopicRow, 'position' | 'section' | 'title' | 'hours' | 'contentElementCodes' | 'controlFormId'>) => ({
    position: t.position, section: t.section, title: t.title, hours: t.hours, contentElementCodes: t.contentElementCodes, controlFormId: t.controlFormId,
  });

  // --- Changing: one transaction per change --------------------------------------------------------

  type Change = { tx: Queryable; row: repo.ProgrammeRow; topics: repo.TopicRow[]; audit(action: 'create' | 'update' | 'delete', topicId: string, old: unknown, now: unknown): void };

  async function change<R>(access: Access, id: string, ifMatch: string | string[] | undefined, make: (c: Change) => Promise<R>, set: Partial<repo.ProgrammeRow> = {}): Promise<R> {
    const expected = versionOfIfMatch(ifMatch);
    const { actor } = access;
    return db.transaction(async (tx) => {
      const row = await repo.findProgramme(tx, actor.schoolId, id, true) ?? programmeNotFound();
      if (!await mayWrite(tx, actor, row)) throw notYours();
      if (row.version !== expected) {
        throw new AppError(workProgrammeStaleCode, 412,
          `Эту рабочую программу уже изменили (сейчас изменение № ${row.version}, у вас № ${expected}): обновите страницу и повторите`, { version: row.version });
      }
      const topics = await repo.topicsOf(tx, actor.schoolId, id);
      // Positions are kept 1…n; a plan written otherwise (by hand in the database) is renumbered first.
      for (const [i, t] of topics.entries()) {
        if (t.position !== i + 1) {
          await repo.updateTopic(tx, actor.schoolId, t.id, { position: i + 1 });
          t.position = i + 1;
        }
      }
      const auditRows: Parameters<typeof repo.appendAudit>[1] = [];
      const role = actingRole(actor);
      const result = await make({
        tx, row, topics,
        audit: (action, topicId, old, now) => auditRows.push({
          schoolId: actor.schoolId, actorAccountId: actor.accountId, actorRole: role, entityType: 'plannedTopic', entityId: topicId, action,
          old: old ?? null, new: now ?? null,
        }),
      });
      await repo.appendAudit(tx, auditRows);
      await repo.touchProgramme(tx, actor.schoolId, id, set);
      return result;
    });
  }

  const findIn = (topics: readonly repo.TopicRow[], id: string): repo.TopicRow => topics.find((t) => t.id === id) ?? topicNotFound();

  // --- Programmes -----------------------------------------------------------------------------------

  /** The target of a new programme, checked: who, which subject, which class or group, which year. */
  async function targetOf(access: Access, body: CreateWorkProgrammeBody): Promise<repo.Target & { teachingLoadId: string | null }> {
    const { actor } = access;
    if (body.teachingLoadId) {
      const load = await repo.findLoadRow(db, actor.schoolId, body.teachingLoadId);
      if (!load) throw invalid([{ path: 'teachingLoadId', code: 'LOAD_NOT_FOUND', message: 'Строка нагрузки: нет такой строки в нагрузке школы' }]);
      return { employeeId: load.employeeId, subjectId: load.subjectId, classId: load.classId, studyGroupId: load.studyGroupId, academicYear: load.academicYear, teachingLoadId: load.id };
    }
    const issues: FieldIssue[] = [];
    const employeeId = body.employeeId ?? actor.links.employeeIds[0];
    if (!employeeId) issues.push({ path: 'employeeId', code: 'REQUIRED', message: 'Учитель: укажите, чья это программа' });
    if (!body.subjectId) issues.push({ path: 'subjectId', code: 'REQUIRED', message: 'Предмет: обязательное поле' });
    if ((body.classId === undefined) === (body.studyGroupId === undefined)) {
      issues.push({ path: 'classId', code: 'TARGET_REQUIRED', message: 'Укажите класс или группу (одно из двух) либо строку нагрузки' });
    }
    if (issues.length > 0) throw invalid(issues);
    const academicYear = body.academicYear ?? actor.academicYear;
    const names = await repo.namesOf(db, actor.schoolId, {
      employees: [employeeId!], subjects: [body.subjectId!], classes: body.classId ? [body.classId] : [], groups: body.studyGroupId ? [body.studyGroupId] : [], codifiers: [],
    });
    if (!names.employees.has(employeeId!)) issues.push({ path: 'employeeId', code: 'NOT_FOUND', message: 'Учитель: нет такого сотрудника в школе' });
    if (!names.subjects.has(body.subjectId!)) issues.push({ path: 'subjectId', code: 'NOT_FOUND', message: 'Предмет: нет такого предмета в школе' });
    if (body.classId && names.classes.get(body.classId)?.academicYear !== academicYear) issues.push({ path: 'classId', code: 'NOT_FOUND', message: 'Класс: нет такого класса в этом учебном году' });
    if (body.studyGroupId && names.groups.get(body.studyGroupId)?.academicYear !== academicYear) issues.push({ path: 'studyGroupId', code: 'NOT_FOUND', message: 'Группа: нет такой группы в этом учебном году' });
    if (issues.length > 0) throw invalid(issues);
    const target = { employeeId: employeeId!, subjectId: body.subjectId!, classId: body.classId ?? null, studyGroupId: body.studyGroupId ?? null, academicYear };
    const [load] = await repo.loadRowsFor(db, actor.schoolId, { ...target, employeeIds: [target.employeeId] });
    return { ...target, teachingLoadId: load?.id ?? null };
  }

  async function create(access: Access, body: CreateWorkProgrammeBody): Promise<WorkProgrammeDetailDto> {
    const { actor } = access;
    const schoolId = actor.schoolId;
    const target = await targetOf(access, body);
    if (!await mayWrite(db, actor, target)) throw notYours();
    const taken = (): AppError => conflict('WORK_PROGRAMME_EXISTS', 'У этого учителя уже есть рабочая программа по этому предмету для этого класса (группы) в этом году');
    if (await repo.programmeFor(db, schoolId, target)) throw taken();
    let source: repo.ProgrammeRow | null = null;
    const ctx = await contextOf(access, [target]);
    if (body.copyFromId) {
      source = await repo.findProgramme(db, schoolId, body.copyFromId);
      if (!source) throw invalid([{ path: 'copyFromId', code: 'NOT_FOUND', message: 'Программа-образец: нет такой рабочей программы в школе' }]);
    } else if (body.copyFromLastYear) {
      const grade = ctx.gradeOf(target);
      const last = grade === null ? [] : await repo.programmesOfGrade(db, schoolId, target.academicYear - 1, target.subjectId, grade);
      source = last.find((p) => p.employeeId === target.employeeId) ?? last[0] ?? null;
      if (!source) {
        throw invalid([{ path: 'copyFromLastYear', code: 'NOTHING_TO_COPY', message: `Программы по этому предмету для ${grade ?? '?'}-х классов за ${academicYearTitle(target.academicYear - 1)} учебный год нет` }]);
      }
    }
    const codifierId = body.codifierId === undefined ? source?.codifierId ?? null : body.codifierId;
    if (codifierId && !await repo.findCodifier(db, schoolId, codifierId)) {
      throw invalid([{ path: 'codifierId', code: 'NOT_FOUND', message: 'Кодификатор: нет такого кодификатора в школе' }]);
    }
    const unitName = ctx.unitNames(target);
    const title = body.title ?? `${unitName.subject.name}, ${unitName.class?.name ?? unitName.studyGroup?.name ?? ''}, ${academicYearTitle(target.academicYear)}`;
    const id = await db.transaction(async (tx) => {
      const newId = await repo.insertProgramme(tx, {
        schoolId, academicYear: target.academicYear, employeeId: target.employeeId, subjectId: target.subjectId, classId: target.classId,
        studyGroupId: target.studyGroupId, teachingLoadId: target.teachingLoadId, codifierId, title, copiedFromId: source?.id ?? null, createdBy: actor.accountId,
      });
      if (source) {
        const topics = await repo.topicsOf(tx, schoolId, source.id);
        // A control form of another subject does not come along.
        const forms = new Map((await repo.controlFormsOf(tx, schoolId, topics.flatMap((t) => (t.controlFormId ? [t.controlFormId] : [])))).map((f) => [f.id, f]));
        const inserted = await repo.insertTopics(tx, topics.map((t, i) => {
          const form = t.controlFormId ? forms.get(t.controlFormId) : undefined;
          return {
            schoolId, workProgrammeId: newId, position: i + 1, section: t.section, title: t.title, hours: t.hours, contentElementCodes: t.contentElementCodes,
            controlFormId: form && (form.subjectId === null || form.subjectId === target.subjectId) ? form.id : null,
          };
        }));
        const role = actingRole(actor);
        await repo.appendAudit(tx, inserted.map((t) => ({
          schoolId, actorAccountId: actor.accountId, actorRole: role, entityType: 'plannedTopic', entityId: t.id, action: 'create' as const, old: null, new: snapshot(t),
          reason: `Копия программы ${source!.id}`,
        })));
      }
      return newId;
    }).catch((err: unknown) => {
      if (isUniqueViolation(err)) throw taken();
      throw err;
    });
    return detail(access, id);
  }

  async function update(access: Access, id: string, body: UpdateWorkProgrammeBody, ifMatch: string | string[] | undefined): Promise<WorkProgrammeDetailDto> {
    const schoolId = access.actor.schoolId;
    const set: Partial<repo.ProgrammeRow> = {};
    if (body.title !== undefined) set.title = body.title;
    await change(access, id, ifMatch, async ({ tx, topics }) => {
      if (body.codifierId === undefined) return;
      if (body.codifierId !== null) {
        if (!await repo.findCodifier(tx, schoolId, body.codifierId)) throw invalid([{ path: 'codifierId', code: 'NOT_FOUND', message: 'Кодификатор: нет такого кодификатора в школе' }]);
        const known = await repo.codesOf(tx, schoolId, body.codifierId);
        const missing = [...new Set(topics.flatMap((t) => t.contentElementCodes.filter((c) => !known.has(c))))].sort(compareCodes);
        if (missing.length > 0) {
          throw conflict('CODES_NOT_IN_CODIFIER', `В выбранном кодификаторе нет кодов, которыми отмечены темы: ${missing.slice(0, 8).join(', ')}${missing.length > 8 ? ' и др.' : ''}`, { codes: missing });
        }
      }
      set.codifierId = body.codifierId;
    }, set);
    return detail(access, id);
  }

  async function remove(access: Access, id: string, ifMatch: string | string[] | undefined): Promise<void> {
    await change(access, id, ifMatch, async ({ tx, row, topics, audit }) => {
      const used = await repo.topicsInUse(tx, row.schoolId, topics.map((t) => t.id));
      if (used.size > 0) throw conflict('WORK_PROGRAMME_IN_USE', `Темы программы уже проведены в журнале (${used.size}): такую программу удалить нельзя`);
      for (const t of topics) audit('delete', t.id, snapshot(t), null);
      await repo.deleteProgramme(tx, row.schoolId, row.id);
    });
  }

  // --- Topics -----------------------------------------------------------------------------------------

  async function addTopic(access: Access, id: string, body: CreatePlannedTopicBody, ifMatch: string | string[] | undefined): Promise<WorkProgrammeDetailDto> {
    const schoolId = access.actor.schoolId;
    await change(access, id, ifMatch, async ({ tx, row, topics, audit }) => {
      if (topics.length >= maxTopics) throw conflict('TOO_MANY_TOPICS', `В программе уже ${maxTopics} тем`);
      const codes = checkCodes(body.contentElementCodes ?? [], await knownCodes(tx, schoolId, row.codifierId), 'contentElementCodes');
      const issues = [...codes.issues, ...await checkControlForm(tx, schoolId, row.subjectId, body.controlFormId, 'controlFormId')];
      if (issues.length > 0) throw invalid(issues);
      const position = Math.min(body.position ?? topics.length + 1, topics.length + 1);
      await repo.shiftPositions(tx, schoolId, id, position, null, 1);
      const [t] = await repo.insertTopics(tx, [{
        schoolId, workProgrammeId: id, position, section: body.section || null, title: body.title, hours: body.hours ?? 1,
        contentElementCodes: codes.codes, controlFormId: body.controlFormId ?? null,
      }]);
      audit('create', t!.id, null, snapshot(t!));
    });
    return detail(access, id);
  }

  async function updateTopic(access: Access, id: string, topicId: string, body: UpdatePlannedTopicBody, ifMatch: string | string[] | undefined): Promise<WorkProgrammeDetailDto> {
    const schoolId = access.actor.schoolId;
    await change(access, id, ifMatch, async ({ tx, row, topics, audit }) => {
      const t = findIn(topics, topicId);
      const codes = body.contentElementCodes === undefined ? null : checkCodes(body.contentElementCodes, await knownCodes(tx, schoolId, row.codifierId), 'contentElementCodes');
      const issues = [...codes?.issues ?? [], ...await checkControlForm(tx, schoolId, row.subjectId, body.controlFormId, 'controlFormId')];
      if (issues.length > 0) throw invalid(issues);
      const values = {
        ...(body.title === undefined ? {} : { title: body.title }),
        ...(body.section === undefined ? {} : { section: body.section || null }),
        ...(body.hours === undefined ? {} : { hours: body.hours }),
        ...(codes === null ? {} : { contentElementCodes: codes.codes }),
        ...(body.controlFormId === undefined ? {} : { controlFormId: body.controlFormId }),
      };
      await repo.updateTopic(tx, schoolId, topicId, values);
      audit('update', topicId, snapshot(t), snapshot({ ...t, ...values }));
    });
    return detail(access, id);
  }

  async function removeTopic(access: Access, id: string, topicId: string, ifMatch: string | string[] | undefined): Promise<WorkProgrammeDetailDto> {
    const schoolId = access.actor.schoolId;
    await change(access, id, ifMatch, async ({ tx, topics, audit }) => {
      const t = findIn(topics, topicId);
      if ((await repo.topicsInUse(tx, schoolId, [topicId])).size > 0) {
        throw conflict('TOPIC_DELIVERED', `Тема «${t.title}» уже проведена в журнале: её нельзя удалить (можно переименовать или перенести)`);
      }
      await repo.deleteTopics(tx, schoolId, [topicId]);
      await repo.shiftPositions(tx, schoolId, id, t.position + 1, null, -1);
      audit('delete', topicId, snapshot(t), null);
    });
    return detail(access, id);
  }

  async function moveTopic(access: Access, id: string, topicId: string, body: MovePlannedTopicBody, ifMatch: string | string[] | undefined): Promise<WorkProgrammeDetailDto> {
    const schoolId = access.actor.schoolId;
    await change(access, id, ifMatch, async ({ tx, topics, audit }) => {
      const t = findIn(topics, topicId);
      const from = t.position;
      const to = Math.min(body.position, topics.length);
      if (from === to) return;
      if (from < to) await repo.shiftPositions(tx, schoolId, id, from + 1, to, -1);
      else await repo.shiftPositions(tx, schoolId, id, to, from - 1, 1);
      await repo.updateTopic(tx, schoolId, topicId, { position: to });
      audit('update', topicId, { position: from }, { position: to });
    });
    return detail(access, id);
  }

  async function splitTopic(access: Access, id: string, topicId: string, body: SplitPlannedTopicBody, ifMatch: string | string[] | undefined): Promise<WorkProgrammeDetailDto> {
    const schoolId = access.actor.schoolId;
    await change(access, id, ifMatch, async ({ tx, topics, audit }) => {
      const t = findIn(topics, topicId);
      if (topics.length >= maxTopics) throw conflict('TOO_MANY_TOPICS', `В программе уже ${maxTopics} тем`);
      const parts = splitHours(t.hours, body.hours);
      if (!parts) {
        throw t.hours < 2
          ? conflict('TOPIC_NOT_SPLITTABLE', `Тема «${t.title}» на 1 час: делить нечего`)
          : invalid([{ path: 'hours', code: 'HOURS_INVALID', message: `Часы первой части: от 1 до ${t.hours - 1}` }]);
      }
      // A control work planned at the topic ends it: it goes with the second part.
      await repo.updateTopic(tx, schoolId, topicId, { hours: parts[0], controlFormId: null });
      await repo.shiftPositions(tx, schoolId, id, t.position + 1, null, 1);
      const [second] = await repo.insertTopics(tx, [{
        schoolId, workProgrammeId: id, position: t.position + 1, section: t.section, title: body.title ?? t.title, hours: parts[1],
        contentElementCodes: t.contentElementCodes, controlFormId: t.controlFormId,
      }]);
      audit('update', topicId, snapshot(t), snapshot({ ...t, hours: parts[0], controlFormId: null }));
      audit('create', second!.id, null, snapshot(second!));
    });
    return detail(access, id);
  }

  // --- Import and export of the lesson plan ---------------------------------------------------------

  type ParsedTopic = { rowNumber: number; section: string | null; title: string; hours: number; codes: string[]; controlFormId: string | null; controlForm: { id: string; name: string } | null };

  async function parsePlan(q: Queryable, row: repo.ProgrammeRow, rows: readonly PlanFileRow[]): Promise<ParsedTopic[]> {
    const schoolId = row.schoolId;
    const known = await knownCodes(q, schoolId, row.codifierId);
    const forms = (await repo.controlFormsOf(q, schoolId)).filter((f) => !f.archived && (f.subjectId === null || f.subjectId === row.subjectId));
    const formOf = (text: string) => {
      const key = sameText(text);
      return forms.find((f) => f.subjectId === row.subjectId && (sameText(f.name) === key || sameText(f.shortName) === key))
        ?? forms.find((f) => sameText(f.name) === key || sameText(f.shortName) === key);
    };
    const issues: FieldIssue[] = [];
    if (rows.length > maxTopics) throw invalid([{ path: 'rows', code: 'TOO_MANY_TOPICS', message: `В плане больше ${maxTopics} тем` }]);
    const out = rows.map((r): ParsedTopic => {
      const at = `rows.${r.rowNumber}`;
      if (r.title === '') issues.push({ path: `${at}.title`, code: 'REQUIRED', message: `Строка ${r.rowNumber}: нет темы` });
      else if (r.title.length > 500) issues.push({ path: `${at}.title`, code: 'TOO_LONG', message: `Строка ${r.rowNumber}: тема длиннее 500 символов` });
      const hoursText = r.hours.replace(',', '.');
      const hours = hoursText === '' ? 1 : Number(hoursText);
      if (!Number.isInteger(hours) || hours < 1 || hours > 50) issues.push({ path: `${at}.hours`, code: 'HOURS_INVALID', message: `Строка ${r.rowNumber}: часы — целое число от 1 до 50, а не «${r.hours}»` });
      const codes = checkCodes(r.codes.split(/[,;\s]+/), known, `${at}.contentElementCodes`, r.rowNumber);
      issues.push(...codes.issues);
      let form: repo.ControlFormRow | undefined;
      if (r.control !== '') {
        form = formOf(r.control);
        if (!form) issues.push({ path: `${at}.control`, code: 'CONTROL_FORM_NOT_FOUND', message: `Строка ${r.rowNumber}: нет формы контроля «${r.control}» для этого предмета` });
      }
      return {
        rowNumber: r.rowNumber, section: r.section === '' ? null : r.section.slice(0, 300), title: r.title, hours, codes: codes.codes,
        controlFormId: form?.id ?? null, controlForm: form ? { id: form.id, name: form.name } : null,
      };
    });
    if (issues.length > 0) throw invalid(issues);
    return out;
  }

  /** Which current topic each new row keeps (same title, first unmatched), and what changes. */
  function planDiff(current: readonly repo.TopicRow[], next: readonly ParsedTopic[]) {
    const free = new Map<string, repo.TopicRow[]>();
    for (const t of current) free.set(sameText(t.title), [...free.get(sameText(t.title)) ?? [], t]);
    const kept = next.map((n) => {
      const list = free.get(sameText(n.title));
      return list && list.length > 0 ? list.shift()! : null;
    });
    const removed = [...free.values()].flat();
    const added: string[] = [];
    const changed: string[] = [];
    let unchanged = 0;
    next.forEach((n, i) => {
      const k = kept[i];
      if (!k) added.push(n.title);
      else if (k.position !== i + 1 || (k.section ?? null) !== n.section || k.hours !== n.hours || k.title !== n.title
        || k.contentElementCodes.join(',') !== n.codes.join(',') || k.controlFormId !== n.controlFormId) changed.push(n.title);
      else unchanged++;
    });
    return { kept, removed, diff: { added, changed, removed: removed.map((t) => t.title), unchanged } };
  }

  async function importPlan(access: Access, id: string, file: { bytes: Uint8Array; fileName: string | null }, dryRun: boolean, ifMatch: string | string[] | undefined): Promise<LessonPlanImportDto> {
    const schoolId = access.actor.schoolId;
    const rows = await readPlanFile(file.bytes, file.fileName);
    const answer = (parsed: ParsedTopic[], diff: LessonPlanImportDto['diff']) => ({
      topics: parsed.map((p, i) => ({ position: i + 1, section: p.section, title: p.title, hours: p.hours, contentElementCodes: p.codes, controlForm: p.controlForm })),
      plannedHours: plannedHours(parsed), diff,
    });
    if (dryRun) {
      const row = await repo.findProgramme(db, schoolId, id) ?? programmeNotFound();
      if (!await mayWrite(db, access.actor, row)) throw notYours();
      const parsed = await parsePlan(db, row, rows);
      const { diff } = planDiff(await repo.topicsOf(db, schoolId, id), parsed);
      return { dryRun: true, ...answer(parsed, diff), workProgramme: null };
    }
    const result = await change(access, id, ifMatch, async ({ tx, row, topics, audit }) => {
      const parsed = await parsePlan(tx, row, rows);
      const { kept, removed, diff } = planDiff(topics, parsed);
      const delivered = await repo.topicsInUse(tx, schoolId, removed.map((t) => t.id));
      if (delivered.size > 0) {
        const titles = removed.filter((t) => delivered.has(t.id)).map((t) => `«${t.title}»`);
        throw conflict('TOPIC_DELIVERED', `В новом плане нет тем, уже проведённых в журнале: ${titles.slice(0, 5).join(', ')}${titles.length > 5 ? ' и др.' : ''}`);
      }
      await repo.deleteTopics(tx, schoolId, removed.map((t) => t.id));
      for (const t of removed) audit('delete', t.id, snapshot(t), null);
      const fresh: (typeof parsed[number] & { position: number })[] = [];
      for (const [i, p] of parsed.entries()) {
        const values = { position: i + 1, section: p.section, title: p.title, hours: p.hours, contentElementCodes: p.codes, controlFormId: p.controlFormId };
        const k = kept[i];
        if (k) {
          await repo.updateTopic(tx, schoolId, k.id, values);
          if (diff.changed.includes(p.title)) audit('update', k.id, snapshot(k), values);
        } else fresh.push({ ...p, position: i + 1 });
      }
      const inserted = await repo.insertTopics(tx, fresh.map((p) => ({
        schoolId, workProgrammeId: id, position: p.position, section: p.section, title: p.title, hours: p.hours, contentElementCodes: p.codes, controlFormId: p.controlFormId,
      })));
      for (const t of inserted) audit('create', t.id, null, snapshot(t));
      return answer(parsed, diff);
    });
    return { dryRun: false, ...result, workProgramme: await detail(access, id) };
  }

  async function exportPlan(access: Access, id: string): Promise<{ body: Buffer; academicYear: number }> {
    const schoolId = access.actor.schoolId;
    const row = await repo.findProgramme(db, schoolId, id) ?? programmeNotFound();
    const topics = await repo.topicsOf(db, schoolId, id);
    const forms = await controlFormNames(db, schoolId, topics.map((t) => t.controlFormId));
    const body = await lessonPlanXlsx({
      title: row.title,
      topics: topics.map((t, i) => ({
        position: i + 1, section: t.section, title: t.title, hours: t.hours, codes: t.contentElementCodes, control: t.controlFormId ? forms.get(t.controlFormId) ?? null : null,
      })),
    });
    return { body, academicYear: row.academicYear };
  }

  // --- Codifiers ------------------------------------------------------------------------------------

  const mayDeleteCodifier = (actor: Actor, c: repo.CodifierRow): boolean =>
    writeReach(actor) === 'school' || (writeReach(actor) === 'taught' && c.createdBy === actor.accountId);

  const codifierDto = (actor: Actor, c: repo.CodifierListRow): CodifierDto => ({
    id: c.id, name: c.name, subject: c.subjectId ? { id: c.subjectId, name: c.subjectName ?? '' } : null, source: c.source, editionYear: c.editionYear,
    elements: c.elements, usedBy: c.usedBy, canDelete: mayDeleteCodifier(actor, c) && c.usedBy === 0, createdAt: c.createdAt.toISOString(),
  });

  async function listCodifiers(access: Access): Promise<CodifierListDto> {
    const rows = await repo.listCodifiers(db, access.actor.schoolId);
    return { items: rows.map((c) => codifierDto(access.actor, c)), total: rows.length, canWrite: writeReach(access.actor) !== null };
  }

  async function getCodifier(access: Access, id: string): Promise<CodifierDetailDto> {
    const [row] = await repo.listCodifiers(db, access.actor.schoolId, id);
    if (!row) return codifierNotFound();
    const elements = await repo.elementsOf(db, access.actor.schoolId, id);
    return { ...codifierDto(access.actor, row), items: elements.map((e) => ({ id: e.id, code: e.code, parentCode: e.parentCode, title: e.title, isSection: e.isSection })) };
  }

  async function uploadCodifier(access: Access, query: UploadCodifierQuery, file: { bytes: Uint8Array; fileName: string | null }): Promise<CodifierDryRunDto | CodifierDetailDto> {
    const { actor } = access;
    const rows = await readCodifierFile(file.bytes, file.fileName);
    const { elements, issues } = codifierElements(rows);
    if (issues.length > 0) throw invalid(issues.map((i) => ({ path: `rows.${i.rowNumber}.${i.field}`, code: i.code, message: i.message })));
    if (query.subjectId && await repo.subjectName(db, actor.schoolId, query.subjectId) === null) {
      throw invalid([{ path: 'subjectId', code: 'NOT_FOUND', message: 'Предмет: нет такого предмета в школе' }]);
    }
    const taken = (): AppError => conflict('NAME_TAKEN', `Кодификатор «${query.name}» уже загружен: дайте другое название или удалите старый`,
      [{ path: 'name', code: 'NAME_TAKEN', message: `Кодификатор «${query.name}» уже загружен` }]);
    if (await repo.codifierNamed(db, actor.schoolId, query.name)) throw taken();
    if (query.dryRun) {
      return { dryRun: true, elements: elements.length, sections: elements.filter((e) => e.isSection).length, preview: elements.slice(0, 20).map(({ position: _p, ...e }) => e) };
    }
    const id = await db.transaction(async (tx) => {
      const codifierId = await repo.insertCodifier(tx, {
        schoolId: actor.schoolId, name: query.name, subjectId: query.subjectId ?? null, source: query.source ?? null, editionYear: query.editionYear ?? null, createdBy: actor.accountId,
      });
      await repo.insertElements(tx, elements.map((e) => ({ schoolId: actor.schoolId, codifierId, ...e })));
      return codifierId;
    }).catch((err: unknown) => {
      if (isUniqueViolation(err)) throw taken();
      throw err;
    });
    return getCodifier(access, id);
  }

  async function deleteCodifier(access: Access, id: string): Promise<void> {
    const { actor } = access;
    await db.transaction(async (tx) => {
      const c = await repo.findCodifier(tx, actor.schoolId, id, true) ?? codifierNotFound();
      if (!mayDeleteCodifier(actor, c)) throw new AppError('FORBIDDEN', 403, 'Удалить кодификатор может администрация или тот, кто его загрузил');
      const used = await repo.codifierUsage(tx, actor.schoolId, id);
      if (used > 0) throw conflict('CODIFIER_IN_USE', `Кодификатор используют рабочие программы (${used}): сначала выберите в них другой`);
      await repo.deleteCodifier(tx, actor.schoolId, id);
    });
  }

  return {
    list, loadList, coverage, get, nextTopic, create, update, remove, addTopic, updateTopic, removeTopic, moveTopic, splitTopic, importPlan, exportPlan,
    listCodifiers, getCodifier, uploadCodifier, deleteCodifier,
  };
}

export type WorkProgrammesService = ReturnType<typeof createWorkProgrammesService>;

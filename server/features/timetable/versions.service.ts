// Rules of timetable versions and hand editing (SPEC B12). A version is a draft until it is
// published from a date; the one in force on a date is the published one with the latest date not
// after it. Every change names the version it was made on (If-Match) and runs in one transaction
// that locks the version row, checks that number, makes the change, refreshes the version's
// evaluation and bumps its number; a refused change (a clash, a taken date, a stale number) leaves
// everything as it was. Students and guardians see published versions only, and of them only the
// lessons of their own (children's) classes and groups. A lesson added by hand comes from a load row
// of any subject kind; extracurricular and additional-education sessions may come after the
// class's last lesson (up to the 12th of its shift) and are outside the evaluation, but they take
// their teacher, students and room in the clash check like any lesson.
import type {
  AddTimetableLessonBody, CreateTimetableVersionBody, LockTimetableLessonsBody, LockTimetableLessonsDto, MoveTimetableLessonBody, PublishTimetableVersionBody,
  PublishTimetableVersionDto, RenameTimetableVersionBody, TimetableClashDto, TimetableEvaluationDto, TimetableGridDto, TimetableGridLessonDto,
  TimetableGridQuery, TimetableLessonChangeDto, TimetableMoveCheckDto, TimetableStatus, TimetableVersionDetailDto, TimetableVersionDto,
  TimetableVersionListDto, TimetableVersionListQuery,
} from '../../../contracts/timetable-versions';
import { maxSessionNumber, staleVersionCode } from '../../../contracts/timetable-versions';
import { academicYearBounds } from '../../../domain/school-year';
import type { Db, Queryable } from '../../db/client';
import { isUniqueViolation } from '../../db/errors';
import type { Clock } from '../../lib/clock';
import { AppError, notFound } from '../../lib/errors';
import type { Access, AccessService } from '../access/access.service';
import {
  clashesAt, evaluatePlacement, labelsOf, movedPlacement, newViolations, placementOf, readEvaluationSummary, readStoredEvaluation,
  storedEvaluationOf, studentsOf, summaryOf, type Labels, type Placement, type StoredEvaluation, type Target,
} from './evaluation';
import { lessonKindOfSubject } from './extracurricular';
import * as sessionsRepo from './extracurricular.repo';
import { buildYearProblem, dayNames, defaultPeriods, shiftOfLesson, type YearProblem } from './problem';
import { bellScheduleSizes } from './problem.repo';
import { groupClassesOf, loadLabel, outsideGridFor } from './sessions';
import * as repo from './versions.repo';

type FieldIssue = { path: string; code: string; message: string };

const invalid = (issues: FieldIssue[]): AppError => new AppError('VALIDATION_FAILED', 400, issues[0]?.message ?? 'Неверные данные', issues);
const versionNotFound = (): never => notFound('TIMETABLE_NOT_FOUND', 'Версия расписания не найдена');
const lessonNotFound = (): never => notFound('TIMETABLE_LESSON_NOT_FOUND', 'Урок не найден в этой версии расписания');
/** "2026-09-01" → "01.09.2026". */
const ru = (date: string): string => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
const dateTaken = (validFrom: string, name: string | null): AppError => new AppError('TIMETABLE_DATE_TAKEN', 409,
  `С ${ru(validFrom)} уже действует ${name ? `версия «${name}»` : 'другая версия'}: выберите другую дату или снимите ту версию с публикации`,
  [{ path: 'validFrom', code: 'TIMETABLE_DATE_TAKEN', message: `С ${ru(validFrom)} уже действует другая версия` }]);

const nameTaken = (name: string): AppError =>
  new AppError('NAME_TAKEN', 409, `Версия «${name}» уже есть в этом учебном году`, [{ path: 'name', code: 'NAME_TAKEN', message: `Версия «${name}» уже есть в этом учебном году` }]);

/** «урок», «урока», «уроков» after a number. */
const lessonsWord = (n: number): string => {
  const [tens, ones] = [n % 100, n % 10];
  if (tens >= 11 && tens <= 14) return 'уроков';
  return ones === 1 ? 'урок' : ones >= 2 && ones <= 4 ? 'урока' : 'уроков';
};

export const fullDayNames = ['Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота', 'Воскресенье'];

const dayBefore = (date: string): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

/** The version number a change names: `If-Match: "3"` (or 3, W/"3"). */
export function versionOfIfMatch(header: string | string[] | undefined): number {
  const raw = Array.isArray(header) ? header[0] : header;
  const m = raw?.trim().match(/^(?:W\/)?"?(\d{1,9})"?$/);
  if (!m) {
    throw new AppError('PRECONDITION_REQUIRED', 428, 'Нужен заголовок If-Match с номером версии расписания, которую вы меняете (поле version)');
  }
  return Number(m[1]);
}

type Shape = { days: number; periods: number };

/** Where a version lives while a change is made in its transaction. */
type Change = {
  tx: Queryable;
  row: repo.TimetableRow;
  year(): Promise<YearProblem>;
  placement(lessons: readonly repo.LessonRow[]): Promise<{ placement: Placement; labels: Labels }>;
};

/**
 * How long the check before a drop may reuse a school year's problem: a lesson dragged or carried
 * by the keyboard is checked at every cell it passes, and building the problem is the slow part.
 * Changes themselves always build it afresh inside their transaction.
 */
export const checkProblemTtlMs = 10_000;

export function createVersionsService({ db, access: accessService, clock }: { db: Db; access: AccessService; clock: Clock }) {
  const recentProblems = new Map<string, { at: number; problem: Promise<YearProblem> }>();
  function recentProblem(schoolId: string, academicYear: number): Promise<YearProblem> {
    const key = `${schoolId}:${academicYear}`;
    const now = performance.now();
    const hit = recentProblems.get(key);
    if (hit && now - hit.at < checkProblemTtlMs) return hit.problem;
    for (const [k, v] of recentProblems) if (now - v.at >= checkProblemTtlMs) recentProblems.delete(k);
    const problem = buildYearProblem(db, schoolId, academicYear);
    recentProblems.set(key, { at: now, problem });
    problem.catch(() => recentProblems.delete(key));
    return problem;
  }
  // --- Reading --------------------------------------------------------------------------------

  const narrow = (access: Access) => !access.wholeSchool;

  /** A version the caller may see: 404 for a missing one, and for a draft when only published ones are theirs. */
  async function visibleVersion(access: Access, id: string): Promise<repo.TimetableRow> {
    const row = await repo.findVersion(db, access.actor.schoolId, id) ?? versionNotFound();
    if (narrow(access) && row.status !== 'published') versionNotFound();
    return row;
  }

  /** Per published version of a year: its last day in force, and the one in force today. */
  function calendarOf(rows: readonly repo.TimetableRow[], today: string) {
    const published = rows.filter((r) => r.status === 'published' && r.validFrom !== null)
      .sort((a, b) => a.validFrom!.localeCompare(b.validFrom!));
    const validTo = new Map<string, string | null>();
    published.forEach((r, i) => validTo.set(r.id, published[i + 1] ? dayBefore(published[i + 1]!.validFrom!) : null));
    const inForce = published.filter((r) => r.validFrom! <= today).at(-1)?.id ?? null;
    return { validTo, inForce };
  }

  function versionDto(row: repo.TimetableRow & { lessons: number }, cal: ReturnType<typeof calendarOf>): TimetableVersionDto {
    return {
      id: row.id, academicYear: row.academicYear, name: row.name, status: row.status as TimetableStatus,
      validFrom: row.validFrom, validTo: cal.validTo.get(row.id) ?? null, inForce: cal.inForce === row.id,
      basedOnId: row.basedOnId, runId: row.runId, lessons: row.lessons, evaluation: readEvaluationSummary(row.evaluation),
      version: row.version, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
      publishedAt: row.publishedAt?.toISOString() ?? null,
    };
  }

  async function dtoOf(access: Access, id: string): Promise<TimetableVersionDto> {
    const row = await repo.findVersion(db, access.actor.schoolId, id) ?? versionNotFound();
    const rows = await repo.listVersions(db, access.actor.schoolId, row.academicYear);
    const found = rows.find((r) => r.id === id) ?? versionNotFound();
    return versionDto(found, calendarOf(rows, access.actor.today));
  }

  /** What a person sees first: a student or parent their (child's) class, a teacher their own lessons, the administration the first class. */
  async function defaultViewOf(access: Access, academicYear: number): Promise<TimetableVersionListDto['defaultView']> {
    const { actor } = access;
    const classes = await repo.classesOfYear(db, actor.schoolId, academicYear);
    if (narrow(access)) {
      const visible = await accessService.visible(access, 'class');
      const own = classes.find((c) => visible.all || visible.ids.has(c.id));
      return own ? { kind: 'class', id: own.id } : null;
    }
    const first = classes[0] ? { kind: 'class' as const, id: classes[0].id } : null;
    if (accessService.can(actor, 'timetable', 'write')) return first;
    const employeeId = actor.links.employeeIds[0];
    if (employeeId && actor.roles.includes('subjectTeacher')) return { kind: 'teacher', id: employeeId };
    const led = classes.find((c) => c.classTeacherId !== null && actor.links.employeeIds.includes(c.classTeacherId));
    if (led) return { kind: 'class', id: led.id };
    return employeeId ? { kind: 'teacher', id: employeeId } : first;
  }

  async function list(access: Access, query: TimetableVersionListQuery): Promise<TimetableVersionListDto> {
    const academicYear = query.academicYear ?? access.actor.academicYear;
    const rows = (await repo.listVersions(db, access.actor.schoolId, academicYear))
      .filter((r) => !narrow(access) || r.status === 'published');
    const cal = calendarOf(rows, access.actor.today);
    const items = rows.map((r) => versionDto(r, cal));
    return {
      academicYear, today: access.actor.today, items, total: items.length, inForceId: cal.inForce,
      defaultView: await defaultViewOf(access, academicYear), canWrite: accessService.can(access.actor, 'timetable', 'write'),
    };
  }

  /** Names, labels and the placement of a version's lessons on its year's problem. */
  async function placementFor(q: Queryable, schoolId: string, academicYear: number, year: YearProblem, lessons: readonly repo.LessonRow[]) {
    const [names, groupClasses] = await Promise.all([repo.namesOf(q, schoolId, lessons), groupClassesOf(q, schoolId, academicYear)]);
    const labels = labelsOf(names);
    const groupClass = new Map([...names.groups].map(([id, g]) => [id, g.classId]));
    return { placement: placementOf(year, lessons, labels, groupClass, groupClasses), labels, names };
  }

  async function evaluationNow(q: Queryable, row: repo.TimetableRow): Promise<StoredEvaluation> {
    const [year, lessons] = await Promise.all([buildYearProblem(q, row.schoolId, row.academicYear), repo.lessonsOf(q, row.schoolId, row.id)]);
    const { placement } = await placementFor(q, row.schoolId, row.academicYear, year, lessons);
    return storedEvaluationOf(evaluatePlacement(placement), placement.orphans, clock.now(), await outsideGridFor(q, row.schoolId, row.academicYear, lessons));
  }

  async function get(access: Access, id: string): Promise<TimetableVersionDetailDto> {
    const row = await visibleVersion(access, id);
    const dto = await dtoOf(access, id);
    // A version saved by another writer may keep a shorter evaluation: the whole one is computed.
    const evaluation: TimetableEvaluationDto = readStoredEvaluation(row.evaluation) ?? await evaluationNow(db, row);
    // The messages name every class and teacher of the school: a family sees the figures only.
    const shown = narrow(access) ? { ...evaluation, violations: [], orphans: [] } : evaluation;
    return { ...dto, evaluation: shown };
  }

  // --- Changing: one transaction per change --------------------------------------------------

  async function change<R>(access: Access, id: string, ifMatch: string | string[] | undefined,
    make: (c: Change) => Promise<{ set?: Partial<repo.TimetableRow>; result: R }>): Promise<R> {
    const expected = versionOfIfMatch(ifMatch);
    const schoolId = access.actor.schoolId;
    return db.transaction(async (tx) => {
      const row = await repo.findVersion(tx, schoolId, id, true) ?? versionNotFound();
      if (row.version !== expected) {
        throw new AppError(staleVersionCode, 412,
          `Эту версию расписания уже изменили (сейчас изменение № ${row.version}, у вас № ${expected}): обновите страницу и повторите`,
          { version: row.version });
      }
      let year: Promise<YearProblem> | null = null;
      const c: Change = {
        tx, row,
        year: () => (year ??= buildYearProblem(tx, schoolId, row.academicYear)),
        placement: async (lessons) => placementFor(tx, schoolId, row.academicYear, await c.year(), lessons),
      };
      const { set, result } = await make(c);
      const lessons = await repo.lessonsOf(tx, schoolId, id);
      const { placement } = await c.placement(lessons);
      const evaluation = storedEvaluationOf(evaluatePlacement(placement), placement.orphans, clock.now(), await outsideGridFor(tx, schoolId, row.academicYear, lessons));
      await repo.updateVersion(tx, schoolId, id, { ...set, evaluation });
      return result;
    });
  }

  async function uniqueName(q: Queryable, schoolId: string, academicYear: number, name: string, exceptId: string | null): Promise<void> {
    if (await repo.versionNamed(q, schoolId, academicYear, name, exceptId)) throw nameTaken(name);
  }

  async function create(access: Access, body: CreateTimetableVersionBody): Promise<TimetableVersionDetailDto> {
    const schoolId = access.actor.schoolId;
    const base = body.basedOnId ? await repo.findVersion(db, schoolId, body.basedOnId) : null;
    if (body.basedOnId && !base) throw invalid([{ path: 'basedOnId', code: 'TIMETABLE_NOT_FOUND', message: 'Исходная версия: нет такой версии расписания в школе' }]);
    if (base && body.academicYear !== undefined && body.academicYear !== base.academicYear) {
      throw invalid([{ path: 'academicYear', code: 'YEAR_MISMATCH', message: `Учебный год: исходная версия — ${base.academicYear}/${String((base.academicYear + 1) % 100).padStart(2, '0')} учебного года` }]);
    }
    const academicYear = base?.academicYear ?? body.academicYear ?? access.actor.academicYear;
    await uniqueName(db, schoolId, academicYear, body.name, null);
    const id = await db.transaction(async (tx) => {
      const newId = await repo.insertVersion(tx, { schoolId, academicYear, name: body.name, status: 'draft', basedOnId: base?.id ?? null, createdBy: access.actor.accountId });
      if (base) await repo.copyLessons(tx, schoolId, base.id, newId);
      const row = (await repo.findVersion(tx, schoolId, newId))!;
      await repo.setEvaluation(tx, schoolId, newId, await evaluationNow(tx, row));
      return newId;
    }).catch((err: unknown) => {
      if (isUniqueViolation(err)) throw nameTaken(body.name);
      throw err;
    });
    return get(access, id);
  }

  async function rename(access: Access, id: string, body: RenameTimetableVersionBody, ifMatch: string | string[] | undefined): Promise<TimetableVersionDto> {
    await change(access, id, ifMatch, async ({ tx, row }) => {
      await uniqueName(tx, access.actor.schoolId, row.academicYear, body.name, id);
      return { set: { name: body.name }, result: undefined };
    });
    return dtoOf(access, id);
  }

  async function publish(access: Access, id: string, body: PublishTimetableVersionBody, ifMatch: string | string[] | undefined): Promise<PublishTimetableVersionDto> {
    const hardViolations = await change(access, id, ifMatch, async ({ tx, row }) => {
      const { startsOn, endsOn } = academicYearBounds(row.academicYear);
      if (body.validFrom < startsOn || body.validFrom > endsOn) {
        throw invalid([{ path: 'validFrom', code: 'OUTSIDE_YEAR', message: `Дата начала действия: в пределах учебного года, с ${ru(startsOn)} по ${ru(endsOn)}` }]);
      }
      const other = await repo.publishedOn(tx, row.schoolId, row.academicYear, body.validFrom, id);
      if (other) throw dateTaken(body.validFrom, other.name);
      const evaluation = await evaluationNow(tx, row);
      if (evaluation.hard > 0 && body.force !== true) {
        throw new AppError('TIMETABLE_HAS_VIOLATIONS', 409,
          `В версии нарушений обязательных правил: ${evaluation.hard}. Исправьте их или введите версию в действие всё равно`, { hard: evaluation.hard });
      }
      return { set: { status: 'published', validFrom: body.validFrom, publishedAt: clock.now() }, result: evaluation.hard };
    }).catch((err: unknown) => {
      if (isUniqueViolation(err)) throw dateTaken(body.validFrom, null);
      throw err;
    });
    return { timetable: await dtoOf(access, id), hardViolations };
  }

  async function unpublish(access: Access, id: string, ifMatch: string | string[] | undefined): Promise<TimetableVersionDto> {
    await change(access, id, ifMatch, async ({ row }) => {
      if (row.status !== 'published') throw new AppError('TIMETABLE_NOT_PUBLISHED', 409, 'Эта версия не опубликована');
      return { set: { status: 'draft', validFrom: null, publishedAt: null }, result: undefined };
    });
    return dtoOf(access, id);
  }

  async function remove(access: Access, id: string, ifMatch: string | string[] | undefined): Promise<void> {
    const expected = versionOfIfMatch(ifMatch);
    const schoolId = access.actor.schoolId;
    await db.transaction(async (tx) => {
      const row = await repo.findVersion(tx, schoolId, id, true) ?? versionNotFound();
      if (row.version !== expected) {
        throw new AppError(staleVersionCode, 412, `Эту версию расписания уже изменили (сейчас изменение № ${row.version}): обновите страницу и повторите`, { version: row.version });
      }
      if (row.status !== 'draft') {
        throw new AppError('TIMETABLE_PUBLISHED', 409, row.status === 'published'
          ? 'Опубликованную версию удалить нельзя: сначала снимите её с публикации'
          : 'Удалить можно только черновик');
      }
      await repo.deleteVersion(tx, schoolId, id);
    });
  }

  // --- The grid -------------------------------------------------------------------------------

  /** The week and the lesson numbers a year's grid shows: the calendar's longest week, the largest bell schedule. */
  async function shapeOf(q: Queryable, schoolId: string, academicYear: number, lessons: readonly repo.LessonRow[]): Promise<Shape> {
    const [weeks, bells] = await Promise.all([repo.weekLengths(q, schoolId, academicYear), bellScheduleSizes(q, schoolId, academicYear)]);
    const inForce = bells.filter((b) => b.assigned);
    const sizes = (inForce.length > 0 ? inForce : bells).map((b) => b.lessons).filter((n) => n > 0);
    return {
      days: Math.min(6, Math.max(5, ...weeks.map((w) => w.days), ...lessons.map((l) => l.weekday))),
      periods: Math.max(sizes.length > 0 ? Math.max(...sizes) : defaultPeriods, ...lessons.map((l) => l.lessonNumber + l.duration - 1)),
    };
  }

  function lessonDto(l: repo.LessonRow, labels: Labels, names: repo.Names): TimetableGridLessonDto {
    const subject = names.subjects.get(l.subjectId);
    return {
      id: l.id, weekday: l.weekday, lessonNumber: l.lessonNumber, duration: l.duration,
      subject: { id: l.subjectId, name: subject?.name ?? 'предмет', shortName: subject?.shortName ?? subject?.name ?? 'предмет' },
      teacher: { id: l.employeeId, name: labels.teacherFull(l.employeeId), shortName: labels.teacher(l.employeeId) },
      class: l.classId ? { id: l.classId, name: labels.className(l.classId) } : null,
      studyGroup: l.studyGroupId ? { id: l.studyGroupId, name: labels.unit({ classId: null, studyGroupId: l.studyGroupId }) } : null,
      room: l.roomId ? { id: l.roomId, name: labels.room(l.roomId)! } : null,
      locked: l.locked, kind: l.kind, format: l.format, distanceUrl: l.format === 'distance' ? l.distanceUrl : null, teachingLoadId: l.teachingLoadId,
    };
  }

  async function grid(access: Access, id: string, query: TimetableGridQuery): Promise<TimetableGridDto> {
    const row = await visibleVersion(access, id);
    const schoolId = access.actor.schoolId;
    const all = await repo.lessonsOf(db, schoolId, id);
    const [names, shape, classRows, groupRows, memberClasses, activeRooms] = await Promise.all([
      repo.namesOf(db, schoolId, all),
      shapeOf(db, schoolId, row.academicYear, all),
      repo.classesOfYear(db, schoolId, row.academicYear),
      repo.groupsOfYear(db, schoolId, row.academicYear),
      repo.classesOfGroupMembers(db, schoolId, row.academicYear),
      narrow(access) ? Promise.resolve([]) : repo.activeRooms(db, schoolId),
    ]);
    const labels = labelsOf(names);

    // What the caller's scope reaches.
    let mine = all;
    let classOptions = classRows;
    if (narrow(access)) {
      const [classes, groups] = await Promise.all([accessService.visible(access, 'class'), accessService.visible(access, 'studyGroup')]);
      const reach = (v: typeof classes, x: string | null) => x !== null && (v.all || v.ids.has(x));
      mine = all.filter((l) => reach(classes, l.classId) || reach(groups, l.studyGroupId));
      classOptions = classRows.filter((c) => reach(classes, c.id));
    }

    // A class's lessons: its own, its subgroups', and those of streams its students are in.
    const groupClass = new Map(groupRows.map((g) => [g.id, g.classId]));
    const classesOfGroup = new Map<string, Set<string>>();
    for (const m of memberClasses) classesOfGroup.set(m.studyGroupId, (classesOfGroup.get(m.studyGroupId) ?? new Set()).add(m.classId));
    const ofClass = (l: repo.LessonRow, classId: string) => l.classId === classId
      || (l.studyGroupId !== null && (groupClass.get(l.studyGroupId) === classId || (classesOfGroup.get(l.studyGroupId)?.has(classId) ?? false)));
    const shown = mine.filter((l) => (!query.classId || ofClass(l, query.classId))
      && (!query.employeeId || l.employeeId === query.employeeId)
      && (!query.roomId || l.roomId === query.roomId));

    const teacherIds = [...new Set(mine.map((l) => l.employeeId))];
    const teachers = teacherIds.map((t) => ({ id: t, name: labels.teacherFull(t) })).sort((a, b) => a.name.localeCompare(b.name, 'ru'));
    const rooms = new Map(activeRooms.map((r) => [r.id, r.name]));
    for (const l of mine) if (l.roomId && !rooms.has(l.roomId)) rooms.set(l.roomId, labels.room(l.roomId)!);
    const roomOptions = [...rooms].map(([rid, name]) => ({ id: rid, name }));
    if (narrow(access)) roomOptions.sort((a, b) => a.name.localeCompare(b.name, 'ru', { numeric: true }));

    return {
      timetableId: id, version: row.version,
      days: Array.from({ length: shape.days }, (_, d) => ({ weekday: d + 1, name: fullDayNames[d]!, shortName: dayNames[d] ?? String(d + 1) })),
      lessonNumbers: Array.from({ length: shape.periods }, (_, p) => p + 1),
      lessons: shown.map((l) => lessonDto(l, labels, names)),
      options: { classes: classOptions.map((c) => ({ id: c.id, name: `${c.grade}${c.letter}` })), teachers, rooms: roomOptions },
    };
  }

  // --- Moving and locking lessons --------------------------------------------------------------

  /** The target of a change, checked against the year's week, the lessons of the class's shift and the school's rooms. */
  async function targetOf(q: Queryable, row: repo.TimetableRow, year: YearProblem, lesson: Pick<repo.LessonRow, 'weekday' | 'lessonNumber' | 'roomId' | 'duration' | 'kind' | 'classId' | 'studyGroupId'>,
    body: Pick<MoveTimetableLessonBody, 'weekday' | 'lessonNumber' | 'roomId'>): Promise<Target> {
    const target: Target = {
      weekday: body.weekday ?? lesson.weekday, lessonNumber: body.lessonNumber ?? lesson.lessonNumber,
      roomId: body.roomId === undefined ? lesson.roomId : body.roomId,
    };
    const days = year.problem.days.length;
    const shift = shiftOfLesson(year.refs, lesson);
    const span = year.refs.shifts.find((s) => s.shift === shift) ?? year.refs.shifts[0];
    const lessonsOfDay = span?.lessons ?? year.problem.periods.length;
    const issues: FieldIssue[] = [];
    if (target.weekday > days) issues.push({ path: 'weekday', code: 'OUTSIDE_WEEK', message: `День недели: в учебной неделе школы ${days} дней` });
    if (lesson.kind !== 'regular') {
      // A session may come after the class's lessons, up to the 12th of its shift.
      if (target.lessonNumber + lesson.duration - 1 > maxSessionNumber) {
        issues.push({ path: 'lessonNumber', code: 'OUTSIDE_DAY', message: `Номер урока: занятие внеурочной деятельности или доп. образования — не позже ${maxSessionNumber}-го урока смены` });
      }
    } else if (target.lessonNumber + lesson.duration - 1 > lessonsOfDay) {
      const which = year.refs.shifts.length > 1 ? ` ${shift} смены` : '';
      issues.push({ path: 'lessonNumber', code: 'OUTSIDE_DAY', message: `Номер урока: в расписании звонков${which} ${lessonsOfDay} ${lessonsWord(lessonsOfDay)}` });
    }
    if (target.roomId !== null && target.roomId !== lesson.roomId && !await repo.roomExists(q, row.schoolId, target.roomId)) {
      issues.push({ path: 'roomId', code: 'ROOM_NOT_FOUND', message: 'Кабинет: нет такого кабинета в школе' });
    }
    if (issues.length > 0) throw invalid(issues);
    return target;
  }

  /** Clashes of a lesson at the target: all kinds when it changes place, the room's when only the room changes. */
  function clashesOf(placement: Placement, lessons: readonly repo.LessonRow[], lesson: repo.LessonRow, target: Target, labels: Labels): TimetableClashDto[] {
    const moves = target.weekday !== lesson.weekday || target.lessonNumber !== lesson.lessonNumber;
    const roomChanges = target.roomId !== lesson.roomId;
    if (!moves && !roomChanges) return [];
    const found = clashesAt(placement, lessons, lesson, target, studentsOf(placement, lessons), labels);
    return moves ? found : found.filter((c) => c.kind === 'room');
  }

  const clashError = (clashes: TimetableClashDto[]): AppError => new AppError('TIMETABLE_CLASH', 409,
    `Урок нельзя поставить сюда: ${clashes.map((c) => c.message).join('; ')}`, { clashes });

  async function checkMove(access: Access, id: string, lessonId: string, body: MoveTimetableLessonBody): Promise<TimetableMoveCheckDto> {
    const row = await visibleVersion(access, id);
    const [year, lessons] = await Promise.all([recentProblem(row.schoolId, row.academicYear), repo.lessonsOf(db, row.schoolId, id)]);
    const lesson = lessons.find((l) => l.id === lessonId) ?? lessonNotFound();
    const target = await targetOf(db, row, year, lesson, body);
    const { placement, labels } = await placementFor(db, row.schoolId, row.academicYear, year, lessons);
    const before = evaluatePlacement(placement);
    const after = evaluatePlacement(movedPlacement(placement, lessonId, lesson, target));
    return {
      clashes: clashesOf(placement, lessons, lesson, target, labels),
      evaluationBefore: summaryOf(before), evaluationAfter: summaryOf(after), newViolations: newViolations(before, after),
    };
  }

  async function moveLesson(access: Access, id: string, lessonId: string, body: MoveTimetableLessonBody, ifMatch: string | string[] | undefined): Promise<TimetableLessonChangeDto> {
    await change(access, id, ifMatch, async (c) => {
      const lessons = await repo.lessonsOf(c.tx, c.row.schoolId, id);
      const lesson = lessons.find((l) => l.id === lessonId) ?? lessonNotFound();
      const target = await targetOf(c.tx, c.row, await c.year(), lesson, body);
      const { placement, labels } = await c.placement(lessons);
      const format = formatOf(lesson, body);
      const clashes = clashesOf(placement, lessons, lesson, target, labels);
      if (clashes.length > 0) throw clashError(clashes);
      await repo.updateLesson(c.tx, c.row.schoolId, lessonId, {
        weekday: target.weekday, lessonNumber: target.lessonNumber, roomId: target.roomId, ...(body.locked === undefined ? {} : { locked: body.locked }), ...format,
      });
      return { result: undefined };
    });
    return lessonChangeDto(access, id, lessonId);
  }

  /** The format a change leaves: a distance lesson needs a link (given or kept); in person drops it. */
  function formatOf(lesson: repo.LessonRow, body: MoveTimetableLessonBody): Partial<Pick<repo.LessonRow, 'format' | 'distanceUrl'>> {
    if (body.format === undefined && body.distanceUrl === undefined) return {};
    const format = body.format ?? lesson.format;
    if (format === 'inPerson') {
      if (body.distanceUrl !== undefined) throw invalid([{ path: 'distanceUrl', code: 'NOT_DISTANCE', message: 'Ссылка: только для дистанционного урока (format: distance)' }]);
      return { format, distanceUrl: null };
    }
    const distanceUrl = body.distanceUrl ?? lesson.distanceUrl;
    if (!distanceUrl) throw invalid([{ path: 'distanceUrl', code: 'REQUIRED', message: 'Ссылка: обязательна для дистанционного урока' }]);
    return { format, distanceUrl };
  }

  /** The answer of a change of one lesson: the lesson as the grid shows it and the version. */
  async function lessonChangeDto(access: Access, id: string, lessonId: string): Promise<TimetableLessonChangeDto> {
    const lessons = await repo.lessonsOf(db, access.actor.schoolId, id);
    const lesson = lessons.find((l) => l.id === lessonId)!;
    const names = await repo.namesOf(db, access.actor.schoolId, [lesson]);
    return { lesson: lessonDto(lesson, labelsOf(names), names), timetable: await dtoOf(access, id) };
  }

  /**
   * Adds one lesson of a load row by hand. A regular lesson takes the first hour of its row the
   * version does not have (its activity key, as the solver would save it; none left: 409); a
   * session takes the next number of its row.
   */
  async function addLesson(access: Access, id: string, body: AddTimetableLessonBody, ifMatch: string | string[] | undefined): Promise<TimetableLessonChangeDto> {
    const lessonId = await change(access, id, ifMatch, async (c) => {
      const schoolId = c.row.schoolId;
      const load = await sessionsRepo.findLoad(c.tx, schoolId, body.teachingLoadId);
      if (!load || load.academicYear !== c.row.academicYear) {
        throw invalid([{ path: 'teachingLoadId', code: 'TEACHING_LOAD_NOT_FOUND', message: 'Строка нагрузки: нет такой строки в нагрузке этого учебного года' }]);
      }
      const kind = lessonKindOfSubject(load.subjectKind);
      const year = await c.year();
      const lessons = await repo.lessonsOf(c.tx, schoolId, id);
      const mine = new Set(lessons.filter((l) => l.teachingLoadId === load.id).map((l) => l.activityKey));
      let activityKey: string;
      let duration = 1;
      if (kind === 'regular') {
        const free = year.refs.activities.map((a, i) => ({ a, i })).find(({ a }) => a.teachingLoadId === load.id && !mine.has(a.key));
        if (!free) {
          const hours = year.refs.activities.filter((a) => a.teachingLoadId === load.id).length;
          throw new AppError('TIMETABLE_LOAD_PLACED', 409, hours === 0
            ? `${loadLabel(load)}: у строки нагрузки нет целых часов в неделю для сетки уроков`
            : `${loadLabel(load)}: все уроки этой строки нагрузки (${hours}) уже есть в расписании — перенесите один из них`);
        }
        activityKey = free.a.key;
        duration = year.problem.activities[free.i]!.duration;
      } else {
        let k = 1;
        while (mine.has(`${load.id}#${k}`)) k++;
        activityKey = `${load.id}#${k}`;
      }
      const draft = {
        id: '', activityKey, teachingLoadId: load.id, subjectId: load.subjectId, employeeId: load.employeeId, classId: load.classId, studyGroupId: load.studyGroupId,
        weekday: body.weekday, lessonNumber: body.lessonNumber, duration, roomId: null as string | null, kind,
      };
      const target = await targetOf(c.tx, c.row, year, draft, { weekday: body.weekday, lessonNumber: body.lessonNumber, roomId: body.roomId ?? null });
      draft.roomId = target.roomId;
      const { placement, labels } = await c.placement(lessons);
      // The new lesson is not in the placement: its students are its class's, or its group's classes'.
      const students = studentsOf(placement, [...lessons, draft]);
      const clashes = clashesAt(placement, lessons, draft, target, students, labels);
      if (clashes.length > 0) throw clashError(clashes);
      const newId = await repo.insertLesson(c.tx, {
        schoolId, timetableId: id, teachingLoadId: load.id, activityKey, subjectId: load.subjectId, employeeId: load.employeeId,
        classId: load.classId, studyGroupId: load.studyGroupId, weekday: target.weekday, lessonNumber: target.lessonNumber, duration,
        roomId: target.roomId, kind, format: body.format, distanceUrl: body.format === 'distance' ? body.distanceUrl ?? null : null,
      });
      return { result: newId };
    });
    return lessonChangeDto(access, id, lessonId);
  }

  async function removeLesson(access: Access, id: string, lessonId: string, ifMatch: string | string[] | undefined): Promise<TimetableVersionDto> {
    await change(access, id, ifMatch, async (c) => {
      if (!await repo.deleteLesson(c.tx, c.row.schoolId, id, lessonId)) lessonNotFound();
      return { result: undefined };
    });
    return dtoOf(access, id);
  }

  async function lock(access: Access, id: string, body: LockTimetableLessonsBody, ifMatch: string | string[] | undefined): Promise<LockTimetableLessonsDto> {
    const ids = [...new Set(body.lessonIds)];
    const updated = await change(access, id, ifMatch, async ({ tx, row }) => {
      const known = new Set((await repo.lessonsOf(tx, row.schoolId, id)).map((l) => l.id));
      const issues = body.lessonIds.flatMap((l, i) => (known.has(l) ? [] : [{ path: `lessonIds.${i}`, code: 'TIMETABLE_LESSON_NOT_FOUND', message: 'Уроки: нет такого урока в этой версии' }]));
      if (issues.length > 0) throw invalid(issues);
      return { result: await repo.setLocked(tx, row.schoolId, id, ids, body.locked) };
    });
    return { updated, timetable: await dtoOf(access, id) };
  }

  return { list, get, create, rename, publish, unpublish, remove, grid, checkMove, moveLesson, addLesson, removeLesson, lock };
}

export type VersionsService = ReturnType<typeof createVersionsService>;

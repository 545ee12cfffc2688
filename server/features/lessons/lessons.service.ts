// Rules of lessons by date (SPEC B12, D1, D4): the concrete lessons of a range for whoever may
// see them, changes of dated lessons (substitutions, cancellations, room and time changes,
// distance lessons) checked for a busy teacher, class or room and written with their
// notification events in one transaction, revoking them, free teachers to substitute, and who
// keeps the journal of a lesson. The route has authorised the caller; students and parents see
// only their own classes' and groups' lessons.
import type { Role } from '../../../domain/access';
import { addDays, schoolDayOf } from '../../../domain/calendar';
import {
  bellTimes, heldLessons, journalTeachersOf, lessonAt, lessonsBetween, lessonsOn, sameTime, shareStudents,
  type DatedLesson, type LessonChangeKind, type LessonsSource, type LessonUnit, type TimetableLesson,
} from '../../../domain/lessons-by-date';
import { regimeOn } from '../../../domain/regime';
import { academicYearBounds, academicYearOfDate } from '../../../domain/school-year';
import {
  maxChangeRangeDays, maxLessonRangeDays,
  type CreateLessonChangeBody, type CreatedLessonChangesDto, type DatedLessonDto, type DatedLessonListDto, type LessonChangeDto,
  type LessonChangeListDto, type LessonChangeListQuery, type LessonListQuery, type NotificationEventListDto, type NotificationEventQuery,
  type RevokedLessonChangesDto, type SubstituteListDto, type SubstituteQuery,
} from '../../../contracts/lessons';
import { uuidv7 } from 'uuidv7';
import type { Db, Queryable } from '../../db/client';
import { isUniqueViolation } from '../../db/errors';
import type { Clock } from '../../lib/clock';
import { AppError, notFound } from '../../lib/errors';
import { reaches, type Access, type AccessService, type Actor } from '../access/access.service';
import * as repo from './lessons.repo';

type FieldIssue = { path: string; code: string; message: string };
const invalid = (issues: FieldIssue[]): AppError => new AppError('VALIDATION_FAILED', 400, issues[0]?.message ?? 'Неверные данные', issues);
const conflict = (code: string, message: string, details?: unknown): AppError => new AppError(code, 409, message, details);

/** "2026-09-14" → "14.09.2026" for messages. */
export const ruDate = (date: string): string => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
const daysBetween = (from: string, to: string): number => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

type PersonName = { lastName: string; firstName: string; middleName: string | null };
/** «Орлова А. С.», as a timetable names a teacher. */
export const shortName = (p: PersonName): string =>
  [p.lastName, [p.firstName, p.middleName].filter((x): x is string => !!x && x.trim() !== '').map((x) => `${x.trim()[0]!.toUpperCase()}.`).join(' ')].filter(Boolean).join(' ');
const fullName = (p: PersonName): string => [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');

const administration: ReadonlySet<Role> = new Set(['director', 'deputy', 'journalAdmin', 'regionAdmin', 'municipalityAdmin']);
const isAdministration = (actor: Actor): boolean => actor.roles.some((r) => administration.has(r));

const eventKinds: Record<LessonChangeKind, string> = {
  substitution: 'lessonSubstituted', cancellation: 'lessonCancelled', roomChange: 'lessonRoomChanged', move: 'lessonMoved', distance: 'lessonDistance',
};
const eventTitles: Record<LessonChangeKind, string> = {
  substitution: 'Замена урока', cancellation: 'Урок отменён', roomChange: 'Урок в другом кабинете', move: 'Урок перенесён', distance: 'Урок проводится дистанционно',
};
const revokedTitles: Record<LessonChangeKind, string> = {
  substitution: 'Отменена замена', cancellation: 'Отмена урока снята', roomChange: 'Урок снова в своём кабинете', move: 'Перенос урока отменён', distance: 'Урок снова проводится очно',
};
const alreadyPhrases: Record<LessonChangeKind, string> = {
  substitution: 'уже назначена замена', cancellation: 'уже отменён', roomChange: 'уже перенесён в другой кабинет', move: 'уже перенесён', distance: 'уже проводится дистанционно',
};

/** Everything lessons by date of one academic year need, loaded for a range of its dates. */
export type YearData = {
  academicYear: number;
  source: LessonsSource;
  classes: Map<string, repo.ClassRow>;
  groups: Map<string, repo.GroupRow>;
  /** Per group: the classes its students are in (a subgroup: its class). */
  groupClasses: Map<string, Set<string>>;
  classOfGroup: Map<string, string | null>;
};

/**
 * What the lessons of a school's year are computed from, with changes touching `from`…`to`.
 * `sequential`: the queries one after another (inside a transaction holding one connection, as the
 * demo generator's), else at once.
 */
export async function loadYear(db: Queryable, schoolId: string, academicYear: number, from: string, to: string, sequential = false): Promise<YearData> {
  const bounds = academicYearBounds(academicYear);
  const all = async <T extends unknown[]>(thunks: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> => {
    if (!sequential) return Promise.all(thunks.map((f) => f())) as Promise<T>;
    const out: unknown[] = [];
    for (const f of thunks) out.push(await f());
    return out as T;
  };
  const [calendar, versions, classRows, groupRows, members, assignments, changes] = await all<[
    Awaited<ReturnType<typeof repo.findCalendar>>, Awaited<ReturnType<typeof repo.publishedVersions>>, repo.ClassRow[], repo.GroupRow[],
    Awaited<ReturnType<typeof repo.classesOfMembers>>, Awaited<ReturnType<typeof repo.regimeAssignmentsIn>>, Awaited<ReturnType<typeof repo.activeChangesTouching>>,
  ]>([
    () => repo.findCalendar(db, schoolId, academicYear),
    () => repo.publishedVersions(db, schoolId, academicYear),
    () => repo.classesOfYear(db, schoolId, academicYear),
    () => repo.groupsOfYear(db, schoolId, academicYear),
    () => repo.classesOfMembers(db, schoolId, academicYear),
    () => repo.regimeAssignmentsIn(db, schoolId, bounds.startsOn, bounds.endsOn),
    () => repo.activeChangesTouching(db, schoolId, from, to),
  ]);
  const bellSchedules = await repo.bellScheduleLessons(db, schoolId, assignments.map((a) => a.bellScheduleId));
  const classes = new Map(classRows.map((c) => [c.id, c]));
  const groups = new Map(groupRows.map((g) => [g.id, g]));
  const groupClasses = new Map<string, Set<string>>();
  for (const g of groupRows) groupClasses.set(g.id, new Set(g.classId ? [g.classId] : []));
  for (const m of members) groupClasses.get(m.studyGroupId)?.add(m.classId);
  const units = new Map<string, LessonUnit>();
  for (const c of classRows) units.set(c.id, { grades: [c.grade], regime: { classId: c.id } });
  for (const g of groupRows) {
    const classIds = [...(groupClasses.get(g.id) ?? [])].sort();
    const grades = [...new Set(classIds.map((id) => classes.get(id)?.grade).filter((x): x is number => x !== undefined))];
    // A stream follows its own regime if it has one, else that of one of its members' classes.
    units.set(g.id, { grades, regime: { classId: g.classId ?? classIds[0] ?? null, studyGroupIds: [g.id] } });
  }
  return {
    academicYear,
    source: { calendar, versions, units, assignments, bellSchedules, changes },
    classes, groups, groupClasses, classOfGroup: new Map(groupRows.map((g) => [g.id, g.classId])),
  };
}

/** Names of what a lesson refers to. */
type Naming = { names: repo.Names; classNames: Map<string, string>; groupNames: Map<string, string> };
const namingOf = (names: repo.Names, year: Pick<YearData, 'classes' | 'groups'>): Naming => ({
  names,
  classNames: new Map([...year.classes.values()].map((c) => [c.id, `${c.grade}${c.letter}`])),
  groupNames: new Map([...year.groups.values()].map((g) => [g.id, g.name])),
});

/** The parts of a range in each academic year it touches. */
function yearSegments(from: string, to: string): { academicYear: number; from: string; to: string }[] {
  const out: { academicYear: number; from: string; to: string }[] = [];
  for (let y = academicYearOfDate(from); y <= academicYearOfDate(to); y++) {
    const b = academicYearBounds(y);
    out.push({ academicYear: y, from: from > b.startsOn ? from : b.startsOn, to: to < b.endsOn ? to : b.endsOn });
  }
  return out;
}

export function createLessonsService({ db, access: accessService, clock }: { db: Db; access: AccessService; clock: Clock }) {
  // --- Names ----------------------------------------------------------------------------------

  const teacherOf = (n: Naming, id: string) => {
    const p = n.names.employees.get(id);
    return { id, name: p ? shortName(p) : 'Учитель' };
  };
  const roomOf = (n: Naming, id: string | null) => (id === null ? null : { id, name: n.names.rooms.get(id) ?? 'Кабинет' });
  const classOf = (n: Naming, id: string | null) => (id === null ? null : { id, name: n.classNames.get(id) ?? 'Класс' });
  const groupOf = (n: Naming, id: string | null) => (id === null ? null : { id, name: n.groupNames.get(id) ?? 'Группа' });
  /** «5А», «5А Английский 1»: who the lesson is for, in a message. */
  const studentsOf = (n: Naming, l: Pick<TimetableLesson, 'classId' | 'studyGroupId'>) => classOf(n, l.classId)?.name ?? groupOf(n, l.studyGroupId)?.name ?? '';

  function lessonDto(l: DatedLesson, n: Naming): DatedLessonDto {
    return {
      timetableLessonId: l.timetableLessonId,
      timetableId: l.timetableId,
      lessonDate: l.lessonDate,
      date: l.date,
      lessonNumber: l.lessonNumber,
      duration: l.duration,
      start: l.start,
      end: l.end,
      subject: { id: l.subjectId, name: n.names.subjects.get(l.subjectId) ?? 'Предмет' },
      teacher: teacherOf(n, l.employeeId),
      scheduledTeacher: l.employeeId === l.scheduledEmployeeId ? null : teacherOf(n, l.scheduledEmployeeId),
      class: classOf(n, l.classId),
      studyGroup: groupOf(n, l.studyGroupId),
      room: roomOf(n, l.roomId),
      scheduledRoom: l.roomId === l.scheduledRoomId ? null : roomOf(n, l.scheduledRoomId),
      kind: l.kind,
      format: l.format,
      distanceUrl: l.distanceUrl,
      status: l.status,
      movedFrom: l.movedFrom,
      movedTo: l.movedTo,
      changes: l.changes.map((c) => ({ id: c.id, kind: c.kind, reason: c.reason })),
    };
  }

  /** «5А, Математика, 2-й урок 14.09.2026» — a lesson in a message. */
  const lessonWords = (l: DatedLesson, n: Naming): string =>
    `${ruDate(l.date)}, ${l.lessonNumber}-й урок${l.start ? ` (${l.start})` : ''} — ${studentsOf(n, l)}, ${n.names.subjects.get(l.subjectId) ?? 'предмет'}`;

  // --- Who may see what -------------------------------------------------------------------------

  /** The lists of changes, substitutes and events are the administration's (and the area's). */
  function assertAdministration(access: Access): void {
    if (!accessService.can(access.actor, 'timetable', 'write') && access.actor.areaRoles.length === 0) {
      throw new AppError('FORBIDDEN', 403, 'Замены и отмены уроков видит администрация школы');
    }
  }

  function checkRange(from: string, to: string, maxDays: number): void {
    if (to < from) throw invalid([{ path: 'to', code: 'RANGE_REVERSED', message: 'Конец периода раньше его начала' }]);
    if (daysBetween(from, to) + 1 > maxDays) throw invalid([{ path: 'to', code: 'RANGE_TOO_LONG', message: `Период: не больше ${maxDays} дней за один раз` }]);
  }

  // --- Lessons of dates -------------------------------------------------------------------------

  async function listLessons(access: Access, q: LessonListQuery): Promise<DatedLessonListDto> {
    checkRange(q.from, q.to, maxLessonRangeDays);
    const { actor } = access;
    const schoolId = actor.schoolId;
    // Students and parents: their own classes and groups only; a filter outside them is not found.
    let own: ((l: DatedLesson) => boolean) | null = null;
    if (!access.wholeSchool) {
      const [classes, groups] = await Promise.all([accessService.visible(access, 'class'), accessService.visible(access, 'studyGroup')]);
      if (q.classId && !reaches(classes, q.classId)) notFound('NOT_FOUND', 'Класс не найден');
      if (q.studyGroupId && !reaches(groups, q.studyGroupId)) notFound('NOT_FOUND', 'Группа не найдена');
      own = (l) => (l.classId !== null && reaches(classes, l.classId)) || (l.studyGroupId !== null && reaches(groups, l.studyGroupId));
    }
    const noFilter = !q.classId && !q.studyGroupId && !q.employeeId && !q.roomId;
    // A teacher without a filter: their own lessons, those they substitute included.
    const mine = noFilter && own === null && !isAdministration(actor) ? new Set(actor.links.employeeIds) : null;

    const names = await repo.namesOf(db, schoolId);
    const items: DatedLessonDto[] = [];
    for (const segment of yearSegments(q.from, q.to)) {
      const year = await loadYear(db, schoolId, segment.academicYear, segment.from, segment.to);
      const ofClass = (l: DatedLesson, classId: string) =>
        l.classId === classId || (l.studyGroupId !== null && (year.groupClasses.get(l.studyGroupId)?.has(classId) ?? false));
      const keep = (l: DatedLesson): boolean =>
        (own === null || own(l))
        && (mine === null || mine.has(l.employeeId) || mine.has(l.scheduledEmployeeId))
        && (!q.classId || ofClass(l, q.classId))
        && (!q.studyGroupId || l.studyGroupId === q.studyGroupId)
        && (!q.employeeId || l.employeeId === q.employeeId || l.scheduledEmployeeId === q.employeeId)
        && (!q.roomId || l.roomId === q.roomId || l.scheduledRoomId === q.roomId);
      const naming = namingOf(names, year);
      for (const l of lessonsBetween(year.source, segment.from, segment.to)) if (keep(l)) items.push(lessonDto(l, naming));
    }
    return { from: q.from, to: q.to, items, total: items.length };
  }

  // --- Changes ----------------------------------------------------------------------------------

  /** What a request asks, checked on its own: every problem at once, with its field. */
  function bodyIssues(body: CreateLessonChangeBody): FieldIssue[] {
    const issues: FieldIssue[] = [];
    const add = (path: string, code: string, message: string) => issues.push({ path, code, message });
    if (body.to < body.from) add('to', 'RANGE_REVERSED', 'Дата окончания раньше даты начала');
    else if (daysBetween(body.from, body.to) + 1 > maxChangeRangeDays) add('to', 'RANGE_TOO_LONG', `Не больше ${maxChangeRangeDays} дней за один раз`);
    else if (academicYearOfDate(body.from) !== academicYearOfDate(body.to)) add('to', 'YEAR_MISMATCH', 'Даты должны быть в одном учебном году');
    switch (body.kind) {
      case 'substitution':
        if (!body.substituteEmployeeId) add('substituteEmployeeId', 'REQUIRED', 'Заменяющий учитель: выберите учителя');
        break;
      case 'roomChange':
        if (!body.roomId) add('roomId', 'REQUIRED', 'Кабинет: выберите кабинет');
        break;
      case 'move':
        if (body.from !== body.to) add('to', 'MOVE_ONE_DATE', 'Перенос делается для одной даты урока');
        if (!body.newDate) add('newDate', 'REQUIRED', 'Новая дата: укажите, на какой день перенести урок');
        else if (academicYearOfDate(body.newDate) !== academicYearOfDate(body.from)) add('newDate', 'YEAR_MISMATCH', 'Новая дата: в том же учебном году');
        if (body.newLessonNumber === undefined) add('newLessonNumber', 'REQUIRED', 'Новый номер урока: укажите номер урока');
        break;
      case 'distance':
        if (!body.distanceUrl) add('distanceUrl', 'REQUIRED', 'Ссылка на занятие: обязательна для дистанционного урока');
        break;
      case 'cancellation':
        break;
    }
    return issues;
  }

  async function createChanges(access: Access, body: CreateLessonChangeBody): Promise<CreatedLessonChangesDto> {
    const { actor } = access;
    const schoolId = actor.schoolId;
    const issues = bodyIssues(body);
    if (body.kind === 'substitution' && body.substituteEmployeeId && !await repo.findEmployee(db, schoolId, body.substituteEmployeeId)) {
      issues.push({ path: 'substituteEmployeeId', code: 'EMPLOYEE_NOT_FOUND', message: 'Заменяющий учитель: нет такого сотрудника в школе' });
    }
    if (body.kind === 'roomChange' && body.roomId) {
      const room = await repo.findRoom(db, schoolId, body.roomId);
      if (!room) issues.push({ path: 'roomId', code: 'ROOM_NOT_FOUND', message: 'Кабинет: нет такого кабинета в школе' });
      else if (room.archived) issues.push({ path: 'roomId', code: 'ROOM_ARCHIVED', message: 'Кабинет: он в архиве' });
    }
    if (issues.length > 0) throw invalid(issues);
    const timetableLesson = await repo.findTimetableLesson(db, schoolId, body.timetableLessonId) ?? notFound('LESSON_NOT_FOUND', 'Урок расписания не найден');
    if (body.kind === 'substitution' && body.substituteEmployeeId === timetableLesson.employeeId) {
      throw invalid([{ path: 'substituteEmployeeId', code: 'SAME_TEACHER', message: 'Заменяющий учитель: этот учитель и так ведёт урок' }]);
    }
    const reason = body.reason && body.reason.trim() !== '' ? body.reason.trim() : null;
    const batchId = uuidv7();

    try {
      return await db.transaction(async (tx) => {
        await repo.lockChanges(tx, schoolId);
        const span = [body.from, body.to, ...(body.newDate ? [body.newDate] : [])].sort();
        const year = await loadYear(tx, schoolId, academicYearOfDate(body.from), span[0]!, span.at(-1)!);
        const names = await repo.namesOf(tx, schoolId);
        const naming = namingOf(names, year);
        const dayCache = new Map<string, DatedLesson[]>();
        const heldOn = (date: string) => {
          if (!dayCache.has(date)) dayCache.set(date, heldLessons(lessonsOn(year.source, date)));
          return dayCache.get(date)!;
        };
        const others = (date: string, self: DatedLesson, at: Pick<DatedLesson, 'date' | 'lessonNumber' | 'duration' | 'start' | 'end'>) =>
          heldOn(date).filter((o) => !(o.timetableLessonId === self.timetableLessonId && o.lessonDate === self.lessonDate) && sameTime(o, at));
        const teacherBusy = (teacherId: string, self: DatedLesson, at: Pick<DatedLesson, 'date' | 'lessonNumber' | 'duration' | 'start' | 'end'>) => {
          const busy = others(at.date, self, at).find((o) => o.employeeId === teacherId);
          if (busy) {
            throw conflict('TEACHER_BUSY',
              `Учитель ${teacherOf(naming, teacherId).name} в это время ведёт другой урок${busy.employeeId !== busy.scheduledEmployeeId ? ' (замена)' : ''}: ${lessonWords(busy, naming)}`,
              { date: busy.date, lessonNumber: busy.lessonNumber, employeeId: teacherId });
          }
        };
        const roomBusy = (roomId: string, self: DatedLesson, at: Pick<DatedLesson, 'date' | 'lessonNumber' | 'duration' | 'start' | 'end'>) => {
          const busy = others(at.date, self, at).find((o) => o.roomId === roomId && o.format === 'inPerson');
          if (busy) {
            throw conflict('ROOM_BUSY', `Кабинет ${names.rooms.get(roomId) ?? ''} в это время занят: ${lessonWords(busy, naming)}`,
              { date: busy.date, lessonNumber: busy.lessonNumber, roomId });
          }
        };

        const rows: Parameters<typeof repo.insertChanges>[1] = [];
        const skippedDates: string[] = [];
        const dated: DatedLesson[] = [];
        for (let date = body.from; date <= body.to; date = addDays(date, 1)) {
          const lesson = lessonAt(year.source, body.timetableLessonId, date);
          if (!lesson) { skippedDates.push(date); continue; }
          if (lesson.changes.some((c) => c.kind === body.kind)) {
            throw conflict('LESSON_ALREADY_CHANGED',
              `Урок ${lessonWords(lesson, naming)} ${alreadyPhrases[body.kind]}: сначала отмените прежнее изменение в списке «Замены и отмены»`,
              { date, kind: body.kind });
          }
          if (lesson.status === 'cancelled') { skippedDates.push(date); continue; }
          switch (body.kind) {
            case 'substitution':
              teacherBusy(body.substituteEmployeeId!, lesson, lesson);
              break;
            case 'roomChange':
              if (lesson.roomId === body.roomId) {
                throw invalid([{ path: 'roomId', code: 'SAME_ROOM', message: 'Кабинет: урок и так проходит в этом кабинете' }]);
              }
              roomBusy(body.roomId!, lesson, lesson);
              break;
            case 'move': {
              const newDate = body.newDate!;
              const newNumber = body.newLessonNumber!;
              if (newDate === lesson.date && newNumber === lesson.lessonNumber) {
                throw invalid([{ path: 'newLessonNumber', code: 'SAME_SLOT', message: 'Урок и так стоит на этом месте' }]);
              }
              const unit = year.source.units.get(lesson.classId ?? lesson.studyGroupId ?? '');
              const grades = unit && unit.grades.length > 0 ? unit.grades : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
              if (!year.source.calendar || !grades.some((g) => schoolDayOf(year.source.calendar!, g, newDate).schoolDay)) {
                throw invalid([{ path: 'newDate', code: 'NOT_SCHOOL_DAY', message: `Новая дата: ${ruDate(newDate)} — не учебный день для ${studentsOf(naming, lesson)}` }]);
              }
              const times = unit ? bellTimes(year.source, unit, newDate, newNumber, lesson.duration) : { start: null, end: null };
              const at = { date: newDate, lessonNumber: newNumber, duration: lesson.duration, ...times };
              teacherBusy(lesson.employeeId, lesson, at);
              const clash = others(newDate, lesson, at).find((o) => shareStudents(o, lesson, year.classOfGroup));
              if (clash) {
                throw conflict('CLASS_BUSY', `У ${studentsOf(naming, lesson)} в это время другой урок: ${lessonWords(clash, naming)}`,
                  { date: clash.date, lessonNumber: clash.lessonNumber });
              }
              if (lesson.roomId !== null && lesson.format === 'inPerson') roomBusy(lesson.roomId, lesson, at);
              break;
            }
            case 'distance':
            case 'cancellation':
              break;
          }
          dated.push(lesson);
          rows.push({
            schoolId, batchId, timetableLessonId: body.timetableLessonId, date, kind: body.kind,
            substituteEmployeeId: body.kind === 'substitution' ? body.substituteEmployeeId! : null,
            roomId: body.kind === 'roomChange' ? body.roomId! : null,
            newDate: body.kind === 'move' ? body.newDate! : null,
            newLessonNumber: body.kind === 'move' ? body.newLessonNumber! : null,
            distanceUrl: body.kind === 'distance' ? body.distanceUrl! : null,
            reason, createdBy: actor.accountId, createdAt: clock.now(),
          });
        }
        if (rows.length === 0) {
          throw invalid([{ path: 'from', code: 'LESSON_NOT_HELD', message: body.from === body.to
            ? `${ruDate(body.from)} этого урока нет в расписании (или он отменён)`
            : `С ${ruDate(body.from)} по ${ruDate(body.to)} этого урока нет в расписании (или он отменён)` }]);
        }
        const inserted = await repo.insertChanges(tx, rows);
        await repo.insertNotificationEvents(tx, inserted.map((row, i) => ({
          schoolId, kind: eventKinds[body.kind], subjectType: 'lessonChange', subjectId: row.id,
          payload: eventPayload(eventTitles[body.kind], row, dated[i]!, naming),
          audience: audienceOf(dated[i]!, row), createdBy: actor.accountId, createdAt: clock.now(),
        })));
        return { batchId, items: inserted.map((row) => changeDto(row, { ...timetableLesson, teacherId: timetableLesson.employeeId }, naming)), skipped: skippedDates.length, skippedDates };
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('LESSON_ALREADY_CHANGED', 'У этого урока в эти даты уже есть такое изменение: обновите список');
      throw err;
    }
  }

  /** Facts for the message: the date, the lesson, who and where before and after, the reason. */
  function eventPayload(title: string, row: repo.LessonChangeRow, lesson: Pick<DatedLesson, 'lessonNumber' | 'start' | 'subjectId' | 'classId' | 'studyGroupId' | 'scheduledEmployeeId' | 'scheduledRoomId'>, n: Naming): Record<string, unknown> {
    const name = (id: string | null) => (id === null ? null : teacherOf(n, id).name);
    const room = (id: string | null) => (id === null ? null : n.names.rooms.get(id) ?? null);
    return {
      title,
      changeKind: row.kind,
      date: row.date,
      lessonNumber: lesson.lessonNumber,
      start: lesson.start,
      subject: n.names.subjects.get(lesson.subjectId) ?? null,
      class: classOf(n, lesson.classId)?.name ?? null,
      studyGroup: groupOf(n, lesson.studyGroupId)?.name ?? null,
      teacher: name(lesson.scheduledEmployeeId),
      substitute: name(row.substituteEmployeeId),
      room: room(lesson.scheduledRoomId),
      newRoom: room(row.roomId),
      newDate: row.newDate,
      newLessonNumber: row.newLessonNumber,
      distanceUrl: row.distanceUrl,
      reason: row.reason,
    };
  }

  const audienceOf = (lesson: Pick<DatedLesson, 'classId' | 'studyGroupId' | 'scheduledEmployeeId' | 'employeeId'>, row: repo.LessonChangeRow) => ({
    classIds: lesson.classId ? [lesson.classId] : [],
    studyGroupIds: lesson.studyGroupId ? [lesson.studyGroupId] : [],
    employeeIds: [...new Set([lesson.scheduledEmployeeId, lesson.employeeId, ...(row.substituteEmployeeId ? [row.substituteEmployeeId] : [])])],
  });

  function changeDto(row: repo.LessonChangeRow, lesson: Pick<TimetableLesson, 'lessonNumber' | 'subjectId' | 'classId' | 'studyGroupId' | 'roomId'> & { teacherId: string } | null, n: Naming): LessonChangeDto {
    return {
      id: row.id,
      batchId: row.batchId,
      kind: row.kind as LessonChangeKind,
      timetableLessonId: row.timetableLessonId,
      date: row.date,
      lessonNumber: lesson?.lessonNumber ?? null,
      subject: lesson ? { id: lesson.subjectId, name: n.names.subjects.get(lesson.subjectId) ?? 'Предмет' } : null,
      class: lesson ? classOf(n, lesson.classId) : null,
      studyGroup: lesson ? groupOf(n, lesson.studyGroupId) : null,
      teacher: lesson ? teacherOf(n, lesson.teacherId) : null,
      substitute: row.substituteEmployeeId ? teacherOf(n, row.substituteEmployeeId) : null,
      room: roomOf(n, row.roomId),
      newDate: row.newDate,
      newLessonNumber: row.newLessonNumber,
      distanceUrl: row.distanceUrl,
      reason: row.reason,
      createdAt: row.createdAt.toISOString(),
      revokedAt: row.revokedAt ? row.revokedAt.toISOString() : null,
    };
  }

  /** Names of the lessons of change rows, from the timetable lessons and any year's classes and groups. */
  async function namingOfRows(q: Queryable, schoolId: string, rows: readonly repo.LessonChangeRow[]) {
    const lessons = await repo.timetableLessonsByIds(q, schoolId, rows.map((r) => r.timetableLessonId));
    const list = [...lessons.values()];
    const [names, units] = await Promise.all([
      repo.namesOf(q, schoolId),
      repo.unitNames(q, schoolId, list.flatMap((l) => (l.classId ? [l.classId] : [])), list.flatMap((l) => (l.studyGroupId ? [l.studyGroupId] : []))),
    ]);
    const naming: Naming = { names, classNames: units.classes, groupNames: units.groups };
    const info = (row: repo.LessonChangeRow) => {
      const l = lessons.get(row.timetableLessonId);
      return l ? { ...l, teacherId: l.employeeId } : null;
    };
    return { naming, info, lessons };
  }

  async function listChanges(access: Access, q: LessonChangeListQuery): Promise<LessonChangeListDto> {
    assertAdministration(access);
    checkRange(q.from, q.to, 366);
    const schoolId = access.actor.schoolId;
    const rows = await repo.listChanges(db, schoolId, { from: q.from, to: q.to, includeRevoked: q.includeRevoked ?? false });
    const { naming, info } = await namingOfRows(db, schoolId, rows);
    const items = rows.map((r) => changeDto(r, info(r), naming));
    return { items, total: items.length };
  }

  async function revokeChange(access: Access, changeId: string, wholeBatch: boolean): Promise<RevokedLessonChangesDto> {
    const { actor } = access;
    const schoolId = actor.schoolId;
    return db.transaction(async (tx) => {
      await repo.lockChanges(tx, schoolId);
      const change = await repo.findChange(tx, schoolId, changeId) ?? notFound('NOT_FOUND', 'Изменение урока не найдено');
      if (change.revokedAt !== null) throw conflict('LESSON_CHANGE_REVOKED', 'Это изменение урока уже отменено');
      const rows = wholeBatch ? await repo.activeChangesOfBatch(tx, schoolId, change.batchId) : [change];
      await repo.revokeChanges(tx, schoolId, rows.map((r) => r.id), clock.now(), actor.accountId);
      const { naming, lessons } = await namingOfRows(tx, schoolId, rows);
      const year = await loadYear(tx, schoolId, academicYearOfDate(change.date), rows[0]!.date, rows.at(-1)!.date);
      await repo.insertNotificationEvents(tx, rows.flatMap((row) => {
        const l = lessons.get(row.timetableLessonId);
        if (!l) return [];
        const at = lessonAt(year.source, row.timetableLessonId, row.date);
        const lesson = {
          lessonNumber: at?.lessonNumber ?? l.lessonNumber, start: at?.start ?? null, subjectId: l.subjectId, classId: l.classId,
          studyGroupId: l.studyGroupId, scheduledEmployeeId: l.employeeId, employeeId: at?.employeeId ?? l.employeeId, scheduledRoomId: l.roomId,
        };
        return [{
          schoolId, kind: 'lessonChangeRevoked', subjectType: 'lessonChange', subjectId: row.id,
          payload: eventPayload(revokedTitles[row.kind as LessonChangeKind], row, lesson, naming),
          audience: audienceOf(lesson, row), createdBy: actor.accountId, createdAt: clock.now(),
        }];
      }));
      return { revoked: rows.length };
    });
  }

  // --- Substitutes ------------------------------------------------------------------------------

  /**
   * Teachers who said they cannot teach at the lesson's time (teacher_unavailability: a weekday and
   * lesson numbers of the shift whose bells the lesson's class or group follows).
   */
  async function unavailableAt(schoolId: string, academicYear: number, source: LessonsSource, lesson: DatedLesson): Promise<Set<string>> {
    const unit = source.units.get(lesson.classId ?? lesson.studyGroupId ?? '');
    const assignment = unit ? regimeOn(source.assignments, unit.regime, lesson.date) : null;
    const shift = assignment ? await repo.bellScheduleShift(db, schoolId, assignment.bellScheduleId) : 1;
    const weekday = new Date(`${lesson.date}T00:00:00Z`).getUTCDay() || 7;
    const numbers = Array.from({ length: lesson.duration }, (_, k) => lesson.lessonNumber + k);
    return repo.unavailableEmployees(db, schoolId, academicYear, shift, weekday, numbers);
  }

  async function substitutes(access: Access, q: SubstituteQuery): Promise<SubstituteListDto> {
    assertAdministration(access);
    const schoolId = access.actor.schoolId;
    const academicYear = academicYearOfDate(q.date);
    const year = await loadYear(db, schoolId, academicYear, q.date, q.date);
    const lesson = lessonAt(year.source, q.timetableLessonId, q.date);
    if (!lesson) {
      if (!await repo.findTimetableLesson(db, schoolId, q.timetableLessonId)) notFound('LESSON_NOT_FOUND', 'Урок расписания не найден');
      throw invalid([{ path: 'date', code: 'LESSON_NOT_HELD', message: `${ruDate(q.date)} этого урока нет в расписании` }]);
    }
    if (lesson.status === 'cancelled') throw invalid([{ path: 'date', code: 'LESSON_CANCELLED', message: `${ruDate(q.date)} этот урок отменён` }]);
    const [names, teachers, unavailable] = await Promise.all([
      repo.namesOf(db, schoolId), repo.teachersOfYear(db, schoolId, academicYear, lesson.subjectId), unavailableAt(schoolId, academicYear, year.source, lesson),
    ]);
    // Lessons of the day where the lesson is held (a moved one: its new date).
    const day = heldLessons(lessonsOn(year.source, lesson.date));
    const items = teachers
      .filter((t) => t.id !== lesson.employeeId && t.id !== lesson.scheduledEmployeeId && !unavailable.has(t.id))
      .filter((t) => !day.some((o) => o.employeeId === t.id && sameTime(o, lesson)))
      .map((t) => {
        const p = names.employees.get(t.id);
        return { employeeId: t.id, name: p ? fullName(p) : 'Сотрудник', qualified: t.qualified, lessonsThatDay: day.filter((o) => o.employeeId === t.id).length };
      })
      .sort((a, b) => Number(b.qualified) - Number(a.qualified) || a.lessonsThatDay - b.lessonsThatDay || a.name.localeCompare(b.name, 'ru'));
    return {
      date: lesson.date, lessonNumber: lesson.lessonNumber, start: lesson.start, end: lesson.end,
      subject: { id: lesson.subjectId, name: names.subjects.get(lesson.subjectId) ?? 'Предмет' },
      items, total: items.length,
    };
  }

  // --- Notification events ----------------------------------------------------------------------

  async function notificationEvents(access: Access, q: NotificationEventQuery): Promise<NotificationEventListDto> {
    assertAdministration(access);
    checkRange(q.from, q.to, 366);
    const rows = await repo.listNotificationEvents(db, access.actor.schoolId, { from: q.from, to: q.to, timeZone: access.actor.timeZone, limit: 1000 });
    const items = rows.map((r) => {
      const audience = (r.audience ?? {}) as { classIds?: string[]; studyGroupIds?: string[]; employeeIds?: string[] };
      return {
        id: r.id, kind: r.kind, subjectType: r.subjectType, subjectId: r.subjectId, payload: (r.payload ?? {}) as Record<string, unknown>,
        audience: { classIds: audience.classIds ?? [], studyGroupIds: audience.studyGroupIds ?? [], employeeIds: audience.employeeIds ?? [] },
        createdAt: r.createdAt.toISOString(), deliveredAt: r.deliveredAt ? r.deliveredAt.toISOString() : null,
      };
    });
    return { items, total: items.length };
  }

  return { listLessons, createChanges, listChanges, revokeChange, substitutes, notificationEvents };
}

export type LessonsService = ReturnType<typeof createLessonsService>;

/**
 * Who may keep the journal of a lesson — (timetable lesson, the date the timetable gives it):
 * its teacher, or the substitute when there is one; nobody when it does not take place that day
 * (not in the timetable in force, or cancelled).
 */
export async function lessonTeachers(db: Queryable, schoolId: string, timetableLessonId: string, date: string): Promise<string[]> {
  const year = await loadYear(db, schoolId, academicYearOfDate(date), date, date);
  return journalTeachersOf(lessonAt(year.source, timetableLessonId, date));
}

// Rules of the class journal (SPEC C1, C2, C6, D1, D2, D5; issue 6 items 2–5, 9–12): journal
// lessons of dated lessons with their topic, marks (a value on the form's scale or a «точка» with a
// deadline), attendance by the school's codes with an alert for each new unexcused absence, the
// grid of a class or group × subject × term with weighted averages, and a cell's history. Every
// write goes through lesson-access.ts (who writes, the window, the students of the lesson), bumps
// the version of what it changes and appends the audit, all in one transaction; mark and
// attendance writes may be retried with an Idempotency-Key.
//
// Reading: the administration reads the whole school; a subject teacher what they teach (their load)
// and the lessons they give or substitute; a class teacher every subject of their own class (read
// only); students and parents get 403 here (the diary comes later). Out of scope: 404.
import { scopesOf } from '../../../domain/access';
import {
  defaultAttendanceCodes, parseAttendanceCode, type AbsenceReason, type AttendanceCategory, type AttendanceCode, type AttendanceEntry,
  formatAttendance,
} from '../../../domain/attendance';
import { explainAverage, type AverageMark } from '../../../domain/averages';
import { type LessonFormat, type LessonKind } from '../../../domain/lessons-by-date';
import { formatAverage, type MarkEntryPolicy } from '../../../domain/mark-policy';
import { levelOfGrade } from '../../../domain/subject-catalogue';
import { academicYearOfDate } from '../../../domain/school-year';
import type {
  AttendanceCellDto, AttendanceCodeDto, AttendanceColumnDto, AttendanceDto, BulkMarksBody, ControlFormRefDto, CreateMarkBody,
  EnsureJournalLessonBody, GridDto, GridLessonDto, GridListDto, GridQuery, HistoryDto, HistoryQuery, JournalLessonDetailDto,
  JournalLessonDto, MarkDto, MarkListDto, PutAttendanceBody, PutAttendanceCellBody, UpdateJournalLessonBody, UpdateMarkBody,
} from '../../../contracts/journal';
import type { Db, Queryable } from '../../db/client';
import { appendAudit, appendAudits, type AuditEntry } from '../../lib/audit';
import type { Clock } from '../../lib/clock';
import { AppError, notFound } from '../../lib/errors';
import { idempotent, type Answer } from '../../lib/idempotency';
import type { Access, AccessService, Actor } from '../access/access.service';
import * as accessRepo from '../access/access.repo';
import * as lessonsRepo from '../lessons/lessons.repo';
import { heldLessonsOf } from './dated-lessons';
import {
  adminWriterRole, assertInLesson, assertMarkEntryOpen, checkForm, commentText, conflict, ensureJournalLesson, ensureJournalLessonRow, invalid, journalWriter,
  lessonStudents, markEntryPolicy, markSnapshot, markValueFields, ruDate, scaleOf, teachesLesson, valueOf, windowRefusal, writeMarks,
  type JournalLesson, type JournalWriter, type MarkRow,
} from './lesson-access';
import * as repo from './journal.repo';

type Target = { classId: string | null; studyGroupId: string | null };
type PersonName = repo.PersonName;

/** «Петрова А. С.». */
const shortName = (p: PersonName): string =>
  [p.lastName, [p.firstName, p.middleName].filter((x): x is string => !!x && x.trim() !== '').map((x) => `${x.trim()[0]!.toUpperCase()}.`).join(' ')].filter(Boolean).join(' ');
/** «Ученикова Анна». */
const studentName = (p: PersonName): string => [p.lastName, p.firstName].join(' ');

/** The version an edit names: `If-Match: 3` (or "3", W/"3"); missing → 428. */
export function versionOfIfMatch(header: string | string[] | undefined, what: string): number {
  const raw = Array.isArray(header) ? header[0] : header;
  const m = raw?.trim().match(/^(?:W\/)?"?(\d{1,9})"?$/);
  if (!m) throw new AppError('VERSION_REQUIRED', 428, `Нужен заголовок If-Match с номером версии ${what} (поле version), которую вы меняете`);
  return Number(m[1]);
}

const stale = (what: string, current: unknown): AppError =>
  new AppError('VERSION_STALE', 412, `${what} уже изменили: обновите страницу и повторите`, { current });

const forbiddenHere = (): AppError => new AppError('FORBIDDEN', 403, 'Журнал класса недоступен ученикам и родителям: их отметки будут в дневнике');

const codeOfRow = (c: repo.SchoolCodeRow): AttendanceCode => ({
  code: c.code, title: c.title, category: c.category as AttendanceCategory, reason: (c.reason ?? null) as AbsenceReason | null, minutes: c.minutes,
});

export type Route = { key: string | undefined; route: string };

export function createJournalService({ db, clock }: { db: Db; access: AccessService; clock: Clock }) {
  // --- Reading scope --------------------------------------------------------------------------------

  /** Students and parents only: 403 (the diary comes later). */
  function assertStaffReader(access: Access): void {
    if (access.wholeSchool) return;
    if (!access.scopes.some((s) => s === 'taught' || s === 'ownClass')) throw forbiddenHere();
  }

  /** The classes a caller leads and their groups. */
  async function ownClassUnits(q: Queryable, actor: Actor, academicYear: number): Promise<{ classIds: Set<string>; groupIds: Set<string> }> {
    const classIds = await accessRepo.classesLedBy(q, actor.schoolId, actor.links.employeeIds, academicYear);
    const groupIds = await accessRepo.groupsOfClasses(q, actor.schoolId, classIds);
    return { classIds: new Set(classIds), groupIds: new Set(groupIds) };
  }

  /** Whether the caller may read a subject's journal of a class or group in a year. */
  async function readsUnit(q: Queryable, access: Access, subjectId: string, target: Target, academicYear: number): Promise<boolean> {
    if (access.wholeSchool) return true;
    const { actor } = access;
    if (access.scopes.includes('taught') && await repo.teachesUnit(q, actor.schoolId, actor.links.employeeIds, academicYear, subjectId, target)) return true;
    if (access.scopes.includes('ownClass')) {
      const own = await ownClassUnits(q, actor, academicYear);
      if (target.classId !== null ? own.classIds.has(target.classId) : own.groupIds.has(target.studyGroupId!)) return true;
    }
    return false;
  }

  /** 404 unless the caller may read the lesson (its teacher, substitute, or the unit's scope). */
  async function assertReadsLesson(q: Queryable, access: Access, lesson: JournalLesson): Promise<void> {
    assertStaffReader(access);
    if (access.wholeSchool || teachesLesson(access.actor, lesson)) return;
    if (!await readsUnit(q, access, lesson.subjectId, lesson, lesson.academicYear)) notFound('JOURNAL_LESSON_NOT_FOUND', 'Урок журнала не найден');
  }

  // --- Writing rights without a write ------------------------------------------------------------------

  const writesJournal = (actor: Actor): boolean => scopesOf(actor.roles, 'journal', 'write').length > 0;

  /** Whether the caller may write in a lesson today, and why not. */
  function lessonWriteState(actor: Actor, lesson: Pick<JournalLesson, 'employeeId' | 'substituteEmployeeId' | 'date'>, policy: MarkEntryPolicy): { canWrite: boolean; reason: string | null } {
    if (!writesJournal(actor)) return { canWrite: false, reason: 'Только чтение' };
    const teacher = (actor.roles.includes('subjectTeacher') || actor.roles.includes('classTeacher')) && teachesLesson(actor, lesson);
    const admin = adminWriterRole(actor) !== null;
    if (!teacher && !admin) return { canWrite: false, reason: 'Это урок другого учителя' };
    const refusal = windowRefusal(policy, lesson.date, actor.today, !teacher);
    return refusal ? { canWrite: false, reason: refusal.message } : { canWrite: true, reason: null };
  }

  /**
   * `journalWriter` for a lesson; when it refuses and the lesson is a dated one, the row is first
   * brought up to date with the timetable (a substitute named after the row was made) and asked again.
   */
  async function writerOf(tx: Queryable, access: Access, lesson: JournalLesson, reason: string | null | undefined): Promise<{ writer: JournalWriter; lesson: JournalLesson }> {
    try {
      return { writer: await journalWriter(tx, access, access.actor.schoolId, lesson, { reason: reason ?? null }), lesson };
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 403 || lesson.timetableLessonId === null || lesson.plannedDate === null) throw err;
      const fresh = await ensureJournalLesson(tx, access.actor.schoolId, { timetableLessonId: lesson.timetableLessonId, date: lesson.plannedDate }, access.actor.accountId)
        .catch(() => { throw err; });
      if (fresh.substituteEmployeeId === lesson.substituteEmployeeId && fresh.employeeId === lesson.employeeId) throw err;
      return { writer: await journalWriter(tx, access, access.actor.schoolId, fresh, { reason: reason ?? null }), lesson: fresh };
    }
  }

  // --- Answers ------------------------------------------------------------------------------------------

  async function lessonDto(q: Queryable, actor: Actor, lesson: JournalLesson, policy?: MarkEntryPolicy): Promise<JournalLessonDto> {
    const [names, people, pol] = await Promise.all([
      repo.unitNamesOf(q, lesson.schoolId, { subjectIds: [lesson.subjectId], classIds: lesson.classId ? [lesson.classId] : [], groupIds: lesson.studyGroupId ? [lesson.studyGroupId] : [] }),
      repo.employeeNames(q, lesson.schoolId, [lesson.employeeId, ...(lesson.substituteEmployeeId ? [lesson.substituteEmployeeId] : [])]),
      policy ? Promise.resolve(policy) : markEntryPolicy(q, lesson.schoolId, lesson.academicYear),
    ]);
    const person = (id: string) => ({ id, name: people.get(id) ? shortName(people.get(id)!) : 'Учитель' });
    const state = lessonWriteState(actor, lesson, pol);
    return {
      id: lesson.id, academicYear: lesson.academicYear, date: lesson.date, lessonNumber: lesson.lessonNumber,
      timetableLessonId: lesson.timetableLessonId, plannedDate: lesson.plannedDate,
      subject: { id: lesson.subjectId, name: names.subjects.get(lesson.subjectId) ?? 'Предмет' },
      class: lesson.classId ? { id: lesson.classId, name: names.classes.get(lesson.classId) ?? 'Класс' } : null,
      studyGroup: lesson.studyGroupId ? { id: lesson.studyGroupId, name: names.groups.get(lesson.studyGroupId) ?? 'Группа' } : null,
      teacher: person(lesson.employeeId),
      substitute: lesson.substituteEmployeeId ? person(lesson.substituteEmployeeId) : null,
      kind: lesson.kind as LessonKind, format: lesson.format as LessonFormat, distanceUrl: lesson.distanceUrl,
      plannedTopicId: lesson.plannedTopicId, topic: lesson.topic,
      attendanceTakenAt: lesson.attendanceTakenAt ? lesson.attendanceTakenAt.toISOString() : null,
      version: lesson.version, canWrite: state.canWrite, readOnlyReason: state.reason,
    };
  }

  const formRef = (f: repo.FormRow): ControlFormRefDto => ({ id: f.id, name: f.name, shortName: f.shortName, weight: Number(f.weight), scaleKind: f.scaleKind });

  function markDto(m: MarkRow, forms: Map<string, repo.FormRow>): MarkDto {
    const f = forms.get(m.controlFormId);
    return {
      id: m.id, journalLessonId: m.journalLessonId, studentId: m.studentId, date: m.date,
      controlForm: f ? formRef(f) : { id: m.controlFormId, name: 'Форма контроля', shortName: '?', weight: Number(m.weight), scaleKind: 'five' },
      value: valueOf(m.value), fivePoint: m.fivePoint === null ? null : Number(m.fivePoint), weight: Number(m.weight),
      comment: m.comment, contentElementCodes: m.contentElementCodes, isDebt: m.isDebt, debtDeadline: m.debtDeadline,
      controlWorkId: m.controlWorkId, submissionId: m.submissionId, version: m.version,
      createdAt: m.createdAt.toISOString(), updatedAt: m.updatedAt.toISOString(),
    };
  }

  const attendanceDto = (a: repo.AttendanceRow): AttendanceDto => ({
    studentId: a.studentId, code: a.code, category: a.category as AttendanceCategory, reason: (a.reason ?? null) as AbsenceReason | null,
    minutesLate: a.minutesLate, document: a.document, version: a.version,
  });

  const codeDto = (c: AttendanceCode): AttendanceCodeDto => ({ code: c.code, title: c.title, category: c.category, reason: c.reason ?? null, minutes: c.minutes ?? null });

  async function codesOf(q: Queryable, schoolId: string): Promise<AttendanceCode[]> {
    const rows = await repo.schoolCodes(q, schoolId);
    return rows.length > 0 ? rows.map(codeOfRow) : [...defaultAttendanceCodes];
  }

  /** Forms usable at a lesson of these grades: not archived, for the subject, for one of the levels. */
  function usableForms(forms: repo.FormRow[], grades: number[]): repo.FormRow[] {
    const levels = new Set<string>(grades.map(levelOfGrade));
    return forms.filter((f) => f.levels.length === 0 || levels.size === 0 || f.levels.some((l) => levels.has(l)));
  }

  // --- Journal lessons ----------------------------------------------------------------------------------

  async function ensureLesson(access: Access, body: EnsureJournalLessonBody): Promise<Answer<JournalLessonDto>> {
    const { actor } = access;
    return db.transaction(async (tx) => {
      const { lesson, created } = await ensureJournalLessonRow(tx, actor.schoolId, { timetableLessonId: body.timetableLessonId, date: body.date }, actor.accountId);
      const teacher = (actor.roles.includes('subjectTeacher') || actor.roles.includes('classTeacher')) && teachesLesson(actor, lesson);
      if (!teacher && adminWriterRole(actor) === null) {
        throw new AppError('FORBIDDEN', 403, 'Открыть урок в журнале может только его учитель, заменяющий учитель или администрация');
      }
      return { status: created ? 201 : 200, body: await lessonDto(tx, actor, lesson) };
    });
  }

  async function getLesson(access: Access, id: string): Promise<JournalLessonDetailDto> {
    const { actor } = access;
    const lesson = await repo.findLesson(db, actor.schoolId, id) ?? notFound('JOURNAL_LESSON_NOT_FOUND', 'Урок журнала не найден');
    await assertReadsLesson(db, access, lesson);
    const [dto, students, marks, attendance, subjectForms, grades, codes] = await Promise.all([
      lessonDto(db, actor, lesson),
      lessonStudents(db, actor.schoolId, lesson),
      repo.marksOfLessons(db, actor.schoolId, [lesson.id]),
      repo.attendanceOfLessons(db, actor.schoolId, [lesson.id]),
      repo.formsOfSubject(db, actor.schoolId, lesson.subjectId),
      repo.gradesOf(db, actor.schoolId, lesson, { date: lesson.date }),
      codesOf(db, actor.schoolId),
    ]);
    const forms = await repo.formsByIds(db, actor.schoolId, marks.map((m) => m.controlFormId));
    return {
      lesson: dto,
      students: students.map((s) => ({ id: s.id, name: studentName(s) })),
      marks: marks.map((m) => markDto(m, forms)),
      attendance: attendance.map(attendanceDto),
      controlForms: usableForms(subjectForms, grades).map(formRef),
      attendanceCodes: codes.map(codeDto),
    };
  }

  async function updateLesson(access: Access, id: string, body: UpdateJournalLessonBody, ifMatch: string | string[] | undefined): Promise<JournalLessonDto> {
    const { actor } = access;
    const expected = versionOfIfMatch(ifMatch, 'урока');
    return db.transaction(async (tx) => {
      const found = await repo.findLesson(tx, actor.schoolId, id, true) ?? notFound('JOURNAL_LESSON_NOT_FOUND', 'Урок журнала не найден');
      const { writer, lesson } = await writerOf(tx, access, found, body.reason);
      if (lesson.version !== expected) throw stale('Урок', await lessonDto(tx, actor, lesson));
      await assertMarkEntryOpen(tx, actor.schoolId, lesson, actor.today, { ignoreWindow: writer.administration });
      let plannedTopicId = lesson.plannedTopicId;
      let topic = lesson.topic;
      if (body.plannedTopicId !== undefined) {
        plannedTopicId = body.plannedTopicId;
        if (body.plannedTopicId !== null) {
          const planned = await repo.findPlannedTopic(tx, actor.schoolId, body.plannedTopicId);
          if (!planned) throw invalid([{ path: 'plannedTopicId', code: 'PLANNED_TOPIC_UNKNOWN', message: 'Тема программы: такой темы нет' }]);
          const sameUnit = lesson.classId !== null ? planned.classId === lesson.classId : planned.studyGroupId === lesson.studyGroupId;
          if (planned.subjectId !== lesson.subjectId || !sameUnit) {
            throw conflict('PLANNED_TOPIC_MISMATCH', 'Эта тема из рабочей программы другого предмета или другого класса (группы)', { path: 'plannedTopicId' });
          }
          if (body.topic === undefined) topic = planned.title;
        }
      }
      if (body.topic !== undefined) topic = body.topic === null || body.topic === '' ? null : body.topic;
      if (topic === lesson.topic && plannedTopicId === lesson.plannedTopicId) return lessonDto(tx, actor, lesson);
      const now = clock.now();
      const updated = await repo.updateLesson(tx, actor.schoolId, lesson.id, { topic, plannedTopicId }, now);
      await appendAudit(tx, {
        schoolId: actor.schoolId, actorAccountId: writer.actorAccountId, actorRole: writer.actorRole, entityType: 'topic', entityId: lesson.id,
        action: lesson.topic === null && lesson.plannedTopicId === null ? 'create' : topic === null && plannedTopicId === null ? 'delete' : 'update',
        journalLessonId: lesson.id, studentId: null,
        old: { topic: lesson.topic, plannedTopicId: lesson.plannedTopicId }, new: { topic, plannedTopicId }, reason: writer.reason, at: now,
      });
      return lessonDto(tx, actor, updated);
    });
  }

  // --- Marks ------------------------------------------------------------------------------------------

  const writeContext = (actor: Actor, writer: JournalWriter, path?: string) => ({
    schoolId: actor.schoolId, writer, today: actor.today, now: clock.now(), ...(path === undefined ? {} : { path }),
  });

  async function createMark(access: Access, body: CreateMarkBody, r: Route): Promise<Answer<MarkDto>> {
    const { actor } = access;
    return idempotent(db, { accountId: actor.accountId, schoolId: actor.schoolId, key: r.key, route: r.route, request: body, now: clock.now() }, async (tx) => {
      const found = await ensureJournalLesson(tx, actor.schoolId, { journalLessonId: body.journalLessonId }, actor.accountId);
      const { writer, lesson } = await writerOf(tx, access, found, body.reason);
      const [mark] = await writeMarks(tx, writeContext(actor, writer), lesson, [body]);
      const forms = await repo.formsByIds(tx, actor.schoolId, [mark!.controlFormId]);
      return { status: 201, body: markDto(mark!, forms) };
    });
  }

  async function bulkMarks(access: Access, lessonId: string, body: BulkMarksBody, r: Route): Promise<Answer<MarkListDto>> {
    const { actor } = access;
    return idempotent(db, { accountId: actor.accountId, schoolId: actor.schoolId, key: r.key, route: r.route, request: body, now: clock.now() }, async (tx) => {
      const found = await ensureJournalLesson(tx, actor.schoolId, { journalLessonId: lessonId }, actor.accountId);
      const { writer, lesson } = await writerOf(tx, access, found, body.reason);
      const marks = await writeMarks(tx, writeContext(actor, writer, 'marks'), lesson, body.marks);
      const forms = await repo.formsByIds(tx, actor.schoolId, marks.map((m) => m.controlFormId));
      return { status: 201, body: { items: marks.map((m) => markDto(m, forms)), total: marks.length } };
    });
  }

  /** The mark, its lesson and who writes, with the version checked (412 with the mark as it is). */
  async function markForChange(tx: Queryable, access: Access, id: string, expected: number, reason: string | null | undefined) {
    const { actor } = access;
    const mark = await repo.findMark(tx, actor.schoolId, id, true) ?? notFound('MARK_NOT_FOUND', 'Отметка не найдена');
    const found = await repo.findLesson(tx, actor.schoolId, mark.journalLessonId) ?? notFound('JOURNAL_LESSON_NOT_FOUND', 'Урок журнала не найден');
    const { writer, lesson } = await writerOf(tx, access, found, reason);
    if (mark.version !== expected) throw stale('Отметку', markDto(mark, await repo.formsByIds(tx, actor.schoolId, [mark.controlFormId])));
    await assertMarkEntryOpen(tx, actor.schoolId, lesson, actor.today, { ignoreWindow: writer.administration });
    return { mark, lesson, writer };
  }

  /** A control work's mark follows from its points: it changes there, or the two would disagree. */
  const fromControlWork = (): AppError => conflict('MARK_FROM_CONTROL_WORK',
    'Отметка за контрольную работу следует из баллов: измените баллы в таблице результатов работы (раздел «Контрольные работы»)');

  async function updateMark(access: Access, id: string, body: UpdateMarkBody, ifMatch: string | string[] | undefined): Promise<MarkDto> {
    const { actor } = access;
    const expected = versionOfIfMatch(ifMatch, 'отметки');
    return db.transaction(async (tx) => {
      const { mark, lesson, writer } = await markForChange(tx, access, id, expected, body.reason);
      if (mark.controlWorkId !== null && (body.value !== undefined || (body.controlFormId !== undefined && body.controlFormId !== mark.controlFormId))) throw fromControlWork();
      const formId = body.controlFormId ?? mark.controlFormId;
      const forms = await repo.formsByIds(tx, actor.schoolId, [formId, mark.controlFormId]);
      const form = body.controlFormId !== undefined && body.controlFormId !== mark.controlFormId
        ? checkForm(forms.get(formId), lesson, new Set((await repo.gradesOf(tx, actor.schoolId, lesson, { date: lesson.date })).map(levelOfGrade)), 'controlFormId')
        : forms.get(formId)!;
      const set: Parameters<typeof repo.updateMark>[3] = {};
      if (body.value !== undefined) {
        Object.assign(set, markValueFields({ value: body.value }, form, lesson.date, ''));
      } else if (mark.isDebt) {
        if (body.debtDeadline !== undefined) Object.assign(set, markValueFields({ isDebt: true, debtDeadline: body.debtDeadline }, form, lesson.date, ''));
      } else {
        if (body.debtDeadline !== undefined) throw invalid([{ path: 'debtDeadline', code: 'DEADLINE_WITHOUT_DEBT', message: 'Срок указывается только у «точки»' }]);
        // Another form: the mark must fit the new form's scale.
        if (formId !== mark.controlFormId) Object.assign(set, markValueFields({ value: valueOf(mark.value)! }, form, lesson.date, ''));
      }
      if (formId !== mark.controlFormId) Object.assign(set, { controlFormId: formId, weight: form.weight });
      if (body.comment !== undefined) set.comment = commentText(body.comment, 'comment');
      if (body.contentElementCodes !== undefined) set.contentElementCodes = [...new Set(body.contentElementCodes)];
      const now = clock.now();
      const updated = await repo.updateMark(tx, actor.schoolId, mark.id, set, now);
      await appendAudit(tx, {
        schoolId: actor.schoolId, actorAccountId: writer.actorAccountId, actorRole: writer.actorRole, entityType: 'mark', entityId: mark.id,
        action: 'update', journalLessonId: lesson.id, studentId: mark.studentId, old: markSnapshot(mark), new: markSnapshot(updated), reason: writer.reason, at: now,
      });
      return markDto(updated, forms);
    });
  }

  /**
   * Deletes a mark. The lesson's teacher deletes their own marks within the window without a
   * reason; another's mark of their lesson (a substitute's, an administrator's) needs a reason; an
   * administrator always gives one (and is not bound by the window).
   */
  async function deleteMark(access: Access, id: string, reason: string | undefined, ifMatch: string | string[] | undefined): Promise<void> {
    const { actor } = access;
    const expected = versionOfIfMatch(ifMatch, 'отметки');
    await db.transaction(async (tx) => {
      const { mark, lesson, writer } = await markForChange(tx, access, id, expected, reason);
      if (mark.controlWorkId !== null) throw fromControlWork();
      if (!writer.administration && mark.createdBy !== actor.accountId && !writer.reason) {
        throw conflict('REASON_REQUIRED', 'Эту отметку поставил другой человек: укажите причину удаления, она сохранится в истории');
      }
      await repo.deleteMark(tx, actor.schoolId, mark.id);
      await appendAudit(tx, {
        schoolId: actor.schoolId, actorAccountId: writer.actorAccountId, actorRole: writer.actorRole, entityType: 'mark', entityId: mark.id,
        action: 'delete', journalLessonId: lesson.id, studentId: mark.studentId, old: markSnapshot(mark), new: null, reason: writer.reason, at: clock.now(),
      });
    });
  }

  // --- Attendance -------------------------------------------------------------------------------------

  type Resolved = { category: Exclude<AttendanceCategory, 'present'>; code: string; reason: AbsenceReason | null; minutesLate: number | null; document: string | null } | null;

  /** A typed code (and minutes) read through the school's codes; null: present. */
  function resolveCode(input: { code: string | null; minutes?: number | undefined; document?: string | null | undefined }, codes: readonly AttendanceCode[], path: string): Resolved {
    if (input.code === null || input.code.trim() === '') return null;
    const text = input.minutes !== undefined ? `${input.code.trim()}${input.minutes}` : input.code;
    const parsed = parseAttendanceCode(text, codes);
    if (!parsed.ok) throw invalid([{ path: `${path}code`, code: parsed.code, message: parsed.message }]);
    const entry: AttendanceEntry = parsed.value;
    if (entry.category === 'present') return null;
    const shown = codes.find((c) => c.category === entry.category && (entry.category !== 'absentExcused' || c.reason === entry.reason)) ?? null;
    const code = shown?.code ?? formatAttendance(entry, codes) ?? input.code.trim();
    if (input.document && entry.category !== 'absentExcused') {
      throw invalid([{ path: `${path}document`, code: 'DOCUMENT_UNEXPECTED', message: 'Документ указывается только для пропуска по уважительной причине' }]);
    }
    return {
      category: entry.category, code,
      reason: entry.category === 'absentExcused' ? entry.reason : null,
      minutesLate: entry.category === 'late' ? entry.minutes : null,
      document: entry.category === 'absentExcused' ? input.document ?? null : null,
    };
  }

  const sameAttendance = (row: repo.AttendanceRow, r: NonNullable<Resolved>): boolean =>
    row.category === r.category && row.code === r.code && row.reason === r.reason && row.minutesLate === r.minutesLate && row.document === r.document;

  const attendanceSnapshot = (a: repo.AttendanceRow) => ({
    code: a.code, category: a.category, reason: a.reason, minutesLate: a.minutesLate, document: a.document, version: a.version,
  });

  /**
   * Applies the attendance of some students of a lesson: rows inserted, changed or deleted, each
   * audited; a new unexcused absence records a `studentAbsent` notification event for the class
   * teacher and the parents. Returns the rows after.
   */
  async function applyAttendance(
    tx: Queryable, actor: Actor, lesson: JournalLesson, writer: JournalWriter,
    wanted: Map<string, Resolved>, existing: Map<string, repo.AttendanceRow>,
  ): Promise<void> {
    const now = clock.now();
    const audits: AuditEntry[] = [];
    const audit = (entityId: string, studentId: string, action: AuditEntry['action'], old: unknown, next: unknown) => audits.push({
      schoolId: actor.schoolId, actorAccountId: writer.actorAccountId, actorRole: writer.actorRole, entityType: 'attendance', entityId,
      action, journalLessonId: lesson.id, studentId, old, new: next, reason: writer.reason, at: now,
    });
    const inserts: Parameters<typeof repo.insertAttendance>[1] = [];
    const removed: string[] = [];
    const newlyUnexcused: { studentId: string; entryId: string }[] = [];
    for (const [studentId, r] of wanted) {
      const row = existing.get(studentId);
      if (r === null) {
        if (row) { removed.push(row.id); audit(row.id, studentId, 'delete', attendanceSnapshot(row), null); }
        continue;
      }
      if (!row) {
        inserts.push({
          schoolId: actor.schoolId, journalLessonId: lesson.id, studentId, date: lesson.date, category: r.category, code: r.code,
          reason: r.reason, minutesLate: r.minutesLate, document: r.document, createdBy: actor.accountId, createdAt: now, updatedAt: now,
        });
        continue;
      }
      if (sameAttendance(row, r)) continue;
      const updated = await repo.updateAttendance(tx, actor.schoolId, row.id, { category: r.category, code: r.code, reason: r.reason, minutesLate: r.minutesLate, document: r.document }, now);
      audit(row.id, studentId, 'update', attendanceSnapshot(row), attendanceSnapshot(updated));
      if (r.category === 'absentUnexcused' && row.category !== 'absentUnexcused') newlyUnexcused.push({ studentId, entryId: row.id });
    }
    await repo.deleteAttendance(tx, actor.schoolId, removed);
    for (const row of await repo.insertAttendance(tx, inserts)) {
      audit(row.id, row.studentId, 'create', null, attendanceSnapshot(row));
      if (row.category === 'absentUnexcused') newlyUnexcused.push({ studentId: row.studentId, entryId: row.id });
    }
    await appendAudits(tx, audits);
    if (newlyUnexcused.length > 0) {
      const [subject, classOf] = await Promise.all([
        repo.subjectName(tx, actor.schoolId, lesson.subjectId),
        lesson.classId ? Promise.resolve(null) : repo.classesOfStudentsOn(tx, actor.schoolId, newlyUnexcused.map((n) => n.studentId), lesson.date),
      ]);
      await lessonsRepo.insertNotificationEvents(tx, newlyUnexcused.map((n) => ({
        schoolId: actor.schoolId, kind: 'studentAbsent', subjectType: 'attendance', subjectId: n.entryId,
        payload: { studentId: n.studentId, date: lesson.date, lessonNumber: lesson.lessonNumber, subject },
        audience: { classTeacherOf: lesson.classId ?? classOf?.get(n.studentId) ?? null, guardiansOf: [n.studentId] },
        createdBy: actor.accountId, createdAt: now,
      })));
    }
  }

  async function putAttendance(access: Access, lessonId: string, body: PutAttendanceBody, r: Route): Promise<Answer<AttendanceColumnDto>> {
    const { actor } = access;
    return idempotent(db, { accountId: actor.accountId, schoolId: actor.schoolId, key: r.key, route: r.route, request: body, now: clock.now() }, async (tx) => {
      const found = await repo.findLesson(tx, actor.schoolId, lessonId, true) ?? notFound('JOURNAL_LESSON_NOT_FOUND', 'Урок журнала не найден');
      const { writer, lesson } = await writerOf(tx, access, found, body.reason);
      await assertMarkEntryOpen(tx, actor.schoolId, lesson, actor.today, { ignoreWindow: writer.administration });
      const seen = new Map<string, number>();
      body.entries.forEach((e, i) => {
        if (seen.has(e.studentId)) {
          throw invalid([{ path: `entries.${i}.studentId`, code: 'STUDENT_REPEATED', message: `Ученик уже есть в строке ${seen.get(e.studentId)! + 1}` }]);
        }
        seen.set(e.studentId, i);
      });
      const [students, codes, rows] = await Promise.all([
        lessonStudents(tx, actor.schoolId, lesson), codesOf(tx, actor.schoolId), repo.attendanceOfLessons(tx, actor.schoolId, [lesson.id]),
      ]);
      assertInLesson(students, body.entries.map((e, i) => ({ studentId: e.studentId, path: `entries.${i}.studentId` })), lesson.date);
      const wanted = new Map<string, Resolved>();
      // The whole column: everyone not listed is present.
      for (const s of students) wanted.set(s.id, null);
      body.entries.forEach((e, i) => wanted.set(e.studentId, resolveCode(e, codes, `entries.${i}.`)));
      await applyAttendance(tx, actor, lesson, writer, wanted, new Map(rows.map((row) => [row.studentId, row])));
      const updated = await repo.updateLesson(tx, actor.schoolId, lesson.id, { attendanceTakenAt: clock.now() }, clock.now());
      const after = await repo.attendanceOfLessons(tx, actor.schoolId, [lesson.id]);
      return {
        status: 200,
        body: { journalLessonId: lesson.id, version: updated.version, attendanceTakenAt: updated.attendanceTakenAt?.toISOString() ?? null, entries: after.map(attendanceDto) },
      };
    });
  }

  async function putAttendanceCell(
    access: Access, lessonId: string, studentId: string, body: PutAttendanceCellBody, ifMatch: string | string[] | undefined, r: Route,
  ): Promise<Answer<AttendanceCellDto>> {
    const { actor } = access;
    return idempotent(db, { accountId: actor.accountId, schoolId: actor.schoolId, key: r.key, route: r.route, request: { body, ifMatch: ifMatch ?? null }, now: clock.now() }, async (tx) => {
      const found = await repo.findLesson(tx, actor.schoolId, lessonId, true) ?? notFound('JOURNAL_LESSON_NOT_FOUND', 'Урок журнала не найден');
      const { writer, lesson } = await writerOf(tx, access, found, body.reason);
      const rows = await repo.attendanceOfLessons(tx, actor.schoolId, [lesson.id]);
      const row = rows.find((a) => a.studentId === studentId);
      if (row) {
        const expected = versionOfIfMatch(ifMatch, 'отметки посещаемости');
        if (row.version !== expected) throw stale('Посещаемость ученика на этом уроке', attendanceDto(row));
      }
      await assertMarkEntryOpen(tx, actor.schoolId, lesson, actor.today, { ignoreWindow: writer.administration });
      const [students, codes] = await Promise.all([lessonStudents(tx, actor.schoolId, lesson), codesOf(tx, actor.schoolId)]);
      assertInLesson(students, [{ studentId, path: 'studentId' }], lesson.date);
      const resolved = resolveCode(body, codes, '');
      await applyAttendance(tx, actor, lesson, writer, new Map([[studentId, resolved]]), new Map(row ? [[studentId, row]] : []));
      const after = (await repo.attendanceOfLessons(tx, actor.schoolId, [lesson.id])).find((a) => a.studentId === studentId);
      return { status: 200, body: { journalLessonId: lesson.id, studentId, entry: after ? attendanceDto(after) : null } };
    });
  }

  // --- The grid -----------------------------------------------------------------------------------------

  function targetOf(q: { classId?: string | undefined; studyGroupId?: string | undefined }): Target {
    if ((q.classId === undefined) === (q.studyGroupId === undefined)) {
      throw invalid([{ path: q.classId === undefined ? 'classId' : 'studyGroupId', code: 'TARGET_ONE', message: 'Укажите класс или группу (одно из двух)' }]);
    }
    return { classId: q.classId ?? null, studyGroupId: q.studyGroupId ?? null };
  }

  async function grid(access: Access, q: GridQuery): Promise<GridDto> {
    assertStaffReader(access);
    const { actor } = access;
    const schoolId = actor.schoolId;
    const target = targetOf(q);
    // Few round trips: what does not depend on another answer is asked at once.
    const [period, unitYear, grades] = await Promise.all([
      q.periodId ? repo.findPeriod(db, schoolId, q.periodId) : null,
      repo.yearOfUnit(db, schoolId, target),
      repo.gradesOf(db, schoolId, target, { date: actor.today }),
    ]);
    if (q.periodId && !period) notFound('PERIOD_NOT_FOUND', 'Учебный период не найден');
    if (unitYear === null || unitYear === undefined) notFound('NOT_FOUND', target.classId ? 'Класс не найден' : 'Группа не найдена');
    const academicYear = period ? academicYearOfDate(period.startsOn) : unitYear!;
    const [reads, periods] = await Promise.all([
      readsUnit(db, access, q.subjectId, target, academicYear),
      repo.termsOf(db, schoolId, academicYear, grades),
    ]);
    if (!reads) notFound('NOT_FOUND', 'Журнал не найден');
    const chosen = period
      ?? periods.find((p) => p.startsOn <= actor.today && actor.today <= p.endsOn)
      ?? [...periods].reverse().find((p) => p.startsOn <= actor.today)
      ?? periods[0]
      ?? (() => { throw conflict('NO_PERIODS', 'В календаре учебного года нет четвертей (полугодий): заполните календарь'); })();
    const { startsOn: from, endsOn: to } = chosen;

    const [dated, rows, members, policy, subjectForms, codes, names, teachesIt] = await Promise.all([
      heldLessonsOf(db, schoolId, academicYear, from, to, { subjectId: q.subjectId, ...target }),
      repo.journalLessonsBetween(db, schoolId, q.subjectId, target, from, to),
      repo.membersBetween(db, schoolId, target, from, to),
      markEntryPolicy(db, schoolId, academicYear),
      repo.formsOfSubject(db, schoolId, q.subjectId),
      codesOf(db, schoolId),
      repo.unitNamesOf(db, schoolId, { subjectIds: [q.subjectId], classIds: target.classId ? [target.classId] : [], groupIds: target.studyGroupId ? [target.studyGroupId] : [] }),
      repo.teachesUnit(db, schoolId, actor.links.employeeIds, academicYear, q.subjectId, target),
    ]);
    const subjectName = names.subjects.get(q.subjectId) ?? notFound('NOT_FOUND', 'Предмет не найден');
    const lessonIds = rows.map((r) => r.id);
    const [marks, attendance, controlWorkAt, homeworkOf] = await Promise.all([
      repo.gridMarksOfLessons(db, schoolId, lessonIds),
      repo.attendanceOfLessons(db, schoolId, lessonIds),
      repo.controlWorkLessons(db, schoolId, lessonIds),
      repo.homeworkCounts(db, schoolId, lessonIds),
    ]);
    const forms = new Map(subjectForms.map((f) => [f.id, f]));
    const missingForms = [...new Set(marks.map((m) => m.controlFormId))].filter((id) => !forms.has(id));
    for (const [id, f] of await repo.formsByIds(db, schoolId, missingForms)) forms.set(id, f);

    // Columns: every held dated lesson, merged with its journal lesson; journal lessons without one too.
    const byDated = new Map(rows.filter((r) => r.timetableLessonId).map((r) => [`${r.timetableLessonId}|${r.plannedDate}`, r]));
    const used = new Set<string>();
    const lessons: GridLessonDto[] = [];
    const keyOfRow = new Map<string, string>();
    const column = (row: JournalLesson | undefined, d: { timetableLessonId: string | null; plannedDate: string | null; date: string; lessonNumber: number; kind: string; format: string; employeeId: string; substituteEmployeeId: string | null }): GridLessonDto => {
      const key = row?.id ?? `${d.timetableLessonId}|${d.plannedDate}`;
      if (row) keyOfRow.set(row.id, key);
      const state = lessonWriteState(actor, { employeeId: d.employeeId, substituteEmployeeId: d.substituteEmployeeId, date: d.date }, policy);
      return {
        key, journalLessonId: row?.id ?? null, timetableLessonId: d.timetableLessonId, plannedDate: d.plannedDate, date: d.date, lessonNumber: d.lessonNumber,
        topic: row?.topic ?? null, plannedTopicId: row?.plannedTopicId ?? null, kind: d.kind as LessonKind, format: d.format as LessonFormat,
        isControlWork: row ? controlWorkAt.has(row.id) : false, homeworkCount: row ? homeworkOf.get(row.id) ?? 0 : 0,
        attendanceTaken: row?.attendanceTakenAt != null, version: row?.version ?? null, canWrite: state.canWrite,
      };
    };
    for (const d of dated) {
      const key = `${d.timetableLessonId}|${d.lessonDate}`;
      const row = byDated.get(key);
      if (row) used.add(row.id);
      lessons.push(column(row, {
        timetableLessonId: d.timetableLessonId, plannedDate: d.lessonDate, date: row?.date ?? d.date, lessonNumber: row?.lessonNumber ?? d.lessonNumber,
        kind: d.kind, format: d.format, employeeId: d.scheduledEmployeeId, substituteEmployeeId: d.employeeId !== d.scheduledEmployeeId ? d.employeeId : null,
      }));
    }
    for (const row of rows) {
      if (used.has(row.id)) continue;
      lessons.push(column(row, row));
    }
    lessons.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.lessonNumber - b.lessonNumber));

    // Rows: each student once, with the dates they joined and left within the period.
    const students = new Map<string, { id: string; name: string; joinedOn: string | null; leftOn: string | null }>();
    for (const m of members) {
      const joined = m.startsOn > from ? m.startsOn : null;
      const left = m.endsOn !== null && m.endsOn < to ? m.endsOn : null;
      const had = students.get(m.id);
      if (!had) students.set(m.id, { id: m.id, name: studentName(m), joinedOn: joined, leftOn: left });
      else students.set(m.id, { ...had, joinedOn: had.joinedOn === null || joined === null ? null : (had.joinedOn < joined ? had.joinedOn : joined), leftOn: had.leftOn === null || left === null ? null : (had.leftOn > left ? had.leftOn : left) });
    }

    type Cell = GridDto['cells'][number];
    const cells = new Map<string, Cell>();
    const cellOf = (lessonKey: string, studentId: string): Cell => {
      const k = `${lessonKey}|${studentId}`;
      let c = cells.get(k);
      if (!c) { c = { lessonKey, studentId, marks: [], attendance: null, attendanceVersion: null }; cells.set(k, c); }
      return c;
    };
    const averageMarks = new Map<string, AverageMark[]>();
    for (const m of marks) {
      const key = keyOfRow.get(m.journalLessonId);
      if (!key) continue;
      const f = forms.get(m.controlFormId);
      cellOf(key, m.studentId).marks.push({
        id: m.id, value: valueOf(m.value), formShortName: f?.shortName ?? '?', controlFormId: m.controlFormId, weight: Number(m.weight),
        isDebt: m.isDebt, debtDeadline: m.debtDeadline, comment: m.comment, version: m.version,
      });
      const list = averageMarks.get(m.studentId) ?? [];
      list.push({
        value: valueOf(m.value), scale: f ? scaleOf(f) : { kind: 'five' }, weight: Number(m.weight), controlFormName: f?.name ?? 'Форма контроля',
        date: m.date, kind: m.isDebt ? 'debt' : 'regular',
      });
      averageMarks.set(m.studentId, list);
    }
    for (const a of attendance) {
      const key = keyOfRow.get(a.journalLessonId);
      if (!key) continue;
      const c = cellOf(key, a.studentId);
      c.attendance = a.category === 'late' && a.minutesLate !== null ? `${a.code}${a.minutesLate}` : a.code;
      c.attendanceVersion = a.version;
    }
    const averages = [...students.keys()].map((studentId) => {
      const e = explainAverage(averageMarks.get(studentId) ?? [], policy);
      return { studentId, explanation: { ...e, averageText: e.average === null ? null : formatAverage(e.average) } };
    });
    const admin = adminWriterRole(actor) !== null;
    return {
      subject: { id: q.subjectId, name: subjectName },
      class: target.classId ? { id: target.classId, name: names.classes.get(target.classId) ?? 'Класс' } : null,
      studyGroup: target.studyGroupId ? { id: target.studyGroupId, name: names.groups.get(target.studyGroupId) ?? 'Группа' } : null,
      period: chosen, periods, today: actor.today,
      canWrite: writesJournal(actor) && (admin || teachesIt || lessons.some((l) => l.canWrite)),
      students: [...students.values()],
      lessons,
      cells: [...cells.values()],
      averages,
      controlForms: usableForms(subjectForms, grades).map(formRef),
      attendanceCodes: codes.map(codeDto),
      currentMarksDaysBack: policy.currentMarksDaysBack,
    };
  }

  /** The journals a caller may open; none for students and parents (the diary comes later). */
  async function grids(access: Access): Promise<GridListDto> {
    const { actor } = access;
    if (!access.wholeSchool && !access.scopes.some((x) => x === 'taught' || x === 'ownClass')) return { academicYear: actor.academicYear, items: [], total: 0 };
    const schoolId = actor.schoolId;
    const year = actor.academicYear;
    const writes = writesJournal(actor);
    const admin = adminWriterRole(actor) !== null;
    // What the caller teaches: the load, and the sessions of the timetable without a load row (D5).
    const own = [
      ...await repo.loadsOfYear(db, schoolId, year, { employeeIds: actor.links.employeeIds }),
      ...await repo.timetablePairsOfYear(db, schoolId, year, { employeeIds: actor.links.employeeIds }),
    ];
    let rows: repo.LoadRow[] = [];
    if (access.wholeSchool) {
      rows = [...await repo.loadsOfYear(db, schoolId, year), ...await repo.timetablePairsOfYear(db, schoolId, year, 'all'), ...await repo.lessonPairsOfYear(db, schoolId, year)];
    } else {
      if (access.scopes.includes('taught')) rows.push(...own);
      if (access.scopes.includes('ownClass')) {
        const units = await ownClassUnits(db, actor, year);
        const of = { classIds: [...units.classIds], groupIds: [...units.groupIds] };
        rows.push(...await repo.loadsOfYear(db, schoolId, year, of), ...await repo.timetablePairsOfYear(db, schoolId, year, of));
      }
    }
    const keyOf = (r: Pick<repo.LoadRow, 'subjectId' | 'classId' | 'studyGroupId'>) => `${r.subjectId}|${r.classId ?? ''}|${r.studyGroupId ?? ''}`;
    const mine = new Set(own.map(keyOf));
    const pairs = new Map<string, repo.LoadRow>();
    for (const r of rows) if (!pairs.has(keyOf(r))) pairs.set(keyOf(r), r);
    const list = [...pairs.values()];
    const names = await repo.unitNamesOf(db, schoolId, {
      subjectIds: list.map((r) => r.subjectId),
      classIds: list.flatMap((r) => (r.classId ? [r.classId] : [])),
      groupIds: list.flatMap((r) => (r.studyGroupId ? [r.studyGroupId] : [])),
    });
    const items = list.map((r) => ({
      subject: { id: r.subjectId, name: names.subjects.get(r.subjectId) ?? 'Предмет' },
      class: r.classId ? { id: r.classId, name: names.classes.get(r.classId) ?? 'Класс' } : null,
      studyGroup: r.studyGroupId ? { id: r.studyGroupId, name: names.groups.get(r.studyGroupId) ?? 'Группа' } : null,
      canWrite: writes && (admin || mine.has(keyOf(r))),
    })).sort((a, b) => (a.class?.name ?? a.studyGroup?.name ?? '').localeCompare(b.class?.name ?? b.studyGroup?.name ?? '', 'ru', { numeric: true })
      || a.subject.name.localeCompare(b.subject.name, 'ru'));
    return { academicYear: year, items, total: items.length };
  }

  // --- History ---------------------------------------------------------------------------------------

  async function history(access: Access, q: HistoryQuery): Promise<HistoryDto> {
    const { actor } = access;
    const lesson = await repo.findLesson(db, actor.schoolId, q.journalLessonId) ?? notFound('JOURNAL_LESSON_NOT_FOUND', 'Урок журнала не найден');
    await assertReadsLesson(db, access, lesson);
    const rows = await repo.auditOfCell(db, actor.schoolId, lesson.id, q.studentId ?? null);
    const items = rows.map((r) => ({
      id: r.id, at: r.at.toISOString(),
      actor: { accountId: r.actorAccountId, name: r.actor ? shortName(r.actor) : null },
      actorRole: r.actorRole, entityType: r.entityType, entityId: r.entityId, action: r.action as 'create' | 'update' | 'delete',
      old: r.old ?? null, new: r.new ?? null, reason: r.reason,
    }));
    return { items, total: items.length };
  }

  return { ensureLesson, getLesson, updateLesson, createMark, bulkMarks, updateMark, deleteMark, putAttendance, putAttendanceCell, grid, grids, history, ruDate };
}

export type JournalService = ReturnType<typeof createJournalService>;

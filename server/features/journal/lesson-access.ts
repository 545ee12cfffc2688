// The rules every write in the journal goes through (SPEC C1, C6, D1, D2, issue 6 items 10–11),
// shared by the journal's routes, homework (marks for submissions) and control works (marks from
// points):
// - `ensureJournalLesson`: the journal lesson of a dated lesson (decision 018), made on first use;
// - `journalWriter`: who writes — the lesson's teacher or its substitute, or an administrator with
//   the journal's school-wide write scope and a reason (the audit keeps it);
// - `assertMarkEntryOpen`: the school year's mark-entry window (domain/mark-policy.ts);
// - `lessonStudents`: the students of the lesson's class or group on its date;
// - `writeMarks`: the one function that creates marks, with every rule and the audit rows.
// Each takes the open transaction of the write, so a refusal leaves nothing behind.
import { scopesOf, type Role } from '../../../domain/access';
import {
  acceptsMarkValue, entryWindow, entryWindowMessage, lowestFivePoint, markValueOfText, markValueText,
} from '../../../domain/mark-entry';
import { defaultMarkEntryPolicy, type MarkEntryPolicy } from '../../../domain/mark-policy';
import { markScaleKindTitles, toFivePoint, type MarkScale, type MarkValue } from '../../../domain/mark-scale';
import { levelOfGrade } from '../../../domain/subject-catalogue';
import { academicYearOfDate } from '../../../domain/school-year';
import { maxMarkCommentLength } from '../../../contracts/journal';
import type { Queryable } from '../../db/client';
import { appendAudits, type AuditActorRole } from '../../lib/audit';
import { AppError, notFound } from '../../lib/errors';
import type { Actor } from '../access/access.service';
import * as lessonsRepo from '../lessons/lessons.repo';
import { datedLesson } from './dated-lessons';
import * as repo from './journal.repo';

export type JournalLesson = repo.JournalLessonRow;
export type MarkRow = repo.MarkRow;

type FieldIssue = { path: string; code: string; message: string };
export const invalid = (issues: FieldIssue[]): AppError => new AppError('VALIDATION_FAILED', 400, issues[0]?.message ?? 'Неверные данные', issues);
export const conflict = (code: string, message: string, details?: unknown): AppError => new AppError(code, 409, message, details);

/** "2026-09-14" → "14.09.2026" for messages. */
export const ruDate = (date: string): string => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;

// --- The journal lesson ---------------------------------------------------------------------------

/** A journal lesson by id, or a dated lesson: the timetable lesson and the date the timetable gives it. */
export type LessonRef = { journalLessonId: string } | { timetableLessonId: string; date: string };

const lessonNotFound = (): never => notFound('JOURNAL_LESSON_NOT_FOUND', 'Урок журнала не найден');

/**
 * The journal lesson of a reference. A dated lesson gets its row on first use, copied from the
 * timetable (teacher, substitute, kind, format, link, lesson number, a moved lesson's new date);
 * two requests at once make one row (the unique dated key). A later substitute or move is copied
 * onto the row when it is ensured again. 404 for an unknown lesson; 409 when the timetable does
 * not hold it that day (not in force, holiday, another weekday) or it is cancelled and has no row yet.
 */
export async function ensureJournalLesson(tx: Queryable, schoolId: string, ref: LessonRef, actorAccountId: string | null): Promise<JournalLesson> {
  return (await ensureJournalLessonRow(tx, schoolId, ref, actorAccountId)).lesson;
}

/** `ensureJournalLesson`, telling whether this call made the row. */
export async function ensureJournalLessonRow(tx: Queryable, schoolId: string, ref: LessonRef, actorAccountId: string | null): Promise<{ lesson: JournalLesson; created: boolean }> {
  if ('journalLessonId' in ref) return { lesson: await repo.findLesson(tx, schoolId, ref.journalLessonId) ?? lessonNotFound(), created: false };
  const existing = await repo.findDatedLesson(tx, schoolId, ref.timetableLessonId, ref.date);
  const dated = await datedLesson(tx, schoolId, ref.timetableLessonId, ref.date);
  if (existing) {
    if (!dated || dated.status !== 'scheduled') return { lesson: existing, created: false };
    const now = {
      date: dated.date, lessonNumber: dated.lessonNumber, employeeId: dated.scheduledEmployeeId,
      substituteEmployeeId: dated.employeeId !== dated.scheduledEmployeeId ? dated.employeeId : null,
      kind: dated.kind, format: dated.format, distanceUrl: dated.distanceUrl,
    };
    const same = (Object.keys(now) as (keyof typeof now)[]).every((k) => existing[k] === now[k]);
    return { lesson: same ? existing : await repo.refreshLesson(tx, schoolId, existing.id, now), created: false };
  }
  if (!dated) {
    if (!await lessonsRepo.findTimetableLesson(tx, schoolId, ref.timetableLessonId)) notFound('LESSON_NOT_FOUND', 'Урок расписания не найден');
    throw conflict('LESSON_NOT_HELD', `${ruDate(ref.date)} этого урока нет в действующем расписании (не учебный день, каникулы или другое расписание)`);
  }
  if (dated.status === 'cancelled') throw conflict('LESSON_CANCELLED', `Урок ${ruDate(ref.date)} отменён`);
  if (dated.status !== 'scheduled') throw conflict('LESSON_NOT_HELD', `Урок ${ruDate(ref.date)} перенесён на другую дату`);
  const created = await repo.insertLessonIfAbsent(tx, {
    schoolId, academicYear: academicYearOfDate(dated.lessonDate), date: dated.date, lessonNumber: dated.lessonNumber,
    timetableLessonId: dated.timetableLessonId, plannedDate: dated.lessonDate, subjectId: dated.subjectId,
    classId: dated.classId, studyGroupId: dated.studyGroupId, employeeId: dated.scheduledEmployeeId,
    substituteEmployeeId: dated.employeeId !== dated.scheduledEmployeeId ? dated.employeeId : null,
    kind: dated.kind, format: dated.format, distanceUrl: dated.distanceUrl, createdBy: actorAccountId,
  });
  return { lesson: await repo.findDatedLesson(tx, schoolId, ref.timetableLessonId, ref.date) ?? lessonNotFound(), created };
}

// --- Who writes ---------------------------------------------------------------------------------------

/** Who writes and in which role, for the audit; `administration`: an administrator correcting a teacher's journal. */
export type JournalWriter = { actorAccountId: string; actorRole: AuditActorRole; reason: string | null; administration: boolean };

const adminRoles: readonly Role[] = ['director', 'deputy', 'journalAdmin'];

/** The lesson's teacher or its substitute. */
export const teachesLesson = (actor: Pick<Actor, 'links'>, lesson: Pick<JournalLesson, 'employeeId' | 'substituteEmployeeId'>): boolean =>
  actor.links.employeeIds.some((id) => id === lesson.employeeId || id === lesson.substituteEmployeeId);

/** The administrator role a caller corrects the journal in, or null when they may not. */
export function adminWriterRole(actor: Pick<Actor, 'roles'>): AuditActorRole | null {
  if (!scopesOf(actor.roles, 'journal', 'write').includes('school')) return null;
  return (adminRoles.find((r) => actor.roles.includes(r)) ?? null) as AuditActorRole | null;
}

/**
 * Who may write in a lesson: its teacher or substitute (in their teacher role), or an
 * administrator with the journal's school-wide write scope who gives a reason (else 409
 * REASON_REQUIRED); anyone else 403.
 */
export async function journalWriter(
  _tx: Queryable, auth: { actor: Actor }, _schoolId: string, lesson: Pick<JournalLesson, 'employeeId' | 'substituteEmployeeId'>,
  { reason }: { reason?: string | null },
): Promise<JournalWriter> {
  const { actor } = auth;
  const why = reason?.trim() ? reason.trim() : null;
  const teacherRole: AuditActorRole | null = actor.roles.includes('subjectTeacher') ? 'subjectTeacher' : actor.roles.includes('classTeacher') ? 'classTeacher' : null;
  if (teacherRole && teachesLesson(actor, lesson)) return { actorAccountId: actor.accountId, actorRole: teacherRole, reason: why, administration: false };
  const adminRole = adminWriterRole(actor);
  if (adminRole) {
    if (!why) throw conflict('REASON_REQUIRED', 'Укажите причину исправления: администрация меняет журнал учителя только с причиной, она сохраняется в истории');
    return { actorAccountId: actor.accountId, actorRole: adminRole, reason: why, administration: true };
  }
  throw new AppError('FORBIDDEN', 403, 'Писать в журнал этого урока может только его учитель, заменяющий учитель или администрация');
}

// --- The window -----------------------------------------------------------------------------------------

/** The mark-entry policy of a school year; the default until the school saves one. */
export async function markEntryPolicy(tx: Queryable, schoolId: string, academicYear: number): Promise<MarkEntryPolicy> {
  return await repo.findPolicy(tx, schoolId, academicYear) ?? defaultMarkEntryPolicy;
}

/** Why a lesson is closed for writing on `today` (409 with the Russian message), or null when it is open. */
export function windowRefusal(policy: MarkEntryPolicy, lessonDate: string, today: string, ignoreDaysBack = false): AppError | null {
  const w = entryWindow(policy, lessonDate, today, ignoreDaysBack);
  if (w === 'open') return null;
  const message = entryWindowMessage(w, lessonDate, policy.currentMarksDaysBack);
  return w === 'notHeldYet'
    ? conflict('LESSON_NOT_HELD_YET', message)
    : conflict('MARK_ENTRY_CLOSED', message, { lessonDate, daysBack: policy.currentMarksDaysBack });
}

/**
 * A lesson in the future → 409 LESSON_NOT_HELD_YET; older than the policy's `currentMarksDaysBack`
 * days → 409 MARK_ENTRY_CLOSED with the Russian message. `ignoreWindow` (an administrator with a
 * reason) lifts the days-back limit, never the future one.
 */
export async function assertMarkEntryOpen(
  tx: Queryable, schoolId: string, lesson: Pick<JournalLesson, 'date' | 'academicYear'>, today: string, opts: { ignoreWindow?: boolean } = {},
): Promise<MarkEntryPolicy> {
  const policy = await markEntryPolicy(tx, schoolId, lesson.academicYear);
  const refusal = windowRefusal(policy, lesson.date, today, opts.ignoreWindow ?? false);
  if (refusal) throw refusal;
  return policy;
}

// --- Students of a lesson -----------------------------------------------------------------------------

export type LessonStudent = repo.StudentName;

/** The students in the lesson's class (enrollments) or study group (members) on the lesson's date, by name. */
export async function lessonStudents(tx: Queryable, schoolId: string, lesson: Pick<JournalLesson, 'classId' | 'studyGroupId' | 'date'>): Promise<LessonStudent[]> {
  const rows = await repo.membersBetween(tx, schoolId, lesson, lesson.date, lesson.date);
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).map(({ id, lastName, firstName, middleName }) => ({ id, lastName, firstName, middleName }));
}

/** 409 STUDENT_NOT_IN_LESSON unless every student is in the lesson's class or group on its date. */
export function assertInLesson(students: readonly LessonStudent[], studentIds: readonly { studentId: string; path: string }[], lessonDate: string): void {
  const ids = new Set(students.map((s) => s.id));
  const outside = studentIds.find((s) => !ids.has(s.studentId));
  if (outside) {
    throw conflict('STUDENT_NOT_IN_LESSON', `Ученик не учится в этом классе или группе ${ruDate(lessonDate)}: отметку и посещаемость за этот урок ему поставить нельзя`,
      { path: outside.path, studentId: outside.studentId });
  }
}

// --- Marks ----------------------------------------------------------------------------------------------

/** A mark to create: a value on the form's scale, or a debt («точка») with a deadline. */
export type NewMark = {
  studentId: string;
  controlFormId: string;
  value?: MarkValue | undefined;
  isDebt?: boolean | undefined;
  debtDeadline?: string | undefined;
  comment?: string | null | undefined;
  contentElementCodes?: string[] | undefined;
  controlWorkId?: string | null;
  submissionId?: string | null;
};

export type WriteContext = {
  schoolId: string;
  writer: JournalWriter;
  /** Today in the school's time zone. */
  today: string;
  now: Date;
  /** Where the marks sit in the request, for error paths: `marks` → `marks.3.value`; '' for one mark's body. */
  path?: string;
};

export const scaleOf = (form: Pick<repo.FormRow, 'scaleKind' | 'conversion'>): MarkScale => ({ kind: form.scaleKind, conversion: form.conversion });

const scaleHint = (scale: MarkScale): string => {
  switch (scale.kind) {
    case 'five': return `от ${lowestFivePoint} до 5`;
    case 'hundred': return 'целое число от 0 до 100';
    case 'passFail': return 'зачёт (pass) или незачёт (fail)';
  }
};

/** The value of stored text («5», «87», «pass»). */
export const valueOf = markValueOfText;

/** The level (primary, basic, secondary) the lesson's students are at. */
async function levelsOf(tx: Queryable, schoolId: string, lesson: Pick<JournalLesson, 'classId' | 'studyGroupId' | 'date'>): Promise<Set<string>> {
  const grades = await repo.gradesOf(tx, schoolId, lesson, { date: lesson.date });
  return new Set(grades.map(levelOfGrade));
}

/**
 * Checks a form of control for a lesson: unknown → 400 (field path), archived or not for this
 * subject or level → 409.
 */
export function checkForm(form: repo.FormRow | undefined, lesson: Pick<JournalLesson, 'subjectId'>, levels: ReadonlySet<string>, path: string): repo.FormRow {
  if (!form) throw invalid([{ path, code: 'CONTROL_FORM_UNKNOWN', message: 'Форма контроля: такой формы в школе нет' }]);
  if (form.archived) throw conflict('CONTROL_FORM_ARCHIVED', `Форма контроля «${form.name}» в архиве: выберите другую`, { path });
  if (form.subjectId !== null && form.subjectId !== lesson.subjectId) {
    throw conflict('CONTROL_FORM_NOT_FOR_SUBJECT', `Форма контроля «${form.name}» не для этого предмета`, { path });
  }
  if (form.levels.length > 0 && levels.size > 0 && ![...levels].some((l) => form.levels.includes(l))) {
    throw conflict('CONTROL_FORM_NOT_FOR_LEVEL', `Форма контроля «${form.name}» не для этого уровня образования`, { path });
  }
  return form;
}

/** The value part of a mark checked on its form's scale (400 with the field path otherwise). */
export function markValueFields(
  mark: Pick<NewMark, 'value' | 'isDebt' | 'debtDeadline'>, form: repo.FormRow, lessonDate: string, at: string,
): { value: string | null; fivePoint: string | null; isDebt: boolean; debtDeadline: string | null } {
  const p = (field: string) => (at === '' ? field : `${at}.${field}`);
  const scale = scaleOf(form);
  if (mark.isDebt) {
    if (mark.value !== undefined) throw invalid([{ path: p('value'), code: 'DEBT_WITH_VALUE', message: 'У «точки» (долга) нет отметки: уберите значение или снимите «точку»' }]);
    if (!mark.debtDeadline) throw invalid([{ path: p('debtDeadline'), code: 'DEBT_DEADLINE_MISSING', message: 'Укажите срок, до которого нужно сдать долг' }]);
    if (mark.debtDeadline < lessonDate) {
      throw invalid([{ path: p('debtDeadline'), code: 'DEBT_DEADLINE_BEFORE_LESSON', message: `Срок долга не может быть раньше урока (${ruDate(lessonDate)})` }]);
    }
    return { value: null, fivePoint: null, isDebt: true, debtDeadline: mark.debtDeadline };
  }
  if (mark.value === undefined) throw invalid([{ path: p('value'), code: 'VALUE_MISSING', message: 'Укажите отметку или поставьте «точку» со сроком' }]);
  if (mark.debtDeadline !== undefined) throw invalid([{ path: p('debtDeadline'), code: 'DEADLINE_WITHOUT_DEBT', message: 'Срок указывается только у «точки»' }]);
  if (!acceptsMarkValue(scale, mark.value)) {
    throw invalid([{ path: p('value'), code: 'MARK_OUT_OF_SCALE', message: `Отметка «${String(mark.value)}» не подходит к шкале «${markScaleKindTitles[scale.kind]}» формы «${form.name}»: ${scaleHint(scale)}` }]);
  }
  const five = toFivePoint(scale, mark.value);
  return { value: markValueText(mark.value), fivePoint: five === null ? null : String(five), isDebt: false, debtDeadline: null };
}

/** The mark as the audit keeps it. */
export const markSnapshot = (m: MarkRow): Record<string, unknown> => ({
  value: m.value, fivePoint: m.fivePoint === null ? null : Number(m.fivePoint), weight: Number(m.weight), controlFormId: m.controlFormId,
  comment: m.comment, contentElementCodes: m.contentElementCodes, isDebt: m.isDebt, debtDeadline: m.debtDeadline,
  controlWorkId: m.controlWorkId, submissionId: m.submissionId, version: m.version,
});

/** A comment as stored: as typed (HTML stays text), empty → null; longer than 500 → 400. */
export function commentText(comment: string | null | undefined, path: string): string | null {
  if (comment === undefined || comment === null || comment.trim() === '') return null;
  if (comment.length > maxMarkCommentLength) throw invalid([{ path, code: 'COMMENT_TOO_LONG', message: `Комментарий: не длиннее ${maxMarkCommentLength} символов` }]);
  return comment;
}

/**
 * Creates marks at a lesson with every rule — the window (unless an administrator corrects), the
 * students of the lesson on its date, the form of control (known, current, for the subject and
 * level), the value on the form's scale or a debt with a deadline, the form's weight — and one
 * audit row per mark, in the caller's transaction. All or nothing: the first refusal throws.
 */
export async function writeMarks(tx: Queryable, ctx: WriteContext, lesson: JournalLesson, items: readonly NewMark[]): Promise<MarkRow[]> {
  if (items.length === 0) return [];
  const prefixOf = (i: number): string => (ctx.path ? `${ctx.path}.${i}` : items.length > 1 ? String(i) : '');
  const at = (i: number, field: string): string => (prefixOf(i) === '' ? field : `${prefixOf(i)}.${field}`);
  await assertMarkEntryOpen(tx, ctx.schoolId, lesson, ctx.today, { ignoreWindow: ctx.writer.administration });
  const [students, forms, levels] = await Promise.all([
    lessonStudents(tx, ctx.schoolId, lesson),
    repo.formsByIds(tx, ctx.schoolId, items.map((m) => m.controlFormId)),
    levelsOf(tx, ctx.schoolId, lesson),
  ]);
  assertInLesson(students, items.map((m, i) => ({ studentId: m.studentId, path: at(i, 'studentId') })), lesson.date);
  const rows = items.map((m, i) => {
    const form = checkForm(forms.get(m.controlFormId), lesson, levels, at(i, 'controlFormId'));
    return {
      schoolId: ctx.schoolId, journalLessonId: lesson.id, studentId: m.studentId, subjectId: lesson.subjectId, date: lesson.date,
      controlFormId: form.id, weight: form.weight,
      ...markValueFields(m, form, lesson.date, prefixOf(i)),
      comment: commentText(m.comment, at(i, 'comment')),
      contentElementCodes: [...new Set(m.contentElementCodes ?? [])],
      controlWorkId: m.controlWorkId ?? null, submissionId: m.submissionId ?? null,
      createdBy: ctx.writer.actorAccountId, createdAt: ctx.now, updatedAt: ctx.now,
    };
  });
  const inserted = await repo.insertMarks(tx, rows);
  await appendAudits(tx, inserted.map((m) => ({
    schoolId: ctx.schoolId, actorAccountId: ctx.writer.actorAccountId, actorRole: ctx.writer.actorRole,
    entityType: 'mark' as const, entityId: m.id, action: 'create' as const, journalLessonId: lesson.id, studentId: m.studentId,
    old: null, new: markSnapshot(m), reason: ctx.writer.reason, at: ctx.now,
  })));
  return inserted;
}

// The class journal (SPEC C1, C2, C6, D1, D2, D5): journal lessons (a dated lesson of the
// timetable, decision 018, or a lesson without one) with their topic, marks in forms of control
// (weights, scales, «точка» debts), attendance by the school's codes, the grid of a class or group
// × subject × term with weighted averages, and the audit of every change of a cell.
//
// Safe writes: mark and attendance writes take an `Idempotency-Key` header (a retry with the same
// key and body gets the first answer, nothing is written twice; the same key with another body →
// 422 IDEMPOTENCY_KEY_REUSED). Edits and deletes take `If-Match: <version>` (missing → 428
// VERSION_REQUIRED; stale → 412 VERSION_STALE with `details.current`, the record as it is now).
// An administrator writing in a teacher's journal gives `reason` (else 409 REASON_REQUIRED).
import { z } from 'zod';
import { attendanceCategories, absenceReasons } from '../domain/attendance';
import { skipCodes } from '../domain/averages';
import { lessonFormats, lessonKinds } from '../domain/lessons-by-date';
import { markScaleKinds } from '../domain/mark-scale';
import { Uuid } from './common';

const isoDate = (what: string) => z.iso.date({ error: `${what}: ожидается дата в формате ГГГГ-ММ-ДД` });
const ref = (what: string) => z.uuid({ error: `${what}: неверный идентификатор` });
const named = z.object({ id: Uuid, name: z.string() });

/** The longest comment of a mark (stored as typed: HTML is text, shown escaped). */
export const maxMarkCommentLength = 500;
/** The longest topic of a lesson. */
export const maxTopicLength = 500;
/** Marks one bulk request (a column) may carry. */
export const maxBulkMarks = 200;

const reason = z.string({ error: 'Причина: ожидается строка' }).trim()
  .max(500, 'Причина: не длиннее 500 символов');

export const JournalParams = z.object({ schoolId: Uuid });
export const JournalLessonParams = JournalParams.extend({ id: ref('Урок журнала') });
export const MarkParams = JournalParams.extend({ id: ref('Отметка') });
export const AttendanceCellParams = JournalLessonParams.extend({ studentId: ref('Ученик') });

/** The `Idempotency-Key` header of a retriable write: 8–100 letters, digits, «-», «_». */
export const IdempotencyKeyHeaders = z.object({
  'idempotency-key': z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, 'Idempotency-Key: от 8 до 100 латинских букв, цифр, «-» и «_»').optional(),
});
/** The `If-Match` header of an edit: the version read (a number, quotes allowed). */
export const IfMatchHeaders = z.object({ 'if-match': z.string().optional() });

// ---------------------------------------------------------------------------------------------
// Mark values

/** A mark as entered: a whole number on the form's scale (2–5; 0–100 on a hundred-point scale) or pass / fail. */
export const MarkValue = z.union([
  z.number({ error: 'Отметка: ожидается число или pass / fail' }).int('Отметка: целое число'),
  z.enum(['pass', 'fail'], { error: 'Отметка: ожидается число или pass / fail' }),
]);
export type MarkValue = z.infer<typeof MarkValue>;

const comment = z.string({ error: 'Комментарий: ожидается строка' })
  .max(maxMarkCommentLength, `Комментарий: не длиннее ${maxMarkCommentLength} символов`);
const contentElementCodes = z.array(
  z.string().regex(/^[0-9]+(\.[0-9]+){0,3}$/, 'Код КЭС: вида «1», «1.2», «1.2.3»'),
  { error: 'Коды КЭС: ожидается список' },
).max(20, 'Не больше 20 кодов КЭС');

// ---------------------------------------------------------------------------------------------
// Journal lessons

export const EnsureJournalLessonBody = z.object({
  timetableLessonId: ref('Урок расписания'),
  /** The date the timetable gives the lesson (before any move), decision 018. */
  date: isoDate('Дата урока'),
}).meta({ id: 'EnsureJournalLessonBody' });
export type EnsureJournalLessonBody = z.infer<typeof EnsureJournalLessonBody>;

export const JournalLessonDto = z.object({
  id: Uuid,
  academicYear: z.number().int(),
  /** Where it is held (a moved lesson: its new date). */
  date: z.string(),
  lessonNumber: z.number().int(),
  /** The dated lesson it is (null for a lesson without a timetable). */
  timetableLessonId: Uuid.nullable(),
  plannedDate: z.string().nullable(),
  subject: named,
  class: named.nullable(),
  studyGroup: named.nullable(),
  teacher: named,
  substitute: named.nullable(),
  kind: z.enum(lessonKinds),
  format: z.enum(lessonFormats),
  distanceUrl: z.string().nullable(),
  plannedTopicId: Uuid.nullable(),
  topic: z.string().nullable(),
  attendanceTakenAt: z.string().nullable(),
  version: z.number().int(),
  /** The caller may write marks, attendance and the topic of this lesson now (role and the window). */
  canWrite: z.boolean(),
  /** Why not, in Russian, when `canWrite` is false. */
  readOnlyReason: z.string().nullable(),
}).meta({ id: 'JournalLesson' });
export type JournalLessonDto = z.infer<typeof JournalLessonDto>;

export const ControlFormRefDto = z.object({
  id: Uuid,
  name: z.string(),
  shortName: z.string(),
  weight: z.number(),
  scaleKind: z.enum(markScaleKinds),
}).meta({ id: 'JournalControlForm' });
export type ControlFormRefDto = z.infer<typeof ControlFormRefDto>;

export const MarkDto = z.object({
  id: Uuid,
  journalLessonId: Uuid,
  studentId: Uuid,
  date: z.string(),
  controlForm: ControlFormRefDto,
  /** Null for a debt («точка») that has no value yet. */
  value: MarkValue.nullable(),
  /** The value on the five-point scale (null: pass / fail, a debt). */
  fivePoint: z.number().nullable(),
  weight: z.number(),
  comment: z.string().nullable(),
  contentElementCodes: z.array(z.string()),
  isDebt: z.boolean(),
  debtDeadline: z.string().nullable(),
  controlWorkId: Uuid.nullable(),
  submissionId: Uuid.nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
}).meta({ id: 'Mark' });
export type MarkDto = z.infer<typeof MarkDto>;

export const AttendanceDto = z.object({
  studentId: Uuid,
  /** The school's code as typed («Н», «Б», «О»). */
  code: z.string(),
  category: z.enum(attendanceCategories),
  reason: z.enum(absenceReasons).nullable(),
  minutesLate: z.number().int().nullable(),
  document: z.string().nullable(),
  version: z.number().int(),
}).meta({ id: 'Attendance' });
export type AttendanceDto = z.infer<typeof AttendanceDto>;

export const LessonStudentDto = z.object({
  id: Uuid,
  /** «Фамилия Имя». */
  name: z.string(),
}).meta({ id: 'LessonStudent' });
export type LessonStudentDto = z.infer<typeof LessonStudentDto>;

export const AttendanceCodeDto = z.object({
  code: z.string(),
  title: z.string(),
  category: z.enum(attendanceCategories),
  reason: z.enum(absenceReasons).nullable(),
  minutes: z.number().int().nullable(),
}).meta({ id: 'JournalAttendanceCode' });
export type AttendanceCodeDto = z.infer<typeof AttendanceCodeDto>;

export const JournalLessonDetailDto = z.object({
  lesson: JournalLessonDto,
  /** The students of the class or group on the lesson's date. */
  students: z.array(LessonStudentDto),
  marks: z.array(MarkDto),
  attendance: z.array(AttendanceDto),
  /** Forms of control usable for this subject and level (not archived). */
  controlForms: z.array(ControlFormRefDto),
  attendanceCodes: z.array(AttendanceCodeDto),
}).meta({ id: 'JournalLessonDetail' });
export type JournalLessonDetailDto = z.infer<typeof JournalLessonDetailDto>;

export const UpdateJournalLessonBody = z.object({
  /** The topic as typed; null clears it. */
  topic: z.string({ error: 'Тема: ожидается строка' }).trim().max(maxTopicLength, `Тема: не длиннее ${maxTopicLength} символов`).nullable().optional(),
  /** A topic of the teacher's work programme for this subject and class/group; its title becomes the topic unless `topic` is given. */
  plannedTopicId: ref('Тема программы').nullable().optional(),
  reason: reason.optional(),
}).meta({ id: 'UpdateJournalLessonBody' });
export type UpdateJournalLessonBody = z.infer<typeof UpdateJournalLessonBody>;

// ---------------------------------------------------------------------------------------------
// Marks

const markFields = {
  studentId: ref('Ученик'),
  controlFormId: ref('Форма контроля'),
  /** The mark; leave out for a debt. */
  value: MarkValue.optional(),
  /** A «точка»: the work is owed until `debtDeadline`. */
  isDebt: z.boolean({ error: 'Точка: ожидается true или false' }).optional(),
  debtDeadline: isoDate('Срок долга').optional(),
  comment: comment.optional(),
  contentElementCodes: contentElementCodes.optional(),
};

/** A mark of a column: value xor (isDebt and a deadline). */
export const NewMarkInput = z.object(markFields).meta({ id: 'NewMarkInput' });
export type NewMarkInput = z.infer<typeof NewMarkInput>;

export const CreateMarkBody = z.object({
  journalLessonId: ref('Урок журнала'),
  ...markFields,
  reason: reason.optional(),
}).meta({ id: 'CreateMarkBody' });
export type CreateMarkBody = z.infer<typeof CreateMarkBody>;

export const BulkMarksBody = z.object({
  marks: z.array(NewMarkInput, { error: 'Отметки: ожидается список' })
    .min(1, 'Отметки: список пуст').max(maxBulkMarks, `Не больше ${maxBulkMarks} отметок за раз`),
  reason: reason.optional(),
}).meta({ id: 'BulkMarksBody' });
export type BulkMarksBody = z.infer<typeof BulkMarksBody>;

export const UpdateMarkBody = z.object({
  /** A new value; on a debt it turns the debt into a mark. */
  value: MarkValue.optional(),
  controlFormId: ref('Форма контроля').optional(),
  comment: comment.nullable().optional(),
  contentElementCodes: contentElementCodes.optional(),
  debtDeadline: isoDate('Срок долга').optional(),
  reason: reason.optional(),
}).meta({ id: 'UpdateMarkBody' });
export type UpdateMarkBody = z.infer<typeof UpdateMarkBody>;

/** Optional body of DELETE …/journal/marks/:id. */
export const DeleteMarkBody = z.object({ reason: reason.optional() }).meta({ id: 'DeleteMarkBody' });
export type DeleteMarkBody = z.infer<typeof DeleteMarkBody>;

export const MarkListDto = z.object({ items: z.array(MarkDto), total: z.number().int() }).meta({ id: 'MarkList' });
export type MarkListDto = z.infer<typeof MarkListDto>;

export const DeletedDto = z.object({ deleted: z.literal(true) }).meta({ id: 'Deleted' });
export type DeletedDto = z.infer<typeof DeletedDto>;

// ---------------------------------------------------------------------------------------------
// Attendance

const attendanceCell = {
  /** The school's code («Н», «Б», «о15» for 15 minutes late); null: present. */
  code: z.string({ error: 'Код посещаемости: ожидается строка' }).max(20, 'Код посещаемости: не длиннее 20 символов').nullable(),
  /** Minutes late (a late code). */
  minutes: z.number().int('Минуты: целое число').optional(),
  /** The document excusing the absence, as text. */
  document: z.string().max(200, 'Документ: не больше 200 символов').nullable().optional(),
};

export const AttendanceEntryInput = z.object({ studentId: ref('Ученик'), ...attendanceCell }).meta({ id: 'AttendanceEntryInput' });
export type AttendanceEntryInput = z.infer<typeof AttendanceEntryInput>;

/** The whole column: every student of the lesson not listed (or listed with null) is present. */
export const PutAttendanceBody = z.object({
  entries: z.array(AttendanceEntryInput, { error: 'Посещаемость: ожидается список' }).max(200, 'Не больше 200 учеников'),
  reason: reason.optional(),
}).meta({ id: 'PutAttendanceBody' });
export type PutAttendanceBody = z.infer<typeof PutAttendanceBody>;

export const PutAttendanceCellBody = z.object({ ...attendanceCell, reason: reason.optional() }).meta({ id: 'PutAttendanceCellBody' });
export type PutAttendanceCellBody = z.infer<typeof PutAttendanceCellBody>;

export const AttendanceColumnDto = z.object({
  journalLessonId: Uuid,
  /** The lesson's version after the write. */
  version: z.number().int(),
  attendanceTakenAt: z.string().nullable(),
  entries: z.array(AttendanceDto),
}).meta({ id: 'AttendanceColumn' });
export type AttendanceColumnDto = z.infer<typeof AttendanceColumnDto>;

export const AttendanceCellDto = z.object({
  journalLessonId: Uuid,
  studentId: Uuid,
  /** Null: present (no row). */
  entry: AttendanceDto.nullable(),
}).meta({ id: 'AttendanceCell' });
export type AttendanceCellDto = z.infer<typeof AttendanceCellDto>;

// ---------------------------------------------------------------------------------------------
// The grid

export const GridQuery = z.object({
  subjectId: ref('Предмет'),
  classId: ref('Класс').optional(),
  studyGroupId: ref('Группа').optional(),
  /** An attestation period (the term); default: the one of today. */
  periodId: ref('Период').optional(),
});
export type GridQuery = z.infer<typeof GridQuery>;

export const GridPeriodDto = z.object({ id: Uuid, name: z.string(), startsOn: z.string(), endsOn: z.string() }).meta({ id: 'GridPeriod' });
export type GridPeriodDto = z.infer<typeof GridPeriodDto>;

export const GridStudentDto = z.object({
  id: Uuid,
  name: z.string(),
  /** In the class or group during the period from / until these dates (null: the whole period). */
  joinedOn: z.string().nullable(),
  leftOn: z.string().nullable(),
}).meta({ id: 'GridStudent' });
export type GridStudentDto = z.infer<typeof GridStudentDto>;

export const GridLessonDto = z.object({
  /** The column's key: the journal lesson id, or «<timetableLessonId>|<plannedDate>» before it has one. */
  key: z.string(),
  journalLessonId: Uuid.nullable(),
  /** With `plannedDate`: the dated lesson to ensure (POST …/journal/lessons) before the first write. */
  timetableLessonId: Uuid.nullable(),
  plannedDate: z.string().nullable(),
  date: z.string(),
  lessonNumber: z.number().int(),
  topic: z.string().nullable(),
  plannedTopicId: Uuid.nullable(),
  kind: z.enum(lessonKinds),
  format: z.enum(lessonFormats),
  /** A control work is held at this lesson. */
  isControlWork: z.boolean(),
  homeworkCount: z.number().int(),
  attendanceTaken: z.boolean(),
  version: z.number().int().nullable(),
  canWrite: z.boolean(),
}).meta({ id: 'GridLesson' });
export type GridLessonDto = z.infer<typeof GridLessonDto>;

export const GridMarkDto = z.object({
  id: Uuid,
  value: MarkValue.nullable(),
  formShortName: z.string(),
  controlFormId: Uuid,
  weight: z.number(),
  isDebt: z.boolean(),
  debtDeadline: z.string().nullable(),
  comment: z.string().nullable(),
  version: z.number().int(),
}).meta({ id: 'GridMark' });
export type GridMarkDto = z.infer<typeof GridMarkDto>;

export const GridCellDto = z.object({
  lessonKey: z.string(),
  studentId: Uuid,
  marks: z.array(GridMarkDto),
  /** The attendance code shown («Н», «о15»); null: present or not taken. */
  attendance: z.string().nullable(),
  attendanceVersion: z.number().int().nullable(),
}).meta({ id: 'GridCell' });
export type GridCellDto = z.infer<typeof GridCellDto>;

export const AverageExplanationDto = z.object({
  average: z.number().nullable(),
  /** «4,60». */
  averageText: z.string().nullable(),
  counted: z.array(z.object({ value: MarkValue, fivePoint: z.number(), weight: z.number(), formName: z.string(), date: z.string() })),
  skipped: z.array(z.object({ value: MarkValue.nullable(), formName: z.string(), date: z.string(), code: z.enum(skipCodes), reason: z.string() })),
  sumWeighted: z.number(),
  sumWeights: z.number(),
  rounding: z.string(),
  suggested: z.number().int().nullable(),
  suggestedReason: z.string(),
}).meta({ id: 'AverageExplanation' });
export type AverageExplanationDto = z.infer<typeof AverageExplanationDto>;

export const GridAverageDto = z.object({ studentId: Uuid, explanation: AverageExplanationDto }).meta({ id: 'GridAverage' });
export type GridAverageDto = z.infer<typeof GridAverageDto>;

export const GridDto = z.object({
  subject: named,
  class: named.nullable(),
  studyGroup: named.nullable(),
  period: GridPeriodDto,
  /** The attestation periods of the year (to switch terms). */
  periods: z.array(GridPeriodDto),
  /** Today in the school's time zone. */
  today: z.string(),
  /** The caller may write in this journal at all (some lessons may still be closed). */
  canWrite: z.boolean(),
  students: z.array(GridStudentDto),
  lessons: z.array(GridLessonDto),
  /** Only the cells that hold something. */
  cells: z.array(GridCellDto),
  averages: z.array(GridAverageDto),
  controlForms: z.array(ControlFormRefDto),
  attendanceCodes: z.array(AttendanceCodeDto),
  /** Days back a current mark may be entered (the school year's policy). */
  currentMarksDaysBack: z.number().int(),
}).meta({ id: 'JournalGrid' });
export type GridDto = z.infer<typeof GridDto>;

export const GridChoiceDto = z.object({
  subject: named,
  class: named.nullable(),
  studyGroup: named.nullable(),
  /** The caller may write (teaches it); a class teacher's other subjects are read-only. */
  canWrite: z.boolean(),
}).meta({ id: 'JournalGridChoice' });
export type GridChoiceDto = z.infer<typeof GridChoiceDto>;

export const GridListDto = z.object({ academicYear: z.number().int(), items: z.array(GridChoiceDto), total: z.number().int() }).meta({ id: 'JournalGridList' });
export type GridListDto = z.infer<typeof GridListDto>;

// ---------------------------------------------------------------------------------------------
// History (audit) of a cell

export const auditEntityTypes = ['mark', 'attendance', 'topic', 'homework', 'controlWorkResult', 'plannedTopic'] as const;
export const auditActions = ['create', 'update', 'delete'] as const;

export const HistoryQuery = z.object({
  journalLessonId: ref('Урок журнала'),
  /** Leave out for the lesson's own history (its topic). */
  studentId: ref('Ученик').optional(),
});
export type HistoryQuery = z.infer<typeof HistoryQuery>;

export const AuditEntryDto = z.object({
  id: Uuid,
  at: z.string(),
  actor: z.object({ accountId: Uuid.nullable(), name: z.string().nullable() }),
  /** The role written in: subjectTeacher, classTeacher, director, deputy, journalAdmin, system. */
  actorRole: z.string(),
  entityType: z.string(),
  entityId: Uuid,
  action: z.enum(auditActions),
  old: z.unknown().nullable(),
  new: z.unknown().nullable(),
  reason: z.string().nullable(),
}).meta({ id: 'JournalAuditEntry' });
export type AuditEntryDto = z.infer<typeof AuditEntryDto>;

export const HistoryDto = z.object({ items: z.array(AuditEntryDto), total: z.number().int() }).meta({ id: 'JournalHistory' });
export type HistoryDto = z.infer<typeof HistoryDto>;

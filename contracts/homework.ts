// Homework, students' work and a lesson's digital content (SPEC D1, D3): materials of a journal
// lesson (links and files), homework given at a lesson with a due date, attachments and whether
// work is to be submitted, the students' submissions (text and files, late ones flagged) and their
// checking — returned with a comment, or checked with a comment and optionally a mark that lands
// in the journal. Files are uploaded first (`POST …/files`, the bytes as the body) and then named
// by id; a download answers with the file and its name.
//
// Edits and deletes of homework and the checking of a submission take `If-Match: <version>`
// (missing → 428 VERSION_REQUIRED; stale → 412 VERSION_STALE with `details.current`). An
// administrator changing a teacher's lesson gives `reason` (else 409 REASON_REQUIRED).
import { z } from 'zod';
import { Uuid } from './common';
import { MarkValue } from './journal';

const isoDate = (what: string) => z.iso.date({ error: `${what}: ожидается дата в формате ГГГГ-ММ-ДД` });
const ref = (what: string) => z.uuid({ error: `${what}: неверный идентификатор` });
const named = z.object({ id: Uuid, name: z.string() });

/** The longest homework text. */
export const maxHomeworkTextLength = 5000;
/** The longest text of a submitted work. */
export const maxSubmissionTextLength = 20000;
/** The longest teacher's comment on a work. */
export const maxTeacherCommentLength = 2000;
/** Files one homework, material or work may carry. */
export const maxAttachments = 10;
/** The header that carries an uploaded file's name, percent-encoded (encodeURIComponent). */
export const fileNameHeader = 'x-file-name';

const reason = z.string({ error: 'Причина: ожидается строка' }).trim().max(500, 'Причина: не длиннее 500 символов');
const fileIds = z.array(ref('Файл'), { error: 'Файлы: ожидается список' })
  .max(maxAttachments, `Не больше ${maxAttachments} файлов`)
  .refine((ids) => new Set(ids).size === ids.length, 'Файлы: один и тот же файл указан дважды');

export const HomeworkSchoolParams = z.object({ schoolId: Uuid });
/** A journal lesson (the same `:id` as the journal's lesson routes). */
export const HomeworkLessonParams = HomeworkSchoolParams.extend({ id: ref('Урок журнала') });
export const MaterialParams = HomeworkLessonParams.extend({ materialId: ref('Материал') });
export const HomeworkParams = HomeworkSchoolParams.extend({ homeworkId: ref('Домашнее задание') });
export const SubmissionParams = HomeworkSchoolParams.extend({ submissionId: ref('Работа') });
export const FileParams = HomeworkSchoolParams.extend({ fileId: ref('Файл') });
export const ReasonQuery = z.object({ reason: reason.optional() });

// ---------------------------------------------------------------------------------------------
// Files

export const FileDto = z.object({
  id: Uuid,
  name: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  createdAt: z.string(),
}).meta({ id: 'StoredFile' });
export type FileDto = z.infer<typeof FileDto>;

/** What the server accepts, for a form to say before the upload. */
export const FileRulesDto = z.object({ maxBytes: z.number().int(), extensions: z.array(z.string()) }).meta({ id: 'FileRules' });
export type FileRulesDto = z.infer<typeof FileRulesDto>;

// ---------------------------------------------------------------------------------------------
// Lesson materials

const httpUrl = z.string({ error: 'Ссылка: ожидается адрес' }).trim().max(2000, 'Ссылка: не длиннее 2000 символов')
  .refine((v) => URL.canParse(v) && ['http:', 'https:'].includes(new URL(v).protocol), 'Ссылка: нужен адрес, начинающийся с http:// или https://');
const materialTitle = z.string({ error: 'Название: ожидается строка' }).trim().max(300, 'Название: не длиннее 300 символов');

export const CreateMaterialBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('link'), title: materialTitle.min(1, 'Название: обязательно'), url: httpUrl, reason: reason.optional() }),
  z.object({ kind: z.literal('file'), title: materialTitle.optional(), fileId: ref('Файл'), reason: reason.optional() }),
], { error: 'Вид материала: link (ссылка) или file (файл)' }).meta({ id: 'CreateLessonMaterialBody' });
export type CreateMaterialBody = z.infer<typeof CreateMaterialBody>;

export const MaterialDto = z.object({
  id: Uuid,
  journalLessonId: Uuid,
  kind: z.enum(['link', 'file']),
  title: z.string(),
  url: z.string().nullable(),
  file: FileDto.nullable(),
  position: z.number().int(),
  createdAt: z.string(),
}).meta({ id: 'LessonMaterial' });
export type MaterialDto = z.infer<typeof MaterialDto>;

export const MaterialListDto = z.object({ items: z.array(MaterialDto), canWrite: z.boolean() }).meta({ id: 'LessonMaterialList' });
export type MaterialListDto = z.infer<typeof MaterialListDto>;

// ---------------------------------------------------------------------------------------------
// Homework

const homeworkText = z.string({ error: 'Текст задания: ожидается строка' }).trim()
  .min(1, 'Текст задания: обязателен').max(maxHomeworkTextLength, `Текст задания: не длиннее ${maxHomeworkTextLength} символов`);

export const CreateHomeworkBody = z.object({
  text: homeworkText,
  /** Not before the lesson; omitted: the date of the next lesson of the subject for the class or group. */
  dueDate: isoDate('Срок сдачи').optional(),
  requiresSubmission: z.boolean({ error: 'Сдавать работу: да или нет' }).default(false),
  fileIds: fileIds.default([]),
  reason: reason.optional(),
}).meta({ id: 'CreateHomeworkBody' });
export type CreateHomeworkBody = z.infer<typeof CreateHomeworkBody>;

export const UpdateHomeworkBody = z.object({
  text: homeworkText.optional(),
  dueDate: isoDate('Срок сдачи').optional(),
  requiresSubmission: z.boolean({ error: 'Сдавать работу: да или нет' }).optional(),
  /** The attachments after the change (files left out are removed). */
  fileIds: fileIds.optional(),
  reason: reason.optional(),
}).meta({ id: 'UpdateHomeworkBody' });
export type UpdateHomeworkBody = z.infer<typeof UpdateHomeworkBody>;

const HomeworkLessonDto = z.object({
  id: Uuid,
  date: z.string(),
  lessonNumber: z.number().int(),
  subject: named,
  class: named.nullable(),
  studyGroup: named.nullable(),
});

export const SubmissionStatus = z.enum(['submitted', 'returned', 'checked']);
export type SubmissionStatus = z.infer<typeof SubmissionStatus>;

/** A student's work as a list shows it. */
const SubmissionStateDto = z.object({
  id: Uuid,
  status: SubmissionStatus,
  submittedAt: z.string(),
  /** Submitted after the due date (in the school's time zone). */
  late: z.boolean(),
  markValue: z.string().nullable(),
});

export const HomeworkDto = z.object({
  id: Uuid,
  lesson: HomeworkLessonDto,
  text: z.string(),
  dueDate: z.string(),
  requiresSubmission: z.boolean(),
  attachments: z.array(FileDto),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** For the lesson's teachers and the administration: how many of the lesson's students submitted, and were checked. */
  counts: z.object({ students: z.number().int(), submitted: z.number().int(), checked: z.number().int() }).nullable(),
}).meta({ id: 'Homework' });
export type HomeworkDto = z.infer<typeof HomeworkDto>;

export const HomeworkListDto = z.object({ items: z.array(HomeworkDto), canWrite: z.boolean() }).meta({ id: 'HomeworkList' });
export type HomeworkListDto = z.infer<typeof HomeworkListDto>;

/** The homework of a class or group in a subject given at lessons of a period (the journal grid's row). */
export const HomeworkRangeQuery = z.object({
  subjectId: ref('Предмет'),
  classId: ref('Класс').optional(),
  studyGroupId: ref('Группа').optional(),
  from: isoDate('Начало периода'),
  to: isoDate('Конец периода'),
});
export type HomeworkRangeQuery = z.infer<typeof HomeworkRangeQuery>;

/** A student's homework due in a period (the diary's list): their own, or a parent's child's. */
export const StudentHomeworkQuery = z.object({
  /** A student: themself when omitted; a parent: one of their children (the first when omitted). */
  studentId: ref('Ученик').optional(),
  from: isoDate('Начало периода'),
  to: isoDate('Конец периода'),
});
export type StudentHomeworkQuery = z.infer<typeof StudentHomeworkQuery>;

export const StudentHomeworkListDto = z.object({
  student: named.nullable(),
  /** The children a parent may switch between (a student: themself). */
  students: z.array(named),
  items: z.array(HomeworkDto.extend({ submission: SubmissionStateDto.nullable(), canSubmit: z.boolean() })),
}).meta({ id: 'StudentHomeworkList' });
export type StudentHomeworkListDto = z.infer<typeof StudentHomeworkListDto>;

// ---------------------------------------------------------------------------------------------
// Submissions

export const SubmitWorkBody = z.object({
  text: z.string({ error: 'Ответ: ожидается строка' }).max(maxSubmissionTextLength, `Ответ: не длиннее ${maxSubmissionTextLength} символов`).optional(),
  /** The files of the work (a resubmission replaces the list). */
  fileIds: fileIds.default([]),
}).meta({ id: 'SubmitWorkBody' });
export type SubmitWorkBody = z.infer<typeof SubmitWorkBody>;

const teacherComment = z.string({ error: 'Комментарий: ожидается строка' }).trim()
  .max(maxTeacherCommentLength, `Комментарий: не длиннее ${maxTeacherCommentLength} символов`);

export const ReturnWorkBody = z.object({ comment: teacherComment.min(1, 'Комментарий: напишите, что исправить') }).meta({ id: 'ReturnWorkBody' });
export type ReturnWorkBody = z.infer<typeof ReturnWorkBody>;

export const CheckWorkBody = z.object({
  comment: teacherComment.optional(),
  /** A mark to put in the journal at the homework's lesson, in the form of control the teacher chose. */
  mark: z.object({ controlFormId: ref('Форма контроля'), value: MarkValue }).optional(),
}).meta({ id: 'CheckWorkBody' });
export type CheckWorkBody = z.infer<typeof CheckWorkBody>;

export const SubmissionDto = z.object({
  id: Uuid,
  homeworkId: Uuid,
  student: named,
  text: z.string().nullable(),
  status: SubmissionStatus,
  submittedAt: z.string(),
  late: z.boolean(),
  files: z.array(FileDto),
  teacherComment: z.string().nullable(),
  checkedAt: z.string().nullable(),
  checkedBy: z.string().nullable(),
  mark: z.object({ id: Uuid, value: z.string().nullable(), controlForm: z.string() }).nullable(),
  version: z.number().int(),
}).meta({ id: 'Submission' });
export type SubmissionDto = z.infer<typeof SubmissionDto>;

/** Who of the lesson's students submitted and who did not (a student or parent sees only their own). */
export const SubmissionRosterDto = z.object({
  homework: HomeworkDto,
  items: z.array(z.object({ student: named, submission: SubmissionDto.nullable() })),
  /** The caller may return and check works (the lesson's teacher or substitute). */
  canCheck: z.boolean(),
}).meta({ id: 'SubmissionRoster' });
export type SubmissionRosterDto = z.infer<typeof SubmissionRosterDto>;

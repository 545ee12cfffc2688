// Control works with per-task results (goal of section 2, G4; SPEC B13, D6): the schedule of a
// class's or group's control works in a subject, each with its tasks (max points, КЭС codes) and a
// points → mark scale; the results grid (students × tasks) saved whole in one request, which puts
// each student's mark into the journal; the element-wise analysis. Every change of a work carries
// `If-Match: "<version>"`; a stale one is answered 412 with the current version. Routes live under
// /api/v1/schools/:schoolId/control-works.
import { z } from 'zod';
import { isPointsStep, maxTaskPoints, pointsScaleMarks } from '../domain/control-work';
import { Uuid } from './common';

const academicYear = z.coerce.number({ error: 'Учебный год: ожидается число, например 2026' }).int('Учебный год: целое число')
  .min(2000, 'Учебный год: от 2000 до 2100').max(2100, 'Учебный год: от 2000 до 2100');
const IsoDate = (what: string) => z.iso.date({ error: `${what}: ожидается дата в формате ГГГГ-ММ-ДД` });
const ref = (what: string) => z.uuid({ error: `${what}: неверный идентификатор` });
const named = z.object({ id: Uuid, name: z.string() });
const text = (what: string, max: number) => z.string({ error: `${what}: ожидается строка` }).trim()
  .min(1, `${what}: обязательное поле`).max(max, `${what}: не длиннее ${max} символов`);

/** The most tasks a work may have, and students a grid may hold. */
export const maxControlWorkTasks = 60;
export const maxResultRows = 200;

export const ControlWorkParams = z.object({ schoolId: Uuid, controlWorkId: ref('Контрольная работа') });

// --- Tasks and the scale --------------------------------------------------------------------------

export const ContentElementCode = z.string({ error: 'Код КЭС: ожидается строка' }).trim()
  .regex(/^[0-9]+(\.[0-9]+){0,3}$/, 'Код КЭС: цифры через точку, например 1.2.3');

export const ControlWorkTaskInput = z.object({
  /** An existing task's id when a work is edited (its results stay with it); absent: a new task. */
  id: ref('Задание').optional(),
  label: text('Номер задания', 20),
  maxPoints: z.number({ error: 'Максимальный балл: ожидается число' }).int('Максимальный балл: целое число')
    .min(1, 'Максимальный балл: от 1').max(maxTaskPoints, `Максимальный балл: не больше ${maxTaskPoints}`),
  contentElementCodes: z.array(ContentElementCode, { error: 'Коды КЭС: ожидается список' }).max(20, 'Коды КЭС: не больше 20 у задания').default([]),
});
export type ControlWorkTaskInput = z.input<typeof ControlWorkTaskInput>;

export const PointsScaleRowInput = z.object({
  from: z.number({ error: 'Порог: ожидается число баллов' }),
  mark: z.union(pointsScaleMarks.map((m) => z.literal(m)), { error: 'Отметка: 5, 4, 3 или 2' }),
});

const tasks = z.array(ControlWorkTaskInput, { error: 'Задания: ожидается список' })
  .min(1, 'Задания: нужно хотя бы одно').max(maxControlWorkTasks, `Задания: не больше ${maxControlWorkTasks}`);
const pointsScale = z.array(PointsScaleRowInput, { error: 'Шкала перевода баллов: ожидается список' });

// --- The schedule ---------------------------------------------------------------------------------

export const CreateControlWorkBody = z.object({
  subjectId: ref('Предмет'),
  classId: ref('Класс').optional(),
  studyGroupId: ref('Группа').optional(),
  /** The form of control the marks are given in (five-point scale). */
  controlFormId: ref('Форма контроля'),
  title: text('Название', 200),
  plannedDate: IsoDate('Дата'),
  tasks,
  /** Absent: the suggested scale (85 %, 65 %, 45 % of the total). */
  pointsScale: pointsScale.optional(),
  /** A topic of a work programme marked as a control work, the work is planned at. */
  plannedTopicId: ref('Тема рабочей программы').optional(),
  /** The teacher (the administration may name one; absent: the caller, or the teacher of the load). */
  employeeId: ref('Учитель').optional(),
}).refine((b) => (b.classId === undefined) !== (b.studyGroupId === undefined), {
  message: 'Нужен класс или группа (одно из двух)', path: ['classId'],
}).meta({ id: 'CreateControlWorkBody' });
export type CreateControlWorkBody = z.infer<typeof CreateControlWorkBody>;

/** Changes of a work; tasks are the whole new list. Once results exist, only the title, the date and the tasks' labels and КЭС codes change. */
export const UpdateControlWorkBody = z.object({
  title: text('Название', 200).optional(),
  plannedDate: IsoDate('Дата').optional(),
  controlFormId: ref('Форма контроля').optional(),
  tasks: tasks.optional(),
  pointsScale: pointsScale.optional(),
}).meta({ id: 'UpdateControlWorkBody' });
export type UpdateControlWorkBody = z.infer<typeof UpdateControlWorkBody>;

export const ControlWorkListQuery = z.object({
  academicYear: academicYear.optional(),
  classId: ref('Класс').optional(),
  studyGroupId: ref('Группа').optional(),
  subjectId: ref('Предмет').optional(),
  from: IsoDate('Начало периода').optional(),
  to: IsoDate('Конец периода').optional(),
});
export type ControlWorkListQuery = z.infer<typeof ControlWorkListQuery>;

export const ControlWorkTaskDto = z.object({
  id: Uuid,
  position: z.number().int(),
  label: z.string(),
  maxPoints: z.number().int(),
  contentElementCodes: z.array(z.string()),
}).meta({ id: 'ControlWorkTask' });
export type ControlWorkTaskDto = z.infer<typeof ControlWorkTaskDto>;

/** More than one control work of a class on a day (СанПиН 1.2.3685-21): a warning, the works are kept. */
export const ControlWorkWarningDto = z.object({
  code: z.literal('MORE_THAN_ONE_A_DAY'),
  classId: Uuid,
  className: z.string(),
  date: z.string(),
  controlWorkIds: z.array(Uuid),
  message: z.string(),
}).meta({ id: 'ControlWorkWarning' });
export type ControlWorkWarningDto = z.infer<typeof ControlWorkWarningDto>;

export const ControlWorkSummaryDto = z.object({
  id: Uuid,
  academicYear: z.number().int(),
  title: z.string(),
  plannedDate: z.string(),
  subject: named,
  class: named.nullable(),
  studyGroup: named.nullable(),
  teacher: named,
  controlForm: z.object({ id: Uuid, name: z.string(), shortName: z.string(), weight: z.number() }),
  tasks: z.number().int(),
  maxPoints: z.number(),
  /** Students with results, and the journal lesson they were saved at. */
  written: z.number().int(),
  journalLesson: z.object({ id: Uuid, date: z.string(), lessonNumber: z.number().int() }).nullable(),
  plannedTopicId: Uuid.nullable(),
  workProgrammeId: Uuid.nullable(),
  /** Send back as `If-Match` with a change. */
  version: z.number().int(),
  canWrite: z.boolean(),
}).meta({ id: 'ControlWorkSummary' });
export type ControlWorkSummaryDto = z.infer<typeof ControlWorkSummaryDto>;

export const ControlWorkDto = ControlWorkSummaryDto.extend({
  tasksList: z.array(ControlWorkTaskDto),
  pointsScale: z.array(z.object({ from: z.number(), mark: z.number().int() })),
  /** This work's days with more than one control work of a class. */
  warnings: z.array(ControlWorkWarningDto),
  createdAt: z.string(),
  updatedAt: z.string(),
}).meta({ id: 'ControlWork' });
export type ControlWorkDto = z.infer<typeof ControlWorkDto>;

/** A class, group and subject the caller may schedule control works for, with its teacher. */
export const ControlWorkUnitDto = z.object({
  subject: named,
  class: named.nullable(),
  studyGroup: named.nullable(),
  teacher: named,
}).meta({ id: 'ControlWorkUnit' });

export const ControlWorkListDto = z.object({
  academicYear: z.number().int(),
  items: z.array(ControlWorkSummaryDto),
  total: z.number().int(),
  warnings: z.array(ControlWorkWarningDto),
  /** What the caller may schedule works for: a teacher their load, the administration every load row. */
  units: z.array(ControlWorkUnitDto),
  canWrite: z.boolean(),
}).meta({ id: 'ControlWorkList' });
export type ControlWorkListDto = z.infer<typeof ControlWorkListDto>;

export const PlannedControlTopicQuery = z.object({
  subjectId: ref('Предмет'),
  classId: ref('Класс').optional(),
  studyGroupId: ref('Группа').optional(),
  academicYear: academicYear.optional(),
});
export type PlannedControlTopicQuery = z.infer<typeof PlannedControlTopicQuery>;

/** A topic of a work programme marked as a control work: what a new work is prefilled with. */
export const PlannedControlTopicDto = z.object({
  plannedTopicId: Uuid,
  workProgrammeId: Uuid,
  position: z.number().int(),
  section: z.string().nullable(),
  title: z.string(),
  controlForm: named,
  contentElementCodes: z.array(z.string()),
  /** A control work is already scheduled on it. */
  controlWorkId: Uuid.nullable(),
}).meta({ id: 'PlannedControlTopic' });
export const PlannedControlTopicListDto = z.object({ items: z.array(PlannedControlTopicDto) }).meta({ id: 'PlannedControlTopicList' });
export type PlannedControlTopicListDto = z.infer<typeof PlannedControlTopicListDto>;

// --- Results --------------------------------------------------------------------------------------

const points = z.number({ error: 'Баллы: ожидается число' }).min(0, 'Баллы: не меньше 0')
  .refine(isPointsStep, 'Баллы: с шагом 0,1 (например 1,5)').nullable();

export const SaveControlWorkResultsBody = z.object({
  /** The lesson the work was held at: a dated timetable lesson, or a journal lesson. Absent: the one it is bound to. */
  lesson: z.union([
    z.object({ timetableLessonId: ref('Урок'), date: IsoDate('Дата урока') }),
    z.object({ journalLessonId: ref('Урок журнала') }),
  ], { error: 'Урок: timetableLessonId с датой или journalLessonId' }).optional(),
  /** One row per student: points per task in the work's order; null — empty; all empty — «не писал». */
  rows: z.array(z.object({
    studentId: ref('Ученик'),
    points: z.array(points, { error: 'Баллы: ожидается список по заданиям' }).max(maxControlWorkTasks),
  }), { error: 'Строки: ожидается список' }).max(maxResultRows, `Строки: не больше ${maxResultRows}`),
  /** The administration writes with a reason (kept in the audit). */
  reason: z.string({ error: 'Причина: ожидается строка' }).trim().max(500, 'Причина: не длиннее 500 символов').optional(),
}).meta({ id: 'SaveControlWorkResultsBody' });
export type SaveControlWorkResultsBody = z.infer<typeof SaveControlWorkResultsBody>;

export const ControlWorkResultRowDto = z.object({
  studentId: Uuid,
  name: z.string(),
  points: z.array(z.number().nullable()),
  /** Null: «не писал». */
  total: z.number().nullable(),
  mark: z.number().int().nullable(),
  markId: Uuid.nullable(),
});
export type ControlWorkResultRowDto = z.infer<typeof ControlWorkResultRowDto>;

export const ControlWorkResultsDto = z.object({
  work: ControlWorkDto,
  /** The students of the lesson (or of the class or group on the planned date, before a lesson is chosen). */
  rows: z.array(ControlWorkResultRowDto),
}).meta({ id: 'ControlWorkResults' });
export type ControlWorkResultsDto = z.infer<typeof ControlWorkResultsDto>;

// --- Analysis -------------------------------------------------------------------------------------

const share = z.number().nullable();
export const ControlWorkAnalysisDto = z.object({
  controlWorkId: Uuid,
  written: z.number().int(),
  absent: z.number().int(),
  tasks: z.array(z.object({ taskId: Uuid, label: z.string(), maxPoints: z.number(), mastered: z.number().int(), share, averagePoints: z.number().nullable() })),
  elements: z.array(z.object({ code: z.string(), taskIds: z.array(Uuid), maxPoints: z.number(), share, pointsShare: share })),
  marks: z.object({ 5: z.number().int(), 4: z.number().int(), 3: z.number().int(), 2: z.number().int() }),
  averageMark: z.number().nullable(),
  averagePoints: z.number().nullable(),
  successShare: share,
  qualityShare: share,
  mastery: z.object({ share: z.number(), fullForOnePoint: z.boolean() }),
  /** When it was stored; null: nothing saved yet. */
  computedAt: z.string().nullable(),
}).meta({ id: 'ControlWorkAnalysis' });
export type ControlWorkAnalysisDto = z.infer<typeof ControlWorkAnalysisDto>;

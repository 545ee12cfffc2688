// Work programmes with their lesson plans (КТП) and the КЭС codifiers a school loads (SPEC B13,
// D6): codifiers uploaded from CSV/XLSX, programmes of a teacher × subject × class or group × year
// (from a load row, or copied from last year's or a colleague's), their topics with hours, КЭС codes
// and planned control works, the plan's XLSX import and export, planned against delivered hours, and
// the next planned topic of a lesson. Every change of a programme carries `If-Match: "<version>"`;
// a stale one is answered 412 VERSION_STALE with the current version. Routes live under
// /api/v1/schools/:schoolId/work-programmes and …/codifiers.
import { z } from 'zod';
import { Uuid } from './common';
import { PersonName, SchoolParams, UnitRef } from './org';

const academicYear = z.coerce.number({ error: 'Учебный год: ожидается число, например 2026' }).int('Учебный год: целое число')
  .min(2000, 'Учебный год: от 2000 до 2100').max(2100, 'Учебный год: от 2000 до 2100');
const ref = (what: string) => z.uuid({ error: `${what}: неверный идентификатор` });
const isoDate = (what: string) => z.iso.date({ error: `${what}: ожидается дата в формате ГГГГ-ММ-ДД` });
const boolQuery = z.enum(['true', 'false'], { error: 'Ожидается true или false' }).transform((v) => v === 'true');
const text = (what: string, max: number) => z.string({ error: `${what}: ожидается строка` }).trim()
  .min(1, `${what}: обязательное поле`).max(max, `${what}: не длиннее ${max} символов`);

export const workProgrammeStaleCode = 'VERSION_STALE';
/** Hours of one topic. */
export const maxTopicHours = 50;
/** Topics of one plan (a year of daily lessons is about 200). */
export const maxTopics = 400;
export const maxTopicCodes = 30;
/** The codifier and lesson-plan files are small tables. */
export const maxPlanFileBytes = 5 * 1024 * 1024;

export const CodifierParams = SchoolParams.extend({ codifierId: ref('Кодификатор') });
export const WorkProgrammeParams = SchoolParams.extend({ workProgrammeId: ref('Рабочая программа') });
export const PlannedTopicParams = WorkProgrammeParams.extend({ topicId: ref('Тема') });

// --- Codifiers (КЭС) --------------------------------------------------------------------------

export const codifierSources = ['ОГЭ', 'ЕГЭ', 'ВПР', 'school'] as const;

/**
 * The upload's description, in the query string (the body is the file itself, its name in
 * X-File-Name, URI-encoded). `dryRun=true` checks the file and writes nothing.
 */
export const UploadCodifierQuery = z.object({
  name: text('Название кодификатора', 200),
  subjectId: ref('Предмет').optional(),
  source: z.enum(codifierSources, { error: 'Источник: ОГЭ, ЕГЭ, ВПР или school' }).optional(),
  editionYear: z.coerce.number({ error: 'Год издания: ожидается число' }).int().min(2000, 'Год издания: от 2000').max(2100, 'Год издания: до 2100').optional(),
  dryRun: boolQuery.optional(),
});
export type UploadCodifierQuery = z.infer<typeof UploadCodifierQuery>;

export const ContentElementDto = z.object({
  id: Uuid,
  code: z.string(),
  parentCode: z.string().nullable(),
  title: z.string(),
  isSection: z.boolean(),
}).meta({ id: 'ContentElement' });
export type ContentElementDto = z.infer<typeof ContentElementDto>;

export const CodifierDto = z.object({
  id: Uuid,
  name: z.string(),
  subject: UnitRef.nullable(),
  source: z.string().nullable(),
  editionYear: z.number().int().nullable(),
  elements: z.number().int(),
  /** Work programmes that take their codes from it: while any does, it cannot be deleted. */
  usedBy: z.number().int(),
  /** Whether the caller may delete it (the administration, or whoever loaded it). */
  canDelete: z.boolean(),
  createdAt: z.string(),
}).meta({ id: 'Codifier' });
export type CodifierDto = z.infer<typeof CodifierDto>;

export const CodifierDetailDto = CodifierDto.extend({ items: z.array(ContentElementDto) }).meta({ id: 'CodifierDetail' });
export type CodifierDetailDto = z.infer<typeof CodifierDetailDto>;

export const CodifierListDto = z.object({ items: z.array(CodifierDto), total: z.number().int(), canWrite: z.boolean() }).meta({ id: 'CodifierList' });
export type CodifierListDto = z.infer<typeof CodifierListDto>;

/** A dry run's answer: what would be loaded. Problems are refused with 400 and their row numbers. */
export const CodifierDryRunDto = z.object({
  dryRun: z.literal(true),
  elements: z.number().int(),
  sections: z.number().int(),
  /** The first rows as they would be stored. */
  preview: z.array(ContentElementDto.omit({ id: true })),
}).meta({ id: 'CodifierDryRun' });
export type CodifierDryRunDto = z.infer<typeof CodifierDryRunDto>;

// --- Work programmes ----------------------------------------------------------------------------

const Named = UnitRef;
const Teacher = PersonName.extend({ id: Uuid });

export const PlannedTopicDto = z.object({
  id: Uuid,
  position: z.number().int(),
  section: z.string().nullable(),
  title: z.string(),
  hours: z.number().int(),
  contentElementCodes: z.array(z.string()),
  /** A control work planned at this topic, in this form of control. */
  controlForm: Named.nullable(),
  /** Journal lessons that gave this topic. */
  deliveredLessons: z.number().int(),
}).meta({ id: 'PlannedTopic' });
export type PlannedTopicDto = z.infer<typeof PlannedTopicDto>;

/** Planned against delivered hours of a programme (or of a load row without one). */
export const HoursDto = z.object({
  /** Σ hours of the topics. */
  planned: z.number().int(),
  /** Hours per week of the load row × the weeks of the calendar; null without a load row. */
  expected: z.number().int().nullable(),
  hoursPerWeek: z.number().nullable(),
  /** Weeks of the grade in the school's calendar (the typical calendar while the school has none). */
  weeks: z.number().nullable(),
  /** Journal lessons of the subject and class or group in the year, up to today, that have a topic. */
  delivered: z.number().int(),
}).meta({ id: 'WorkProgrammeHours' });
export type HoursDto = z.infer<typeof HoursDto>;

export const WorkProgrammeDto = z.object({
  id: Uuid,
  academicYear: z.number().int(),
  title: z.string(),
  employee: Teacher,
  subject: Named,
  class: Named.nullable(),
  studyGroup: Named.nullable(),
  /** The grade of the class (of a group: of its class or its students' classes). */
  grade: z.number().int().nullable(),
  teachingLoadId: Uuid.nullable(),
  codifier: Named.nullable(),
  copiedFromId: Uuid.nullable(),
  topics: z.number().int(),
  hours: HoursDto,
  /** Whether the caller may change it. */
  canWrite: z.boolean(),
  /** Send back as `If-Match` with a change. */
  version: z.number().int(),
  updatedAt: z.string(),
}).meta({ id: 'WorkProgramme' });
export type WorkProgrammeDto = z.infer<typeof WorkProgrammeDto>;

export const WorkProgrammeDetailDto = WorkProgrammeDto.extend({ items: z.array(PlannedTopicDto) }).meta({ id: 'WorkProgrammeDetail' });
export type WorkProgrammeDetailDto = z.infer<typeof WorkProgrammeDetailDto>;

export const WorkProgrammeListQuery = z.object({
  academicYear: academicYear.optional(),
  subjectId: ref('Предмет').optional(),
  grade: z.coerce.number({ error: 'Параллель: ожидается число' }).int().min(1).max(11).optional(),
  /** Only the caller's own programmes. */
  mine: boolQuery.optional(),
});
export type WorkProgrammeListQuery = z.infer<typeof WorkProgrammeListQuery>;

export const WorkProgrammeListDto = z.object({
  academicYear: z.number().int(),
  items: z.array(WorkProgrammeDto),
  total: z.number().int(),
  /** Whether the caller may create programmes at all (for what they teach, or for anyone). */
  canWrite: z.boolean(),
}).meta({ id: 'WorkProgrammeList' });
export type WorkProgrammeListDto = z.infer<typeof WorkProgrammeListDto>;

/** Load rows a programme may be made for: the caller's own (a teacher), every one (the administration). */
export const ProgrammeLoadRowDto = z.object({
  teachingLoadId: Uuid,
  employee: Teacher,
  subject: Named,
  class: Named.nullable(),
  studyGroup: Named.nullable(),
  grade: z.number().int().nullable(),
  hoursPerWeek: z.number(),
  weeks: z.number(),
  /** Hours per week × weeks: what a new programme's plan should add up to. */
  yearHours: z.number().int(),
  /** The programme already made for it, if any. */
  workProgrammeId: Uuid.nullable(),
}).meta({ id: 'ProgrammeLoadRow' });
export type ProgrammeLoadRowDto = z.infer<typeof ProgrammeLoadRowDto>;
export const ProgrammeLoadListDto = z.object({ academicYear: z.number().int(), items: z.array(ProgrammeLoadRowDto), total: z.number().int() })
  .meta({ id: 'ProgrammeLoadList' });
export type ProgrammeLoadListDto = z.infer<typeof ProgrammeLoadListDto>;

export const LoadYearQuery = z.object({ academicYear: academicYear.optional() });
export type LoadYearQuery = z.infer<typeof LoadYearQuery>;

/**
 * A new programme: from a load row (teacher, subject, class or group and year come from it; the
 * title is prefilled), or named in full. Its topics may be copied from another programme of the
 * school (`copyFromId`: a colleague's, any year) or from last year's programme of the same subject
 * and grade (`copyFromLastYear`).
 */
export const CreateWorkProgrammeBody = z.object({
  teachingLoadId: ref('Строка нагрузки').optional(),
  /** Without a load row: the teacher (default: the caller), subject, and exactly one of class and group. */
  employeeId: ref('Учитель').optional(),
  subjectId: ref('Предмет').optional(),
  classId: ref('Класс').optional(),
  studyGroupId: ref('Группа').optional(),
  academicYear: academicYear.optional(),
  title: text('Название', 300).optional(),
  codifierId: ref('Кодификатор').nullable().optional(),
  copyFromId: ref('Программа-образец').optional(),
  copyFromLastYear: z.boolean().optional(),
}).meta({ id: 'CreateWorkProgrammeBody' });
export type CreateWorkProgrammeBody = z.infer<typeof CreateWorkProgrammeBody>;

export const UpdateWorkProgrammeBody = z.object({
  title: text('Название', 300).optional(),
  /** Null: no codifier. The topics' codes must all be in the new one. */
  codifierId: ref('Кодификатор').nullable().optional(),
}).meta({ id: 'UpdateWorkProgrammeBody' });
export type UpdateWorkProgrammeBody = z.infer<typeof UpdateWorkProgrammeBody>;

const topicFields = {
  section: z.string({ error: 'Раздел: ожидается строка' }).trim().max(300, 'Раздел: не длиннее 300 символов').nullable(),
  title: text('Тема', 500),
  hours: z.number({ error: 'Часы: ожидается число' }).int('Часы: целое число').min(1, 'Часы: от 1').max(maxTopicHours, `Часы: не больше ${maxTopicHours}`),
  contentElementCodes: z.array(z.string({ error: 'Код КЭС: ожидается строка' }).trim(), { error: 'Коды КЭС: ожидается список' })
    .max(maxTopicCodes, `Коды КЭС: не больше ${maxTopicCodes}`),
  controlFormId: ref('Форма контроля').nullable(),
};

export const CreatePlannedTopicBody = z.object({
  title: topicFields.title,
  section: topicFields.section.optional(),
  hours: topicFields.hours.optional(),
  contentElementCodes: topicFields.contentElementCodes.optional(),
  controlFormId: topicFields.controlFormId.optional(),
  /** Where to put it, from 1; default: at the end. */
  position: z.number().int().min(1, 'Место: от 1').optional(),
}).meta({ id: 'CreatePlannedTopicBody' });
export type CreatePlannedTopicBody = z.infer<typeof CreatePlannedTopicBody>;

export const UpdatePlannedTopicBody = z.object({
  title: topicFields.title.optional(),
  section: topicFields.section.optional(),
  hours: topicFields.hours.optional(),
  contentElementCodes: topicFields.contentElementCodes.optional(),
  controlFormId: topicFields.controlFormId.optional(),
}).meta({ id: 'UpdatePlannedTopicBody' });
export type UpdatePlannedTopicBody = z.infer<typeof UpdatePlannedTopicBody>;

export const MovePlannedTopicBody = z.object({ position: z.number({ error: 'Место: ожидается число' }).int().min(1, 'Место: от 1') })
  .meta({ id: 'MovePlannedTopicBody' });
export type MovePlannedTopicBody = z.infer<typeof MovePlannedTopicBody>;

/** The topic keeps `hours` (default: half, rounded up); the new one after it gets the rest and `title` (default: the same title). */
export const SplitPlannedTopicBody = z.object({
  hours: topicFields.hours.optional(),
  title: topicFields.title.optional(),
}).meta({ id: 'SplitPlannedTopicBody' });
export type SplitPlannedTopicBody = z.infer<typeof SplitPlannedTopicBody>;

// --- Import of a lesson plan --------------------------------------------------------------------

export const ImportLessonPlanQuery = z.object({ dryRun: boolQuery.optional() });
export type ImportLessonPlanQuery = z.infer<typeof ImportLessonPlanQuery>;

const PlanRow = z.object({
  position: z.number().int(),
  section: z.string().nullable(),
  title: z.string(),
  hours: z.number().int(),
  contentElementCodes: z.array(z.string()),
  controlForm: Named.nullable(),
});

/** What an import does (or would do): the new plan, and how it differs from the current one. */
export const LessonPlanImportDto = z.object({
  dryRun: z.boolean(),
  topics: z.array(PlanRow),
  plannedHours: z.number().int(),
  diff: z.object({
    /** Titles new to the plan, kept topics with a change, topics dropped, topics the same. */
    added: z.array(z.string()),
    changed: z.array(z.string()),
    removed: z.array(z.string()),
    unchanged: z.number().int(),
  }),
  /** The programme after the import (null on a dry run). */
  workProgramme: WorkProgrammeDetailDto.nullable(),
}).meta({ id: 'LessonPlanImport' });
export type LessonPlanImportDto = z.infer<typeof LessonPlanImportDto>;

// --- Coverage and the next topic ---------------------------------------------------------------

export const CoverageQuery = z.object({ academicYear: academicYear.optional() });
export type CoverageQuery = z.infer<typeof CoverageQuery>;

/** One class or group × subject of the year's load: its programme (if any) and its hours. */
export const CoverageRowDto = z.object({
  teachingLoadId: Uuid,
  employee: Teacher,
  subject: Named,
  class: Named.nullable(),
  studyGroup: Named.nullable(),
  grade: z.number().int().nullable(),
  workProgrammeId: Uuid.nullable(),
  hours: HoursDto,
}).meta({ id: 'WorkProgrammeCoverageRow' });
export type CoverageRowDto = z.infer<typeof CoverageRowDto>;

export const CoverageDto = z.object({
  academicYear: z.number().int(),
  items: z.array(CoverageRowDto),
  total: z.number().int(),
  /** Load rows without a programme. */
  withoutProgramme: z.number().int(),
}).meta({ id: 'WorkProgrammeCoverage' });
export type CoverageDto = z.infer<typeof CoverageDto>;

export const NextTopicQuery = z.object({
  subjectId: ref('Предмет'),
  classId: ref('Класс').optional(),
  studyGroupId: ref('Группа').optional(),
  date: isoDate('Дата урока'),
  /** The lesson's number that day: lessons earlier that day count as before it. */
  lessonNumber: z.coerce.number({ error: 'Номер урока: ожидается число' }).int().min(1).max(20).optional(),
  /** Whose programme, when several teachers have one for the class and subject (default: the caller's, else the first). */
  employeeId: ref('Учитель').optional(),
});
export type NextTopicQuery = z.infer<typeof NextTopicQuery>;

export const NextTopicItemDto = z.object({
  id: Uuid,
  position: z.number().int(),
  section: z.string().nullable(),
  title: z.string(),
  hours: z.number().int(),
  contentElementCodes: z.array(z.string()),
  controlForm: Named.nullable(),
  /** Lessons of the topic already given before the date. */
  deliveredLessons: z.number().int(),
});
export type NextTopicItemDto = z.infer<typeof NextTopicItemDto>;

export const NextTopicDto = z.object({
  workProgramme: z.object({ id: Uuid, title: z.string(), employee: Teacher }).nullable(),
  /** The next planned topic; null without a programme or when its plan is used up. */
  topic: NextTopicItemDto.nullable(),
  /** Which lesson of that topic this one is, from 1. */
  lessonOfTopic: z.number().int().nullable(),
  /** The topics with lessons left after it (the first five), for picking another. */
  remaining: z.array(NextTopicItemDto),
  /** Lessons before the date that carry a planned topic of the programme. */
  deliveredBefore: z.number().int(),
}).meta({ id: 'NextTopic' });
export type NextTopicDto = z.infer<typeof NextTopicDto>;

// Requests and answers of curricula (SPEC B9), individual curricula (ИУП), copying a year, the
// extracurricular plan (B15) and building from curriculum samples (B14). Routes live under
// /api/v1/schools/:schoolId/curricula and /students/:studentId/curriculum. Hours are numbers with
// a 0.5 step; the rules (domain/curriculum.ts) answer 400 with paths like `lines.3.hoursPerWeek`.
import { z } from 'zod';
import { curriculumKinds, curriculumParts } from '../domain/curriculum';
import { Uuid } from './common';
import { SampleOrigin } from './samples';

const ref = (what: string) => z.uuid({ error: `${what}: неверный идентификатор` });
const year = (what = 'Учебный год') => z.number({ error: `${what}: ожидается число, например 2026` }).int(`${what}: целое число`).min(2000, `${what}: не раньше 2000`).max(2100, `${what}: не позже 2100`);
const yearQuery = z.coerce.number({ error: 'Учебный год: ожидается число, например 2026' }).int().min(2000).max(2100);
const hours = (what: string) => z.number({ error: `${what}: ожидается число` });
const weekDays = z.union([z.literal(5), z.literal(6)], { error: 'Учебная неделя: 5 или 6 дней' });
const name = z.string({ error: 'Название: ожидается строка' }).trim().min(1, 'Название: обязательное поле').max(200, 'Название: не длиннее 200 символов');

export const CurriculumKind = z.enum(curriculumKinds, { error: 'Вид плана: main или extracurricular' });
export type CurriculumKind = z.infer<typeof CurriculumKind>;
export const CurriculumPart = z.enum(curriculumParts, { error: 'Часть: обязательная или формируемая участниками' });
export type CurriculumPart = z.infer<typeof CurriculumPart>;
export const CurriculumSource = z.enum(['student', 'class', 'grade']);
export type CurriculumSource = z.infer<typeof CurriculumSource>;

export const CurriculaParams = z.object({ schoolId: Uuid });
export const CurriculumParams = CurriculaParams.extend({ curriculumId: Uuid });
export const StudentCurriculumParams = CurriculaParams.extend({ studentId: Uuid });

export const CurriculumListQuery = z.object({ academicYear: yearQuery.optional(), kind: CurriculumKind.optional() });
export type CurriculumListQuery = z.infer<typeof CurriculumListQuery>;
export const StudentCurriculumQuery = z.object({ academicYear: yearQuery.optional(), kind: CurriculumKind.default('main') });
export type StudentCurriculumQuery = z.infer<typeof StudentCurriculumQuery>;

// ---------------------------------------------------------------------------------------------
// Answers

export const CurriculumIssueDto = z.object({
  severity: z.enum(['error', 'warning']),
  path: z.string(),
  code: z.string().meta({ example: 'SANPIN_WEEKLY_MAX' }),
  message: z.string(),
  term: z.number().int().optional(),
}).meta({ id: 'CurriculumIssue' });
export type CurriculumIssueDto = z.infer<typeof CurriculumIssueDto>;

const summary = {
  id: Uuid,
  academicYear: z.number().int(),
  kind: CurriculumKind,
  grade: z.number().int(),
  /** Set for a class's own curriculum. */
  class: z.object({ id: Uuid, name: z.string() }).nullable(),
  /** Set for an individual curriculum (ИУП). */
  student: z.object({ id: Uuid, name: z.string() }).nullable(),
  name: z.string(),
  weekDays: z.number().int(),
  lineCount: z.number().int(),
  /** Weekly total in each term of the grade. */
  totalsByTerm: z.array(z.number()),
  /** The largest term total. */
  total: z.number(),
  /** СанПиН weekly maximum (main) or 10 h (extracurricular); null where there is none. */
  weeklyMax: z.number().nullable(),
  errorCount: z.number().int(),
  warningCount: z.number().int(),
  sample: SampleOrigin.nullable(),
  copiedFromId: Uuid.nullable(),
};

export const CurriculumSummaryDto = z.object(summary).meta({ id: 'CurriculumSummary' });
export type CurriculumSummaryDto = z.infer<typeof CurriculumSummaryDto>;
export const CurriculumListDto = z.object({ items: z.array(CurriculumSummaryDto), total: z.number().int() }).meta({ id: 'CurriculumList' });
export type CurriculumListDto = z.infer<typeof CurriculumListDto>;

export const CurriculumLineDto = z.object({
  id: Uuid,
  subject: z.object({ id: Uuid, name: z.string(), kind: z.string(), catalogueCode: z.string().nullable() }),
  part: CurriculumPart,
  hoursPerWeek: z.number(),
  hoursByTerm: z.array(z.number()).nullable(),
  attestationScheduleId: Uuid.nullable(),
  attestationForm: z.string().nullable(),
  splitIntoGroups: z.boolean(),
}).meta({ id: 'CurriculumLine' });
export type CurriculumLineDto = z.infer<typeof CurriculumLineDto>;

export const CurriculumDto = z.object({
  ...summary,
  /** Terms of the grade in the calendar of the year; null when the calendar is not set yet. */
  termsCount: z.number().int().nullable(),
  /** The most lessons the week can hold (week days × the daily maximum). */
  capacity: z.number().int(),
  lines: z.array(CurriculumLineDto),
  issues: z.array(CurriculumIssueDto),
}).meta({ id: 'Curriculum' });
export type CurriculumDto = z.infer<typeof CurriculumDto>;

export const StudentCurriculumDto = z.object({
  source: CurriculumSource.nullable(),
  curriculum: CurriculumDto.nullable(),
}).meta({ id: 'StudentCurriculum' });
export type StudentCurriculumDto = z.infer<typeof StudentCurriculumDto>;

const DiffLineDto = z.object({ key: z.string(), subject: z.string(), part: CurriculumPart, hoursPerWeek: z.number() });
export const LinesDiffDto = z.object({
  added: z.array(DiffLineDto),
  removed: z.array(DiffLineDto),
  changed: z.array(z.object({ key: z.string(), subject: z.string(), fromHours: z.number(), toHours: z.number(), fromPart: CurriculumPart, toPart: CurriculumPart })),
}).meta({ id: 'CurriculumLinesDiff' });
export type LinesDiffDto = z.infer<typeof LinesDiffDto>;

export const CurriculumSampleDiffDto = z.object({
  sample: SampleOrigin,
  /** What changed in the sample between the version the curriculum holds and the latest one. */
  sinceVersion: LinesDiffDto,
  /** What taking over the latest version would change in the curriculum as it is now. */
  againstCurrent: LinesDiffDto,
}).meta({ id: 'CurriculumSampleDiff' });
export type CurriculumSampleDiffDto = z.infer<typeof CurriculumSampleDiffDto>;

export const CopyYearResultDto = z.object({
  created: z.array(z.object({ id: Uuid, sourceId: Uuid, name: z.string(), kind: CurriculumKind, grade: z.number().int() })),
  skipped: z.array(z.object({ sourceId: Uuid, name: z.string(), reason: z.enum(['exists', 'noClass', 'notEnrolled']), message: z.string() })),
}).meta({ id: 'CurriculumCopyYearResult' });
export type CopyYearResultDto = z.infer<typeof CopyYearResultDto>;

// ---------------------------------------------------------------------------------------------
// Requests

export const CurriculumLineInput = z.object({
  subjectId: ref('Предмет'),
  part: CurriculumPart.default('mandatory'),
  hoursPerWeek: hours('Часов в неделю'),
  /** Hours per week in each term when they vary; null or absent: the same all year. */
  hoursByTerm: z.array(hours('Часы по периодам')).max(4, 'Часы по периодам: не больше 4 периодов').nullable().optional(),
  attestationScheduleId: ref('График аттестации').nullable().optional(),
  attestationForm: z.string().trim().max(200, 'Форма аттестации: не длиннее 200 символов').nullable().optional(),
  splitIntoGroups: z.boolean().default(false),
});
export type CurriculumLineInput = z.input<typeof CurriculumLineInput>;
const lines = z.array(CurriculumLineInput).max(60, 'Строк плана: не больше 60');

/**
 * One of three ways: the fields and lines; `fromSample` (the sample's column of `grade`); or
 * `copyFrom` another curriculum of the school (into `academicYear`, for a grade, class or student).
 */
export const CreateCurriculumInput = z.object({
  academicYear: year().optional(),
  kind: CurriculumKind.default('main'),
  /** Derived from the class or the student when they are given. */
  grade: z.number({ error: 'Параллель: ожидается число' }).int().min(1, 'Параллель: от 1 до 11').max(11, 'Параллель: от 1 до 11').optional(),
  classId: ref('Класс').nullable().optional(),
  studentId: ref('Ученик').nullable().optional(),
  name: name.optional(),
  weekDays: weekDays.optional(),
  lines: lines.optional(),
  fromSample: z.object({ sampleId: ref('Образец') }).optional(),
  copyFrom: ref('Копируемый план').optional(),
}).meta({ id: 'CreateCurriculumInput' });
export type CreateCurriculumInput = z.input<typeof CreateCurriculumInput>;

export const ReplaceLinesInput = z.object({ lines }).meta({ id: 'ReplaceCurriculumLinesInput' });
export type ReplaceLinesInput = z.input<typeof ReplaceLinesInput>;

export const UpdateCurriculumInput = z.object({ name: name.optional(), weekDays: weekDays.optional() }).meta({ id: 'UpdateCurriculumInput' });
export type UpdateCurriculumInput = z.infer<typeof UpdateCurriculumInput>;

export const CopyYearInput = z.object({ fromYear: year('Из года'), toYear: year('В год') }).meta({ id: 'CurriculumCopyYearInput' });
export type CopyYearInput = z.infer<typeof CopyYearInput>;

export const TakeSampleInput = z.object({ version: z.number({ error: 'Версия: ожидается число' }).int().min(1) }).meta({ id: 'CurriculumTakeSampleInput' });
export type TakeSampleInput = z.infer<typeof TakeSampleInput>;

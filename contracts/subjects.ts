// Requests and answers of subjects (SPEC B2), the ФГОС catalogue and additional programmes
// (дополнительные общеразвивающие программы, SPEC B15). Every route lives under
// /api/v1/schools/:schoolId/. Shapes and field formats here; the rules (unique names, subjects of
// this school…) are the service's, reported as 400 with field paths or 409.
import { z } from 'zod';
import { levels, subjectKinds } from '../domain/subject-catalogue';
import { Uuid } from './common';

const text = (what: string, max: number) => z.string({ error: `${what}: ожидается строка` })
  .trim().max(max, `${what}: не длиннее ${max} символов`);
const required = (what: string, max: number) => text(what, max).min(1, `${what}: обязательное поле`);
const flag = (what: string) => z.boolean({ error: `${what}: ожидается true или false` });
const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });

export const SubjectParams = z.object({ schoolId: Uuid, subjectId: Uuid });
export const AdditionalProgrammeParams = z.object({ schoolId: Uuid, programmeId: Uuid });

export const Level = z.enum(levels, { error: 'Уровень: primary, basic или secondary' });
export type Level = z.infer<typeof Level>;
export const SubjectKind = z.enum(subjectKinds, { error: 'Вид: subject, optionalCourse, extracurricular или additional' });
export type SubjectKind = z.infer<typeof SubjectKind>;

// ---------------------------------------------------------------------------------------------
// Subjects

export const SubjectDto = z.object({
  id: Uuid,
  name: z.string(),
  shortName: z.string(),
  levels: z.array(z.string()),
  kind: SubjectKind,
  /** Code of the ФГОС catalogue entry it was made from; null: the school's own subject. */
  catalogueCode: z.string().nullable(),
  subjectArea: z.string().nullable(),
  archived: z.boolean(),
}).meta({ id: 'Subject' });
export type SubjectDto = z.infer<typeof SubjectDto>;
export const SubjectListDto = listOf(SubjectDto).meta({ id: 'SubjectList' });
export type SubjectListDto = z.infer<typeof SubjectListDto>;

const boolQuery = z.enum(['true', 'false'], { error: 'Ожидается true или false' }).transform((v) => v === 'true');

export const SubjectListQuery = z.object({
  kind: SubjectKind.optional(),
  level: Level.optional(),
  /** Default false: archived subjects are left out. */
  includeArchived: boolQuery.optional(),
});
export type SubjectListQuery = z.infer<typeof SubjectListQuery>;

const Levels = z.array(Level, { error: 'Уровни: ожидается список' }).min(1, 'Уровни: выберите хотя бы один').max(3);

export const CreateSubjectInput = z.object({
  name: required('Название', 200),
  shortName: required('Краткое название', 40),
  levels: Levels,
  /** Default: subject. */
  kind: SubjectKind.optional(),
  subjectArea: text('Предметная область', 200).nullable().optional(),
}).meta({ id: 'CreateSubjectInput' });
export type CreateSubjectInput = z.infer<typeof CreateSubjectInput>;

export const UpdateSubjectInput = z.object({
  name: required('Название', 200).optional(),
  shortName: required('Краткое название', 40).optional(),
  levels: Levels.optional(),
  kind: SubjectKind.optional(),
  subjectArea: text('Предметная область', 200).nullable().optional(),
  archived: flag('В архиве').optional(),
}).meta({ id: 'UpdateSubjectInput' });
export type UpdateSubjectInput = z.infer<typeof UpdateSubjectInput>;

// ---------------------------------------------------------------------------------------------
// The ФГОС catalogue

export const CatalogueEntryDto = z.object({
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  subjectArea: z.string().nullable(),
  /** The area per level (НОО names some areas differently). */
  subjectAreaByLevel: z.object({ primary: z.string().nullable(), basic: z.string().nullable(), secondary: z.string().nullable() }),
  levels: z.array(Level),
  kind: SubjectKind,
  /** The school's subject made from this entry (matched by code, then by name); null: not yet. */
  subjectId: Uuid.nullable(),
}).meta({ id: 'SubjectCatalogueEntry' });
export type CatalogueEntryDto = z.infer<typeof CatalogueEntryDto>;
export const SubjectCatalogueDto = listOf(CatalogueEntryDto).meta({ id: 'SubjectCatalogue' });
export type SubjectCatalogueDto = z.infer<typeof SubjectCatalogueDto>;

export const FromCatalogueInput = z.object({
  codes: z.array(z.string().max(60), { error: 'Коды: ожидается список' }).min(1, 'Выберите хотя бы один предмет каталога').max(100),
}).meta({ id: 'SubjectsFromCatalogueBody' });
export type FromCatalogueInput = z.infer<typeof FromCatalogueInput>;

export const FromCatalogueDto = z.object({
  /** Subjects made now. */
  created: z.array(SubjectDto),
  /** Subjects the school already had for the codes asked for. */
  existing: z.array(SubjectDto),
}).meta({ id: 'SubjectsFromCatalogue' });
export type FromCatalogueDto = z.infer<typeof FromCatalogueDto>;

// ---------------------------------------------------------------------------------------------
// Additional programmes (дополнительные общеразвивающие программы)

export const programmeDirections = ['technical', 'science', 'arts', 'sports', 'tourism', 'social'] as const;
export const ProgrammeDirection = z.enum(programmeDirections, {
  error: 'Направленность: technical, science, arts, sports, tourism или social',
});
export type ProgrammeDirection = z.infer<typeof ProgrammeDirection>;
export const programmeDirectionTitles: Record<ProgrammeDirection, string> = {
  technical: 'Техническая',
  science: 'Естественнонаучная',
  arts: 'Художественная',
  sports: 'Физкультурно-спортивная',
  tourism: 'Туристско-краеведческая',
  social: 'Социально-гуманитарная',
};

const academicYearQuery = z.coerce.number({ error: 'Учебный год: ожидается число, например 2026' }).int().min(2000).max(2100);

export const AdditionalProgrammeListQuery = z.object({ academicYear: academicYearQuery.optional() });
export type AdditionalProgrammeListQuery = z.infer<typeof AdditionalProgrammeListQuery>;

const Age = (what: string) => z.number({ error: `${what}: ожидается число лет` }).int(`${what}: целое число лет`)
  .min(5, `${what}: от 5 до 18 лет`).max(18, `${what}: от 5 до 18 лет`);
const HoursPerWeek = z.number({ error: 'Часов в неделю: ожидается число' })
  .gt(0, 'Часов в неделю: больше нуля').max(20, 'Часов в неделю: не больше 20')
  .refine((h) => Number.isInteger(h * 2), 'Часов в неделю: с шагом 0,5');
const TotalHours = z.number({ error: 'Всего часов: ожидается число' }).int('Всего часов: целое число')
  .min(1, 'Всего часов: больше нуля').max(2000, 'Всего часов: не больше 2000');

export const CreateAdditionalProgrammeInput = z.object({
  /** Default: the school's current academic year. */
  academicYear: z.number().int().min(2000).max(2100).optional(),
  name: required('Название', 200),
  direction: ProgrammeDirection,
  ageFrom: Age('Возраст от').nullable().optional(),
  ageTo: Age('Возраст до').nullable().optional(),
  hoursPerWeek: HoursPerWeek,
  totalHours: TotalHours.nullable().optional(),
  description: text('Описание', 4000).nullable().optional(),
}).meta({ id: 'CreateAdditionalProgrammeInput' });
export type CreateAdditionalProgrammeInput = z.infer<typeof CreateAdditionalProgrammeInput>;

export const UpdateAdditionalProgrammeInput = CreateAdditionalProgrammeInput.omit({ academicYear: true }).partial()
  .meta({ id: 'UpdateAdditionalProgrammeInput' });
export type UpdateAdditionalProgrammeInput = z.infer<typeof UpdateAdditionalProgrammeInput>;

export const ProgrammeGroupDto = z.object({
  id: Uuid,
  name: z.string(),
  /** Members today (within the programme's year). */
  memberCount: z.number().int(),
  teachers: z.array(z.object({ id: Uuid, lastName: z.string(), firstName: z.string(), middleName: z.string().nullable(), hoursPerWeek: z.number() })),
}).meta({ id: 'AdditionalProgrammeGroup' });
export type ProgrammeGroupDto = z.infer<typeof ProgrammeGroupDto>;

export const AdditionalProgrammeDto = z.object({
  id: Uuid,
  academicYear: z.number().int(),
  name: z.string(),
  direction: ProgrammeDirection,
  ageFrom: z.number().int().nullable(),
  ageTo: z.number().int().nullable(),
  hoursPerWeek: z.number(),
  totalHours: z.number().int().nullable(),
  description: z.string().nullable(),
  /** The subject of kind `additional` its groups and load refer to. */
  subject: z.object({ id: Uuid, name: z.string() }),
  /** Study groups of kind `activity` with the programme's subject, in its year. */
  groups: z.array(ProgrammeGroupDto),
}).meta({ id: 'AdditionalProgramme' });
export type AdditionalProgrammeDto = z.infer<typeof AdditionalProgrammeDto>;
export const AdditionalProgrammeListDto = listOf(AdditionalProgrammeDto).meta({ id: 'AdditionalProgrammeList' });
export type AdditionalProgrammeListDto = z.infer<typeof AdditionalProgrammeListDto>;

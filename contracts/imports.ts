// Requests and answers of imports (SPEC A2): staff from the HR system, students and guardians
// from the Контингент registry, as CSV, XLSX or JSON; a dry run row by row, then the apply.
import { z } from 'zod';
import { Uuid } from './common';

export const importKinds = ['staff', 'students', 'guardians'] as const;
export const ImportKind = z.enum(importKinds);
export type ImportKind = z.infer<typeof ImportKind>;

export const importKindTitles: Record<ImportKind, string> = {
  staff: 'Сотрудники',
  students: 'Ученики (Контингент)',
  guardians: 'Родители',
};

export const ImportFormat = z.enum(['csv', 'xlsx', 'json']);
export type ImportFormat = z.infer<typeof ImportFormat>;

/** `rejected`: the file itself was refused; `failed`: the analysis stopped (server restart, error). */
export const ImportStatus = z.enum(['analysing', 'ready', 'applying', 'applied', 'failed', 'rejected']);
export type ImportStatus = z.infer<typeof ImportStatus>;

export const importOutcomes = ['create', 'update', 'unchanged', 'rejected'] as const;
export const ImportOutcome = z.enum(importOutcomes);
export type ImportOutcome = z.infer<typeof ImportOutcome>;

/** Fields a column of a file may hold. `student*` fields name the child on a guardians' file. */
export const importFields = [
  'externalId', 'lastName', 'firstName', 'middleName', 'birthDate', 'snils', 'email', 'phone',
  'position',
  'sex', 'className', 'educationForm', 'individualCurriculum', 'adaptedProgramme',
  'studentExternalId', 'studentSnils', 'studentLastName', 'studentFirstName', 'studentMiddleName', 'studentBirthDate', 'relation',
] as const;
export const ImportField = z.enum(importFields);
export type ImportField = z.infer<typeof ImportField>;

const personFields = ['lastName', 'firstName', 'middleName', 'birthDate', 'snils', 'email', 'phone', 'externalId'] as const satisfies readonly ImportField[];

/** The fields each kind of file may have, in the order a template lists them. */
export const fieldsOfKind: Record<ImportKind, readonly ImportField[]> = {
  staff: [...personFields, 'position'],
  students: [...personFields, 'sex', 'className', 'educationForm', 'individualCurriculum', 'adaptedProgramme'],
  guardians: [...personFields, 'studentExternalId', 'studentSnils', 'studentLastName', 'studentFirstName', 'studentMiddleName', 'studentBirthDate', 'relation'],
};

/** Column titles as a file usually has them; the same words a template uses. */
export const importFieldTitles: Record<ImportField, string> = {
  externalId: 'ID',
  lastName: 'Фамилия',
  firstName: 'Имя',
  middleName: 'Отчество',
  birthDate: 'Дата рождения',
  snils: 'СНИЛС',
  email: 'E-mail',
  phone: 'Телефон',
  position: 'Должность',
  sex: 'Пол',
  className: 'Класс',
  educationForm: 'Форма обучения',
  individualCurriculum: 'ИУП',
  adaptedProgramme: 'АООП',
  studentExternalId: 'ID ученика',
  studentSnils: 'СНИЛС ученика',
  studentLastName: 'Фамилия ученика',
  studentFirstName: 'Имя ученика',
  studentMiddleName: 'Отчество ученика',
  studentBirthDate: 'Дата рождения ученика',
  relation: 'Степень родства',
};

export const SchoolParams = z.object({ schoolId: Uuid });
export const ImportJobParams = z.object({ schoolId: Uuid, jobId: Uuid });

export const CreateImportQuery = z.object({ kind: ImportKind });

/**
 * An explicit column mapping { column title in the file → field }; `null` ignores a column.
 * Columns it does not name keep their default by title. Sent as the X-Import-Mapping header
 * (URI-encoded JSON) with a file, or as `mapping` inside a JSON upload.
 */
export const ImportMapping = z.record(z.string().max(200), ImportField.nullable())
  .refine((m) => Object.keys(m).length <= 200, 'Слишком много столбцов в сопоставлении');
export type ImportMapping = z.infer<typeof ImportMapping>;

/** A JSON upload: the rows themselves (keys as column titles or field names), or rows with a mapping. */
export const JsonImportInput = z.union([
  z.array(z.record(z.string(), z.unknown())),
  z.object({ rows: z.array(z.record(z.string(), z.unknown())), mapping: ImportMapping.optional(), fileName: z.string().max(255).optional() }),
]);
export type JsonImportInput = z.infer<typeof JsonImportInput>;

export const ImportIssue = z.object({
  code: z.string().meta({ example: 'EMAIL_INVALID' }),
  message: z.string().meta({ example: 'E-mail: неверный адрес' }),
  field: z.string().optional(),
});
export type ImportIssue = z.infer<typeof ImportIssue>;

export const ImportCounts = z.object({
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  /** Rows accepted with a warning (no login key, no class, …). */
  warnings: z.number().int(),
});
export type ImportCounts = z.infer<typeof ImportCounts>;

export const ImportColumnDto = z.object({
  /** The title in the file (or key of a JSON object). */
  column: z.string(),
  /** The field it feeds; null: ignored. */
  field: ImportField.nullable(),
});

export const ImportJobDto = z.object({
  id: Uuid,
  kind: ImportKind,
  format: ImportFormat,
  status: ImportStatus,
  fileName: z.string().nullable(),
  fileSize: z.number().int(),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  counts: ImportCounts,
  appliedCounts: ImportCounts.nullable(),
  columns: z.array(ImportColumnDto),
  /** Columns of the file no field takes: listed, then ignored. */
  unknownColumns: z.array(z.string()),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  createdAt: z.iso.datetime(),
  analysedAt: z.iso.datetime().nullable(),
  appliedAt: z.iso.datetime().nullable(),
}).meta({ id: 'ImportJob' });
export type ImportJobDto = z.infer<typeof ImportJobDto>;

export const ImportJobListDto = z.object({ jobs: z.array(ImportJobDto) }).meta({ id: 'ImportJobList' });
export type ImportJobListDto = z.infer<typeof ImportJobListDto>;

export const ImportRowsQuery = z.object({
  outcome: ImportOutcome.optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type ImportRowsQuery = z.infer<typeof ImportRowsQuery>;

export const ImportRowDto = z.object({
  rowNumber: z.number().int(),
  outcome: ImportOutcome,
  /** Surname, first name and patronymic as the row gives them (normalised when valid). */
  name: z.string(),
  reasons: z.array(ImportIssue),
  warnings: z.array(ImportIssue),
  changedFields: z.array(z.string()),
  /** The row's fields: normalised when the row is valid, else cleaned text as the file had it. */
  data: z.record(z.string(), z.unknown()),
  targetId: Uuid.nullable(),
  /** The row's change was written by the apply (created and updated rows). */
  applied: z.boolean(),
}).meta({ id: 'ImportRow' });
export type ImportRowDto = z.infer<typeof ImportRowDto>;

export const ImportRowListDto = z.object({
  rows: z.array(ImportRowDto),
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
}).meta({ id: 'ImportRowList' });
export type ImportRowListDto = z.infer<typeof ImportRowListDto>;

/** Titles of fields an update changes, for the report (`class`, `link`, `relation` besides the fields). */
export const changedFieldTitles: Record<string, string> = {
  ...importFieldTitles,
  class: 'класс',
  link: 'связь с ребёнком',
  relation: 'степень родства',
};

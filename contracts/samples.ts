// Samples and constructors (SPEC B14): what a region or a municipality publishes for its schools
// to build from. The content of each kind of sample is defined here once; the areas that build
// from a sample (curricula, calendar, control forms, and work programmes later) read it in this shape.
import { z } from 'zod';
import { AcademicCalendarBody } from './calendar';
import { Uuid } from './common';

export const sampleKinds = ['curriculum', 'calendar', 'controlForms', 'workProgramme'] as const;
export const SampleKind = z.enum(sampleKinds);
export type SampleKind = z.infer<typeof SampleKind>;
export const levels = ['primary', 'basic', 'secondary'] as const;
export const Level = z.enum(levels);
export type Level = z.infer<typeof Level>;

const Name = z.string().trim().min(1, 'Название: обязательно').max(200, 'Название: не длиннее 200 символов');
const Hours = z.number().min(0, 'Часы: не меньше 0').max(40, 'Часы: не больше 40');

/**
 * A curriculum of a level for a 5- or 6-day week: each line is a subject (by name, with its
 * subject area) and its hours per week in each grade of `grades` (null: not taught in that grade).
 */
export const CurriculumSampleContent = z.object({
  level: Level,
  weekDays: z.union([z.literal(5), z.literal(6)]),
  grades: z.array(z.number().int().min(1).max(11)).min(1),
  lines: z.array(z.object({
    subject: Name,
    subjectArea: z.string().max(200).nullable(),
    /** Code of the ФГОС catalogue entry (domain/subject-catalogue.ts) when the subject is one. */
    catalogueCode: z.string().max(60).nullable(),
    part: z.enum(['mandatory', 'formed']),
    hoursPerWeek: z.array(Hours.nullable()),
  })).min(1).max(60),
}).meta({ id: 'CurriculumSampleContent' });
export type CurriculumSampleContent = z.infer<typeof CurriculumSampleContent>;

/**
 * A calendar template: the calendar document of one academic year. Read lazily: contracts/calendar
 * imports `SampleOrigin` from here, and either module may be loaded first.
 */
export const CalendarSampleContent = z.object({
  academicYear: z.number().int().min(2000).max(2100),
  calendar: z.lazy(() => AcademicCalendarBody),
}).meta({ id: 'CalendarSampleContent' });
export type CalendarSampleContent = z.infer<typeof CalendarSampleContent>;

/** A set of control forms with weights and the kind of mark scale each uses. */
export const ControlFormsSampleContent = z.object({
  forms: z.array(z.object({
    name: Name,
    shortName: z.string().trim().min(1).max(20),
    weight: z.number().gt(0, 'Вес: больше нуля').max(10, 'Вес: не больше 10'),
    scale: z.enum(['five', 'passFail', 'hundred']),
    /** Empty: every level. */
    levels: z.array(Level),
  })).min(1).max(100),
}).meta({ id: 'ControlFormsSampleContent' });
export type ControlFormsSampleContent = z.infer<typeof ControlFormsSampleContent>;

/** A work-programme template: the ordered topics of a subject in a grade, with hours and КЭС codes. */
export const WorkProgrammeSampleContent = z.object({
  subject: Name,
  grade: z.number().int().min(1).max(11),
  topics: z.array(z.object({
    title: z.string().trim().min(1).max(500),
    hours: z.number().int().min(1).max(100),
    contentElements: z.array(z.string().regex(/^\d+(\.\d+)*$/, 'КЭС: код вида 1.2.3')).max(50),
  })).min(1).max(400),
}).meta({ id: 'WorkProgrammeSampleContent' });
export type WorkProgrammeSampleContent = z.infer<typeof WorkProgrammeSampleContent>;

export const sampleContentOf = {
  curriculum: CurriculumSampleContent,
  calendar: CalendarSampleContent,
  controlForms: ControlFormsSampleContent,
  workProgramme: WorkProgrammeSampleContent,
} as const satisfies Record<SampleKind, z.ZodType>;

/** Where a school's object came from: stored with it, shown on its page, compared with the sample's newer versions. */
export const SampleOrigin = z.object({
  sampleId: Uuid,
  sampleName: z.string(),
  /** The version the school built from or last took over. */
  version: z.number().int(),
  /** The sample's current version: newer than `version` when the sample changed since. */
  latestVersion: z.number().int(),
}).meta({ id: 'SampleOrigin' });
export type SampleOrigin = z.infer<typeof SampleOrigin>;

// --- The samples API: the area publishes (/api/v1/area/samples), the school reads (…/schools/:schoolId/samples)

/** Who publishes a sample: the product (federal curricula), a region or a municipality. */
export const SampleOwner = z.object({
  kind: z.enum(['federal', 'region', 'municipality']),
  id: Uuid.nullable(),
  /** «Федеральный», the region's or the municipality's name. */
  name: z.string(),
}).meta({ id: 'SampleOwner' });
export type SampleOwner = z.infer<typeof SampleOwner>;

export const SampleSummaryDto = z.object({
  id: Uuid,
  kind: SampleKind,
  name: z.string(),
  level: Level.nullable(),
  description: z.string().nullable(),
  version: z.number().int(),
  owner: SampleOwner,
  builtIn: z.boolean(),
  /** The caller may publish new versions of it (an area administrator of its owner). */
  editable: z.boolean(),
  updatedAt: z.string(),
}).meta({ id: 'SampleSummary' });
export type SampleSummaryDto = z.infer<typeof SampleSummaryDto>;

export const SampleListDto = z.object({ items: z.array(SampleSummaryDto), total: z.number().int() }).meta({ id: 'SampleList' });
export type SampleListDto = z.infer<typeof SampleListDto>;

export const SampleVersionDto = z.object({
  version: z.number().int(),
  note: z.string().nullable(),
  createdAt: z.string(),
}).meta({ id: 'SampleVersion' });
export type SampleVersionDto = z.infer<typeof SampleVersionDto>;

/** Any kind's content; which one is told by `kind` beside it. */
export const SampleContent = z.union([CurriculumSampleContent, CalendarSampleContent, ControlFormsSampleContent, WorkProgrammeSampleContent]);
export type SampleContentOf<K extends SampleKind> = z.infer<(typeof sampleContentOf)[K]>;

export const SampleDto = SampleSummaryDto.extend({
  content: SampleContent,
  /** Every published version, newest first. */
  versions: z.array(SampleVersionDto),
}).meta({ id: 'Sample' });
export type SampleDto = z.infer<typeof SampleDto>;

export const SampleListQuery = z.object({ kind: SampleKind.optional() });
export const AreaSampleParams = z.object({ sampleId: Uuid });
export const SchoolSampleParams = z.object({ schoolId: Uuid, sampleId: Uuid });
export const SchoolSamplesParams = z.object({ schoolId: Uuid });

const Description = z.string().trim().max(2000, 'Описание: не длиннее 2000 символов').nullable();

export const CreateSampleInput = z.object({
  kind: SampleKind,
  name: Name,
  level: Level.nullable(),
  description: Description,
  /** Checked against the kind's content shape (`sampleContentOf`); problems come back with paths `content.…`. */
  content: z.unknown(),
  /** Whose sample it is; by default the caller's only area (a region before a municipality). */
  area: z.object({ kind: z.enum(['region', 'municipality']), id: Uuid }).optional(),
}).meta({ id: 'CreateSampleInput' });
export type CreateSampleInput = z.infer<typeof CreateSampleInput>;

export const UpdateSampleInput = z.object({
  name: Name.optional(),
  description: Description.optional(),
  content: z.unknown(),
  /** What changed, for the schools comparing versions. */
  note: z.string().trim().max(500, 'Что изменилось: не длиннее 500 символов').nullable().optional(),
  /** The version the editor started from: a newer one published meanwhile makes it a 409. */
  baseVersion: z.number().int().min(1).optional(),
}).meta({ id: 'UpdateSampleInput' });
export type UpdateSampleInput = z.infer<typeof UpdateSampleInput>;

export const SampleDiffQuery = z.object({
  /** Default: the version before `to`. */
  from: z.coerce.number().int().min(1).optional(),
  /** Default: the current version. */
  to: z.coerce.number().int().min(1).optional(),
});

export const DiffEntryDto = z.object({
  section: z.string(),
  key: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  field: z.string().nullable(),
  grade: z.number().int().nullable(),
  from: z.unknown(),
  to: z.unknown(),
}).meta({ id: 'SampleDiffEntry' });
export type DiffEntryDto = z.infer<typeof DiffEntryDto>;

export const SampleDiffDto = z.object({
  sampleId: Uuid,
  kind: SampleKind,
  from: z.number().int(),
  to: z.number().int(),
  entries: z.array(DiffEntryDto),
}).meta({ id: 'SampleDiff' });
export type SampleDiffDto = z.infer<typeof SampleDiffDto>;

/** The schools of the caller's area that built something from a sample, with the version each holds. */
export const SampleUsageDto = z.object({
  items: z.array(z.object({
    school: z.object({ id: Uuid, name: z.string(), shortName: z.string(), municipality: z.string() }),
    uses: z.array(z.object({
      kind: z.enum(['curriculum', 'calendar', 'controlForms']),
      /** The curriculum's name, «Календарный график 2026/27», the control form's name. */
      name: z.string(),
      version: z.number().int().nullable(),
    })),
  })),
  total: z.number().int(),
  latestVersion: z.number().int(),
}).meta({ id: 'SampleUsage' });
export type SampleUsageDto = z.infer<typeof SampleUsageDto>;

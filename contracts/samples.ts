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

/** A calendar template: the calendar document of one academic year. */
export const CalendarSampleContent = z.object({
  academicYear: z.number().int().min(2000).max(2100),
  calendar: AcademicCalendarBody,
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

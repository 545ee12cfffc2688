// Control forms and mark scales (SPEC B6): the kinds of work a mark is given for, each with a
// weight in the weighted average and the scale it is marked on; the school's scales (five-point,
// зачёт/незачёт, hundred-point with a conversion table to the five-point scale). The rules of a
// conversion table are `conversionIssues` in domain/mark-scale.ts.
import { z } from 'zod';
import { isWeightStep, markScaleKinds, weightRange } from '../domain/mark-scale';
import { Uuid } from './common';
import { Level, SampleOrigin } from './samples';

const ref = (what: string) => z.uuid({ error: `${what}: неверный идентификатор` });
const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });
const text = (what: string, max: number) => z.string({ error: `${what}: ожидается строка` }).max(max, `${what}: не длиннее ${max} символов`);

export const SchoolParams = z.object({ schoolId: Uuid });
export const MarkScaleParams = SchoolParams.extend({ markScaleId: Uuid });
export const ControlFormParams = SchoolParams.extend({ controlFormId: Uuid });

// ---------------------------------------------------------------------------------------------
// Mark scales

export const MarkScaleKind = z.enum(markScaleKinds);
export type MarkScaleKind = z.infer<typeof MarkScaleKind>;

export const ConversionRowBody = z.object({
  from: z.number({ error: 'Порог: ожидается число от 0 до 100' }),
  mark: z.number({ error: 'Отметка: 5, 4, 3 или 2' }),
}).meta({ id: 'ConversionRow' });
const conversion = z.array(ConversionRowBody, { error: 'Таблица перевода: ожидается список' }).max(10, 'Таблица перевода: не больше 10 строк');

export const MarkScaleDto = z.object({
  id: Uuid,
  kind: MarkScaleKind,
  name: z.string(),
  /** Hundred-point scales: from which result each five-point mark is given, 5 first. Null otherwise. */
  conversion: z.array(z.object({ from: z.number().int(), mark: z.number().int() })).nullable(),
  /** Control forms (archived too) that use the scale. */
  controlFormCount: z.number().int(),
}).meta({ id: 'MarkScale' });
export type MarkScaleDto = z.infer<typeof MarkScaleDto>;
export const MarkScaleListDto = listOf(MarkScaleDto).meta({ id: 'MarkScaleList' });
export type MarkScaleListDto = z.infer<typeof MarkScaleListDto>;

/** A school's own hundred-point scale with its table (the five-point and pass/fail scales exist once, by default). */
export const CreateMarkScaleInput = z.object({
  kind: z.literal('hundred', { error: 'Вид шкалы: можно добавить только стобалльную' }).default('hundred'),
  name: text('Название', 100),
  conversion,
}).meta({ id: 'CreateMarkScaleInput' });
export type CreateMarkScaleInput = z.input<typeof CreateMarkScaleInput>;
export const UpdateMarkScaleInput = z.object({ name: text('Название', 100).optional(), conversion: conversion.optional() }).meta({ id: 'UpdateMarkScaleInput' });
export type UpdateMarkScaleInput = z.infer<typeof UpdateMarkScaleInput>;

// ---------------------------------------------------------------------------------------------
// Control forms

const weight = z.number({ error: 'Вес: ожидается число' })
  .gt(0, 'Вес: должен быть больше нуля')
  .max(weightRange.max, `Вес: не больше ${weightRange.max}`)
  .refine(isWeightStep, 'Вес: с шагом 0,05 (например 1, 1,5, 1,25)');

export const CreateControlFormInput = z.object({
  name: text('Название', 200),
  shortName: text('Краткое название', 20),
  weight,
  markScaleId: ref('Шкала'),
  /** Null or absent: every subject. */
  subjectId: ref('Предмет').nullable().optional(),
  /** Empty or absent: every level. */
  levels: z.array(Level, { error: 'Уровни: primary, basic, secondary' }).max(3).optional(),
}).meta({ id: 'CreateControlFormInput' });
export type CreateControlFormInput = z.infer<typeof CreateControlFormInput>;

export const UpdateControlFormInput = CreateControlFormInput.partial().extend({
  archived: z.boolean({ error: 'В архиве: ожидается true или false' }).optional(),
}).meta({ id: 'UpdateControlFormInput' });
export type UpdateControlFormInput = z.infer<typeof UpdateControlFormInput>;

export const ControlFormDto = z.object({
  id: Uuid,
  name: z.string(),
  shortName: z.string(),
  weight: z.number(),
  markScale: z.object({ id: Uuid, name: z.string(), kind: MarkScaleKind }),
  subject: z.object({ id: Uuid, name: z.string() }).nullable(),
  levels: z.array(Level),
  archived: z.boolean(),
  /** The sample the form came from and the version it holds; null: the school's own. */
  sampleId: Uuid.nullable(),
  sampleVersion: z.number().int().nullable(),
}).meta({ id: 'ControlForm' });
export type ControlFormDto = z.infer<typeof ControlFormDto>;
export const ControlFormListDto = listOf(ControlFormDto).meta({ id: 'ControlFormList' });
export type ControlFormListDto = z.infer<typeof ControlFormListDto>;

export const ControlFormListQuery = z.object({
  /** Forms usable for this subject: its own and those for every subject. */
  subjectId: ref('Предмет').optional(),
  /** Forms usable at this level: for it and for every level. */
  level: Level.optional(),
  includeArchived: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type ControlFormListQuery = z.infer<typeof ControlFormListQuery>;

export const ControlFormsFromSampleInput = z.object({ sampleId: ref('Образец') }).meta({ id: 'ControlFormsFromSampleBody' });
export type ControlFormsFromSampleInput = z.infer<typeof ControlFormsFromSampleInput>;

export const ControlFormsFromSampleDto = z.object({
  sample: SampleOrigin,
  /** Names of the forms created. */
  created: z.array(z.string()),
  /** Forms that came from the sample and took over its new weight. */
  updated: z.array(z.object({ id: Uuid, name: z.string(), weightBefore: z.number(), weightAfter: z.number() })),
  /** Names of the sample's forms left alone: the school has its own form of that name. */
  skipped: z.array(z.string()),
}).meta({ id: 'ControlFormsFromSample' });
export type ControlFormsFromSampleDto = z.infer<typeof ControlFormsFromSampleDto>;

export const ControlFormSampleStatusDto = z.object({
  items: z.array(SampleOrigin.extend({
    /** The sample has a version newer than the one the school holds. */
    newer: z.boolean(),
    formCount: z.number().int(),
  })),
}).meta({ id: 'ControlFormSampleStatus' });
export type ControlFormSampleStatusDto = z.infer<typeof ControlFormSampleStatusDto>;

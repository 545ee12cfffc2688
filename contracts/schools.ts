// A school's own card: names, time zone, the municipality and region it belongs to.
import { z } from 'zod';
import { Uuid } from './common';

export const SchoolParams = z.object({ schoolId: Uuid });

export const SchoolDto = z.object({
  id: Uuid,
  name: z.string(),
  shortName: z.string(),
  timeZone: z.string(),
  municipality: z.object({ id: Uuid, name: z.string() }),
  region: z.object({ id: Uuid, code: z.string(), name: z.string() }),
  /** What the caller may do here, for the UI to show or hide actions; the server checks again. */
  permissions: z.object({ write: z.boolean() }),
});
export type SchoolDto = z.infer<typeof SchoolDto>;

export const UpdateSchoolInput = z.object({
  name: z.string().trim().min(3, 'Название: не короче 3 символов').max(300).optional(),
  shortName: z.string().trim().min(2, 'Краткое название: не короче 2 символов').max(100).optional(),
  timeZone: z.string().trim().min(1).max(64).optional(),
}).refine((v) => Object.keys(v).length > 0, 'Нечего изменять');
export type UpdateSchoolInput = z.infer<typeof UpdateSchoolInput>;

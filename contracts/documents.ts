// The school's programme documents (SPEC B16, regulation 1.3): the academic calendar, the
// curriculum of each grade, the extracurricular plan, the additional programmes — readable by the
// school's students and parents and, when the school chooses, by anyone without signing in.
// A document is a title and a few tables of text cells; the same content is offered as XLSX.
import { z } from 'zod';
import { Uuid } from './common';

export const documentKeyPattern = /^(calendar|extracurricular|additional-programmes|curriculum-(?:[1-9]|1[01]))$/;

const academicYear = z.coerce.number({ error: 'Учебный год: ожидается число, например 2026' }).int().min(2000).max(2100).optional();

export const DocumentListParams = z.object({ schoolId: Uuid });
export const DocumentParams = DocumentListParams.extend({
  key: z.string().regex(documentKeyPattern, 'Документ: неизвестный вид документа'),
});
export const DocumentQuery = z.object({ academicYear });

export const ProgrammeDocumentSummaryDto = z.object({
  /** calendar | curriculum-5 | extracurricular | additional-programmes */
  key: z.string().meta({ example: 'curriculum-5' }),
  title: z.string().meta({ example: 'Учебный план, 5 класс' }),
}).meta({ id: 'ProgrammeDocumentSummary' });
export type ProgrammeDocumentSummaryDto = z.infer<typeof ProgrammeDocumentSummaryDto>;

export const ProgrammeDocumentListDto = z.object({
  school: z.object({ id: Uuid, name: z.string(), shortName: z.string() }),
  academicYear: z.number().int(),
  /** The school opened its documents to anyone (the public address works). */
  public: z.boolean(),
  items: z.array(ProgrammeDocumentSummaryDto),
  total: z.number().int(),
}).meta({ id: 'ProgrammeDocumentList' });
export type ProgrammeDocumentListDto = z.infer<typeof ProgrammeDocumentListDto>;

export const DocumentTableDto = z.object({
  title: z.string(),
  columns: z.array(z.string()),
  rows: z.array(z.array(z.string())),
}).meta({ id: 'DocumentTable' });
export type DocumentTableDto = z.infer<typeof DocumentTableDto>;

export const ProgrammeDocumentDto = z.object({
  key: z.string(),
  title: z.string(),
  school: z.string(),
  academicYear: z.number().int(),
  tables: z.array(DocumentTableDto),
}).meta({ id: 'ProgrammeDocument' });
export type ProgrammeDocumentDto = z.infer<typeof ProgrammeDocumentDto>;

export const PublicationInput = z.object({
  public: z.boolean({ error: 'Открыть документы для всех: ожидается true или false' }),
}).meta({ id: 'PublicationBody' });
export type PublicationInput = z.infer<typeof PublicationInput>;

export const PublicationDto = z.object({ public: z.boolean() }).meta({ id: 'Publication' });
export type PublicationDto = z.infer<typeof PublicationDto>;

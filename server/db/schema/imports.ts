// Imports of staff and of the Контингент registry (SPEC A2): a job per uploaded file, its dry-run
// report row by row, then the apply. Rows keep what the file said after normalisation.
import { boolean, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant } from './columns';
import { accounts } from './identity';
import { schools } from './tenancy';

export const importJobs = pgTable('import_jobs', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  /** staff | students | guardians */
  kind: text('kind').notNull(),
  /** csv | xlsx | json */
  format: text('format').notNull(),
  /** analysing | ready | applying | applied | failed | rejected */
  status: text('status').notNull(),
  fileName: text('file_name'),
  fileSize: integer('file_size').notNull().default(0),
  fileSha256: text('file_sha256'),
  /** Column of the file → field; null until analysed. */
  mapping: jsonb('mapping').$type<Record<string, string>>(),
  totalRows: integer('total_rows').notNull().default(0),
  processedRows: integer('processed_rows').notNull().default(0),
  /** Rows per outcome of the dry run: { create, update, unchanged, rejected }. */
  counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
  /** Rows per outcome of the apply. */
  appliedCounts: jsonb('applied_counts').$type<Record<string, number>>(),
  errorCode: text('error_code'),
  errorMessage: text('error_message'),
  createdByAccountId: uuid('created_by_account_id').notNull().references(() => accounts.id),
  createdAt: createdAt(),
  analysedAt: instant('analysed_at'),
  appliedAt: instant('applied_at'),
  appliedByAccountId: uuid('applied_by_account_id').references(() => accounts.id),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
  index('import_jobs_school_created_idx').on(t.schoolId, t.createdAt),
]);

export const importRows = pgTable('import_rows', {
  schoolId: uuid('school_id').notNull(),
  jobId: uuid('job_id').notNull(),
  /** Line of the file (CSV) or sheet row (XLSX), as the admin sees it. */
  rowNumber: integer('row_number').notNull(),
  /** create | update | unchanged | rejected */
  outcome: text('outcome').notNull(),
  /** [{ code, message, field? }] — why rejected. */
  reasons: jsonb('reasons').$type<{ code: string; message: string; field?: string }[]>().notNull().default([]),
  /** [{ code, message, field? }] — accepted but worth a look (no login key, …). */
  warnings: jsonb('warnings').$type<{ code: string; message: string; field?: string }[]>().notNull().default([]),
  /** The normalised fields. */
  data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  /** The person the row matched (update/unchanged) or created (after apply). */
  targetId: uuid('target_id'),
  /** Which fields an update changes. */
  changedFields: text('changed_fields').array(),
  applied: boolean('applied').notNull().default(false),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.jobId, t.rowNumber] }),
  foreignKey({ columns: [t.schoolId, t.jobId], foreignColumns: [importJobs.schoolId, importJobs.id] }),
]);

// The journal's audit (SPEC C6): every create, change and delete of a mark, an attendance entry, a
// lesson's topic, homework or a control work's result appends one `journal_audit` row — who (the
// account and the role they wrote in), when, the old and the new value and why — in the same
// transaction as the change. The table is append-only: a trigger of migration 0004 refuses UPDATE,
// DELETE and TRUNCATE, and no route changes it.
import type { Queryable } from '../db/client';
import { journalAudit } from '../db/schema';

/** What was changed. */
export type AuditEntityType = 'mark' | 'attendance' | 'topic' | 'homework' | 'controlWorkResult' | 'plannedTopic';
export type AuditAction = 'create' | 'update' | 'delete';
/**
 * The role the actor wrote in: the lesson's teacher 'subjectTeacher' / 'classTeacher'; an
 * administrator their admin role ('director', 'deputy', 'journalAdmin'); a background job 'system'.
 */
export type AuditActorRole = 'subjectTeacher' | 'classTeacher' | 'director' | 'deputy' | 'journalAdmin' | 'system';

export type AuditEntry = {
  schoolId: string;
  /** Null for a background job. */
  actorAccountId: string | null;
  actorRole: AuditActorRole;
  entityType: AuditEntityType;
  entityId: string;
  action: AuditAction;
  /** The cell: the journal lesson and the student (null for a lesson's own topic). */
  journalLessonId: string | null;
  studentId: string | null;
  /** The record before (null on create) and after (null on delete), as plain JSON. */
  old: unknown;
  new: unknown;
  reason?: string | null;
  /** Defaults to the database's now(). */
  at?: Date;
};

const row = (e: AuditEntry): typeof journalAudit.$inferInsert => ({
  schoolId: e.schoolId,
  actorAccountId: e.actorAccountId,
  actorRole: e.actorRole,
  entityType: e.entityType,
  entityId: e.entityId,
  action: e.action,
  journalLessonId: e.journalLessonId,
  studentId: e.studentId,
  old: e.old ?? null,
  new: e.new ?? null,
  reason: e.reason === undefined || e.reason === null || e.reason.trim() === '' ? null : e.reason.trim(),
  ...(e.at ? { at: e.at } : {}),
});

/** Appends one audit row; call it inside the transaction that makes the change. */
export async function appendAudit(tx: Queryable, entry: AuditEntry): Promise<void> {
  await tx.insert(journalAudit).values(row(entry));
}

/** Appends many rows in one statement (a column of marks, the attendance of a lesson). */
export async function appendAudits(tx: Queryable, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  for (let i = 0; i < entries.length; i += 500) {
    await tx.insert(journalAudit).values(entries.slice(i, i + 500).map(row));
  }
}

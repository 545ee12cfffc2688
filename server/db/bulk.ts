// Bulk writes: one array parameter per column, which PostgreSQL `unnest`s into rows. Building a
// statement with a parameter per value costs the ORM about a quarter of a millisecond per row,
// which alone would cap an import near 4,000 rows a second. Used by imports and the demo generator.
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Queryable } from './client';

/** Rows per bulk statement. */
export const chunkSize = 5000;

export const chunks = <T>(list: readonly T[], size = chunkSize): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
};

/** A value as PostgreSQL text input for a column of this type. */
const textInput = (value: unknown, type: string): string | null => {
  if (value === null || value === undefined) return null;
  if (type === 'jsonb' || type === 'json') return JSON.stringify(value);
  if (type.endsWith('[]')) return `{${(value as unknown[]).map((v) => (v === null ? 'NULL' : `"${String(v).replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
  if (value instanceof Date) return value.toISOString();
  return String(value);
};

export type Column = { name: string; type: string; values: (string | null)[] };

/** `select … from unnest($1::text[], $2::text[], …)`: rows given column by column, each cast to its type. */
export const unnested = (columns: readonly Column[]): SQL => {
  const alias = (i: number) => sql.identifier(`c${i}`);
  const picks = columns.map((c, i) => sql`${alias(i)}::${sql.raw(c.type)} as ${sql.identifier(c.name)}`);
  const arrays = columns.map((c) => sql`${sql.param(c.values)}::text[]`);
  return sql`select ${sql.join(picks, sql`, `)} from unnest(${sql.join(arrays, sql`, `)}) as u(${sql.join(columns.map((_, i) => alias(i)), sql`, `)})`;
};

/** Columns of a table for these records (by the union of their keys), with their values as text. */
export function columnsOf(table: PgTable, records: readonly Record<string, unknown>[]): Column[] {
  const all = getTableColumns(table) as unknown as Record<string, PgColumn>;
  const keys = new Set<string>();
  for (const r of records) for (const k of Object.keys(r)) if (r[k] !== undefined) keys.add(k);
  return [...keys].map((k) => {
    const column = all[k];
    if (!column) throw new Error(`no column ${k}`);
    const type = column.getSQLType();
    return { name: column.name, type, values: records.map((r) => textInput(r[k], type)) };
  });
}

/** Inserts many records in a statement per chunk. */
export async function insertMany<T extends PgTable>(db: Queryable, table: T, rows: readonly T['$inferInsert'][]): Promise<void> {
  for (const part of chunks(rows)) {
    const columns = columnsOf(table, part as Record<string, unknown>[]);
    await db.execute(sql`insert into ${table} (${sql.join(columns.map((c) => sql.identifier(c.name)), sql`, `)}) ${unnested(columns)}`);
  }
}

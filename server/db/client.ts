// Opens the database: embedded PGlite in a folder when DATABASE_URL is unset, a node-postgres
// pool when it is set. The rest of the code sees one Drizzle type and never knows which.
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import * as schema from './schema';
import { lockDataDir, type DataDirLock } from './data-dir-lock';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything a repository can run a query on: the database or an open transaction. */
export type Queryable = Db | Tx;

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** For PGlite: its folder, or null in memory. */
  dataDir: string | null;
  /** Applies the committed SQL migrations. */
  migrate(): Promise<void>;
  close(): Promise<void>;
};

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

const migrationLockKey = 7305510347;

export type OpenOptions =
  | { databaseUrl: string; poolSize?: number }
  | { dataDir: string | null; pglite?: PGlite };

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return 'databaseUrl' in options ? openPostgres(options.databaseUrl, options.poolSize ?? 10) : openPglite(options.dataDir, options.pglite);
}

function openPostgres(databaseUrl: string, poolSize: number): Database {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  return {
    db: drizzlePg(pool, { schema }) as unknown as Db,
    kind: 'postgres',
    dataDir: null,
    async migrate() {
      // One connection holds an advisory lock so that parallel starts wait for each other.
      const conn = await pool.connect();
      try {
        await conn.query('select pg_advisory_lock($1)', [migrationLockKey]);
        try {
          await migratePg(drizzlePg(conn, { schema }), { migrationsFolder });
        } finally {
          await conn.query('select pg_advisory_unlock($1)', [migrationLockKey]);
        }
      } finally {
        conn.release();
      }
    },
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string | null, given?: PGlite): Promise<Database> {
  const lock: DataDirLock | null = dataDir !== null && !given ? lockDataDir(dataDir) : null;
  try {
    const client = given ?? (dataDir === null ? new PGlite() : new PGlite(dataDir));
    await client.waitReady;
    return {
      db: drizzlePglite(client, { schema }) as unknown as Db,
      kind: 'pglite',
      dataDir,
      async migrate() {
        await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder });
      },
      async close() {
        try {
          if (!client.closed) await client.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}

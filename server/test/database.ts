// A fresh, migrated database for one test file: PGlite in memory by default, or, when
// DATABASE_URL is set, a new PostgreSQL database copied from a migrated template.
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openDatabase, type Database } from '../db/client';

let template: Promise<PGlite> | null = null;

// Migrating costs seconds; cloning a migrated PGlite costs far less.
const pgliteTemplate = (): Promise<PGlite> =>
  (template ??= (async () => {
    const client = new PGlite();
    const database = await openDatabase({ dataDir: null, pglite: client });
    await database.migrate();
    return client;
  })());

const withDatabase = (url: string, name: string): string => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

const templateName = 'otmetka_test_template';
let pgTemplate: Promise<void> | null = null;

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// The template is built once per worker and re-built per run (migrations may have changed).
const postgresTemplate = (url: string): Promise<void> =>
  (pgTemplate ??= (async () => {
    const name = `${templateName}_${process.pid}`;
    await adminQuery(url, `drop database if exists ${name}`);
    await adminQuery(url, `create database ${name}`);
    const database = await openDatabase({ databaseUrl: withDatabase(url, name), poolSize: 1 });
    try {
      await database.migrate();
    } finally {
      await database.close();
    }
  })());

export async function createTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const client = (await (await pgliteTemplate()).clone()) as PGlite;
    return openDatabase({ dataDir: null, pglite: client });
  }
  await postgresTemplate(url);
  const name = `otmetka_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, `create database ${name} template ${templateName}_${process.pid}`);
  const database = await openDatabase({ databaseUrl: withDatabase(url, name), poolSize: 4 });
  return {
    ...database,
    async close() {
      await database.close();
      await adminQuery(url, `drop database if exists ${name}`);
    },
  };
}

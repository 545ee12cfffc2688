// A fresh, migrated database for one test file: a clone of a migrated PGlite by default, or, when
// DATABASE_URL is set, a new PostgreSQL database copied from the run's template (global-setup.ts).
import { PGlite } from '@electric-sql/pglite';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../db/client';
import { adminQuery, databaseUrlWith } from './postgres';

let template: Promise<PGlite> | null = null;

// Migrating costs seconds; cloning a migrated PGlite costs far less.
const pgliteTemplate = (): Promise<PGlite> =>
  (template ??= (async () => {
    const client = new PGlite();
    const database = await openDatabase({ dataDir: null, pglite: client });
    await database.migrate();
    return client;
  })());

export async function createTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const client = (await (await pgliteTemplate()).clone()) as PGlite;
    return openDatabase({ dataDir: null, pglite: client });
  }
  const name = `otmetka_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, `create database ${name} template ${inject('postgresTemplate')}`);
  const database = await openDatabase({ databaseUrl: databaseUrlWith(url, name), poolSize: 4 });
  return {
    ...database,
    async close() {
      await database.close();
      await adminQuery(url, `drop database if exists ${name}`);
    },
  };
}

// On PostgreSQL: one migrated template database for the whole run, copied by every test file
// and dropped at the end. (On PGlite each worker keeps its own migrated instance to clone.)
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/client';
import { adminQuery, databaseUrlWith } from './postgres';

let template: string | null = null;

export async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  template = `otmetka_test_template_${process.pid}_${Date.now()}`;
  await adminQuery(url, `create database ${template}`);
  const database = await openDatabase({ databaseUrl: databaseUrlWith(url, template), poolSize: 1 });
  try {
    await database.migrate();
  } finally {
    await database.close();
  }
  project.provide('postgresTemplate', template);
}

export async function teardown() {
  const url = process.env.DATABASE_URL;
  if (!url || !template) return;
  // Test files drop their own copies; anything a crashed file left is dropped here too.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>("select datname from pg_database where datname like 'otmetka_test_%'");
    for (const { datname } of rows) await client.query(`drop database if exists ${datname} with (force)`);
  } finally {
    await client.end();
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresTemplate: string;
  }
}

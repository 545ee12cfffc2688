import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { createTestDatabase } from './database';
import type { Database } from '../db/client';
import { regions } from '../db/schema';

describe('test database', () => {
  let database: Database;
  beforeAll(async () => { database = await createTestDatabase(); });
  afterAll(async () => { await database.close(); });

  it('is migrated and writable', async () => {
    await database.db.insert(regions).values({ code: '59', name: 'Пермский край' });
    const rows = await database.db.select({ n: count() }).from(regions);
    expect(rows).toEqual([{ n: 1 }]);
  });
});

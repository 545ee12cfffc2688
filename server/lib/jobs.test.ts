// The job queue on the test database (PGlite, or PostgreSQL with DATABASE_URL): a job sent is
// worked by its handler; a job sent while no worker runs waits in the database and is worked after
// a restart; the same id makes one job; a stopped queue starts nothing more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import type { Database } from '../db/client';
import { createTestDatabase } from '../test/database';
import { createJobs, type Jobs } from './jobs';

let database: Database;
const logger = pino({ level: 'silent' }) as unknown as FastifyBaseLogger;

beforeAll(async () => { database = await createTestDatabase(); });
afterAll(async () => { await database.close(); });

const until = async (check: () => boolean, ms = 10_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

function echoQueue(seen: string[]): Jobs {
  const jobs = createJobs({ database, logger, pollingIntervalSeconds: 0.5 });
  jobs.define<{ text: string }>('echo', async (data) => { seen.push(data.text); });
  return jobs;
}

describe('the job queue', () => {
  it('works a job sent, starting on the first send', async () => {
    const seen: string[] = [];
    const jobs = echoQueue(seen);
    expect(jobs.started).toBe(false);
    await jobs.send('echo', { text: 'раз' });
    expect(jobs.started).toBe(true);
    await until(() => seen.length === 1);
    expect(seen).toEqual(['раз']);
    await jobs.stop();
    expect(jobs.started).toBe(false);
  });

  it('keeps a job sent while no worker runs, and works it after a restart; one id is one job', async () => {
    // The queue exists (an earlier process defined it) but the process that sends has no worker for it.
    const earlier = echoQueue([]);
    await earlier.start();
    await earlier.stop();
    const sender = createJobs({ database, logger });
    await sender.start();
    const id = '01900000-0000-7000-8000-000000000001';
    await expect(sender.send('echo', { text: 'после перезапуска' }, { id })).resolves.toBe(id);
    await expect(sender.send('echo', { text: 'дубль' }, { id })).resolves.toBeNull();
    await sender.stop();

    const seen: string[] = [];
    const restarted = echoQueue(seen);
    const started: string[] = [];
    restarted.onStart(async () => { started.push('recovery'); });
    await restarted.start();
    expect(started).toEqual(['recovery']);
    await until(() => seen.length === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toEqual(['после перезапуска']);
    await restarted.stop();
  });

  it('asks the handlers to end before it stops, and refuses to start again', async () => {
    let release: () => void = () => {};
    const jobs = createJobs({ database, logger, pollingIntervalSeconds: 0.5 });
    let running = false;
    jobs.define<{ n: number }>('long', async () => {
      running = true;
      await new Promise<void>((r) => { release = r; });
      running = false;
    });
    const asked: string[] = [];
    jobs.onStop(() => { asked.push('stop'); release(); });
    await jobs.send('long', { n: 1 });
    await until(() => running);
    const t0 = Date.now();
    await jobs.stop();
    expect(asked).toEqual(['stop']);
    expect(running).toBe(false);
    expect(Date.now() - t0).toBeLessThan(5_000);
    await expect(jobs.start()).rejects.toThrow();
  });
});

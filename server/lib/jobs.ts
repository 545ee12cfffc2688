// The job queue (DESIGN rule 8): pg-boss 10 on the application's own database. On PostgreSQL it
// shares the node-postgres pool; on PGlite it talks to the embedded database through a small
// adapter — SQL without parameters (pg-boss sends multi-statement migrations) goes to `exec`,
// with parameters to `query`. Jobs wait in the `pgboss` schema, so a job sent before a restart
// is worked after it. Handlers must be idempotent: a job may be worked again after a crash.
//
// The queue starts with the server (`start()` in main.ts) or, in an app that never started it
// (tests), on the first `send`; `stop()` asks the handlers to finish (onStop) and then waits for them.
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import PgBoss from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/client';

export type JobHandler<T> = (data: T, job: { id: string }) => Promise<void>;

export type QueueOptions = {
  /** How long a job may stay active before pg-boss counts it as failed (default 15 minutes). */
  expireInSeconds?: number;
  /** Tries after a failure (default 0: a handler that failed has said so itself). */
  retryLimit?: number;
};

export type SendOptions = {
  /** The job's id: sending the same id twice makes one job (pg-boss keeps the first). */
  id?: string;
  expireInSeconds?: number;
  /** Not before this moment (a job that repeats queues its next run so). */
  startAfter?: Date;
};

export type Jobs = {
  /** Registers the handler of a queue; before `start()`. */
  define<T extends object>(name: string, handler: JobHandler<T>, options?: QueueOptions): void;
  /** Runs when the queue starts: recovery of work that a crash or a stop left behind. */
  onStart(task: () => Promise<void>): void;
  /** Runs first when the queue stops: a handler's long work is asked to end. */
  onStop(task: () => Promise<void> | void): void;
  /** Queues a job and wakes this process's worker; starts the queue when it is not started. */
  send<T extends object>(name: string, data: T, options?: SendOptions): Promise<string | null>;
  /** Takes a job that has not started yet out of the queue. */
  cancel(name: string, id: string): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly started: boolean;
};

export type JobsOptions = {
  database: Database;
  logger: FastifyBaseLogger;
  /** How often an idle worker looks for new jobs sent by other processes (default 2 s). */
  pollingIntervalSeconds?: number;
  /** How long `stop()` waits for running handlers (default 10 s). */
  stopTimeoutMs?: number;
};

/** pg-boss's database interface over the application's own connection. */
export function pgBossDb(database: Database): PgBoss.Db {
  const client = (database.db as unknown as { $client: unknown }).$client;
  if (database.kind === 'pglite') {
    const pglite = client as PGlite;
    return {
      async executeSql(text: string, values?: unknown[]) {
        if (!values || values.length === 0) {
          const results = await pglite.exec(text);
          return results.at(-1) ?? { rows: [] };
        }
        return pglite.query(text, values);
      },
    };
  }
  const pool = client as pg.Pool;
  return { executeSql: (text: string, values?: unknown[]) => pool.query(text, values) };
}

export function createJobs({ database, logger, pollingIntervalSeconds = 2, stopTimeoutMs = 10_000 }: JobsOptions): Jobs {
  const log = logger.child({ component: 'jobs' });
  const queues = new Map<string, { handler: JobHandler<object>; options: QueueOptions }>();
  const startTasks: (() => Promise<void>)[] = [];
  const stopTasks: (() => Promise<void> | void)[] = [];
  const workers = new Map<string, string>();
  let boss: PgBoss | null = null;
  let starting: Promise<void> | null = null;
  let stopping: Promise<void> | null = null;

  async function doStart(): Promise<void> {
    const b = new PgBoss({
      db: pgBossDb(database),
      // No cron schedules: a timer less in every process.
      schedule: false,
      supervise: true,
      migrate: true,
    });
    b.on('error', (err) => log.error({ err }, 'job queue error'));
    await b.start();
    for (const [name, { handler, options }] of queues) {
      await b.createQueue(name, {
        name,
        retryLimit: options.retryLimit ?? 0,
        expireInSeconds: options.expireInSeconds ?? 15 * 60,
      });
      const workerId = await b.work<object>(name, { pollingIntervalSeconds, batchSize: 1 }, async (jobs) => {
        for (const job of jobs) {
          try {
            await handler(job.data, { id: job.id });
          } catch (err) {
            log.error({ err, queue: name, jobId: job.id }, 'job failed');
            throw err;
          }
        }
      });
      workers.set(name, workerId);
    }
    boss = b;
    for (const task of startTasks) {
      try {
        await task();
      } catch (err) {
        log.error({ err }, 'job queue start-up task failed');
      }
    }
  }

  const jobs: Jobs = {
    define(name, handler, options = {}) {
      if (boss || starting) throw new Error(`queue ${name} defined after the job queue started`);
      queues.set(name, { handler: handler as JobHandler<object>, options });
    },
    onStart(task) { startTasks.push(task); },
    onStop(task) { stopTasks.push(task); },
    async send(name, data, options = {}) {
      // Start-up tasks send too, while `start()` waits for them: the queue is usable by then.
      if (!boss) await jobs.start();
      const id = await boss!.send(name, data, {
        ...(options.id ? { id: options.id } : {}),
        ...(options.expireInSeconds ? { expireInSeconds: options.expireInSeconds } : {}),
        ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      });
      const worker = workers.get(name);
      if (worker) boss!.notifyWorker(worker);
      return id;
    },
    async cancel(name, id) {
      if (!boss) return;
      await boss.cancel(name, id);
    },
    start() {
      if (stopping) return Promise.reject(new Error('the job queue is stopping'));
      starting ??= doStart().catch((err: unknown) => {
        starting = null;
        throw err;
      });
      return starting;
    },
    stop() {
      stopping ??= (async () => {
        if (starting) await starting.catch(() => undefined);
        if (!boss) return;
        for (const task of stopTasks) await task();
        await boss.stop({ graceful: true, wait: true, close: false, timeout: stopTimeoutMs });
        boss = null;
      })();
      return stopping;
    },
    get started() { return boss !== null; },
  };
  return jobs;
}

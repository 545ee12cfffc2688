// Starting the server: open and migrate the database, seed the demo school on an empty
// embedded database, listen, print where to go, and close cleanly on a signal.
import type { Config } from './config';
import { buildApp } from './app';
import { openDatabase, type Database } from './db/client';
import { hasAnySchool } from './features/org/org.service';
import { readDemoSetting } from './features/identity/demo-info';
import { seedDemoInstallation } from './demo-install';
import { createLogger } from './lib/logger';

export const openConfiguredDatabase = (config: Config): Promise<Database> =>
  openDatabase('url' in config.database
    ? { databaseUrl: config.database.url, poolSize: config.database.poolSize }
    : { dataDir: config.database.dataDir });

export type ServeOptions = { print?: (line: string) => void };

export async function serve(config: Config, { print = (l) => process.stdout.write(`${l}\n`) }: ServeOptions = {}) {
  const logger = createLogger(config.logLevel);
  const database = await openConfiguredDatabase(config);
  try {
    await database.migrate();
    // Never on PostgreSQL: a real installation gets the demo only through `otmetka demo`.
    if (database.kind === 'pglite' && config.demo === 'auto' && !(await hasAnySchool(database.db))) {
      print('Пустая база: создаю демонстрационную школу…');
      await seedDemoInstallation(database.db, {});
    }
  } catch (err) {
    await database.close();
    throw err;
  }
  const app = await buildApp({ database, config, logger, startJobs: true });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      await app.close();
    } finally {
      await database.close();
      process.exit(0);
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  let address: string;
  try {
    address = await app.listen({ host: config.host, port: config.port });
  } catch (err) {
    // The job queue started with the app keeps timers: close everything so the process can end.
    await app.close().catch(() => undefined);
    await database.close();
    throw err;
  }
  const port = new URL(address).port;
  const shownHost = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(config.host) ? 'localhost' : config.host;
  const url = config.publicUrl ?? `http://${shownHost}:${port}`;
  const demo = await readDemoSetting(database.db);
  const where = database.kind === 'pglite' ? `встроенная база PGlite в ${database.dataDir}` : 'PostgreSQL';
  print('');
  print(`Отметка работает: ${url}`);
  print(`База данных: ${where}. API: ${url}/api/docs`);
  if (demo) {
    print('');
    print('ДЕМОНСТРАЦИОННЫЙ РЕЖИМ — данные вымышлены, только для знакомства с системой.');
    print('Учётные записи (пароль у всех: demo):');
    for (const { login, title } of demo.logins) print(`  ${login.padEnd(14)} ${title}`);
  }
  print('');
  print('Остановка: Ctrl+C');
  return { app, database, url };
}

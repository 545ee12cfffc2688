// PGlite has no lock of its own on its data folder: two processes on one folder lose writes.
// This lock file makes a second process stop at once with a clear message.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../lib/errors';

export type DataDirLock = { path: string; release(): void };

const lockName = 'otmetka.lock';

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

type LockInfo = { pid: number; host: string; startedAt: string };

const readLock = (path: string): LockInfo | null => {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
  } catch {
    return null;
  }
};

export function lockDataDir(dir: string): DataDirLock {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, lockName);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      return {
        path,
        release() {
          if (released) return;
          released = true;
          const held = readLock(path);
          if (held?.pid === process.pid) rmSync(path, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const held = readLock(path);
      // A lock left by a process that is gone (killed, crashed) is stale: take it over.
      const stale = held === null || (held.host === hostname() && !isAlive(held.pid));
      if (!stale) {
        throw new AppError('DATA_DIR_LOCKED', 409,
          `Папка данных ${dir} уже используется другим процессом Otmetka (pid ${held.pid}, запущен ${held.startedAt}). ` +
          'Остановите его или укажите другую папку (OTMETKA_DATA_DIR).');
      }
      rmSync(path, { force: true });
    }
  }
  throw new AppError('DATA_DIR_LOCKED', 409, `Не удалось занять папку данных ${dir}.`);
}

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../lib/errors';
import { lockDataDir } from './data-dir-lock';

const dirs: string[] = [];
const newDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'otmetka-lock-'));
  dirs.push(d);
  return d;
};
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

describe('data folder lock', () => {
  it('creates a missing folder, refuses a second holder and frees the folder on release', () => {
    const dir = join(newDir(), 'nested', 'data');
    const lock = lockDataDir(dir);
    expect(existsSync(lock.path)).toBe(true);
    let refused: unknown;
    try { lockDataDir(dir); } catch (err) { refused = err; }
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('DATA_DIR_LOCKED');
    expect((refused as AppError).message).toMatch(/уже используется другим процессом Otmetka/);
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
    lockDataDir(dir).release();
  });

  it('takes over a lock left by a process that no longer runs', () => {
    const dir = newDir();
    // A pid far above the kernel's default pid_max: no such process.
    writeFileSync(join(dir, 'otmetka.lock'), JSON.stringify({ pid: 2 ** 30, host: hostname(), startedAt: '2026-09-01T00:00:00Z' }));
    const lock = lockDataDir(dir);
    expect(existsSync(lock.path)).toBe(true);
    lock.release();
  });

  it('takes over an unreadable lock file', () => {
    const dir = newDir();
    writeFileSync(join(dir, 'otmetka.lock'), 'garbage');
    lockDataDir(dir).release();
  });
});

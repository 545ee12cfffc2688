// The command line as a user runs it: bad arguments exit 2 with a line saying what is wrong.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { childEnv, newDataDir, runCli } from './test/process';

const dir = newDataDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = () => childEnv(dir, { OTMETKA_DEMO: 'false' });

describe('otmetka CLI', () => {
  it.each([
    [['frobnicate'], /неизвестная команда «frobnicate»/],
    [['demo', '--schools', 'many'], /--schools должно быть целым числом/],
    [['demo', '--colour', 'red'], /demo: Unknown option '--colour'/],
    [['create-school', '--name', 'Школа'], /не указан параметр --short-name/],
    [['create-school', '--name', 'Школа', '--short-name', 'Ш', '--time-zone', 'Mars/Olympus'], /неизвестный часовой пояс/],
    [['create-admin', '--school', 'not-a-uuid', '--login', 'x'], /--school должен быть идентификатором школы/],
    [['create-admin', '--school', '019ad2c4-0000-7000-8000-000000000000', '--login', 'boss', '--last-name', 'А', '--first-name', 'Б', '--role', 'king'], /--role может быть/],
    [['serve', '--port', '99999'], /--port должно быть целым числом от 0 до 65535/],
    [['reset-password'], /не указан параметр --login/],
    [['create-area-admin', '--login', 'perm', '--last-name', 'А', '--first-name', 'Б'], /create-area-admin: не указан параметр --region/],
    [['create-area-admin', '--region', '59', '--login', 'Пермь', '--last-name', 'А', '--first-name', 'Б'], /--login — 2–63 символа/],
    [['create-area-admin', '--region', '59', '--login', 'perm', '--last-name', '=1+2', '--first-name', 'Б'], /--last-name: допустимы только буквы/],
    [['create-area-admin', '--region', '59', '--municipality', ' ', '--login', 'perm', '--last-name', 'А', '--first-name', 'Б'], /не указан параметр --municipality/],
  ])('%j exits 2', async (args, message) => {
    const r = await runCli(args, env());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^otmetka: /);
    expect(r.stderr).toMatch(message);
  });

  it('refuses bad configuration with exit 2 and names the variable', async () => {
    const r = await runCli(['migrate'], childEnv(dir, { PORT: 'eighty', SESSION_IDLE_MINUTES: '-5' }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Неверная настройка/);
    expect(r.stderr).toMatch(/PORT/);
    expect(r.stderr).toMatch(/SESSION_IDLE_MINUTES/);
  });

  it('creates a school and its administrator, resets the password, and reports failures with exit 1', async () => {
    const school = await runCli(['create-school', '--name', 'МАОУ «Лицей № 2»', '--short-name', 'Лицей № 2'], env());
    expect(school.code, school.stderr).toBe(0);
    const schoolId = school.stdout.trim();
    const args = ['create-admin', '--school', schoolId, '--login', 'Director2', '--last-name', 'Кузнецов', '--first-name', 'Пётр', '--middle-name', 'Ильич'];
    const admin = await runCli(args, env());
    expect(admin.code, admin.stderr).toBe(0);
    expect(admin.stdout).toMatch(/Логин: director2/);
    expect(admin.stdout).toMatch(/Одноразовый пароль: \S{10}/);
    const twice = await runCli(args, env());
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/Логин director2 уже занят/);
    const missingSchool = await runCli(['create-admin', '--school', '019ad2c4-0000-7000-8000-000000000000', '--login', 'x2', '--last-name', 'А', '--first-name', 'Б'], env());
    expect(missingSchool.code).toBe(1);
    expect(missingSchool.stderr).toMatch(/Школа не найдена/);
    const reset = await runCli(['reset-password', '--login', 'director2'], env());
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.stdout).toMatch(/Одноразовый пароль: \S{10}/);
    const unknown = await runCli(['reset-password', '--login', 'nobody'], env());
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/не найдена/);
  });

  it('creates region and municipality administrators who start the grant chain', async () => {
    const school = await runCli(['create-school', '--name', 'МАОУ «СОШ № 7»', '--short-name', 'СОШ № 7', '--region-code', '59', '--municipality', 'г. Пермь'], env());
    expect(school.code, school.stderr).toBe(0);
    const person = ['--last-name', 'Краева', '--first-name', 'Ксения', '--middle-name', 'Карловна'];
    const region = await runCli(['create-area-admin', '--region', '59', '--login', 'Perm-Region', ...person], env());
    expect(region.code, region.stderr).toBe(0);
    expect(region.stdout).toMatch(/Администратор региона: Пермский край/);
    expect(region.stdout).toMatch(/Логин: perm-region/);
    expect(region.stdout).toMatch(/Одноразовый пароль: \S{10}/);
    const town = await runCli(['create-area-admin', '--region', '59', '--municipality', 'г. Пермь', '--login', 'perm-town', ...person], env());
    expect(town.code, town.stderr).toBe(0);
    expect(town.stdout).toMatch(/Администратор муниципалитета: г\. Пермь, Пермский край/);
    const noRegion = await runCli(['create-area-admin', '--region', '99', '--login', 'nowhere', ...person], env());
    expect(noRegion.code).toBe(1);
    expect(noRegion.stderr).toMatch(/Регион с кодом 99 не найден/);
  }, 120_000);
});

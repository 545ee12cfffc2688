// `otmetka timetable …` run as a user runs it: solve and evaluate a small FET file, export a
// school's year, and every kind of bad input ending with one Russian line and a non-zero code.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { evaluate } from '../../../solver/evaluate';
import { readFet, readFetActivitiesResult, writeFet } from '../../../solver/fet';
import { SMALL_FET, SMALL_RESULT } from '../../../solver/fixture.test-helper';
import { openDatabase } from '../../db/client';
import { academicYearOf } from '../../db/demo/generate';
import { schools } from '../../db/schema';
import { adminQuery, databaseUrlWith } from '../../test/postgres';
import { childEnv, newDataDir, runCli, type RunResult } from '../../test/process';
import { buildYearProblem } from './problem';

const work = mkdtempSync(join(tmpdir(), 'otmetka-timetable-cli-'));
const file = (name: string, text: string): string => {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
};
const smallFet = file('small.fet', SMALL_FET);
const smallResult = file('small_activities.xml', SMALL_RESULT);
const noDatabase = childEnv(join(work, 'unused-data'), { OTMETKA_DEMO: 'false' });
const timetable = (...args: string[]) => runCli(['timetable', ...args], noDatabase);

/** A failure: the code, and exactly one line on stderr saying what is wrong. */
function expectFailure(r: RunResult, code: number, message: RegExp): void {
  expect(r.code, r.stdout + r.stderr).toBe(code);
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^otmetka: /);
  expect(lines[0]).toMatch(message);
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('otmetka timetable solve', () => {
  it('solves the small school, prints the evaluation in Russian and writes a result FET’s reader takes; the same seed gives the same result', async () => {
    const out = join(work, 'solved_activities.xml');
    const r = await timetable('solve', smallFet, '--seed', '7', '--time-limit', '20', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Задача «Школа №1 & филиал»: 5 дней × 4 урока, активностей 4 \(и неактивных 1\), учителей 2/);
    // The constraint types our model does not know are said, not dropped silently.
    expect(r.stdout).toMatch(/Не учитываются неизвестные типы ограничений: ConstraintTeacherIntervalMaxDaysPerWeek \(2\)/);
    expect(r.stdout).toMatch(/Поиск: зерно 7, не дольше 20 с/);
    expect(r.stdout).toMatch(/Расписание без жёстких нарушений найдено за [\d,]+ с/);
    expect(r.stdout).toMatch(/Жёстких нарушений: 0\n/);
    expect(r.stdout).toMatch(/Штраф мягких ограничений: [\d,]+/);
    expect(r.stdout).toContain(`Результат записан: ${out}`);

    const { problem } = readFet(SMALL_FET);
    const written = readFileSync(out, 'utf8');
    const result = evaluate(problem, readFetActivitiesResult(problem, written));
    expect(result.hard).toEqual([]);
    expect(r.stdout).toContain(`Штраф мягких ограничений: ${result.softPenalty.toLocaleString('ru-RU', { maximumFractionDigits: 3 })}`);

    // The evaluate command judges the written result the same way.
    const judged = await timetable('evaluate', smallFet, out);
    expect(judged.code, judged.stderr).toBe(0);
    expect(judged.stdout).toMatch(/Жёстких нарушений: 0\n/);
    expect(judged.stdout).toContain(`Штраф мягких ограничений: ${result.softPenalty.toLocaleString('ru-RU', { maximumFractionDigits: 3 })}`);

    const again = join(work, 'again_activities.xml');
    const second = await timetable('solve', smallFet, '--seed', '7', '--time-limit', '20', '--out', again);
    expect(second.code, second.stderr).toBe(0);
    expect(readFileSync(again, 'utf8')).toBe(written);
  }, 120_000);

  it('refuses an impossible problem before the search, naming the teacher', async () => {
    const { problem } = readFet(SMALL_FET);
    // Иванова has 4 lessons a week; leave her two free periods.
    const slots = problem.days.flatMap((_, day) => problem.periods.map((__, period) => ({ day, period }))).slice(2);
    problem.constraints.push({ kind: 'teacherNotAvailable', weight: 100, teacher: problem.teachers.findIndex((t) => t.name === 'Иванова'), slots });
    const impossible = file('impossible.fet', writeFet(problem));
    const out = join(work, 'impossible_activities.xml');
    const r = await timetable('solve', impossible, '--out', out);
    expectFailure(r, 1, /задача из «.*impossible\.fet» невыполнима \(1 причина выше\), поиск не запускался/);
    expect(r.stdout).toMatch(/Задача невыполнима:\n {2}- .*Иванова/);
    expect(() => readFileSync(out)).toThrow();
  });
});

describe('otmetka timetable evaluate', () => {
  it('judges FET’s result: no hard violation, the soft penalty by constraint', async () => {
    const r = await timetable('evaluate', smallFet, smallResult);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Жёстких нарушений: 0\n/);
    expect(r.stdout).toMatch(/Штраф мягких ограничений: 0\n/);
  });

  it('lists the hard violations of a bad result and exits 1 saying how many', async () => {
    // Both mathematics lessons at once on Monday, first period: a clash for the class and the teacher.
    const clash = file('clash_activities.xml', SMALL_RESULT.replace('<Id>2</Id><Day>Вт</Day>', '<Id>2</Id><Day>Пн</Day>'));
    const r = await timetable('evaluate', smallFet, clash);
    expectFailure(r, 1, /в расписании «.*clash_activities\.xml» жёстких нарушений: \d+/);
    expect(r.stdout).toMatch(/Жёстких нарушений: [1-9]/);
    expect(r.stdout).toMatch(/по правилам: .*у учителя не больше одного урока одновременно/);
    expect(r.stdout).toMatch(/Иванова/);
    // The soft side is broken down by constraint: the two lessons of one subject at once.
    expect(r.stdout).toMatch(/Штраф мягких ограничений: 1,9\n {2}1,9 — между уроками группы не меньше N дней .*\(вес 95%; нарушено ограничений: 1, величина 2\)/);
  });
});

describe('bad input: one Russian line and a non-zero code', () => {
  const malformed = SMALL_FET.replace('<Teacher>Петров</Teacher><Subject>Английский язык</Subject>', '<Teacher>Сидоров</Teacher><Subject>Английский язык</Subject>');
  const files: Record<string, string> = {
    SMALL: smallFet,
    NOT_FET: file('not.fet', 'это не XML'),
    MALFORMED: file('malformed.fet', malformed),
    OTHER_ID: file('other-id.xml', SMALL_RESULT.replace('<Id>1</Id>', '<Id>99</Id>')),
    OTHER_DAY: file('other-day.xml', SMALL_RESULT.replace('<Id>1</Id><Day>Пн</Day>', '<Id>1</Id><Day>Sunday</Day>')),
  };
  // Each starts a process of its own and touches no database: they run side by side.
  it.concurrent.each([
    ['a missing .fet file', ['solve', 'nowhere.fet'], 1, /файл FET «nowhere\.fet» не найден/],
    ['a folder instead of a file', ['evaluate', work, 'x.xml'], 1, /«.*» — папка, а нужен файл FET/],
    ['a file that is not FET', ['solve', 'NOT_FET'], 1, /файл «.*not\.fet» не читается как FET: fet: нет корневого элемента <fet>/],
    ['an activity naming an unknown teacher', ['solve', 'MALFORMED'], 1, /файл «.*malformed\.fet» не читается как FET: Activity 4: неизвестный Teacher «Сидоров»/],
    ['a missing result file', ['evaluate', 'SMALL', 'nowhere_activities.xml'], 1, /файл результата «nowhere_activities\.xml» не найден/],
    ['a result with an activity the problem has not', ['evaluate', 'SMALL', 'OTHER_ID'], 1, /результат «.*other-id\.xml» не подходит к задаче «small\.fet»: Activity 99: нет такой активности в задаче/],
    ['a result with a day the problem has not', ['evaluate', 'SMALL', 'OTHER_DAY'], 1, /не подходит к задаче «small\.fet»: Activity 1: неизвестный Day «Sunday»/],
    ['a .fet file given as the result', ['evaluate', 'SMALL', 'SMALL'], 1, /не подходит к задаче «small\.fet»: Activities_Timetable: нет корневого элемента/],
    ['a result to be written into a folder', ['solve', 'SMALL', '--out', work], 1, /— папка, а нужен файл для записи/],
    ['a seed that is not a number', ['solve', 'SMALL', '--seed', 'abc'], 2, /timetable solve: --seed должно быть целым числом/],
    ['a time limit of zero', ['solve', 'SMALL', '--time-limit', '0'], 2, /--time-limit должно быть целым числом от 1/],
    ['an unknown option', ['solve', 'SMALL', '--colour', 'red'], 2, /timetable solve: Unknown option '--colour'/],
    ['no file', ['solve'], 2, /timetable solve: нужно указать файл \.fet/],
    ['one file for evaluate', ['evaluate', 'SMALL'], 2, /нужно указать файл \.fet и файл результата _activities\.xml/],
    ['no action', [], 2, /timetable: укажите действие: solve, evaluate или export-fet/],
    ['an unknown action', ['draw'], 2, /неизвестное действие «draw»/],
    ['export without a school', ['export-fet'], 2, /не указан параметр --school/],
    ['export with a bad year', ['export-fet', '--school', 'Школа', '--year', 'next'], 2, /--year должно быть целым числом от 2000 до 2100/],
  ])('%s', async (_, args, code, message) => {
    expectFailure(await timetable(...(args as string[]).map((a) => files[a] ?? a)), code as number, message as RegExp);
  });
});

describe('otmetka timetable export-fet', () => {
  // The school's database: a PGlite folder, or a scratch PostgreSQL database when DATABASE_URL is set.
  const url = process.env.DATABASE_URL;
  const dataDir = newDataDir();
  const pgName = `otmetka_test_${randomBytes(6).toString('hex')}`;
  const env = url ? { ...childEnv(dataDir), DATABASE_URL: databaseUrlWith(url, pgName) } : childEnv(dataDir, { OTMETKA_DEMO: 'false' });
  const cli = (...args: string[]) => runCli(args, env);
  const open = () => openDatabase(url ? { databaseUrl: databaseUrlWith(url, pgName), poolSize: 1 } : { dataDir });
  let demo: { id: string; shortName: string; activities: number; academicYear: number };

  beforeAll(async () => {
    if (url) await adminQuery(url, `create database ${pgName} template ${inject('postgresTemplate')}`);
    const seeded = await cli('demo');
    expect(seeded.code, seeded.stderr).toBe(0);
    // Read what the export must hold while no command holds the database.
    const database = await open();
    try {
      const [school] = await database.db.select({ id: schools.id, shortName: schools.shortName }).from(schools);
      const academicYear = academicYearOf(new Date());
      const { problem } = await buildYearProblem(database.db, school!.id, academicYear);
      demo = { ...school!, activities: problem.activities.length, academicYear };
    } finally {
      await database.close();
    }
  }, 120_000);
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    if (url) await adminQuery(url, `drop database if exists ${pgName} with (force)`);
  });

  it('writes the demo school’s year as a FET file, found by its short name or its id', async () => {
    const out = join(work, 'demo.fet');
    const r = await cli('timetable', 'export-fet', '--school', demo.shortName.toUpperCase(), '--year', String(demo.academicYear), '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(demo.activities).toBeGreaterThan(100);
    expect(r.stdout).toContain(`${demo.shortName}, ${demo.academicYear}/${String(demo.academicYear + 1).slice(2)} учебный год:`);
    expect(r.stdout).toContain(`активностей ${demo.activities}`);
    expect(r.stdout).toContain(`— записано в ${out}`);
    // Teacher gaps are soft in our problems; FET takes them only at 100%, and the line says so.
    expect(r.stdout).toMatch(/FET не станет составлять расписание с такими ограничениями ниже 100%: teachersMaxGapsPerDay \(вес 50%, 1\)/);
    const back = readFet(readFileSync(out, 'utf8'));
    expect(back.unknownConstraints).toEqual([]);
    expect(back.problem.activities).toHaveLength(demo.activities);

    // Without --out the file goes to stdout and the summary to stderr; the year is the current one.
    const piped = await cli('timetable', 'export-fet', '--school', demo.id);
    expect(piped.code, piped.stderr).toBe(0);
    expect(readFet(piped.stdout).problem.activities).toHaveLength(demo.activities);
    expect(piped.stderr).toContain(`активностей ${demo.activities}`);
  });

  it('names a school it cannot find, and one name that means two schools', async () => {
    expectFailure(await cli('timetable', 'export-fet', '--school', 'Школа, которой нет'), 1, /школа «Школа, которой нет» не найдена/);
    const twin = await cli('create-school', '--name', 'Вторая школа с тем же кратким названием', '--short-name', demo.shortName);
    expect(twin.code, twin.stderr).toBe(0);
    const r = await cli('timetable', 'export-fet', '--school', demo.shortName);
    expectFailure(r, 1, new RegExp(`под названием «.*» несколько школ \\(.*${demo.id}.*\\) — укажите идентификатор`));
    const year = await cli('timetable', 'export-fet', '--school', twin.stdout.trim(), '--year', '2031', '--out', join(work, 'empty.fet'));
    expect(year.code, year.stderr).toBe(0);
    expect(year.stdout).toMatch(/2031\/32 учебный год: .*активностей 0/);
    expect(year.stdout).toMatch(/В задаче нет уроков: нагрузка этого учебного года не заполнена\./);
  }, 60_000);
});

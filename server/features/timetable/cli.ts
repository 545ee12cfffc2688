// `otmetka timetable …`: solve a FET file with our solver, evaluate anyone's result of one, and
// export a school's year as a FET file. Bad input ends with one Russian line and a non-zero code.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { academicYearOfDate } from '../../../domain/school-year';
import { countRu, diagnose } from '../../../solver/diagnose';
import { evaluate, MEANING, type Evaluation } from '../../../solver/evaluate';
import { FetFormatError, readFet, readFetActivitiesResult, writeFet, type FetReadResult } from '../../../solver/fet';
import type { Problem, Timetable } from '../../../solver/model';
import type { Progress, SolveResult } from '../../../solver/solve';
import type { Db } from '../../db/client';
import { AppError } from '../../lib/errors';
import { localDateOf } from '../../lib/local-date';
import { listSchoolNames, type SchoolOfCommand } from './cli.repo';
import { fetRefusedConstraints } from './fet-compat';
import { writeFetActivitiesResult } from './fet-result';
import { buildYearProblem } from './problem';

export type TimetableCliContext = {
  print: (line: string) => void;
  /** Lines that are not the command's output (progress, notes beside a file written to stdout). */
  note: (line: string) => void;
  /** An error of the command line itself (exit code 2). */
  usageError: (message: string) => Error;
  withDatabase: <T>(run: (db: Db) => Promise<T>) => Promise<T>;
  /** Whether to show progress while solving (a terminal is watching). */
  showProgress: boolean;
};

const defaultTimeLimitSeconds = 60;
const maxListed = 20;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const num = (n: number): string => n.toLocaleString('ru-RU', { maximumFractionDigits: 3 });
const sec = (ms: number): string => {
  const digits = ms < 10_000 ? 2 : 1;
  return (ms / 1000).toLocaleString('ru-RU', { minimumFractionDigits: digits, maximumFractionDigits: digits });
};
const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

export async function runTimetableCli(args: string[], ctx: TimetableCliContext): Promise<number> {
  const [action, ...rest] = args;
  const command = `timetable ${action ?? ''}`.trim();
  const parse = <O extends NonNullable<ParseArgsConfig['options']>>(options: O, positionals: string[]) => {
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options, strict: true, allowPositionals: true });
    } catch (err) {
      throw ctx.usageError(`${command}: ${(err as Error).message}`);
    }
    if (parsed.positionals.length !== positionals.length) {
      throw ctx.usageError(`${command}: нужно указать ${positionals.join(' и ')}${parsed.positionals.length > positionals.length ? `, лишнее: «${parsed.positionals.slice(positionals.length).join(' ')}»` : ''}`);
    }
    return parsed;
  };
  const intOption = (value: string | undefined, name: string, min: number, max: number): number | undefined => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw ctx.usageError(`${command}: --${name} должно быть целым числом от ${min} до ${max}, получено «${value}»`);
    return n;
  };

  switch (action) {
    case 'solve': {
      const { values, positionals } = parse({ seed: { type: 'string' }, 'time-limit': { type: 'string' }, out: { type: 'string' } }, ['файл .fet']);
      const seed = intOption(values.seed, 'seed', 0, 2 ** 31 - 1) ?? 1;
      const limitSeconds = intOption(values['time-limit'], 'time-limit', 1, 86_400) ?? defaultTimeLimitSeconds;
      const file = positionals[0]!;
      const read = readFetFile(file);
      const { problem } = read;
      for (const line of describeProblem(read)) ctx.print(line);
      const issues = diagnose(problem);
      if (issues.length > 0) {
        ctx.print('Задача невыполнима:');
        for (const issue of issues) ctx.print(`  - ${issue.message}`);
        throw new AppError('TIMETABLE_IMPOSSIBLE', 422, `${command}: задача из «${file}» невыполнима (${countRu(issues.length, 'причина', 'причины', 'причин')} выше), поиск не запускался`);
      }
      const out = values.out;
      if (out !== undefined) assertWritable(out);
      ctx.print(`Поиск: зерно ${seed}, не дольше ${limitSeconds} с…`);
      // Loaded only here: the other commands need no search.
      const { solve } = await import('../../../solver/solve');
      const result: SolveResult = await solve(problem, {
        seed,
        timeLimitMs: limitSeconds * 1000,
        ...(ctx.showProgress ? { onProgress: (p: Progress) => ctx.note(progressLine(p)), progressEveryMs: 1000 } : {}),
      });
      const evaluation = evaluate(problem, result.timetable);
      if (result.firstFeasibleMs !== null) {
        ctx.print(`Расписание без жёстких нарушений найдено за ${sec(result.firstFeasibleMs)} с${result.firstFeasibleCpuMs === null ? '' : ` (процессор ${sec(result.firstFeasibleCpuMs)} с)`}; поиск шёл ${sec(result.elapsedMs)} с.`);
      } else {
        ctx.print(`${result.status === 'cancelled' ? 'Поиск остановлен' : `За ${limitSeconds} с`}: расписание без жёстких нарушений не найдено, ниже — лучшее найденное.`);
      }
      for (const line of describeEvaluation(evaluation)) ctx.print(line);
      if (out !== undefined) {
        writeOut(out, writeFetActivitiesResult(problem, result.timetable));
        ctx.print(`Результат записан: ${out}`);
      }
      if (evaluation.hard.length > 0) {
        throw new AppError('TIMETABLE_NOT_SOLVED', 422, `${command}: за ${limitSeconds} с не найдено расписание без жёстких нарушений (осталось ${evaluation.hard.length})`);
      }
      return 0;
    }

    case 'evaluate': {
      const { positionals } = parse({}, ['файл .fet', 'файл результата _activities.xml']);
      const [file, resultFile] = positionals as [string, string];
      const read = readFetFile(file);
      const timetable = readResultFile(read.problem, resultFile, file);
      for (const line of describeProblem(read)) ctx.print(line);
      const evaluation = evaluate(read.problem, timetable);
      for (const line of describeEvaluation(evaluation)) ctx.print(line);
      if (evaluation.hard.length > 0) {
        throw new AppError('TIMETABLE_HAS_HARD_VIOLATIONS', 422, `${command}: в расписании «${resultFile}» жёстких нарушений: ${evaluation.hard.length}`);
      }
      return 0;
    }

    case 'export-fet': {
      const { values } = parse({ school: { type: 'string' }, year: { type: 'string' }, out: { type: 'string' } }, []);
      const school = values.school?.trim();
      if (!school) throw ctx.usageError(`${command}: не указан параметр --school (идентификатор или название школы)`);
      const year = intOption(values.year, 'year', 2000, 2100);
      const out = values.out;
      if (out !== undefined) assertWritable(out);
      const exported = await ctx.withDatabase(async (db) => {
        const found = findSchool(await listSchoolNames(db), school);
        if (found.length === 0) throw new AppError('SCHOOL_NOT_FOUND', 404, `${command}: школа «${school}» не найдена (укажите её идентификатор или полное или краткое название)`);
        if (found.length > 1) {
          throw new AppError('SCHOOL_AMBIGUOUS', 409, `${command}: под названием «${school}» несколько школ (${found.map((s) => s.id).join(', ')}) — укажите идентификатор`);
        }
        const s = found[0]!;
        const academicYear = year ?? academicYearOfDate(localDateOf(new Date(), s.timeZone));
        return { school: s, academicYear, ...(await buildYearProblem(db, s.id, academicYear)) };
      });
      const { problem } = exported;
      const xml = writeFet(problem);
      const report = out === undefined ? ctx.note : ctx.print;
      if (out === undefined) ctx.print(xml.trimEnd());
      else writeOut(out, xml);
      const years = `${exported.academicYear}/${String(exported.academicYear + 1).slice(2)}`;
      report(`${exported.school.shortName}, ${years} учебный год: ${describeSize(problem)}${out === undefined ? '' : ` — записано в ${out}`}`);
      if (problem.activities.length === 0) report('В задаче нет уроков: нагрузка этого учебного года не заполнена.');
      for (const n of exported.notes) report(n);
      const refused = fetRefusedConstraints(problem);
      if (refused.length > 0) {
        report(`FET не станет составлять расписание с такими ограничениями ниже 100%: ${refused.map((r) => `${r.kind} (вес ${num(r.weight)}%, ${r.count})`).join(', ')}; наш решатель их учитывает.`);
      }
      const issues = diagnose(problem);
      if (issues.length > 0) {
        report('Задача невыполнима:');
        for (const issue of issues) report(`  - ${issue.message}`);
      }
      return 0;
    }

    case undefined:
      throw ctx.usageError('timetable: укажите действие: solve, evaluate или export-fet (otmetka help)');
    default:
      throw ctx.usageError(`timetable: неизвестное действие «${action}»; есть solve, evaluate и export-fet`);
  }
}

/** The school an argument means: its id, or its full or short name (letter case and spacing aside). */
function findSchool(all: SchoolOfCommand[], idOrName: string): SchoolOfCommand[] {
  if (uuidPattern.test(idOrName)) {
    const byId = all.filter((s) => s.id.toLowerCase() === idOrName.toLowerCase());
    if (byId.length > 0) return byId;
  }
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLocaleLowerCase('ru');
  const name = norm(idOrName);
  return all.filter((s) => norm(s.name) === name || norm(s.shortName) === name);
}

function readText(file: string, what: string): string {
  if (!existsSync(file)) throw new AppError('FILE_NOT_FOUND', 404, `${what} «${file}» не найден`);
  if (statSync(file).isDirectory()) throw new AppError('FILE_NOT_FOUND', 400, `«${file}» — папка, а нужен ${what}`);
  try {
    const bytes = readFileSync(file);
    return file.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
  } catch (err) {
    throw new AppError('FILE_UNREADABLE', 400, `${what} «${file}» не читается: ${oneLine((err as Error).message)}`);
  }
}

/** A `.fet` file read into the model; a malformed one is refused naming the element. */
export function readFetFile(file: string): FetReadResult {
  const xml = readText(file, 'файл FET');
  try {
    return readFet(xml);
  } catch (err) {
    if (err instanceof FetFormatError) throw new AppError('FET_MALFORMED', 400, `файл «${file}» не читается как FET: ${oneLine(err.message)}`);
    throw err;
  }
}

/** A result `_activities.xml` of the problem; one that does not match it is refused naming the activity. */
export function readResultFile(problem: Problem, file: string, fetFile: string): Timetable {
  const xml = readText(file, 'файл результата');
  try {
    return readFetActivitiesResult(problem, xml);
  } catch (err) {
    if (err instanceof FetFormatError) throw new AppError('FET_RESULT_MISMATCH', 400, `результат «${file}» не подходит к задаче «${basename(fetFile)}»: ${oneLine(err.message)}`);
    throw err;
  }
}

function assertWritable(file: string): void {
  if (existsSync(file) && statSync(file).isDirectory()) throw new AppError('FILE_NOT_WRITABLE', 400, `«${file}» — папка, а нужен файл для записи`);
}

function writeOut(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (err) {
    throw new AppError('FILE_NOT_WRITABLE', 400, `не удалось записать «${file}»: ${oneLine((err as Error).message)}`);
  }
}

function describeSize(problem: Problem): string {
  const active = problem.activities.filter((a) => a.active).length;
  const inactive = problem.activities.length - active;
  return [
    `${countRu(problem.days.length, 'день', 'дня', 'дней')} × ${countRu(problem.periods.length, 'урок', 'урока', 'уроков')}`,
    `активностей ${active}${inactive > 0 ? ` (и неактивных ${inactive})` : ''}`,
    `учителей ${problem.teachers.length}`,
    `наборов учеников ${problem.studentsSets.length}`,
    `кабинетов ${problem.rooms.length}`,
    `ограничений ${problem.constraints.length}`,
  ].join(', ');
}

/** The problem in one line and what of the file is not taken into account. */
export function describeProblem({ problem, unknownConstraints }: FetReadResult): string[] {
  const lines = [`Задача «${problem.name}»: ${describeSize(problem)}.`];
  if (unknownConstraints.length > 0) {
    lines.push(`Не учитываются неизвестные типы ограничений: ${unknownConstraints.map((u) => `${u.type} (${u.count})`).join(', ')}.`);
  }
  return lines;
}

/** Hard violations (the first ones named) and the soft penalty by kind of constraint and weight, in Russian. */
export function describeEvaluation(evaluation: Evaluation): string[] {
  const lines = [`Жёстких нарушений: ${evaluation.hard.length}`];
  if (evaluation.hard.length > 0) {
    const byMeaning = new Map<string, number>();
    for (const v of evaluation.hard) byMeaning.set(MEANING[v.kind], (byMeaning.get(MEANING[v.kind]) ?? 0) + 1);
    lines.push(`  по правилам: ${[...byMeaning].map(([meaning, n]) => `${meaning} — ${n}`).join('; ')}`);
  }
  for (const v of evaluation.hard.slice(0, maxListed)) lines.push(`  - ${v.message}`);
  if (evaluation.hard.length > maxListed) lines.push(`  … и ещё ${evaluation.hard.length - maxListed}`);
  lines.push(`Штраф мягких ограничений: ${num(evaluation.softPenalty)}`);
  // One line per kind and weight: a file has hundreds of constraints of one kind.
  const groups = new Map<string, { meaning: string; weight: number; constraints: number; amount: number; penalty: number }>();
  for (const s of evaluation.byConstraint) {
    if (s.weight >= 100 || s.amount === 0) continue;
    const key = `${s.kind}\u0000${s.weight}`;
    const g = groups.get(key) ?? { meaning: s.meaning, weight: s.weight, constraints: 0, amount: 0, penalty: 0 };
    g.constraints += 1;
    g.amount += s.amount;
    g.penalty += s.penalty;
    groups.set(key, g);
  }
  const sorted = [...groups.values()].sort((a, b) => b.penalty - a.penalty || b.weight - a.weight);
  for (const g of sorted) {
    lines.push(`  ${num(g.penalty)} — ${g.meaning} (вес ${num(g.weight)}%; нарушено ограничений: ${g.constraints}, величина ${num(g.amount)})`);
  }
  return lines;
}

function progressLine(p: Progress): string {
  const phase = { construct: 'расстановка', repair: 'исправление', improve: 'улучшение' }[p.phase];
  return `  ${phase}: размещено ${p.placed} из ${p.total}, жёстких нарушений ${p.hard}, штраф ${num(p.softPenalty)}, ${sec(p.elapsedMs)} с`;
}

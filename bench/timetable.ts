// bench:timetable — our solver against FET's command line (`fet-cl`, Debian package `fet`) on six
// real schools shipped with FET and on the demo Russian school exported as `.fet` (issue 5).
// Each instance is solved with several seeds by both, each run in a child process of its own; the
// CPU time of a run is the child's user + system time. Both results are judged by OUR evaluator.
// Prints per instance the success rate, the median CPU seconds to the first timetable without hard
// violations (and the ratio ours/FET) and the median soft penalty, then a verdict per target.
// FET's files are read where Debian installs them; nothing of FET is copied into the repository.
//
//   npm run bench:timetable
//   npm run bench:timetable -- --instances vietnam,demo --seeds 2 --limit 60 --only fet
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { evaluate } from '../solver/evaluate';
import { readFet, readFetActivitiesResult, writeFet } from '../solver/fet';
import { fetRefusedConstraints, withoutFetRefused } from '../server/features/timetable/fet-compat';
import type { RunLine } from './timetable-run';

const here = dirname(fileURLToPath(import.meta.url));
const FET_CL = '/usr/bin/fet-cl';
const EXAMPLES = '/usr/share/doc/fet-data/examples/FET-5-official';

type Instance = { key: string; title: string; pattern?: string };
/** The six of issue 5 (paths under FET's examples, `*` within one name), then the demo school. */
const INSTANCES: Instance[] = [
  { key: 'vietnam', title: 'Вьетнам, THCS Đức Hợp', pattern: 'Vietnam/3-THCS*/TKB-THCS-DucHop*.fet' },
  { key: 'romania', title: 'Румыния, школа 10 Орадя', pattern: 'Romania/Oradea/School-10-Oradea-2007-2008.fet' },
  { key: 'bulgaria', title: 'Болгария, гимназия Лом', pattern: 'Bulgaria/Lom_high_school_2007-2008.fet' },
  { key: 'spain', title: 'Испания, средняя школа', pattern: 'Spain/2-secondary-school/secondary-school.fet' },
  { key: 'belize', title: 'Белиз, Sacred Heart College', pattern: 'Belize/Sacred-Heart-College/shc-2013/shc-2013.fet' },
  { key: 'hungary', title: 'Венгрия, Városmajori Gimnázium', pattern: 'Hungary/Varosmajori_Gimnazium_Budapest/vmg-20180901b-2.fet' },
  { key: 'demo', title: 'демо-школа Отметки' },
];

type Engine = 'fet' | 'ours';
type Run = {
  seed: number;
  /** No hard violation by our evaluator. */
  solved: boolean;
  /** CPU seconds to the first timetable without hard violations (null when not found). */
  firstFeasibleCpuS: number | null;
  /** CPU seconds of the whole child process. */
  processCpuS: number;
  softPenalty: number | null;
  hard: number | null;
  note?: string;
  /** FET only: what FET said, and the soft penalty FET itself reports. */
  fetSays?: string;
  fetOwnSoft?: number | null;
};
type InstanceResult = {
  key: string;
  title: string;
  file: string;
  activities: number;
  unknownConstraints: { type: string; count: number }[];
  runs: Partial<Record<Engine, Run[]>>;
};

const usage = `bench:timetable — наш решатель против fet-cl

  npm run bench:timetable -- [--instances ${INSTANCES.map((i) => i.key).join(',')}] [--seeds 5] [--limit 300] [--only ours|fet] [--jobs 1] [--keep]
  --keep оставляет рабочую папку (файлы .fet, ответы FET и наши результаты)`;

function fail(message: string): never {
  process.stderr.write(`bench:timetable: ${message}\n${usage}\n`);
  process.exit(2);
}

function options() {
  let v;
  try {
    v = parseArgs({ options: { instances: { type: 'string' }, seeds: { type: 'string' }, limit: { type: 'string' }, only: { type: 'string' }, jobs: { type: 'string' }, keep: { type: 'boolean' }, help: { type: 'boolean' } } }).values;
  } catch (err) {
    fail((err as Error).message);
  }
  if (v.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  const int = (value: string | undefined, name: string, dflt: number, min: number, max: number): number => {
    if (value === undefined) return dflt;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) fail(`--${name} должно быть целым числом от ${min} до ${max}, получено «${value}»`);
    return n;
  };
  const keys = v.instances === undefined ? INSTANCES.map((i) => i.key) : v.instances.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = keys.filter((k) => !INSTANCES.some((i) => i.key === k));
  if (unknown.length > 0 || keys.length === 0) fail(`неизвестные экземпляры: ${unknown.join(', ') || '(пусто)'}`);
  if (v.only !== undefined && v.only !== 'ours' && v.only !== 'fet') fail(`--only может быть ours или fet, получено «${v.only}»`);
  const engines: Engine[] = v.only === undefined ? ['fet', 'ours'] : [v.only as Engine];
  return {
    instances: INSTANCES.filter((i) => keys.includes(i.key)),
    seeds: int(v.seeds, 'seeds', 5, 1, 100),
    limit: int(v.limit, 'limit', 300, 1, 86_400),
    jobs: int(v.jobs, 'jobs', 1, 1, 16),
    engines,
    keep: v.keep === true,
  };
}

/** The one file a pattern names: each path part may hold `*` for any characters. */
function resolvePattern(pattern: string): string | null {
  let dirs = [EXAMPLES];
  for (const part of pattern.split('/')) {
    if (!part.includes('*')) {
      dirs = dirs.map((d) => join(d, part)).filter((p) => existsSync(p));
      continue;
    }
    const re = new RegExp(`^${part.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    dirs = dirs.flatMap((d) => (existsSync(d) ? readdirSync(d).filter((n) => re.test(n)).sort().map((n) => join(d, n)) : []));
  }
  return dirs[0] ?? null;
}

/**
 * The demo school built in a scratch in-memory database, its year's problem written as `.fet`
 * without the constraints FET refuses to generate with (listed in `dropped`).
 */
async function demoFet(): Promise<{ xml: string; dropped: string[] }> {
  const { openDatabase } = await import('../server/db/client');
  const { seedDemo, demoPassword, academicYearOf } = await import('../server/db/demo/generate');
  const { hashPassword } = await import('../server/lib/passwords');
  const { buildYearProblem } = await import('../server/features/timetable/problem');
  const database = await openDatabase({ dataDir: null });
  try {
    await database.migrate();
    const academicYear = academicYearOf(new Date());
    const summary = await seedDemo(database.db, { schools: 1, academicYear, passwordHash: await hashPassword(demoPassword) });
    const { problem } = await buildYearProblem(database.db, summary.demoSchoolId, academicYear);
    // FET stops on some kinds below 100% (teacher gaps are soft in our problems): both solvers get
    // the file without them, so that they solve the same problem.
    const dropped = fetRefusedConstraints(problem).map((d) => `${d.kind} (вес ${d.weight}%) ×${d.count}`);
    return { xml: writeFet(withoutFetRefused(problem)), dropped };
  } finally {
    await database.close();
  }
}

/** Runs a command under bash and reads the child's user + system CPU seconds from `times`. */
function runTimed(args: string[], stdoutFile: string, killAfterS: number): Promise<{ code: number | null; cpuS: number; stdout: string }> {
  // `times` prints the shell's own times, then its children's: "0m1.234s 0m0.056s".
  const script = '"$@" >"$OUT" 2>&1; rc=$?; times; exit $rc';
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script, 'bash', ...args], { env: { ...process.env, OUT: stdoutFile, LC_ALL: 'C' }, detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    const timer = setTimeout(() => {
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ }
    }, killAfterS * 1000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const lines = out.trim().split('\n');
      const m = /(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s/.exec(lines.at(-1) ?? '');
      const cpuS = m ? Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) * 60 + Number(m[4]) : NaN;
      resolve({ code, cpuS, stdout: existsSync(stdoutFile) ? readFileSync(stdoutFile, 'utf8') : '' });
    });
  });
}

async function runFet(name: string, fetFile: string, work: string, seed: number, limit: number): Promise<Run> {
  const out = join(work, `fet-${seed}`);
  const seeds = [10, 11, 12, 20, 21, 22].map((c, i) => `--randomseeds${c}=${seed + 1000 * i}`);
  const args = [FET_CL, `--inputfile=${fetFile}`, `--outputdir=${out}`, `--timelimitseconds=${limit}`, '--htmllevel=0', '--language=en_US', ...seeds];
  const r = await runTimed(args, join(work, `fet-${seed}.log`), limit + 120);
  const resultLog = join(out, 'logs', 'result.txt');
  const said = existsSync(resultLog) ? readFileSync(resultLog, 'utf8') : r.stdout;
  const fetSays = /Simulation successful/.test(said) ? 'successful' : /Time exceeded/.test(said) ? 'timeExceeded' : `exit ${r.code}`;
  const dir = join(out, 'timetables', name);
  const activities = join(dir, `${name}_activities.xml`);
  const run: Run = { seed, solved: false, firstFeasibleCpuS: null, processCpuS: r.cpuS, softPenalty: null, hard: null, fetSays };
  if (fetSays !== 'successful' || !existsSync(activities)) {
    if (fetSays !== 'successful' && fetSays !== 'timeExceeded') run.note = r.stdout.trim().split('\n').slice(-3).join(' ');
    return run;
  }
  const { problem } = readFet(readFileSync(fetFile, 'utf8'));
  const e = evaluate(problem, readFetActivitiesResult(problem, readFileSync(activities, 'utf8')));
  const own = /Total soft conflicts:\s*([\d.]+)/.exec(existsSync(join(dir, `${name}_soft_conflicts.txt`)) ? readFileSync(join(dir, `${name}_soft_conflicts.txt`), 'utf8') : '');
  run.hard = e.hard.length;
  run.softPenalty = e.softPenalty;
  run.fetOwnSoft = own ? Number(own[1]) : null;
  run.solved = e.hard.length === 0;
  // FET stops at its first timetable without hard violations: its whole run is the time to it.
  if (run.solved) run.firstFeasibleCpuS = r.cpuS;
  else run.note = `FET считает решённым, наш оценщик видит жёстких нарушений: ${e.hard.length} (${e.hard[0]?.message ?? ''})`;
  return run;
}

async function runOurs(fetFile: string, work: string, seed: number, limit: number): Promise<Run> {
  // One thread, as fet-cl: V8 then compiles and collects garbage in the solver's own thread instead
  // of helper threads, which in a run of a tenth of a second only adds CPU time (bench/README).
  const args = [process.execPath, '--single-threaded', '--import', 'tsx', join(here, 'timetable-run.ts'), fetFile, '--seed', String(seed), '--limit', String(limit), '--out', join(work, `ours-${seed}_activities.xml`)];
  const r = await runTimed(args, join(work, `ours-${seed}.log`), limit + 120);
  const json = r.stdout.split('\n').find((l) => l.startsWith('{'));
  const run: Run = { seed, solved: false, firstFeasibleCpuS: null, processCpuS: r.cpuS, softPenalty: null, hard: null };
  if (!json) {
    run.note = `прогон не завершился (код ${r.code}): ${r.stdout.trim().split('\n').slice(-2).join(' ')}`;
    return run;
  }
  const line = JSON.parse(json) as RunLine;
  run.hard = line.hard;
  run.solved = line.hard === 0;
  run.softPenalty = run.solved ? line.softPenalty : null;
  // Reading the file counts, as it does in FET's time; starting Node and loading the code does not.
  if (run.solved && line.firstFeasibleCpuMs !== null) run.firstFeasibleCpuS = (line.readCpuMs + line.firstFeasibleCpuMs) / 1000;
  return run;
}

/** Runs tasks with at most `jobs` at once, in order of the list. */
async function pool<T>(tasks: (() => Promise<T>)[], jobs: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, tasks.length) }, worker));
  return results;
}

/** Median; a failed run counts as infinitely slow, so more than half failed gives Infinity. */
function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const fmt = (n: number | null, digits = 2): string =>
  n === null ? '—' : Number.isFinite(n) ? n.toLocaleString('ru-RU', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '∞';

type Summary = { rate: string; solved: number; seeds: number; cpu: number | null; penalty: number | null };
function summarize(runs: Run[] | undefined): Summary | null {
  if (!runs) return null;
  const solved = runs.filter((r) => r.solved);
  return {
    rate: `${solved.length}/${runs.length}`,
    solved: solved.length,
    seeds: runs.length,
    cpu: median(runs.map((r) => r.firstFeasibleCpuS ?? Infinity)),
    penalty: median(solved.map((r) => r.softPenalty!)),
  };
}

function printInstance(r: InstanceResult, limit: number): void {
  const fet = summarize(r.runs.fet);
  const ours = summarize(r.runs.ours);
  console.log(`\n${r.title} (${r.key}): активностей ${r.activities}`);
  if (r.unknownConstraints.length > 0) {
    console.log(`  наша модель не знает (не учитывает): ${r.unknownConstraints.map((u) => `${u.type} ×${u.count}`).join(', ')}`);
  }
  const line = (who: string, s: Summary | null, runs: Run[] | undefined) => {
    if (!s || !runs) return;
    const cpu = s.cpu !== null && !Number.isFinite(s.cpu) ? `> ${limit}` : fmt(s.cpu);
    console.log(`  ${who}: успех ${s.rate}; процессор до первого расписания без жёстких нарушений, медиана ${cpu} с; штраф (наш оценщик), медиана ${fmt(s.penalty)}`);
    for (const run of runs) {
      const own = run.fetOwnSoft !== undefined && run.fetOwnSoft !== null ? `, FET сам насчитал ${fmt(run.fetOwnSoft)}` : '';
      const what = run.solved ? `${fmt(run.firstFeasibleCpuS)} с, штраф ${fmt(run.softPenalty)}${own}` : `не решено${run.hard !== null ? `, жёстких нарушений ${run.hard}` : ''}`;
      console.log(`    зерно ${run.seed}: ${what}; процесс ${fmt(run.processCpuS)} с${run.note ? ` — ${run.note}` : ''}`);
    }
  };
  line('FET ', fet, r.runs.fet);
  line('наш ', ours, r.runs.ours);
  if (fet && ours) console.log(`  отношение времени наш/FET: ${ratio(ours.cpu, fet.cpu)}`);
}

function ratio(ours: number | null, fet: number | null): string {
  if (ours === null || fet === null) return '—';
  if (!Number.isFinite(ours)) return Number.isFinite(fet) ? '∞' : '— (оба не решили)';
  if (!Number.isFinite(fet)) return '0 (FET не решил)';
  // Three decimals: a ratio printed as 1,00 may still be above 1.
  return fmt(ours / Math.max(fet, 0.001), 3);
}

async function main(): Promise<void> {
  const opts = options();
  if (opts.engines.includes('fet') && !existsSync(FET_CL)) fail(`нет ${FET_CL}: установите пакет fet (apt-get install -y fet) или запустите с --only ours`);
  const resultsDir = join(here, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'otmetka-bench-timetable-'));
  const startedAt = new Date();
  const fetVersion = existsSync(FET_CL) ? await runTimed([FET_CL, '--version'], join(work, 'version.txt'), 30).then((r) => r.stdout.split('\n')[0] ?? '') : '';
  console.log(`bench:timetable — зёрен ${opts.seeds}, предел ${opts.limit} с, параллельно ${opts.jobs}; ${cpus()[0]?.model ?? ''} × ${cpus().length}; Node ${process.version}; ${fetVersion}`);
  const results: InstanceResult[] = [];
  try {
    for (const inst of opts.instances) {
      const dir = join(work, inst.key);
      mkdirSync(dir);
      const fetFile = join(dir, `${inst.key}.fet`);
      let source: string;
      if (inst.pattern) {
        const found = resolvePattern(inst.pattern);
        if (!found) {
          console.log(`\n${inst.title} (${inst.key}): нет файла ${EXAMPLES}/${inst.pattern} — пропущен (apt-get install -y fet)`);
          continue;
        }
        source = found;
        // A plain name: FET names its output folder after the input file.
        writeFileSync(fetFile, readFileSync(found));
      } else {
        const started = performance.now();
        const demo = await demoFet();
        writeFileSync(fetFile, demo.xml);
        source = 'демо-школа (otmetka demo), задача года через buildYearProblem + writeFet';
        console.log(`\nДемо-школа собрана во временной базе за ${fmt((performance.now() - started) / 1000, 1)} с`);
        if (demo.dropped.length > 0) console.log(`  убраны из файла (FET принимает их только с весом 100%): ${demo.dropped.join(', ')}`);
      }
      const read = readFet(readFileSync(fetFile, 'utf8'));
      const result: InstanceResult = {
        key: inst.key, title: inst.title, file: source,
        activities: read.problem.activities.filter((a) => a.active).length,
        unknownConstraints: read.unknownConstraints, runs: {},
      };
      const seeds = Array.from({ length: opts.seeds }, (_, i) => i + 1);
      for (const engine of opts.engines) {
        result.runs[engine] = await pool(seeds.map((seed) => () => (engine === 'fet' ? runFet(inst.key, fetFile, dir, seed, opts.limit) : runOurs(fetFile, dir, seed, opts.limit))), opts.jobs);
      }
      results.push(result);
      printInstance(result, opts.limit);
    }
  } finally {
    if (opts.keep) console.log(`\nРабочая папка оставлена: ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }

  // The table and the verdicts.
  console.log('\nэкземпляр  | успех наш / FET | CPU с до первого: наш / FET (наш/FET) | штраф: наш / FET');
  for (const r of results) {
    const f = summarize(r.runs.fet);
    const o = summarize(r.runs.ours);
    const cpu = (s: Summary | null) => (s === null ? '—' : s.cpu !== null && !Number.isFinite(s.cpu) ? `>${opts.limit}` : fmt(s.cpu));
    console.log(`${r.key.padEnd(10)} | ${(o?.rate ?? '—').padStart(5)} / ${(f?.rate ?? '—').padEnd(5)} | ${cpu(o)} / ${cpu(f)} (${ratio(o?.cpu ?? null, f?.cpu ?? null)}) | ${fmt(o?.penalty ?? null)} / ${fmt(f?.penalty ?? null)}`);
  }
  const six = results.filter((r) => r.key !== 'demo');
  if (opts.engines.includes('ours') && six.length > 0) {
    const verdict = (title: string, failing: string[], unknown = false) =>
      console.log(`${title}: ${unknown ? 'не проверено (нужны оба решателя)' : failing.length === 0 ? 'ДА' : `НЕТ — ${failing.join('; ')}`}`);
    const sums = six.map((r) => ({ key: r.key, o: summarize(r.runs.ours)!, f: summarize(r.runs.fet) }));
    console.log(`\nЦели issue 5 (по ${six.map((r) => r.key).join(', ')}):`);
    verdict(`  каждый решён всеми зёрнами (${opts.seeds}/${opts.seeds})`, sums.filter((s) => s.o.solved < s.o.seeds).map((s) => `${s.key} ${s.o.rate}`));
    const both = sums.every((s) => s.f !== null);
    verdict('  медиана процессорного времени наш/FET ≤ 1', both ? sums.filter((s) => !(s.o.cpu !== null && s.f!.cpu !== null && (s.o.cpu <= s.f!.cpu))).map((s) => `${s.key} ${ratio(s.o.cpu, s.f!.cpu)}`) : [], !both);
    // Penalties compare over solved runs only; with none of ours solved there is nothing to compare.
    verdict('  медиана штрафа наш ≤ FET', both ? sums.filter((s) => !(s.o.penalty !== null && (s.f!.penalty === null || s.o.penalty <= s.f!.penalty + 1e-9)))
      .map((s) => (s.o.penalty === null ? `${s.key}: наш не решил ни разу` : `${s.key} ${fmt(s.o.penalty)} против ${fmt(s.f!.penalty)}`)) : [], !both);
  }

  const file = join(resultsDir, `timetable-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify({ startedAt, options: opts, machine: { cpu: cpus()[0]?.model ?? null, cpus: cpus().length, node: process.version, fet: fetVersion }, instances: results }, null, 2)}\n`);
  console.log(`\nРезультаты: ${file}`);
}

await main();

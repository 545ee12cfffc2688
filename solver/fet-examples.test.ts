// FET's own example files and FET's own results, when Debian's `fet` is installed here
// (`apt-get install -y fet`); skipped otherwise. Nothing of FET is kept in the repository.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.ts';
import { readFet, readFetActivitiesResult, writeFet } from './fet.ts';
import { SMALL_FET } from './fixture.test-helper.ts';

const VIETNAM = '/usr/share/doc/fet-data/examples/FET-5-official/Vietnam';
const FET_CL = '/usr/bin/fet-cl';

function findDucHop(): string | null {
  if (!existsSync(VIETNAM)) return null;
  for (const dir of readdirSync(VIETNAM).filter((d) => d.startsWith('3-THCS'))) {
    const file = readdirSync(join(VIETNAM, dir)).find((f) => f.startsWith('TKB-THCS-DucHop') && /\.fet(\.gz)?$/.test(f));
    if (file) return join(VIETNAM, dir, file);
  }
  return null;
}

function readMaybeGz(path: string): string {
  const bytes = readFileSync(path);
  return path.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
}

const ducHop = findDucHop();
const work = mkdtempSync(join(tmpdir(), 'otmetka-fet-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Solve a `.fet` text with fet-cl; FET's activities result and its own total of soft conflicts. */
function solveWithFet(name: string, fet: string): { activities: string; softTotal: number } {
  const input = join(work, `${name}.fet`);
  writeFileSync(input, fet);
  const out = join(work, `${name}-out`);
  execFileSync(FET_CL, [`--inputfile=${input}`, `--outputdir=${out}`, '--timelimitseconds=60', '--htmllevel=0', '--language=en_US'], { stdio: 'pipe', timeout: 90_000 });
  const dir = join(out, 'timetables', name);
  const conflicts = readFileSync(join(dir, `${name}_soft_conflicts.txt`), 'utf8');
  const total = /Total soft conflicts:\s*([\d.]+)/.exec(conflicts);
  return { activities: readFileSync(join(dir, `${name}_activities.xml`), 'utf8'), softTotal: total ? Number(total[1]) : NaN };
}

describe.skipIf(ducHop === null)('FET example: Vietnamese lower-secondary school (Đức Hợp)', () => {
  it('reads the whole file with every constraint type known', () => {
    const { problem, unknownConstraints } = readFet(readMaybeGz(ducHop!));
    expect(problem.days).toHaveLength(6);
    expect(problem.periods).toHaveLength(5);
    expect(problem.activities.length).toBeGreaterThan(200);
    expect(unknownConstraints).toEqual([]);
    expect(readFet(writeFet(problem)).problem).toEqual(problem);
  });

  it.skipIf(!existsSync(FET_CL))(
    'evaluates FET’s own timetable: no hard violation, and the soft penalty FET reports',
    () => {
      const text = readMaybeGz(ducHop!);
      const { problem } = readFet(text);
      const result = solveWithFet('duchop', text);
      const e = evaluate(problem, readFetActivitiesResult(problem, result.activities));
      expect(e.hard).toEqual([]);
      expect(e.softPenalty).toBeCloseTo(result.softTotal, 6);
    },
    120_000,
  );
});

describe.skipIf(!existsSync(FET_CL))('FET solves a problem we write', () => {
  it('the small school written as .fet is solved by fet-cl, and our evaluator finds no hard violation in the result', () => {
    const { problem } = readFet(SMALL_FET);
    // FET accepts "teacher max days per week" only at 100%: FET refuses the file otherwise.
    for (const c of problem.constraints) if (c.kind === 'teachersMaxDaysPerWeek') c.weight = 100;
    const result = solveWithFet('small', writeFet(problem));
    const e = evaluate(problem, readFetActivitiesResult(problem, result.activities));
    expect(e.hard).toEqual([]);
    expect(e.softPenalty).toBeCloseTo(result.softTotal, 6);
  }, 120_000);
});

const EXAMPLES = '/usr/share/doc/fet-data/examples/FET-5-official';
describe.skipIf(!existsSync(EXAMPLES))('the example schools of the benchmark', () => {
  it.each([
    ['Romania/Oradea/School-10-Oradea-2007-2008.fet'],
    ['Bulgaria/Lom_high_school_2007-2008.fet'],
    ['Spain/2-secondary-school/secondary-school.fet'],
    ['Belize/Sacred-Heart-College/shc-2013/shc-2013.fet'],
  ])('%s is read with every constraint type known', (file) => {
    const { problem, unknownConstraints } = readFet(readMaybeGz(join(EXAMPLES, file)));
    expect(unknownConstraints).toEqual([]);
    expect(readFet(writeFet(problem)).problem).toEqual(problem);
  });
});

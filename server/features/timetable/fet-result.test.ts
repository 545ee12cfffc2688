// Our results in FET's `_activities.xml` shape read back exactly; what FET refuses is left out of a
// file for it, and FET then solves it (when Debian's fet-cl is installed).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../../solver/evaluate';
import { readFet, readFetActivitiesResult, writeFet } from '../../../solver/fet';
import { SMALL_FET, SMALL_RESULT } from '../../../solver/fixture.test-helper';
import { emptyTimetable, type Problem } from '../../../solver/model';
import { fetRefusedConstraints, withoutFetRefused } from './fet-compat';
import { writeFetActivitiesResult } from './fet-result';

const small = (): Problem => readFet(SMALL_FET).problem;

describe('writeFetActivitiesResult', () => {
  it('writes FET’s own result of the small school the way FET does: it reads back the same', () => {
    const problem = small();
    const timetable = readFetActivitiesResult(problem, SMALL_RESULT);
    const xml = writeFetActivitiesResult(problem, timetable);
    expect(readFetActivitiesResult(problem, xml)).toEqual(timetable);
    expect(xml).toContain('<Activity>\n\t<Id>3</Id>\n\t<Day>Пн</Day>\n\t<Hour>2</Hour>\n\t<Room>101</Room>\n</Activity>');
    // The inactive activity is not listed, as FET does not list it.
    expect(xml).not.toContain('<Id>5</Id>');
  });

  it('round-trips any placement of the active activities (unplaced, without a room, names with XML characters)', () => {
    const problem = small();
    problem.days[0] = 'Пн <&> "1"';
    problem.rooms[1]!.name = ' 102 & Б ';
    const active = problem.activities.map((a) => a.active);
    fc.assert(fc.property(
      fc.array(fc.record({ day: fc.integer({ min: -1, max: 4 }), period: fc.integer({ min: 0, max: 3 }), room: fc.integer({ min: -1, max: 1 }) }), { minLength: active.length, maxLength: active.length }),
      (places) => {
        const t = emptyTimetable(active.length);
        places.forEach((p, i) => {
          if (!active[i] || p.day < 0) return;
          t.day[i] = p.day;
          t.period[i] = p.period;
          t.room[i] = p.room;
        });
        expect(readFetActivitiesResult(problem, writeFetActivitiesResult(problem, t))).toEqual(t);
      },
    ), { seed: 5, numRuns: 200 });
  });

  it('refuses a timetable of another size', () => {
    expect(() => writeFetActivitiesResult(small(), emptyTimetable(2))).toThrow(RangeError);
  });
});

describe('constraints FET refuses below 100%', () => {
  it('are listed by kind and weight and left out, the hard ones kept', () => {
    const problem = small();
    problem.constraints.push({ kind: 'teachersMaxGapsPerDay', weight: 50, teacher: null, maxGaps: 1 }, { kind: 'teachersMaxGapsPerDay', weight: 100, teacher: 0, maxGaps: 2 });
    expect(fetRefusedConstraints(problem)).toEqual([
      { kind: 'teachersMaxDaysPerWeek', weight: 80, count: 1 },
      { kind: 'teachersMaxGapsPerDay', weight: 50, count: 1 },
    ]);
    const kept = withoutFetRefused(problem);
    expect(kept.constraints).toHaveLength(problem.constraints.length - 2);
    expect(kept.constraints.filter((c) => c.kind === 'teachersMaxGapsPerDay')).toEqual([{ kind: 'teachersMaxGapsPerDay', weight: 100, teacher: 0, maxGaps: 2 }]);
    expect(fetRefusedConstraints(kept)).toEqual([]);
  });

  describe.skipIf(!existsSync('/usr/bin/fet-cl'))('with fet-cl', () => {
    const work = mkdtempSync(join(tmpdir(), 'otmetka-fet-compat-'));
    afterAll(() => rmSync(work, { recursive: true, force: true }));
    const runFet = (name: string, problem: Problem): string => {
      writeFileSync(join(work, `${name}.fet`), writeFet(problem));
      // fet-cl exits non-zero when it refuses the data; what it says is in its result log.
      spawnSync('/usr/bin/fet-cl', [`--inputfile=${join(work, `${name}.fet`)}`, `--outputdir=${join(work, name)}`, '--timelimitseconds=30', '--htmllevel=0', '--language=en_US'], { stdio: 'pipe', timeout: 60_000 });
      return readFileSync(join(work, name, 'logs', 'result.txt'), 'utf8');
    };

    it('FET refuses the small school as it is and solves it without those constraints; our result shape matches FET’s', () => {
      expect(runFet('as-is', small())).toMatch(/data is wrong/);
      const problem = withoutFetRefused(small());
      expect(runFet('kept', problem)).toMatch(/Simulation successful/);
      const fetXml = readFileSync(join(work, 'kept', 'timetables', 'kept', 'kept_activities.xml'), 'utf8');
      const timetable = readFetActivitiesResult(problem, fetXml);
      expect(evaluate(problem, timetable).hard).toEqual([]);
      // FET's file and ours say the same thing, element for element.
      const strip = (x: string) => x.replace(/^\uFEFF/, '').replace(/\s+/g, '');
      expect(strip(writeFetActivitiesResult(problem, timetable))).toBe(strip(fetXml));
    }, 90_000);
  });
});

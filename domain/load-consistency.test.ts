import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isHalfHourStep, loadConsistency, totalHours,
  type ConsistencyClass, type ConsistencyGroup, type ConsistencyInput, type ConsistencyLoad,
} from './load-consistency';

const halfHours = fc.integer({ min: 1, max: 12 }).map((n) => n / 2);
const subjectIds = ['math', 'rus', 'eng', 'inf', 'pe', 'hist'];

/** Classes with curricula: each line of a class a distinct subject, some split into subgroups. */
const school = fc.array(
  fc.uniqueArray(fc.record({ subjectId: fc.constantFrom(...subjectIds), hoursPerWeek: halfHours, splitIntoGroups: fc.boolean() }), {
    selector: (l) => l.subjectId, minLength: 1, maxLength: subjectIds.length,
  }),
  { minLength: 1, maxLength: 4 },
).map((curricula): ConsistencyClass[] => curricula.map((lines, i) => ({ id: `c${i}`, lines })));

/** The load that covers a school exactly: one row per whole-class line, two subgroups each loaded for a split line. */
function exactCover(classes: ConsistencyClass[], teachers: number): Omit<ConsistencyInput, 'teachers'> {
  const groups: ConsistencyGroup[] = [];
  const loads: ConsistencyLoad[] = [];
  let n = 0;
  const row = (subjectId: string, classId: string | null, studyGroupId: string | null, hoursPerWeek: number): ConsistencyLoad =>
    ({ id: `l${n}`, employeeId: `t${n++ % teachers}`, subjectId, classId, studyGroupId, hoursPerWeek });
  for (const c of classes) {
    for (const line of c.lines) {
      if (!line.splitIntoGroups) {
        loads.push(row(line.subjectId, c.id, null, line.hoursPerWeek));
        continue;
      }
      for (const part of [1, 2]) {
        const id = `${c.id}-${line.subjectId}-${part}`;
        groups.push({ id, kind: 'subgroup', classId: c.id, subjectId: line.subjectId });
        loads.push(row(line.subjectId, null, id, line.hoursPerWeek));
      }
    }
  }
  return { classes, groups, loads };
}

const teacherIds = (loads: readonly ConsistencyLoad[]) => [...new Set(loads.map((l) => l.employeeId))];

describe('loadConsistency', () => {
  it('is ok when the load covers every line exactly and nobody has a limit', () => {
    fc.assert(fc.property(school, fc.integer({ min: 1, max: 5 }), (classes, teachers) => {
      const cover = exactCover(classes, teachers);
      const report = loadConsistency({ ...cover, teachers: teacherIds(cover.loads).map((id) => ({ id, limitHours: null })) });
      expect(report).toEqual({ uncovered: [], unsplit: [], overLimit: [], unmatched: [], ok: true });
    }));
  });

  it('reports the hours of a removed row as uncovered, and only those', () => {
    fc.assert(fc.property(school, fc.nat(), (classes, pick) => {
      const cover = exactCover(classes, 1);
      const removed = cover.loads[pick % cover.loads.length]!;
      const report = loadConsistency({ ...cover, loads: cover.loads.filter((l) => l !== removed), teachers: [] });
      expect(report.ok).toBe(false);
      const group = cover.groups.find((g) => g.id === removed.studyGroupId);
      const classId = removed.classId ?? (group?.kind === 'subgroup' ? group.classId : '');
      expect(report.uncovered).toEqual([{
        classId, subjectId: removed.subjectId, studyGroupId: removed.studyGroupId, requiredHours: removed.hoursPerWeek, assignedHours: 0,
      }]);
      expect(report.unmatched).toEqual([]);
    }));
  });

  it('flags every row of a line whose hours are exceeded, and nothing else', () => {
    fc.assert(fc.property(school, fc.nat(), halfHours, (classes, pick, extra) => {
      const cover = exactCover(classes, 1);
      const target = cover.loads[pick % cover.loads.length]!;
      const loads = cover.loads.map((l) => (l === target ? { ...l, hoursPerWeek: l.hoursPerWeek + extra } : l));
      const report = loadConsistency({ ...cover, loads, teachers: [] });
      expect(report.unmatched).toEqual([{ teachingLoadId: target.id, reason: 'hoursExceed' }]);
      expect(report.uncovered).toEqual([]);
    }));
  });

  it('reports a row of a subject outside the class’s curriculum as noCurriculumLine', () => {
    fc.assert(fc.property(school, fc.nat(), halfHours, (classes, pick, hours) => {
      const cover = exactCover(classes, 1);
      const c = classes[pick % classes.length]!;
      const stray: ConsistencyLoad = { id: 'stray', employeeId: 't0', subjectId: 'astronomy', classId: c.id, studyGroupId: null, hoursPerWeek: hours };
      const report = loadConsistency({ ...cover, loads: [...cover.loads, stray], teachers: [] });
      expect(report.unmatched).toEqual([{ teachingLoadId: 'stray', reason: 'noCurriculumLine' }]);
    }));
  });

  it('asks for two subgroups of every split line', () => {
    fc.assert(fc.property(school, (classes) => {
      const cover = exactCover(classes, 1);
      const firstOnly = cover.groups.filter((g) => !g.id.endsWith('-2'));
      const loads = cover.loads.filter((l) => l.studyGroupId === null || firstOnly.some((g) => g.id === l.studyGroupId));
      const report = loadConsistency({ classes, groups: firstOnly, loads, teachers: [] });
      const split = classes.flatMap((c) => c.lines.filter((l) => l.splitIntoGroups).map((l) => ({ classId: c.id, subjectId: l.subjectId, subgroupCount: 1 })));
      expect(report.unsplit).toEqual(split);
      expect(report.ok).toBe(split.length === 0);
    }));
  });

  it('reports a teacher over the limit exactly when their total is above it', () => {
    fc.assert(fc.property(school, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 40 }).map((n) => n / 2), (classes, teachers, limit) => {
      const cover = exactCover(classes, teachers);
      const report = loadConsistency({ ...cover, teachers: teacherIds(cover.loads).map((id) => ({ id, limitHours: limit })) });
      const over = teacherIds(cover.loads).filter((id) => totalHours(cover.loads.filter((l) => l.employeeId === id)) > limit).sort();
      expect(report.overLimit.map((o) => o.employeeId).sort()).toEqual(over);
      for (const o of report.overLimit) expect(o.assignedHours).toBe(totalHours(cover.loads.filter((l) => l.employeeId === o.employeeId)));
    }));
  });

  it('does not depend on the order of the load rows', () => {
    fc.assert(fc.property(school, fc.integer({ min: 1, max: 3 }), fc.nat(), (classes, teachers, seed) => {
      const cover = exactCover(classes, teachers);
      const loads = cover.loads.slice(0, -1);
      const shuffled = [...loads].sort((a, b) => ((a.id.length * 31 + seed) % 7) - ((b.id.length * 31 + seed) % 7) || b.id.localeCompare(a.id));
      const teachersOf = teacherIds(loads).map((id) => ({ id, limitHours: 1 }));
      const a = loadConsistency({ ...cover, loads, teachers: teachersOf });
      const b = loadConsistency({ ...cover, loads: shuffled, teachers: teachersOf });
      const byId = <T extends { teachingLoadId: string }>(list: T[]) => [...list].sort((x, y) => x.teachingLoadId.localeCompare(y.teachingLoadId));
      expect(b.uncovered).toEqual(a.uncovered);
      expect(byId(b.unmatched)).toEqual(byId(a.unmatched));
      expect(b.overLimit).toEqual(a.overLimit);
    }));
  });

  it('counts a stream’s load for every class its members are in', () => {
    const classes: ConsistencyClass[] = [
      { id: '10А', lines: [{ subjectId: 'phys', hoursPerWeek: 5, splitIntoGroups: false }] },
      { id: '10Б', lines: [{ subjectId: 'phys', hoursPerWeek: 5, splitIntoGroups: false }] },
    ];
    const groups: ConsistencyGroup[] = [{ id: 's', kind: 'stream', classIds: ['10А', '10Б'] }, { id: 'club', kind: 'activity' }];
    const loads: ConsistencyLoad[] = [
      { id: 'l1', employeeId: 't', subjectId: 'phys', classId: null, studyGroupId: 's', hoursPerWeek: 5 },
      { id: 'l2', employeeId: 't', subjectId: 'robotics', classId: null, studyGroupId: 'club', hoursPerWeek: 2 },
    ];
    expect(loadConsistency({ classes, groups, loads, teachers: [{ id: 't', limitHours: 7 }] }).ok).toBe(true);
    const report = loadConsistency({ classes, groups, loads, teachers: [{ id: 't', limitHours: 6.5 }] });
    expect(report.overLimit).toEqual([{ employeeId: 't', limitHours: 6.5, assignedHours: 7 }]);
  });

  it('tells whole-class load of a split line and subgroup load of a whole-class line', () => {
    const classes: ConsistencyClass[] = [{
      id: '5А', lines: [{ subjectId: 'eng', hoursPerWeek: 3, splitIntoGroups: true }, { subjectId: 'math', hoursPerWeek: 5, splitIntoGroups: false }],
    }];
    const groups: ConsistencyGroup[] = [{ id: 'g', kind: 'subgroup', classId: '5А', subjectId: 'math' }];
    const loads: ConsistencyLoad[] = [
      { id: 'a', employeeId: 't', subjectId: 'eng', classId: '5А', studyGroupId: null, hoursPerWeek: 3 },
      { id: 'b', employeeId: 't', subjectId: 'math', classId: null, studyGroupId: 'g', hoursPerWeek: 5 },
    ];
    const report = loadConsistency({ classes, groups, loads, teachers: [] });
    expect(report.unmatched).toEqual([{ teachingLoadId: 'a', reason: 'lineSplit' }, { teachingLoadId: 'b', reason: 'lineNotSplit' }]);
    expect(report.unsplit).toEqual([{ classId: '5А', subjectId: 'eng', subgroupCount: 0 }]);
  });
});

describe('isHalfHourStep', () => {
  it('accepts exactly the positive halves up to the maximum', () => {
    fc.assert(fc.property(fc.integer({ min: -10, max: 130 }), (n) => {
      expect(isHalfHourStep(n / 2, 60)).toBe(n > 0 && n <= 120);
    }));
    expect(isHalfHourStep(0.3, 40)).toBe(false);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listRu, readinessKeys, readinessOf, readinessProgress, type ReadinessFacts, type ReadinessKey } from './readiness';

const count = fc.nat({ max: 5 });
const names = fc.array(fc.constantFrom('5А', '5Б', '6А', '9В', '10А'), { maxLength: 4 });
const grades = fc.uniqueArray(fc.integer({ min: 1, max: 11 }), { maxLength: 4 });

const facts: fc.Arbitrary<ReadinessFacts> = fc.record({
  rooms: fc.record({ active: count }),
  subjects: fc.record({ active: count }),
  staff: fc.record({ employees: count, classes: count, classesWithoutTeacher: names }),
  contingent: fc.record({ classes: count, students: count, emptyClasses: names }),
  calendar: fc.record({ saved: fc.boolean(), issues: count, gradesWithoutTerms: grades }),
  regimes: fc.record({ bellSchedules: count, classes: count, classesWithoutRegime: names }),
  controlForms: fc.record({ active: count }),
  periods: fc.record({ schedules: count, gradesWithoutTerms: grades }),
  policy: fc.record({ saved: fc.boolean() }),
  curricula: fc.record({ grades: count, gradesWithoutCurriculum: grades }),
  groups: fc.record({
    lines: count, splitLines: count,
    missing: fc.array(fc.record({ className: fc.constantFrom('5А', '6Б'), subjectName: fc.constantFrom('Английский язык', 'Информатика') }), { maxLength: 3 }),
  }),
  load: fc.record({ loads: count, ok: fc.boolean(), uncovered: count, unsplit: count, overLimit: count, unmatched: count }),
});

/** The conditions of each item, written out again independently of the checklist's code. */
const allHold = (key: ReadinessKey, f: ReadinessFacts): boolean => {
  switch (key) {
    case 'rooms': return f.rooms.active >= 1;
    case 'subjects': return f.subjects.active >= 1;
    case 'staff': return f.staff.employees >= 1 && f.staff.classesWithoutTeacher.length === 0;
    case 'contingent': return f.contingent.classes >= 1 && f.contingent.students >= 1 && f.contingent.emptyClasses.length === 0;
    case 'calendar': return f.calendar.saved && f.calendar.issues === 0 && f.calendar.gradesWithoutTerms.length === 0;
    case 'regimes': return f.regimes.bellSchedules >= 1 && f.regimes.classes >= 1 && f.regimes.classesWithoutRegime.length === 0;
    case 'controlForms': return f.controlForms.active >= 1;
    case 'periods': return f.periods.schedules >= 1 && f.periods.gradesWithoutTerms.length === 0;
    case 'policy': return f.policy.saved;
    case 'curricula': return f.curricula.grades >= 1 && f.curricula.gradesWithoutCurriculum.length === 0;
    case 'groups': return f.groups.lines >= 1 && f.groups.missing.length === 0;
    case 'load': return f.load.loads >= 1 && f.load.ok;
    case 'timetable': case 'workProgrammes': return false;
  }
};

const blank: ReadinessFacts = {
  rooms: { active: 0 }, subjects: { active: 0 },
  staff: { employees: 0, classes: 0, classesWithoutTeacher: [] },
  contingent: { classes: 0, students: 0, emptyClasses: [] },
  calendar: { saved: false, issues: 0, gradesWithoutTerms: [] },
  regimes: { bellSchedules: 0, classes: 0, classesWithoutRegime: [] },
  controlForms: { active: 0 },
  periods: { schedules: 0, gradesWithoutTerms: [] },
  policy: { saved: false },
  curricula: { grades: 0, gradesWithoutCurriculum: [] },
  groups: { lines: 0, splitLines: 0, missing: [] },
  load: { loads: 0, ok: true, uncovered: 0, unsplit: 0, overLimit: 0, unmatched: 0 },
};

describe('readiness checklist', () => {
  it('is ready for an item exactly when all its conditions hold', () => {
    fc.assert(fc.property(facts, (f) => {
      for (const item of readinessOf(f)) expect(item.status === 'ready', item.key).toBe(allHold(item.key, f));
    }));
  });

  it('keeps its order, gives every item a title, a detail and a link', () => {
    fc.assert(fc.property(facts, (f) => {
      const items = readinessOf(f);
      expect(items.map((i) => i.key)).toEqual([...readinessKeys]);
      for (const item of items) {
        expect(item.title.length).toBeGreaterThan(0);
        expect(item.detail.length).toBeGreaterThan(0);
        expect(item.link).toMatch(/^\/[a-z/-]*$/);
      }
    }));
  });

  it('counts ready items out of those that are available', () => {
    fc.assert(fc.property(facts, (f) => {
      const items = readinessOf(f);
      const { ready, total } = readinessProgress(items);
      expect(total).toBe(12);
      expect(ready).toBe(readinessKeys.filter((k) => allHold(k, f)).length);
    }));
  });

  it('is a warning, never missing, when something is set up with gaps', () => {
    fc.assert(fc.property(facts, (f) => {
      const byKey = new Map(readinessOf(f).map((i) => [i.key, i]));
      if (f.staff.employees > 0 && f.staff.classesWithoutTeacher.length > 0) expect(byKey.get('staff')!.status).toBe('warning');
      if (f.calendar.saved && f.calendar.issues > 0) expect(byKey.get('calendar')!.status).toBe('warning');
      if (f.load.loads > 0 && !f.load.ok) expect(byKey.get('load')!.status).toBe('warning');
    }));
  });

  it('has everything missing in a blank school, timetable and work programmes not yet available', () => {
    const items = readinessOf(blank);
    expect(items.filter((i) => i.status === 'missing').map((i) => i.key)).toEqual(readinessKeys.slice(0, 12));
    expect(items.slice(12).map((i) => i.status)).toEqual(['notAvailable', 'notAvailable']);
    expect(items.find((i) => i.key === 'rooms')!.detail).toBe('Нет ни одного кабинета');
    expect(items.find((i) => i.key === 'timetable')!.detail).toBe('Появится вместе с модулем расписания');
    expect(readinessProgress(items)).toEqual({ ready: 0, total: 12 });
  });

  it('names what is missing concretely', () => {
    const items = readinessOf({ ...blank, curricula: { grades: 3, gradesWithoutCurriculum: [9, 6] } });
    expect(items.find((i) => i.key === 'curricula')!.detail).toBe('Нет учебного плана для 6 и 9 параллелей');
    const staff = readinessOf({ ...blank, staff: { employees: 4, classes: 2, classesWithoutTeacher: ['5Б'] } });
    expect(staff.find((i) => i.key === 'staff')!.detail).toBe('Нет классного руководителя: класс 5Б');
  });

  it('lists in Russian', () => {
    expect(listRu([])).toBe('');
    expect(listRu(['5А'])).toBe('5А');
    expect(listRu(['5А', '5Б', '6А'])).toBe('5А, 5Б и 6А');
    expect(listRu(['1', '2', '3', '4'], 2)).toBe('1, 2 и ещё 2');
  });
});

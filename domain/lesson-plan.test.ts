import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  codifierElements, compareCodes, isContentElementCode, moveItem, nextPlannedTopic, parentCodeOf, plannedHours, splitHours, topicForLesson, yearHoursOf,
} from './lesson-plan';

const topicsArb = fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 0, maxLength: 30 })
  .map((hours) => hours.map((h, i) => ({ id: `t${i}`, hours: h })));

describe('КЭС codes', () => {
  it('are one to four numbers joined by dots', () => {
    for (const good of ['1', '1.2', '1.2.3', '10.20.30.40']) expect(isContentElementCode(good)).toBe(true);
    for (const bad of ['', '1.', '.1', '1..2', '1.2.3.4.5', 'a', '1,2', ' 1', '1.2a']) expect(isContentElementCode(bad)).toBe(false);
  });

  it('derive their parent and sort naturally', () => {
    expect(parentCodeOf('1.2.3')).toBe('1.2');
    expect(parentCodeOf('7')).toBeNull();
    expect(['1.10', '2', '1.2', '1', '1.2.1'].sort(compareCodes)).toEqual(['1', '1.2', '1.2.1', '1.10', '2']);
  });

  it('property: a parent is a valid code that sorts before its child', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 2, maxLength: 4 }), (parts) => {
      const code = parts.join('.');
      const parent = parentCodeOf(code)!;
      expect(isContentElementCode(parent)).toBe(true);
      expect(compareCodes(parent, code)).toBeLessThan(0);
      expect(code.startsWith(`${parent}.`)).toBe(true);
    }));
  });
});

describe('a codifier\'s rows', () => {
  it('become elements with parents; a top code with children is a section unless said otherwise', () => {
    const { elements, issues } = codifierElements([
      { rowNumber: 2, code: '1', title: 'Числа и вычисления', isSection: null },
      { rowNumber: 3, code: ' 1.1. ', title: '  Натуральные   числа ', isSection: null },
      { rowNumber: 4, code: '2', title: 'Алгебра', isSection: false },
      { rowNumber: 5, code: '3.7.7', title: 'Правописание не и ни', isSection: null },
    ]);
    expect(issues).toEqual([]);
    expect(elements).toEqual([
      { code: '1', parentCode: null, title: 'Числа и вычисления', isSection: true, position: 1 },
      { code: '1.1', parentCode: '1', title: 'Натуральные числа', isSection: false, position: 2 },
      { code: '2', parentCode: null, title: 'Алгебра', isSection: false, position: 3 },
      { code: '3.7.7', parentCode: '3.7', title: 'Правописание не и ни', isSection: false, position: 4 },
    ]);
  });

  it('are refused with every bad row: a bad code, a duplicate, no title — and nothing is kept', () => {
    const { elements, issues } = codifierElements([
      { rowNumber: 2, code: '1', title: 'Числа', isSection: null },
      { rowNumber: 3, code: '1.a', title: 'Дроби', isSection: null },
      { rowNumber: 4, code: '1', title: 'Снова', isSection: null },
      { rowNumber: 5, code: '2', title: ' ', isSection: null },
    ]);
    expect(elements).toEqual([]);
    expect(issues.map((i) => [i.rowNumber, i.code])).toEqual([[3, 'CODE_INVALID'], [4, 'CODE_DUPLICATE'], [5, 'REQUIRED']]);
    expect(issues[1]!.message).toBe('Строка 4: код «1» уже был в строке 2');
  });

  it('property: unique valid codes always pass, and a repeated one is always named with both rows', () => {
    const codes = fc.uniqueArray(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 4 }).map((p) => p.join('.')), { minLength: 1, maxLength: 40 });
    fc.assert(fc.property(codes, fc.nat(), (list, pick) => {
      const rows = list.map((code, i) => ({ rowNumber: i + 2, code, title: `Элемент ${code}`, isSection: null }));
      const ok = codifierElements(rows);
      expect(ok.issues).toEqual([]);
      expect(ok.elements.map((e) => e.code)).toEqual(list);
      for (const e of ok.elements) expect(e.parentCode).toBe(parentCodeOf(e.code));
      const dup = list[pick % list.length]!;
      const bad = codifierElements([...rows, { rowNumber: 99, code: dup, title: 'Повтор', isSection: null }]);
      expect(bad.elements).toEqual([]);
      expect(bad.issues).toEqual([expect.objectContaining({ rowNumber: 99, code: 'CODE_DUPLICATE' })]);
    }));
  });
});

describe('topics fill lessons in order', () => {
  const plan = [{ id: 'a', hours: 2 }, { id: 'b', hours: 1 }, { id: 'c', hours: 3 }];

  it('a topic of N hours takes N lessons; past the end there is none', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((k) => topicForLesson(plan, k)?.id ?? null)).toEqual(['a', 'a', 'b', 'c', 'c', 'c', null]);
  });

  it('the next topic is the first with lessons left, so a skipped topic comes back', () => {
    const { next, rest } = nextPlannedTopic(plan, new Map([['a', 2], ['c', 1]]));
    expect(next).toEqual({ topic: plan[1], lessonOfTopic: 1 });
    expect(rest.map((t) => t.id)).toEqual(['c']);
    expect(nextPlannedTopic(plan, new Map([['a', 1]])).next).toEqual({ topic: plan[0], lessonOfTopic: 2 });
    expect(nextPlannedTopic(plan, new Map([['a', 2], ['b', 1], ['c', 3]]))).toEqual({ next: null, rest: [] });
  });

  it('property: lessons that follow the plan give exactly topicForLesson', () => {
    fc.assert(fc.property(topicsArb, fc.nat({ max: 200 }), (topics, k) => {
      const used = new Map<string, number>();
      for (let i = 0; i < k; i++) {
        const t = topicForLesson(topics, i);
        if (t) used.set(t.id, (used.get(t.id) ?? 0) + 1);
      }
      expect(nextPlannedTopic(topics, used).next?.topic ?? null).toBe(topicForLesson(topics, k));
      // The plan is used up exactly after Σ hours lessons.
      expect(topicForLesson(topics, plannedHours(topics))).toBeNull();
    }));
  });
});

describe('editing a plan', () => {
  it('moves one item and keeps the rest in order', () => {
    expect(moveItem(['a', 'b', 'c', 'd'], 3, 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c', 'd'], 0, 9)).toEqual(['b', 'c', 'd', 'a']);
  });

  it('property: a move is a permutation that puts the item where asked', () => {
    fc.assert(fc.property(fc.array(fc.integer(), { minLength: 1, maxLength: 20 }), fc.nat(), fc.nat(), (list, f, t) => {
      const from = f % list.length;
      const to = t % list.length;
      const moved = moveItem(list, from, to);
      expect([...moved].sort()).toEqual([...list].sort());
      expect(moved[to]).toBe(list[from]);
    }));
  });

  it('splits a topic\'s hours in two, never leaving a part empty', () => {
    expect(splitHours(5)).toEqual([3, 2]);
    expect(splitHours(4, 1)).toEqual([1, 3]);
    expect(splitHours(1)).toBeNull();
    expect(splitHours(4, 4)).toBeNull();
    fc.assert(fc.property(fc.integer({ min: 2, max: 50 }), fc.option(fc.integer({ min: -5, max: 60 }), { nil: undefined }), (h, first) => {
      const parts = splitHours(h, first);
      if (parts === null) return;
      expect(parts[0] + parts[1]).toBe(h);
      expect(Math.min(...parts)).toBeGreaterThanOrEqual(1);
    }));
  });

  it('a year\'s hours are the hours per week times the weeks', () => {
    expect(yearHoursOf(3, 34)).toBe(102);
    expect(yearHoursOf(2.5, 33.8)).toBe(85);
  });
});

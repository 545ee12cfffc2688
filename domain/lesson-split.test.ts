import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lessonSplitIssue, lessonsOfLoad, normaliseLessonSplit, parseLessonSplit } from './lesson-split';

describe('the split of a load row into lessons', () => {
  it('reads parts of 1 or 2 joined by «+», spaces aside', () => {
    expect(normaliseLessonSplit(' 2 + 1+1 ')).toBe('2+1+1');
    expect(normaliseLessonSplit('  ')).toBeNull();
    expect(parseLessonSplit('2 + 1 + 1')).toEqual([2, 1, 1]);
    for (const bad of ['3+1', '2,1,1', '2++1', '+2', '2+', 'два', '0+2', '']) expect(parseLessonSplit(bad)).toBeNull();
  });

  it('must sum to the whole hours of the row; says what is wrong in Russian', () => {
    expect(lessonSplitIssue('2+1+1', 4)).toBeNull();
    expect(lessonSplitIssue(null, 4)).toBeNull();
    expect(lessonSplitIssue('2+2', 4.5)).toBeNull();
    expect(lessonSplitIssue('2+1', 4)).toBe('Деление на уроки: 2+1 — это 3 ч, а в неделю 4 ч');
    expect(lessonSplitIssue('2+1', 2.5)).toBe('Деление на уроки: 2+1 — это 3 ч, а в неделю 2 ч (целых)');
    expect(lessonSplitIssue('3+1', 4)).toBe('Деление на уроки: части по 1 или 2 часа через «+», например 2+1+1');
    expect(lessonSplitIssue('1', 0.5)).toMatch(/в неделю 0 ч/);
  });

  it('gives the lessons of a row: the split, or single hours', () => {
    expect(lessonsOfLoad(4, '2+1+1')).toEqual([2, 1, 1]);
    expect(lessonsOfLoad(3.5, null)).toEqual([1, 1, 1]);
    // A split that no longer fits (hours changed in the database by hand) falls back on single hours.
    expect(lessonsOfLoad(5, '2+1+1')).toEqual([1, 1, 1, 1, 1]);
  });

  it('property: a split without an issue gives lessons summing to the whole hours, each 1 or 2', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(1, 2), { minLength: 1, maxLength: 8 }), fc.boolean(), (parts, half) => {
      const whole = parts.reduce((a, b) => a + b, 0);
      const split = parts.join(' + ');
      expect(lessonSplitIssue(split, whole + (half ? 0.5 : 0))).toBeNull();
      expect(lessonsOfLoad(whole, split)).toEqual(parts);
      expect(lessonSplitIssue(split, whole + 1)).not.toBeNull();
    }));
  });
});

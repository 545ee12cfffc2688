import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './calendar';
import { acceptsMarkValue, entryWindow, entryWindowMessage, lowestFivePoint, markValueOfText, markValueText } from './mark-entry';
import { mayEnterCurrentMark } from './mark-policy';
import { defaultConversion, isValidValue, type MarkScale, type MarkValue } from './mark-scale';

const scale: fc.Arbitrary<MarkScale> = fc.constantFrom<MarkScale>({ kind: 'five' }, { kind: 'passFail' }, { kind: 'hundred', conversion: defaultConversion });
const value: fc.Arbitrary<MarkValue> = fc.oneof(fc.integer({ min: -5, max: 120 }), fc.double({ min: 0, max: 6, noNaN: true }), fc.constantFrom<MarkValue>('pass', 'fail'));
const date = fc.integer({ min: 0, max: 20_000 }).map((n) => addDays('2000-01-01', n));

describe('acceptsMarkValue', () => {
  it('takes 2–5 on the five-point scale, not «1»; pass / fail; 0–100', () => {
    expect([1, 2, 3, 4, 5, 6].map((v) => acceptsMarkValue({ kind: 'five' }, v))).toEqual([false, true, true, true, true, false]);
    expect(acceptsMarkValue({ kind: 'passFail' }, 'pass')).toBe(true);
    expect(acceptsMarkValue({ kind: 'passFail' }, 5)).toBe(false);
    expect(acceptsMarkValue({ kind: 'hundred' }, 0)).toBe(true);
    expect(acceptsMarkValue({ kind: 'hundred' }, 100)).toBe(true);
    expect(acceptsMarkValue({ kind: 'hundred' }, 4.5)).toBe(false);
  });

  it('accepts only what the scale accepts, and on the five-point scale nothing below the lowest mark', () => {
    fc.assert(fc.property(scale, value, (s, v) => {
      if (acceptsMarkValue(s, v)) expect(isValidValue(s, v)).toBe(true);
      if (s.kind === 'five' && typeof v === 'number' && v < lowestFivePoint) expect(acceptsMarkValue(s, v)).toBe(false);
      if (s.kind !== 'five') expect(acceptsMarkValue(s, v)).toBe(isValidValue(s, v));
    }));
  });

  it('stores every accepted value as text that reads back the same', () => {
    fc.assert(fc.property(scale, value, (s, v) => {
      fc.pre(acceptsMarkValue(s, v));
      expect(markValueOfText(markValueText(v))).toBe(v);
    }));
    expect(markValueOfText(null)).toBeNull();
    expect(markValueOfText('Н')).toBeNull();
    expect(markValueOfText('05')).toBeNull();
  });
});

describe('entryWindow', () => {
  it('closes a lesson the day after the policy\'s days, with the message', () => {
    const policy = { currentMarksDaysBack: 7 };
    expect(entryWindow(policy, '2026-09-07', '2026-09-14')).toBe('open');
    expect(entryWindow(policy, '2026-09-07', '2026-09-15')).toBe('closed');
    expect(entryWindow(policy, '2026-09-07', '2026-09-06')).toBe('notHeldYet');
    expect(entryWindowMessage('closed', '2026-09-07', 7)).toBe('Срок выставления отметок за урок 07.09.2026 истёк (можно в течение 7 дн.)');
  });

  it('is open exactly when the policy lets a current mark be entered; the future is never open', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 365 }), date, date, fc.boolean(), (daysBack, lesson, today, ignore) => {
      const w = entryWindow({ currentMarksDaysBack: daysBack }, lesson, today, ignore);
      expect(w === 'notHeldYet').toBe(today < lesson);
      if (!ignore) expect(w === 'open').toBe(mayEnterCurrentMark({ currentMarksDaysBack: daysBack, periodMarksDaysAfter: 0, rounding: { kind: 'arithmetic' }, minMarksForPeriodMark: 0 }, lesson, today));
      else expect(w).not.toBe('closed');
    }));
  });

  it('only closes more as the days go by', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 30 }), date, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), (daysBack, lesson, a, b) => {
      const order = { notHeldYet: 0, open: 1, closed: 2 } as const;
      const [early, late] = a <= b ? [a, b] : [b, a];
      expect(order[entryWindow({ currentMarksDaysBack: daysBack }, lesson, addDays(lesson, early - 10))])
        .toBeLessThanOrEqual(order[entryWindow({ currentMarksDaysBack: daysBack }, lesson, addDays(lesson, late - 10))]);
    }));
  });
});

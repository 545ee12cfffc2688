import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRoomKind, roomKinds, roomKindTitles, roomSuits, type SuitableRoom } from './rooms';

const subject = fc.constantFrom('math', 'physics', 'informatics', 'pe');
const room: fc.Arbitrary<SuitableRoom> = fc.record({
  kind: fc.constantFrom(...roomKinds),
  capacity: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: null }),
  subjectIds: fc.uniqueArray(subject, { maxLength: 3 }),
  archived: fc.boolean(),
});
const size = fc.integer({ min: 1, max: 1200 });

describe('room kinds', () => {
  it('has a Russian title for every kind and knows its own kinds only', () => {
    for (const k of roomKinds) expect(roomKindTitles[k]).toMatch(/^[А-ЯЁ]/);
    expect(roomKindTitles.computer).toBe('Компьютерный класс');
    expect(isRoomKind('gym')).toBe(true);
    expect(isRoomKind('pool')).toBe(false);
  });
});

describe('roomSuits', () => {
  it('a chemistry lab suits chemistry, not mathematics; an ordinary room suits anything that fits', () => {
    const lab: SuitableRoom = { kind: 'lab', capacity: 30, subjectIds: ['chemistry'] };
    expect(roomSuits(lab, 'chemistry', 25)).toBe(true);
    expect(roomSuits(lab, 'chemistry', 31)).toBe(false);
    expect(roomSuits(lab, 'math', 10)).toBe(false);
    const ordinary: SuitableRoom = { kind: 'ordinary', capacity: null, subjectIds: [] };
    expect(roomSuits(ordinary, 'math', 500)).toBe(true);
    expect(roomSuits({ kind: 'gym', capacity: 60, subjectIds: [] }, 'pe', 20)).toBe(false);
  });

  it('an archived room never suits', () => {
    fc.assert(fc.property(room, subject, size, (r, s, n) => !roomSuits({ ...r, archived: true }, s, n)));
  });

  it('a group larger than the recorded capacity never fits', () => {
    fc.assert(fc.property(room, subject, size, (r, s, n) => {
      fc.pre(r.capacity !== null && n > r.capacity);
      return !roomSuits(r, s, n);
    }));
  });

  it('a smaller group fits wherever a larger one does (monotone in the group size)', () => {
    fc.assert(fc.property(room, subject, size, size, (r, s, a, b) => {
      const [small, large] = a <= b ? [a, b] : [b, a];
      return !roomSuits(r, s, large) || roomSuits(r, s, small);
    }));
  });

  it('a room that names subjects suits exactly those (when the group fits)', () => {
    fc.assert(fc.property(room, subject, (r, s) => {
      fc.pre(r.subjectIds.length > 0 && !r.archived);
      return roomSuits(r, s, 1) === r.subjectIds.includes(s);
    }));
  });

  it('naming a subject for a room never takes that subject away', () => {
    fc.assert(fc.property(room, subject, size, (r, s, n) => {
      if (!roomSuits(r, s, n)) return true;
      return roomSuits({ ...r, subjectIds: [...new Set([...r.subjectIds, s])] }, s, n);
    }));
  });
});

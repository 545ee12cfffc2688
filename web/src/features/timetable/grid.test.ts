import { describe, expect, it } from 'vitest';
import type { TimetableGridLessonDto } from '../../../../contracts/timetable-versions';
import { detailOf, initialVersion, lessonName, lessonsByCell, stepCell, versionTitle } from './grid';

const grid = {
  days: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, name: '', shortName: '' })),
  lessonNumbers: [1, 2, 3, 4, 5, 6, 7],
};

const lesson = (over: Partial<TimetableGridLessonDto>): TimetableGridLessonDto => ({
  id: 'l', weekday: 1, lessonNumber: 1, duration: 1,
  subject: { id: 's', name: 'Математика', shortName: 'Матем.' },
  teacher: { id: 't', name: 'Петрова Анна Сергеевна', shortName: 'Петрова А. С.' },
  class: { id: 'c', name: '5А' }, studyGroup: null, room: { id: 'r', name: '101' },
  locked: false, kind: 'regular', format: 'inPerson', distanceUrl: null, teachingLoadId: null, ...over,
});

describe('the weekly grid', () => {
  it('moves the target cell with the arrows and holds at the edges', () => {
    expect(stepCell({ weekday: 1, lessonNumber: 1 }, 'ArrowRight', grid)).toEqual({ weekday: 2, lessonNumber: 1 });
    expect(stepCell({ weekday: 1, lessonNumber: 1 }, 'ArrowLeft', grid)).toEqual({ weekday: 1, lessonNumber: 1 });
    expect(stepCell({ weekday: 5, lessonNumber: 7 }, 'ArrowDown', grid)).toEqual({ weekday: 5, lessonNumber: 7 });
    expect(stepCell({ weekday: 5, lessonNumber: 7 }, 'ArrowUp', grid)).toEqual({ weekday: 5, lessonNumber: 6 });
    expect(stepCell({ weekday: 5, lessonNumber: 7 }, 'ArrowRight', grid)).toEqual({ weekday: 5, lessonNumber: 7 });
  });

  it('puts lessons in their cells, the class lesson before the groups', () => {
    const cells = lessonsByCell([
      lesson({ id: 'g2', studyGroup: { id: 'g2', name: '5А Англ. гр. 2' }, class: null }),
      lesson({ id: 'g1', studyGroup: { id: 'g1', name: '5А Англ. гр. 1' }, class: null }),
      lesson({ id: 'm', weekday: 2 }),
    ]);
    expect(cells.get('1:1')!.map((l) => l.id)).toEqual(['g1', 'g2']);
    expect(cells.get('2:1')!.map((l) => l.id)).toEqual(['m']);
  });

  it('says a lesson by what the view does not show', () => {
    const group = lesson({ studyGroup: { id: 'g1', name: '5А Англ. гр. 1' }, class: null });
    expect(detailOf(lesson({}), 'class')).toBe('Петрова А. С.');
    expect(detailOf(group, 'class')).toBe('5А Англ. гр. 1 · Петрова А. С.');
    expect(detailOf(lesson({}), 'teacher')).toBe('5А');
    expect(detailOf(lesson({}), 'room')).toBe('5А · Петрова А. С.');
    expect(lessonName(lesson({ lessonNumber: 3 }), 'Вторник')).toBe('Математика, 5А, Петрова А. С., каб. 101, Вторник, 3 урок');
  });

  it('names versions and opens the one asked for, else the one in force, else the newest', () => {
    expect(versionTitle({ name: 'Основное', status: 'published', validFrom: '2026-09-01', validTo: '2026-11-09', inForce: true }))
      .toBe('Основное — с 01.09.2026 по 09.11.2026 (действует сейчас)');
    expect(versionTitle({ name: 'Черновик', status: 'draft', validFrom: null, validTo: null, inForce: false })).toBe('Черновик — черновик');
    const items = [{ id: 'a' }, { id: 'b' }];
    expect(initialVersion(items, 'b', 'a')).toBe('a');
    expect(initialVersion(items, 'b', 'zzz')).toBe('b');
    expect(initialVersion(items, null, undefined)).toBe('a');
    expect(initialVersion([], null, undefined)).toBeNull();
  });
});

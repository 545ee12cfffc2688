import { describe, expect, it } from 'vitest';
import type { GridChoiceDto } from '../../../../contracts/journal';
import { gridSearchOf, groupChoices } from './choices';

const choice = (subject: string, unit: string, group = false, canWrite = true): GridChoiceDto => ({
  subject: { id: `s-${subject}`, name: subject },
  class: group ? null : { id: `c-${unit}`, name: unit },
  studyGroup: group ? { id: `g-${unit}`, name: unit } : null,
  canWrite,
});

describe('the journal chooser', () => {
  const items = [
    choice('Математика', '10А'), choice('Русский язык', '5А'), choice('Алгебра', '5А', false, false),
    choice('Английский язык', '5А Англ. гр. 1', true),
  ];

  it('groups by class or group, grades in number order, subjects by name', () => {
    expect(groupChoices(items).map((g) => [g.name, g.items.map((c) => c.subject.name)])).toEqual([
      ['5А', ['Алгебра', 'Русский язык']],
      ['5А Англ. гр. 1', ['Английский язык']],
      ['10А', ['Математика']],
    ]);
  });

  it('filters by a class or a subject, any case', () => {
    expect(groupChoices(items, 'матем').map((g) => g.name)).toEqual(['10А']);
    expect(groupChoices(items, '5а').map((g) => g.name)).toEqual(['5А', '5А Англ. гр. 1']);
    expect(groupChoices(items, 'физика')).toEqual([]);
  });

  it('opens a class\'s grid by class, a group\'s by group', () => {
    expect(gridSearchOf(items[0]!)).toEqual({ subjectId: 's-Математика', classId: 'c-10А' });
    expect(gridSearchOf(items[3]!)).toEqual({ subjectId: 's-Английский язык', studyGroupId: 'g-5А Англ. гр. 1' });
  });
});

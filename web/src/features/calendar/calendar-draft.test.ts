import { describe, expect, it } from 'vitest';
import { typicalCalendar } from '../../../../domain/calendar-template';
import { bodyOf, draftOf, errorAt, gradesText, parseGrades, withKind } from './calendar-draft';

describe('calendar draft', () => {
  it('reads grades the way people type them', () => {
    expect(parseGrades('1–9')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(parseGrades('10, 11')).toEqual([10, 11]);
    expect(parseGrades('1-4; 6 8')).toEqual([1, 2, 3, 4, 6, 8]);
    expect(parseGrades('пятые')).toEqual([0]);
    expect(gradesText([11, 10, 1, 2, 3, 5])).toBe('1–3, 5, 10–11');
  });

  it('goes from a calendar to the form and back unchanged', () => {
    const c = typicalCalendar(2026);
    expect(bodyOf(draftOf(c))).toEqual(JSON.parse(JSON.stringify(c)));
  });

  it('keeps as many term rows as the kind has', () => {
    const scheme = draftOf(typicalCalendar(2026)).schemes[0]!;
    expect(withKind(scheme, 'half').terms).toHaveLength(2);
    expect(withKind(withKind(scheme, 'half'), 'trimester').terms).toHaveLength(3);
  });

  it('finds a server message for a field or under it', () => {
    const errors = { 'calendar.termSchemes.0.grades.1': 'Параллель: от 1 до 11', 'calendar.startsOn': 'Дата' };
    expect(errorAt(errors, 'calendar.startsOn')).toBe('Дата');
    expect(errorAt(errors, 'calendar.termSchemes.0.grades')).toBeUndefined();
    expect(errorAt(errors, 'calendar.termSchemes.0.grades', true)).toBe('Параллель: от 1 до 11');
  });
});

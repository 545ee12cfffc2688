import { describe, expect, it } from 'vitest';
import { changedText, plural, progressPercent, rowsText, rowsToWrite, statusTitle } from './format';

describe('import words', () => {
  it('puts the Russian plural after the number', () => {
    expect([1, 2, 5, 11, 12, 21, 22, 25, 101, 111, 1000].map(rowsText)).toEqual([
      '1 строка', '2 строки', '5 строк', '11 строк', '12 строк', '21 строка', '22 строки', '25 строк', '101 строка', '111 строк', '1\u00a0000 строк',
    ]);
    expect(plural(3, 'ученик', 'ученика', 'учеников')).toBe('3 ученика');
  });

  it('shows progress, what an apply writes and what an update changes', () => {
    expect(progressPercent({ processedRows: 0, totalRows: 0 })).toBe(0);
    expect(progressPercent({ processedRows: 999, totalRows: 1000 })).toBe(99);
    expect(statusTitle({ status: 'analysing', processedRows: 50, totalRows: 200 })).toBe('Проверяется: 25%');
    expect(statusTitle({ status: 'applied', processedRows: 200, totalRows: 200 })).toBe('Применён');
    expect(rowsToWrite({ create: 3, update: 2, unchanged: 10, rejected: 4, warnings: 1 })).toBe(5);
    expect(changedText(['phone', 'class'])).toBe('Изменится: телефон, класс');
    expect(changedText([])).toBe('');
  });
});

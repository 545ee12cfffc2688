import { describe, expect, it } from 'vitest';
import { academicYearTitle, formatDate, formatPeriod } from './format';

describe('org formats', () => {
  it('writes dates and stays the Russian way', () => {
    expect(formatDate('2026-09-01')).toBe('01.09.2026');
    expect(formatDate(null)).toBe('');
    expect(formatPeriod('2026-09-01', null)).toBe('с 01.09.2026');
    expect(formatPeriod('2026-09-01', '2026-10-14')).toBe('01.09.2026 – 14.10.2026');
    expect(academicYearTitle(2026)).toBe('2026/27');
    expect(academicYearTitle(2099)).toBe('2099/00');
  });
});

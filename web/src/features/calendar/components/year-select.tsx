// The academic year a page of the calendar area shows: last, this and next year.
import { Select } from '@mantine/core';
import { academicYearTitle } from '../../org/format';

/** The academic year today falls in (it starts on 1 September). */
export const currentAcademicYear = (): number => {
  const now = new Date();
  return now.getMonth() >= 8 ? now.getFullYear() : now.getFullYear() - 1;
};

export function YearSelect({ value, onChange }: { value: number; onChange: (year: number) => void }) {
  const now = currentAcademicYear();
  const years = [now - 1, now, now + 1];
  return (
    <Select label="Учебный год" w={200} allowDeselect={false} value={String(value)}
      data={years.map((y) => ({ value: String(y), label: academicYearTitle(y) }))}
      onChange={(v) => v && onChange(Number(v))} />
  );
}

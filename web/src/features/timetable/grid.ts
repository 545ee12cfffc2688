// The weekly grid as the page draws it: lessons by cell, the cell a key press moves to, how a
// lesson and a version are said on screen and to a screen reader.
import type { TimetableGridDto, TimetableGridLessonDto, TimetableVersionDto, TimetableViewKind } from '../../../../contracts/timetable-versions';

export type Cell = { weekday: number; lessonNumber: number };
export const cellKey = (c: Cell): string => `${c.weekday}:${c.lessonNumber}`;
export const sameCell = (a: Cell, b: Cell): boolean => a.weekday === b.weekday && a.lessonNumber === b.lessonNumber;

/** The lessons that start in each cell, in a stable order (class lessons first, then groups by name). */
export function lessonsByCell(lessons: readonly TimetableGridLessonDto[]): Map<string, TimetableGridLessonDto[]> {
  const out = new Map<string, TimetableGridLessonDto[]>();
  const sorted = [...lessons].sort((a, b) => (a.studyGroup?.name ?? '').localeCompare(b.studyGroup?.name ?? '', 'ru') || a.subject.name.localeCompare(b.subject.name, 'ru'));
  for (const l of sorted) {
    const key = cellKey(l);
    out.set(key, [...(out.get(key) ?? []), l]);
  }
  return out;
}

export type ArrowKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown';
export const isArrow = (key: string): key is ArrowKey => key === 'ArrowLeft' || key === 'ArrowRight' || key === 'ArrowUp' || key === 'ArrowDown';

/** The cell an arrow key leads to: days across, lesson numbers down; the edges hold. */
export function stepCell(cell: Cell, key: ArrowKey, grid: Pick<TimetableGridDto, 'days' | 'lessonNumbers'>): Cell {
  const days = grid.days.map((d) => d.weekday);
  const numbers = grid.lessonNumbers;
  const clamp = (list: readonly number[], value: number, step: number) => {
    const i = list.indexOf(value);
    const next = (i < 0 ? 0 : i) + step;
    return list[Math.max(0, Math.min(list.length - 1, next))] ?? value;
  };
  switch (key) {
    case 'ArrowLeft': return { ...cell, weekday: clamp(days, cell.weekday, -1) };
    case 'ArrowRight': return { ...cell, weekday: clamp(days, cell.weekday, 1) };
    case 'ArrowUp': return { ...cell, lessonNumber: clamp(numbers, cell.lessonNumber, -1) };
    case 'ArrowDown': return { ...cell, lessonNumber: clamp(numbers, cell.lessonNumber, 1) };
  }
}

/** Who a lesson is for: the class, or the group. */
export const unitOf = (l: TimetableGridLessonDto): string => l.studyGroup?.name ?? l.class?.name ?? '';

/** The second line of a lesson's card: what the view does not already say. */
export function detailOf(l: TimetableGridLessonDto, view: TimetableViewKind): string {
  switch (view) {
    case 'class': return [l.studyGroup ? l.studyGroup.name : null, l.teacher.shortName].filter(Boolean).join(' · ');
    case 'teacher': return unitOf(l);
    case 'room': return `${unitOf(l)} · ${l.teacher.shortName}`;
  }
}

/** «Математика, 5А, Петрова А. С., каб. 101, Пн, 1 урок» — the accessible name of a lesson. */
export function lessonName(l: TimetableGridLessonDto, dayName: string): string {
  return [l.subject.name, unitOf(l), l.teacher.shortName, l.room ? `каб. ${l.room.name}` : null, `${dayName}, ${l.lessonNumber} урок`]
    .filter(Boolean).join(', ');
}

/** "2026-09-01" → "01.09.2026". */
export const ruDate = (date: string): string => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;

/** How the picker says a version: «Основное — действует с 01.09.2026 (сейчас)», «Черновик от … — черновик». */
export function versionTitle(v: Pick<TimetableVersionDto, 'name' | 'status' | 'validFrom' | 'validTo' | 'inForce'>): string {
  if (v.status === 'published' && v.validFrom) {
    const until = v.validTo ? ` по ${ruDate(v.validTo)}` : '';
    return `${v.name} — с ${ruDate(v.validFrom)}${until}${v.inForce ? ' (действует сейчас)' : ''}`;
  }
  return `${v.name} — ${v.status === 'archived' ? 'в архиве' : 'черновик'}`;
}

/** The version a page opens: the one asked for, else the one in force, else the newest. */
export function initialVersion(items: readonly Pick<TimetableVersionDto, 'id'>[], inForceId: string | null, asked: string | undefined): string | null {
  if (asked && items.some((v) => v.id === asked)) return asked;
  return inForceId ?? items[0]?.id ?? null;
}

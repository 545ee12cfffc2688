// The server's grid (contracts/journal.ts GridDto) as the page draws it: one row object per
// student holding its cells by column, so that an edit replaces one row and React redraws one row;
// the answers of mark and attendance writes folded back into a cell.
import type {
  AttendanceCellDto, AttendanceCodeDto, AverageExplanationDto, GridDto, GridLessonDto, GridMarkDto, MarkDto,
} from '../../../../contracts/journal';
import { defaultAttendanceCodes, parseAttendanceCode, type AttendanceCode } from '../../../../domain/attendance';
import type { MarkScaleKind } from '../../../../domain/mark-scale';
import { emptyCell, shortName, type CellAttendance, type CellMark, type CellOp, type CellState } from './grid-model';

export type GridRow = {
  studentId: string;
  /** From 1, down the grid. */
  number: number;
  /** «Иванова М.» */
  name: string;
  fullName: string;
  /** Outside the class or group before / after these dates during the period. */
  joinedOn: string | null;
  leftOn: string | null;
  /** Cells by column index (undefined: empty). */
  cells: readonly (CellState | undefined)[];
  explanation: AverageExplanationDto | null;
};

/** The school's codes as domain/attendance.ts takes them. */
export const codesOf = (codes: readonly AttendanceCodeDto[]): AttendanceCode[] =>
  codes.length === 0 ? [...defaultAttendanceCodes] : codes.map((c) => ({ code: c.code, title: c.title, category: c.category, reason: c.reason, minutes: c.minutes }));

/** A grid cell's attendance text («Н», «о15») as a cell's attendance; null when no code of the school reads it. */
export function attendanceOf(text: string | null, version: number | null, codes: readonly AttendanceCode[]): CellAttendance | null {
  if (text === null || text.trim() === '') return null;
  const parsed = parseAttendanceCode(text, codes);
  if (!parsed.ok || parsed.value.category === 'present') return null;
  const entry = parsed.value;
  const code = codes.find((c) => c.category === entry.category && (entry.category !== 'absentExcused' || (c.reason ?? 'other') === entry.reason));
  return {
    code: code?.code ?? text.trim(),
    category: entry.category,
    minutesLate: entry.category === 'late' ? entry.minutes : null,
    version: version ?? 1,
  };
}

export const cellMarkOf = (m: GridMarkDto | MarkDto): CellMark => ({
  id: m.id,
  version: m.version,
  value: m.value,
  isDebt: m.isDebt,
  controlFormId: 'controlForm' in m ? m.controlForm.id : m.controlFormId,
  formShortName: 'controlForm' in m ? m.controlForm.shortName : m.formShortName,
  weight: m.weight,
});

/** «Фамилия Имя» → «Фамилия И.». */
const rowName = (full: string): string => {
  const [last = '', first = ''] = full.trim().split(/\s+/);
  return shortName(last, first);
};

/** Rows of the grid, students in the server's order, cells by the order of `grid.lessons`. */
export function buildRows(grid: GridDto): GridRow[] {
  const codes = codesOf(grid.attendanceCodes);
  const column = new Map(grid.lessons.map((l, i) => [l.key, i]));
  const cellsBy = new Map<string, (CellState | undefined)[]>();
  for (const s of grid.students) cellsBy.set(s.id, new Array<CellState | undefined>(grid.lessons.length));
  for (const c of grid.cells) {
    const col = column.get(c.lessonKey);
    const row = cellsBy.get(c.studentId);
    if (col === undefined || row === undefined) continue;
    row[col] = { marks: c.marks.map(cellMarkOf), attendance: attendanceOf(c.attendance, c.attendanceVersion, codes) };
  }
  const explanations = new Map(grid.averages.map((a) => [a.studentId, a.explanation]));
  return grid.students.map((s, i) => ({
    studentId: s.id,
    number: i + 1,
    name: rowName(s.name),
    fullName: s.name,
    joinedOn: s.joinedOn,
    leftOn: s.leftOn,
    cells: cellsBy.get(s.id)!,
    explanation: explanations.get(s.id) ?? null,
  }));
}

/** The row with one cell replaced (a new object: only this row redraws). */
export function withCell(row: GridRow, col: number, cell: CellState): GridRow {
  const cells = [...row.cells];
  cells[col] = cell.marks.length === 0 && cell.attendance === null ? undefined : cell;
  return { ...row, cells };
}

export const cellAt = (row: GridRow, col: number): CellState => row.cells[col] ?? emptyCell;

/** Whether a student belongs in a lesson's column (in the class or group on its date). */
export const inLesson = (row: Pick<GridRow, 'joinedOn' | 'leftOn'>, lesson: Pick<GridLessonDto, 'date'>): boolean =>
  (row.joinedOn === null || row.joinedOn <= lesson.date) && (row.leftOn === null || lesson.date <= row.leftOn);

/** What one answered request does to a cell. */
export type OpResult =
  | { kind: 'mark'; mark: MarkDto }
  | { kind: 'deleted'; markId: string }
  | { kind: 'attendance'; cell: AttendanceCellDto };

export function applyResult(cell: CellState, result: OpResult): CellState {
  switch (result.kind) {
    case 'mark': {
      const next = cellMarkOf(result.mark);
      const at = cell.marks.findIndex((m) => m.id === next.id);
      return { ...cell, marks: at < 0 ? [...cell.marks, next] : cell.marks.map((m, i) => (i === at ? next : m)) };
    }
    case 'deleted': return { ...cell, marks: cell.marks.filter((m) => m.id !== result.markId) };
    case 'attendance': {
      const e = result.cell.entry;
      return {
        ...cell,
        attendance: e === null || e.category === 'present' ? null : { code: e.code, category: e.category, minutesLate: e.minutesLate, version: e.version },
      };
    }
  }
}

/** The scale new marks are typed on: the chosen form's. */
export const scaleOfForm = (kind: MarkScaleKind | undefined) => ({ kind: kind ?? 'five' });

/**
 * The form new marks take by default: the school's plain weight-1 form («Работа на уроке»), else
 * the lightest five-point one, else the first.
 */
export function defaultFormId(forms: readonly { id: string; weight: number; scaleKind: MarkScaleKind }[]): string | null {
  const five = forms.filter((f) => f.scaleKind === 'five');
  return five.find((f) => f.weight === 1)?.id
    ?? [...five].sort((a, b) => a.weight - b.weight)[0]?.id
    ?? forms[0]?.id
    ?? null;
}

/** What a request is, for a message when it fails. */
export const opTitle = (op: CellOp): string => {
  switch (op.kind) {
    case 'createMark': return 'Отметка не поставлена';
    case 'updateMark': return 'Отметка не изменена';
    case 'deleteMark': return 'Отметка не удалена';
    case 'setAttendance': return 'Посещаемость не сохранена';
  }
};

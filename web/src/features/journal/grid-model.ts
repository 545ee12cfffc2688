// The journal grid's rules, without React: where a key press moves the cursor or what it does,
// what text typed into a cell means (`parseMarkEntry` of domain/attendance.ts), which requests
// turn a cell into what was typed, the undo stack of saved edits, and how a cell is shown.
import {
  defaultAttendanceCodes, normalizeCode, parseMarkEntry,
  type AttendanceCategory, type AttendanceCode, type AttendanceEntry,
} from '../../../../domain/attendance';
import type { MarkScale, MarkValue } from '../../../../domain/mark-scale';

// ---------------------------------------------------------------------------------------------
// The cursor and the keys

export type Cursor = { row: number; col: number };
export type GridShape = { rows: number; cols: number };
/** What the model needs of a keyboard event. */
export type KeyPress = { key: string; shiftKey?: boolean; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean };

/** Rows a Page Up / Page Down jumps. */
export const pageRows = 10;

const clamp = (n: number, min: number, max: number): number => Math.max(min, Math.min(max, n));

/** The cell a navigation key leads to; null when the key leaves the grid (Tab past the last cell) or is not a move. */
export function moveCursor(cursor: Cursor, press: KeyPress, shape: GridShape): Cursor | null {
  if (shape.rows === 0 || shape.cols === 0) return null;
  const lastRow = shape.rows - 1;
  const lastCol = shape.cols - 1;
  const at = (row: number, col: number): Cursor => ({ row: clamp(row, 0, lastRow), col: clamp(col, 0, lastCol) });
  const { row, col } = at(cursor.row, cursor.col);
  const ctrl = press.ctrlKey === true || press.metaKey === true;
  switch (press.key) {
    case 'ArrowUp': return at(ctrl ? 0 : row - 1, col);
    case 'ArrowDown': return at(ctrl ? lastRow : row + 1, col);
    case 'ArrowLeft': return at(row, ctrl ? 0 : col - 1);
    case 'ArrowRight': return at(row, ctrl ? lastCol : col + 1);
    case 'Enter': return at(press.shiftKey ? row - 1 : row + 1, col);
    case 'Home': return ctrl ? at(0, 0) : at(row, 0);
    case 'End': return ctrl ? at(lastRow, lastCol) : at(row, lastCol);
    case 'PageUp': return at(row - pageRows, col);
    case 'PageDown': return at(row + pageRows, col);
    case 'Tab': {
      // Tab runs along a row and on to the next one; past either end it lets the focus leave.
      const index = row * shape.cols + col + (press.shiftKey ? -1 : 1);
      if (index < 0 || index > lastRow * shape.cols + lastCol) return null;
      return { row: Math.floor(index / shape.cols), col: index % shape.cols };
    }
    default: return null;
  }
}

/** What a key press does to the grid. */
export type GridAction =
  | { type: 'move'; to: Cursor }
  | { type: 'edit'; text: string; replace: boolean }
  | { type: 'commit'; then: Cursor | null }
  | { type: 'cancel' }
  | { type: 'clear' }
  | { type: 'undo' }
  | { type: 'history' }
  | { type: 'leave' };

const navigationKeys = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown', 'Tab']);

/**
 * A key press while a cell is selected (`editing` false) or being typed into (`editing` true);
 * null: the key is not the grid's (the browser or the input handles it).
 *
 * Selected: arrows, Tab, Home/End (with Ctrl: the corners), PageUp/PageDown move; a printable key
 * starts typing over the cell; Enter or F2 edits the cell's text; Delete or Backspace clears it;
 * Ctrl+Z undoes the last saved edit; Alt+Enter opens the cell's history. Typing: Enter saves and
 * moves down (Shift+Enter up), Tab saves and moves right, ↑/↓ save and move, Escape cancels.
 */
export function keyAction(press: KeyPress, editing: boolean, cursor: Cursor, shape: GridShape, readOnly = false): GridAction | null {
  const ctrl = press.ctrlKey === true || press.metaKey === true;
  if (editing) {
    if (press.key === 'Escape') return { type: 'cancel' };
    if (press.key === 'Enter' || press.key === 'Tab' || press.key === 'ArrowUp' || press.key === 'ArrowDown') {
      return { type: 'commit', then: moveCursor(cursor, press, shape) };
    }
    return null;
  }
  if (press.key === 'Enter' && press.altKey) return { type: 'history' };
  if (ctrl && !press.altKey && (press.key === 'z' || press.key === 'Z' || press.key === 'я' || press.key === 'Я') && !press.shiftKey) {
    return readOnly ? null : { type: 'undo' };
  }
  if (navigationKeys.has(press.key)) {
    const to = moveCursor(cursor, press, shape);
    return to === null ? (press.key === 'Tab' ? { type: 'leave' } : null) : { type: 'move', to };
  }
  if (readOnly) return press.key === 'Enter' ? { type: 'history' } : null;
  if (press.key === 'Enter' || press.key === 'F2') return { type: 'edit', text: '', replace: false };
  if (press.key === 'Delete' || press.key === 'Backspace') return { type: 'clear' };
  if (press.key.length === 1 && !ctrl && !press.altKey && press.key.trim() !== '') return { type: 'edit', text: press.key, replace: true };
  return null;
}

// ---------------------------------------------------------------------------------------------
// A cell: what it holds, how it is shown

/** A mark in a cell. `value` is null for a debt («точка») not yet turned into a mark. */
export type CellMark = {
  id: string;
  version: number;
  value: MarkValue | null;
  isDebt: boolean;
  controlFormId: string;
  /** «Кр» — shown in the cell's description; optional when unknown. */
  formShortName?: string | undefined;
  weight?: number | undefined;
};

export type CellAttendance = {
  /** The school's code the teacher typed («Н», «О»). */
  code: string;
  category: Exclude<AttendanceCategory, 'present'>;
  minutesLate: number | null;
  version: number;
};

export type CellState = { marks: readonly CellMark[]; attendance: CellAttendance | null };
export const emptyCell: CellState = { marks: [], attendance: null };

/** What a cell should hold after an edit: the marks in order, each with its form, and the attendance. */
export type CellTarget = {
  marks: readonly { value: MarkValue | null; isDebt: boolean; controlFormId: string }[];
  attendance: { code: string; minutesLate: number | null } | null;
};

export const targetOf = (cell: CellState): CellTarget => ({
  marks: cell.marks.map((m) => ({ value: m.value, isDebt: m.isDebt, controlFormId: m.controlFormId })),
  attendance: cell.attendance ? { code: cell.attendance.code, minutesLate: cell.attendance.minutesLate } : null,
});

/** The debt mark as the grid shows it and as it is typed («.» also works: no layout lacks it). */
export const debtSign = '•';

export const markText = (value: MarkValue | null): string => (value === null ? debtSign : value === 'pass' ? 'зч' : value === 'fail' ? 'нз' : String(value));

/** «О15» for a late entry with its minutes, else the code. */
export const attendanceText = (a: { code: string; minutesLate: number | null }): string => (a.minutesLate !== null ? `${a.code}${a.minutesLate}` : a.code);

const marksText = (marks: CellTarget['marks']): string => marks.map((m) => (m.isDebt && m.value === null ? debtSign : markText(m.value))).join('/');

/** The text in the cell: the attendance code, then the marks («Н», «4/5», «О15 5», «•»). */
export function cellText(cell: CellState | CellTarget): string {
  const marks = marksText(cell.marks);
  const attendance = cell.attendance ? attendanceText(cell.attendance) : '';
  return [attendance, marks].filter((s) => s !== '').join(' ');
}

/** The text an edit of the cell starts from (Enter, F2): its marks, or its code when it has none. */
export function cellEditText(cell: CellState): string {
  if (cell.marks.length > 0) return marksText(cell.marks);
  return cell.attendance ? attendanceText(cell.attendance) : '';
}

const ruNumber = (n: number): string => String(n).replace('.', ',');

/** The cell said in words, for its title and a screen reader: «Н — отсутствие…; 5 (Кр, вес 2)». */
export function cellDescription(cell: CellState, codes: readonly AttendanceCode[] = defaultAttendanceCodes): string {
  const parts: string[] = [];
  if (cell.attendance) {
    const code = codes.find((c) => normalizeCode(c.code) === normalizeCode(cell.attendance!.code));
    const title = code?.title.toLowerCase() ?? cell.attendance.category;
    parts.push(`${attendanceText(cell.attendance)} — ${title}${cell.attendance.minutesLate !== null ? `, ${cell.attendance.minutesLate} мин.` : ''}`);
  }
  for (const m of cell.marks) {
    const detail = [m.formShortName, m.weight !== undefined ? `вес ${ruNumber(m.weight)}` : undefined].filter(Boolean).join(', ');
    const what = m.isDebt && m.value === null ? 'точка (долг)' : markText(m.value);
    parts.push(detail ? `${what} (${detail})` : what);
  }
  return parts.length === 0 ? 'пусто' : parts.join('; ');
}

// ---------------------------------------------------------------------------------------------
// What typed text means

export type CellEntry =
  | { kind: 'marks'; values: MarkValue[] }
  | { kind: 'debt' }
  | { kind: 'attendance'; code: string; minutesLate: number | null }
  | { kind: 'clear' };

export type Interpreted = { ok: true; entry: CellEntry } | { ok: false; message: string };

/** The school's code an entry stands for: the first of its category (and reason, for excused absences). */
function codeOf(entry: AttendanceEntry, codes: readonly AttendanceCode[]): AttendanceCode | undefined {
  return codes.find((c) => c.category === entry.category && (entry.category !== 'absentExcused' || (c.reason ?? 'other') === entry.reason));
}

/**
 * Text typed into a cell: «5», «4/5», «н», «о15», «.» or «•» for a debt, nothing to clear. Marks are
 * read on the scale of the form new marks are given in; a code among marks is refused («Н» is
 * attendance, never a mark).
 */
export function interpretEntry(text: string, options: { scale?: MarkScale; codes?: readonly AttendanceCode[] } = {}): Interpreted {
  const codes = options.codes ?? defaultAttendanceCodes;
  const trimmed = text.trim();
  if (trimmed === '.' || trimmed === debtSign) return { ok: true, entry: { kind: 'debt' } };
  const parsed = parseMarkEntry(text, { scale: options.scale ?? { kind: 'five' }, codes });
  if (!parsed.ok) return { ok: false, message: parsed.message };
  const value = parsed.value;
  switch (value.kind) {
    case 'clear': return { ok: true, entry: { kind: 'clear' } };
    case 'marks': return { ok: true, entry: { kind: 'marks', values: value.values } };
    case 'attendance': {
      const code = codeOf(value.entry, codes);
      if (!code) return { ok: false, message: 'У школы нет такого кода посещаемости' };
      const minutesLate = value.entry.category === 'late' ? value.entry.minutes : null;
      return { ok: true, entry: { kind: 'attendance', code: code.code, minutesLate } };
    }
  }
}

/**
 * What the cell should hold after an entry. Marks replace the cell's marks and keep its
 * attendance (a late student may get a mark); a code replaces the attendance and keeps the marks;
 * a mark keeps its form when one stands in its place, a new one takes `newFormId`; clearing
 * empties the cell.
 */
export function applyEntry(current: CellTarget, entry: CellEntry, newFormId: string): CellTarget {
  switch (entry.kind) {
    case 'clear': return { marks: [], attendance: null };
    case 'attendance': return { ...current, attendance: { code: entry.code, minutesLate: entry.minutesLate } };
    case 'debt': return { ...current, marks: [{ value: null, isDebt: true, controlFormId: current.marks[0]?.controlFormId ?? newFormId }] };
    case 'marks': return {
      ...current,
      marks: entry.values.map((value, i) => ({ value, isDebt: false, controlFormId: current.marks[i]?.controlFormId ?? newFormId })),
    };
  }
}

// ---------------------------------------------------------------------------------------------
// The requests that turn a cell into its target

export type CellOp =
  | { kind: 'createMark'; value: MarkValue | null; isDebt: boolean; controlFormId: string }
  | { kind: 'updateMark'; markId: string; version: number; value: MarkValue | null; controlFormId: string }
  | { kind: 'deleteMark'; markId: string; version: number }
  | { kind: 'setAttendance'; code: string | null; minutesLate: number | null; version: number | null };

const sameMark = (m: CellMark, t: CellTarget['marks'][number]): boolean =>
  m.value === t.value && m.isDebt === t.isDebt && m.controlFormId === t.controlFormId;

/**
 * The fewest requests from a cell to a target: marks matched by position — a changed one is
 * updated (its version sent as If-Match), extra ones deleted, missing ones created; the
 * attendance set when it differs. An empty list: nothing to send.
 */
export function planCellEdit(cell: CellState, target: CellTarget): CellOp[] {
  const ops: CellOp[] = [];
  const t = target.attendance;
  const a = cell.attendance;
  const sameAttendance = t === null ? a === null
    : a !== null && normalizeCode(a.code) === normalizeCode(t.code) && a.minutesLate === t.minutesLate;
  if (!sameAttendance) ops.push({ kind: 'setAttendance', code: t?.code ?? null, minutesLate: t?.minutesLate ?? null, version: a?.version ?? null });
  // A cell's marks are in the order they were given: a mark cannot turn back into a debt, so
  // from the first place that needs a new debt on, the rest is deleted and given again in order.
  const replaceFrom = target.marks.findIndex((want, i) => want.isDebt && cell.marks[i] !== undefined && !cell.marks[i]!.isDebt);
  const kept = replaceFrom < 0 ? target.marks.length : replaceFrom;
  target.marks.slice(0, kept).forEach((want, i) => {
    const have = cell.marks[i];
    if (!have) ops.push({ kind: 'createMark', value: want.value, isDebt: want.isDebt, controlFormId: want.controlFormId });
    else if (!sameMark(have, want)) ops.push({ kind: 'updateMark', markId: have.id, version: have.version, value: want.value, controlFormId: want.controlFormId });
  });
  for (const extra of cell.marks.slice(kept)) ops.push({ kind: 'deleteMark', markId: extra.id, version: extra.version });
  for (const want of target.marks.slice(kept)) ops.push({ kind: 'createMark', value: want.value, isDebt: want.isDebt, controlFormId: want.controlFormId });
  return ops;
}

// ---------------------------------------------------------------------------------------------
// Undo: saved edits, most recent last; undoing one sends the change back to the cell's earlier content

export type CellRef = { lessonKey: string; studentId: string };
export type UndoEntry = CellRef & { before: CellTarget; after: CellTarget };
export type UndoStack = readonly UndoEntry[];

/** Edits the stack remembers. */
export const undoLimit = 100;

export const pushUndo = (stack: UndoStack, entry: UndoEntry): UndoStack => [...stack, entry].slice(-undoLimit);

/** The last edit and the stack without it; null when there is nothing to undo. */
export const popUndo = (stack: UndoStack): { entry: UndoEntry; rest: UndoStack } | null =>
  stack.length === 0 ? null : { entry: stack[stack.length - 1]!, rest: stack.slice(0, -1) };

/** The requests that undo an edit from the cell as it is now. */
export const planUndo = (entry: UndoEntry, now: CellState): CellOp[] => planCellEdit(now, entry.before);

// ---------------------------------------------------------------------------------------------
// Showing a cell while its requests run: the target drawn at once, the answer replaces it

const categoryOf = (code: string, codes: readonly AttendanceCode[]): CellAttendance['category'] | undefined => {
  const category = codes.find((c) => normalizeCode(c.code) === normalizeCode(code))?.category;
  return category === undefined || category === 'present' ? undefined : category;
};

/** The cell drawn at once for a target (optimistic): marks kept where they match, new ones without an id yet. */
export function optimisticCell(cell: CellState, target: CellTarget, codes: readonly AttendanceCode[] = defaultAttendanceCodes): CellState {
  const marks = target.marks.map((want, i): CellMark => {
    const have = cell.marks[i];
    return have ? { ...have, value: want.value, isDebt: want.isDebt, controlFormId: want.controlFormId } : { id: '', version: 0, ...want };
  });
  const attendance = target.attendance === null ? null : {
    code: target.attendance.code,
    minutesLate: target.attendance.minutesLate,
    category: categoryOf(target.attendance.code, codes) ?? cell.attendance?.category ?? 'absentUnexcused',
    version: cell.attendance?.version ?? 0,
  };
  return { marks, attendance };
}

/** "2026-11-12" → «12.11», the grid's column head. */
export const shortDate = (date: string): string => `${date.slice(8, 10)}.${date.slice(5, 7)}`;

/** «Иванова Мария Петровна» → «Иванова М.», the grid's row head. */
export function shortName(lastName: string, firstName: string): string {
  const initial = firstName.trim().charAt(0);
  return initial === '' ? lastName : `${lastName} ${initial}.`;
}

/** "4.6666" → «4,67»: an average as the grid shows it; «—» for none. */
export const averageText = (average: number | null): string => (average === null ? '—' : average.toFixed(2).replace('.', ','));

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttendanceCode } from '../../../../domain/attendance';
import {
  applyEntry, averageText, cellDescription, cellEditText, cellText, emptyCell, interpretEntry, keyAction, moveCursor, optimisticCell,
  planCellEdit, planUndo, popUndo, pushUndo, shortDate, shortName, targetOf, undoLimit,
  type CellMark, type CellOp, type CellState, type CellTarget, type GridShape, type UndoStack,
} from './grid-model';

const shape: GridShape = { rows: 30, cols: 80 };
const mark = (over: Partial<CellMark> = {}): CellMark => ({ id: 'm1', version: 1, value: 5, isDebt: false, controlFormId: 'f1', ...over });
const entryOf = (text: string) => {
  const r = interpretEntry(text);
  if (!r.ok) throw new Error(r.message);
  return r.entry;
};

let next = 100;
/** Applies requests to a cell the way the server would (new marks last), to check a plan reaches its target. */
function run(cell: CellState, ops: readonly CellOp[]): CellState {
  let marks = [...cell.marks];
  let attendance = cell.attendance;
  for (const op of ops) {
    switch (op.kind) {
      case 'createMark': marks.push({ id: `n${next++}`, version: 1, value: op.value, isDebt: op.isDebt, controlFormId: op.controlFormId }); break;
      case 'updateMark': marks = marks.map((m) => (m.id === op.markId ? { ...m, value: op.value, isDebt: op.value === null && m.isDebt, controlFormId: op.controlFormId, version: m.version + 1 } : m)); break;
      case 'deleteMark': marks = marks.filter((m) => m.id !== op.markId); break;
      case 'setAttendance': attendance = op.code === null ? null : { code: op.code, minutesLate: op.minutesLate, category: 'absentUnexcused', version: (attendance?.version ?? 0) + 1 }; break;
    }
  }
  return { marks, attendance };
}

describe('the cursor', () => {
  it('moves with the arrows and holds at the edges', () => {
    expect(moveCursor({ row: 0, col: 0 }, { key: 'ArrowRight' }, shape)).toEqual({ row: 0, col: 1 });
    expect(moveCursor({ row: 0, col: 0 }, { key: 'ArrowLeft' }, shape)).toEqual({ row: 0, col: 0 });
    expect(moveCursor({ row: 0, col: 0 }, { key: 'ArrowUp' }, shape)).toEqual({ row: 0, col: 0 });
    expect(moveCursor({ row: 29, col: 79 }, { key: 'ArrowDown' }, shape)).toEqual({ row: 29, col: 79 });
    expect(moveCursor({ row: 5, col: 5 }, { key: 'ArrowDown', ctrlKey: true }, shape)).toEqual({ row: 29, col: 5 });
  });

  it('Enter goes down, Shift+Enter up; Home and End to the row\'s ends, with Ctrl to the corners; pages by ten', () => {
    expect(moveCursor({ row: 3, col: 7 }, { key: 'Enter' }, shape)).toEqual({ row: 4, col: 7 });
    expect(moveCursor({ row: 3, col: 7 }, { key: 'Enter', shiftKey: true }, shape)).toEqual({ row: 2, col: 7 });
    expect(moveCursor({ row: 3, col: 7 }, { key: 'Home' }, shape)).toEqual({ row: 3, col: 0 });
    expect(moveCursor({ row: 3, col: 7 }, { key: 'End' }, shape)).toEqual({ row: 3, col: 79 });
    expect(moveCursor({ row: 3, col: 7 }, { key: 'Home', ctrlKey: true }, shape)).toEqual({ row: 0, col: 0 });
    expect(moveCursor({ row: 3, col: 7 }, { key: 'End', metaKey: true }, shape)).toEqual({ row: 29, col: 79 });
    expect(moveCursor({ row: 3, col: 7 }, { key: 'PageDown' }, shape)).toEqual({ row: 13, col: 7 });
    expect(moveCursor({ row: 3, col: 7 }, { key: 'PageUp' }, shape)).toEqual({ row: 0, col: 7 });
  });

  it('Tab runs along the row onto the next and lets the focus leave past either end', () => {
    expect(moveCursor({ row: 0, col: 79 }, { key: 'Tab' }, shape)).toEqual({ row: 1, col: 0 });
    expect(moveCursor({ row: 1, col: 0 }, { key: 'Tab', shiftKey: true }, shape)).toEqual({ row: 0, col: 79 });
    expect(moveCursor({ row: 29, col: 79 }, { key: 'Tab' }, shape)).toBeNull();
    expect(moveCursor({ row: 0, col: 0 }, { key: 'Tab', shiftKey: true }, shape)).toBeNull();
  });

  it('never leaves the grid with any key, from any cell (property)', () => {
    const keys = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Enter', 'Home', 'End', 'PageUp', 'PageDown', 'Tab'];
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 100 }), fc.nat(), fc.nat(), fc.constantFrom(...keys), fc.boolean(), fc.boolean(),
      (rows, cols, r, c, key, shiftKey, ctrlKey) => {
        const to = moveCursor({ row: r % rows, col: c % cols }, { key, shiftKey, ctrlKey }, { rows, cols });
        if (to === null) return key === 'Tab';
        return to.row >= 0 && to.row < rows && to.col >= 0 && to.col < cols;
      },
    ));
  });

  it('is nowhere in an empty grid', () => {
    expect(moveCursor({ row: 0, col: 0 }, { key: 'ArrowDown' }, { rows: 0, cols: 5 })).toBeNull();
  });
});

describe('keys', () => {
  const at = { row: 2, col: 2 };
  it('typing starts an edit over the cell; Enter and F2 edit its text; Delete and Backspace clear', () => {
    expect(keyAction({ key: '5' }, false, at, shape)).toEqual({ type: 'edit', text: '5', replace: true });
    expect(keyAction({ key: 'н' }, false, at, shape)).toEqual({ type: 'edit', text: 'н', replace: true });
    expect(keyAction({ key: 'Enter' }, false, at, shape)).toEqual({ type: 'edit', text: '', replace: false });
    expect(keyAction({ key: 'F2' }, false, at, shape)).toEqual({ type: 'edit', text: '', replace: false });
    expect(keyAction({ key: 'Delete' }, false, at, shape)).toEqual({ type: 'clear' });
    expect(keyAction({ key: 'Backspace' }, false, at, shape)).toEqual({ type: 'clear' });
    expect(keyAction({ key: ' ' }, false, at, shape)).toBeNull();
    expect(keyAction({ key: 'c', ctrlKey: true }, false, at, shape)).toBeNull();
  });

  it('while typing: Enter saves and moves down, Tab right, ↑ up, Escape cancels, other keys go to the input', () => {
    expect(keyAction({ key: 'Enter' }, true, at, shape)).toEqual({ type: 'commit', then: { row: 3, col: 2 } });
    expect(keyAction({ key: 'Tab' }, true, at, shape)).toEqual({ type: 'commit', then: { row: 2, col: 3 } });
    expect(keyAction({ key: 'ArrowUp' }, true, at, shape)).toEqual({ type: 'commit', then: { row: 1, col: 2 } });
    expect(keyAction({ key: 'Escape' }, true, at, shape)).toEqual({ type: 'cancel' });
    expect(keyAction({ key: 'ArrowLeft' }, true, at, shape)).toBeNull();
    expect(keyAction({ key: '4' }, true, at, shape)).toBeNull();
  });

  it('Ctrl+Z (also on the Russian layout) undoes; Alt+Enter opens the history; Tab off the end leaves', () => {
    expect(keyAction({ key: 'z', ctrlKey: true }, false, at, shape)).toEqual({ type: 'undo' });
    expect(keyAction({ key: 'я', ctrlKey: true }, false, at, shape)).toEqual({ type: 'undo' });
    expect(keyAction({ key: 'z', metaKey: true }, false, at, shape)).toEqual({ type: 'undo' });
    expect(keyAction({ key: 'Enter', altKey: true }, false, at, shape)).toEqual({ type: 'history' });
    expect(keyAction({ key: 'Tab' }, false, { row: 29, col: 79 }, shape)).toEqual({ type: 'leave' });
    expect(keyAction({ key: 'ArrowDown' }, false, at, shape)).toEqual({ type: 'move', to: { row: 3, col: 2 } });
  });

  it('a read-only grid moves and shows history but never edits, clears or undoes', () => {
    expect(keyAction({ key: '5' }, false, at, shape, true)).toBeNull();
    expect(keyAction({ key: 'Delete' }, false, at, shape, true)).toBeNull();
    expect(keyAction({ key: 'z', ctrlKey: true }, false, at, shape, true)).toBeNull();
    expect(keyAction({ key: 'Enter' }, false, at, shape, true)).toEqual({ type: 'history' });
    expect(keyAction({ key: 'ArrowRight' }, false, at, shape, true)).toEqual({ type: 'move', to: { row: 2, col: 3 } });
  });
});

describe('typed text', () => {
  it('reads marks, two marks, codes with minutes, a debt and nothing', () => {
    expect(entryOf('5')).toEqual({ kind: 'marks', values: [5] });
    expect(entryOf('4/5')).toEqual({ kind: 'marks', values: [4, 5] });
    expect(entryOf('н')).toEqual({ kind: 'attendance', code: 'Н', minutesLate: null });
    expect(entryOf('H')).toEqual({ kind: 'attendance', code: 'Н', minutesLate: null });
    expect(entryOf('б')).toEqual({ kind: 'attendance', code: 'Б', minutesLate: null });
    expect(entryOf('о15')).toEqual({ kind: 'attendance', code: 'О', minutesLate: 15 });
    expect(entryOf('.')).toEqual({ kind: 'debt' });
    expect(entryOf('•')).toEqual({ kind: 'debt' });
    expect(entryOf('  ')).toEqual({ kind: 'clear' });
  });

  it('refuses «Н» among marks and what is not a mark, in Russian', () => {
    const amongMarks = interpretEntry('5/н');
    expect(amongMarks.ok).toBe(false);
    expect(!amongMarks.ok && amongMarks.message).toMatch(/посещаемость, а не отметка/);
    const nonsense = interpretEntry('7');
    expect(!nonsense.ok && nonsense.message).toMatch(/^Не понятно «7»/);
  });

  it('takes a school\'s own codes', () => {
    const codes: AttendanceCode[] = [
      { code: 'НП', title: 'Неуважительная', category: 'absentUnexcused' },
      { code: 'С', title: 'Семейные обстоятельства', category: 'absentExcused', reason: 'family' },
    ];
    const r = interpretEntry('с', { codes });
    expect(r.ok && r.entry).toEqual({ kind: 'attendance', code: 'С', minutesLate: null });
    expect(interpretEntry('н', { codes }).ok).toBe(false);
  });

  it('reads hundred-point results on that scale', () => {
    const r = interpretEntry('87', { scale: { kind: 'hundred' } });
    expect(r.ok && r.entry).toEqual({ kind: 'marks', values: [87] });
    expect(interpretEntry('87').ok).toBe(false);
  });
});

describe('an entry applied to a cell', () => {
  const cell: CellState = { marks: [mark({ controlFormId: 'kr' })], attendance: { code: 'О', minutesLate: 10, category: 'late', version: 3 } };

  it('marks replace the marks and keep the attendance; a kept position keeps its form, a new one takes the chosen form', () => {
    expect(applyEntry(targetOf(cell), entryOf('4/5'), 'new')).toEqual({
      marks: [{ value: 4, isDebt: false, controlFormId: 'kr' }, { value: 5, isDebt: false, controlFormId: 'new' }],
      attendance: { code: 'О', minutesLate: 10 },
    });
  });

  it('a code replaces the attendance and keeps the marks; clearing empties the cell; a debt is one «•»', () => {
    expect(applyEntry(targetOf(cell), entryOf('н'), 'new')).toEqual({ marks: [{ value: 5, isDebt: false, controlFormId: 'kr' }], attendance: { code: 'Н', minutesLate: null } });
    expect(applyEntry(targetOf(cell), entryOf(''), 'new')).toEqual({ marks: [], attendance: null });
    expect(applyEntry(targetOf(emptyCell), entryOf('.'), 'new')).toEqual({ marks: [{ value: null, isDebt: true, controlFormId: 'new' }], attendance: null });
  });
});

describe('the requests of an edit', () => {
  it('sends nothing when the cell already holds the target', () => {
    const cell: CellState = { marks: [mark()], attendance: { code: 'Н', minutesLate: null, category: 'absentUnexcused', version: 2 } };
    expect(planCellEdit(cell, targetOf(cell))).toEqual([]);
    expect(planCellEdit(cell, applyEntry(targetOf(cell), entryOf('н'), 'f1'))).toEqual([]);
  });

  it('creates into an empty cell, updates a changed mark with its version, deletes the extra ones', () => {
    expect(planCellEdit(emptyCell, applyEntry(targetOf(emptyCell), entryOf('4/5'), 'f1'))).toEqual([
      { kind: 'createMark', value: 4, isDebt: false, controlFormId: 'f1' },
      { kind: 'createMark', value: 5, isDebt: false, controlFormId: 'f1' },
    ]);
    const two: CellState = { marks: [mark({ id: 'a', version: 4, value: 3 }), mark({ id: 'b', version: 1, value: 5 })], attendance: null };
    expect(planCellEdit(two, applyEntry(targetOf(two), entryOf('4'), 'f1'))).toEqual([
      { kind: 'updateMark', markId: 'a', version: 4, value: 4, controlFormId: 'f1' },
      { kind: 'deleteMark', markId: 'b', version: 1 },
    ]);
  });

  it('sets and clears the attendance with the entry\'s version, null for a new one', () => {
    expect(planCellEdit(emptyCell, { marks: [], attendance: { code: 'О', minutesLate: 15 } }))
      .toEqual([{ kind: 'setAttendance', code: 'О', minutesLate: 15, version: null }]);
    const absent: CellState = { marks: [], attendance: { code: 'Н', minutesLate: null, category: 'absentUnexcused', version: 7 } };
    expect(planCellEdit(absent, { marks: [], attendance: null })).toEqual([{ kind: 'setAttendance', code: null, minutesLate: null, version: 7 }]);
  });

  it('turns a debt into a mark by giving it a value; a mark back into a debt by a new debt', () => {
    const debt: CellState = { marks: [mark({ id: 'd', value: null, isDebt: true })], attendance: null };
    expect(planCellEdit(debt, applyEntry(targetOf(debt), entryOf('4'), 'f1'))).toEqual([{ kind: 'updateMark', markId: 'd', version: 1, value: 4, controlFormId: 'f1' }]);
    const marked: CellState = { marks: [mark({ id: 'x', value: 4 })], attendance: null };
    expect(planCellEdit(marked, applyEntry(targetOf(marked), entryOf('.'), 'f1'))).toEqual([
      { kind: 'deleteMark', markId: 'x', version: 1 },
      { kind: 'createMark', value: null, isDebt: true, controlFormId: 'f1' },
    ]);
  });

  const markArb = fc.record({
    value: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(null)),
    controlFormId: fc.constantFrom('f1', 'f2'),
  }).map(({ value, controlFormId }) => ({ value, isDebt: value === null, controlFormId }));
  const targetArb: fc.Arbitrary<CellTarget> = fc.record({
    marks: fc.array(markArb, { maxLength: 4 }),
    attendance: fc.option(fc.record({ code: fc.constantFrom('Н', 'Б', 'О'), minutesLate: fc.option(fc.integer({ min: 1, max: 90 }), { nil: null }) }), { nil: null }),
  });
  const cellArb: fc.Arbitrary<CellState> = targetArb.map((t) => ({
    marks: t.marks.map((m, i) => ({ id: `m${i}`, version: i + 1, ...m })),
    attendance: t.attendance && { ...t.attendance, category: 'absentUnexcused' as const, version: 1 },
  }));

  it('reaches any target from any cell, and a second plan from there is empty (property)', () => {
    fc.assert(fc.property(cellArb, targetArb, (cell, target) => {
      const after = run(cell, planCellEdit(cell, target));
      expect(targetOf(after)).toEqual(target);
      expect(planCellEdit(after, target)).toEqual([]);
    }));
  });

  it('undoing an edit brings the cell back to what it held (property)', () => {
    fc.assert(fc.property(cellArb, targetArb, (cell, target) => {
      const after = run(cell, planCellEdit(cell, target));
      const undone = run(after, planUndo({ lessonKey: 'l', studentId: 's', before: targetOf(cell), after: target }, after));
      expect(targetOf(undone)).toEqual(targetOf(cell));
    }));
  });

  it('draws the target at once, keeping ids and versions of the marks it keeps', () => {
    const cell: CellState = { marks: [mark({ id: 'a', version: 3, value: 3 })], attendance: null };
    const drawn = optimisticCell(cell, { marks: [{ value: 4, isDebt: false, controlFormId: 'f1' }, { value: 5, isDebt: false, controlFormId: 'f2' }], attendance: { code: 'Б', minutesLate: null } });
    expect(drawn.marks.map((m) => [m.id, m.version, m.value])).toEqual([['a', 3, 4], ['', 0, 5]]);
    expect(drawn.attendance).toEqual({ code: 'Б', minutesLate: null, category: 'absentExcused', version: 0 });
    expect(cellText(drawn)).toBe('Б 4/5');
  });
});

describe('the undo stack', () => {
  it('gives back the last edit first and remembers at most the limit', () => {
    const entry = (n: number) => ({ lessonKey: `l${n}`, studentId: 's', before: targetOf(emptyCell), after: targetOf(emptyCell) });
    let stack: UndoStack = [];
    for (let i = 0; i < undoLimit + 5; i++) stack = pushUndo(stack, entry(i));
    expect(stack).toHaveLength(undoLimit);
    const popped = popUndo(stack)!;
    expect(popped.entry.lessonKey).toBe(`l${undoLimit + 4}`);
    expect(popped.rest).toHaveLength(undoLimit - 1);
    expect(popUndo([])).toBeNull();
  });
});

describe('how a cell is shown', () => {
  it('shows codes, marks, late minutes and debts', () => {
    expect(cellText({ marks: [mark()], attendance: null })).toBe('5');
    expect(cellText({ marks: [mark({ value: 4 }), mark({ value: 5 })], attendance: null })).toBe('4/5');
    expect(cellText({ marks: [], attendance: { code: 'Н', minutesLate: null, category: 'absentUnexcused', version: 1 } })).toBe('Н');
    expect(cellText({ marks: [], attendance: { code: 'О', minutesLate: 15, category: 'late', version: 1 } })).toBe('О15');
    expect(cellText({ marks: [mark({ value: null, isDebt: true })], attendance: null })).toBe('•');
    expect(cellText({ marks: [mark({ value: 'pass' })], attendance: null })).toBe('зч');
    expect(cellText(emptyCell)).toBe('');
  });

  it('edits from the marks, or from the code when there are none; the edit text reads back as the same cell', () => {
    const late: CellState = { marks: [mark({ value: 4 })], attendance: { code: 'О', minutesLate: 15, category: 'late', version: 1 } };
    expect(cellEditText(late)).toBe('4');
    expect(cellEditText({ marks: [], attendance: late.attendance })).toBe('О15');
    expect(applyEntry(targetOf(late), entryOf(cellEditText(late)), 'x')).toEqual(targetOf(late));
  });

  it('says a cell in words with forms and weights', () => {
    const cell: CellState = {
      marks: [mark({ value: 5, formShortName: 'Кр', weight: 2 }), mark({ value: null, isDebt: true, formShortName: 'Ур', weight: 1.5 })],
      attendance: { code: 'О', minutesLate: 15, category: 'late', version: 1 },
    };
    expect(cellDescription(cell)).toBe('О15 — опоздание на урок, 15 мин.; 5 (Кр, вес 2); точка (долг) (Ур, вес 1,5)');
    expect(cellDescription(emptyCell)).toBe('пусто');
  });

  it('heads rows and columns briefly', () => {
    expect(shortDate('2026-11-12')).toBe('12.11');
    expect(shortName('Иванова', 'Мария')).toBe('Иванова М.');
    expect(averageText(4.6666)).toBe('4,67');
    expect(averageText(null)).toBe('—');
  });
});

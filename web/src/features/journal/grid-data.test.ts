import { describe, expect, it } from 'vitest';
import type { GridDto, GridLessonDto, GridMarkDto, MarkDto } from '../../../../contracts/journal';
import { defaultAttendanceCodes } from '../../../../domain/attendance';
import { applyResult, attendanceOf, buildRows, cellAt, defaultFormId, inLesson, withCell } from './grid-data';
import { cellText, emptyCell } from './grid-model';

const lesson = (key: string, date: string): GridLessonDto => ({
  key, journalLessonId: key, timetableLessonId: null, plannedDate: null, date, lessonNumber: 1, topic: null, plannedTopicId: null,
  kind: 'regular', format: 'inPerson', isControlWork: false, homeworkCount: 0, attendanceTaken: true, version: 1, canWrite: true,
});
const gridMark = (id: string, value: GridMarkDto['value']): GridMarkDto => ({
  id, value, formShortName: 'Ур', controlFormId: 'f1', weight: 1, isDebt: value === null, debtDeadline: null, comment: null, version: 1,
});

const grid: GridDto = {
  subject: { id: 's', name: 'Математика' }, class: { id: 'c', name: '5А' }, studyGroup: null,
  period: { id: 'p', name: '2 четверть', startsOn: '2026-11-09', endsOn: '2026-12-28' }, periods: [], today: '2026-11-20', canWrite: true,
  students: [
    { id: 'a', name: 'Алексеева Анна', joinedOn: null, leftOn: null },
    { id: 'b', name: 'Борисов Борис', joinedOn: '2026-11-16', leftOn: null },
  ],
  lessons: [lesson('l1', '2026-11-10'), lesson('l2', '2026-11-17')],
  cells: [
    { lessonKey: 'l1', studentId: 'a', marks: [gridMark('m1', 4), gridMark('m2', 5)], attendance: null, attendanceVersion: null },
    { lessonKey: 'l2', studentId: 'a', marks: [], attendance: 'о15', attendanceVersion: 2 },
    { lessonKey: 'l2', studentId: 'b', marks: [gridMark('m3', null)], attendance: 'Н', attendanceVersion: 1 },
    { lessonKey: 'gone', studentId: 'b', marks: [gridMark('m4', 3)], attendance: null, attendanceVersion: null },
  ],
  averages: [],
  controlForms: [
    { id: 'kr', name: 'Контрольная работа', shortName: 'Кр', weight: 2, scaleKind: 'five' },
    { id: 'ur', name: 'Работа на уроке', shortName: 'Ур', weight: 1, scaleKind: 'five' },
  ],
  attendanceCodes: [],
  currentMarksDaysBack: 7,
};

describe('the grid\'s rows', () => {
  const rows = buildRows(grid);

  it('numbers the students, shortens their names and puts the cells under their lessons', () => {
    expect(rows.map((r) => [r.number, r.name])).toEqual([[1, 'Алексеева А.'], [2, 'Борисов Б.']]);
    expect(rows.map((r) => [0, 1].map((col) => cellText(cellAt(r, col))))).toEqual([['4/5', 'О15'], ['', 'Н •']]);
  });

  it('reads the attendance text through the school\'s codes', () => {
    expect(attendanceOf('о15', 2, defaultAttendanceCodes)).toEqual({ code: 'О', category: 'late', minutesLate: 15, version: 2 });
    expect(attendanceOf('б', 1, defaultAttendanceCodes)).toEqual({ code: 'Б', category: 'absentExcused', minutesLate: null, version: 1 });
    expect(attendanceOf(null, null, defaultAttendanceCodes)).toBeNull();
  });

  it('replaces one cell in a new row object and leaves the others as they were', () => {
    const next = withCell(rows[0]!, 1, emptyCell);
    expect(next).not.toBe(rows[0]);
    expect(next.cells[1]).toBeUndefined();
    expect(next.cells[0]).toBe(rows[0]!.cells[0]);
    expect(rows[0]!.cells[1]).toBeDefined();
  });

  it('knows who belongs in a lesson\'s column', () => {
    expect(inLesson(rows[1]!, grid.lessons[0]!)).toBe(false);
    expect(inLesson(rows[1]!, grid.lessons[1]!)).toBe(true);
  });

  it('takes the school\'s weight-1 five-point form for new marks', () => {
    expect(defaultFormId(grid.controlForms)).toBe('ur');
    expect(defaultFormId([{ id: 'h', weight: 1, scaleKind: 'hundred' }, { id: 'k', weight: 2, scaleKind: 'five' }])).toBe('k');
    expect(defaultFormId([])).toBeNull();
  });
});

describe('answers folded into a cell', () => {
  const mark = (over: Partial<MarkDto>): MarkDto => ({
    id: 'm9', journalLessonId: 'l1', studentId: 'a', date: '2026-11-10',
    controlForm: { id: 'kr', name: 'Контрольная работа', shortName: 'Кр', weight: 2, scaleKind: 'five' },
    value: 5, fivePoint: 5, weight: 2, comment: null, contentElementCodes: [], isDebt: false, debtDeadline: null,
    controlWorkId: null, submissionId: null, version: 1, createdAt: '', updatedAt: '', ...over,
  });

  it('adds a new mark, replaces a changed one, drops a deleted one, sets and clears attendance', () => {
    let cell = applyResult(emptyCell, { kind: 'mark', mark: mark({}) });
    expect(cell.marks.map((m) => [m.id, m.value, m.formShortName, m.weight])).toEqual([['m9', 5, 'Кр', 2]]);
    cell = applyResult(cell, { kind: 'mark', mark: mark({ value: 4, version: 2 }) });
    expect(cell.marks.map((m) => [m.value, m.version])).toEqual([[4, 2]]);
    cell = applyResult(cell, {
      kind: 'attendance',
      cell: { journalLessonId: 'l1', studentId: 'a', entry: { studentId: 'a', code: 'О', category: 'late', reason: null, minutesLate: 5, document: null, version: 1 } },
    });
    expect(cellText(cell)).toBe('О5 4');
    cell = applyResult(cell, { kind: 'deleted', markId: 'm9' });
    cell = applyResult(cell, { kind: 'attendance', cell: { journalLessonId: 'l1', studentId: 'a', entry: null } });
    expect(cell).toEqual(emptyCell);
  });
});

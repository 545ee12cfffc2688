import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  attendanceCategories, codesIssues, defaultAttendanceCodes, entryIssues, formatAttendance, formatMarkEntry, isAbsence,
  maxMarksPerCell, needsAlert, normalizeCode, parseAttendanceCode, parseMarkEntry,
  type AttendanceCode, type AttendanceEntry, type MarkEntry,
} from './attendance';
import { defaultConversion, type MarkScale, type MarkValue } from './mark-scale';

const ok = <T>(r: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

describe('categories', () => {
  it('absences are the two absent categories; only an unexcused one alerts', () => {
    expect(attendanceCategories.filter(isAbsence)).toEqual(['absentUnexcused', 'absentExcused']);
    expect(attendanceCategories.filter(needsAlert)).toEqual(['absentUnexcused']);
  });

  it('checks an entry: late minutes 1..90 or unknown, an excused reason, a short document note', () => {
    expect(entryIssues({ category: 'late', minutes: null })).toEqual([]);
    expect(entryIssues({ category: 'late', minutes: 90 })).toEqual([]);
    expect(entryIssues({ category: 'late', minutes: 91 }).map((i) => i.path)).toEqual(['minutes']);
    expect(entryIssues({ category: 'late', minutes: 0 })[0]!.message).toBe('Опоздание: целое число минут от 1 до 90');
    expect(entryIssues({ category: 'absentExcused', reason: 'family', document: 'Заявление родителей' })).toEqual([]);
    expect(entryIssues({ category: 'absentExcused', reason: 'vacation' as 'other' }).map((i) => i.code)).toEqual(['REASON_MISSING']);
    expect(entryIssues({ category: 'absentExcused', reason: 'illness', document: 'x'.repeat(201) }).map((i) => i.path)).toEqual(['document']);
  });
});

describe('the default codes (Н, П, Б, О)', () => {
  it('are sound and map onto the canonical categories', () => {
    expect(codesIssues(defaultAttendanceCodes)).toEqual([]);
    expect(ok(parseAttendanceCode('Н'))).toEqual({ category: 'absentUnexcused' });
    expect(ok(parseAttendanceCode('б'))).toEqual({ category: 'absentExcused', reason: 'illness' });
    expect(ok(parseAttendanceCode('п'))).toEqual({ category: 'absentExcused', reason: 'other' });
    expect(ok(parseAttendanceCode('О'))).toEqual({ category: 'late', minutes: null });
  });
});

describe('parseAttendanceCode', () => {
  it('ignores case, spaces around and reads Latin look-alikes as Cyrillic', () => {
    expect(ok(parseAttendanceCode(' H '))).toEqual({ category: 'absentUnexcused' });
    expect(ok(parseAttendanceCode('h'))).toEqual({ category: 'absentUnexcused' });
    expect(ok(parseAttendanceCode('o'))).toEqual({ category: 'late', minutes: null });
    // Latin «P» looks like Cyrillic «Р», not «П».
    expect(parseAttendanceCode('P')).toMatchObject({ ok: false, code: 'UNKNOWN_CODE' });
    expect(normalizeCode('OП')).toBe('оп');
  });

  it('reads minutes after a late code: «о15», «О 15», «o 15 мин»', () => {
    for (const text of ['о15', 'О 15', 'o 15 мин', 'О15м']) expect(ok(parseAttendanceCode(text))).toEqual({ category: 'late', minutes: 15 });
    expect(parseAttendanceCode('о91')).toMatchObject({ ok: false, code: 'MINUTES_RANGE', message: 'Опоздание: от 1 до 90 минут' });
    expect(parseAttendanceCode('о0')).toMatchObject({ ok: false, code: 'MINUTES_RANGE' });
    expect(parseAttendanceCode('н15')).toMatchObject({ ok: false, code: 'MINUTES_NOT_LATE' });
  });

  it('refuses an unknown code in Russian, naming the school codes', () => {
    expect(parseAttendanceCode('ж')).toEqual({ ok: false, code: 'UNKNOWN_CODE', message: 'Неизвестный код посещаемости «ж». Коды школы: Н, П, Б, О' });
    expect(parseAttendanceCode('  ')).toMatchObject({ ok: false, code: 'EMPTY', message: 'Введите код посещаемости' });
  });

  it('uses a school’s own codes, a late code with its minutes', () => {
    const codes: AttendanceCode[] = [
      { code: 'НП', title: 'Без уважительной причины', category: 'absentUnexcused' },
      { code: 'С', title: 'Семейные обстоятельства', category: 'absentExcused', reason: 'family' },
      { code: 'ОП', title: 'Опоздание до 10 минут', category: 'late', minutes: 10 },
      { code: '*', title: 'Присутствовал', category: 'present' },
    ];
    expect(codesIssues(codes)).toEqual([]);
    expect(ok(parseAttendanceCode('нп', codes))).toEqual({ category: 'absentUnexcused' });
    expect(ok(parseAttendanceCode('c', codes))).toEqual({ category: 'absentExcused', reason: 'family' });
    expect(ok(parseAttendanceCode('оп', codes))).toEqual({ category: 'late', minutes: 10 });
    expect(ok(parseAttendanceCode('оп 25', codes))).toEqual({ category: 'late', minutes: 25 });
    expect(ok(parseAttendanceCode('*', codes))).toEqual({ category: 'present' });
    expect(parseAttendanceCode('н', codes).ok).toBe(false);
  });
});

describe('codesIssues', () => {
  it('names every wrong field with a Russian message', () => {
    const codes = [
      { code: 'Н', title: 'Неуважительная', category: 'absentUnexcused' },
      { code: 'H', title: 'Латинская H', category: 'absentUnexcused' }, // reads as «Н»
      { code: 'Х', title: 'Ни к чему', category: '' },
      { code: 'Б', title: 'Болезнь', category: 'absentExcused' },
      { code: 'О', title: 'Опоздание', category: 'late', minutes: 120 },
      { code: 'Н5', title: '', category: 'present', minutes: 5, reason: 'illness' },
      { code: 'зч', title: 'Зачёт?', category: 'present' },
    ] as AttendanceCode[];
    expect(codesIssues(codes).map((i) => [i.path, i.code])).toEqual([
      ['codes.1.code', 'CODE_REPEATED'],
      ['codes.2.category', 'CATEGORY_MISSING'],
      ['codes.3.reason', 'REASON_MISSING'],
      ['codes.4.minutes', 'MINUTES_RANGE'],
      ['codes.5.code', 'CODE_INVALID'],
      ['codes.5.title', 'TITLE_MISSING'],
      ['codes.5.reason', 'REASON_UNEXPECTED'],
      ['codes.5.minutes', 'MINUTES_UNEXPECTED'],
      ['codes.6.code', 'CODE_RESERVED'],
    ]);
    expect(codesIssues(codes)[0]!.message).toBe('Код «H» уже есть в строке 1');
    expect(codesIssues(codes)[3]!.message).toBe('Опоздание: целое число минут от 1 до 90');
  });
});

describe('parseMarkEntry', () => {
  it('reads marks, two marks, an attendance code and an empty cell', () => {
    expect(ok(parseMarkEntry('5'))).toEqual({ kind: 'marks', values: [5] });
    expect(ok(parseMarkEntry('4/5'))).toEqual({ kind: 'marks', values: [4, 5] });
    expect(ok(parseMarkEntry(' 3 / 4 '))).toEqual({ kind: 'marks', values: [3, 4] });
    expect(ok(parseMarkEntry('н'))).toEqual({ kind: 'attendance', entry: { category: 'absentUnexcused' } });
    expect(ok(parseMarkEntry('Н'))).toEqual({ kind: 'attendance', entry: { category: 'absentUnexcused' } });
    expect(ok(parseMarkEntry('о10'))).toEqual({ kind: 'attendance', entry: { category: 'late', minutes: 10 } });
    expect(ok(parseMarkEntry(''))).toEqual({ kind: 'clear' });
    expect(ok(parseMarkEntry('   '))).toEqual({ kind: 'clear' });
  });

  it('never takes «Н» as a mark', () => {
    for (const text of ['5/н', 'н/5', '4/H']) {
      const r = parseMarkEntry(text);
      expect(r).toMatchObject({ ok: false, code: 'ATTENDANCE_AMONG_MARKS' });
      if (!r.ok) expect(r.message).toMatch(/^«[НОПБ]» — посещаемость, а не отметка/);
    }
  });

  it('refuses anything else with a Russian message', () => {
    for (const text of ['6', '0', '4.5', '5-', 'abc', '4//5', '/5', '5 5', '+']) {
      const r = parseMarkEntry(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/[А-Яа-яЁё]/);
    }
    expect(parseMarkEntry('6')).toMatchObject({ code: 'ENTRY_INVALID', message: 'Не понятно «6»: отметка от 1 до 5, несколько через «/», код посещаемости (Н, П, Б, О) или пусто' });
    expect(parseMarkEntry('5/5/5/5/5')).toMatchObject({ code: 'TOO_MANY_MARKS', message: `В одной клетке не больше ${maxMarksPerCell} отметок` });
    expect(parseMarkEntry('н20')).toMatchObject({ code: 'MINUTES_NOT_LATE' });
  });

  it('follows the scale of the cell: hundred-point results, зачёт / незачёт', () => {
    const hundred: MarkScale = { kind: 'hundred', conversion: defaultConversion };
    expect(ok(parseMarkEntry('87/100', { scale: hundred }))).toEqual({ kind: 'marks', values: [87, 100] });
    expect(parseMarkEntry('101', { scale: hundred }).ok).toBe(false);
    expect(ok(parseMarkEntry('ЗЧ/нз', { scale: { kind: 'passFail' } }))).toEqual({ kind: 'marks', values: ['pass', 'fail'] });
    expect(ok(parseMarkEntry('н', { scale: { kind: 'passFail' } }))).toEqual({ kind: 'attendance', entry: { category: 'absentUnexcused' } });
    expect(parseMarkEntry('5', { scale: { kind: 'passFail' } }).ok).toBe(false);
  });
});

describe('formatting parses back to itself', () => {
  const schoolCodes: AttendanceCode[] = [
    ...defaultAttendanceCodes,
    { code: 'С', title: 'Семейные обстоятельства', category: 'absentExcused', reason: 'family' },
    { code: 'ОП', title: 'Опоздание до 10 минут', category: 'late', minutes: 10 },
  ];
  const codeSets = fc.constantFrom<readonly AttendanceCode[]>(defaultAttendanceCodes, schoolCodes);
  const scales = fc.constantFrom<MarkScale>({ kind: 'five' }, { kind: 'hundred', conversion: defaultConversion }, { kind: 'passFail' });
  const valueOn = (scale: MarkScale): fc.Arbitrary<MarkValue> => scale.kind === 'five' ? fc.integer({ min: 1, max: 5 })
    : scale.kind === 'hundred' ? fc.integer({ min: 0, max: 100 }) : fc.constantFrom<'pass' | 'fail'>('pass', 'fail');
  const attendance: fc.Arbitrary<AttendanceEntry> = fc.oneof(
    fc.constant<AttendanceEntry>({ category: 'absentUnexcused' }),
    fc.constantFrom(...(['illness', 'family', 'other'] as const)).map((reason): AttendanceEntry => ({ category: 'absentExcused', reason })),
    fc.option(fc.integer({ min: 1, max: 90 })).map((minutes): AttendanceEntry => ({ category: 'late', minutes })),
  );
  const entry = (scale: MarkScale): fc.Arbitrary<MarkEntry> => fc.oneof(
    fc.constant<MarkEntry>({ kind: 'clear' }),
    fc.array(valueOn(scale), { minLength: 1, maxLength: maxMarksPerCell }).map((values): MarkEntry => ({ kind: 'marks', values })),
    attendance.map((e): MarkEntry => ({ kind: 'attendance', entry: e })),
  );

  it('every formatted cell parses back to the same entry (or has no code to format with)', () => {
    fc.assert(fc.property(scales.chain((s) => fc.tuple(fc.constant(s), entry(s))), codeSets, ([scale, e], codes) => {
      const text = formatMarkEntry(e, codes);
      if (text === null) {
        // Only an attendance entry no code of the school expresses, e.g. family reasons without «С».
        expect(e.kind).toBe('attendance');
        expect(codes).toBe(defaultAttendanceCodes);
        return;
      }
      expect(ok(parseMarkEntry(text, { scale, codes }))).toEqual(e);
    }));
  });

  it('every parsed cell formats back to text that parses to the same entry', () => {
    const typed = fc.oneof(
      fc.constantFrom('', 'н', 'H', 'о', 'o 15', 'б', 'п', 'с', 'оп', 'ОП 30', '5', '4/5', '2 / 3 / 4', '87', 'зч/нз'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(fc.property(typed, scales, codeSets, (text, scale, codes) => {
      const first = parseMarkEntry(text, { scale, codes });
      if (!first.ok) return;
      const again = formatMarkEntry(first.value, codes);
      expect(again).not.toBeNull();
      expect(ok(parseMarkEntry(again!, { scale, codes }))).toEqual(first.value);
    }));
  });

  it('shows an attendance entry by its school code, late with its minutes', () => {
    expect(formatAttendance({ category: 'absentUnexcused' })).toBe('Н');
    expect(formatAttendance({ category: 'absentExcused', reason: 'illness', document: 'Справка' })).toBe('Б');
    expect(formatAttendance({ category: 'late', minutes: 15 })).toBe('О15');
    expect(formatAttendance({ category: 'late', minutes: 10 }, schoolCodes)).toBe('ОП');
    expect(formatAttendance({ category: 'absentExcused', reason: 'family' })).toBeNull();
    expect(formatAttendance({ category: 'present' })).toBeNull();
  });
});

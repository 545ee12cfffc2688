// Attendance (SPEC D2): the canonical categories, a school's codes mapped onto them, and what the
// journal grid's keyboard entry means — a cell takes marks («5», «4/5»), an attendance code («н»)
// or nothing. «Н» is an attendance fact, never a mark.

import { isValidValue, type MarkScale, type MarkValue } from './mark-scale';

export const attendanceCategories = ['present', 'absentUnexcused', 'absentExcused', 'late'] as const;
export type AttendanceCategory = (typeof attendanceCategories)[number];
export const attendanceCategoryTitles: Record<AttendanceCategory, string> = {
  present: 'Присутствовал', absentUnexcused: 'Отсутствовал без уважительной причины',
  absentExcused: 'Отсутствовал по уважительной причине', late: 'Опоздал',
};

export const absenceReasons = ['illness', 'family', 'other'] as const;
export type AbsenceReason = (typeof absenceReasons)[number];
export const absenceReasonTitles: Record<AbsenceReason, string> = { illness: 'Болезнь', family: 'Семейные обстоятельства', other: 'Другая причина' };

/** Minutes of lateness a late entry may carry. */
export const lateMinutesRange = { min: 1, max: 90 } as const;

/** One student's attendance at one lesson. A late entry's minutes may be unknown (null). */
export type AttendanceEntry =
  | { category: 'present' }
  | { category: 'absentUnexcused' }
  | { category: 'absentExcused'; reason: AbsenceReason; document?: string | null }
  | { category: 'late'; minutes: number | null };

/**
 * A school's code: what a teacher types and sees in the grid, and the canonical category it stands
 * for. An excused code names its reason; a late code may stand for a number of minutes.
 */
export type AttendanceCode = {
  code: string;
  title: string;
  category: AttendanceCategory;
  reason?: AbsenceReason | null;
  minutes?: number | null;
};

/**
 * The codes a school starts with — the ones seen in journals in use: Н, П, Б, О. Presence is an
 * empty cell; a school adds its own (e.g. «С» for family reasons) and they are checked by `codesIssues`.
 */
export const defaultAttendanceCodes: readonly AttendanceCode[] = [
  { code: 'Н', title: 'Отсутствие по неуважительной причине', category: 'absentUnexcused' },
  { code: 'П', title: 'Отсутствие по уважительной причине', category: 'absentExcused', reason: 'other' },
  { code: 'Б', title: 'Отсутствие по болезни', category: 'absentExcused', reason: 'illness' },
  { code: 'О', title: 'Опоздание на урок', category: 'late' },
];

export const isAbsence = (category: AttendanceCategory): boolean => category === 'absentUnexcused' || category === 'absentExcused';

/** An unexcused absence alerts the class teacher and the parents at once. */
export const needsAlert = (category: AttendanceCategory): boolean => category === 'absentUnexcused';

// Latin letters that look like Cyrillic ones (after lower-casing): a teacher on the wrong layout
// or a copied «H» still means «Н».
const lookAlikes: Record<string, string> = {
  a: 'а', b: 'в', c: 'с', e: 'е', h: 'н', k: 'к', m: 'м', o: 'о', p: 'р', t: 'т', x: 'х', y: 'у', ё: 'е',
};

/** A code as it is compared: trimmed, lower case, Latin look-alikes read as Cyrillic, ё as е. */
export const normalizeCode = (text: string): string =>
  [...text.trim().toLowerCase()].map((ch) => lookAlikes[ch] ?? ch).join('').replace(/\s+/g, ' ');

// How pass / fail are typed in a grid cell (the journals' «ЗЧ» / «НЗ»); no attendance code may read as one.
const passWords = new Set(['зч', 'зач', 'зачет']);
const failWords = new Set(['нз', 'незач', 'незачет']);

export type AttendanceIssue = { path: string; code: string; message: string };

const codePattern = /^(?:\p{L}{1,4}|\*)$/u;

/** Problems of a school's code list, with paths `codes.N.field` and Russian messages; empty when it can be saved. */
export function codesIssues(codes: readonly AttendanceCode[], path = 'codes'): AttendanceIssue[] {
  const issues: AttendanceIssue[] = [];
  const seen = new Map<string, number>();
  codes.forEach((c, i) => {
    const at = `${path}.${i}`;
    const add = (field: string, code: string, message: string) => issues.push({ path: `${at}.${field}`, code, message });
    const normal = normalizeCode(c.code);
    if (!codePattern.test(normal)) {
      add('code', 'CODE_INVALID', 'Код: от 1 до 4 букв без цифр и пробелов или «*»');
    } else if (passWords.has(normal) || failWords.has(normal)) {
      add('code', 'CODE_RESERVED', `Код «${c.code.trim()}» читается как зачёт или незачёт — выберите другой`);
    } else if (seen.has(normal)) {
      add('code', 'CODE_REPEATED', `Код «${c.code.trim()}» уже есть в строке ${seen.get(normal)! + 1}`);
    } else {
      seen.set(normal, i);
    }
    if (c.title.trim() === '') add('title', 'TITLE_MISSING', 'Укажите, что означает код');
    if (!(attendanceCategories as readonly string[]).includes(c.category)) {
      add('category', 'CATEGORY_MISSING', 'Выберите, чему соответствует код: присутствие, пропуск без уважительной причины, по уважительной причине или опоздание');
      return;
    }
    const hasReason = c.reason !== undefined && c.reason !== null;
    if (c.category === 'absentExcused') {
      if (!hasReason || !(absenceReasons as readonly string[]).includes(c.reason!)) {
        add('reason', 'REASON_MISSING', 'Для уважительной причины выберите: болезнь, семейные обстоятельства или другая');
      }
    } else if (hasReason) {
      add('reason', 'REASON_UNEXPECTED', 'Причина указывается только для пропуска по уважительной причине');
    }
    if (c.minutes !== undefined && c.minutes !== null) {
      if (c.category !== 'late') add('minutes', 'MINUTES_UNEXPECTED', 'Минуты указываются только для опоздания');
      else if (!isLateMinutes(c.minutes)) add('minutes', 'MINUTES_RANGE', `Опоздание: целое число минут от ${lateMinutesRange.min} до ${lateMinutesRange.max}`);
    }
  });
  return issues;
}

const isLateMinutes = (n: number): boolean => Number.isInteger(n) && n >= lateMinutesRange.min && n <= lateMinutesRange.max;

/** Problems of one attendance entry as an API receives it (paths `minutes`, `reason`, `document`). */
export function entryIssues(entry: AttendanceEntry): AttendanceIssue[] {
  const issues: AttendanceIssue[] = [];
  if (entry.category === 'late' && entry.minutes !== null && !isLateMinutes(entry.minutes)) {
    issues.push({ path: 'minutes', code: 'MINUTES_RANGE', message: `Опоздание: целое число минут от ${lateMinutesRange.min} до ${lateMinutesRange.max}` });
  }
  if (entry.category === 'absentExcused') {
    if (!(absenceReasons as readonly string[]).includes(entry.reason)) {
      issues.push({ path: 'reason', code: 'REASON_MISSING', message: 'Выберите причину: болезнь, семейные обстоятельства или другая' });
    }
    if (entry.document !== undefined && entry.document !== null && entry.document.length > 200) {
      issues.push({ path: 'document', code: 'DOCUMENT_TOO_LONG', message: 'Документ: не больше 200 символов' });
    }
  }
  return issues;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

const entryOf = (c: AttendanceCode, minutes: number | null): AttendanceEntry => {
  switch (c.category) {
    case 'present': return { category: 'present' };
    case 'absentUnexcused': return { category: 'absentUnexcused' };
    case 'absentExcused': return { category: 'absentExcused', reason: c.reason ?? 'other' };
    case 'late': return { category: 'late', minutes: minutes ?? c.minutes ?? null };
  }
};

const knownCodes = (codes: readonly AttendanceCode[]): string => codes.map((c) => c.code).join(', ');

/**
 * What a typed attendance code means: a school code, case-insensitive, Latin look-alikes accepted;
 * a late code may be followed by minutes («о15», «о 15», «о 15 мин»).
 */
export function parseAttendanceCode(text: string, codes: readonly AttendanceCode[] = defaultAttendanceCodes): Parsed<AttendanceEntry> {
  const normal = normalizeCode(text);
  if (normal === '') return { ok: false, code: 'EMPTY', message: 'Введите код посещаемости' };
  const byCode = new Map(codes.map((c) => [normalizeCode(c.code), c]));
  const exact = byCode.get(normal);
  if (exact) return { ok: true, value: entryOf(exact, null) };
  const withMinutes = /^(.+?) ?(\d{1,3})(?: ?(?:мин\.?|м))?$/u.exec(normal);
  if (withMinutes) {
    const c = byCode.get(withMinutes[1]!);
    const minutes = Number(withMinutes[2]);
    if (c && c.category !== 'late') return { ok: false, code: 'MINUTES_NOT_LATE', message: `Минуты пишутся только после кода опоздания, а «${c.code}» — ${c.title.toLowerCase()}` };
    if (c && !isLateMinutes(minutes)) return { ok: false, code: 'MINUTES_RANGE', message: `Опоздание: от ${lateMinutesRange.min} до ${lateMinutesRange.max} минут` };
    if (c) return { ok: true, value: entryOf(c, minutes) };
  }
  return { ok: false, code: 'UNKNOWN_CODE', message: `Неизвестный код посещаемости «${text.trim()}». Коды школы: ${knownCodes(codes)}` };
}

/** Equal as the grid shows them (a document is not part of the code). */
const sameEntry = (a: AttendanceEntry, b: AttendanceEntry): boolean => {
  if (a.category !== b.category) return false;
  if (a.category === 'absentExcused' && b.category === 'absentExcused') return a.reason === b.reason;
  if (a.category === 'late' && b.category === 'late') return a.minutes === b.minutes;
  return true;
};

/** How an entry is shown in the grid: its school code, a late one with its minutes; null when no code expresses it. */
export function formatAttendance(entry: AttendanceEntry, codes: readonly AttendanceCode[] = defaultAttendanceCodes): string | null {
  for (const c of codes) {
    if (sameEntry(entryOf(c, null), entry)) return c.code;
  }
  if (entry.category === 'late' && entry.minutes !== null) {
    const late = codes.find((c) => c.category === 'late');
    if (late) return `${late.code}${entry.minutes}`;
  }
  return null;
}

/** Marks one grid cell may take at once («4/5»). */
export const maxMarksPerCell = 4;

/** What a grid cell's text means: marks, an attendance entry, or clearing the cell. */
export type MarkEntry =
  | { kind: 'marks'; values: MarkValue[] }
  | { kind: 'attendance'; entry: AttendanceEntry }
  | { kind: 'clear' };


function parseOneMark(word: string, scale: MarkScale): MarkValue | null {
  if (scale.kind === 'passFail') {
    if (passWords.has(word)) return 'pass';
    if (failWords.has(word)) return 'fail';
    return null;
  }
  if (!/^\d{1,3}$/.test(word)) return null;
  const n = Number(word);
  return isValidValue(scale, n) ? n : null;
}

const scaleHint = (scale: MarkScale): string => {
  switch (scale.kind) {
    case 'five': return 'отметка от 1 до 5';
    case 'hundred': return 'результат от 0 до 100';
    case 'passFail': return '«зч» (зачёт) или «нз» (незачёт)';
  }
};

/**
 * A grid cell's text: «5», «4/5» (two marks), an attendance code («н»), «» to clear. A code among
 * marks («5/н») is refused: «Н» is attendance, never a mark.
 */
export function parseMarkEntry(
  text: string,
  options: { scale?: MarkScale; codes?: readonly AttendanceCode[] } = {},
): Parsed<MarkEntry> {
  const scale = options.scale ?? { kind: 'five' };
  const codes = options.codes ?? defaultAttendanceCodes;
  const normal = normalizeCode(text);
  if (normal === '') return { ok: true, value: { kind: 'clear' } };
  const attendance = parseAttendanceCode(normal, codes);
  if (attendance.ok) return { ok: true, value: { kind: 'attendance', entry: attendance.value } };
  // «н15», «о120»: a code with minutes that do not fit says so rather than «не понятно».
  if (attendance.code === 'MINUTES_NOT_LATE' || attendance.code === 'MINUTES_RANGE') return attendance;
  const words = normal.split('/').map((w) => w.trim());
  const values: MarkValue[] = [];
  for (const word of words) {
    if (word === '') return { ok: false, code: 'MARK_MISSING', message: 'Между «/» должна быть отметка, например «4/5»' };
    if (parseAttendanceCode(word, codes).ok) {
      return { ok: false, code: 'ATTENDANCE_AMONG_MARKS', message: `«${word.toUpperCase()}» — посещаемость, а не отметка: введите её отдельно, без отметок` };
    }
    const value = parseOneMark(word, scale);
    if (value === null) return { ok: false, code: 'ENTRY_INVALID', message: `Не понятно «${text.trim()}»: ${scaleHint(scale)}, несколько через «/», код посещаемости (${knownCodes(codes)}) или пусто` };
    values.push(value);
  }
  if (values.length > maxMarksPerCell) return { ok: false, code: 'TOO_MANY_MARKS', message: `В одной клетке не больше ${maxMarksPerCell} отметок` };
  return { ok: true, value: { kind: 'marks', values } };
}

const formatMark = (value: MarkValue): string => (value === 'pass' ? 'зч' : value === 'fail' ? 'нз' : String(value));

/** A cell's content as the grid shows it and `parseMarkEntry` reads it back; null when no code expresses the attendance. */
export function formatMarkEntry(entry: MarkEntry, codes: readonly AttendanceCode[] = defaultAttendanceCodes): string | null {
  switch (entry.kind) {
    case 'clear': return '';
    case 'marks': return entry.values.map(formatMark).join('/');
    case 'attendance': return formatAttendance(entry.entry, codes);
  }
}

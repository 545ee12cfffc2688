// Normalising what people's records say (names, СНИЛС, phones, e-mails, dates, class names).
// Used alike by imports and by the forms of the admin UI, so a value means the same everywhere.

export type Normalized<T> = { ok: true; value: T } | { ok: false; code: string; message: string };
const ok = <T>(value: T): Normalized<T> => ({ ok: true, value });
const bad = <T>(code: string, message: string): Normalized<T> => ({ ok: false, code, message });

const spaces = /\s+/g;
/** Letters of any alphabet, spaces, hyphen and apostrophe; no markup, digits or formulas. */
const namePattern = /^[\p{L}][\p{L}\p{M}' -]*[\p{L}\p{M}]$|^\p{L}$/u;

/**
 * Trims and collapses spaces; an empty value becomes null. Letters are composed (NFC): "й" or
 * "ё" typed on a Mac arrive as a letter plus a combining mark and must equal the usual ones.
 */
export const cleanText = (raw: string | null | undefined): string | null => {
  if (raw === null || raw === undefined) return null;
  const value = String(raw).normalize('NFC').replace(spaces, ' ').trim();
  return value === '' ? null : value;
};

/** A surname, first name or patronymic: letters, spaces, hyphens, apostrophes; up to 100 characters. Ё is kept. */
export function normalizeName(raw: string | null | undefined, what = 'Имя'): Normalized<string | null> {
  const value = cleanText(raw);
  if (value === null) return ok(null);
  if (value.length > 100) return bad('NAME_TOO_LONG', `${what}: больше 100 символов`);
  const unified = value.replace(/[’`ʼ]/g, "'").replace(/[‐‑–—]/g, '-');
  if (!namePattern.test(unified)) return bad('NAME_INVALID', `${what}: допустимы только буквы, пробел, дефис и апостроф`);
  return ok(unified);
}

/** The check number of a СНИЛС's first nine digits (rules of the Pension Fund). */
export function snilsCheck(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nineDigits[i]) * (9 - i);
  if (sum < 100) return sum;
  if (sum === 100 || sum === 101) return 0;
  const rest = sum % 101;
  return rest === 100 ? 0 : rest;
}

/** СНИЛС in any common spelling → "123-456-789 01"; the check number must agree. */
export function normalizeSnils(raw: string | null | undefined): Normalized<string | null> {
  const value = cleanText(raw);
  if (value === null) return ok(null);
  if (!/^[\d\s-]+$/.test(value)) return bad('SNILS_INVALID', 'СНИЛС: допустимы только цифры, пробелы и дефисы');
  const digits = value.replace(/\D/g, '');
  if (digits.length !== 11) return bad('SNILS_INVALID', 'СНИЛС должен состоять из 11 цифр');
  const body = digits.slice(0, 9);
  // Numbers up to 001-001-998 were issued without a check number rule.
  if (Number(body) > 1001998 && snilsCheck(body) !== Number(digits.slice(9))) {
    return bad('SNILS_CHECKSUM', 'СНИЛС: не сходится контрольное число');
  }
  return ok(`${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6, 9)} ${digits.slice(9)}`);
}

/** A Russian phone number in any common spelling → "+7 912 345-67-89". */
export function normalizePhone(raw: string | null | undefined): Normalized<string | null> {
  const value = cleanText(raw);
  if (value === null) return ok(null);
  if (!/^\+?[\d\s()-]+$/.test(value)) return bad('PHONE_INVALID', 'Телефон: допустимы цифры, пробелы, скобки, дефисы и «+»');
  let digits = value.replace(/\D/g, '');
  if (digits.length === 10) digits = `7${digits}`;
  if (digits.length === 11 && digits.startsWith('8')) digits = `7${digits.slice(1)}`;
  if (digits.length !== 11 || !digits.startsWith('7')) return bad('PHONE_INVALID', 'Телефон: ожидается российский номер из 11 цифр, например +7 912 345-67-89');
  return ok(`+7 ${digits.slice(1, 4)} ${digits.slice(4, 7)}-${digits.slice(7, 9)}-${digits.slice(9, 11)}`);
}

const emailPattern = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9а-яё](?:[a-z0-9а-яё-]{0,61}[a-z0-9а-яё])?(?:\.[a-z0-9а-яё](?:[a-z0-9а-яё-]{0,61}[a-z0-9а-яё])?)+$/;

/** An e-mail address → lower case; a plausible shape is required, not a deliverable address. */
export function normalizeEmail(raw: string | null | undefined): Normalized<string | null> {
  const value = cleanText(raw);
  if (value === null) return ok(null);
  const lower = value.toLowerCase();
  if (lower.length > 254 || !emailPattern.test(lower)) return bad('EMAIL_INVALID', 'E-mail: неверный адрес');
  return ok(lower);
}

const isRealDate = (y: number, m: number, d: number): boolean => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

const inRange = (iso: string, what: string): Normalized<string | null> => {
  const year = Number(iso.slice(0, 4));
  return year < 1900 || year > 2100 ? bad('DATE_INVALID', `${what}: такой даты нет`) : ok(iso);
};

/**
 * "31.08.2015", "2015-08-31", a spreadsheet's day number or a Date (its UTC day, as spreadsheet
 * readers give them) → "2015-08-31". Years 1900–2100 only, whichever way the date came.
 */
export function normalizeDate(raw: string | number | Date | null | undefined, what = 'Дата'): Normalized<string | null> {
  if (raw === null || raw === undefined) return ok(null);
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return bad('DATE_INVALID', `${what}: неверная дата`);
    return inRange(raw.toISOString().slice(0, 10), what);
  }
  if (typeof raw === 'number') {
    // Spreadsheet serial day (1900 system): day 25569 is 1970-01-01.
    if (!Number.isInteger(raw) || raw < 1 || raw > 100000) return bad('DATE_INVALID', `${what}: неверная дата`);
    return inRange(new Date((raw - 25569) * 86_400_000).toISOString().slice(0, 10), what);
  }
  const value = cleanText(raw);
  if (value === null) return ok(null);
  let m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})(?:\s.*)?$/.exec(value);
  let y: number, mo: number, d: number;
  if (m) [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{4})-(\d{2})-(\d{2})(?:[T\s].*)?$/.exec(value))) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else return bad('DATE_INVALID', `${what}: ожидается дата вида 31.08.2015`);
  if (!isRealDate(y, mo, d) || y < 1900 || y > 2100) return bad('DATE_INVALID', `${what}: такой даты нет`);
  return ok(`${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
}

export type ClassName = { grade: number; letter: string };

/** "5А", "5 а", "5-А", "10Б" → { grade, letter } with an upper-case Cyrillic letter. */
export function parseClassName(raw: string | null | undefined): Normalized<ClassName | null> {
  const value = cleanText(raw);
  if (value === null) return ok(null);
  const m = /^(\d{1,2})\s*[-«"]?\s*([А-ЯЁа-яё])["»]?$/u.exec(value);
  if (!m) return bad('CLASS_INVALID', 'Класс: ожидается номер и буква, например 5А');
  const grade = Number(m[1]);
  if (grade < 1 || grade > 11) return bad('CLASS_INVALID', 'Класс: номер параллели от 1 до 11');
  return ok({ grade, letter: m[2]!.toUpperCase() });
}

export const className = (c: ClassName): string => `${c.grade}${c.letter}`;

/** Key of "the same person" when neither an external id nor a СНИЛС is known: names and birth date, case- and ё-insensitive. */
export const personKey = (p: { lastName: string; firstName: string; middleName: string | null; birthDate: string | null }): string =>
  [p.lastName, p.firstName, p.middleName ?? '', p.birthDate ?? ''].map((s) => s.toLowerCase().replace(/ё/g, 'е')).join('|');

export const educationForms = ['inSchool', 'familyEducation', 'selfEducation'] as const;
export type EducationForm = (typeof educationForms)[number];
export const educationFormTitles: Record<EducationForm, string> = {
  inSchool: 'Очная в школе',
  familyEducation: 'Семейное образование',
  selfEducation: 'Самообразование',
};

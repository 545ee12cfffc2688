// One row of a file → the normalised record it describes, or the reasons it cannot be taken.
// Pure: the same row always reads the same, so a re-import compares like with like.
import { importFieldTitles, type ImportField, type ImportIssue, type ImportKind } from '../../../contracts/imports';
import {
  className, cleanText, normalizeDate, normalizeEmail, normalizeName, normalizePhone, normalizeSnils, parseClassName,
  type EducationForm, type Normalized,
} from '../../../domain/person';
import type { Cell, SheetRow } from './table';

export type Sex = 'male' | 'female';
export type Relation = 'mother' | 'father' | 'other';

export type PersonData = {
  externalId: string | null;
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string | null;
  snils: string | null;
  email: string | null;
  phone: string | null;
};
export type StaffData = PersonData & { position: string | null };
/** Null in a field: the file does not say, and the record keeps what it has. */
export type StudentData = PersonData & {
  sex: Sex | null;
  className: string | null;
  educationForm: EducationForm | null;
  individualCurriculum: boolean | null;
  adaptedProgramme: boolean | null;
};
export type ChildRef = {
  externalId: string | null;
  snils: string | null;
  lastName: string | null;
  firstName: string | null;
  middleName: string | null;
  birthDate: string | null;
};
export type GuardianData = PersonData & { child: ChildRef; relation: Relation | null };
export type RowData = StaffData | StudentData | GuardianData;

export type ReadRow =
  | { rowNumber: number; valid: true; data: RowData; warnings: ImportIssue[] }
  | { rowNumber: number; valid: false; data: Record<string, string>; reasons: ImportIssue[]; warnings: ImportIssue[] };

const maxCellLength = 500;

/** A cell as text for a field; spreadsheet numbers keep their digits (a СНИЛС loses its leading zeros in Excel). */
const textOf = (field: ImportField, cell: Cell): string | null => {
  if (cell === null) return null;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  if (typeof cell === 'number') {
    if ((field === 'snils' || field === 'studentSnils') && Number.isInteger(cell) && cell >= 0) return String(cell).padStart(11, '0');
    return String(cell);
  }
  if (typeof cell === 'boolean') return cell ? 'да' : 'нет';
  if (typeof cell === 'string') return cell;
  if ('formula' in cell) return `=${cell.formula}`;
  return cell.invalid;
};

const yes = new Set(['да', 'д', 'yes', 'y', 'true', '1', '+', 'есть']);
const no = new Set(['нет', 'н', 'no', 'n', 'false', '0', '-', '—']);
const male = new Set(['м', 'муж', 'мужской', 'male', 'm', 'мальчик']);
const female = new Set(['ж', 'жен', 'женский', 'female', 'f', 'девочка']);
const forms: [RegExp, EducationForm][] = [
  [/^семейн/, 'familyEducation'],
  [/^самообраз/, 'selfEducation'],
  [/^(очн|заочн|очно-заочн|в школе|в организации|inschool)/, 'inSchool'],
];

const lower = (s: string): string => s.toLowerCase().replace(/ё/g, 'е').replace(/\.$/, '');

/** One row's cells by field, checked once: formulas and odd values refused, text cleaned. */
class Reader {
  readonly reasons: ImportIssue[] = [];
  /** Cleaned text of every mapped cell, for the report of a rejected row. */
  readonly shown: Record<string, string> = {};
  private readonly cells = new Map<ImportField, Cell>();
  /** Cleaned text by field; a refused cell has none. */
  private readonly texts = new Map<ImportField, string | null>();

  constructor(row: SheetRow, columns: readonly (ImportField | null)[]) {
    for (let i = 0; i < columns.length; i++) {
      const field = columns[i];
      if (field === null || field === undefined) continue;
      const had = this.cells.get(field) ?? null;
      if (had === null || (typeof had === 'string' && had.trim() === '')) this.cells.set(field, row.cells[i] ?? null);
    }
    for (const [field, cell] of this.cells) {
      const text = textOf(field, cell);
      const clean = cleanText(text);
      if (clean !== null) this.shown[field] = clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
      let refused: ImportIssue | null = null;
      const title = importFieldTitles[field];
      if (cell !== null && typeof cell === 'object' && !(cell instanceof Date)) {
        refused = 'formula' in cell
          ? { code: 'FORMULA_IN_CELL', message: `${title}: в ячейке формула — сохраните файл со значениями вместо формул`, field }
          : { code: 'VALUE_INVALID', message: `${title}: ${cell.invalid}`, field };
      } else if (typeof cell === 'string' && /^\s*=./.test(cell)) {
        // A CSV cell that a spreadsheet would run as a formula.
        refused = { code: 'FORMULA_IN_CELL', message: `${title}: значение начинается с «=», формулы не принимаются`, field };
      } else if (text !== null && text.length > maxCellLength) {
        refused = { code: 'VALUE_TOO_LONG', message: `${title}: больше ${maxCellLength} символов`, field };
      }
      if (refused) this.reasons.push(refused);
      this.texts.set(field, refused ? null : clean);
    }
  }

  /** The cell itself (a date may be a Date or a day number); null when refused. */
  raw(field: ImportField): Cell {
    return this.texts.get(field) === null ? null : this.cells.get(field) ?? null;
  }

  text(field: ImportField): string | null {
    return this.texts.get(field) ?? null;
  }

  /** Whether a reason about this field is already given. */
  refused(field: ImportField): boolean {
    return this.reasons.some((r) => r.field === field);
  }

  take<T>(field: ImportField, result: Normalized<T>): T | null {
    if (result.ok) return result.value;
    this.reasons.push({ code: result.code, message: result.message, field });
    return null;
  }
}

const dateCell = (cell: Cell): string | number | Date | null =>
  cell === null || typeof cell === 'boolean' || (typeof cell === 'object' && !(cell instanceof Date)) ? null : cell;

function readPerson(r: Reader, today: string): Omit<PersonData, 'lastName' | 'firstName'> & { lastName: string | null; firstName: string | null } {
  const lastName = r.take('lastName', normalizeName(r.text('lastName'), 'Фамилия'));
  const firstName = r.take('firstName', normalizeName(r.text('firstName'), 'Имя'));
  const middleName = r.take('middleName', normalizeName(r.text('middleName'), 'Отчество'));
  if (lastName === null && !r.refused('lastName')) r.reasons.push({ code: 'MISSING_LAST_NAME', message: 'Не указана фамилия', field: 'lastName' });
  if (firstName === null && !r.refused('firstName')) r.reasons.push({ code: 'MISSING_FIRST_NAME', message: 'Не указано имя', field: 'firstName' });
  const birthDate = r.take('birthDate', normalizeDate(dateCell(r.raw('birthDate')), 'Дата рождения'));
  if (birthDate !== null && birthDate > today) r.reasons.push({ code: 'DATE_INVALID', message: 'Дата рождения: дата в будущем', field: 'birthDate' });
  const externalId = r.text('externalId');
  if (externalId !== null && externalId.length > 100) r.reasons.push({ code: 'ID_INVALID', message: 'ID: больше 100 символов', field: 'externalId' });
  return {
    externalId,
    lastName,
    firstName,
    middleName,
    birthDate,
    snils: r.take('snils', normalizeSnils(r.text('snils'))),
    email: r.take('email', normalizeEmail(r.text('email'))),
    phone: r.take('phone', normalizePhone(r.text('phone'))),
  };
}

function flag(r: Reader, field: ImportField, title: string): boolean | null {
  const text = r.text(field);
  if (text === null) return null;
  const v = lower(text);
  if (yes.has(v)) return true;
  if (no.has(v)) return false;
  r.reasons.push({ code: 'FLAG_INVALID', message: `${title}: ожидается «да» или «нет»`, field });
  return null;
}

function readChild(r: Reader): ChildRef {
  return {
    externalId: r.text('studentExternalId'),
    snils: r.take('studentSnils', normalizeSnils(r.text('studentSnils'))),
    lastName: r.take('studentLastName', normalizeName(r.text('studentLastName'), 'Фамилия ученика')),
    firstName: r.take('studentFirstName', normalizeName(r.text('studentFirstName'), 'Имя ученика')),
    middleName: r.take('studentMiddleName', normalizeName(r.text('studentMiddleName'), 'Отчество ученика')),
    birthDate: r.take('studentBirthDate', normalizeDate(dateCell(r.raw('studentBirthDate')), 'Дата рождения ученика')),
  };
}

const noLoginKey: ImportIssue = {
  code: 'NO_LOGIN_KEY',
  message: 'Нет ни СНИЛС, ни e-mail, ни телефона: войти через Госуслуги не получится, пока их не добавят',
};

/**
 * Reads one data row. Every row comes back, valid or with its reasons: a row whose known
 * columns are all empty is reported too, never dropped silently.
 */
export function readRow(kind: ImportKind, row: SheetRow, columns: readonly (ImportField | null)[], today: string): ReadRow {
  const r = new Reader(row, columns);
  if (Object.keys(r.shown).length === 0 && r.reasons.length === 0) {
    return { rowNumber: row.rowNumber, valid: false, data: {}, reasons: [{ code: 'EMPTY_ROW', message: 'В строке не заполнен ни один известный столбец' }], warnings: [] };
  }
  const person = readPerson(r, today);
  const warnings: ImportIssue[] = [];
  let data: RowData | null = null;
  if (kind === 'staff') {
    const position = r.text('position');
    if (position !== null && (position.length > 200 || /[<>]/.test(position))) {
      r.reasons.push({ code: 'POSITION_INVALID', message: 'Должность: до 200 символов, без знаков < и >', field: 'position' });
    }
    if (person.email === null && person.phone === null) {
      warnings.push({ code: 'NO_CONTACT', message: 'Нет ни e-mail, ни телефона: логин и пароль придётся передать лично' });
    }
    data = { ...(person as PersonData), position };
  } else if (kind === 'students') {
    const sexText = r.text('sex');
    let sex: Sex | null = null;
    if (sexText !== null) {
      const v = lower(sexText);
      sex = male.has(v) ? 'male' : female.has(v) ? 'female' : null;
      if (sex === null) r.reasons.push({ code: 'SEX_INVALID', message: 'Пол: ожидается «м» или «ж»', field: 'sex' });
    }
    const parsedClass = r.take('className', parseClassName(r.text('className')));
    const formText = r.text('educationForm');
    let educationForm: EducationForm | null = null;
    if (formText !== null) {
      const v = lower(formText);
      educationForm = forms.find(([pattern]) => pattern.test(v))?.[1] ?? null;
      if (educationForm === null) r.reasons.push({ code: 'EDUCATION_FORM_INVALID', message: 'Форма обучения: ожидается «очная», «семейное» или «самообразование»', field: 'educationForm' });
    }
    data = {
      ...(person as PersonData),
      sex,
      className: parsedClass ? className(parsedClass) : null,
      educationForm,
      individualCurriculum: flag(r, 'individualCurriculum', 'ИУП'),
      adaptedProgramme: flag(r, 'adaptedProgramme', 'АООП'),
    };
    if (person.snils === null && person.email === null && person.phone === null) warnings.push(noLoginKey);
  } else {
    const child = readChild(r);
    const hasChild = child.externalId !== null || child.snils !== null || (child.lastName !== null && child.firstName !== null);
    if (!hasChild && !r.reasons.some((x) => x.field?.startsWith('student'))) {
      r.reasons.push({ code: 'MISSING_CHILD', message: 'Не указан ребёнок: нужен ID, СНИЛС или фамилия и имя ученика', field: 'studentLastName' });
    }
    const relationText = r.text('relation');
    const v = relationText === null ? null : lower(relationText);
    const relation: Relation | null = v === null ? null : /^(мать|мама)$/.test(v) ? 'mother' : /^(отец|папа)$/.test(v) ? 'father' : 'other';
    data = { ...(person as PersonData), child, relation };
    if (person.snils === null && person.email === null && person.phone === null) warnings.push(noLoginKey);
  }
  if (r.reasons.length > 0) return { rowNumber: row.rowNumber, valid: false, data: r.shown, reasons: r.reasons, warnings };
  return { rowNumber: row.rowNumber, valid: true, data, warnings };
}

/** "Иванов Иван Иванович" of a row's data, valid or not. */
export const nameOf = (data: Record<string, unknown>): string =>
  [data.lastName, data.firstName, data.middleName].filter((v) => typeof v === 'string' && v !== '').join(' ');

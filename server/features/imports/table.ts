// An uploaded file → a table: which format it is, where its header row is, which column feeds
// which field, and the data rows below. Everything wrong with the file as a whole is refused
// here with a 400 and a Russian message; problems of single rows are the analyser's business.
import { fieldsOfKind, type ImportField, type ImportFormat, type ImportKind, type ImportMapping } from '../../../contracts/imports';
import { AppError } from '../../lib/errors';
import { TooManyFields, csvRecords, decodeText, detectSeparator } from './csv';
import { XlsxReadError, readXlsxRows } from './xlsx';

/** One cell as read: text, a number or date from a spreadsheet, a formula, or a value of no known kind. */
export type Cell = string | number | boolean | Date | null | { formula: string } | { invalid: string };
/** A row with its number as the admin sees it: the sheet row (XLSX), the record (CSV), the array position (JSON). */
export type SheetRow = { rowNumber: number; cells: Cell[] };

export type Table = {
  format: ImportFormat;
  headerRowNumber: number;
  /** Titles of the header row. */
  headers: string[];
  /** The field each column feeds, by position; null: ignored. */
  columns: (ImportField | null)[];
  unknownColumns: string[];
  rows: SheetRow[];
};

/** A school's file, even a region's, is far below this; more is a mistake or an attack. */
export const maxRows = 200_000;
export const maxFileBytes = 50 * 1024 * 1024;
const maxColumns = 1000;
const headerSearchRows = 20;

const fileError = (code: string, message: string): AppError => new AppError(code, 400, message);

/** "Е-mail " → "еmail": lower case, ё → е, letters and digits only. */
export const normalizeHeader = (title: string): string =>
  title.toLowerCase().replace(/ё/g, 'е').replace(/[^\p{L}\p{N}]/gu, '');

const common: Partial<Record<ImportField, string[]>> = {
  externalId: ['id', 'ид', 'идентификатор', 'код', 'guid', 'uid'],
  lastName: ['фамилия', 'surname', 'familyname'],
  firstName: ['имя', 'givenname'],
  middleName: ['отчество', 'patronymic'],
  birthDate: ['датарождения', 'датарожд', 'др', 'dateofbirth', 'birthday'],
  snils: ['снилс', 'номерснилс', 'страховойномер'],
  email: ['email', 'еmail', 'емейл', 'имейл', 'электроннаяпочта', 'элпочта', 'эпочта', 'почта', 'mail', 'адресэлектроннойпочты', 'электронныйадрес'],
  phone: ['телефон', 'тел', 'мобтелефон', 'мобильныйтелефон', 'мобильный', 'сотовыйтелефон', 'сотовый', 'контактныйтелефон', 'номертелефона', 'mobile', 'mobilephone', 'phonenumber'],
  position: ['должность', 'занимаемаядолжность', 'jobtitle'],
  sex: ['пол', 'gender'],
  className: ['класс', 'class'],
  educationForm: ['формаобучения', 'формаобразования', 'формаполученияобразования'],
  individualCurriculum: ['иуп', 'индивидуальныйучебныйплан', 'обучениепоиуп'],
  adaptedProgramme: ['аооп', 'адаптированнаяпрограмма', 'адаптированнаяосновнаяобщеобразовательнаяпрограмма', 'обучениепоаооп'],
  relation: ['степеньродства', 'родство', 'кемприходится', 'типпредставителя', 'статуспредставителя'],
};

const student = (...words: string[]): string[] => words.flatMap((w) => [`${w}ученика`, `${w}ребенка`, `${w}обучающегося`]);
const parent = (...words: string[]): string[] => words.flatMap((w) => [`${w}родителя`, `${w}представителя`]);

/** Words that mean one thing in one kind of file and another in the next ("ID ученика"). */
const byKind: Record<ImportKind, Partial<Record<ImportField, string[]>>> = {
  staff: {
    externalId: ['табельныйномер', 'табномер', 'табельный', 'кодсотрудника', 'idсотрудника', 'идсотрудника'],
  },
  students: {
    externalId: student('id', 'ид', 'код', 'идентификатор'),
    snils: student('снилс'),
    lastName: student('фамилия'),
    firstName: student('имя'),
    middleName: student('отчество'),
    birthDate: student('датарождения'),
  },
  guardians: {
    externalId: parent('id', 'ид', 'код', 'идентификатор'),
    lastName: parent('фамилия'),
    firstName: parent('имя'),
    middleName: parent('отчество'),
    birthDate: parent('датарождения'),
    snils: parent('снилс'),
    email: parent('email', 'еmail', 'почта', 'электроннаяпочта'),
    phone: parent('телефон', 'мобильныйтелефон'),
    studentExternalId: [...student('id', 'ид', 'код', 'идентификатор'), 'studentid'],
    studentSnils: student('снилс'),
    studentLastName: student('фамилия'),
    studentFirstName: student('имя'),
    studentMiddleName: student('отчество'),
    studentBirthDate: student('датарождения'),
  },
};

const synonymIndex = new Map<ImportKind, Map<string, ImportField>>();
for (const kind of Object.keys(byKind) as ImportKind[]) {
  const index = new Map<string, ImportField>();
  for (const field of fieldsOfKind[kind]) {
    // The English field name itself, as JSON uploads use it.
    index.set(normalizeHeader(field), field);
    for (const word of [...(byKind[kind][field] ?? []), ...(common[field] ?? [])]) {
      if (!index.has(word)) index.set(word, field);
    }
  }
  synonymIndex.set(kind, index);
}

/** Text of a cell as a column title. */
const titleOf = (cell: Cell | undefined): string => {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (typeof cell === 'object') return '';
  return String(cell).replace(/\s+/g, ' ').trim();
};

export type ResolvedColumns = { columns: (ImportField | null)[]; unknownColumns: string[]; score: number };

/** Which field each titled column feeds: the explicit mapping first, then the titles' defaults. */
export function resolveColumns(kind: ImportKind, headers: readonly string[], mapping: ImportMapping = {}): ResolvedColumns {
  const allowed = new Set<ImportField>(fieldsOfKind[kind]);
  const explicit = new Map(Object.entries(mapping).map(([title, field]) => [normalizeHeader(title), field]));
  const index = synonymIndex.get(kind)!;
  const used = new Set<ImportField>();
  const unknownColumns: string[] = [];
  const columns = headers.map((title) => {
    const key = normalizeHeader(title);
    if (key === '') return null;
    if (explicit.has(key) && explicit.get(key) === null) return null;
    let field = explicit.get(key) ?? index.get(key) ?? null;
    // Several columns may feed one field ("Телефон", "Моб. телефон"; JSON objects with English
    // or Russian keys): a row takes the first of them that is filled.
    if (field !== null && !allowed.has(field)) field = null;
    if (field === null) unknownColumns.push(title);
    else used.add(field);
    return field;
  });
  return { columns, unknownColumns, score: used.size };
}

const requiredMessage = (kind: ImportKind, columns: readonly (ImportField | null)[]): string | null => {
  const has = (f: ImportField) => columns.includes(f);
  const missing: string[] = [];
  if (!has('lastName')) missing.push('«Фамилия»');
  if (!has('firstName')) missing.push('«Имя»');
  if (kind === 'guardians' && !has('studentExternalId') && !has('studentSnils') && !(has('studentLastName') && has('studentFirstName'))) {
    missing.push('ученика («ID ученика», «СНИЛС ученика» или «Фамилия ученика» и «Имя ученика»)');
  }
  return missing.length === 0 ? null : `В файле нет столбцов: ${missing.join(', ')}`;
};

/** Finds the header row among the first rows (a title or a blank line may come before it) and splits off the data rows. */
export function tableOf(format: ImportFormat, kind: ImportKind, rows: readonly SheetRow[], mapping: ImportMapping = {}, encodingHint = false): Table {
  let best: { at: number; headers: string[]; resolved: ResolvedColumns } | null = null;
  for (let at = 0; at < Math.min(headerSearchRows, rows.length); at++) {
    const headers = rows[at]!.cells.map(titleOf);
    const resolved = resolveColumns(kind, headers, mapping);
    if (resolved.score >= 2 && (best === null || resolved.score > best.resolved.score)) best = { at, headers, resolved };
  }
  if (best === null) {
    throw fileError('NO_HEADER_ROW', `Не найдена строка заголовков: в первых ${headerSearchRows} строках нет столбцов «Фамилия», «Имя» и других.`
      + (encodingHint ? ' Проверьте, что файл сохранён в кодировке UTF-8 или Windows-1251.' : ''));
  }
  const known = new Set(best.headers.map(normalizeHeader));
  const stray = Object.keys(mapping).filter((title) => !known.has(normalizeHeader(title)));
  if (stray.length > 0) throw fileError('MAPPING_INVALID', `В файле нет столбцов, указанных в сопоставлении: ${stray.map((s) => `«${s}»`).join(', ')}`);
  const missing = requiredMessage(kind, best.resolved.columns);
  if (missing) throw fileError('MISSING_COLUMNS', missing);
  const data = rows.slice(best.at + 1);
  if (data.length === 0) throw fileError('NO_ROWS', 'В файле нет строк с данными под заголовком');
  if (data.length > maxRows) throw fileError('TOO_MANY_ROWS', `В файле больше ${maxRows.toLocaleString('ru-RU')} строк: разделите его на части`);
  return {
    format,
    headerRowNumber: rows[best.at]!.rowNumber,
    headers: best.headers,
    columns: best.resolved.columns,
    unknownColumns: best.resolved.unknownColumns,
    rows: data,
  };
}

const isBlank = (cells: readonly Cell[]): boolean =>
  cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));

const startsWith = (bytes: Uint8Array, signature: readonly number[]): boolean =>
  signature.every((b, i) => bytes[i] === b);

/** Which reader a file needs: its first bytes decide, then the name's extension. */
export function formatOf(bytes: Uint8Array, fileName: string | null): ImportFormat | 'xls' {
  const name = (fileName ?? '').toLowerCase();
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'xlsx';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) || name.endsWith('.xls')) return 'xls';
  if (name.endsWith('.xlsx') || name.endsWith('.xlsm')) return 'xlsx';
  if (name.endsWith('.json')) return 'json';
  return 'csv';
}

/** Rows of a CSV text, blank records left out, stopping early once there are too many. */
export function csvRows(text: string): SheetRow[] {
  const rows: SheetRow[] = [];
  let n = 0;
  try {
    for (const record of csvRecords(text, detectSeparator(text), maxColumns)) {
      n++;
      if (isBlank(record)) continue;
      rows.push({ rowNumber: n, cells: record });
      // One row more than allowed plus the header is enough to refuse.
      if (rows.length > maxRows + headerSearchRows) break;
    }
  } catch (err) {
    if (err instanceof TooManyFields) throw fileError('NOT_A_TABLE', `В строке ${n + 1} больше ${maxColumns} столбцов: файл не похож на таблицу`);
    throw err;
  }
  return rows;
}

/** JSON objects → rows under a header that is the union of their keys, in order of appearance. */
export function jsonRows(objects: readonly Record<string, unknown>[]): SheetRow[] {
  const keys: string[] = [];
  const position = new Map<string, number>();
  for (const o of objects) {
    for (const k of Object.keys(o)) {
      if (!position.has(k)) {
        position.set(k, keys.length);
        keys.push(k);
        // Every distinct key is a column of every row: a few hundred thousand would fill the memory.
        if (keys.length > maxColumns) throw fileError('NOT_A_TABLE', `Больше ${maxColumns} разных полей в объектах: это не похоже на таблицу`);
      }
    }
  }
  const rows: SheetRow[] = [{ rowNumber: 0, cells: keys }];
  objects.forEach((o, i) => {
    const cells: Cell[] = new Array<Cell>(keys.length).fill(null);
    for (const [k, v] of Object.entries(o)) cells[position.get(k)!] = jsonCell(v);
    rows.push({ rowNumber: i + 1, cells });
  });
  return rows;
}

const jsonCell = (v: unknown): Cell =>
  v === null || v === undefined ? null
    : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v
      : { invalid: 'ожидается строка, число или логическое значение' };

/** A JSON upload's rows; keys are column titles or field names. */
export function tableOfJson(kind: ImportKind, objects: readonly Record<string, unknown>[], mapping: ImportMapping = {}): Table {
  if (objects.length === 0) throw fileError('NO_ROWS', 'Нет строк для загрузки');
  if (objects.length > maxRows) throw fileError('TOO_MANY_ROWS', `Больше ${maxRows.toLocaleString('ru-RU')} строк: разделите загрузку на части`);
  return tableOf('json', kind, jsonRows(objects), mapping);
}

/** An uploaded file's bytes → its table, or a 400 that says what is wrong with the file. */
export async function readTableFile(input: { bytes: Uint8Array; fileName: string | null; kind: ImportKind; mapping?: ImportMapping }): Promise<Table> {
  const { bytes, fileName, kind, mapping = {} } = input;
  if (bytes.length === 0) throw fileError('EMPTY_FILE', 'Файл пуст');
  const format = formatOf(bytes, fileName);
  if (format === 'xls') throw fileError('XLS_NOT_SUPPORTED', 'Старый формат Excel (.xls) не поддерживается: сохраните файл как «Книга Excel (.xlsx)» или CSV');
  if (format === 'xlsx') {
    let rows: SheetRow[];
    try {
      rows = await readXlsxRows(bytes, { maxRows: maxRows + headerSearchRows, maxColumns });
    } catch (err) {
      if (err instanceof XlsxReadError && err.reason === 'too-many-rows') {
        throw fileError('TOO_MANY_ROWS', `В файле больше ${maxRows.toLocaleString('ru-RU')} строк: разделите его на части`);
      }
      if (err instanceof XlsxReadError && err.reason === 'too-wide') {
        throw fileError('NOT_A_TABLE', `На листе больше ${maxColumns} столбцов: файл не похож на таблицу`);
      }
      throw fileError('BROKEN_XLSX', 'Не удалось прочитать файл XLSX: он повреждён или это не таблица Excel');
    }
    if (rows.length === 0) throw fileError('EMPTY_FILE', 'Первый лист файла пуст');
    return tableOf('xlsx', kind, rows, mapping);
  }
  const { text } = decodeText(bytes);
  // Text files have no NUL characters; binary ones (and UTF-16 without its BOM) do.
  if (text.slice(0, 65536).includes('\u0000')) {
    throw fileError('NOT_A_TABLE', 'Файл не похож на таблицу: загрузите CSV (UTF-8 или Windows-1251) или XLSX');
  }
  if (text.trim() === '') throw fileError('EMPTY_FILE', 'Файл пуст');
  if (format === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw fileError('MALFORMED_JSON', 'Файл JSON повреждён');
    }
    return tableOfJson(kind, jsonObjects(parsed), mapping);
  }
  return tableOf('csv', kind, csvRows(text), mapping, true);
}

/** A JSON value that must be an array of objects (a row each). */
export function jsonObjects(value: unknown): Record<string, unknown>[] {
  const list = Array.isArray(value) ? value : (typeof value === 'object' && value !== null && Array.isArray((value as { rows?: unknown }).rows) ? (value as { rows: unknown[] }).rows : null);
  if (list === null || !list.every((o) => typeof o === 'object' && o !== null && !Array.isArray(o))) {
    throw fileError('JSON_ROWS_EXPECTED', 'Ожидается массив объектов: по объекту на строку');
  }
  return list as Record<string, unknown>[];
}

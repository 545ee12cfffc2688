// Files of work programmes: a КЭС codifier and a lesson plan (КТП) read from CSV or XLSX (the
// reading of server/features/imports: encodings, separators, the first worksheet), and a lesson
// plan written as XLSX with the columns the import reads back: №, Раздел, Тема, Часы, КЭС, Контроль.
import ExcelJS from 'exceljs';
import { AppError } from '../../lib/errors';
import { decodeText } from '../imports/csv';
import { csvRows, formatOf, normalizeHeader, type Cell, type SheetRow } from '../imports/table';
import { XlsxReadError, readXlsxRows } from '../imports/xlsx';

const fileError = (code: string, message: string): AppError => new AppError(code, 400, message);
const maxRows = 5000;
const headerSearchRows = 20;

/** A cell as text: numbers as written («1.2»), dates as ISO dates. */
export const textOf = (cell: Cell | undefined): string => {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (typeof cell === 'object') return 'formula' in cell ? `=${cell.formula}` : '';
  return String(cell).trim();
};

/** The rows of an uploaded CSV or XLSX file; a file that is not a table is refused with 400. */
export async function readRows(bytes: Uint8Array, fileName: string | null): Promise<SheetRow[]> {
  if (bytes.length === 0) throw fileError('EMPTY_FILE', 'Файл пуст');
  const format = formatOf(bytes, fileName);
  if (format === 'xls') throw fileError('XLS_NOT_SUPPORTED', 'Старый формат Excel (.xls) не поддерживается: сохраните файл как «Книга Excel (.xlsx)» или CSV');
  if (format === 'xlsx') {
    try {
      const rows = await readXlsxRows(bytes, { maxRows: maxRows + headerSearchRows, maxColumns: 50, timeoutMs: 30_000 });
      if (rows.length === 0) throw fileError('EMPTY_FILE', 'Первый лист файла пуст');
      return rows;
    } catch (err) {
      if (err instanceof AppError) throw err;
      if (err instanceof XlsxReadError && err.reason === 'too-many-rows') throw fileError('TOO_MANY_ROWS', `В файле больше ${maxRows} строк`);
      if (err instanceof XlsxReadError && err.reason === 'too-wide') throw fileError('NOT_A_TABLE', 'На листе больше 50 столбцов: файл не похож на таблицу');
      throw fileError('BROKEN_XLSX', 'Не удалось прочитать файл XLSX: он повреждён или это не таблица Excel');
    }
  }
  const { text } = decodeText(bytes);
  if (text.slice(0, 65536).includes('\u0000')) throw fileError('NOT_A_TABLE', 'Файл не похож на таблицу: загрузите CSV (UTF-8 или Windows-1251) или XLSX');
  if (text.trim() === '') throw fileError('EMPTY_FILE', 'Файл пуст');
  const rows = csvRows(text);
  if (rows.length > maxRows + headerSearchRows) throw fileError('TOO_MANY_ROWS', `В файле больше ${maxRows} строк`);
  return rows;
}

type Columns<F extends string> = { headerRowNumber: number; column: Partial<Record<F, number>>; rows: SheetRow[] };

/**
 * Finds the header row among the first rows: the first one with every required field's column.
 * `titles` lists the normalised header words of each field.
 */
function columnsOf<F extends string>(rows: readonly SheetRow[], titles: Record<F, readonly string[]>, required: readonly NoInfer<F>[], missing: string): Columns<F> {
  for (let at = 0; at < Math.min(headerSearchRows, rows.length); at++) {
    const column: Partial<Record<F, number>> = {};
    rows[at]!.cells.forEach((cell, i) => {
      const key = normalizeHeader(textOf(cell));
      for (const field of Object.keys(titles) as F[]) {
        if (column[field] === undefined && titles[field].includes(key)) column[field] = i;
      }
    });
    if (required.every((f) => column[f] !== undefined)) {
      const data = rows.slice(at + 1).filter((r) => r.cells.some((c) => textOf(c) !== ''));
      if (data.length === 0) throw fileError('NO_ROWS', 'В файле нет строк под заголовком');
      if (data.length > maxRows) throw fileError('TOO_MANY_ROWS', `В файле больше ${maxRows} строк`);
      return { headerRowNumber: rows[at]!.rowNumber, column, rows: data };
    }
  }
  throw fileError('MISSING_COLUMNS', missing);
}

const cellAt = (row: SheetRow, index: number | undefined): string => (index === undefined ? '' : textOf(row.cells[index]));

// --- Codifier ---------------------------------------------------------------------------------

export type CodifierFileRow = { rowNumber: number; code: string; title: string; isSection: boolean | null };

const yes = new Set(['да', 'yes', 'true', '1', '+', 'x', 'х', 'раздел', 'истина']);
const no = new Set(['нет', 'no', 'false', '0', '-', 'ложь']);

/** «Код; Название (Наименование); Раздел?» — «Раздел» marks a section row («да», «1», «+»). */
export async function readCodifierFile(bytes: Uint8Array, fileName: string | null): Promise<CodifierFileRow[]> {
  const table = columnsOf(await readRows(bytes, fileName), {
    code: ['код', 'кодкэс', 'кэс', 'code'],
    title: ['название', 'наименование', 'элементсодержания', 'содержание', 'проверяемыйэлементсодержания', 'title', 'name'],
    section: ['раздел', 'section', 'issection'],
  }, ['code', 'title'], 'В файле нет столбцов «Код» и «Название» (или «Наименование») в первых 20 строках');
  return table.rows.map((r) => {
    const flag = cellAt(r, table.column.section).toLowerCase();
    return {
      rowNumber: r.rowNumber,
      code: cellAt(r, table.column.code),
      title: cellAt(r, table.column.title),
      isSection: flag === '' ? null : yes.has(flag) ? true : no.has(flag) ? false : null,
    };
  });
}

// --- Lesson plan ------------------------------------------------------------------------------

export type PlanFileRow = { rowNumber: number; section: string; title: string; hours: string; codes: string; control: string };

export const planColumns = ['№', 'Раздел', 'Тема', 'Часы', 'КЭС', 'Контроль'] as const;

export async function readPlanFile(bytes: Uint8Array, fileName: string | null): Promise<PlanFileRow[]> {
  const table = columnsOf(await readRows(bytes, fileName), {
    section: ['раздел', 'разделтема', 'модуль'],
    title: ['тема', 'темаурока', 'темаурокаталог', 'названиетемы', 'содержание'],
    hours: ['часы', 'часов', 'колвочасов', 'количествочасов', 'часа'],
    codes: ['кэс', 'кодыкэс', 'кодкэс', 'элементысодержания'],
    control: ['контроль', 'формаконтроля', 'контрольнаяработа', 'видконтроля'],
  }, ['title'], 'В файле нет столбца «Тема» в первых 20 строках (ожидаются столбцы №, Раздел, Тема, Часы, КЭС, Контроль)');
  return table.rows.map((r) => ({
    rowNumber: r.rowNumber,
    section: cellAt(r, table.column.section),
    title: cellAt(r, table.column.title),
    hours: cellAt(r, table.column.hours),
    codes: cellAt(r, table.column.codes),
    control: cellAt(r, table.column.control),
  }));
}

export type PlanSheetTopic = { position: number; section: string | null; title: string; hours: number; codes: readonly string[]; control: string | null };

/** The lesson plan as an XLSX workbook: a header row the import reads back, then a topic a row. */
export async function lessonPlanXlsx(input: { title: string; topics: readonly PlanSheetTopic[] }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Отметка';
  workbook.title = input.title;
  const ws = workbook.addWorksheet('КТП', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [{ width: 6 }, { width: 30 }, { width: 60 }, { width: 8 }, { width: 16 }, { width: 24 }];
  const head = ws.addRow([...planColumns]);
  head.font = { bold: true };
  head.eachCell((c) => { c.border = { bottom: { style: 'thin' } }; });
  for (const t of input.topics) {
    const row = ws.addRow([t.position, t.section, t.title, t.hours, t.codes.length > 0 ? t.codes.join(', ') : null, t.control]);
    row.getCell(3).alignment = { wrapText: true, vertical: 'top' };
  }
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

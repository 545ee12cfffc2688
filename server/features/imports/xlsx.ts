// Reading the first worksheet of an XLSX file row by row with exceljs's streaming reader: a
// 100k-row Контингент file takes a few hundred megabytes less than loading the whole workbook.
import ExcelJS from 'exceljs';
import { PassThrough, Readable } from 'node:stream';
import type { Cell, SheetRow } from './table';

export class XlsxReadError extends Error {
  constructor(readonly reason: 'broken' | 'too-many-rows' | 'too-wide' | 'timeout') {
    super(reason);
  }
}

type RichText = { richText: { text: string }[] };
const isRichText = (v: object): v is RichText => Array.isArray((v as Partial<RichText>).richText);

/** An exceljs cell value → our cell: formulas are kept as such so the row can be refused. */
export function cellOf(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) {
      const v = value as { formula?: unknown; sharedFormula?: unknown };
      return { formula: String(v.formula ?? v.sharedFormula ?? '') };
    }
    if (isRichText(value)) return value.richText.map((r) => r.text).join('');
    // A hyperlink (often an e-mail): its visible text.
    if ('text' in value) return cellOf((value as { text: unknown }).text);
    if ('error' in value) return String((value as { error: unknown }).error);
  }
  return { invalid: 'значение неизвестного вида' };
}

/** Rows of the first worksheet; blank rows are left out. Throws XlsxReadError. */
export async function readXlsxRows(bytes: Uint8Array, options: { maxRows: number; maxColumns: number; timeoutMs?: number }): Promise<SheetRow[]> {
  const read = async (): Promise<SheetRow[]> => {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]), {
      worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', entries: 'ignore',
    });
    const rows: SheetRow[] = [];
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        const values = row.values as unknown[];
        if (values.length > options.maxColumns + 1) throw new XlsxReadError('too-wide');
        const cells: Cell[] = [];
        // row.values is 1-based and sparse.
        for (let c = 1; c < values.length; c++) cells.push(cellOf(values[c]));
        if (cells.every((v) => v === null || (typeof v === 'string' && v.trim() === ''))) continue;
        rows.push({ rowNumber: row.number, cells });
        if (rows.length > options.maxRows) throw new XlsxReadError('too-many-rows');
      }
      break;
    }
    return rows;
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      read().catch((err: unknown) => {
        if (err instanceof XlsxReadError) throw err;
        throw new XlsxReadError('broken');
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new XlsxReadError('timeout')), options.timeoutMs ?? 120_000);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Bytes of an XLSX workbook with one sheet of these rows (tests, the bench), written as a stream. */
export async function writeXlsx(rows: readonly (readonly Cell[])[], sheetName = 'Лист1'): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  const sheet = workbook.addWorksheet(sheetName);
  for (const r of rows) {
    sheet.addRow(r.map((v) => (v !== null && typeof v === 'object' && !(v instanceof Date)
      ? ('formula' in v ? { formula: v.formula } : v.invalid)
      : v))).commit();
  }
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

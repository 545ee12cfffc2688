// A programme document as an XLSX workbook: its title, the school and the year, then each table
// with its heading. Every cell is text (format "@"), so «1,5» or «01.09.2026» stays as written.
import ExcelJS from 'exceljs';
import type { ProgrammeDocumentDto } from '../../../contracts/documents';
import { academicYearTitle } from '../../../domain/school-year';

export async function programmeDocumentXlsx(doc: ProgrammeDocumentDto): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Отметка';
  // Excel limits a sheet name to 31 characters and forbids a few symbols.
  const ws = workbook.addWorksheet(doc.title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31), {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const widest = Math.max(1, ...doc.tables.map((t) => t.columns.length));
  ws.columns = Array.from({ length: widest }, (_, i) => ({ width: i === 0 ? 40 : 24 }));
  let row = 1;
  const put = (r: number, c: number, value: string, bold = false): void => {
    const cell = ws.getRow(r).getCell(c);
    cell.numFmt = '@';
    cell.value = value;
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (bold) cell.font = { bold: true };
  };
  put(row++, 1, doc.title, true);
  ws.getCell('A1').font = { bold: true, size: 14 };
  put(row++, 1, `${doc.school}, ${academicYearTitle(doc.academicYear)} учебный год`);
  for (const table of doc.tables) {
    row++;
    put(row++, 1, table.title, true);
    table.columns.forEach((title, i) => {
      put(row, i + 1, title, true);
      ws.getRow(row).getCell(i + 1).border = { bottom: { style: 'thin' } };
    });
    row++;
    for (const cells of table.rows) {
      cells.forEach((value, i) => put(row, i + 1, value));
      row++;
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

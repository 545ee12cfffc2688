// The credential sheet as an XLSX workbook: a heading with the school and the date, then one
// row per person — ФИО, Должность, Логин, Временный пароль. Every cell is text (format "@"),
// so a value starting with "=" or a login of digits stays exactly as written.
import ExcelJS from 'exceljs';
import type { CredentialSheetDto } from '../../../contracts/access';

export const credentialColumns = ['ФИО', 'Должность', 'Логин', 'Временный пароль'] as const;

const dateIn = (iso: string, timeZone: string): string =>
  new Intl.DateTimeFormat('ru-RU', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(iso));

export async function credentialSheetXlsx(sheet: CredentialSheetDto, timeZone: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Отметка';
  workbook.created = new Date(sheet.issuedAt);
  const ws = workbook.addWorksheet('Учётные данные', {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [
    { key: 'name', width: 38 },
    { key: 'position', width: 30 },
    { key: 'login', width: 22 },
    { key: 'password', width: 20 },
  ];
  const text = (cell: ExcelJS.Cell, value: string): void => {
    cell.numFmt = '@';
    cell.value = value;
  };
  text(ws.getCell('A1'), `Учётные данные для входа в «Отметку» — ${sheet.school}`);
  ws.getCell('A1').font = { bold: true, size: 13 };
  text(ws.getCell('A2'), `Выданы ${dateIn(sheet.issuedAt, timeZone)}. Пароль временный: при первом входе его нужно сменить. Храните лист как пароли — не оставляйте на виду.`);
  ws.getCell('A2').alignment = { wrapText: false };
  const header = ws.getRow(4);
  credentialColumns.forEach((title, i) => {
    const cell = header.getCell(i + 1);
    text(cell, title);
    cell.font = { bold: true };
    cell.border = { bottom: { style: 'thin' } };
  });
  sheet.rows.forEach((row, i) => {
    const line = ws.getRow(5 + i);
    [row.name, row.position, row.login, row.password].forEach((value, j) => {
      const cell = line.getCell(j + 1);
      text(cell, value);
      // Monospace for what is typed in, so that similar letters are told apart.
      if (j >= 2) cell.font = { name: 'Courier New' };
    });
  });
  ws.views = [{ state: 'frozen', ySplit: 4 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

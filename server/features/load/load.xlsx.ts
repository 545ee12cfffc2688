// The tarification sheet (тарификационный список) as an XLSX workbook. Sheet «Тарификация»: a
// heading with the school and the year, then one row per teacher — ФИО, Должность, Ставка, ч, hours
// in each class of the year (a subgroup's hours in its class), hours in streams and activity groups,
// the teacher's total — and a last row of totals per class. Sheet «По предметам»: every load row.
import ExcelJS from 'exceljs';
import type { LoadTeacherDto, TeachingLoadDto } from '../../../contracts/load';
import { totalHours } from '../../../domain/load-consistency';
import { fullName } from './load.consistency';

export type TarificationInput = {
  school: string;
  academicYear: number;
  classes: readonly { id: string; grade: number; letter: string }[];
  groups: readonly { id: string; kind: string; classId: string | null }[];
  teachers: readonly LoadTeacherDto[];
  loads: readonly TeachingLoadDto[];
};

const yearTitle = (year: number): string => `${year}/${year + 1}`;

export async function tarificationXlsx(input: TarificationInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Отметка';
  const ws = workbook.addWorksheet('Тарификация', {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const subgroupClass = new Map(input.groups.filter((g) => g.kind === 'subgroup' && g.classId).map((g) => [g.id, g.classId!]));
  const classOf = (l: TeachingLoadDto): string | null => l.class?.id ?? (l.studyGroup ? subgroupClass.get(l.studyGroup.id) ?? null : null);
  const classIds = input.classes.map((c) => c.id);
  const teachers = input.teachers.filter((t) => t.loadLimitHours !== null || input.loads.some((l) => l.employee.id === t.id));

  const header = ['ФИО', 'Должность', 'Ставка, ч', ...input.classes.map((c) => `${c.grade}${c.letter}`), 'Потоки и группы', 'Итого, ч'];
  ws.columns = header.map((_, i) => ({ width: i === 0 ? 36 : i === 1 ? 26 : i < 3 ? 10 : 7 }));
  ws.getCell('A1').value = `Тарификация на ${yearTitle(input.academicYear)} учебный год — ${input.school}`;
  ws.getCell('A1').font = { bold: true, size: 13 };
  ws.getCell('A2').value = 'Часов в неделю; часы подгрупп учтены в их классах.';
  const headRow = ws.getRow(4);
  header.forEach((title, i) => {
    const cell = headRow.getCell(i + 1);
    cell.value = title;
    cell.font = { bold: true };
    cell.border = { bottom: { style: 'thin' } };
    cell.alignment = { horizontal: i < 2 ? 'left' : 'center' };
  });

  const hoursOf = (rows: readonly TeachingLoadDto[]): number | null => (rows.length === 0 ? null : totalHours(rows));
  teachers.forEach((t, i) => {
    const mine = input.loads.filter((l) => l.employee.id === t.id);
    const row = ws.getRow(5 + i);
    row.values = [
      fullName(t), t.position, t.loadLimitHours,
      ...classIds.map((id) => hoursOf(mine.filter((l) => classOf(l) === id))),
      hoursOf(mine.filter((l) => classOf(l) === null)),
      totalHours(mine),
    ];
  });
  const totals = ws.getRow(5 + teachers.length);
  totals.values = [
    'Итого', null, null,
    ...classIds.map((id) => hoursOf(input.loads.filter((l) => classOf(l) === id))),
    hoursOf(input.loads.filter((l) => classOf(l) === null)),
    totalHours(input.loads),
  ];
  totals.font = { bold: true };
  totals.eachCell((cell) => { cell.border = { top: { style: 'thin' } }; });
  ws.views = [{ state: 'frozen', ySplit: 4, xSplit: 1 }];

  const detail = workbook.addWorksheet('По предметам');
  detail.columns = [{ header: 'ФИО', width: 36 }, { header: 'Предмет', width: 30 }, { header: 'Класс или группа', width: 28 }, { header: 'Часов в неделю', width: 16 }];
  detail.getRow(1).font = { bold: true };
  for (const l of input.loads) detail.addRow([fullName(l.employee), l.subject.name, l.class?.name ?? l.studyGroup?.name ?? '', l.hoursPerWeek]);
  detail.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

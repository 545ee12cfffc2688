// Words of the import screens: outcomes, statuses, counts with the right Russian plural.
import { changedFieldTitles, type ImportCounts, type ImportJobDto, type ImportOutcome } from '../../../../contracts/imports';

/** "1 строка", "2 строки", "5 строк". */
export function plural(n: number, one: string, few: string, many: string): string {
  const d = n % 10;
  const h = n % 100;
  const word = d === 1 && h !== 11 ? one : d >= 2 && d <= 4 && (h < 12 || h > 14) ? few : many;
  return `${n.toLocaleString('ru-RU')} ${word}`;
}

export const rowsText = (n: number): string => plural(n, 'строка', 'строки', 'строк');

/** The filter of the report, in the words of the screen. */
export const outcomeFilters: readonly { value: ImportOutcome | 'all'; label: string }[] = [
  { value: 'all', label: 'Все' },
  { value: 'create', label: 'Будут созданы' },
  { value: 'update', label: 'Будут обновлены' },
  { value: 'unchanged', label: 'Без изменений' },
  { value: 'rejected', label: 'Отклонены' },
];

/** What happens to a row, before and after the apply. */
export const outcomeTitle = (outcome: ImportOutcome, applied: boolean): string => {
  switch (outcome) {
    case 'create': return applied ? 'Создан' : 'Будет создан';
    case 'update': return applied ? 'Обновлён' : 'Будет обновлён';
    case 'unchanged': return 'Без изменений';
    case 'rejected': return 'Отклонена';
  }
};

export const outcomeColor: Record<ImportOutcome, string> = { create: 'green', update: 'blue', unchanged: 'gray', rejected: 'red' };

export function statusTitle(job: Pick<ImportJobDto, 'status' | 'processedRows' | 'totalRows'>): string {
  switch (job.status) {
    case 'analysing': return `Проверяется: ${progressPercent(job)}%`;
    case 'ready': return 'Проверен, ждёт применения';
    case 'applying': return 'Применяется';
    case 'applied': return 'Применён';
    case 'failed': return 'Проверка прервана';
    case 'rejected': return 'Файл отклонён';
  }
}

export const statusColor: Record<ImportJobDto['status'], string> = {
  analysing: 'blue', ready: 'yellow', applying: 'blue', applied: 'green', failed: 'red', rejected: 'red',
};

export const progressPercent = (job: Pick<ImportJobDto, 'processedRows' | 'totalRows'>): number =>
  job.totalRows === 0 ? 0 : Math.min(100, Math.floor((job.processedRows / job.totalRows) * 100));

/** How many rows an apply writes: created and updated ones. */
export const rowsToWrite = (counts: ImportCounts): number => counts.create + counts.update;

/** "Изменится: телефон, класс" for an update row. */
export const changedText = (fields: readonly string[]): string =>
  fields.length === 0 ? '' : `Изменится: ${fields.map((f) => (changedFieldTitles[f] ?? f).toLowerCase()).join(', ')}`;

const dateTime = new Intl.DateTimeFormat('ru-RU', { dateStyle: 'short', timeStyle: 'short' });
export const formatDateTime = (iso: string): string => dateTime.format(new Date(iso));

export const fileSizeText = (bytes: number): string =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} КБ` : `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} МБ`;

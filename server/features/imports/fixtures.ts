// Files to import, made up on the spot: Контингент, staff and parents' tables with plausible
// Russian people, as CSV in any encoding or as XLSX. Used by the tests and by bench:import, so
// no binary fixture is committed.
import { snilsCheck } from '../../../domain/person';
import { femaleSurname, firstNames, patronymic, pickRanked, surnames, type Sex } from '../../db/demo/names';
import { Random } from '../../db/demo/random';
import { encodeWindows1251, toCsv, type Separator } from './csv';
import type { Cell } from './table';
import { writeXlsx } from './xlsx';

export const contingentHeader = ['Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Пол', 'СНИЛС', 'Класс', 'Форма обучения', 'ИУП', 'АООП', 'E-mail', 'Телефон', 'ID'] as const;
export const staffHeader = ['Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Должность', 'СНИЛС', 'E-mail', 'Телефон', 'Табельный номер'] as const;
export const guardianHeader = ['Фамилия', 'Имя', 'Отчество', 'СНИЛС', 'E-mail', 'Телефон', 'ID', 'ID ученика', 'Степень родства'] as const;

/** The n-th of a series of distinct valid СНИЛС numbers ("123-456-789 01"); `series` keeps kinds apart. */
export function fixtureSnils(n: number, series = 1): string {
  const body = String(200_000_000 + series * 10_000_000 + n).padStart(9, '0');
  const check = String(snilsCheck(body)).padStart(2, '0');
  return `${body.slice(0, 3)}-${body.slice(3, 6)}-${body.slice(6, 9)} ${check}`;
}

const ddmmyyyy = (iso: string): string => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/** Rows of a Контингент file (without the header); class names cycle through `classes`. */
export function contingentRows(count: number, options: { seed?: number; classes?: readonly string[]; idPrefix?: string } = {}): string[][] {
  const rng = new Random(options.seed ?? 1);
  const classes = options.classes ?? ['5А', '5Б', '6А', '6Б'];
  const rows: string[][] = [];
  for (let i = 0; i < count; i++) {
    const sex: Sex = rng.next() < 0.5 ? 'male' : 'female';
    const surname = pickRanked(rng, surnames);
    const className = classes[i % classes.length]!;
    const grade = Number.parseInt(className, 10);
    const year = 2026 - 6 - grade;
    const birth = `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    const form = rng.next() < 0.02 ? 'семейное' : 'очная';
    rows.push([
      sex === 'male' ? surname : femaleSurname(surname),
      pickRanked(rng, firstNames(sex, false)),
      patronymic(pickRanked(rng, firstNames('male', true)), sex),
      ddmmyyyy(birth),
      sex === 'male' ? 'м' : 'ж',
      fixtureSnils(i, 1),
      className,
      form,
      rng.next() < 0.03 ? 'да' : 'нет',
      rng.next() < 0.02 ? 'да' : 'нет',
      rng.next() < 0.5 ? `student${i}@example.ru` : '',
      rng.next() < 0.5 ? `+7 912 ${String(1_000_000 + i).slice(1, 4)}-${String(i % 100).padStart(2, '0')}-${String((i * 7) % 100).padStart(2, '0')}` : '',
      `${options.idPrefix ?? 'K'}${String(i + 1).padStart(7, '0')}`,
    ]);
  }
  return rows;
}

export function staffRows(count: number, options: { seed?: number } = {}): string[][] {
  const rng = new Random(options.seed ?? 2);
  const positions = ['Учитель', 'Учитель', 'Учитель', 'Заместитель директора', 'Педагог-психолог', 'Социальный педагог', 'Библиотекарь'];
  const rows: string[][] = [];
  for (let i = 0; i < count; i++) {
    const sex: Sex = rng.next() < 0.8 ? 'female' : 'male';
    const surname = pickRanked(rng, surnames);
    rows.push([
      sex === 'male' ? surname : femaleSurname(surname),
      pickRanked(rng, firstNames(sex, true)),
      patronymic(pickRanked(rng, firstNames('male', true)), sex),
      ddmmyyyy(`${rng.int(1960, 2000)}-0${rng.int(1, 9)}-${String(rng.int(10, 28))}`),
      rng.pick(positions),
      fixtureSnils(i, 2),
      `teacher${i}@example.ru`,
      `+7 922 ${String(100 + (i % 900))}-${String(i % 100).padStart(2, '0')}-11`,
      `T${String(i + 1).padStart(5, '0')}`,
    ]);
  }
  return rows;
}

/** A mother for each student of a Контингент file, by the student's ID; every second one also a father. */
export function guardianRowsFor(students: readonly string[][]): string[][] {
  const rows: string[][] = [];
  students.forEach((s, i) => {
    const studentId = s[12]!;
    const surname = s[4] === 'м' ? femaleSurname(s[0]!) : s[0]!;
    rows.push([surname, 'Мария', 'Ивановна', fixtureSnils(i, 3), '', `+7 950 ${String(100 + (i % 900))}-${String(i % 100).padStart(2, '0')}-22`, `P${i + 1}`, studentId, 'мать']);
    if (i % 2 === 0) {
      const male = s[4] === 'м' ? s[0]! : s[0]!.replace(/а$/, '');
      rows.push([male, 'Сергей', 'Петрович', '', `father${i}@example.ru`, '', `F${i + 1}`, studentId, 'отец']);
    }
  });
  return rows;
}

export type CsvOptions = { encoding?: 'utf-8' | 'utf-8-bom' | 'windows-1251'; separator?: Separator };

/** A CSV file's bytes as Excel or a registry would save it. */
export function csvFile(header: readonly string[], rows: readonly (readonly string[])[], options: CsvOptions = {}): Uint8Array {
  const text = toCsv([header, ...rows], options.separator ?? ';');
  switch (options.encoding ?? 'utf-8') {
    case 'windows-1251': return encodeWindows1251(text);
    case 'utf-8-bom': {
      const body = new TextEncoder().encode(text);
      const bytes = new Uint8Array(body.length + 3);
      bytes.set([0xef, 0xbb, 0xbf]);
      bytes.set(body, 3);
      return bytes;
    }
    default: return new TextEncoder().encode(text);
  }
}

/** An XLSX file's bytes; `titleRows` go above the header, as in registry exports. */
export async function xlsxFile(header: readonly string[], rows: readonly (readonly Cell[])[], options: { titleRows?: readonly (readonly Cell[])[] } = {}): Promise<Buffer> {
  return writeXlsx([...(options.titleRows ?? []), header, ...rows]);
}

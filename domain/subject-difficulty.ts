// The difficulty of subjects for the timetable (SPEC B12): СанПиН 1.2.3685-21 tables 6.9 (grades
// 1–4), 6.10 (5–9, a column per grade) and 6.11 (10–11) score each subject; a day's difficulty is
// the sum of its lessons' scores, and the week should peak on Tuesday or Wednesday. The tables
// name subjects of older curricula (Природоведение, Труд, МХК…), so our subjects are mapped onto
// their rows: by the ФГОС catalogue code first (subject-catalogue.ts), by name as a fallback.
// The numbers are transcribed from ../shared/reference/sanpin.json («difficulty_scale»): most are
// confirmed by secondary sources only; the rows it marks `from-memory` are marked here too.
import { nameKey, subjectCatalogue } from './subject-catalogue';

export type DifficultyTable = '6.9' | '6.10' | '6.11';

/** A row of a table: its name as the table writes it and the score for each grade it covers (null: none). */
type Row = { readonly name: string; readonly points: Readonly<Record<number, number | null>>; readonly fromMemory?: boolean };

const grades = (from: number, values: readonly (number | null)[]): Record<number, number | null> =>
  Object.fromEntries(values.map((v, i) => [from + i, v]));
const all = (of: readonly number[], v: number): Record<number, number> => Object.fromEntries(of.map((g) => [g, v]));
const primary = [1, 2, 3, 4];
const secondary = [10, 11];

/** Table 6.9, grades 1–4: one score for all four grades. */
const table69: readonly Row[] = [
  { name: 'Математика', points: all(primary, 8) },
  { name: 'Русский (национальный, иностранный язык)', points: all(primary, 7) },
  { name: 'Природоведение, информатика', points: all(primary, 6) },
  { name: 'Русская (национальная) литература', points: all(primary, 5) },
  { name: 'История (4 классов)', points: all(primary, 4) },
  { name: 'Рисование и музыка', points: all(primary, 3) },
  { name: 'Труд', points: all(primary, 2) },
  { name: 'Физическая культура', points: all(primary, 1) },
];

/** Table 6.10, grades 5–9: a score per grade. */
const table610: readonly Row[] = [
  { name: 'Химия', points: grades(5, [null, null, 13, 10, 12]) },
  { name: 'Геометрия', points: grades(5, [null, null, 12, 10, 8]) },
  { name: 'Физика', points: grades(5, [null, null, 8, 9, 13]) },
  { name: 'Алгебра', points: grades(5, [null, null, 10, 9, 7]) },
  { name: 'Экономика', points: grades(5, [null, null, null, null, 11]) },
  { name: 'Черчение', points: grades(5, [null, null, null, 5, 4]) },
  { name: 'МХК', points: grades(5, [null, null, 8, 5, 5]) },
  { name: 'Биология', points: grades(5, [10, 8, 7, 7, 7]) },
  { name: 'Математика', points: grades(5, [10, 13, null, null, null]) },
  { name: 'Иностранный язык', points: grades(5, [9, 11, 10, 8, 9]) },
  { name: 'Русский язык', points: grades(5, [8, 12, 11, 7, 6]) },
  { name: 'Краеведение', points: grades(5, [7, 9, 5, 5, null]) },
  { name: 'Природоведение', points: grades(5, [7, 8, null, null, null]) },
  { name: 'География', points: grades(5, [null, 7, 6, 6, 5]) },
  { name: 'Граждановедение', points: grades(5, [6, 9, 9, 5, null]) },
  { name: 'История', points: grades(5, [5, 8, 6, 8, 10]) },
  { name: 'Ритмика', points: grades(5, [4, 4, null, null, null]) },
  { name: 'Труд', points: grades(5, [4, 3, 2, 1, 4]) },
  { name: 'Литература', points: grades(5, [4, 6, 4, 4, 7]) },
  { name: 'ИЗО', points: grades(5, [3, 3, 1, 3, null]) },
  { name: 'Физическая культура', points: grades(5, [3, 4, 2, 2, 2]) },
  { name: 'Экология', points: grades(5, [3, 3, 3, 6, 1]) },
  { name: 'Музыка', points: grades(5, [2, 1, 1, 1, null]) },
  { name: 'Информатика', points: grades(5, [4, 10, 4, 7, 7]) },
  { name: 'ОБЖ', points: grades(5, [1, 2, 3, 3, 3]), fromMemory: true },
];

/** Table 6.11, grades 10–11. */
const table611: readonly Row[] = [
  { name: 'Физика', points: all(secondary, 12) },
  { name: 'Геометрия', points: all(secondary, 11), fromMemory: true },
  { name: 'Химия', points: all(secondary, 11) },
  { name: 'Алгебра', points: all(secondary, 10) },
  { name: 'Русский язык', points: all(secondary, 9) },
  { name: 'Литература', points: all(secondary, 8) },
  { name: 'Иностранный язык', points: all(secondary, 8) },
  { name: 'Биология', points: all(secondary, 7) },
  { name: 'Информатика', points: all(secondary, 6) },
  { name: 'Экономика', points: all(secondary, 6), fromMemory: true },
  { name: 'История', points: all(secondary, 5) },
  { name: 'Обществознание', points: all(secondary, 5) },
  { name: 'МХК', points: all(secondary, 5), fromMemory: true },
  { name: 'Астрономия', points: all(secondary, 4) },
  { name: 'География', points: all(secondary, 3) },
  { name: 'Экология', points: all(secondary, 3), fromMemory: true },
  { name: 'ОБЖ', points: all(secondary, 2), fromMemory: true },
  { name: 'Физическая культура', points: all(secondary, 1) },
];

export const difficultyTableOf = (grade: number): DifficultyTable => (grade <= 4 ? '6.9' : grade <= 9 ? '6.10' : '6.11');
const rowsOf: Record<DifficultyTable, readonly Row[]> = { '6.9': table69, '6.10': table610, '6.11': table611 };

/**
 * Catalogue code → the rows that score it, in order of preference: the first row with a score for
 * the grade wins (a school teaching «Математика» in grade 7 gets the algebra score). The rows of
 * all three tables are listed; a table without the row skips it.
 */
export const rowsOfCatalogueCode: Readonly<Record<string, readonly string[]>> = {
  russian: ['Русский (национальный, иностранный язык)', 'Русский язык'],
  literaryReading: ['Русская (национальная) литература', 'Литература'],
  literature: ['Литература', 'Русская (национальная) литература'],
  foreignLanguage: ['Русский (национальный, иностранный язык)', 'Иностранный язык'],
  mathematics: ['Математика', 'Алгебра'],
  algebra: ['Алгебра', 'Математика'],
  algebraAnalysis: ['Алгебра'],
  geometry: ['Геометрия', 'Математика'],
  // Not in the tables: a mathematics course, scored as algebra.
  probability: ['Алгебра', 'Математика'],
  informatics: ['Информатика', 'Природоведение, информатика'],
  // The successor of Природоведение in grades 1–4.
  worldAround: ['Природоведение, информатика', 'Природоведение'],
  // Grade 4 humanities: scored as the grade-4 history of the table.
  orkse: ['История (4 классов)'],
  odnknr: ['История'],
  history: ['История', 'История (4 классов)'],
  // Граждановедение is what grades 5–8 had for social studies (grade 9: its grade-8 score).
  socialStudies: ['Обществознание', 'Граждановедение'],
  geography: ['География', 'Природоведение'],
  physics: ['Физика'],
  chemistry: ['Химия'],
  biology: ['Биология', 'Природоведение'],
  fineArts: ['ИЗО', 'Рисование и музыка', 'МХК'],
  music: ['Музыка', 'Рисование и музыка', 'МХК'],
  technology: ['Труд'],
  physicalEducation: ['Физическая культура'],
  lifeSafety: ['ОБЖ'],
  financialLiteracy: ['Экономика', 'Граждановедение', 'Обществознание'],
};

/** Names a school writes that are not the catalogue's (normalised by `nameKey`) → a catalogue code or a table row. (No `\b`: it does not see Cyrillic letters.) */
const aliases: readonly [RegExp, { code: string } | { row: string }][] = [
  [/^(английский|немецкий|французский|испанский|китайский|итальянский|второй иностранный|иностранный)(\s|$)/, { code: 'foreignLanguage' }],
  [/^родной (русский )?язык/, { code: 'russian' }],
  [/^(литературное чтение|родная литература)/, { code: 'literaryReading' }],
  [/^алгебра и начала/, { code: 'algebraAnalysis' }],
  [/^(технология|труд)(\s|$)/, { code: 'technology' }],
  [/^(обж|основы безопасности)/, { code: 'lifeSafety' }],
  [/^(изо|изобразительное искусство|рисование)(\s|$)/, { code: 'fineArts' }],
  [/^(физкультура|физическая культура)/, { code: 'physicalEducation' }],
  [/^(вероятность|теория вероятностей)/, { code: 'probability' }],
  [/^(мировая художественная культура|мхк)(\s|$)/, { row: 'МХК' }],
];

export type SubjectDifficulty = {
  score: number;
  table: DifficultyTable;
  /** The table's row that gave the score. */
  row: string;
  /** How the subject was matched: its catalogue code, its name, or not at all (the table's median). */
  matchedBy: 'catalogue' | 'name' | 'median';
  /** The row is marked `from-memory` in the reference: no source confirmed it. */
  fromMemory: boolean;
};

/**
 * The score of the first row with one for the grade; else, where the subject is taught in a grade
 * its row does not cover (physics in grade 6), the row's score in the nearest grade of the table.
 */
const scoreOfRows = (rowNames: readonly string[], grade: number): Omit<SubjectDifficulty, 'matchedBy'> | null => {
  const table = difficultyTableOf(grade);
  const rows = rowNames.flatMap((name) => rowsOf[table].filter((r) => r.name === name));
  const found = (row: Row, score: number) => ({ score, table, row: row.name, fromMemory: row.fromMemory ?? false });
  for (const row of rows) {
    const score = row.points[grade];
    if (score !== undefined && score !== null) return found(row, score);
  }
  for (const row of rows) {
    const near = Object.entries(row.points).flatMap(([g, v]) => (v === null ? [] : [{ g: Number(g), v }]))
      .sort((a, b) => Math.abs(a.g - grade) - Math.abs(b.g - grade) || b.g - a.g)[0];
    if (near) return found(row, near.v);
  }
  return null;
};

/** The median score of a grade's column, for a subject no row fits. */
export function medianScoreOf(grade: number): number {
  const table = difficultyTableOf(grade);
  const scores = rowsOf[table].flatMap((r) => (r.points[grade] === null || r.points[grade] === undefined ? [] : [r.points[grade]!])).sort((a, b) => a - b);
  return scores[Math.floor((scores.length - 1) / 2)]!;
}

/** Catalogue names and short names → the code. */
const byCatalogueName = new Map(subjectCatalogue.flatMap((e) => [[nameKey(e.name), e.code], [nameKey(e.shortName), e.code]] as [string, string][]));

/** Drops what a school adds to a name: «(углублённый уровень)», «, 2 часа». */
const bareName = (name: string): string => nameKey(name.replace(/\(.*?\)/g, ' ').replace(/,.*$/, ''));

/**
 * The difficulty score of a subject in a grade (1–11): by its catalogue code, else by its name
 * (the catalogue's names, a table row's own name, common variants), else the median of the grade's
 * table (`matchedBy: 'median'`).
 */
export function subjectDifficulty(subject: { name: string; catalogueCode: string | null }, grade: number): SubjectDifficulty {
  const byCode = subject.catalogueCode ? rowsOfCatalogueCode[subject.catalogueCode] : undefined;
  if (byCode) {
    const found = scoreOfRows(byCode, grade);
    if (found) return { ...found, matchedBy: 'catalogue' };
  }
  const name = bareName(subject.name);
  const byName = byCatalogueName.get(name);
  const candidates: (readonly string[])[] = [];
  if (byName) candidates.push(rowsOfCatalogueCode[byName] ?? []);
  for (const table of Object.values(rowsOf)) for (const r of table) if (nameKey(r.name) === name) candidates.push([r.name]);
  for (const [pattern, target] of aliases) {
    if (!pattern.test(name)) continue;
    candidates.push('code' in target ? rowsOfCatalogueCode[target.code] ?? [] : [target.row]);
  }
  for (const rows of candidates) {
    const found = scoreOfRows(rows, grade);
    if (found) return { ...found, matchedBy: 'name' };
  }
  return { score: medianScoreOf(grade), table: difficultyTableOf(grade), row: '', matchedBy: 'median', fromMemory: false };
}


/** How many of a class's subjects count as hard (the top scores; ties all count). */
export const hardSubjectCount = 3;

/**
 * The hard subjects of a class: those whose score is at least the `count`-th highest among the
 * class's subjects (each subject once), so ties at the border are all hard. Fewer than `count`
 * subjects: none is singled out.
 */
export function hardSubjectsOf<T>(scored: readonly { subject: T; score: number }[], count = hardSubjectCount): T[] {
  if (scored.length < count) return [];
  const border = [...scored].map((s) => s.score).sort((a, b) => b - a)[count - 1]!;
  return scored.filter((s) => s.score >= border).map((s) => s.subject);
}

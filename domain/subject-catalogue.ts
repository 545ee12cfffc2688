// The ФГОС catalogue a school picks its subjects from (SPEC B2): the subjects of the federal
// curricula (ФОП НОО, ООО, СОО, orders of the Ministry of Education No. 372, 370, 371 of
// 18.05.2023 as amended in 2024–2025) with their subject areas and levels, plus well-known
// optional and extracurricular courses. Each entry has a stable `code`; a school subject made from
// an entry keeps it (`subjects.catalogue_code`), and the federal curriculum samples name their
// lines by it. Transcribed from the federal curricula; checked against them in the tests.

export const levels = ['primary', 'basic', 'secondary'] as const;
export type Level = (typeof levels)[number];
export const levelTitles: Record<Level, string> = {
  primary: 'Начальное общее (1–4)',
  basic: 'Основное общее (5–9)',
  secondary: 'Среднее общее (10–11)',
};
export const levelShortTitles: Record<Level, string> = { primary: 'НОО', basic: 'ООО', secondary: 'СОО' };
export const levelOfGrade = (grade: number): Level => (grade <= 4 ? 'primary' : grade <= 9 ? 'basic' : 'secondary');

export const subjectKinds = ['subject', 'optionalCourse', 'extracurricular', 'additional'] as const;
export type SubjectKind = (typeof subjectKinds)[number];
export const subjectKindTitles: Record<SubjectKind, string> = {
  subject: 'Учебный предмет',
  optionalCourse: 'Курс по выбору',
  extracurricular: 'Внеурочная деятельность',
  additional: 'Доп. образование',
};

export type CatalogueEntry = {
  readonly code: string;
  readonly name: string;
  readonly shortName: string;
  /** Предметная область as the federal curriculum names it (at the highest level it is taught); null for courses outside the areas. */
  readonly subjectArea: string | null;
  /** Where a level's curriculum names the area differently (НОО: «Русский язык и литературное чтение»). */
  readonly subjectAreaByLevel?: Readonly<Partial<Record<Level, string>>>;
  readonly levels: readonly Level[];
  /** `additional` is never in the catalogue: additional programmes are the school's own. */
  readonly kind: Exclude<SubjectKind, 'additional'>;
};

const RUS_LIT = 'Русский язык и литература';
const RUS_READING = 'Русский язык и литературное чтение';
const MATH = 'Математика и информатика';
const SOCIAL = 'Общественно-научные предметы';
const SCIENCE = 'Естественно-научные предметы';
const ARTS = 'Искусство';
const ALL: readonly Level[] = ['primary', 'basic', 'secondary'];
const UPPER: readonly Level[] = ['basic', 'secondary'];

export const subjectCatalogue: readonly CatalogueEntry[] = [
  // Урочные предметы федеральных учебных планов.
  { code: 'russian', name: 'Русский язык', shortName: 'Рус. яз.', subjectArea: RUS_LIT, subjectAreaByLevel: { primary: RUS_READING }, levels: ALL, kind: 'subject' },
  { code: 'literaryReading', name: 'Литературное чтение', shortName: 'Лит. чтение', subjectArea: RUS_READING, levels: ['primary'], kind: 'subject' },
  { code: 'literature', name: 'Литература', shortName: 'Лит-ра', subjectArea: RUS_LIT, levels: UPPER, kind: 'subject' },
  { code: 'foreignLanguage', name: 'Иностранный язык', shortName: 'Ин. яз.', subjectArea: 'Иностранные языки', subjectAreaByLevel: { primary: 'Иностранный язык' }, levels: ALL, kind: 'subject' },
  { code: 'mathematics', name: 'Математика', shortName: 'Матем.', subjectArea: MATH, levels: ['primary', 'basic'], kind: 'subject' },
  { code: 'algebra', name: 'Алгебра', shortName: 'Алгебра', subjectArea: MATH, levels: ['basic'], kind: 'subject' },
  { code: 'algebraAnalysis', name: 'Алгебра и начала математического анализа', shortName: 'Алг. и нач. ан.', subjectArea: MATH, levels: ['secondary'], kind: 'subject' },
  { code: 'geometry', name: 'Геометрия', shortName: 'Геом.', subjectArea: MATH, levels: UPPER, kind: 'subject' },
  { code: 'probability', name: 'Вероятность и статистика', shortName: 'Вер. и стат.', subjectArea: MATH, levels: UPPER, kind: 'subject' },
  { code: 'informatics', name: 'Информатика', shortName: 'Информ.', subjectArea: MATH, levels: UPPER, kind: 'subject' },
  { code: 'worldAround', name: 'Окружающий мир', shortName: 'Окр. мир', subjectArea: 'Обществознание и естествознание («Окружающий мир»)', levels: ['primary'], kind: 'subject' },
  { code: 'orkse', name: 'Основы религиозных культур и светской этики', shortName: 'ОРКСЭ', subjectArea: 'Основы религиозных культур и светской этики', levels: ['primary'], kind: 'subject' },
  { code: 'odnknr', name: 'Основы духовно-нравственной культуры народов России', shortName: 'ОДНКНР', subjectArea: 'Основы духовно-нравственной культуры народов России', levels: ['basic'], kind: 'subject' },
  { code: 'history', name: 'История', shortName: 'История', subjectArea: SOCIAL, levels: UPPER, kind: 'subject' },
  { code: 'socialStudies', name: 'Обществознание', shortName: 'Общество', subjectArea: SOCIAL, levels: UPPER, kind: 'subject' },
  { code: 'geography', name: 'География', shortName: 'География', subjectArea: SOCIAL, levels: UPPER, kind: 'subject' },
  { code: 'physics', name: 'Физика', shortName: 'Физика', subjectArea: SCIENCE, levels: UPPER, kind: 'subject' },
  { code: 'chemistry', name: 'Химия', shortName: 'Химия', subjectArea: SCIENCE, levels: UPPER, kind: 'subject' },
  { code: 'biology', name: 'Биология', shortName: 'Биология', subjectArea: SCIENCE, levels: UPPER, kind: 'subject' },
  { code: 'fineArts', name: 'Изобразительное искусство', shortName: 'ИЗО', subjectArea: ARTS, levels: ['primary', 'basic'], kind: 'subject' },
  { code: 'music', name: 'Музыка', shortName: 'Музыка', subjectArea: ARTS, levels: ['primary', 'basic'], kind: 'subject' },
  // Until 1 September 2024 the subject was called «Технология».
  { code: 'technology', name: 'Труд (технология)', shortName: 'Труд', subjectArea: 'Технология', levels: ['primary', 'basic'], kind: 'subject' },
  { code: 'physicalEducation', name: 'Физическая культура', shortName: 'Физ-ра', subjectArea: 'Физическая культура', levels: ALL, kind: 'subject' },
  // Until 1 September 2024 «Основы безопасности жизнедеятельности» (ОБЖ).
  { code: 'lifeSafety', name: 'Основы безопасности и защиты Родины', shortName: 'ОБЗР', subjectArea: 'Основы безопасности и защиты Родины', levels: UPPER, kind: 'subject' },
  // Required by ФГОС СОО; the federal curriculum gives it no subject area.
  { code: 'individualProject', name: 'Индивидуальный проект', shortName: 'Инд. проект', subjectArea: null, levels: ['secondary'], kind: 'subject' },
  // Курсы по выбору (часть, формируемая участниками образовательных отношений).
  { code: 'financialLiteracy', name: 'Финансовая грамотность', shortName: 'Фин. грамотность', subjectArea: null, levels: UPPER, kind: 'optionalCourse' },
  // Курсы внеурочной деятельности, которые федеральные программы называют обязательными или рекомендуют.
  { code: 'importantConversations', name: 'Разговоры о важном', shortName: 'Разг. о важном', subjectArea: null, levels: ALL, kind: 'extracurricular' },
  // Профориентационный минимум: 6–11 классы.
  { code: 'russiaMyHorizons', name: 'Россия — мои горизонты', shortName: 'Мои горизонты', subjectArea: null, levels: UPPER, kind: 'extracurricular' },
  { code: 'functionalLiteracy', name: 'Функциональная грамотность', shortName: 'Функц. грамотность', subjectArea: null, levels: ALL, kind: 'extracurricular' },
];

const byCode = new Map(subjectCatalogue.map((e) => [e.code, e]));

export const catalogueEntry = (code: string): CatalogueEntry | undefined => byCode.get(code);

/** The subject area of an entry as the curriculum of `level` names it. */
export const subjectAreaAt = (entry: CatalogueEntry, level: Level): string | null =>
  entry.subjectAreaByLevel?.[level] ?? entry.subjectArea;

/** A name compared the way a school writes it: case, ё and spacing do not matter. */
export const nameKey = (name: string): string => name.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');

export type CatalogueGroup = { level: Level; title: string; entries: readonly CatalogueEntry[] };

/**
 * The catalogue as the checklist shows it: per level, one group per subject area (in catalogue
 * order), then optional courses and extracurricular courses.
 */
export function catalogueByLevel(entries: readonly CatalogueEntry[] = subjectCatalogue): { level: Level; groups: CatalogueGroup[] }[] {
  return levels.map((level) => {
    const groups = new Map<string, CatalogueEntry[]>();
    for (const e of entries) {
      if (!e.levels.includes(level)) continue;
      const title = e.kind === 'subject' ? subjectAreaAt(e, level) ?? 'Без предметной области' : subjectKindTitles[e.kind];
      groups.set(title, [...(groups.get(title) ?? []), e]);
    }
    return { level, groups: [...groups].map(([title, list]) => ({ level, title, entries: list })) };
  });
}

export type ExistingSubject = { id: string; name: string; catalogueCode: string | null };

/**
 * Which catalogue codes a school already has (by code, then by name) and which it lacks. A code
 * asked for twice or unknown is left out of both (unknown codes are the caller's to refuse).
 */
export function matchCatalogue(codes: readonly string[], existing: readonly ExistingSubject[]): {
  found: { code: string; subjectId: string }[];
  missing: CatalogueEntry[];
} {
  const byCatalogue = new Map(existing.filter((s) => s.catalogueCode).map((s) => [s.catalogueCode!, s]));
  const byName = new Map(existing.map((s) => [nameKey(s.name), s]));
  const found: { code: string; subjectId: string }[] = [];
  const missing: CatalogueEntry[] = [];
  for (const code of new Set(codes)) {
    const entry = byCode.get(code);
    if (!entry) continue;
    const subject = byCatalogue.get(code) ?? byName.get(nameKey(entry.name));
    if (subject) found.push({ code, subjectId: subject.id });
    else missing.push(entry);
  }
  return { found, missing };
}

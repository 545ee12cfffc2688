// The demo school's subjects, after the federal curricula (ФОП НОО, ООО, СОО; five-day week,
// first variant of the federal curriculum). Hours are per week in each grade; they size the staff
// and will drive the demo timetable and lessons.

export type Level = 'primary' | 'basic' | 'secondary';

export const levelOfGrade = (grade: number): Level => (grade <= 4 ? 'primary' : grade <= 9 ? 'basic' : 'secondary');

export type CatalogueSubject = {
  key: string;
  name: string;
  shortName: string;
  levels: readonly Level[];
  /** Hours per week by grade (1–11); a grade that is missing does not study the subject. */
  hours: Readonly<Partial<Record<number, number>>>;
  /** Taught in two groups (a class is split): foreign language, informatics, труд. */
  splitIntoGroups?: boolean;
};

const h = (from: number, values: number[]): Partial<Record<number, number>> =>
  Object.fromEntries(values.map((v, i) => [from + i, v]).filter(([, v]) => (v as number) > 0));

export const subjectCatalogue = [
  { key: 'russian', name: 'Русский язык', shortName: 'Рус. яз.', levels: ['primary', 'basic', 'secondary'], hours: h(1, [5, 5, 5, 5, 5, 6, 4, 3, 3, 2, 2]) },
  { key: 'literaryReading', name: 'Литературное чтение', shortName: 'Лит. чтение', levels: ['primary'], hours: h(1, [4, 4, 4, 3]) },
  { key: 'literature', name: 'Литература', shortName: 'Лит-ра', levels: ['basic', 'secondary'], hours: h(5, [3, 3, 2, 2, 3, 3, 3]) },
  { key: 'english', name: 'Иностранный язык (английский)', shortName: 'Англ. яз.', levels: ['primary', 'basic', 'secondary'], hours: h(2, [2, 2, 2, 3, 3, 3, 3, 3, 3, 3]), splitIntoGroups: true },
  { key: 'mathematics', name: 'Математика', shortName: 'Матем.', levels: ['primary', 'basic'], hours: h(1, [4, 4, 4, 4, 5, 5]) },
  { key: 'algebra', name: 'Алгебра', shortName: 'Алгебра', levels: ['basic'], hours: h(7, [3, 3, 3]) },
  { key: 'algebraAnalysis', name: 'Алгебра и начала математического анализа', shortName: 'Алг. и нач. ан.', levels: ['secondary'], hours: h(10, [3, 3]) },
  { key: 'geometry', name: 'Геометрия', shortName: 'Геом.', levels: ['basic', 'secondary'], hours: h(7, [2, 2, 2, 2, 2]) },
  { key: 'probability', name: 'Вероятность и статистика', shortName: 'Вер. и стат.', levels: ['basic', 'secondary'], hours: h(7, [1, 1, 1, 1, 1]) },
  { key: 'informatics', name: 'Информатика', shortName: 'Информ.', levels: ['basic', 'secondary'], hours: h(7, [1, 1, 1, 1, 1]), splitIntoGroups: true },
  { key: 'worldAround', name: 'Окружающий мир', shortName: 'Окр. мир', levels: ['primary'], hours: h(1, [2, 2, 2, 2]) },
  { key: 'orkse', name: 'Основы религиозных культур и светской этики', shortName: 'ОРКСЭ', levels: ['primary'], hours: h(4, [1]) },
  { key: 'odnknr', name: 'Основы духовно-нравственной культуры народов России', shortName: 'ОДНКНР', levels: ['basic'], hours: h(5, [1, 1]) },
  { key: 'history', name: 'История', shortName: 'История', levels: ['basic', 'secondary'], hours: h(5, [2, 2, 2, 2, 2, 2, 2]) },
  { key: 'socialStudies', name: 'Обществознание', shortName: 'Общество', levels: ['basic', 'secondary'], hours: h(6, [1, 1, 1, 1, 2, 2]) },
  { key: 'geography', name: 'География', shortName: 'География', levels: ['basic', 'secondary'], hours: h(5, [1, 1, 2, 2, 2, 1, 1]) },
  { key: 'biology', name: 'Биология', shortName: 'Биология', levels: ['basic', 'secondary'], hours: h(5, [1, 1, 1, 2, 2, 1, 1]) },
  { key: 'physics', name: 'Физика', shortName: 'Физика', levels: ['basic', 'secondary'], hours: h(7, [2, 2, 3, 2, 2]) },
  { key: 'chemistry', name: 'Химия', shortName: 'Химия', levels: ['basic', 'secondary'], hours: h(8, [2, 2, 1, 1]) },
  { key: 'art', name: 'Изобразительное искусство', shortName: 'ИЗО', levels: ['primary', 'basic'], hours: h(1, [1, 1, 1, 1, 1, 1, 1]) },
  { key: 'music', name: 'Музыка', shortName: 'Музыка', levels: ['primary', 'basic'], hours: h(1, [1, 1, 1, 1, 1, 1, 1, 1]) },
  { key: 'technology', name: 'Труд (технология)', shortName: 'Труд', levels: ['primary', 'basic', 'secondary'], hours: h(1, [1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1]), splitIntoGroups: true },
  { key: 'pe', name: 'Физическая культура', shortName: 'Физ-ра', levels: ['primary', 'basic', 'secondary'], hours: h(1, [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]) },
  { key: 'obzr', name: 'Основы безопасности и защиты Родины', shortName: 'ОБЗР', levels: ['basic', 'secondary'], hours: h(8, [1, 1, 1, 1]) },
  { key: 'project', name: 'Индивидуальный проект', shortName: 'Инд. проект', levels: ['secondary'], hours: h(10, [1]) },
] as const satisfies readonly CatalogueSubject[];

export type SubjectKey = (typeof subjectCatalogue)[number]['key'];

export const catalogueSubject = (key: SubjectKey): CatalogueSubject => {
  const found: CatalogueSubject | undefined = subjectCatalogue.find((s) => s.key === key);
  if (!found) throw new Error(`Unknown demo subject: ${key}`);
  return found;
};

/** Hours per week of a subject in a grade (0 when the grade does not study it). */
export const hoursOf = (subject: CatalogueSubject, grade: number): number => subject.hours[grade] ?? 0;

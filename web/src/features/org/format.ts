// How the org screens write dates, relations, forms of education and people.
import type { Relation, StudyGroupKind } from '../../../../contracts/org';
import { educationFormTitles, type EducationForm } from '../../../../domain/person';

export { educationFormTitles };
export type { EducationForm };

/** "2026-09-01" → "01.09.2026"; empty for none. */
export const formatDate = (date: string | null | undefined): string =>
  date ? `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}` : '';

/** A stay from a date to a date, or "с 01.09.2026" while it lasts. */
export const formatPeriod = (startsOn: string, endsOn: string | null): string =>
  endsOn === null ? `с ${formatDate(startsOn)}` : `${formatDate(startsOn)} – ${formatDate(endsOn)}`;

export const relationTitles: Record<Relation, string> = { mother: 'Мать', father: 'Отец', other: 'Законный представитель' };
export const studyGroupKindTitles: Record<StudyGroupKind, string> = { subgroup: 'Подгруппа', stream: 'Поток', activity: 'Внеурочная / доп. образование' };
export const sexTitles = { male: 'Мужской', female: 'Женский' } as const;

/** The academic year as a school writes it: 2026 → "2026/27". */
export const academicYearTitle = (year: number): string => `${year}/${String((year + 1) % 100).padStart(2, '0')}`;

// How samples speak on screen: kinds, levels, owners, and the parts and fields a diff names.
import type { DiffEntryDto, Level, SampleKind } from '../../../../contracts/samples';

export const kindTitles: Record<SampleKind, string> = {
  curriculum: 'Учебный план',
  calendar: 'Календарный учебный график',
  controlForms: 'Формы контроля',
  workProgramme: 'Рабочая программа',
};

export const kindPluralTitles: Record<SampleKind, string> = {
  curriculum: 'Учебные планы',
  calendar: 'Календарные учебные графики',
  controlForms: 'Наборы форм контроля',
  workProgramme: 'Рабочие программы',
};

export const levelTitles: Record<Level, string> = { primary: 'НОО (1–4)', basic: 'ООО (5–9)', secondary: 'СОО (10–11)' };
export const levelOptions = (Object.keys(levelTitles) as Level[]).map((value) => ({ value, label: levelTitles[value] }));

export const scaleTitles: Record<string, string> = { five: 'Пятибалльная', passFail: 'Зачёт / незачёт', hundred: 'Стобалльная' };
export const partTitles: Record<string, string> = { mandatory: 'Обязательная', formed: 'Формируемая участниками' };

const sectionTitles: Record<string, string> = {
  general: 'Общее', lines: 'Предмет', forms: 'Форма контроля', termSchemes: 'Периоды параллелей', terms: 'Период',
  holidays: 'Каникулы', daysOff: 'Праздничный день', workingWeekends: 'Рабочий выходной', weekLengths: 'Длина недели', topics: 'Тема',
};
const fieldTitles: Record<string, string> = {
  level: 'уровень', weekDays: 'дней в неделе', grades: 'параллели', subjectArea: 'предметная область', catalogueCode: 'код каталога',
  part: 'часть', hoursPerWeek: 'часов в неделю', shortName: 'сокращение', weight: 'вес', scale: 'шкала', levels: 'уровни',
  academicYear: 'учебный год', startsOn: 'начало', endsOn: 'окончание', kind: 'вид периодов', name: 'название', worksAs: 'работает как',
  days: 'дней', title: 'название', hours: 'часы', contentElements: 'КЭС', subject: 'предмет', grade: 'параллель',
};
export const changeTitles: Record<DiffEntryDto['change'], string> = { added: 'Добавлено', removed: 'Удалено', changed: 'Изменено' };

export const sectionTitle = (section: string): string => sectionTitles[section] ?? section;

/** «часов в неделю, 7 класс» for a changed field. */
export const fieldTitle = (e: Pick<DiffEntryDto, 'field' | 'grade'>): string =>
  e.field === null ? '' : `${fieldTitles[e.field] ?? e.field}${e.grade === null ? '' : `, ${e.grade} класс`}`;

/** A value of a diff as a person reads it: «—» for nothing, lists joined, known codes named. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map(formatValue).join(', ');
  if (typeof value === 'string') return scaleTitles[value] ?? partTitles[value] ?? (value in levelTitles ? levelTitles[value as Level] : value);
  return String(value);
}

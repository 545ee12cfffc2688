// The programme documents as tables of text: what the page shows and the XLSX file holds. Only
// the school's plans — no names of people (teachers, students) ever go into them.
import type { AcademicCalendar } from '../../../domain/calendar';
import { academicYearTitle } from '../../../domain/school-year';
import type { DocumentTableDto } from '../../../contracts/documents';
import { programmeDirectionTitles } from '../../../contracts/subjects';
import type { TermSchedule } from '../readiness/readiness.repo';
import type { CurriculumLineRow, SharedCurriculum } from './documents.repo';

export const dateRu = (iso: string): string => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/** "1.5" → "1,5"; "5.0" → "5". */
export const hoursRu = (value: string | number): string => {
  const n = typeof value === 'number' ? value : Number(value);
  return String(Math.round(n * 10) / 10).replace('.', ',');
};

/** [1,2,3,4,5,6,7,8,9] → «1–9 классы»; [5] → «5 класс»; [1,3,4] → «1, 3–4 классы». */
export function gradesRu(grades: readonly number[]): string {
  const sorted = [...new Set(grades)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j === i ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return `${parts.join(', ')} ${sorted.length === 1 ? 'класс' : 'классы'}`;
}

const weekdays = ['', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота', 'воскресенье'];

export function calendarTables(calendar: AcademicCalendar, schedules: readonly TermSchedule[], academicYear: number): DocumentTableDto[] {
  const tables: DocumentTableDto[] = [{
    title: `Учебный год ${academicYearTitle(academicYear)}`,
    columns: ['Показатель', 'Значение'],
    rows: [
      ['Начало учебного года', dateRu(calendar.startsOn)],
      ['Окончание учебного года', dateRu(calendar.endsOn)],
      ...calendar.weekLengths.map((w) => [`Учебная неделя, ${gradesRu(w.grades)}`, `${w.days} дней`]),
    ],
  }];
  for (const s of schedules) {
    tables.push({
      title: `${s.name}: ${gradesRu(s.grades)}`,
      columns: ['Период', 'Начало', 'Окончание'],
      rows: s.periods.map((p) => [p.name, dateRu(p.startsOn), dateRu(p.endsOn)]),
    });
  }
  if (calendar.holidays.length > 0) {
    tables.push({
      title: 'Каникулы',
      columns: ['Каникулы', 'Начало', 'Окончание', 'Для кого'],
      rows: [...calendar.holidays].sort((a, b) => a.startsOn.localeCompare(b.startsOn))
        .map((h) => [h.name, dateRu(h.startsOn), dateRu(h.endsOn), h.grades ? gradesRu(h.grades) : 'все классы']),
    });
  }
  if (calendar.daysOff.length > 0) {
    tables.push({
      title: 'Праздничные и нерабочие дни',
      columns: ['Дата', 'Название'],
      rows: [...calendar.daysOff].sort((a, b) => a.date.localeCompare(b.date)).map((d) => [dateRu(d.date), d.name]),
    });
  }
  if (calendar.workingWeekends.length > 0) {
    tables.push({
      title: 'Рабочие выходные дни (перенос)',
      columns: ['Дата', 'Уроки по расписанию дня'],
      rows: [...calendar.workingWeekends].sort((a, b) => a.date.localeCompare(b.date)).map((w) => [dateRu(w.date), weekdays[w.worksAs] ?? '']),
    });
  }
  return tables;
}

const partTitles: Record<string, string> = {
  mandatory: 'Обязательная часть',
  formed: 'Часть, формируемая участниками образовательных отношений',
};

const curriculumTitle = (c: SharedCurriculum): string => (c.className ? `${c.name} (${c.className} класс)` : c.name);

export function curriculumTables(list: readonly SharedCurriculum[], lines: readonly CurriculumLineRow[]): DocumentTableDto[] {
  return list.map((c) => {
    const own = lines.filter((l) => l.curriculumId === c.id)
      .sort((a, b) => Number(a.part !== 'mandatory') - Number(b.part !== 'mandatory') || a.position - b.position);
    const total = own.reduce((sum, l) => sum + Number(l.hoursPerWeek), 0);
    return {
      title: `${curriculumTitle(c)}, ${c.weekDays}-дневная неделя`,
      columns: ['Предметная область', 'Предмет', 'Часть', 'Часов в неделю', 'Промежуточная аттестация'],
      rows: [
        ...own.map((l) => [
          l.subjectArea ?? '',
          l.subjectName,
          partTitles[l.part] ?? l.part,
          l.hoursByTerm && l.hoursByTerm.length > 0 ? `${hoursRu(l.hoursPerWeek)} (по периодам: ${l.hoursByTerm.map(hoursRu).join('; ')})` : hoursRu(l.hoursPerWeek),
          l.attestationForm ?? '',
        ]),
        ['', 'Итого', '', hoursRu(total), ''],
      ],
    };
  });
}

export function extracurricularTables(list: readonly SharedCurriculum[], lines: readonly CurriculumLineRow[]): DocumentTableDto[] {
  return list.map((c) => {
    const own = lines.filter((l) => l.curriculumId === c.id).sort((a, b) => a.position - b.position);
    const total = own.reduce((sum, l) => sum + Number(l.hoursPerWeek), 0);
    return {
      title: c.className ? `${c.className} класс: ${c.name}` : `${c.grade} класс: ${c.name}`,
      columns: ['Курс внеурочной деятельности', 'Направление', 'Часов в неделю'],
      rows: [...own.map((l) => [l.subjectName, l.subjectArea ?? '', hoursRu(l.hoursPerWeek)]), ['Итого', '', hoursRu(total)]],
    };
  });
}

const directionTitles: Record<string, string> = programmeDirectionTitles;

const ageRu = (from: number | null, to: number | null): string =>
  from !== null && to !== null ? `${from}–${to} лет` : from !== null ? `от ${from} лет` : to !== null ? `до ${to} лет` : '';

export function additionalProgrammeTables(rows: readonly {
  name: string; direction: string; ageFrom: number | null; ageTo: number | null; hoursPerWeek: string; totalHours: number | null;
}[]): DocumentTableDto[] {
  return [{
    title: 'Программы',
    columns: ['Программа', 'Направленность', 'Возраст', 'Часов в неделю', 'Всего часов'],
    rows: rows.map((r) => [r.name, directionTitles[r.direction] ?? r.direction, ageRu(r.ageFrom, r.ageTo), hoursRu(r.hoursPerWeek), r.totalHours === null ? '' : String(r.totalHours)]),
  }];
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  diffCurriculum, gradesLabel, sampleDiff,
  type CalendarContent, type ControlFormsContent, type CurriculumContent, type DiffEntry, type SampleContentByKind, type WorkProgrammeContent,
} from './sample-diff';

// Small pools so that two generated contents share most of their items and differ in a few.
const subject = fc.constantFrom('Русский язык', 'Литература', 'Математика', 'История', 'Физика', 'Музыка');
const hours = fc.constantFrom(null, 1, 2, 3, 5);
const curriculum: fc.Arbitrary<CurriculumContent> = fc.record({
  level: fc.constantFrom('basic', 'primary'),
  weekDays: fc.constantFrom(5, 6),
  grades: fc.constantFrom([5, 6, 7], [5, 6, 7, 8, 9], [7, 8]),
}).chain((head) => fc.record({
  level: fc.constant(head.level),
  weekDays: fc.constant(head.weekDays),
  grades: fc.constant(head.grades),
  lines: fc.array(fc.record({
    subject,
    subjectArea: fc.constantFrom(null, 'Математика и информатика'),
    catalogueCode: fc.constantFrom(null, 'mathematics'),
    part: fc.constantFrom('mandatory', 'formed'),
    hoursPerWeek: fc.array(hours, { minLength: head.grades.length, maxLength: head.grades.length }),
  }), { minLength: 1, maxLength: 6 }),
}));
const controlForms: fc.Arbitrary<ControlFormsContent> = fc.record({
  forms: fc.array(fc.record({
    name: fc.constantFrom('Контрольная работа', 'Ответ на уроке', 'Диктант', 'Зачёт'),
    shortName: fc.constantFrom('КР', 'О', 'Д'),
    weight: fc.constantFrom(0.5, 1, 2, 3),
    scale: fc.constantFrom('five', 'passFail', 'hundred'),
    levels: fc.subarray(['primary', 'basic', 'secondary']),
  }), { minLength: 1, maxLength: 5 }),
});
const date = fc.constantFrom('2026-09-01', '2026-10-25', '2026-11-04', '2026-12-29', '2027-01-11', '2027-05-26');
const grades = fc.constantFrom([1, 2, 3, 4], [5, 6, 7, 8, 9], [10, 11], [1]);
const calendar: fc.Arbitrary<CalendarContent> = fc.record({
  academicYear: fc.constantFrom(2026, 2027),
  calendar: fc.record({
    startsOn: date,
    endsOn: date,
    termSchemes: fc.array(fc.record({
      grades, kind: fc.constantFrom('quarter', 'half'),
      terms: fc.array(fc.record({ number: fc.integer({ min: 1, max: 4 }), startsOn: date, endsOn: date }), { maxLength: 4 }),
    }), { minLength: 1, maxLength: 3 }),
    holidays: fc.array(fc.record({
      name: fc.constantFrom('Осенние каникулы', 'Зимние каникулы', 'Дополнительные каникулы'), startsOn: date, endsOn: date,
      grades: fc.option(grades, { nil: undefined }),
    }), { maxLength: 4 }),
    daysOff: fc.array(fc.record({ date, name: fc.constantFrom('Праздник', 'Перенос') }), { maxLength: 3 }),
    workingWeekends: fc.array(fc.record({ date, worksAs: fc.integer({ min: 1, max: 6 }) }), { maxLength: 2 }),
    weekLengths: fc.array(fc.record({ grades, days: fc.constantFrom(5, 6) }), { maxLength: 3 }),
  }),
});
const workProgramme: fc.Arbitrary<WorkProgrammeContent> = fc.record({
  subject: fc.constantFrom('Алгебра', 'Геометрия'),
  grade: fc.constantFrom(7, 8),
  topics: fc.array(fc.record({
    title: fc.constantFrom('Введение', 'Уравнения', 'Функции', 'Повторение', 'Контрольная работа'),
    hours: fc.integer({ min: 1, max: 4 }),
    contentElements: fc.subarray(['1.1', '1.2', '2.3']),
  }), { minLength: 1, maxLength: 6 }),
});
const arbitraries: { [K in keyof SampleContentByKind]: fc.Arbitrary<SampleContentByKind[K]> } = {
  curriculum, controlForms, calendar, workProgramme,
};
const kinds = Object.keys(arbitraries) as (keyof SampleContentByKind)[];

const mirrored = (e: DiffEntry): DiffEntry => ({
  ...e, change: e.change === 'added' ? 'removed' : e.change === 'removed' ? 'added' : 'changed', from: e.to, to: e.from,
});
const sorted = (xs: DiffEntry[]): string[] => xs.map((e) => JSON.stringify(e)).sort();
const identity = (e: DiffEntry): string => `${e.section}|${e.key}|${e.field}|${e.grade}`;

describe.each(kinds)('diff of %s samples', (kind) => {
  const arb = arbitraries[kind] as fc.Arbitrary<SampleContentByKind[typeof kind]>;

  it('finds nothing between a content and itself', () => {
    fc.assert(fc.property(arb, (a) => {
      expect(sampleDiff(kind, a, a)).toEqual([]);
      expect(sampleDiff(kind, a, structuredClone(a))).toEqual([]);
    }));
  });

  it('reads the same backwards: b → a is a → b with added and removed, from and to swapped', () => {
    fc.assert(fc.property(arb, arb, (a, b) => {
      expect(sorted(sampleDiff(kind, b, a))).toEqual(sorted(sampleDiff(kind, a, b).map(mirrored)));
    }));
  });

  it('reports every changed field once', () => {
    fc.assert(fc.property(arb, arb, (a, b) => {
      const ids = sampleDiff(kind, a, b).map(identity);
      expect(new Set(ids).size).toBe(ids.length);
    }));
  });
});

describe('curriculum diff', () => {
  it('reports exactly the hours changed in one grade of one line', () => {
    fc.assert(fc.property(curriculum, fc.nat(), fc.nat(), fc.constantFrom(4, 6), (a, i, g, value) => {
      // Only subjects that occur once are addressed by their plain name.
      const line = a.lines[i % a.lines.length]!;
      fc.pre(a.lines.filter((l) => l.subject === line.subject).length === 1);
      const gi = g % a.grades.length;
      const b = structuredClone(a) as CurriculumContent & { lines: { hoursPerWeek: (number | null)[] }[] };
      b.lines[i % a.lines.length]!.hoursPerWeek[gi] = value;
      expect(diffCurriculum(a, b)).toEqual([{
        section: 'lines', key: line.subject, change: 'changed', field: 'hoursPerWeek', grade: a.grades[gi], from: line.hoursPerWeek[gi], to: value,
      }]);
    }));
  });

  it('names added and removed lines with their hours per grade', () => {
    const a: CurriculumContent = {
      level: 'basic', weekDays: 5, grades: [5, 6],
      lines: [{ subject: 'Обществознание', subjectArea: null, catalogueCode: 'socialStudies', part: 'mandatory', hoursPerWeek: [null, 1] }],
    };
    const b: CurriculumContent = { ...a, lines: [{ ...a.lines[0]!, subject: 'История', hoursPerWeek: [3, 3] }] };
    expect(diffCurriculum(a, b)).toEqual([
      { section: 'lines', key: 'Обществознание', change: 'removed', field: null, grade: null, from: [null, 1], to: null },
      { section: 'lines', key: 'История', change: 'added', field: null, grade: null, from: null, to: [3, 3] },
    ]);
  });
});

describe('work programme diff', () => {
  it('sees a topic renamed in place as one change of its title', () => {
    const a: WorkProgrammeContent = { subject: 'Алгебра', grade: 7, topics: [{ title: 'Введение', hours: 2, contentElements: [] }, { title: 'Функции', hours: 5, contentElements: ['1.2'] }] };
    const b: WorkProgrammeContent = { ...a, topics: [a.topics[0]!, { title: 'Линейная функция', hours: 6, contentElements: ['1.2'] }] };
    expect(sampleDiff('workProgramme', a, b)).toEqual([
      { section: 'topics', key: 'Тема 2', change: 'changed', field: 'title', grade: null, from: 'Функции', to: 'Линейная функция' },
      { section: 'topics', key: 'Тема 2', change: 'changed', field: 'hours', grade: null, from: 5, to: 6 },
    ]);
  });
});

describe('grades label', () => {
  it('joins runs of grades', () => {
    expect(gradesLabel([1, 2, 3, 4, 7, 10, 11])).toBe('1–4, 7, 10–11');
    expect(gradesLabel([9])).toBe('9');
  });
});

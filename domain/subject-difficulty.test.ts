import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { levelOfGrade, subjectCatalogue } from './subject-catalogue';
import { difficultyTableOf, hardSubjectsOf, medianScoreOf, subjectDifficulty } from './subject-difficulty';

const score = (name: string, grade: number, catalogueCode: string | null = null) => subjectDifficulty({ name, catalogueCode }, grade);
const gradesOf = { primary: [1, 2, 3, 4], basic: [5, 6, 7, 8, 9], secondary: [10, 11] } as const;

describe('the СанПиН difficulty of a subject', () => {
  it('takes the table of the grade: 6.9 for 1–4, 6.10 for 5–9 by grade, 6.11 for 10–11', () => {
    expect([1, 4, 5, 9, 10, 11].map(difficultyTableOf)).toEqual(['6.9', '6.9', '6.10', '6.10', '6.11', '6.11']);
    expect(score('Математика', 1, 'mathematics')).toEqual({ score: 8, table: '6.9', row: 'Математика', matchedBy: 'catalogue', fromMemory: false });
    expect([5, 6].map((g) => score('Математика', g, 'mathematics').score)).toEqual([10, 13]);
    expect([7, 8, 9].map((g) => score('Физика', g, 'physics').score)).toEqual([8, 9, 13]);
    expect(score('Физика', 10, 'physics').score).toBe(12);
  });

  it('maps the subjects of today’s curricula onto the old rows', () => {
    // Grade 7 has no «Математика» in table 6.10: a school teaching it gets algebra's score.
    expect(score('Математика', 7, 'mathematics')).toMatchObject({ score: 10, row: 'Алгебра' });
    expect(score('Окружающий мир', 2, 'worldAround')).toMatchObject({ score: 6, row: 'Природоведение, информатика' });
    expect(score('Иностранный язык', 3, 'foreignLanguage')).toMatchObject({ score: 7, row: 'Русский (национальный, иностранный язык)' });
    expect(score('Обществознание', 6, 'socialStudies')).toMatchObject({ score: 9, row: 'Граждановедение' });
    expect(score('Обществознание', 10, 'socialStudies')).toMatchObject({ score: 5, row: 'Обществознание' });
    expect(score('Труд (технология)', 5, 'technology')).toMatchObject({ score: 4, row: 'Труд' });
    expect(score('Основы безопасности и защиты Родины', 8, 'lifeSafety')).toMatchObject({ score: 3, fromMemory: true });
    // Taught in a grade its row does not cover: the row's score in the nearest grade.
    expect(score('Физика', 6, 'physics')).toMatchObject({ score: 8, row: 'Физика', matchedBy: 'catalogue' });
    expect(score('География', 5, 'geography')).toMatchObject({ score: 7, row: 'Природоведение' });
  });

  it('falls back on the name: the catalogue’s, a row’s own, common variants; else the median of the grade', () => {
    expect(score('Английский язык', 6)).toMatchObject({ score: 11, matchedBy: 'name', row: 'Иностранный язык' });
    expect(score('  алгебра  (углублённый уровень)', 8)).toMatchObject({ score: 9, matchedBy: 'name' });
    expect(score('Астрономия', 11)).toMatchObject({ score: 4, matchedBy: 'name' });
    expect(score('Технология', 6)).toMatchObject({ score: 3, matchedBy: 'name' });
    expect(score('Алгебра и начала математического анализа', 10)).toMatchObject({ score: 10, matchedBy: 'name' });
    expect(score('Физ-ра', 2)).toMatchObject({ score: 1, matchedBy: 'name' });
    expect(score('Шахматы', 5)).toEqual({ score: medianScoreOf(5), table: '6.10', row: '', matchedBy: 'median', fromMemory: false });
    // A catalogue code with no row (the individual project) goes by the name, then the median.
    expect(score('Индивидуальный проект', 10, 'individualProject').matchedBy).toBe('median');
  });

  it('scores every lesson subject of the ФГОС catalogue in every grade of its levels by its code (the individual project aside)', () => {
    for (const entry of subjectCatalogue.filter((e) => e.kind !== 'extracurricular' && e.code !== 'individualProject')) {
      for (const level of entry.levels) {
        for (const grade of gradesOf[level]) {
          expect(levelOfGrade(grade)).toBe(level);
          expect(score(entry.name, grade, entry.code).matchedBy, `${entry.name}, ${grade} класс`).toBe('catalogue');
        }
      }
    }
  });

  it('property: total — any name and grade give a positive score no higher than the grade’s hardest row', () => {
    const maxOf = (grade: number) => Math.max(...['Химия', 'Математика', 'Физика', 'Геометрия', 'Русский язык'].map((n) => score(n, grade).score));
    fc.assert(fc.property(fc.string(), fc.integer({ min: 1, max: 11 }), fc.option(fc.constantFrom(...subjectCatalogue.map((e) => e.code), 'unknown')), (name, grade, code) => {
      const d = subjectDifficulty({ name, catalogueCode: code }, grade);
      expect(d.score).toBeGreaterThan(0);
      expect(d.score).toBeLessThanOrEqual(maxOf(grade));
      expect(d.table).toBe(difficultyTableOf(grade));
    }));
  });
});

describe('the hard subjects of a class', () => {
  it('are the three top scores, ties at the border included; fewer than three subjects single none out', () => {
    const scored = [['Русский', 11], ['Литература', 4], ['Алгебра', 10], ['Геометрия', 12], ['Вероятность', 10], ['Музыка', 1]] as const;
    expect(hardSubjectsOf(scored.map(([subject, s]) => ({ subject, score: s })))).toEqual(['Русский', 'Алгебра', 'Геометрия', 'Вероятность']);
    expect(hardSubjectsOf([{ subject: 'Математика', score: 8 }, { subject: 'Музыка', score: 3 }])).toEqual([]);
  });

  it('property: at least three when there are three subjects, and every hard one scores at least as much as every other', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 13 }), { maxLength: 15 }), (scores) => {
      const scored = scores.map((s, i) => ({ subject: i, score: s }));
      const hard = new Set(hardSubjectsOf(scored));
      if (scores.length >= 3) expect(hard.size).toBeGreaterThanOrEqual(3);
      for (const h of scored.filter((s) => hard.has(s.subject))) for (const o of scored.filter((s) => !hard.has(s.subject))) expect(h.score).toBeGreaterThan(o.score);
    }));
  });
});

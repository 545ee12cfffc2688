import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  femaleAdultNames, femaleChildNames, femaleSurname, irregularPatronymics, maleAdultNames, maleChildNames, patronymic,
  pickRanked, surnames, transliterate,
} from './names';
import { Random } from './random';
import { levelOfGrade, subjectCatalogue } from './subjects';

const allMaleNames = [...new Set([...maleChildNames, ...maleAdultNames])];

describe('name data', () => {
  it('has enough distinct names and surnames', () => {
    expect(allMaleNames.length).toBeGreaterThanOrEqual(60);
    expect(new Set([...femaleChildNames, ...femaleAdultNames]).size).toBeGreaterThanOrEqual(60);
    expect(new Set(surnames).size).toBe(surnames.length);
    expect(surnames.length).toBeGreaterThanOrEqual(150);
    for (const list of [maleChildNames, maleAdultNames, femaleChildNames, femaleAdultNames]) {
      expect(new Set(list).size).toBe(list.length);
    }
  });
});

describe('femaleSurname', () => {
  it.each([
    ['Иванов', 'Иванова'], ['Соловьёв', 'Соловьёва'], ['Васильев', 'Васильева'], ['Ильин', 'Ильина'], ['Мехоношин', 'Мехоношина'],
    ['Троицкий', 'Троицкая'], ['Каменский', 'Каменская'], ['Толстой', 'Толстая'], ['Шевченко', 'Шевченко'], ['Ковальчук', 'Ковальчук'],
    ['Ким', 'Ким'], ['Цой', 'Цой'], ['Седых', 'Седых'], ['Долгих', 'Долгих'], ['Петросян', 'Петросян'], ['Мельник', 'Мельник'],
  ])('%s → %s', (male, female) => {
    expect(femaleSurname(male)).toBe(female);
  });

  it('gives every listed surname a female form that is a word of the same stem', () => {
    for (const s of surnames) {
      const f = femaleSurname(s);
      expect(f.slice(0, s.length - 2)).toBe(s.slice(0, s.length - 2));
      expect(f).not.toMatch(/(ов|ев|ёв|ин|ский|цкий)$/);
    }
  });
});

describe('patronymic', () => {
  it.each([
    ['Иван', 'Иванович', 'Ивановна'], ['Никита', 'Никитич', 'Никитична'], ['Илья', 'Ильич', 'Ильинична'], ['Лев', 'Львович', 'Львовна'],
    ['Павел', 'Павлович', 'Павловна'], ['Пётр', 'Петрович', 'Петровна'], ['Михаил', 'Михайлович', 'Михайловна'],
    ['Яков', 'Яковлевич', 'Яковлевна'], ['Сергей', 'Сергеевич', 'Сергеевна'], ['Николай', 'Николаевич', 'Николаевна'],
    ['Юрий', 'Юрьевич', 'Юрьевна'], ['Василий', 'Васильевич', 'Васильевна'], ['Дмитрий', 'Дмитриевич', 'Дмитриевна'],
    ['Георгий', 'Георгиевич', 'Георгиевна'], ['Евгений', 'Евгеньевич', 'Евгеньевна'], ['Игорь', 'Игоревич', 'Игоревна'],
    ['Кузьма', 'Кузьмич', 'Кузьминична'], ['Фома', 'Фомич', 'Фоминична'], ['Лука', 'Лукич', 'Лукинична'], ['Савва', 'Саввич', 'Саввична'],
    ['Даниил', 'Даниилович', 'Данииловна'], ['Данила', 'Данилович', 'Даниловна'], ['Артём', 'Артёмович', 'Артёмовна'],
    ['Рамиль', 'Рамилевич', 'Рамилевна'], ['Матвей', 'Матвеевич', 'Матвеевна'],
  ])('%s → %s, %s', (name, male, female) => {
    expect(patronymic(name, 'male')).toBe(male);
    expect(patronymic(name, 'female')).toBe(female);
  });

  it('agrees with the sex and keeps the stem for every listed name', () => {
    fc.assert(
      fc.property(fc.constantFrom(...allMaleNames), (name) => {
        const m = patronymic(name, 'male');
        const f = patronymic(name, 'female');
        expect(m).toMatch(/(ович|евич|ич)$/);
        expect(f).toMatch(/(овна|евна|ична|инична)$/);
        if (!(name in irregularPatronymics)) {
          expect(m.startsWith(name.slice(0, -2))).toBe(true);
          expect(f).toBe(m.endsWith('вич') ? `${m.slice(0, -3)}вна` : `${m}на`);
        }
      }),
    );
  });

  it('follows the rules for made-up names', () => {
    const consonants = [...'бвгдзклмнпрстфх'];
    const vowels = [...'аеиоу'];
    const syllable = fc.tuple(fc.constantFrom(...consonants), fc.constantFrom(...vowels)).map(([c, v]) => c + v);
    const stem = fc.array(syllable, { minLength: 1, maxLength: 3 }).map((s) => s.join('').replace(/^./, (c) => c.toUpperCase()));
    fc.assert(
      fc.property(stem, fc.constantFrom(...consonants), (s, c) => {
        const name = s + c; // e.g. «Тимур»
        // A made-up name can be a real one with its own form (Лев → Львович): those are tested above.
        fc.pre(![name, `${name}ей`, `${name}ь`].some((n) => n in irregularPatronymics));
        expect(patronymic(name, 'male')).toBe(`${name}ович`);
        expect(patronymic(name, 'female')).toBe(`${name}овна`);
        expect(patronymic(`${name}ей`, 'male')).toBe(`${name}еевич`);
        expect(patronymic(`${name}ь`, 'female')).toBe(`${name}евна`);
      }),
    );
  });
});

describe('random', () => {
  it('repeats for a seed and stays in range', () => {
    const a = new Random(42);
    const b = new Random(42);
    const xs = Array.from({ length: 100 }, () => a.int(3, 9));
    expect(Array.from({ length: 100 }, () => b.int(3, 9))).toEqual(xs);
    expect(xs.every((x) => x >= 3 && x <= 9)).toBe(true);
    expect(new Set(xs).size).toBe(7);
    expect(new Random(43).int(0, 1_000_000)).not.toBe(new Random(42).int(0, 1_000_000));
    expect(a.fork('x').next()).toBe(b.fork('x').next());
    expect(new Random(1).shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('favours the front of a ranked list', () => {
    const rng = new Random(5);
    const counts = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const name = pickRanked(rng, maleChildNames);
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    expect(counts.size).toBe(maleChildNames.length);
    expect(counts.get(maleChildNames[0])).toBeGreaterThan(3 * (counts.get(maleChildNames.at(-1) ?? '') ?? 0));
  });
});

describe('subject catalogue', () => {
  it('has unique names and levels that match the grades with hours', () => {
    expect(new Set(subjectCatalogue.map((s) => s.name)).size).toBe(subjectCatalogue.length);
    expect(new Set(subjectCatalogue.map((s) => s.key)).size).toBe(subjectCatalogue.length);
    for (const s of subjectCatalogue) {
      const fromHours = new Set(Object.keys(s.hours).map((g) => levelOfGrade(Number(g))));
      expect([...fromHours].sort(), s.name).toEqual([...s.levels].sort());
    }
    for (const name of ['Русский язык', 'Литературное чтение', 'Математика', 'Алгебра', 'Геометрия', 'Вероятность и статистика', 'Физика', 'Химия', 'Труд (технология)']) {
      expect(subjectCatalogue.some((s) => s.name === name), name).toBe(true);
    }
  });

  it('fits the weekly limits of a five-day week (ФОП: 21, 23, 23, 23; 29, 30, 32, 33, 33; 34, 34)', () => {
    const limits = [0, 21, 23, 23, 23, 29, 30, 32, 33, 33, 34, 34];
    for (let grade = 1; grade <= 11; grade++) {
      const total = subjectCatalogue.reduce((sum, s) => sum + ((s.hours as Partial<Record<number, number>>)[grade] ?? 0), 0);
      expect(total, `grade ${grade}`).toBeLessThanOrEqual(limits[grade] ?? 0);
      expect(total, `grade ${grade}`).toBeGreaterThanOrEqual((limits[grade] ?? 0) - 6);
    }
  });
});

it('transliterates for e-mail addresses', () => {
  expect(transliterate('Щербакова')).toBe('shcherbakova');
  expect(transliterate('Юлия')).toBe('yuliya');
  expect(transliterate('Соловьёв')).toBe('solovev');
});

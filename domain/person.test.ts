import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cleanText, className, normalizeDate, normalizeEmail, normalizeName, normalizePhone, normalizeSnils, parseClassName, personKey, snilsCheck,
  type Normalized,
} from './person';

const value = <T>(r: Normalized<T>): T => {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.value;
};
const code = <T>(r: Normalized<T>): string | null => (r.ok ? null : r.code);

/** A valid СНИЛС body (above the numbers issued without a check) with its check number. */
const snilsArb = fc.integer({ min: 1_001_999, max: 999_999_999 }).map((n) => {
  const body = String(n).padStart(9, '0');
  return body + String(snilsCheck(body)).padStart(2, '0');
});

describe('cleanText', () => {
  it('trims, collapses spaces, makes empty null and composes letters (NFC)', () => {
    expect(cleanText('  Иванов \t Пётр \n')).toBe('Иванов Пётр');
    expect(cleanText(' \t ')).toBeNull();
    expect(cleanText(null)).toBeNull();
    expect(cleanText(undefined)).toBeNull();
    // "й" and "ё" typed on a Mac arrive as a letter plus a combining mark.
    expect(cleanText('Андрей Ёлкин'.normalize('NFD'))).toBe('Андрей Ёлкин');
  });
});

describe('normalizeName', () => {
  it('keeps letters, ё, hyphens, apostrophes and inner spaces', () => {
    expect(value(normalizeName(' Анна–Мария '))).toBe('Анна-Мария');
    expect(value(normalizeName('Д’Артаньян'))).toBe("Д'Артаньян");
    expect(value(normalizeName('Фёдоров'))).toBe('Фёдоров');
    expect(value(normalizeName('Оглы Мамедов'))).toBe('Оглы Мамедов');
    expect(value(normalizeName('Я'))).toBe('Я');
    expect(value(normalizeName(''))).toBeNull();
  });

  it('refuses markup, digits, formulas and overlong names', () => {
    expect(code(normalizeName('<b>Иванов</b>'))).toBe('NAME_INVALID');
    expect(code(normalizeName('Иванов2'))).toBe('NAME_INVALID');
    expect(code(normalizeName('=HYPERLINK("x")'))).toBe('NAME_INVALID');
    expect(code(normalizeName('-Иванов'))).toBe('NAME_INVALID');
    expect(code(normalizeName('Я'.repeat(101)))).toBe('NAME_TOO_LONG');
    expect(normalizeName('1', 'Фамилия')).toMatchObject({ ok: false, message: expect.stringMatching(/^Фамилия:/) });
  });

  it('is idempotent and never lets a markup character through', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (raw) => {
      const r = normalizeName(raw);
      if (!r.ok || r.value === null) return;
      expect(r.value).not.toMatch(/[<>=&"\d]/);
      expect(value(normalizeName(r.value))).toBe(r.value);
    }));
  });
});

describe('normalizeSnils', () => {
  it('writes any spelling as 123-456-789 01 and checks the check number', () => {
    expect(value(normalizeSnils('112-233-445 95'))).toBe('112-233-445 95');
    expect(value(normalizeSnils('11223344595'))).toBe('112-233-445 95');
    expect(value(normalizeSnils(' 112 233 445 95 '))).toBe('112-233-445 95');
    expect(code(normalizeSnils('112-233-445 96'))).toBe('SNILS_CHECKSUM');
    expect(code(normalizeSnils('1122334459'))).toBe('SNILS_INVALID');
    expect(code(normalizeSnils('112-233-445 9x'))).toBe('SNILS_INVALID');
    // Numbers up to 001-001-998 had no check rule.
    expect(value(normalizeSnils('001-001-998 00'))).toBe('001-001-998 00');
    expect(value(normalizeSnils(null))).toBeNull();
  });

  it('computes the check number by the Pension Fund rules, 100 and 101 giving 00', () => {
    expect(snilsCheck('112233445')).toBe(95);
    // Weighted sums 99, 100, 101, 102 and 201 (9·9 + 8·2 + 3·1 = 100, …).
    expect(snilsCheck('920000000')).toBe(97);
    expect(snilsCheck('920000100')).toBe(0);
    expect(snilsCheck('920000101')).toBe(0);
    expect(snilsCheck('920000110')).toBe(1);
    expect(snilsCheck('999999999')).toBe(405 % 101);
  });

  it('accepts every valid number in any spelling and gives one canonical form', () => {
    fc.assert(fc.property(snilsArb, fc.constantFrom('', ' ', '-'), (digits, sep) => {
      const spelled = `${digits.slice(0, 3)}${sep}${digits.slice(3, 6)}${sep}${digits.slice(6, 9)}${sep === '' ? '' : ' '}${digits.slice(9)}`;
      const canonical = value(normalizeSnils(spelled))!;
      expect(canonical).toMatch(/^\d{3}-\d{3}-\d{3} \d{2}$/);
      expect(canonical.replace(/\D/g, '')).toBe(digits);
      expect(value(normalizeSnils(canonical))).toBe(canonical);
    }));
  });
});

describe('normalizePhone', () => {
  it('writes Russian numbers as +7 912 345-67-89', () => {
    for (const raw of ['+7 912 345-67-89', '89123456789', '8 (912) 345-67-89', '9123456789', '+7(912)3456789', '7 912 345 67 89']) {
      expect(value(normalizePhone(raw))).toBe('+7 912 345-67-89');
    }
    expect(code(normalizePhone('12345'))).toBe('PHONE_INVALID');
    expect(code(normalizePhone('+1 212 555-01-23'))).toBe('PHONE_INVALID');
    expect(code(normalizePhone('+7 912 345-67-89 доб. 1'))).toBe('PHONE_INVALID');
    expect(value(normalizePhone(''))).toBeNull();
  });

  it('is idempotent on whatever it accepts', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('7', '8', '9', '1', '+', ' ', '(', ')', '-'), maxLength: 18 }), (raw) => {
      const r = normalizePhone(raw);
      if (!r.ok || r.value === null) return;
      expect(r.value).toMatch(/^\+7 \d{3} \d{3}-\d{2}-\d{2}$/);
      expect(value(normalizePhone(r.value))).toBe(r.value);
    }));
  });
});

describe('normalizeEmail', () => {
  it('lower-cases and checks the shape', () => {
    expect(value(normalizeEmail(' Ivanova.A@School.RU '))).toBe('ivanova.a@school.ru');
    expect(value(normalizeEmail('director@школа.рф'))).toBe('director@школа.рф');
    expect(code(normalizeEmail('не почта'))).toBe('EMAIL_INVALID');
    expect(code(normalizeEmail('a@b'))).toBe('EMAIL_INVALID');
    expect(code(normalizeEmail('<script>@x.ru'))).toBe('EMAIL_INVALID');
    expect(code(normalizeEmail(`${'a'.repeat(250)}@x.ru`))).toBe('EMAIL_INVALID');
  });
});

describe('normalizeDate', () => {
  it('reads dd.mm.yyyy, ISO dates, spreadsheet day numbers and dates', () => {
    expect(value(normalizeDate('31.08.2015'))).toBe('2015-08-31');
    expect(value(normalizeDate('1.9.2015'))).toBe('2015-09-01');
    expect(value(normalizeDate('31.08.2015 0:00:00'))).toBe('2015-08-31');
    expect(value(normalizeDate('2015-08-31'))).toBe('2015-08-31');
    expect(value(normalizeDate('2015-08-31T00:00:00Z'))).toBe('2015-08-31');
    expect(value(normalizeDate(42247))).toBe('2015-08-31');
    expect(value(normalizeDate(new Date(Date.UTC(2015, 7, 31))))).toBe('2015-08-31');
    expect(value(normalizeDate(null))).toBeNull();
  });

  it('refuses dates that do not exist or lie outside 1900–2100, however they are given', () => {
    expect(code(normalizeDate('31.02.2015'))).toBe('DATE_INVALID');
    expect(code(normalizeDate('29.02.2015'))).toBe('DATE_INVALID');
    expect(value(normalizeDate('29.02.2016'))).toBe('2016-02-29');
    expect(code(normalizeDate('2015/08/31'))).toBe('DATE_INVALID');
    expect(code(normalizeDate('01.01.1899'))).toBe('DATE_INVALID');
    expect(code(normalizeDate(1))).toBe('DATE_INVALID');
    expect(code(normalizeDate(42247.5))).toBe('DATE_INVALID');
    expect(code(normalizeDate(new Date(Date.UTC(1850, 0, 1))))).toBe('DATE_INVALID');
    expect(code(normalizeDate(new Date(Number.NaN)))).toBe('DATE_INVALID');
  });

  it('reads back every date it writes', () => {
    fc.assert(fc.property(fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2100, 11, 31)), noInvalidDate: true }), (d) => {
      const iso = d.toISOString().slice(0, 10);
      const dotted = `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
      expect(value(normalizeDate(dotted))).toBe(iso);
      expect(value(normalizeDate(iso))).toBe(iso);
    }));
  });
});

describe('parseClassName', () => {
  it('reads 5А, 5 а, 5-А, 10 «Б» and refuses other shapes', () => {
    expect(value(parseClassName('5А'))).toEqual({ grade: 5, letter: 'А' });
    expect(value(parseClassName('5 а'))).toEqual({ grade: 5, letter: 'А' });
    expect(value(parseClassName('5-А'))).toEqual({ grade: 5, letter: 'А' });
    expect(value(parseClassName('10 «Б»'))).toEqual({ grade: 10, letter: 'Б' });
    expect(className(value(parseClassName('11ё'))!)).toBe('11Ё');
    expect(code(parseClassName('12А'))).toBe('CLASS_INVALID');
    expect(code(parseClassName('0А'))).toBe('CLASS_INVALID');
    expect(code(parseClassName('5'))).toBe('CLASS_INVALID');
    expect(code(parseClassName('5АБ'))).toBe('CLASS_INVALID');
    expect(value(parseClassName(''))).toBeNull();
  });
});

describe('personKey', () => {
  it('ignores case and ё, and tells apart different birth dates and patronymics', () => {
    const a = { lastName: 'Фёдорова', firstName: 'Алёна', middleName: 'Петровна', birthDate: '2014-01-02' };
    expect(personKey(a)).toBe(personKey({ ...a, lastName: 'ФЕДОРОВА', firstName: 'алена' }));
    expect(personKey(a)).not.toBe(personKey({ ...a, birthDate: '2014-01-03' }));
    expect(personKey(a)).not.toBe(personKey({ ...a, middleName: null }));
    expect(personKey({ ...a, middleName: null, birthDate: null })).toBe('федорова|алена||');
  });
});

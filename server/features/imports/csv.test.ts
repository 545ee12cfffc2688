import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors';
import { csvRecords, decodeText, detectSeparator, encodeWindows1251, toCsv, type Separator } from './csv';
import { csvRows, formatOf, resolveColumns, tableOf } from './table';

const records = (text: string, separator: Separator = ';') => [...csvRecords(text, separator)];

describe('decodeText', () => {
  it('reads UTF-8 with and without a BOM, Windows-1251 when the bytes are not UTF-8, and UTF-16 by its BOM', () => {
    const text = 'Фамилия;Имя;Ёлкин\r\n';
    expect(decodeText(new TextEncoder().encode(text))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(encodeWindows1251(text))).toEqual({ text, encoding: 'windows-1251' });
    expect(decodeText(new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]))).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeText(new Uint8Array([0xfe, 0xff, ...Buffer.from(text, 'utf16le').swap16()]))).toEqual({ text, encoding: 'utf-16be' });
  });

  it('reads any Windows-1251 file with a Russian header as Windows-1251', () => {
    // A scrap like "ТЁ" alone is also valid UTF-8 (D2 A8); a header of Russian words never is.
    fc.assert(fc.property(fc.array(fc.constantFrom(...'абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ;, 0123456789'.split('')), { minLength: 1, maxLength: 60 }), (chars) => {
      const text = `Фамилия;Имя\r\n${chars.join('')}`;
      const { text: back } = decodeText(encodeWindows1251(text));
      expect(back).toBe(text);
    }));
  });
});

describe('detectSeparator', () => {
  it('picks the separator the first lines use most, ; on a tie', () => {
    expect(detectSeparator('Фамилия;Имя;Отчество\r\nИванов;Иван;Иванович\r\n')).toBe(';');
    expect(detectSeparator('Фамилия,Имя,Отчество\nИванов,Иван,Иванович\n')).toBe(',');
    expect(detectSeparator('Фамилия\tИмя\tКласс, буква\n')).toBe('\t');
    expect(detectSeparator('Список, 2026\r\nФамилия;Имя;Класс\r\n')).toBe(';');
    expect(detectSeparator('Иванов')).toBe(';');
  });
});

describe('csvRecords', () => {
  it('reads quoted fields with "" escapes, separators and line breaks inside', () => {
    expect(records('"Иванов ""младший""";"Москва; Тверская\r\nд. 1";5А\r\nx;y;z\r\n')).toEqual([
      ['Иванов "младший"', 'Москва; Тверская\r\nд. 1', '5А'],
      ['x', 'y', 'z'],
    ]);
  });

  it('accepts \\n, \\r\\n and \\r line ends, a missing last line end, empty fields and a trailing separator', () => {
    expect(records('a;b\nc;d\re;f\r\ng;h')).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f'], ['g', 'h']]);
    expect(records(';;\n\na;')).toEqual([['', '', ''], [''], ['a', '']]);
    expect(records('a,"b",c', ',')).toEqual([['a', 'b', 'c']]);
  });

  it('is lenient like a spreadsheet: stray quotes are text and an unclosed quote runs to the end', () => {
    expect(records('ab"c;d\r\n')).toEqual([['ab"c', 'd']]);
    expect(records('"ab"c;d\r\n')).toEqual([['abc', 'd']]);
    expect(records('"ab;c\r\nd')).toEqual([['ab;c\r\nd']]);
    expect(records('""')).toEqual([]);
    expect(records('"";x')).toEqual([['', 'x']]);
  });

  it('reads back whatever toCsv writes', () => {
    const cell = fc.string({ unit: fc.constantFrom('а', 'Ё', 'z', ' ', ';', ',', '\t', '"', '\r', '\n', '=', '😀'), maxLength: 8 });
    fc.assert(fc.property(
      fc.constantFrom<Separator>(';', ',', '\t'),
      fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
      (separator, rows) => {
        // A lone empty field writes an empty line, which reads as one empty field: the same.
        expect(records(toCsv(rows, separator), separator)).toEqual(rows);
      },
    ), { numRuns: 300 });
  });
});

describe('files as tables', () => {
  it('knows a format by its first bytes, then by the extension', () => {
    expect(formatOf(new Uint8Array([0x50, 0x4b, 0x03, 0x04]), 'list.csv')).toBe('xlsx');
    expect(formatOf(new Uint8Array([1, 2, 3]), 'Контингент.XLSX')).toBe('xlsx');
    expect(formatOf(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'a.bin')).toBe('xls');
    expect(formatOf(new Uint8Array([0x5b]), 'rows.json')).toBe('json');
    expect(formatOf(new Uint8Array([0x41]), null)).toBe('csv');
  });

  it('maps Russian titles whatever their case, ё, spaces and synonyms, and names by kind what «ID ученика» means', () => {
    const staff = resolveColumns('staff', ['ФАМИЛИЯ ', 'Имя', 'Е-mail', 'Эл. почта', 'Моб. телефон', 'Дата  рождения', 'Табельный номер', 'Примечание', '']);
    expect(staff.columns).toEqual(['lastName', 'firstName', 'email', 'email', 'phone', 'birthDate', 'externalId', null, null]);
    expect(staff.unknownColumns).toEqual(['Примечание']);
    expect(resolveColumns('students', ['ID ученика', 'Класс']).columns).toEqual(['externalId', 'className']);
    expect(resolveColumns('guardians', ['ID ученика', 'ID', 'Степень родства', 'Класс']).columns).toEqual(['studentExternalId', 'externalId', 'relation', null]);
    expect(resolveColumns('students', ['lastName', 'FIRSTNAME', 'Фам'], { 'Фам': 'middleName' }).columns).toEqual(['lastName', 'firstName', 'middleName']);
    expect(resolveColumns('students', ['Фамилия', 'Имя'], { 'Имя': null }).columns).toEqual(['lastName', null]);
  });

  it('finds the header below title lines, and refuses a table without one', () => {
    const table = tableOf('csv', 'students', csvRows('Список учащихся на 01.09.2026\r\n\r\nФамилия;Имя;Класс\r\nИванов;Иван;5А\r\n;;\r\nПетров;Пётр;5Б\r\n'));
    expect(table.headerRowNumber).toBe(3);
    expect(table.rows.map((r) => r.rowNumber)).toEqual([4, 6]);
    const refuse = (text: string) => {
      try {
        tableOf('csv', 'guardians', csvRows(text), {}, true);
      } catch (err) {
        expect(err).toBeInstanceOf(AppError);
        return (err as AppError).code;
      }
      return null;
    };
    expect(refuse('a;b\r\n1;2\r\n')).toBe('NO_HEADER_ROW');
    expect(refuse('Фамилия;Имя\r\nИванова;Мария\r\n')).toBe('MISSING_COLUMNS');
    expect(refuse('Фамилия;Имя;ID ученика\r\n')).toBe('NO_ROWS');
    expect(refuse('Фамилия;Имя;ID ученика\r\nИванова;Мария;1\r\n')).toBeNull();
  });
});

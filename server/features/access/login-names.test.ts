import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loginPattern } from '../identity/credentials';
import { firstFreeLogin, loginBase, transliterate } from './login-names';

describe('generated logins', () => {
  it.each([
    [{ lastName: 'Иванова', firstName: 'Анна', middleName: 'Сергеевна' }, 'ivanova.as'],
    [{ lastName: 'Щукин', firstName: 'Ёжен', middleName: null }, 'shchukin.e'],
    [{ lastName: 'Лебедева', firstName: 'Юлия', middleName: 'Андреевна' }, 'lebedeva.ya'],
    [{ lastName: 'Петров-Водкин', firstName: 'Кузьма', middleName: 'Сергеевич' }, 'petrov-vodkin.ks'],
    [{ lastName: 'Хабибуллина', firstName: 'Гүзәл', middleName: 'Рифатовна' }, 'khabibullina.gr'],
    [{ lastName: "O'Connor", firstName: 'Шон', middleName: null }, 'oconnor.s'],
    [{ lastName: 'Müller', firstName: 'Jörg', middleName: null }, 'muller.j'],
    [{ lastName: 'Подъячев', firstName: 'Цзян', middleName: 'Ильич' }, 'podyachev.ti'],
    [{ lastName: '李', firstName: '明', middleName: null }, 'user'],
  ])('%j → %s', (person, login) => {
    expect(loginBase(person)).toBe(login);
    expect(loginPattern.test(login)).toBe(true);
  });

  it('transliterates the whole Russian alphabet to plain Latin letters', () => {
    expect(transliterate('абвгдеёжзийклмнопрстуфхцчшщъыьэюя')).toBe('abvgdeezhziyklmnoprstufkhtschshshchyeyuya');
  });

  it('always matches the login pattern, whatever the name', () => {
    fc.assert(fc.property(fc.string({ maxLength: 120 }), fc.string({ maxLength: 40 }), fc.option(fc.string({ maxLength: 40 })), (lastName, firstName, middleName) => {
      expect(loginPattern.test(loginBase({ lastName, firstName, middleName }))).toBe(true);
    }));
  });

  it('numbers a taken login from 2', () => {
    expect(firstFreeLogin('ivanova.as', new Set())).toBe('ivanova.as');
    expect(firstFreeLogin('ivanova.as', new Set(['ivanova.as', 'ivanova.as2', 'ivanova.ask']))).toBe('ivanova.as3');
  });
});

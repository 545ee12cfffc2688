import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  catalogueByLevel, catalogueEntry, levels, matchCatalogue, nameKey, subjectAreaAt, subjectCatalogue, subjectKinds,
} from './subject-catalogue';

describe('the ФГОС catalogue', () => {
  it('has unique codes and names, at least one level and a known kind per entry', () => {
    expect(new Set(subjectCatalogue.map((e) => e.code)).size).toBe(subjectCatalogue.length);
    expect(new Set(subjectCatalogue.map((e) => nameKey(e.name))).size).toBe(subjectCatalogue.length);
    for (const e of subjectCatalogue) {
      expect(e.code).toMatch(/^[a-z][A-Za-z]+$/);
      expect(e.levels.length).toBeGreaterThan(0);
      expect(e.levels.every((l) => levels.includes(l))).toBe(true);
      expect(subjectKinds).toContain(e.kind);
      expect(e.shortName.length).toBeLessThanOrEqual(40);
    }
  });

  it('holds the subjects of the federal curricula with their areas (ФОП НОО, ООО, СОО)', () => {
    // Mandatory subjects of each level as the federal curricula list them (5-day week).
    const federal: Record<string, [string, string][]> = {
      primary: [
        ['Русский язык', 'Русский язык и литературное чтение'], ['Литературное чтение', 'Русский язык и литературное чтение'],
        ['Иностранный язык', 'Иностранный язык'], ['Математика', 'Математика и информатика'],
        ['Окружающий мир', 'Обществознание и естествознание («Окружающий мир»)'],
        ['Основы религиозных культур и светской этики', 'Основы религиозных культур и светской этики'],
        ['Изобразительное искусство', 'Искусство'], ['Музыка', 'Искусство'], ['Труд (технология)', 'Технология'],
        ['Физическая культура', 'Физическая культура'],
      ],
      basic: [
        ['Русский язык', 'Русский язык и литература'], ['Литература', 'Русский язык и литература'], ['Иностранный язык', 'Иностранные языки'],
        ['Математика', 'Математика и информатика'], ['Алгебра', 'Математика и информатика'], ['Геометрия', 'Математика и информатика'],
        ['Вероятность и статистика', 'Математика и информатика'], ['Информатика', 'Математика и информатика'],
        ['История', 'Общественно-научные предметы'], ['Обществознание', 'Общественно-научные предметы'], ['География', 'Общественно-научные предметы'],
        ['Физика', 'Естественно-научные предметы'], ['Химия', 'Естественно-научные предметы'], ['Биология', 'Естественно-научные предметы'],
        ['Изобразительное искусство', 'Искусство'], ['Музыка', 'Искусство'], ['Труд (технология)', 'Технология'],
        ['Основы безопасности и защиты Родины', 'Основы безопасности и защиты Родины'], ['Физическая культура', 'Физическая культура'],
        ['Основы духовно-нравственной культуры народов России', 'Основы духовно-нравственной культуры народов России'],
      ],
      secondary: [
        ['Русский язык', 'Русский язык и литература'], ['Литература', 'Русский язык и литература'], ['Иностранный язык', 'Иностранные языки'],
        ['Алгебра и начала математического анализа', 'Математика и информатика'], ['Геометрия', 'Математика и информатика'],
        ['Вероятность и статистика', 'Математика и информатика'], ['Информатика', 'Математика и информатика'],
        ['История', 'Общественно-научные предметы'], ['Обществознание', 'Общественно-научные предметы'], ['География', 'Общественно-научные предметы'],
        ['Физика', 'Естественно-научные предметы'], ['Химия', 'Естественно-научные предметы'], ['Биология', 'Естественно-научные предметы'],
        ['Физическая культура', 'Физическая культура'], ['Основы безопасности и защиты Родины', 'Основы безопасности и защиты Родины'],
      ],
    };
    for (const level of levels) {
      for (const [name, area] of federal[level]!) {
        const entry = subjectCatalogue.find((e) => e.name === name);
        expect(entry, name).toBeDefined();
        expect(entry!.levels, `${name} at ${level}`).toContain(level);
        expect(subjectAreaAt(entry!, level), `${name} at ${level}`).toBe(area);
      }
    }
    expect(catalogueEntry('importantConversations')).toMatchObject({ name: 'Разговоры о важном', kind: 'extracurricular' });
  });

  it('groups every entry of a level exactly once', () => {
    for (const { level, groups } of catalogueByLevel()) {
      const codes = groups.flatMap((g) => g.entries.map((e) => e.code));
      expect(new Set(codes).size).toBe(codes.length);
      expect(codes.sort()).toEqual(subjectCatalogue.filter((e) => e.levels.includes(level)).map((e) => e.code).sort());
    }
  });
});

describe('matchCatalogue', () => {
  const code = fc.constantFrom(...subjectCatalogue.map((e) => e.code));
  const existing = fc.uniqueArray(fc.record({
    code, byName: fc.boolean(), id: fc.uuid(),
  }), { selector: (s) => s.code, maxLength: 10 }).map((list) => list.map((s) => ({
    id: s.id,
    // Named like the entry (in another case) without a code, or carrying the code under another name.
    name: s.byName ? catalogueEntry(s.code)!.name.toUpperCase() : `Свой предмет ${s.code}`,
    catalogueCode: s.byName ? null : s.code,
  })));

  it('splits the known codes asked for into found and missing, each once', () => {
    fc.assert(fc.property(fc.array(code, { maxLength: 20 }), existing, (codes, subjects) => {
      const { found, missing } = matchCatalogue([...codes, 'unknownCode'], subjects);
      const all = [...found.map((f) => f.code), ...missing.map((m) => m.code)];
      expect(all.sort()).toEqual([...new Set(codes)].sort());
      for (const f of found) expect(subjects.map((s) => s.id)).toContain(f.subjectId);
    }));
  });

  it('is idempotent: after making the missing ones nothing is missing', () => {
    fc.assert(fc.property(fc.array(code, { maxLength: 20 }), existing, (codes, subjects) => {
      const { missing } = matchCatalogue(codes, subjects);
      const made = missing.map((e, i) => ({ id: `new-${i}`, name: e.name, catalogueCode: e.code }));
      expect(matchCatalogue(codes, [...subjects, ...made]).missing).toEqual([]);
    }));
  });

  it('prefers the subject carrying the code over one only named alike', () => {
    const { found } = matchCatalogue(['algebra'], [
      { id: 'by-name', name: 'алгебра', catalogueCode: null },
      { id: 'by-code', name: 'Алгебра (углублённая)', catalogueCode: 'algebra' },
    ]);
    expect(found).toEqual([{ code: 'algebra', subjectId: 'by-code' }]);
  });
});

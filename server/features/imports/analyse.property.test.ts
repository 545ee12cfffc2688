// Whatever a file holds, the analyser answers for every row of it exactly once and never
// crashes; planning the accepted rows again against the same school decides the same.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldsOfKind, importFieldTitles, importOutcomes, type ImportKind } from '../../../contracts/imports';
import { AppError } from '../../lib/errors';
import { decodeText, toCsv } from './csv';
import { fixtureSnils } from './fixtures';
import { createPlanner, decisionOf, type PlannedRow, type Snapshot } from './plan';
import { readRow } from './rows';
import { csvRows, tableOf, tableOfJson, type Table } from './table';

const today = '2026-11-02';
const ctx = { today, academicYear: 2026 };

/** Values that make some rows valid, matching or duplicate, among plain random strings. */
const plausible = fc.constantFrom(
  '', ' ', 'Иванов', 'Иванова', 'Пётр', 'Анна-Мария', "Д'Артаньян", 'Сергеевич', '<b>x</b>', '=1+1', '@SUM(A1)',
  '01.09.2014', '2014-09-01', '31.02.2014', '01.01.2999', '5А', '5 б', '12Я', '5Д', 'м', 'ж', 'x', 'да', 'нет', 'может',
  'очная', 'семейное', 'самообразование', 'заочно', 'мать', 'отец', 'бабушка',
  fixtureSnils(1), fixtureSnils(2), '123-456-789 00', '+7 912 345-67-89', '89123456789', '12345', 'a@b.ru', 'не почта',
  'K1', 'K2', 'P1', '1', 'ё'.repeat(600),
);
const cell = fc.oneof(
  { weight: 3, arbitrary: plausible },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
);

// The name columns mostly hold names, so that rows get as far as matching and duplicates.
const name = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('Иванов', 'Иванова', 'Пётр', 'Анна-Мария') }, { weight: 1, arbitrary: cell });
const childId = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('K0', 'K1', 'K2', 'K3') }, { weight: 1, arbitrary: cell });

const kinds: ImportKind[] = ['staff', 'students', 'guardians'];

/** People the school already has, some sharing names or keys with the rows. */
const snapshotOf = (kind: ImportKind, seed: number): Snapshot => {
  const person = (i: number) => ({
    id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
    externalId: i % 3 === 0 ? `K${i % 4}` : null,
    lastName: i % 2 === 0 ? 'Иванов' : 'Иванова',
    firstName: i % 4 < 2 ? 'Пётр' : 'Анна-Мария',
    middleName: null,
    birthDate: i % 5 === 0 ? '2014-09-01' : null,
    snils: i % 4 === 1 ? fixtureSnils(i % 3) : null,
    email: null,
    phone: null,
  });
  const people = Array.from({ length: seed % 7 }, (_, i) => person(i));
  switch (kind) {
    case 'staff': return { kind, people: people.map((p) => ({ ...p, position: 'Учитель' })) };
    case 'students': return {
      kind,
      people: people.map((p) => ({ ...p, sex: null, educationForm: 'inSchool', individualCurriculum: false, adaptedProgramme: false })),
      classes: [{ id: '00000000-0000-7000-8000-00000000c5a0', name: '5А' }, { id: '00000000-0000-7000-8000-00000000c5b0', name: '5Б' }],
      enrollments: people.slice(0, 2).map((p) => ({ id: `${p.id.slice(0, -1)}e`, studentId: p.id, classId: '00000000-0000-7000-8000-00000000c5a0', startsOn: '2026-09-01' })),
    };
    case 'guardians': return {
      kind,
      people: people.slice(0, 3),
      students: people.map((p) => ({ ...p, id: `${p.id.slice(0, -1)}f` })),
      links: people.slice(0, 1).map((p) => ({ guardianId: p.id, studentId: `${p.id.slice(0, -1)}f`, relation: 'mother' })),
    };
  }
};

/** Reads and plans every row of a table, as the background analysis does. */
function analyse(kind: ImportKind, table: Table, snapshot: Snapshot): PlannedRow[] {
  const planner = createPlanner(snapshot, ctx);
  const planned = table.rows.map((row) => planner.plan(readRow(kind, row, table.columns, today)));
  planner.writes();
  return planned;
}

function checkReport(kind: ImportKind, table: Table, snapshot: Snapshot): void {
  const planned = analyse(kind, table, snapshot);
  // One answer per row, in order, with a known outcome and a reason exactly when rejected.
  expect(planned.map((p) => p.rowNumber)).toEqual(table.rows.map((r) => r.rowNumber));
  for (const p of planned) {
    expect(importOutcomes).toContain(p.outcome);
    expect(p.reasons.length > 0).toBe(p.outcome === 'rejected');
    for (const r of [...p.reasons, ...p.warnings]) expect(r.message).toMatch(/[А-Яа-яЁё]/);
  }
  // The apply plans the accepted rows again; against the same school it must decide the same.
  const replanner = createPlanner(snapshot, ctx);
  for (const p of planned.filter((x) => x.outcome !== 'rejected')) {
    const again = replanner.plan({ rowNumber: p.rowNumber, valid: true, data: JSON.parse(JSON.stringify(p.data)), warnings: p.warnings });
    expect(decisionOf(again)).toBe(decisionOf(p));
  }
  replanner.writes();
}

describe('the analyser on random files', () => {
  it('accounts for every non-blank CSV row exactly once and never throws anything but a file error', () => {
    fc.assert(fc.property(
      fc.constantFrom(...kinds),
      fc.nat(1000),
      fc.shuffledSubarray([...Array(21).keys()]),
      fc.array(fc.tuple(name, name, childId, fc.array(cell, { maxLength: 14 })), { minLength: 0, maxLength: 25 }),
      (kind, seed, extraColumns, drawn) => {
        const data = drawn.map(([last, first, child, rest]) => [last, first, ...(kind === 'guardians' ? [child] : []), ...rest]);
        const fields = fieldsOfKind[kind];
        const header = ['Фамилия', 'Имя', ...(kind === 'guardians' ? ['ID ученика'] : []), ...extraColumns.map((i) => (i < fields.length ? importFieldTitles[fields[i]!] : `Столбец ${i}`))];
        const text = toCsv([header, ...data.map((r) => r.map((c) => c))]);
        const rows = csvRows(decodeText(new TextEncoder().encode(text)).text);
        let table: Table;
        try {
          table = tableOf('csv', kind, rows);
        } catch (err) {
          expect(err).toBeInstanceOf(AppError);
          expect((err as AppError).status).toBe(400);
          return;
        }
        expect(table.headerRowNumber).toBe(1);
        expect(table.rows).toHaveLength(data.filter((r) => r.some((c) => c.trim() !== '')).length);
        checkReport(kind, table, snapshotOf(kind, seed));
      },
    ), { numRuns: 400 });
  });

  it('accounts for every JSON object, empty or odd ones included', () => {
    const key = fc.oneof(fc.constantFrom('lastName', 'firstName', 'Фамилия', 'Имя', 'СНИЛС', 'studentExternalId', 'className', 'Класс', 'ID', 'ИУП', 'email'), fc.string({ maxLength: 6 }));
    const value = fc.oneof(cell, fc.integer(), fc.boolean(), fc.constant(null), fc.double(), fc.array(fc.nat(), { maxLength: 2 }), fc.object({ maxDepth: 1 }));
    fc.assert(fc.property(
      fc.constantFrom(...kinds),
      fc.nat(1000),
      fc.array(fc.dictionary(key, value, { maxKeys: 8 }), { minLength: 1, maxLength: 20 }),
      (kind, seed, objects) => {
        const withNames = [{ lastName: 'Иванов', firstName: 'Пётр', studentExternalId: 'K1', ...objects[0] }, ...objects.slice(1)];
        let table: Table;
        try {
          table = tableOfJson(kind, withNames);
        } catch (err) {
          expect(err).toBeInstanceOf(AppError);
          return;
        }
        expect(table.rows.map((r) => r.rowNumber)).toEqual(withNames.map((_, i) => i + 1));
        checkReport(kind, table, snapshotOf(kind, seed));
      },
    ), { numRuns: 300 });
  });
});

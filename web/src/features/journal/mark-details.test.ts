import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UpdateMarkBody, maxMarkCommentLength } from '../../../../contracts/journal';
import {
  cellCommentNote, codeOptions, commentsByMark, detailsPatch, draftProblem, isContentElementCode, maxMarkCodes, normalizeCodes,
} from './mark-details';

const part = fc.integer({ min: 0, max: 999 }).map(String);
const code = fc.array(part, { minLength: 1, maxLength: 4 }).map((p) => p.join('.'));

describe('КЭС codes', () => {
  it('takes «1» to «1.2.3.4» and nothing else', () => {
    for (const ok of ['1', '1.2', '10.2.33', '1.2.3.4']) expect(isContentElementCode(ok), ok).toBe(true);
    for (const bad of ['', '1.', '.1', '1..2', '1.2.3.4.5', 'a', '1,2', ' 1', '1.2 ', '<b>1</b>', '١']) expect(isContentElementCode(bad), bad).toBe(false);
  });

  it('agrees with the server: a code the page lets through passes the contract, one it stops fails it', () => {
    fc.assert(fc.property(fc.oneof(code, fc.string({ maxLength: 12 })), (c) => {
      const server = UpdateMarkBody.safeParse({ contentElementCodes: [c] }).success;
      expect(isContentElementCode(c)).toBe(server);
    }));
  });

  it('normalizes to trimmed, non-empty codes, each once, first place kept', () => {
    expect(normalizeCodes([' 1.2', '', '1.2', '3 ', '  ', '1.2'])).toEqual(['1.2', '3']);
    fc.assert(fc.property(fc.array(fc.oneof(code, code.map((c) => ` ${c} `), fc.constant(''))), (codes) => {
      const n = normalizeCodes(codes);
      expect(new Set(n).size).toBe(n.length);
      expect(normalizeCodes(n)).toEqual(n);
      expect(new Set(n)).toEqual(new Set(codes.map((c) => c.trim()).filter((c) => c !== '')));
    }));
  });
});

describe('a draft', () => {
  it('is refused with a Russian message when the comment is too long, a code is malformed, or there are too many', () => {
    expect(draftProblem({ comment: 'x'.repeat(maxMarkCommentLength), codes: ['1.2'] })).toBeNull();
    expect(draftProblem({ comment: 'x'.repeat(maxMarkCommentLength + 1), codes: [] })).toMatch(/Комментарий: не длиннее 500/);
    expect(draftProblem({ comment: '', codes: ['1.2', '1.x'] })).toBe('Код КЭС вида «1», «1.2», «1.2.3»: не подходит «1.x»');
    expect(draftProblem({ comment: '', codes: Array.from({ length: maxMarkCodes + 1 }, (_, i) => String(i)) })).toMatch(/Не больше 20/);
  });

  it('that the page accepts is accepted by the server too', () => {
    fc.assert(fc.property(fc.string({ maxLength: 520 }), fc.array(fc.oneof(code, fc.string({ maxLength: 5 })), { maxLength: 24 }), (comment, codes) => {
      const patch = detailsPatch({ comment: null, contentElementCodes: [] }, { comment, codes });
      if (draftProblem({ comment, codes }) === null && patch !== null) expect(UpdateMarkBody.safeParse(patch).success).toBe(true);
    }));
  });
});

describe('what a save sends', () => {
  const mark = { comment: 'молодец', contentElementCodes: ['1.2', '3'] };

  it('is nothing when nothing changed (codes in another order, the comment as it was)', () => {
    expect(detailsPatch(mark, { comment: 'молодец', codes: ['3', ' 1.2', '3'] })).toBeNull();
    expect(detailsPatch({ comment: null, contentElementCodes: [] }, { comment: '   ', codes: [] })).toBeNull();
  });

  it('is only the changed field; the comment as typed, HTML and all; a blank one clears it', () => {
    expect(detailsPatch(mark, { comment: '<b>молодец</b>', codes: ['1.2', '3'] })).toEqual({ comment: '<b>молодец</b>' });
    expect(detailsPatch(mark, { comment: ' ', codes: ['1.2', '3'] })).toEqual({ comment: null });
    expect(detailsPatch(mark, { comment: 'молодец', codes: ['1.2'] })).toEqual({ contentElementCodes: ['1.2'] });
    expect(detailsPatch(mark, { comment: 'ok', codes: [] })).toEqual({ comment: 'ok', contentElementCodes: [] });
  });

  it('applied to the mark, leaves nothing more to send', () => {
    fc.assert(fc.property(
      fc.option(fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ''), { nil: null }), fc.uniqueArray(code, { maxLength: 5 }),
      fc.string({ maxLength: 20 }), fc.array(code, { maxLength: 6 }),
      (comment, codes, draftComment, draftCodes) => {
        const before = { comment, contentElementCodes: codes };
        const patch = detailsPatch(before, { comment: draftComment, codes: draftCodes });
        const after = { ...before, ...(patch ?? {}) };
        expect(detailsPatch(after, { comment: draftComment, codes: draftCodes })).toBeNull();
      },
    ));
  });
});

describe('a cell\'s comments', () => {
  const comments = commentsByMark([
    { marks: [{ id: 'a', comment: 'молодец' } as never, { id: 'b', comment: null } as never] },
    { marks: [{ id: 'c', comment: '' } as never, { id: 'd', comment: 'переписать' } as never] },
  ]);

  it('are read from the grid, marks without one left out', () => {
    expect([...comments]).toEqual([['a', 'молодец'], ['d', 'переписать']]);
  });

  it('name the comment alone for one mark, each with its mark for several, nothing when none', () => {
    expect(cellCommentNote([{ id: 'a', value: 5 }], comments)).toBe('молодец');
    expect(cellCommentNote([{ id: 'a', value: 5 }, { id: 'd', value: 'pass' }, { id: 'b', value: 4 }], comments)).toBe('5 — молодец; зч — переписать');
    expect(cellCommentNote([{ id: 'b', value: 4 }], comments)).toBeNull();
    expect(cellCommentNote([], comments)).toBeNull();
  });
});

describe('the codes to pick from', () => {
  it('are the codifiers\' elements once each, then the codes a mark keeps that they lack', () => {
    const elements = [{ code: '1', title: 'Числа' }, { code: '1.2', title: 'Дроби' }, { code: '1', title: 'Числа (другой)' }];
    expect(codeOptions(elements, ['1.2', '9.9'])).toEqual([
      { value: '1', label: '1 Числа' }, { value: '1.2', label: '1.2 Дроби' }, { value: '9.9', label: '9.9' },
    ]);
  });
});

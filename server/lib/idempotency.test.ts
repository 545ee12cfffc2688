// The request hash of a retried write: the same request hashes the same whatever the order of its
// keys; any other value, route or shape hashes differently.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestHash, stableJson } from './idempotency';

const json = fc.jsonValue();
const shuffle = (v: unknown, seed: number): unknown => {
  if (Array.isArray(v)) return v.map((x, i) => shuffle(x, seed + i));
  if (v === null || typeof v !== 'object') return v;
  const entries = Object.entries(v as Record<string, unknown>);
  const order = entries.map((e, i) => ({ e, k: (i * 7919 + seed) % (entries.length + 1) })).sort((a, b) => a.k - b.k).map((x) => x.e);
  return Object.fromEntries(order.map(([k, x]) => [k, shuffle(x, seed + 1)]));
};

describe('stableJson', () => {
  it('reads back as the value it was made of', () => {
    fc.assert(fc.property(json, (v) => { expect(JSON.parse(stableJson(v))).toEqual(JSON.parse(JSON.stringify(v))); }));
  });

  it('does not depend on the order of keys', () => {
    fc.assert(fc.property(json, fc.nat(1000), (v, seed) => { expect(stableJson(shuffle(v, seed))).toBe(stableJson(v)); }));
  });

  it('leaves out undefined fields, as JSON does', () => {
    expect(stableJson({ b: 1, a: undefined, c: [1, { y: 2, x: 1 }] })).toBe('{"b":1,"c":[1,{"x":1,"y":2}]}');
  });
});

describe('requestHash', () => {
  it('differs for another body or another route', () => {
    fc.assert(fc.property(json, json, (a, b) => {
      fc.pre(stableJson(a) !== stableJson(b));
      expect(requestHash('POST /x', a)).not.toBe(requestHash('POST /x', b));
    }));
    expect(requestHash('POST /a', { v: 5 })).not.toBe(requestHash('POST /b', { v: 5 }));
    expect(requestHash('POST /a', { v: 5, w: 1 })).toBe(requestHash('POST /a', { w: 1, v: 5 }));
  });
});

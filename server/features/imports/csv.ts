// Reading CSV as schools get it: UTF-8 with or without BOM or Windows-1251 (Excel's "CSV" on a
// Russian Windows), `;` or `,` or tab between fields, quoted fields with "" and line breaks.

export type TextEncoding = 'utf-8' | 'windows-1251' | 'utf-16le' | 'utf-16be';

/**
 * Bytes → text. A UTF-16 BOM or a UTF-8 BOM decides; otherwise valid UTF-8 is UTF-8 and
 * anything else is taken for Windows-1251, the only other encoding Russian spreadsheets save in.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1251').decode(body), encoding: 'windows-1251' };
  }
}

export type Separator = ';' | ',' | '\t';

/** The separator that occurs most in the first lines (a title line above the header may have none). */
export function detectSeparator(text: string): Separator {
  let end = 0;
  for (let lines = 0; lines < 20 && end !== -1; lines++) end = text.indexOf('\n', end + 1);
  const head = end === -1 ? text.slice(0, 65536) : text.slice(0, Math.min(end, 65536));
  const count = (ch: string): number => head.split(ch).length - 1;
  const counts: [Separator, number][] = [[';', count(';')], [',', count(',')], ['\t', count('\t')]];
  // `;` wins ties: Excel on Russian Windows writes it, and commas occur inside Russian text.
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * CSV records one by one, in one linear pass (throws TooManyFields past `maxFields`). Lenient like spreadsheets: a quote inside an
 * unquoted field is a plain character, text after a closing quote joins the field, and an
 * unclosed quote runs to the end of the file.
 */
export class TooManyFields extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} fields in a record`);
  }
}

export function* csvRecords(text: string, separator: Separator, maxFields = Number.POSITIVE_INFINITY): Generator<string[]> {
  const sep = separator.charCodeAt(0);
  const n = text.length;
  /** Where an unquoted run ends: at the next separator or line break, or the end of the text. */
  const endOfField = (from: number): number => {
    let j = from;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === sep || d === CR || d === LF) break;
      j++;
    }
    return j;
  };
  let i = 0;
  let record: string[] = [];
  let field = '';
  while (i < n) {
    let c = text.charCodeAt(i);
    if (c === QUOTE && field === '') {
      // A quoted field: copy runs between quotes, "" is one quote.
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q === -1) {
          field += text.slice(i);
          i = n;
          break;
        }
        field += text.slice(i, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      if (i >= n) break;
      c = text.charCodeAt(i);
      if (c !== sep && c !== CR && c !== LF) {
        // Text after the closing quote: keep it, up to the end of the field.
        const j = endOfField(i);
        field += text.slice(i, j);
        i = j;
        if (i >= n) break;
        c = text.charCodeAt(i);
      }
    } else if (c !== sep && c !== CR && c !== LF) {
      const j = endOfField(i);
      field += text.slice(i, j);
      i = j;
      if (i >= n) break;
      c = text.charCodeAt(i);
    }
    if (c === sep) {
      record.push(field);
      field = '';
      i++;
      // A line of millions of fields is not a table; stop before it costs seconds.
      if (record.length >= maxFields) throw new TooManyFields(maxFields);
      // A separator at the very end still opens an (empty) last field.
      if (i >= n) {
        record.push('');
        yield record;
        return;
      }
    } else {
      // A line break: \r\n, \n or \r.
      record.push(field);
      field = '';
      yield record;
      record = [];
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    }
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    yield record;
  }
}

/** One CSV field, quoted when it has to be. */
export const csvField = (value: string, separator: Separator = ';'): string =>
  value.includes('"') || value.includes(separator) || value.includes('\n') || value.includes('\r') || value.startsWith(' ') || value.endsWith(' ')
    ? `"${value.replaceAll('"', '""')}"`
    : value;

/** Rows → CSV text with CRLF line ends, as Excel writes it. */
export const toCsv = (rows: readonly (readonly string[])[], separator: Separator = ';'): string =>
  rows.map((r) => r.map((v) => csvField(v, separator)).join(separator)).join('\r\n') + '\r\n';

/** Text → Windows-1251 bytes (for tests and fixtures: TextEncoder only writes UTF-8). */
export function encodeWindows1251(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) out[i] = code;
    else if (code >= 0x410 && code <= 0x44f) out[i] = code - 0x410 + 0xc0;
    else if (code === 0x401) out[i] = 0xa8; // Ё
    else if (code === 0x451) out[i] = 0xb8; // ё
    else if (code === 0x2116) out[i] = 0xb9; // №
    else out[i] = 0x3f; // ?
  }
  return out;
}

// A small XML reader for FET's files: elements, text, CDATA, the five named entities and
// character references; comments, processing instructions and the DOCTYPE are skipped, attributes
// are read past and dropped (FET's files keep everything in elements). It is strict about what
// it reads — every element closed by its own name — and about ten times faster than a general
// parser on FET's examples, which counts: reading the file is part of the solver's time (bench).
//
// An element becomes an object: each child element's name → the list of those children (in the
// file's order), '#text' → the element's own text (exactly as written, entities decoded), and
// '#order' → the names of all its child elements in the file's order.

export type XmlNode = Record<string, unknown> & { '#text': string; '#order': string[] };

export class XmlError extends Error {}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(raw: string, at: number, line: (pos: number) => string): string {
  if (raw.indexOf('&') < 0) return raw;
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);|&/g, (m, ref: string | undefined) => {
    if (ref === undefined) throw new XmlError(`одиночный «&» ${line(at)}`);
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const v = NAMED[ref];
    if (v === undefined) throw new XmlError(`неизвестная сущность «${m}» ${line(at)}`);
    return v;
  });
}

function newNode(): XmlNode {
  return { '#text': '', '#order': [] } as unknown as XmlNode;
}

/** Where the next `ch` at or after `from` is; the text's length when there is none. */
function nextOf(src: string, ch: string, from: number): number {
  const at = src.indexOf(ch, from);
  return at < 0 ? src.length : at;
}

/** Parse a document; the result is a node whose children are the top-level elements. */
export function parseXml(xml: string): XmlNode {
  const src = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  const n = src.length;
  const line = (pos: number) => {
    let l = 1;
    for (let k = src.indexOf('\n'); k >= 0 && k < pos; k = src.indexOf('\n', k + 1)) l++;
    return `(строка ${l})`;
  };
  const doc = newNode();
  const stack: XmlNode[] = [doc];
  const names: string[] = [];
  let node = doc;
  let pos = 0;
  let nextDq = -1;
  let nextSq = -1;
  while (pos < n) {
    const lt = src.indexOf('<', pos);
    const end = lt < 0 ? n : lt;
    if (end > pos) {
      // Text outside the root is not kept: a file that is not XML at all has no root to find.
      if (stack.length > 1) node['#text'] += decode(src.slice(pos, end), pos, line);
    }
    if (lt < 0) break;
    const c = src.charCodeAt(lt + 1);
    if (c === 0x21 /* ! */) {
      if (src.startsWith('<!--', lt)) {
        const close = src.indexOf('-->', lt + 4);
        if (close < 0) throw new XmlError(`незакрытый комментарий ${line(lt)}`);
        pos = close + 3;
      } else if (src.startsWith('<![CDATA[', lt)) {
        const close = src.indexOf(']]>', lt + 9);
        if (close < 0) throw new XmlError(`незакрытый CDATA ${line(lt)}`);
        if (stack.length > 1) node['#text'] += src.slice(lt + 9, close);
        pos = close + 3;
      } else {
        // <!DOCTYPE …> with an optional internal subset in brackets.
        let k = lt + 2;
        let depth = 0;
        for (; k < n; k++) {
          const ch = src.charCodeAt(k);
          if (ch === 0x5b) depth++;
          else if (ch === 0x5d) depth--;
          else if (ch === 0x3e && depth <= 0) break;
        }
        if (k >= n) throw new XmlError(`незакрытое объявление ${line(lt)}`);
        pos = k + 1;
      }
      continue;
    }
    if (c === 0x3f /* ? */) {
      const close = src.indexOf('?>', lt + 2);
      if (close < 0) throw new XmlError(`незакрытая инструкция ${line(lt)}`);
      pos = close + 2;
      continue;
    }
    const gt = src.indexOf('>', lt + 1);
    if (gt < 0) throw new XmlError(`незакрытый тег ${line(lt)}`);
    if (c === 0x2f /* / */) {
      const name = src.slice(lt + 2, gt).trim();
      const open = names.pop();
      if (open === undefined) throw new XmlError(`закрывающий тег </${name}> без открывающего ${line(lt)}`);
      if (open !== name) throw new XmlError(`ожидался </${open}>, а встретился </${name}> ${line(lt)}`);
      stack.pop();
      node = stack[stack.length - 1]!;
      pos = gt + 1;
      continue;
    }
    // A start tag: the name runs to the first space, '/' or '>'; attributes (quoted values may hold '>') are skipped.
    let k = lt + 1;
    while (k < n) {
      const ch = src.charCodeAt(k);
      if (ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d || ch === 0x2f || ch === 0x3e) break;
      k++;
    }
    const name = src.slice(lt + 1, k);
    if (name === '') throw new XmlError(`тег без имени ${line(lt)}`);
    // The tag ends at the first '>' unless a quote comes before it (an attribute's value may hold
    // '>'). The next quote of each kind is kept, so the file is searched for each at most once.
    if (nextDq < k) nextDq = nextOf(src, '"', k);
    if (nextSq < k) nextSq = nextOf(src, "'", k);
    let close = gt;
    if (nextDq < gt || nextSq < gt) {
      let quote = 0;
      for (close = k; close < n; close++) {
        const ch = src.charCodeAt(close);
        if (quote !== 0) {
          if (ch === quote) quote = 0;
        } else if (ch === 0x22 || ch === 0x27) quote = ch;
        else if (ch === 0x3e) break;
      }
    }
    if (close >= n) throw new XmlError(`незакрытый тег <${name}> ${line(lt)}`);
    const selfClosing = src.charCodeAt(close - 1) === 0x2f;
    const child = newNode();
    const list = node[name] as XmlNode[] | undefined;
    if (list) list.push(child);
    else node[name] = [child];
    node['#order'].push(name);
    pos = close + 1;
    if (!selfClosing) {
      stack.push(child);
      names.push(name);
      node = child;
    }
  }
  if (names.length > 0) throw new XmlError(`не закрыт <${names[names.length - 1]}> (конец файла)`);
  return doc;
}

import { describe, expect, it } from 'vitest';
import { parseXml, XmlError, type XmlNode } from './xml.ts';

const kids = (n: XmlNode, tag: string) => n[tag] as XmlNode[];

describe('parseXml', () => {
  it('reads elements as lists by name, with the children’s order and the text exactly as written', () => {
    const doc = parseXml('\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE fet>\n<fet version="6.8.5"><A> x </A><B/><A>y</A><!-- <A>z</A> --></fet>');
    const fet = kids(doc, 'fet')[0]!;
    expect(fet['#order']).toEqual(['A', 'B', 'A']);
    expect(kids(fet, 'A').map((a) => a['#text'])).toEqual([' x ', 'y']);
    expect(kids(fet, 'B')[0]!['#text']).toBe('');
  });

  it('decodes entities and character references, and keeps CDATA as it is', () => {
    const doc = parseXml('<r><t>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#1071;&#x44f;</t><u><![CDATA[<i>&amp;</i>]]></u></r>');
    const r = kids(doc, 'r')[0]!;
    expect(kids(r, 't')[0]!['#text']).toBe('a & b <c> "d" \'e\' Яя');
    expect(kids(r, 'u')[0]!['#text']).toBe('<i>&amp;</i>');
  });

  it('skips attributes, a quoted «>» in them included', () => {
    const doc = parseXml('<r a="1 > 0" b=\'x\'><s k="v"/></r>');
    expect(kids(doc, 'r')[0]!['#order']).toEqual(['s']);
  });

  it('keeps no text outside the root: plain text has no element at all', () => {
    expect(parseXml('это не XML')['#order']).toEqual([]);
  });

  it.each([
    ['<fet><Days_List>', 'не закрыт <Days_List>'],
    ['<a><b></a>', 'ожидался </b>, а встретился </a>'],
    ['<a></a></b>', 'закрывающий тег </b> без открывающего'],
    ['<a>\n<b', 'незакрытый тег (строка 2)'],
    ['<a>x & y</a>', 'одиночный «&»'],
    ['<a>&nbsp;</a>', 'неизвестная сущность «&nbsp;»'],
    ['<a><!-- x </a>', 'незакрытый комментарий'],
  ])('refuses %j: %s', (xml, message) => {
    expect(() => parseXml(xml)).toThrow(XmlError);
    expect(() => parseXml(xml)).toThrow(message);
  });
});

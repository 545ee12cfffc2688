import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { checkFileKind, cleanFileName, contentDisposition, createDiskFileStore, fileKinds, type FileStore } from './storage';

const school = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const bytes = (...parts: (string | number[])[]): Buffer => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const zipHead = (firstEntry: string, content = ''): Buffer => {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(firstEntry.length, 26);
  return Buffer.concat([header, Buffer.from(firstEntry + content, 'latin1')]);
};

/** A small real sample of each kind, by its first bytes. */
const samples: Record<(typeof fileKinds)[number], Buffer> = {
  pdf: bytes('%PDF-1.7\n%âãÏÓ\n1 0 obj'),
  jpg: bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF'),
  png: bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], 'IHDR'),
  webp: bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '),
  gif: bytes('GIF89a', [1, 0, 1, 0]),
  docx: zipHead('[Content_Types].xml'),
  xlsx: zipHead('[Content_Types].xml'),
  pptx: zipHead('[Content_Types].xml'),
  odt: zipHead('mimetype', 'application/vnd.oasis.opendocument.text'),
  ods: zipHead('mimetype', 'application/vnd.oasis.opendocument.spreadsheet'),
  txt: Buffer.from('Решить задачи № 12–15, стр. 40\n', 'utf8'),
  zip: zipHead('answers/1.txt'),
};

const codeOf = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (err) {
    return err instanceof AppError ? err.code : 'OTHER';
  }
};

describe('file kinds: extension and first bytes', () => {
  it('accepts every allowed kind whose content matches its extension', () => {
    for (const kind of fileKinds) {
      const ext = kind === 'jpg' ? 'JPEG' : kind;
      expect(checkFileKind(`работа.${ext}`, samples[kind], fileKinds), kind).toBe(kind);
    }
  });

  it('refuses a program renamed .pdf, an unknown extension, a kind not allowed and text with NUL bytes', () => {
    const exe = bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0], 'This program cannot be run in DOS mode');
    expect(codeOf(() => checkFileKind('homework.pdf', exe, fileKinds))).toBe('FILE_TYPE_FORBIDDEN');
    expect(codeOf(() => checkFileKind('virus.exe', exe, fileKinds))).toBe('FILE_TYPE_FORBIDDEN');
    expect(codeOf(() => checkFileKind('без расширения', samples.pdf, fileKinds))).toBe('FILE_TYPE_FORBIDDEN');
    expect(codeOf(() => checkFileKind('photo.png', samples.png, ['pdf']))).toBe('FILE_TYPE_FORBIDDEN');
    expect(codeOf(() => checkFileKind('notes.txt', bytes('abc', [0], 'def'), fileKinds))).toBe('FILE_TYPE_FORBIDDEN');
    expect(codeOf(() => checkFileKind('essay.odt', samples.ods, fileKinds))).toBe('FILE_TYPE_FORBIDDEN');
    expect(codeOf(() => checkFileKind('page.txt', Buffer.from([0xc3, 0x28, 0x41, 0x42]), fileKinds))).toBe('FILE_TYPE_FORBIDDEN');
  });

  it('accepts UTF-8 text whose last character the head cut in half', () => {
    const cut = Buffer.from('Задание', 'utf8').subarray(0, 5);
    expect(checkFileKind('a.txt', cut, ['txt'])).toBe('txt');
  });
});

describe('file names', () => {
  it('keeps the name without folders and control characters, at most 200 characters with the extension', () => {
    expect(cleanFileName('C:\\Users\\Аня\\Сочинение.docx')).toBe('Сочинение.docx');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a\u0000b\nc.txt')).toBe('abc.txt');
    const long = cleanFileName(`${'я'.repeat(300)}.pdf`);
    expect(long).toHaveLength(200);
    expect(long.endsWith('.pdf')).toBe(true);
  });

  it('answers downloads with an ASCII fallback and the RFC 5987 name', () => {
    expect(contentDisposition('Домашнее задание (1).pdf')).toBe(
      'attachment; filename="________ _______ (1).pdf"; filename*=UTF-8\'\'%D0%94%D0%BE%D0%BC%D0%B0%D1%88%D0%BD%D0%B5%D0%B5%20%D0%B7%D0%B0%D0%B4%D0%B0%D0%BD%D0%B8%D0%B5%20%281%29.pdf',
    );
    expect(contentDisposition('a"b.txt')).toContain('filename="a_b.txt"');
  });
});

describe('the disk store', () => {
  let dir: string;
  let store: FileStore;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'otmetka-storage-'));
    store = createDiskFileStore(dir);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const chunks = (...parts: Buffer[]): Readable => Readable.from(parts);
  const stored = async (): Promise<string[]> => (await readdir(join(dir, school), { recursive: true, withFileTypes: true }).catch(() => []))
    .filter((e) => e.isFile()).map((e) => e.name);

  it('stores bytes under their sha256 once, reads them back and deletes them', async () => {
    const a = await store.put(school, chunks(Buffer.from('Задача 1. '), Buffer.from('Задача 2.')), { maxBytes: 1000 });
    expect(a.key).toBe(`${school}/${a.sha256}`);
    expect(a.sizeBytes).toBe(Buffer.byteLength('Задача 1. Задача 2.'));
    const b = await store.put(school, chunks(Buffer.from('Задача 1. Задача 2.')), { maxBytes: 1000 });
    expect(b.key).toBe(a.key);
    expect(await stored()).toEqual([a.sha256]);
    expect(await text((await store.get(a.key))!)).toBe('Задача 1. Задача 2.');
    await store.delete(a.key);
    expect(await store.get(a.key)).toBeNull();
  });

  it('refuses more than the limit and a refused check, keeping nothing', async () => {
    await expect(store.put(school, chunks(Buffer.alloc(600), Buffer.alloc(600)), { maxBytes: 1000 })).rejects.toMatchObject({ code: 'FILE_TOO_LARGE', status: 413 });
    await expect(store.put(school, chunks(samples.png), { maxBytes: 1000, check: (head) => checkFileKind('x.pdf', head, fileKinds) }))
      .rejects.toMatchObject({ code: 'FILE_TYPE_FORBIDDEN', status: 400 });
    expect(await stored()).toEqual([]);
    expect(await readdir(join(dir, '.incoming'))).toEqual([]);
  });

  it('never reads outside its folder', async () => {
    await expect(store.get('../../etc/passwd')).rejects.toThrow(/bad storage key/);
  });
});

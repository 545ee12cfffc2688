// The file store: bytes of lesson materials, homework attachments and students' work, kept on disk
// under the data folder and addressed by their sha256 within a school (the same bytes are stored
// once). What a file is comes from its name's extension AND its first bytes: a program renamed
// «.pdf» is refused. The rows that say whose a file is live in the `files` table.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from './errors';

/** Kinds of file the journal accepts (configurable per installation: OTMETKA_FILE_TYPES). */
export const fileKinds = ['pdf', 'jpg', 'png', 'webp', 'gif', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'txt', 'zip'] as const;
export type FileKind = (typeof fileKinds)[number];

const kindOfExtension: Record<string, FileKind> = {
  pdf: 'pdf', jpg: 'jpg', jpeg: 'jpg', png: 'png', webp: 'webp', gif: 'gif', docx: 'docx', xlsx: 'xlsx', pptx: 'pptx',
  odt: 'odt', ods: 'ods', txt: 'txt', zip: 'zip',
};

export const mimeTypeOf: Record<FileKind, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  txt: 'text/plain; charset=utf-8',
  zip: 'application/zip',
};

/** How many first bytes the content check reads. */
export const headBytes = 4096;

const startsWith = (head: Buffer, bytes: readonly number[], at = 0): boolean =>
  head.length >= at + bytes.length && bytes.every((b, i) => head[at + i] === b);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const isZip = (head: Buffer): boolean => startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06]);
/** An OpenDocument file stores its type uncompressed as the zip's first entry «mimetype». */
const isOpenDocument = (head: Buffer, type: string): boolean =>
  isZip(head) && head.subarray(30, 38).toString('latin1') === 'mimetype' && head.subarray(38, 38 + type.length).toString('latin1') === type;

/** Plain text: no NUL byte and valid UTF-8 (a character cut at the end of the head is fine). */
function isText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let cut = 0; cut <= 3 && cut <= head.length; cut++) {
    try {
      decoder.decode(head.subarray(0, head.length - cut));
      return true;
    } catch {
      // A multi-byte character may be cut by the head's end: try a little shorter.
    }
  }
  return false;
}

/** Whether a file's first bytes are what its kind's files begin with. */
export function contentMatches(kind: FileKind, head: Buffer): boolean {
  switch (kind) {
    case 'pdf': return startsWith(head, ascii('%PDF-'));
    case 'jpg': return startsWith(head, [0xff, 0xd8, 0xff]);
    case 'png': return startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'gif': return startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'));
    case 'webp': return startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8);
    case 'odt': return isOpenDocument(head, 'application/vnd.oasis.opendocument.text');
    case 'ods': return isOpenDocument(head, 'application/vnd.oasis.opendocument.spreadsheet');
    case 'docx': case 'xlsx': case 'pptx': case 'zip': return isZip(head);
    case 'txt': return isText(head);
  }
}

/** The kind a file's name says, or null («отчёт.PDF» → pdf). */
export function kindOfName(name: string): FileKind | null {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? null : kindOfExtension[name.slice(dot + 1).toLowerCase()] ?? null;
}

/** A file name fit to keep and to send back: no folders, no control characters, at most 200 characters. */
export function cleanFileName(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const base = raw.replace(/[\u0000-\u001f\u007f]/g, '').split(/[\\/]/).pop()!.trim();
  if (base.length <= 200) return base;
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : '';
  return base.slice(0, 200 - ext.length) + ext;
}

const formatMb = (bytes: number): string => `${Math.round((bytes / 1024 / 1024) * 10) / 10}`.replace('.', ',');

export const fileTooLarge = (maxBytes: number): AppError =>
  new AppError('FILE_TOO_LARGE', 413, `Файл слишком большой: можно не больше ${formatMb(maxBytes)} МБ`);
const typeForbidden = (allowed: readonly FileKind[]): AppError =>
  new AppError('FILE_TYPE_FORBIDDEN', 400, `Такой файл загрузить нельзя. Можно: ${allowed.join(', ')} — и содержимое должно соответствовать расширению`);

/**
 * The kind of an uploaded file, checked by the extension of its name and its first bytes against
 * the kinds allowed; 400 FILE_TYPE_FORBIDDEN otherwise.
 */
export function checkFileKind(name: string, head: Buffer, allowed: readonly FileKind[]): FileKind {
  const kind = kindOfName(name);
  if (!kind || !allowed.includes(kind) || !contentMatches(kind, head)) throw typeForbidden(allowed);
  return kind;
}

export type StoredObject = { key: string; sha256: string; sizeBytes: number };

export type FileStore = {
  /**
   * Stores a stream's bytes under `<namespace>/<sha256>`, at most `maxBytes` of them (more: 413
   * FILE_TOO_LARGE, nothing kept). `check` sees the first bytes once all arrived and may refuse them
   * by throwing; then nothing is kept either.
   */
  put(namespace: string, body: Readable, opts: { maxBytes: number; check?: (head: Buffer) => void }): Promise<StoredObject>;
  /** The bytes under a key, or null when there are none. */
  get(key: string): Promise<Readable | null>;
  delete(key: string): Promise<void>;
};

const keyPattern = /^[0-9a-f-]{36}\/[0-9a-f]{64}$/;

/**
 * Writes a stream to a file while hashing and counting it. Past `maxBytes` it stops writing and
 * refuses at once; the rest of the body is drained (not destroyed), so the refusal still reaches
 * the client.
 */
function receive(body: Readable, path: string, maxBytes: number): Promise<{ sha256: string; sizeBytes: number; head: Buffer }> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(path);
    const hash = createHash('sha256');
    const headParts: Buffer[] = [];
    let size = 0;
    let headSize = 0;
    let settled = false;
    const fail = (err: unknown): void => {
      if (settled) return;
      settled = true;
      body.unpipe(out);
      out.destroy();
      body.resume();
      reject(err);
    };
    body.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > maxBytes) return fail(fileTooLarge(maxBytes));
      if (headSize < headBytes) {
        headParts.push(chunk.subarray(0, headBytes - headSize));
        headSize += Math.min(chunk.length, headBytes - headSize);
      }
      hash.update(chunk);
    });
    body.on('error', fail);
    out.on('error', fail);
    out.on('finish', () => {
      if (settled) return;
      settled = true;
      resolve({ sha256: hash.digest('hex'), sizeBytes: size, head: Buffer.concat(headParts) });
    });
    body.pipe(out);
  });
}

/** The store on disk: `<dir>/<namespace>/<first two hex digits>/<sha256>`; uploads arrive in `<dir>/.incoming`. */
export function createDiskFileStore(dir: string): FileStore {
  const pathOf = (key: string): string => {
    if (!keyPattern.test(key)) throw new Error(`bad storage key ${key}`);
    const [namespace, sha] = key.split('/') as [string, string];
    return join(dir, namespace, sha.slice(0, 2), sha);
  };
  const incoming = join(dir, '.incoming');

  return {
    async put(namespace, body, { maxBytes, check }) {
      await mkdir(incoming, { recursive: true });
      const temp = join(incoming, randomUUID());
      try {
        const received = await receive(body, temp, maxBytes);
        check?.(received.head);
        const key = `${namespace}/${received.sha256}`;
        const target = pathOf(key);
        await mkdir(dirname(target), { recursive: true });
        // The same bytes are already there: keep one copy.
        const exists = await stat(target).then(() => true, () => false);
        if (exists) await rm(temp, { force: true });
        else await rename(temp, target);
        return { key, sha256: received.sha256, sizeBytes: received.sizeBytes };
      } catch (err) {
        await rm(temp, { force: true });
        throw err;
      }
    },
    async get(key) {
      const path = pathOf(key);
      const exists = await stat(path).then((s) => s.isFile(), () => false);
      return exists ? createReadStream(path) : null;
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

/** Content-Disposition of a download: an ASCII fallback and the real name RFC 5987-encoded. */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'file';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

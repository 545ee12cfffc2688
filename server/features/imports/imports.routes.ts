// HTTP routes: Imports of staff and of the Контингент registry: upload, dry run, apply.
//
// A file is sent as the request body itself (what `fetch(url, { body: file })` does), up to
// 50 MB, with its name in the X-File-Name header and an optional column mapping in
// X-Import-Mapping, both URI-encoded: no multipart parser needed, and no personal data in
// the URL. A JSON body (Content-Type: application/json) is the API's way to send rows.
import type { FastifyError, FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody } from '../../../contracts/common';
import {
  CreateImportQuery, ImportJobDto, ImportJobListDto, ImportJobParams, ImportMapping, ImportRowListDto, ImportRowsQuery, SchoolParams,
} from '../../../contracts/imports';
import { AppError } from '../../lib/errors';
import { authOf, requestMeta } from '../../plugins/auth';
import type { FeatureDeps } from '../deps';
import { createImportService } from './imports.service';
import { maxFileBytes } from './table';

const header = (value: string | string[] | undefined): string | null => (typeof value === 'string' && value !== '' ? value : null);

const decoded = (value: string, what: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new AppError('BAD_HEADER', 400, `Заголовок ${what}: ожидается строка в URI-кодировке`);
  }
};

/** "C:\fakepath\Контингент.xlsx" → "Контингент.xlsx". */
export const fileNameOf = (raw: string | null): string | null => {
  if (raw === null) return null;
  const name = decoded(raw, 'X-File-Name').split(/[\\/]/).pop()!.replace(/\p{Cc}/gu, '').trim().slice(0, 255);
  return name === '' ? null : name;
};

const mappingOf = (raw: string | null): ImportMapping => {
  if (raw === null) return {};
  let value: unknown;
  try {
    value = JSON.parse(decoded(raw, 'X-Import-Mapping'));
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('MAPPING_INVALID', 400, 'Сопоставление столбцов: ожидается JSON-объект { "заголовок": "поле" }');
  }
  const parsed = ImportMapping.safeParse(value);
  if (!parsed.success) throw new AppError('MAPPING_INVALID', 400, 'Сопоставление столбцов: неизвестное поле или неверный вид');
  return parsed.data;
};

export async function importRoutes(appBase: FastifyInstance, deps: FeatureDeps): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const imports = createImportService({ database: deps.database, clock: deps.clock, log: appBase.log });
  const tags = ['imports'];

  appBase.addHook('onReady', () => imports.start());
  appBase.addHook('onClose', () => imports.close());

  // In this plugin only: any body that is not JSON is a file, taken as raw bytes (text/plain
  // included, so that a Windows-1251 CSV is not decoded as UTF-8 on the way in).
  appBase.removeContentTypeParser('text/plain');
  appBase.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxFileBytes }, (_req, body, done) => done(null, body));

  // A file over the limit deserves a message that names the limit.
  const parentErrorHandler = appBase.errorHandler;
  appBase.setErrorHandler(function (err: FastifyError, req, reply) {
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send({ error: { code: 'FILE_TOO_LARGE', message: 'Файл больше 50 МБ: разделите его на части' } });
    }
    return parentErrorHandler.call(this, err, req, reply);
  });

  app.post('/api/v1/schools/:schoolId/imports', {
    schema: {
      tags,
      summary: 'Загрузить файл (CSV, XLSX) или строки JSON и начать проверку',
      description: 'Тело — сам файл (до 50 МБ), имя файла — в заголовке X-File-Name, сопоставление столбцов — в X-Import-Mapping '
        + '(оба в URI-кодировке). Или JSON: массив объектов либо { rows, mapping }. Ответ 202: проверка идёт в фоне, '
        + 'ход виден в processedRows.',
      params: SchoolParams,
      querystring: CreateImportQuery,
      response: { 202: ImportJobDto, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 413: ErrorBody, 415: ErrorBody },
    },
    bodyLimit: maxFileBytes,
    preHandler: app.authenticate,
  }, async (req, reply) => {
    const access = await deps.access.authorize(authOf(req), req.params.schoolId, 'importJob', 'write');
    const contentType = String(req.headers['content-type'] ?? '').toLowerCase();
    if (contentType.startsWith('multipart/')) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 415, 'Отправьте файл телом запроса, а не формой multipart');
    }
    const headerMapping = mappingOf(header(req.headers['x-import-mapping']));
    const fileName = fileNameOf(header(req.headers['x-file-name']));
    const body: unknown = req.body;
    const job = Buffer.isBuffer(body)
      ? await imports.upload(access, { kind: req.query.kind, fileName, mapping: headerMapping, bytes: body })
      : await imports.upload(access, {
        kind: req.query.kind,
        fileName: fileName ?? jsonFileName(body),
        mapping: { ...jsonMapping(body), ...headerMapping },
        json: body ?? null,
      });
    return reply.code(202).send(job);
  });

  app.get('/api/v1/schools/:schoolId/imports', {
    schema: { tags, summary: 'Загрузки школы, новые сверху', params: SchoolParams, response: { 200: ImportJobListDto, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } },
    preHandler: app.authenticate,
  }, async (req) => {
    const access = await deps.access.authorize(authOf(req), req.params.schoolId, 'importJob', 'read');
    return imports.list(access);
  });

  app.get('/api/v1/schools/:schoolId/imports/:jobId', {
    schema: { tags, summary: 'Загрузка: состояние проверки и итоги', params: ImportJobParams, response: { 200: ImportJobDto, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } },
    preHandler: app.authenticate,
  }, async (req) => {
    const access = await deps.access.authorize(authOf(req), req.params.schoolId, 'importJob', 'read');
    return imports.get(access, req.params.jobId);
  });

  app.get('/api/v1/schools/:schoolId/imports/:jobId/rows', {
    schema: {
      tags, summary: 'Строки отчёта проверки, по номеру строки файла', params: ImportJobParams, querystring: ImportRowsQuery,
      response: { 200: ImportRowListDto, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
    },
    preHandler: app.authenticate,
  }, async (req) => {
    const access = await deps.access.authorize(authOf(req), req.params.schoolId, 'importJob', 'read');
    return imports.rows(access, req.params.jobId, req.query);
  });

  app.post('/api/v1/schools/:schoolId/imports/:jobId/apply', {
    schema: {
      tags, summary: 'Применить проверенную загрузку: все принятые строки одной транзакцией, один раз',
      params: ImportJobParams,
      response: { 200: ImportJobDto, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
    },
    preHandler: app.authenticate,
  }, async (req) => {
    const access = await deps.access.authorize(authOf(req), req.params.schoolId, 'importJob', 'write');
    return imports.apply(access, req.params.jobId, requestMeta(req));
  });
}

const jsonMapping = (body: unknown): ImportMapping => {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !('mapping' in body)) return {};
  const parsed = ImportMapping.safeParse((body as { mapping: unknown }).mapping);
  if (!parsed.success) throw new AppError('MAPPING_INVALID', 400, 'Сопоставление столбцов: неизвестное поле или неверный вид');
  return parsed.data;
};

const jsonFileName = (body: unknown): string | null =>
  typeof body === 'object' && body !== null && !Array.isArray(body) && typeof (body as { fileName?: unknown }).fileName === 'string'
    ? fileNameOf(encodeURIComponent((body as { fileName: string }).fileName))
    : null;

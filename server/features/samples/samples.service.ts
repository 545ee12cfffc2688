// Samples and constructors (SPEC B14): a region or a municipality publishes samples for its
// schools, every change a new version with the old content kept; a school reads the federal
// samples, its region's and its municipality's, and compares versions. Area administrators are
// authorised by their area roles here (the samples belong to no school); school routes by the
// access matrix (resource `sample`) in the route.
import type { z } from 'zod';
import { calendarIssues } from '../../../domain/calendar';
import { sampleDiff, type SampleContentByKind } from '../../../domain/sample-diff';
import { catalogueEntry } from '../../../domain/subject-catalogue';
import {
  sampleContentOf, type CreateSampleInput, type Level, type SampleDiffDto, type SampleDto, type SampleKind, type SampleListDto,
  type SampleSummaryDto, type SampleUsageDto, type UpdateSampleInput,
} from '../../../contracts/samples';
import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { AppError } from '../../lib/errors';
import type { Access } from '../access/access.service';
import * as identityRepo from '../identity/identity.repo';
import type { AuthContext } from '../identity/identity.service';
import { canonicalJson } from './built-in';
import * as repo from './samples.repo';

export type FieldIssue = { path: string; code: string; message: string };

const invalid = (issues: FieldIssue[]): AppError => new AppError('VALIDATION_FAILED', 400, issues[0]?.message ?? 'Неверные данные', issues);
const sampleNotFound = (): never => { throw new AppError('SAMPLE_NOT_FOUND', 404, 'Образец не найден'); };
const notAreaAdmin = (): never => { throw new AppError('FORBIDDEN', 403, 'Образцы публикуют администраторы региона и муниципалитета'); };

// --- Content validation --------------------------------------------------------------------

/** What a field is called on screen, for messages zod words without naming it. */
const fieldTitles: Record<string, string> = {
  subject: 'Предмет', subjectArea: 'Предметная область', catalogueCode: 'Код каталога', part: 'Часть', hoursPerWeek: 'Часы в неделю',
  level: 'Уровень', weekDays: 'Дней в неделе', grades: 'Параллели', lines: 'Строки плана', name: 'Название', shortName: 'Сокращение',
  weight: 'Вес', scale: 'Шкала', levels: 'Уровни', forms: 'Формы контроля', title: 'Тема', hours: 'Часы', contentElements: 'КЭС',
  topics: 'Темы', grade: 'Параллель', academicYear: 'Учебный год', calendar: 'График', startsOn: 'Начало', endsOn: 'Окончание',
  termSchemes: 'Учебные периоды', terms: 'Периоды', holidays: 'Каникулы', daysOff: 'Праздничные дни', workingWeekends: 'Рабочие выходные',
  weekLengths: 'Длина недели', date: 'Дата', worksAs: 'Работает как', days: 'Дней', number: 'Номер', kind: 'Вид', content: 'Содержание',
};
const labels = new Set([...Object.values(fieldTitles), 'Часы', 'Вес', 'Дата', 'Параллели', 'Параллель', 'Учебные периоды']);
const named = (path: readonly PropertyKey[], message: string): string => {
  if (labels.has(message.split(':')[0]!)) return message;
  const field = [...path].reverse().find((p): p is string => typeof p === 'string');
  return `${fieldTitles[field ?? 'content'] ?? field}: ${message}`;
};

const gradesOfLevel: Record<Level, [number, number]> = { primary: [1, 4], basic: [5, 9], secondary: [10, 11] };

/** The content of a sample of `kind`, or every problem with it (paths `content.…`). */
export function checkContent<K extends SampleKind>(kind: K, raw: unknown, issues: FieldIssue[]): SampleContentByKind[K] | undefined {
  if (raw === undefined || raw === null) {
    issues.push({ path: 'content', code: 'REQUIRED', message: 'Содержание образца: обязательно' });
    return undefined;
  }
  const parsed = (sampleContentOf[kind] as z.ZodType).safeParse(raw);
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      issues.push({ path: ['content', ...i.path.map(String)].join('.'), code: i.code.toUpperCase(), message: named(i.path, i.message) });
    }
    return undefined;
  }
  const before = issues.length;
  const add = (path: string, code: string, message: string) => issues.push({ path: `content.${path}`, code, message });
  const content = parsed.data as SampleContentByKind[SampleKind];
  const duplicates = (names: string[], path: (i: number) => string, what: string) => {
    const seen = new Set<string>();
    names.forEach((n, i) => {
      const key = n.trim().toLowerCase().replace(/ё/g, 'е');
      if (seen.has(key)) add(path(i), 'DUPLICATE', `${what}: «${n.trim()}» уже есть выше`);
      seen.add(key);
    });
  };
  if (kind === 'curriculum') {
    const c = content as SampleContentByKind['curriculum'];
    const [lo, hi] = gradesOfLevel[c.level as Level];
    if (new Set(c.grades).size !== c.grades.length) add('grades', 'DUPLICATE', 'Параллели: каждая один раз');
    if (c.grades.some((g) => g < lo || g > hi)) add('grades', 'OUT_OF_LEVEL', `Параллели: для этого уровня от ${lo} до ${hi}`);
    c.lines.forEach((l, i) => {
      if (l.hoursPerWeek.length !== c.grades.length) {
        add(`lines.${i}.hoursPerWeek`, 'GRADES_MISMATCH', `Часы в неделю: по одному значению на каждую параллель (${c.grades.length})`);
      }
      if (l.hoursPerWeek.every((h) => h === null || h === 0)) add(`lines.${i}.hoursPerWeek`, 'NO_HOURS', `Часы в неделю: у предмета «${l.subject}» нет часов`);
      if (l.hoursPerWeek.some((h) => h !== null && h > c.weekDays * 8)) add(`lines.${i}.hoursPerWeek`, 'TOO_MANY', 'Часы в неделю: больше, чем умещается в неделю');
      if (l.catalogueCode !== null && !catalogueEntry(l.catalogueCode)) add(`lines.${i}.catalogueCode`, 'UNKNOWN_CODE', `Код каталога: «${l.catalogueCode}» нет в каталоге ФГОС`);
    });
    duplicates(c.lines.map((l) => l.subject), (i) => `lines.${i}.subject`, 'Предмет');
  } else if (kind === 'controlForms') {
    const c = content as SampleContentByKind['controlForms'];
    duplicates(c.forms.map((f) => f.name), (i) => `forms.${i}.name`, 'Название');
  } else if (kind === 'calendar') {
    const c = content as SampleContentByKind['calendar'];
    for (const i of calendarIssues(c.calendar as Parameters<typeof calendarIssues>[0])) add(`calendar.${i.path}`, i.code, i.message);
    if (Number(c.calendar.startsOn.slice(0, 4)) !== c.academicYear) {
      add('academicYear', 'YEAR_MISMATCH', `Учебный год: начинается в ${c.academicYear} году, а дата начала — ${c.calendar.startsOn}`);
    }
  }
  return issues.length === before ? (content as SampleContentByKind[K]) : undefined;
}

// --- DTOs ------------------------------------------------------------------------------------

function summaryOf(row: repo.SampleWithOwner, editable: boolean): SampleSummaryDto {
  const owner: SampleSummaryDto['owner'] = row.municipalityId
    ? { kind: 'municipality', id: row.municipalityId, name: row.municipalityName ?? '' }
    : row.regionId ? { kind: 'region', id: row.regionId, name: row.regionName ?? '' }
      : { kind: 'federal', id: null, name: 'Федеральный' };
  return {
    id: row.id, kind: row.kind as SampleKind, name: row.name, level: row.level as Level | null, description: row.description,
    version: row.version, owner, builtIn: row.builtInKey !== null, editable, updatedAt: row.updatedAt.toISOString(),
  };
}

export function createSampleService({ db, clock }: { db: Db; clock: Clock }) {
  // --- Area administrators -------------------------------------------------------------------

  async function areaOf(auth: AuthContext): Promise<{ reach: repo.Reach; regionsAbove: string[] }> {
    const roles = await identityRepo.listAreaRoles(db, auth.accountId);
    if (roles.length === 0) notAreaAdmin();
    return {
      reach: {
        regionIds: roles.filter((r) => r.municipalityId === null).map((r) => r.regionId),
        municipalityIds: roles.flatMap((r) => (r.municipalityId ? [r.municipalityId] : [])),
      },
      regionsAbove: roles.filter((r) => r.municipalityId !== null).map((r) => r.regionId),
    };
  }

  const editableIn = (reach: repo.Reach, row: repo.SampleWithOwner): boolean =>
    row.builtInKey === null && (
      (row.regionId !== null && reach.regionIds.includes(row.regionId))
      || (row.municipalityId !== null && (reach.municipalityIds.includes(row.municipalityId)
        || (row.municipalityRegionId !== null && reach.regionIds.includes(row.municipalityRegionId)))));

  async function detail(row: repo.SampleWithOwner, editable: boolean): Promise<SampleDto> {
    const versions = await repo.listVersions(db, row.id);
    return {
      ...summaryOf(row, editable),
      content: row.content as SampleDto['content'],
      versions: versions.map((v) => ({ version: v.version, note: v.note, createdAt: v.createdAt.toISOString() })),
    };
  }

  async function areaSample(auth: AuthContext, id: string) {
    const area = await areaOf(auth);
    const row = (await repo.findSample(db, id, repo.visibleToArea(area.reach, area.regionsAbove))) ?? sampleNotFound();
    return { row, reach: area.reach, editable: editableIn(area.reach, row) };
  }

  async function listForArea(auth: AuthContext, kind: SampleKind | undefined): Promise<SampleListDto> {
    const { reach, regionsAbove } = await areaOf(auth);
    const rows = await repo.listSamples(db, repo.visibleToArea(reach, regionsAbove), kind);
    return { items: rows.map((r) => summaryOf(r, editableIn(reach, r))), total: rows.length };
  }

  async function getForArea(auth: AuthContext, id: string): Promise<SampleDto> {
    const { row, editable } = await areaSample(auth, id);
    return detail(row, editable);
  }

  async function create(auth: AuthContext, input: CreateSampleInput): Promise<SampleDto> {
    const { reach } = await areaOf(auth);
    let owner: { regionId: string | null; municipalityId: string | null };
    if (input.area?.kind === 'region') {
      if (!reach.regionIds.includes(input.area.id)) throw new AppError('FORBIDDEN', 403, 'Публиковать образцы можно только для своего региона');
      owner = { regionId: input.area.id, municipalityId: null };
    } else if (input.area?.kind === 'municipality') {
      const region = reach.municipalityIds.includes(input.area.id) ? null : await repo.regionOfMunicipality(db, input.area.id);
      if (!reach.municipalityIds.includes(input.area.id) && !(region && reach.regionIds.includes(region))) {
        throw new AppError('FORBIDDEN', 403, 'Публиковать образцы можно только для своего муниципалитета');
      }
      owner = { regionId: null, municipalityId: input.area.id };
    } else {
      owner = reach.regionIds[0] ? { regionId: reach.regionIds[0], municipalityId: null } : { regionId: null, municipalityId: reach.municipalityIds[0]! };
    }
    const issues: FieldIssue[] = [];
    const content = checkContent(input.kind, input.content, issues);
    const contentLevel = content && 'level' in content ? (content.level as Level) : null;
    if (contentLevel && input.level && input.level !== contentLevel) {
      issues.push({ path: 'level', code: 'LEVEL_MISMATCH', message: 'Уровень: не совпадает с уровнем учебного плана' });
    }
    if (issues.length > 0) throw invalid(issues);
    const row = await db.transaction((tx) => repo.insertSample(tx, {
      ...owner, kind: input.kind, name: input.name, level: input.level ?? contentLevel, description: input.description || null,
      content, builtInKey: null, createdBy: auth.accountId,
    }, null));
    return getForArea(auth, row!.id);
  }

  async function update(auth: AuthContext, id: string, input: UpdateSampleInput): Promise<SampleDto> {
    const { row, editable } = await areaSample(auth, id);
    if (row.builtInKey !== null) throw new AppError('BUILT_IN_READ_ONLY', 409, 'Федеральный образец нельзя изменить: создайте свой на его основе');
    if (!editable) throw new AppError('FORBIDDEN', 403, 'Этот образец публикует другой уровень: изменить его нельзя');
    const kind = row.kind as SampleKind;
    const issues: FieldIssue[] = [];
    const content = checkContent(kind, input.content, issues);
    if (content && kind === 'curriculum' && row.level && (content as { level: string }).level !== row.level) {
      issues.push({ path: 'content.level', code: 'LEVEL_MISMATCH', message: 'Уровень: у образца другой уровень образования' });
    }
    if (issues.length > 0) throw invalid(issues);
    if (input.baseVersion !== undefined && input.baseVersion !== row.version) {
      throw new AppError('VERSION_CONFLICT', 409, `Образец уже изменён: текущая версия ${row.version}. Обновите страницу`);
    }
    const changed = canonicalJson(content) !== canonicalJson(row.content);
    const saved = await db.transaction((tx) => repo.updateSample(tx, id, row.version, {
      name: input.name, description: input.description === undefined ? undefined : input.description || null,
      ...(changed ? { content } : {}),
    }, input.note || null, clock.now()));
    if (!saved) throw new AppError('VERSION_CONFLICT', 409, 'Образец только что изменили: обновите страницу');
    return getForArea(auth, id);
  }

  async function usage(auth: AuthContext, id: string): Promise<SampleUsageDto> {
    const { row, reach } = await areaSample(auth, id);
    const rows = await repo.usage(db, id, reach);
    const bySchool = new Map<string, SampleUsageDto['items'][number]>();
    for (const r of rows) {
      const item = bySchool.get(r.schoolId) ?? { school: { id: r.schoolId, name: r.schoolName, shortName: r.schoolShortName, municipality: r.municipality }, uses: [] };
      item.uses.push({ kind: r.kind, name: r.name, version: r.version });
      bySchool.set(r.schoolId, item);
    }
    const items = [...bySchool.values()].sort((a, b) => a.school.municipality.localeCompare(b.school.municipality, 'ru') || a.school.shortName.localeCompare(b.school.shortName, 'ru'));
    return { items, total: items.length, latestVersion: row.version };
  }

  async function diffOf(row: repo.SampleWithOwner, query: { from?: number | undefined; to?: number | undefined }): Promise<SampleDiffDto> {
    const kind = row.kind as SampleKind;
    const to = query.to ?? row.version;
    const from = query.from ?? Math.max(1, to - 1);
    const contentAt = async (version: number): Promise<SampleContentByKind[SampleKind]> => {
      const raw = version === row.version ? row.content : await repo.versionContent(db, row.id, version);
      if (raw === undefined) throw new AppError('SAMPLE_VERSION_NOT_FOUND', 404, `Образец: нет версии ${version}`);
      return (sampleContentOf[kind] as z.ZodType).parse(raw) as SampleContentByKind[SampleKind];
    };
    const [a, b] = await Promise.all([contentAt(from), contentAt(to)]);
    return { sampleId: row.id, kind, from, to, entries: sampleDiff(kind, a, b) };
  }

  async function diffForArea(auth: AuthContext, id: string, query: { from?: number | undefined; to?: number | undefined }): Promise<SampleDiffDto> {
    return diffOf((await areaSample(auth, id)).row, query);
  }

  // --- Schools -------------------------------------------------------------------------------

  async function listForSchool(access: Access, kind: SampleKind | undefined): Promise<SampleListDto> {
    const rows = await repo.listSamples(db, repo.schoolSees(access.actor.schoolId), kind);
    return { items: rows.map((r) => summaryOf(r, false)), total: rows.length };
  }

  const schoolSample = async (access: Access, id: string) =>
    (await repo.findSample(db, id, repo.schoolSees(access.actor.schoolId))) ?? sampleNotFound();

  async function getForSchool(access: Access, id: string): Promise<SampleDto> {
    return detail(await schoolSample(access, id), false);
  }

  async function diffForSchool(access: Access, id: string, query: { from?: number | undefined; to?: number | undefined }): Promise<SampleDiffDto> {
    return diffOf(await schoolSample(access, id), query);
  }

  return { listForArea, getForArea, create, update, usage, diffForArea, listForSchool, getForSchool, diffForSchool };
}

export type SampleService = ReturnType<typeof createSampleService>;

// Rules of subjects (SPEC B2), the ФГОС catalogue and additional programmes (SPEC B15). The route
// has authorised the caller; every write validates the whole request first (all field problems at
// once) and then writes in one transaction, so a refused request changes nothing.
import { academicYearBounds } from '../../../domain/school-year';
import {
  catalogueEntry, levels as allLevels, matchCatalogue, subjectAreaAt, subjectCatalogue, type CatalogueEntry,
} from '../../../domain/subject-catalogue';
import type {
  AdditionalProgrammeDto, AdditionalProgrammeListDto, AdditionalProgrammeListQuery, CreateAdditionalProgrammeInput,
  CreateSubjectInput, FromCatalogueDto, FromCatalogueInput, SubjectCatalogueDto, SubjectDto, SubjectListDto, SubjectListQuery,
  UpdateAdditionalProgrammeInput, UpdateSubjectInput,
} from '../../../contracts/subjects';
import type { Db, Queryable } from '../../db/client';
import { isUniqueViolation } from '../../db/errors';
import { AppError, notFound } from '../../lib/errors';
import type { Access } from '../access/access.service';
import * as repo from './subjects.repo';

export type FieldIssue = { path: string; code: string; message: string };

const invalid = (issues: FieldIssue[]): AppError => new AppError('VALIDATION_FAILED', 400, issues[0]?.message ?? 'Неверные данные', issues);
const conflict = (code: string, message: string, path: string): AppError => new AppError(code, 409, message, [{ path, code, message }]);
const subjectTaken = (name: string): AppError => conflict('NAME_TAKEN', `Предмет «${name}» уже есть в школе`, 'name');
const programmeTaken = (name: string): AppError => conflict('NAME_TAKEN', `Программа «${name}» уже есть в этом учебном году`, 'name');

export const subjectDto = (s: repo.SubjectRow): SubjectDto => ({
  id: s.id, name: s.name, shortName: s.shortName, levels: s.levels, kind: s.kind as SubjectDto['kind'],
  catalogueCode: s.catalogueCode, subjectArea: s.subjectArea, archived: s.archived,
});

const emptyToNull = (v: string | null | undefined): string | null | undefined => (v === undefined ? undefined : v === null || v.trim() === '' ? null : v.trim());

/** Keeps only the keys whose value is not undefined (a PATCH changes what it names). */
const defined = <T extends Record<string, unknown>>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** Short name for a subject made on the fly from a programme name. */
const shortOf = (name: string): string => (name.length <= 40 ? name : `${name.slice(0, 39)}…`);

export function createSubjectsService({ db }: { db: Db }) {
  // --- Subjects -------------------------------------------------------------------------------

  async function listSubjects(access: Access, query: SubjectListQuery): Promise<SubjectListDto> {
    const rows = await repo.listSubjects(db, access.actor.schoolId, query);
    return { items: rows.map(subjectDto), total: rows.length };
  }

  async function getSubject(access: Access, id: string): Promise<SubjectDto> {
    return subjectDto(await repo.findSubject(db, access.actor.schoolId, id) ?? notFound('NOT_FOUND', 'Предмет не найден'));
  }

  async function saveSubject(q: Queryable, schoolId: string, id: string | null, write: () => Promise<string>, name: string | undefined): Promise<string> {
    if (name !== undefined && await repo.subjectNamed(q, schoolId, name, id)) throw subjectTaken(name);
    try {
      return await write();
    } catch (err) {
      if (isUniqueViolation(err)) throw subjectTaken(name ?? '');
      throw err;
    }
  }

  async function createSubject(access: Access, input: CreateSubjectInput): Promise<SubjectDto> {
    const schoolId = access.actor.schoolId;
    const id = await saveSubject(db, schoolId, null, async () => {
      const [row] = await repo.insertSubjects(db, [{
        schoolId, name: input.name, shortName: input.shortName, levels: sortLevels(input.levels), kind: input.kind ?? 'subject',
        subjectArea: emptyToNull(input.subjectArea) ?? null,
      }]);
      return row!.id;
    }, input.name);
    return getSubject(access, id);
  }

  async function updateSubject(access: Access, id: string, input: UpdateSubjectInput): Promise<SubjectDto> {
    const schoolId = access.actor.schoolId;
    const current = await repo.findSubject(db, schoolId, id) ?? notFound('NOT_FOUND', 'Предмет не найден');
    const issues: FieldIssue[] = [];
    // A programme's subject stays of kind `additional`: its groups and load are the programme's.
    if (input.kind !== undefined && input.kind !== current.kind && current.kind === 'additional'
      && await repo.programmesOfSubject(db, schoolId, id, null) > 0) {
      issues.push({ path: 'kind', code: 'PROGRAMME_SUBJECT', message: 'Вид: это предмет программы доп. образования, его вид не меняется' });
    }
    if (issues.length > 0) throw invalid(issues);
    await saveSubject(db, schoolId, id, async () => {
      await repo.updateSubject(db, schoolId, id, defined({
        name: input.name, shortName: input.shortName, levels: input.levels ? sortLevels(input.levels) : undefined,
        kind: input.kind, subjectArea: emptyToNull(input.subjectArea), archived: input.archived,
      }));
      return id;
    }, input.name);
    return getSubject(access, id);
  }

  // --- The ФГОС catalogue ---------------------------------------------------------------------

  async function catalogue(access: Access): Promise<SubjectCatalogueDto> {
    const existing = await repo.listSubjects(db, access.actor.schoolId, { includeArchived: true });
    const { found } = matchCatalogue(subjectCatalogue.map((e) => e.code), existing);
    const idOf = new Map(found.map((f) => [f.code, f.subjectId]));
    const items = subjectCatalogue.map((e) => ({
      code: e.code, name: e.name, shortName: e.shortName, subjectArea: e.subjectArea,
      subjectAreaByLevel: { primary: subjectAreaAt(e, 'primary'), basic: subjectAreaAt(e, 'basic'), secondary: subjectAreaAt(e, 'secondary') },
      levels: [...e.levels], kind: e.kind, subjectId: idOf.get(e.code) ?? null,
    }));
    return { items, total: items.length };
  }

  /** Makes the school subjects of the codes it lacks (matched by code, then by name); asking again changes nothing. */
  async function fromCatalogue(access: Access, input: FromCatalogueInput): Promise<FromCatalogueDto> {
    const schoolId = access.actor.schoolId;
    const issues: FieldIssue[] = [];
    input.codes.forEach((code, i) => {
      if (!catalogueEntry(code)) issues.push({ path: `codes.${i}`, code: 'UNKNOWN_CODE', message: `Каталог ФГОС: нет предмета с кодом «${code}»` });
    });
    if (issues.length > 0) throw invalid(issues);
    const run = () => db.transaction(async (tx) => {
      const existing = await repo.listSubjects(tx, schoolId, { includeArchived: true });
      const { found, missing } = matchCatalogue(input.codes, existing);
      // A subject the school named like a catalogue entry becomes that entry's subject.
      await repo.setCatalogueCodes(tx, schoolId, found);
      const created = await repo.insertSubjects(tx, missing.map((e: CatalogueEntry) => ({
        schoolId, name: e.name, shortName: e.shortName, levels: [...e.levels], kind: e.kind, catalogueCode: e.code, subjectArea: e.subjectArea,
      })));
      const ids = new Set(found.map((f) => f.subjectId));
      const after = await repo.listSubjects(tx, schoolId, { includeArchived: true });
      return { created: created.map(subjectDto), existing: after.filter((s) => ids.has(s.id)).map(subjectDto) };
    });
    try {
      return await run();
    } catch (err) {
      // Two requests making the same subjects at once: the second finds them made.
      if (isUniqueViolation(err)) return run();
      throw err;
    }
  }

  // --- Additional programmes ------------------------------------------------------------------

  const dayInYear = (access: Access, year: number): string => {
    const { startsOn, endsOn } = academicYearBounds(year);
    const today = access.actor.today;
    return today < startsOn ? startsOn : today > endsOn ? endsOn : today;
  };

  async function programmeDtos(access: Access, rows: (repo.ProgrammeRow & { subjectName: string })[]): Promise<AdditionalProgrammeDto[]> {
    const byYear = new Map<number, string[]>();
    for (const r of rows) byYear.set(r.academicYear, [...(byYear.get(r.academicYear) ?? []), r.subjectId]);
    const groups: repo.ProgrammeGroupRow[] = [];
    for (const [year, subjectIds] of byYear) {
      groups.push(...await repo.activityGroups(db, access.actor.schoolId, subjectIds, year, dayInYear(access, year)));
    }
    return rows.map((p) => ({
      id: p.id, academicYear: p.academicYear, name: p.name, direction: p.direction as AdditionalProgrammeDto['direction'],
      ageFrom: p.ageFrom, ageTo: p.ageTo, hoursPerWeek: Number(p.hoursPerWeek), totalHours: p.totalHours, description: p.description,
      subject: { id: p.subjectId, name: p.subjectName },
      groups: groups.filter((g) => g.subjectId === p.subjectId).map(({ subjectId: _s, ...g }) => g),
    }));
  }

  async function listProgrammes(access: Access, query: AdditionalProgrammeListQuery): Promise<AdditionalProgrammeListDto> {
    const rows = await repo.listProgrammes(db, access.actor.schoolId, query.academicYear ?? access.actor.academicYear);
    const items = await programmeDtos(access, rows);
    return { items, total: items.length };
  }

  async function getProgramme(access: Access, id: string): Promise<AdditionalProgrammeDto> {
    const row = await repo.findProgramme(db, access.actor.schoolId, id) ?? notFound('NOT_FOUND', 'Программа не найдена');
    return (await programmeDtos(access, [row]))[0]!;
  }

  function ageIssues(from: number | null | undefined, to: number | null | undefined): FieldIssue[] {
    return from != null && to != null && from > to
      ? [{ path: 'ageTo', code: 'AGE_RANGE', message: 'Возраст до: не меньше, чем «возраст от»' }]
      : [];
  }

  /** The programme's subject: one of kind `additional` with its name, reused or made now. */
  async function subjectForProgramme(q: Queryable, schoolId: string, name: string): Promise<string> {
    const same = await repo.subjectNamed(q, schoolId, name, null);
    if (same) {
      if (same.kind !== 'additional') {
        throw conflict('NAME_TAKEN', `Название занято предметом «${same.name}» другого вида: назовите программу иначе`, 'name');
      }
      return same.id;
    }
    const [row] = await repo.insertSubjects(q, [{ schoolId, name, shortName: shortOf(name), levels: [...allLevels], kind: 'additional' }]);
    return row!.id;
  }

  async function writeProgramme<T>(name: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (isUniqueViolation(err)) throw programmeTaken(name);
      throw err;
    }
  }

  async function createProgramme(access: Access, input: CreateAdditionalProgrammeInput): Promise<AdditionalProgrammeDto> {
    const schoolId = access.actor.schoolId;
    const year = input.academicYear ?? access.actor.academicYear;
    const issues = ageIssues(input.ageFrom, input.ageTo);
    if (issues.length > 0) throw invalid(issues);
    if (await repo.programmeNamed(db, schoolId, year, input.name, null)) throw programmeTaken(input.name);
    const id = await writeProgramme(input.name, () => db.transaction(async (tx) => {
      const subjectId = await subjectForProgramme(tx, schoolId, input.name);
      return repo.insertProgramme(tx, {
        schoolId, academicYear: year, subjectId, name: input.name, direction: input.direction,
        ageFrom: input.ageFrom ?? null, ageTo: input.ageTo ?? null, hoursPerWeek: String(input.hoursPerWeek),
        totalHours: input.totalHours ?? null, description: emptyToNull(input.description) ?? null,
      });
    }));
    return getProgramme(access, id);
  }

  async function updateProgramme(access: Access, id: string, input: UpdateAdditionalProgrammeInput): Promise<AdditionalProgrammeDto> {
    const schoolId = access.actor.schoolId;
    const current = await repo.findProgramme(db, schoolId, id) ?? notFound('NOT_FOUND', 'Программа не найдена');
    const issues = ageIssues(input.ageFrom === undefined ? current.ageFrom : input.ageFrom, input.ageTo === undefined ? current.ageTo : input.ageTo);
    if (issues.length > 0) throw invalid(issues);
    const rename = input.name !== undefined && input.name !== current.name ? input.name : undefined;
    if (rename !== undefined && await repo.programmeNamed(db, schoolId, current.academicYear, rename, id)) throw programmeTaken(rename);
    await writeProgramme(input.name ?? current.name, () => db.transaction(async (tx) => {
      let subjectId: string | undefined;
      if (rename !== undefined) {
        // The subject follows the name unless another programme (another year's) shares it.
        const shared = await repo.programmesOfSubject(tx, schoolId, current.subjectId, id) > 0;
        const other = await repo.subjectNamed(tx, schoolId, rename, current.subjectId);
        if (shared || other) subjectId = await subjectForProgramme(tx, schoolId, rename);
        else await repo.updateSubject(tx, schoolId, current.subjectId, { name: rename, shortName: shortOf(rename) });
      }
      await repo.updateProgramme(tx, schoolId, id, defined({
        name: input.name, direction: input.direction, subjectId,
        ageFrom: input.ageFrom, ageTo: input.ageTo,
        hoursPerWeek: input.hoursPerWeek === undefined ? undefined : String(input.hoursPerWeek),
        totalHours: input.totalHours, description: emptyToNull(input.description),
      }));
    }));
    return getProgramme(access, id);
  }

  /** Refused (409 IN_USE) while the programme has groups: they would lose their programme. */
  async function deleteProgramme(access: Access, id: string): Promise<void> {
    const programme = await getProgramme(access, id);
    if (programme.groups.length > 0) {
      throw new AppError('IN_USE', 409, `У программы есть группы (${programme.groups.length}): сначала перенесите или удалите их`);
    }
    await repo.deleteProgramme(db, access.actor.schoolId, id);
  }

  return {
    listSubjects, getSubject, createSubject, updateSubject, catalogue, fromCatalogue,
    listProgrammes, getProgramme, createProgramme, updateProgramme, deleteProgramme,
  };
}

const sortLevels = (list: readonly string[]): string[] => allLevels.filter((l) => list.includes(l));

export type SubjectsService = ReturnType<typeof createSubjectsService>;

// Rules of mark scales and control forms (SPEC B6). Every school has the three default scales
// (five-point, зачёт/незачёт, hundred-point 85/65/45/0), created the first time its scales or
// forms are used; a school may add hundred-point scales with their own conversion table. Control
// forms carry a weight (0 < w ≤ 10, step 0.05) and a scale; a set of forms can be built from a
// `controlForms` sample and later take over the weights the sample changed.
import { conversionIssues, defaultScales, sortedConversion, type ConversionRow, type MarkScaleKind } from '../../../domain/mark-scale';
import type {
  ControlFormDto, ControlFormListDto, ControlFormListQuery, ControlFormSampleStatusDto, ControlFormsFromSampleDto, ControlFormsFromSampleInput,
  CreateControlFormInput, CreateMarkScaleInput, MarkScaleDto, MarkScaleListDto, UpdateControlFormInput, UpdateMarkScaleInput,
} from '../../../contracts/control-forms';
import type { ControlFormsSampleContent, Level } from '../../../contracts/samples';
import type { Db, Queryable } from '../../db/client';
import { AppError, notFound } from '../../lib/errors';
import type { Access } from '../access/access.service';
import { readSampleForSchool, sampleOriginOf } from '../samples/samples.read';
import * as repo from './control-forms.repo';

type FieldIssue = { path: string; code: string; message: string };
const invalid = (issues: FieldIssue[]): AppError => new AppError('VALIDATION_FAILED', 400, issues[0]?.message ?? 'Неверные данные', issues);
const missing = (message: string): never => notFound('NOT_FOUND', message);
const cleanName = (s: string): string => s.trim().replace(/\s+/g, ' ');
const weightText = (w: number): string => w.toFixed(2);

/** Creates the default scales the school lacks (one per kind it has none of); idempotent. */
export async function ensureDefaultScales(db: Queryable, schoolId: string): Promise<void> {
  const present = await repo.scaleKindsPresent(db, schoolId);
  if (present.size === defaultScales.length) return;
  await repo.insertScalesIfAbsent(db, defaultScales.filter((s) => !present.has(s.kind)).map((s) => ({ schoolId, kind: s.kind, name: s.name, conversion: s.conversion })));
}

const scaleDto = (row: repo.ScaleRow & { controlFormCount: number }): MarkScaleDto => ({
  id: row.id, kind: row.kind, name: row.name,
  conversion: row.conversion ? sortedConversion(row.conversion) : null,
  controlFormCount: row.controlFormCount,
});

const formDto = (row: repo.FormView): ControlFormDto => ({
  id: row.id,
  name: row.name,
  shortName: row.shortName,
  weight: Number(row.weight),
  markScale: { id: row.markScaleId, name: row.scaleName, kind: row.scaleKind as MarkScaleKind },
  subject: row.subjectId ? { id: row.subjectId, name: row.subjectName ?? '' } : null,
  levels: row.levels as Level[],
  archived: row.archived,
  sampleId: row.sampleId,
  sampleVersion: row.sampleVersion,
});

export function createControlFormService({ db }: { db: Db }) {
  const scaleNameTaken = (): AppError =>
    new AppError('NAME_TAKEN', 409, 'Шкала с таким названием уже есть', [{ path: 'name', code: 'NAME_TAKEN', message: 'Название: такая шкала уже есть' }]);
  const formNameTaken = (): AppError =>
    new AppError('NAME_TAKEN', 409, 'Форма контроля с таким названием уже есть', [{ path: 'name', code: 'NAME_TAKEN', message: 'Название: такая форма контроля уже есть' }]);

  async function getScale(schoolId: string, id: string): Promise<MarkScaleDto> {
    const row = (await repo.listScales(db, schoolId)).find((s) => s.id === id) ?? missing('Шкала не найдена');
    return scaleDto(row);
  }

  async function getForm(schoolId: string, id: string): Promise<ControlFormDto> {
    const [row] = await repo.listForms(db, schoolId, { id });
    return formDto(row ?? missing('Форма контроля не найдена'));
  }

  /** Checks the fields of a form that need the database (scale, subject, the name for the subject). */
  async function checkForm(
    schoolId: string, issues: FieldIssue[], exceptId: string | null,
    v: { name: string | undefined; shortName: string | undefined; markScaleId: string | undefined; subjectId: string | null | undefined; archived: boolean },
  ): Promise<void> {
    if (v.name !== undefined && v.name === '') issues.push({ path: 'name', code: 'REQUIRED', message: 'Название: обязательное поле' });
    if (v.shortName !== undefined && v.shortName === '') issues.push({ path: 'shortName', code: 'REQUIRED', message: 'Краткое название: обязательное поле' });
    if (v.markScaleId !== undefined && !await repo.findScale(db, schoolId, v.markScaleId)) {
      issues.push({ path: 'markScaleId', code: 'NOT_FOUND', message: 'Шкала: не найдена в школе' });
    }
    if (v.subjectId && !await repo.subjectExists(db, schoolId, v.subjectId)) {
      issues.push({ path: 'subjectId', code: 'NOT_FOUND', message: 'Предмет: не найден в школе' });
    }
    if (issues.length > 0) throw invalid(issues);
    if (v.name && !v.archived && await repo.formNameTaken(db, schoolId, v.name, v.subjectId ?? null, exceptId)) throw formNameTaken();
  }

  return {
    // --- Mark scales ---------------------------------------------------------------------------

    async listScales(access: Access): Promise<MarkScaleListDto> {
      await ensureDefaultScales(db, access.actor.schoolId);
      const rows = await repo.listScales(db, access.actor.schoolId);
      return { items: rows.map(scaleDto), total: rows.length };
    },

    async createScale(access: Access, input: CreateMarkScaleInput): Promise<MarkScaleDto> {
      const schoolId = access.actor.schoolId;
      await ensureDefaultScales(db, schoolId);
      const name = cleanName(input.name);
      const issues: FieldIssue[] = [];
      if (name === '') issues.push({ path: 'name', code: 'REQUIRED', message: 'Название: обязательное поле' });
      issues.push(...conversionIssues(input.conversion));
      if (issues.length > 0) throw invalid(issues);
      if (await repo.scaleNameTaken(db, schoolId, name, null)) throw scaleNameTaken();
      let id: string;
      try {
        id = await repo.insertScale(db, { schoolId, kind: 'hundred', name, conversion: sortedConversion(input.conversion as ConversionRow[]) });
      } catch (err) {
        if (repo.isUniqueViolation(err)) throw scaleNameTaken();
        throw err;
      }
      return getScale(schoolId, id);
    },

    async updateScale(access: Access, id: string, input: UpdateMarkScaleInput): Promise<MarkScaleDto> {
      const schoolId = access.actor.schoolId;
      const scale = await repo.findScale(db, schoolId, id) ?? missing('Шкала не найдена');
      const issues: FieldIssue[] = [];
      const name = input.name === undefined ? undefined : cleanName(input.name);
      if (name === '') issues.push({ path: 'name', code: 'REQUIRED', message: 'Название: обязательное поле' });
      if (input.conversion !== undefined) {
        if (scale.kind !== 'hundred') issues.push({ path: 'conversion', code: 'NOT_HUNDRED', message: 'Таблица перевода есть только у стобалльной шкалы' });
        else issues.push(...conversionIssues(input.conversion));
      }
      if (issues.length > 0) throw invalid(issues);
      if (name && await repo.scaleNameTaken(db, schoolId, name, id)) throw scaleNameTaken();
      try {
        await repo.updateScale(db, schoolId, id, {
          ...(name ? { name } : {}),
          ...(input.conversion !== undefined ? { conversion: sortedConversion(input.conversion as ConversionRow[]) } : {}),
        });
      } catch (err) {
        if (repo.isUniqueViolation(err)) throw scaleNameTaken();
        throw err;
      }
      return getScale(schoolId, id);
    },

    // --- Control forms -------------------------------------------------------------------------

    async listForms(access: Access, q: ControlFormListQuery): Promise<ControlFormListDto> {
      await ensureDefaultScales(db, access.actor.schoolId);
      const rows = await repo.listForms(db, access.actor.schoolId, {
        ...(q.subjectId ? { subjectId: q.subjectId } : {}), ...(q.level ? { level: q.level } : {}), includeArchived: q.includeArchived ?? false,
      });
      return { items: rows.map(formDto), total: rows.length };
    },

    async getForm(access: Access, id: string): Promise<ControlFormDto> {
      return getForm(access.actor.schoolId, id);
    },

    async createForm(access: Access, input: CreateControlFormInput): Promise<ControlFormDto> {
      const schoolId = access.actor.schoolId;
      await ensureDefaultScales(db, schoolId);
      const name = cleanName(input.name);
      const shortName = cleanName(input.shortName);
      await checkForm(schoolId, [], null, { name, shortName, markScaleId: input.markScaleId, subjectId: input.subjectId, archived: false });
      const [id] = await repo.insertForms(db, [{
        schoolId, name, shortName, weight: weightText(input.weight), markScaleId: input.markScaleId,
        subjectId: input.subjectId ?? null, levels: [...new Set(input.levels ?? [])],
      }]);
      return getForm(schoolId, id!);
    },

    async updateForm(access: Access, id: string, input: UpdateControlFormInput): Promise<ControlFormDto> {
      const schoolId = access.actor.schoolId;
      const current = await repo.findForm(db, schoolId, id) ?? missing('Форма контроля не найдена');
      const name = input.name === undefined ? undefined : cleanName(input.name);
      const shortName = input.shortName === undefined ? undefined : cleanName(input.shortName);
      const subjectId = input.subjectId === undefined ? current.subjectId : input.subjectId;
      const archived = input.archived ?? current.archived;
      // Renaming, moving to another subject or taking out of the archive may meet a form of the same name.
      const nameToCheck = name ?? (input.subjectId !== undefined || (current.archived && !archived) ? current.name : undefined);
      await checkForm(schoolId, [], id, { name: nameToCheck, shortName, markScaleId: input.markScaleId, subjectId, archived });
      await repo.updateForm(db, schoolId, id, {
        ...(name !== undefined ? { name } : {}),
        ...(shortName !== undefined ? { shortName } : {}),
        ...(input.weight !== undefined ? { weight: weightText(input.weight) } : {}),
        ...(input.markScaleId !== undefined ? { markScaleId: input.markScaleId } : {}),
        ...(input.subjectId !== undefined ? { subjectId: input.subjectId } : {}),
        ...(input.levels !== undefined ? { levels: [...new Set(input.levels)] } : {}),
        ...(input.archived !== undefined ? { archived: input.archived } : {}),
      });
      return getForm(schoolId, id);
    },

    /**
     * Builds the school's set from a `controlForms` sample: creates the forms whose name the school
     * does not use yet (for every subject), on its default scale of the sample's kind; a form that
     * came from the same sample at an older version takes over its new weight when the sample
     * changed that weight since (a weight the school changed itself, while the sample did not, stays).
     */
    async fromSample(access: Access, input: ControlFormsFromSampleInput): Promise<ControlFormsFromSampleDto> {
      const schoolId = access.actor.schoolId;
      const sample = await readSampleForSchool(db, schoolId, input.sampleId, 'controlForms');
      await ensureDefaultScales(db, schoolId);
      const scales = await repo.listScales(db, schoolId);
      const scaleOf = (kind: MarkScaleKind): string => scales.find((s) => s.kind === kind)!.id;
      const older = new Map<number, ControlFormsSampleContent | null>();
      const contentAt = async (q: Queryable, version: number): Promise<ControlFormsSampleContent | null> => {
        if (!older.has(version)) {
          try {
            older.set(version, (await readSampleForSchool(q, schoolId, sample.id, 'controlForms', version)).content);
          } catch {
            older.set(version, null);
          }
        }
        return older.get(version)!;
      };
      const key = (s: string) => cleanName(s).toLowerCase();

      const result: ControlFormsFromSampleDto = {
        sample: { sampleId: sample.id, sampleName: sample.name, version: sample.version, latestVersion: sample.version },
        created: [], updated: [], skipped: [],
      };
      await db.transaction(async (tx) => {
        const existing = new Map((await repo.formsForEverySubject(tx, schoolId)).filter((f) => !f.archived || f.sampleId === sample.id).map((f) => [key(f.name), f]));
        const toCreate: Parameters<typeof repo.insertForms>[1] = [];
        for (const form of sample.content.forms) {
          const mine = existing.get(key(form.name));
          if (!mine) {
            toCreate.push({
              schoolId, name: cleanName(form.name), shortName: cleanName(form.shortName), weight: weightText(form.weight), markScaleId: scaleOf(form.scale),
              subjectId: null, levels: [...new Set(form.levels)], sampleId: sample.id, sampleVersion: sample.version,
            });
            result.created.push(cleanName(form.name));
            existing.set(key(form.name), { name: form.name } as repo.FormRow);
            continue;
          }
          if (mine.sampleId !== sample.id) {
            result.skipped.push(mine.name);
            continue;
          }
          if (mine.sampleVersion !== null && mine.sampleVersion >= sample.version) continue;
          const before = Number(mine.weight);
          const was = mine.sampleVersion === null ? null : (await contentAt(tx, mine.sampleVersion))?.forms.find((f) => key(f.name) === key(form.name));
          const sampleChanged = was ? Math.abs(was.weight - form.weight) > 1e-9 : Math.abs(before - form.weight) > 1e-9;
          const takeOver = sampleChanged && Math.abs(before - form.weight) > 1e-9;
          await repo.updateForm(tx, schoolId, mine.id, { sampleVersion: sample.version, ...(takeOver ? { weight: weightText(form.weight) } : {}) });
          if (takeOver) result.updated.push({ id: mine.id, name: mine.name, weightBefore: before, weightAfter: form.weight });
        }
        await repo.insertForms(tx, toCreate);
      });
      return result;
    },

    async sampleStatus(access: Access): Promise<ControlFormSampleStatusDto> {
      const sources = await repo.sampleSources(db, access.actor.schoolId);
      const items = [];
      for (const s of sources) {
        const origin = await sampleOriginOf(db, s.sampleId, s.version);
        if (origin) items.push({ ...origin, newer: origin.latestVersion > origin.version, formCount: s.formCount });
      }
      return { items };
    },
  };
}

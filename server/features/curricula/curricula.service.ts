// Rules of curricula (SPEC B9, B14, B15): a curriculum of a grade, of a class, or of one student
// (ИУП) for a year; made empty, from a curriculum sample (the column of its grade), or as a copy of
// another; lines replaced at once; a whole year copied into the next; the effective curriculum of a
// student; the difference from its sample and taking the sample's version over. Everything is
// validated first (all problems at once), then written in one transaction: bad input saves nothing.
import { uuidv7 } from 'uuidv7';
import {
  curriculumIssues, diffLines, effectiveCurriculum, lineKey, type CurriculumKind, type DiffLine, type WeekDays,
} from '../../../domain/curriculum';
import type {
  CopyYearInput, CopyYearResultDto, CreateCurriculumInput, CurriculumDto, CurriculumLineInput, CurriculumListDto, CurriculumListQuery,
  CurriculumSampleDiffDto, CurriculumSummaryDto, StudentCurriculumDto, StudentCurriculumQuery, TakeSampleInput, UpdateCurriculumInput,
} from '../../../contracts/curricula';
import type { CurriculumSampleContent, Level } from '../../../contracts/samples';
import type { Db, Queryable } from '../../db/client';
import { isUniqueViolation } from '../../db/errors';
import { AppError, notFound } from '../../lib/errors';
import type { Access } from '../access/access.service';
import { ensureBuiltInSamples } from '../samples/built-in';
import { readSampleForSchool } from '../samples/samples.read';
import * as repo from './curricula.repo';

export type FieldIssue = { path: string; code: string; message: string };

const invalid = (issues: FieldIssue[]): AppError => new AppError('VALIDATION_FAILED', 400, issues[0]?.message ?? 'Неверные данные', issues);
const missing = (): never => notFound('NOT_FOUND', 'Учебный план не найден');
const exists = (): AppError => new AppError('CURRICULUM_EXISTS', 409, 'Такой учебный план на этот год уже есть');

/** Collects the problems of one request so that all of them are reported at once. */
class Issues {
  readonly list: FieldIssue[] = [];
  add(path: string, code: string, message: string): void {
    this.list.push({ path, code, message });
  }
  throwIfAny(): void {
    if (this.list.length > 0) throw invalid(this.list);
  }
}

const levelOf = (grade: number): Level => (grade <= 4 ? 'primary' : grade <= 9 ? 'basic' : 'secondary');
const className = (grade: number | null, letter: string | null): string | null => (grade !== null && letter !== null ? `${grade}${letter}` : null);
const allowedSubjectKinds: Record<CurriculumKind, readonly string[]> = { main: ['subject', 'optionalCourse'], extracurricular: ['extracurricular'] };

/** A line ready to be written; a subject that does not exist yet carries its new row. */
type PlannedLine = repo.NewLine & { subjectName: string };
type Target = { grade: number; classId: string | null; studentId: string | null; className: string | null; studentName: string | null };

const defaultName = (kind: CurriculumKind, t: Target): string => {
  if (t.studentId) return `${kind === 'main' ? 'ИУП' : 'Внеурочная деятельность (ИУП)'}: ${t.studentName ?? ''}`.trim();
  const of = t.className ? `${t.className} класс` : `${t.grade} класс`;
  return kind === 'main' ? `Учебный план, ${of}` : `План внеурочной деятельности, ${of}`;
};

/** The lines of a curriculum sample for one grade (null: the sample does not cover the grade). */
export function sampleLinesFor(content: CurriculumSampleContent, grade: number) {
  const column = content.grades.indexOf(grade);
  if (column < 0) return null;
  return content.lines
    .map((l) => ({ subject: l.subject, subjectArea: l.subjectArea, catalogueCode: l.catalogueCode, part: l.part, hours: l.hoursPerWeek[column] ?? null }))
    .filter((l): l is typeof l & { hours: number } => l.hours !== null);
}

export function createCurriculaService({ db }: { db: Db }) {
  // --- Answers --------------------------------------------------------------------------------

  async function dtos(schoolId: string, views: repo.CurriculumView[]): Promise<CurriculumDto[]> {
    const lines = await repo.linesOf(db, schoolId, views.map((v) => v.id));
    const terms = new Map<number, Map<number, number>>();
    for (const year of new Set(views.map((v) => v.academicYear))) terms.set(year, await repo.termsCountByGrade(db, schoolId, year));
    const heads = await repo.sampleHeads(db, views.flatMap((v) => (v.sampleId ? [v.sampleId] : [])));
    return views.map((v) => {
      const own = lines.filter((l) => l.curriculumId === v.id);
      const termsCount = terms.get(v.academicYear)?.get(v.grade) ?? null;
      const check = curriculumIssues({ grade: v.grade, weekDays: v.weekDays as WeekDays, kind: v.kind as CurriculumKind, termsCount, lines: own });
      const head = v.sampleId ? heads.get(v.sampleId) : undefined;
      const name = className(v.classGrade, v.classLetter);
      return {
        id: v.id,
        academicYear: v.academicYear,
        kind: v.kind as CurriculumKind,
        grade: v.grade,
        class: v.classId && name ? { id: v.classId, name } : null,
        student: v.studentId ? { id: v.studentId, name: v.studentName ?? '' } : null,
        name: v.name,
        weekDays: v.weekDays,
        lineCount: own.length,
        totalsByTerm: check.totalsByTerm,
        total: check.total,
        weeklyMax: check.weeklyMax,
        errorCount: check.issues.filter((i) => i.severity === 'error').length,
        warningCount: check.issues.filter((i) => i.severity === 'warning').length,
        sample: head && v.sampleVersion !== null && v.sampleId
          ? { sampleId: v.sampleId, sampleName: head.name, version: v.sampleVersion, latestVersion: head.version } : null,
        copiedFromId: v.copiedFromId,
        termsCount,
        capacity: check.capacity,
        lines: own.map((l) => ({
          id: l.id,
          subject: { id: l.subjectId, name: l.subjectName, kind: l.subjectKind, catalogueCode: l.catalogueCode },
          part: l.part,
          hoursPerWeek: l.hoursPerWeek,
          hoursByTerm: l.hoursByTerm,
          attestationScheduleId: l.attestationScheduleId,
          attestationForm: l.attestationForm,
          splitIntoGroups: l.splitIntoGroups,
        })),
        issues: check.issues,
      };
    });
  }

  const summaryOf = (d: CurriculumDto): CurriculumSummaryDto => {
    const { lines: _lines, issues: _issues, termsCount: _terms, capacity: _capacity, ...summary } = d;
    return summary;
  };

  async function one(schoolId: string, id: string): Promise<CurriculumDto> {
    const view = await repo.findCurriculum(db, schoolId, id) ?? missing();
    const [dto] = await dtos(schoolId, [view]);
    return dto!;
  }

  async function list(access: Access, query: CurriculumListQuery): Promise<CurriculumListDto> {
    const schoolId = access.actor.schoolId;
    const views = await repo.listCurricula(db, schoolId, query.academicYear ?? access.actor.academicYear, query.kind);
    const items = (await dtos(schoolId, views)).map(summaryOf);
    return { items, total: items.length };
  }

  const get = (access: Access, id: string): Promise<CurriculumDto> => one(access.actor.schoolId, id);

  // --- Validation -----------------------------------------------------------------------------

  /** Checks the lines (subjects, schedules, hours against the week) and gives them back ready to write. */
  async function checkLines(
    issues: Issues, q: Queryable, schoolId: string,
    c: { academicYear: number; kind: CurriculumKind; grade: number; weekDays: WeekDays },
    lines: readonly CurriculumLineInput[], path = 'lines',
  ): Promise<PlannedLine[]> {
    const subjectsById = new Map((await repo.subjectsOfSchool(q, schoolId)).map((s) => [s.id, s]));
    const scheduleIds = [...new Set(lines.flatMap((l) => (l.attestationScheduleId ? [l.attestationScheduleId] : [])))];
    const schedules = new Map((await repo.schedulesOf(q, schoolId, scheduleIds)).map((s) => [s.id, s]));
    const seen = new Set<string>();
    const planned = lines.map((l, i): PlannedLine => {
      const subject = subjectsById.get(l.subjectId);
      if (!subject) issues.add(`${path}.${i}.subjectId`, 'SUBJECT_NOT_FOUND', `Строка ${i + 1}: нет такого предмета в школе`);
      else if (!allowedSubjectKinds[c.kind].includes(subject.kind)) {
        issues.add(`${path}.${i}.subjectId`, 'SUBJECT_KIND', c.kind === 'extracurricular'
          ? `«${subject.name}»: в план внеурочной деятельности входят только курсы внеурочной деятельности`
          : `«${subject.name}»: в учебный план входят предметы и курсы по выбору, не внеурочная деятельность и не доп. образование`);
      }
      if (seen.has(l.subjectId)) issues.add(`${path}.${i}.subjectId`, 'DUPLICATE_SUBJECT', `«${subject?.name ?? `Строка ${i + 1}`}»: предмет уже есть в плане`);
      seen.add(l.subjectId);
      if (l.attestationScheduleId) {
        const s = schedules.get(l.attestationScheduleId);
        if (!s || s.academicYear !== c.academicYear) {
          issues.add(`${path}.${i}.attestationScheduleId`, 'SCHEDULE_NOT_FOUND', `Строка ${i + 1}: нет такого графика аттестации в этом учебном году`);
        } else if (!s.grades.includes(c.grade)) {
          issues.add(`${path}.${i}.attestationScheduleId`, 'SCHEDULE_GRADE', `Строка ${i + 1}: график аттестации не для ${c.grade} класса`);
        }
      }
      return {
        subjectId: l.subjectId,
        subjectName: subject?.name ?? '',
        part: l.part ?? 'mandatory',
        hoursPerWeek: l.hoursPerWeek,
        hoursByTerm: l.hoursByTerm ?? null,
        attestationScheduleId: l.attestationScheduleId ?? null,
        attestationForm: l.attestationForm?.trim() || null,
        splitIntoGroups: l.splitIntoGroups ?? false,
      };
    });
    await checkRules(issues, q, schoolId, c, planned, path);
    return planned;
  }

  /** The domain rules: errors join the request's issues (warnings are shown with the curriculum). */
  async function checkRules(
    issues: Issues, q: Queryable, schoolId: string, c: { academicYear: number; kind: CurriculumKind; grade: number; weekDays: WeekDays },
    lines: readonly PlannedLine[], path = 'lines',
  ): Promise<void> {
    const termsCount = (await repo.termsCountByGrade(q, schoolId, c.academicYear)).get(c.grade) ?? null;
    const check = curriculumIssues({ ...c, termsCount, lines });
    for (const i of check.issues) {
      if (i.severity === 'error') issues.add(i.path.startsWith('lines') ? i.path.replace(/^lines/, path) : i.path, i.code, i.message);
    }
  }

  /** Grade, class and student of a new curriculum, checked against the year. */
  async function resolveTarget(
    issues: Issues, schoolId: string, year: number, input: { grade?: number | undefined; classId?: string | null | undefined; studentId?: string | null | undefined },
  ): Promise<Target | null> {
    const classId = input.classId ?? null;
    const studentId = input.studentId ?? null;
    if (classId && studentId) {
      issues.add('studentId', 'TARGET_AMBIGUOUS', 'Укажите класс или ученика, не оба');
      return null;
    }
    if (classId) {
      const cls = await repo.findClass(db, schoolId, classId);
      if (!cls) { issues.add('classId', 'CLASS_NOT_FOUND', 'Класс: нет такого класса в школе'); return null; }
      if (cls.academicYear !== year) { issues.add('classId', 'CLASS_OTHER_YEAR', `Класс ${cls.grade}${cls.letter}: класс другого учебного года`); return null; }
      if (input.grade !== undefined && input.grade !== cls.grade) issues.add('grade', 'GRADE_MISMATCH', `Параллель: класс ${cls.grade}${cls.letter} в ${cls.grade} параллели`);
      return { grade: cls.grade, classId, studentId: null, className: `${cls.grade}${cls.letter}`, studentName: null };
    }
    if (studentId) {
      const student = await repo.findStudent(db, schoolId, studentId);
      if (!student) { issues.add('studentId', 'STUDENT_NOT_FOUND', 'Ученик: нет такого ученика в школе'); return null; }
      const cls = await repo.classOfStudentInYear(db, schoolId, studentId, year);
      if (!cls) { issues.add('studentId', 'NOT_ENROLLED', 'Ученик: не числится ни в одном классе этого учебного года'); return null; }
      if (input.grade !== undefined && input.grade !== cls.grade) issues.add('grade', 'GRADE_MISMATCH', `Параллель: ученик учится в ${cls.grade}${cls.letter}`);
      return { grade: cls.grade, classId: null, studentId, className: null, studentName: student.name };
    }
    if (input.grade === undefined) {
      issues.add('grade', 'REQUIRED', 'Параллель: обязательное поле');
      return null;
    }
    return { grade: input.grade, classId: null, studentId: null, className: null, studentName: null };
  }

  /**
   * The lines of a sample's grade as lines of this school: subjects matched by catalogue code, then
   * by name; the missing ones planned as new subjects (kind by the curriculum's kind).
   */
  async function linesFromSample(
    q: Queryable, schoolId: string, kind: CurriculumKind, grade: number,
    sampleLines: NonNullable<ReturnType<typeof sampleLinesFor>>, keep: readonly repo.LineRow[] = [],
  ): Promise<{ lines: PlannedLine[]; newSubjects: repo.NewSubject[] }> {
    const school = await repo.subjectsOfSchool(q, schoolId);
    const byCode = new Map(school.filter((s) => s.catalogueCode).map((s) => [s.catalogueCode!, s]));
    const byName = new Map(school.map((s) => [lineKey(null, s.name), s]));
    const newSubjects: repo.NewSubject[] = [];
    const kept = new Map(keep.map((l) => [l.subjectId, l]));
    const lines: PlannedLine[] = [];
    const seen = new Set<string>();
    for (const l of sampleLines) {
      let subjectId = (l.catalogueCode ? byCode.get(l.catalogueCode) : undefined)?.id ?? byName.get(lineKey(null, l.subject))?.id;
      if (!subjectId) {
        subjectId = uuidv7();
        const row = {
          schoolId, id: subjectId, name: l.subject, shortName: l.subject.length > 20 ? `${l.subject.slice(0, 19)}.` : l.subject,
          levels: [levelOf(grade)], kind: kind === 'main' ? 'subject' : 'extracurricular', catalogueCode: l.catalogueCode, subjectArea: l.subjectArea,
        };
        newSubjects.push(row);
        byName.set(lineKey(null, l.subject), { ...row, archived: false, createdAt: new Date(), catalogueCode: row.catalogueCode ?? null, subjectArea: row.subjectArea ?? null });
      }
      if (seen.has(subjectId)) continue;
      seen.add(subjectId);
      const before = kept.get(subjectId);
      lines.push({
        subjectId, subjectName: l.subject, part: l.part, hoursPerWeek: l.hours, hoursByTerm: null,
        attestationScheduleId: before?.attestationScheduleId ?? null, attestationForm: before?.attestationForm ?? null, splitIntoGroups: before?.splitIntoGroups ?? false,
      });
    }
    return { lines, newSubjects };
  }

  // --- Writes ---------------------------------------------------------------------------------

  async function insertWithLines(
    schoolId: string, values: repo.NewCurriculum, lines: readonly PlannedLine[],
    newSubjects: repo.NewSubject[] = [],
  ): Promise<string> {
    try {
      return await db.transaction(async (tx) => {
        await repo.insertSubjects(tx, newSubjects);
        const row = await repo.insertCurriculum(tx, values);
        await repo.replaceLines(tx, schoolId, row.id, lines);
        if (values.studentId && values.kind === 'main') await repo.setIndividualCurriculum(tx, schoolId, values.studentId, true);
        return row.id;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw exists();
      throw err;
    }
  }

  async function create(access: Access, input: CreateCurriculumInput): Promise<CurriculumDto> {
    const schoolId = access.actor.schoolId;
    const year = input.academicYear ?? access.actor.academicYear;
    const issues = new Issues();
    if (input.fromSample && input.copyFrom) issues.add('copyFrom', 'ONE_SOURCE', 'Укажите что-то одно: образец или копируемый план');
    if ((input.fromSample || input.copyFrom) && input.lines !== undefined) issues.add('lines', 'ONE_SOURCE', 'Строки задаются после создания по образцу или копии');
    issues.throwIfAny();

    let source: repo.CurriculumView | null = null;
    if (input.copyFrom) {
      source = await repo.findCurriculum(db, schoolId, input.copyFrom);
      if (!source) issues.add('copyFrom', 'NOT_FOUND', 'Копируемый план: нет такого учебного плана в школе');
    }
    const kind: CurriculumKind = (source?.kind as CurriculumKind | undefined) ?? input.kind ?? 'main';
    const target = await resolveTarget(issues, schoolId, year, {
      grade: input.grade ?? (source && !input.classId && !input.studentId ? source.grade : undefined), classId: input.classId, studentId: input.studentId,
    });
    issues.throwIfAny();
    const t = target!;
    if (await repo.findSamePlace(db, schoolId, { academicYear: year, kind, ...t })) throw exists();

    let weekDays: WeekDays = (input.weekDays ?? (source?.weekDays as WeekDays | undefined) ?? 5);
    let lines: PlannedLine[] = [];
    let newSubjects: repo.NewSubject[] = [];
    let sample: { sampleId: string; sampleVersion: number } | null = null;
    const c = () => ({ academicYear: year, kind, grade: t.grade, weekDays });

    if (input.fromSample) {
      await ensureBuiltInSamples(db);
      const s = await readSampleForSchool(db, schoolId, input.fromSample.sampleId, 'curriculum');
      const sampleLines = sampleLinesFor(s.content, t.grade);
      if (!sampleLines) {
        issues.add('fromSample.sampleId', 'SAMPLE_GRADE', `Образец «${s.name}» не содержит ${t.grade} класс`);
        issues.throwIfAny();
      }
      if (input.weekDays === undefined) weekDays = s.content.weekDays;
      ({ lines, newSubjects } = await linesFromSample(db, schoolId, kind, t.grade, sampleLines!));
      sample = { sampleId: s.id, sampleVersion: s.version };
      await checkRules(issues, db, schoolId, c(), lines);
    } else if (source) {
      const sameYear = source.academicYear === year;
      lines = (await repo.linesOf(db, schoolId, [source.id])).map((l) => ({ ...l, attestationScheduleId: sameYear ? l.attestationScheduleId : null }));
      if (source.sampleId && source.sampleVersion !== null) sample = { sampleId: source.sampleId, sampleVersion: source.sampleVersion };
      await checkRules(issues, db, schoolId, c(), lines);
    } else {
      lines = await checkLines(issues, db, schoolId, c(), input.lines ?? []);
    }
    if (t.grade === 1 && weekDays === 6 && !issues.list.some((i) => i.path === 'weekDays')) {
      issues.add('weekDays', 'SIX_DAY_FIRST_GRADE', 'Учебная неделя: 1 класс учится только пять дней в неделю');
    }
    issues.throwIfAny();

    const id = await insertWithLines(schoolId, {
      schoolId, academicYear: year, kind, grade: t.grade, classId: t.classId, studentId: t.studentId,
      name: input.name?.trim() || defaultName(kind, t), weekDays,
      sampleId: sample?.sampleId ?? null, sampleVersion: sample?.sampleVersion ?? null, copiedFromId: source?.id ?? null,
    }, lines, newSubjects);
    return one(schoolId, id);
  }

  async function replaceLines(access: Access, id: string, lines: readonly CurriculumLineInput[]): Promise<CurriculumDto> {
    const schoolId = access.actor.schoolId;
    const c = await repo.findCurriculum(db, schoolId, id) ?? missing();
    const issues = new Issues();
    const planned = await checkLines(issues, db, schoolId, { academicYear: c.academicYear, kind: c.kind as CurriculumKind, grade: c.grade, weekDays: c.weekDays as WeekDays }, lines);
    issues.throwIfAny();
    await db.transaction(async (tx) => { await repo.replaceLines(tx, schoolId, id, planned); });
    return one(schoolId, id);
  }

  async function update(access: Access, id: string, input: UpdateCurriculumInput): Promise<CurriculumDto> {
    const schoolId = access.actor.schoolId;
    const c = await repo.findCurriculum(db, schoolId, id) ?? missing();
    const issues = new Issues();
    if (input.weekDays !== undefined && input.weekDays !== c.weekDays) {
      if (c.grade === 1 && input.weekDays === 6) issues.add('weekDays', 'SIX_DAY_FIRST_GRADE', 'Учебная неделя: 1 класс учится только пять дней в неделю');
      else {
        const lines = await repo.linesOf(db, schoolId, [id]);
        await checkRules(issues, db, schoolId, { academicYear: c.academicYear, kind: c.kind as CurriculumKind, grade: c.grade, weekDays: input.weekDays }, lines);
      }
    }
    issues.throwIfAny();
    await repo.updateCurriculum(db, schoolId, id, {
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.weekDays !== undefined ? { weekDays: input.weekDays } : {}),
    });
    return one(schoolId, id);
  }

  async function remove(access: Access, id: string): Promise<void> {
    const schoolId = access.actor.schoolId;
    const c = await repo.findCurriculum(db, schoolId, id) ?? missing();
    await db.transaction(async (tx) => {
      await repo.deleteCurriculum(tx, schoolId, id);
      if (c.studentId && c.kind === 'main' && await repo.countStudentCurricula(tx, schoolId, c.studentId) === 0) {
        await repo.setIndividualCurriculum(tx, schoolId, c.studentId, false);
      }
    });
  }

  // --- A year into the next -------------------------------------------------------------------

  async function copyYear(access: Access, input: CopyYearInput): Promise<CopyYearResultDto> {
    const schoolId = access.actor.schoolId;
    if (input.fromYear === input.toYear) throw invalid([{ path: 'toYear', code: 'SAME_YEAR', message: 'В год: другой учебный год, чем «из года»' }]);
    const sources = await repo.listCurricula(db, schoolId, input.fromYear);
    const lines = await repo.linesOf(db, schoolId, sources.map((s) => s.id));
    const targetClasses = await repo.classesOfYear(db, schoolId, input.toYear);
    const termsByGrade = await repo.termsCountByGrade(db, schoolId, input.toYear);
    const result: CopyYearResultDto = { created: [], skipped: [] };
    const writes: { values: repo.NewCurriculum; lines: PlannedLine[] }[] = [];
    for (const s of sources) {
      let target: Target;
      if (s.studentId) {
        const cls = await repo.classOfStudentInYear(db, schoolId, s.studentId, input.toYear);
        if (!cls) { result.skipped.push({ sourceId: s.id, name: s.name, reason: 'notEnrolled', message: 'Ученик не числится в классах нового года' }); continue; }
        target = { grade: cls.grade, classId: null, studentId: s.studentId, className: null, studentName: s.studentName };
      } else if (s.classId) {
        const cls = targetClasses.find((k) => k.grade === s.classGrade && k.letter === s.classLetter);
        if (!cls) { result.skipped.push({ sourceId: s.id, name: s.name, reason: 'noClass', message: `В новом году нет класса ${s.classGrade}${s.classLetter}` }); continue; }
        target = { grade: cls.grade, classId: cls.id, studentId: null, className: `${cls.grade}${cls.letter}`, studentName: null };
      } else {
        target = { grade: s.grade, classId: null, studentId: null, className: null, studentName: null };
      }
      if (await repo.findSamePlace(db, schoolId, { academicYear: input.toYear, kind: s.kind, ...target })) {
        result.skipped.push({ sourceId: s.id, name: s.name, reason: 'exists', message: 'В новом году такой план уже есть' });
        continue;
      }
      const terms = termsByGrade.get(target.grade) ?? null;
      writes.push({
        values: {
          schoolId, academicYear: input.toYear, kind: s.kind, grade: target.grade, classId: target.classId, studentId: target.studentId,
          name: s.name, weekDays: s.weekDays, sampleId: s.sampleId, sampleVersion: s.sampleVersion, copiedFromId: s.id,
        },
        // Attestation schedules belong to a year; per-term hours survive only when the terms match.
        lines: lines.filter((l) => l.curriculumId === s.id).map((l) => ({
          ...l, attestationScheduleId: null, hoursByTerm: l.hoursByTerm && terms !== null && l.hoursByTerm.length === terms ? l.hoursByTerm : null,
        })),
      });
    }
    const ids = await db.transaction(async (tx) => {
      const out: string[] = [];
      for (const w of writes) {
        const row = await repo.insertCurriculum(tx, w.values);
        await repo.replaceLines(tx, schoolId, row.id, w.lines);
        if (w.values.studentId && w.values.kind === 'main') await repo.setIndividualCurriculum(tx, schoolId, w.values.studentId, true);
        out.push(row.id);
      }
      return out;
    });
    writes.forEach((w, i) => result.created.push({ id: ids[i]!, sourceId: w.values.copiedFromId!, name: w.values.name, kind: w.values.kind as CurriculumKind, grade: w.values.grade }));
    return result;
  }

  // --- A student's curriculum -----------------------------------------------------------------

  async function ofStudent(access: Access, studentId: string, query: StudentCurriculumQuery): Promise<StudentCurriculumDto> {
    const schoolId = access.actor.schoolId;
    const year = query.academicYear ?? access.actor.academicYear;
    if (!await repo.findStudent(db, schoolId, studentId)) notFound('NOT_FOUND', 'Ученик не найден');
    const cls = await repo.classOfStudentInYear(db, schoolId, studentId, year);
    const candidates = await repo.listCurricula(db, schoolId, year, query.kind);
    const found = effectiveCurriculum(candidates, { studentId, classId: cls?.id ?? null, grade: cls?.grade ?? null });
    if (!found) return { source: null, curriculum: null };
    const [dto] = await dtos(schoolId, [found.curriculum]);
    return { source: found.source, curriculum: dto! };
  }

  // --- Samples --------------------------------------------------------------------------------

  const noOrigin = (): AppError => new AppError('NO_SAMPLE_ORIGIN', 409, 'Учебный план создан не по образцу');

  const sampleDiffLines = (content: CurriculumSampleContent, grade: number): DiffLine[] =>
    (sampleLinesFor(content, grade) ?? []).map((l) => ({ key: lineKey(l.catalogueCode, l.subject), subject: l.subject, part: l.part, hoursPerWeek: l.hours }));

  async function sampleDiff(access: Access, id: string): Promise<CurriculumSampleDiffDto> {
    const schoolId = access.actor.schoolId;
    const c = await repo.findCurriculum(db, schoolId, id) ?? missing();
    if (!c.sampleId || c.sampleVersion === null) throw noOrigin();
    await ensureBuiltInSamples(db);
    const latest = await readSampleForSchool(db, schoolId, c.sampleId, 'curriculum');
    const held = await readSampleForSchool(db, schoolId, c.sampleId, 'curriculum', c.sampleVersion);
    const current: DiffLine[] = (await repo.linesOf(db, schoolId, [id])).map((l) => ({
      key: lineKey(l.catalogueCode, l.subjectName), subject: l.subjectName, part: l.part, hoursPerWeek: l.hoursPerWeek,
    }));
    // The school's lines are keyed by catalogue code when the sample line has one, else by name.
    const latestLines = sampleDiffLines(latest.content, c.grade);
    const aligned = current.map((l) => {
      const match = latestLines.find((s) => s.key === l.key) ? undefined : latestLines.find((s) => lineKey(null, s.subject) === lineKey(null, l.subject));
      return match ? { ...l, key: match.key } : l;
    });
    return {
      sample: { sampleId: latest.id, sampleName: latest.name, version: c.sampleVersion, latestVersion: latest.version },
      sinceVersion: diffLines(sampleDiffLines(held.content, c.grade), latestLines),
      againstCurrent: diffLines(aligned, latestLines),
    };
  }

  async function takeSample(access: Access, id: string, input: TakeSampleInput): Promise<CurriculumDto> {
    const schoolId = access.actor.schoolId;
    const c = await repo.findCurriculum(db, schoolId, id) ?? missing();
    if (!c.sampleId) throw noOrigin();
    await ensureBuiltInSamples(db);
    const s = await readSampleForSchool(db, schoolId, c.sampleId, 'curriculum', input.version);
    const sampleLines = sampleLinesFor(s.content, c.grade);
    const issues = new Issues();
    if (!sampleLines) {
      issues.add('version', 'SAMPLE_GRADE', `Образец «${s.name}» (версия ${s.version}) не содержит ${c.grade} класс`);
      issues.throwIfAny();
    }
    const kind = c.kind as CurriculumKind;
    const existing = await repo.linesOf(db, schoolId, [id]);
    const { lines, newSubjects } = await linesFromSample(db, schoolId, kind, c.grade, sampleLines!, existing);
    await checkRules(issues, db, schoolId, { academicYear: c.academicYear, kind, grade: c.grade, weekDays: c.weekDays as WeekDays }, lines);
    issues.throwIfAny();
    await db.transaction(async (tx) => {
      await repo.insertSubjects(tx, newSubjects);
      await repo.replaceLines(tx, schoolId, id, lines);
      await repo.updateCurriculum(tx, schoolId, id, { sampleVersion: s.version });
    });
    return one(schoolId, id);
  }

  return { list, get, create, replaceLines, update, remove, copyYear, ofStudent, sampleDiff, takeSample };
}

export type CurriculaService = ReturnType<typeof createCurriculaService>;

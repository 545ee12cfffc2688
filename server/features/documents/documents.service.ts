// The school's programme documents (SPEC B16): which exist for a year, each as readable tables
// and as XLSX, for the school's own people and — when the school opens them — for anyone.
import { academicYearOfDate } from '../../../domain/school-year';
import type { ProgrammeDocumentDto, ProgrammeDocumentListDto, ProgrammeDocumentSummaryDto, PublicationDto } from '../../../contracts/documents';
import type { Queryable } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { AppError } from '../../lib/errors';
import { localDateOf } from '../../lib/local-date';
import type { Access } from '../access/access.service';
import * as readinessRepo from '../readiness/readiness.repo';
import { additionalProgrammeTables, calendarTables, curriculumTables, extracurricularTables } from './documents.content';
import * as repo from './documents.repo';
import { programmeDocumentXlsx } from './documents.xlsx';

type School = NonNullable<Awaited<ReturnType<typeof repo.findSchool>>>;

const documentNotFound = (): never => {
  throw new AppError('DOCUMENT_NOT_FOUND', 404, 'Такого документа у школы нет');
};
/** The public address answers a closed school exactly like a missing one. */
const publicNotFound = (): never => {
  throw new AppError('NOT_FOUND', 404, 'Не найдено');
};

const curriculumKey = (grade: number): string => `curriculum-${grade}`;

async function listOf(db: Queryable, school: School, academicYear: number): Promise<ProgrammeDocumentListDto> {
  const [calendar, main, extracurricular, additional] = await Promise.all([
    readinessRepo.findCalendar(db, school.id, academicYear),
    repo.sharedCurricula(db, school.id, academicYear, 'main'),
    repo.sharedCurricula(db, school.id, academicYear, 'extracurricular'),
    repo.additionalProgrammesOf(db, school.id, academicYear),
  ]);
  const items: ProgrammeDocumentSummaryDto[] = [];
  if (calendar) items.push({ key: 'calendar', title: 'Календарный учебный график' });
  for (const grade of [...new Set(main.map((c) => c.grade))].sort((a, b) => a - b)) {
    items.push({ key: curriculumKey(grade), title: `Учебный план, ${grade} класс` });
  }
  if (extracurricular.length > 0) items.push({ key: 'extracurricular', title: 'План внеурочной деятельности' });
  if (additional.length > 0) items.push({ key: 'additional-programmes', title: 'Дополнительные общеразвивающие программы' });
  return {
    school: { id: school.id, name: school.name, shortName: school.shortName },
    academicYear, public: school.programmesPublic, items, total: items.length,
  };
}

async function documentOf(db: Queryable, school: School, key: string, academicYear: number): Promise<ProgrammeDocumentDto> {
  const base = { key, school: school.name, academicYear };
  if (key === 'calendar') {
    const calendar = await readinessRepo.findCalendar(db, school.id, academicYear) ?? documentNotFound();
    const schedules = await readinessRepo.termSchedules(db, school.id, academicYear);
    return { ...base, title: 'Календарный учебный график', tables: calendarTables(calendar, schedules, academicYear) };
  }
  if (key.startsWith('curriculum-')) {
    const grade = Number(key.slice('curriculum-'.length));
    const list = (await repo.sharedCurricula(db, school.id, academicYear, 'main')).filter((c) => c.grade === grade);
    if (list.length === 0) documentNotFound();
    const lines = await repo.linesOf(db, school.id, list.map((c) => c.id));
    return { ...base, title: `Учебный план, ${grade} класс`, tables: curriculumTables(list, lines) };
  }
  if (key === 'extracurricular') {
    const list = await repo.sharedCurricula(db, school.id, academicYear, 'extracurricular');
    if (list.length === 0) documentNotFound();
    const lines = await repo.linesOf(db, school.id, list.map((c) => c.id));
    return { ...base, title: 'План внеурочной деятельности', tables: extracurricularTables(list, lines) };
  }
  if (key === 'additional-programmes') {
    const rows = await repo.additionalProgrammesOf(db, school.id, academicYear);
    if (rows.length === 0) documentNotFound();
    return { ...base, title: 'Дополнительные общеразвивающие программы', tables: additionalProgrammeTables(rows) };
  }
  return documentNotFound();
}

export type DocumentFile = { body: Buffer; filename: string };

const fileOf = async (doc: ProgrammeDocumentDto): Promise<DocumentFile> =>
  ({ body: await programmeDocumentXlsx(doc), filename: `${doc.key}-${doc.academicYear}.xlsx` });

export function createDocumentsService({ db, clock }: { db: Queryable; clock: Clock }) {
  const ownSchool = async (access: Access): Promise<School> =>
    (await repo.findSchool(db, access.actor.schoolId)) ?? publicNotFound();
  const yearOf = (access: Access, query: { academicYear?: number | undefined }) => query.academicYear ?? access.actor.academicYear;

  /** A school whose documents are open to anyone; any other answers 404 like a missing school. */
  const publicSchool = async (schoolId: string): Promise<School> => {
    const school = await repo.findSchool(db, schoolId);
    if (!school || !school.programmesPublic) return publicNotFound();
    return school;
  };
  const publicYear = (school: School, query: { academicYear?: number | undefined }) =>
    query.academicYear ?? academicYearOfDate(localDateOf(clock.now(), school.timeZone));

  return {
    async list(access: Access, query: { academicYear?: number | undefined }): Promise<ProgrammeDocumentListDto> {
      return listOf(db, await ownSchool(access), yearOf(access, query));
    },
    async get(access: Access, key: string, query: { academicYear?: number | undefined }): Promise<ProgrammeDocumentDto> {
      return documentOf(db, await ownSchool(access), key, yearOf(access, query));
    },
    async file(access: Access, key: string, query: { academicYear?: number | undefined }): Promise<DocumentFile> {
      return fileOf(await documentOf(db, await ownSchool(access), key, yearOf(access, query)));
    },
    async publish(access: Access, input: { public: boolean }): Promise<PublicationDto> {
      await repo.setProgrammesPublic(db, access.actor.schoolId, input.public);
      return { public: input.public };
    },

    async publicList(schoolId: string, query: { academicYear?: number | undefined }): Promise<ProgrammeDocumentListDto> {
      const school = await publicSchool(schoolId);
      return listOf(db, school, publicYear(school, query));
    },
    async publicGet(schoolId: string, key: string, query: { academicYear?: number | undefined }): Promise<ProgrammeDocumentDto> {
      const school = await publicSchool(schoolId);
      return documentOf(db, school, key, publicYear(school, query));
    },
    async publicFile(schoolId: string, key: string, query: { academicYear?: number | undefined }): Promise<DocumentFile> {
      const school = await publicSchool(schoolId);
      return fileOf(await documentOf(db, school, key, publicYear(school, query)));
    },
  };
}

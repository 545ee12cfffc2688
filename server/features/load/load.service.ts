// Rules of the teaching load (SPEC B11): a load row names a teacher of the school, a subject of a
// kind the target takes (lessons for a class, a subgroup or a stream; an extracurricular course or
// an additional programme for an activity group) and hours in steps of 0.5; a subgroup's or stream's
// own subject must be the row's. The row's year is its class's or group's. Every problem of a
// request is reported at once and nothing is written then.
import type {
  CreateTeachingLoadInput, LoadConsistencyDto, LoadLimitInput, LoadTeacherListDto, LoadYearQuery, TeachingLoadDto, TeachingLoadListDto,
  TeachingLoadListQuery, UpdateTeachingLoadInput,
} from '../../../contracts/load';
import { subjectKindFits, subjectKindMessage, type LoadTargetKind } from '../../../domain/load-consistency';
import { lessonSplitIssue, normaliseLessonSplit } from '../../../domain/lesson-split';
import type { Db } from '../../db/client';
import { AppError, notFound } from '../../lib/errors';
import type { Access } from '../access/access.service';
import * as org from '../org/org.repo';
import { loadConsistencyOf } from './load.consistency';
import * as repo from './load.repo';
import { tarificationXlsx } from './load.xlsx';

type FieldIssue = { path: string; code: string; message: string };
const invalid = (issues: FieldIssue[]): AppError => new AppError('VALIDATION_FAILED', 400, issues[0]?.message ?? 'Неверные данные', issues);
const missing = (message: string): never => notFound('NOT_FOUND', message);

const loadDto = (l: repo.TeachingLoadView): TeachingLoadDto => ({
  id: l.id,
  academicYear: l.academicYear,
  employee: { id: l.employeeId, lastName: l.lastName, firstName: l.firstName, middleName: l.middleName },
  subject: { id: l.subjectId, name: l.subjectName },
  class: l.classId && l.classGrade !== null && l.classLetter !== null ? { id: l.classId, name: org.classNameOf({ grade: l.classGrade, letter: l.classLetter }) } : null,
  studyGroup: l.studyGroupId && l.groupName ? { id: l.studyGroupId, name: l.groupName } : null,
  hoursPerWeek: Number(l.hoursPerWeek),
  lessonSplit: l.lessonSplit,
});

export function createLoadService({ db }: { db: Db }) {
  const yearOf = (access: Access, query: LoadYearQuery): number => query.academicYear ?? access.actor.academicYear;

  /** The whole school's load of a year: the matrix lets every member of staff read the tarification. */
  async function listTeachingLoads(access: Access, query: TeachingLoadListQuery): Promise<TeachingLoadListDto> {
    const rows = await repo.listTeachingLoads(db, access.actor.schoolId, { academicYear: yearOf(access, query), employeeId: query.employeeId, classId: query.classId });
    return { items: rows.map(loadDto), total: rows.length };
  }

  async function createTeachingLoad(access: Access, input: CreateTeachingLoadInput): Promise<TeachingLoadDto> {
    const schoolId = access.actor.schoolId;
    const issues: FieldIssue[] = [];
    const add = (path: string, code: string, message: string) => issues.push({ path, code, message });
    const classId = input.classId ?? null;
    const studyGroupId = input.studyGroupId ?? null;
    const [employee, subject] = await Promise.all([org.findEmployee(db, schoolId, input.employeeId), org.findSubject(db, schoolId, input.subjectId)]);
    if (!employee) add('employeeId', 'EMPLOYEE_NOT_FOUND', 'Учитель: нет такого сотрудника в школе');
    if (!subject) add('subjectId', 'SUBJECT_NOT_FOUND', 'Предмет: нет такого предмета в школе');

    let year: number | null = null;
    let target: LoadTargetKind | null = null;
    if ((classId === null) === (studyGroupId === null)) add('classId', 'TARGET_REQUIRED', 'Класс или группа: укажите либо класс, либо группу');
    else if (classId !== null) {
      const c = await org.findClass(db, schoolId, classId);
      if (!c) add('classId', 'CLASS_NOT_FOUND', 'Класс: нет такого класса в школе');
      else [year, target] = [c.academicYear, 'class'];
    } else {
      const g = await org.findStudyGroup(db, schoolId, studyGroupId!);
      if (!g) add('studyGroupId', 'STUDY_GROUP_NOT_FOUND', 'Группа: нет такой группы в школе');
      else {
        [year, target] = [g.academicYear, g.kind === 'stream' || g.kind === 'activity' ? g.kind : 'subgroup'];
        if (subject && g.subjectId && g.subjectId !== subject.id) {
          add('subjectId', 'SUBJECT_MISMATCH', `Предмет: группа «${g.name}» занимается другим предметом`);
        }
      }
    }
    if (subject && target && !subjectKindFits(target, subject.kind)) add('subjectId', 'SUBJECT_KIND', subjectKindMessage(target));
    const lessonSplit = normaliseLessonSplit(input.lessonSplit);
    const splitIssue = lessonSplitIssue(lessonSplit, input.hoursPerWeek);
    if (splitIssue) add('lessonSplit', 'LESSON_SPLIT_INVALID', splitIssue);
    if (issues.length > 0) throw invalid(issues);

    const load = { employeeId: input.employeeId, subjectId: input.subjectId, classId, studyGroupId };
    const id = await db.transaction(async (tx) => {
      if (await repo.sameTeachingLoad(tx, schoolId, load)) {
        throw new AppError('TEACHING_LOAD_EXISTS', 409, 'Этот учитель уже ведёт этот предмет в этом классе или группе: измените часы у существующей строки');
      }
      return repo.insertTeachingLoad(tx, { schoolId, academicYear: year!, ...load, hoursPerWeek: String(input.hoursPerWeek), lessonSplit });
    });
    return loadDto(await repo.findTeachingLoadView(db, schoolId, id) ?? missing('Нагрузка не найдена'));
  }

  async function updateTeachingLoad(access: Access, id: string, input: UpdateTeachingLoadInput): Promise<TeachingLoadDto> {
    const schoolId = access.actor.schoolId;
    const row = await repo.findTeachingLoad(db, schoolId, id) ?? missing('Нагрузка не найдена');
    const lessonSplit = input.lessonSplit === undefined ? row.lessonSplit : normaliseLessonSplit(input.lessonSplit);
    const splitIssue = lessonSplitIssue(lessonSplit, input.hoursPerWeek);
    if (splitIssue) throw invalid([{ path: 'lessonSplit', code: 'LESSON_SPLIT_INVALID', message: splitIssue }]);
    await repo.updateTeachingLoadHours(db, schoolId, id, String(input.hoursPerWeek), lessonSplit);
    return loadDto(await repo.findTeachingLoadView(db, schoolId, id) ?? missing('Нагрузка не найдена'));
  }

  async function deleteTeachingLoad(access: Access, id: string): Promise<void> {
    if (!await repo.deleteTeachingLoad(db, access.actor.schoolId, id)) missing('Нагрузка не найдена');
  }

  const teacherDto = (t: repo.LoadTeacherRow) => ({
    id: t.id, lastName: t.lastName, firstName: t.firstName, middleName: t.middleName, position: t.position,
    loadLimitHours: t.loadLimitHours === null ? null : Number(t.loadLimitHours), totalHours: Number(t.totalHours),
  });

  async function listTeachers(access: Access, query: LoadYearQuery): Promise<LoadTeacherListDto> {
    const rows = await repo.loadTeachers(db, access.actor.schoolId, yearOf(access, query));
    return { items: rows.map(teacherDto), total: rows.length };
  }

  async function setLoadLimit(access: Access, employeeId: string, input: LoadLimitInput) {
    const schoolId = access.actor.schoolId;
    const value = input.loadLimitHours === null ? null : String(input.loadLimitHours);
    if (!await repo.setLoadLimit(db, schoolId, employeeId, value)) missing('Сотрудник не найден');
    const row = (await repo.loadTeachers(db, schoolId, access.actor.academicYear)).find((t) => t.id === employeeId);
    return teacherDto(row ?? missing('Сотрудник не найден'));
  }

  async function consistency(access: Access, query: LoadYearQuery): Promise<LoadConsistencyDto> {
    const academicYear = yearOf(access, query);
    return { academicYear, ...await loadConsistencyOf(db, access.actor.schoolId, academicYear) };
  }

  async function tarification(access: Access, query: LoadYearQuery): Promise<{ academicYear: number; body: Buffer }> {
    const schoolId = access.actor.schoolId;
    const academicYear = yearOf(access, query);
    const [school, classes, loads, teachers] = await Promise.all([
      org.findSchool(db, schoolId),
      repo.classesOfYear(db, schoolId, academicYear),
      repo.listTeachingLoads(db, schoolId, { academicYear }),
      repo.loadTeachers(db, schoolId, academicYear),
    ]);
    const groups = await repo.groupsOfYear(db, schoolId, academicYear);
    const body = await tarificationXlsx({
      school: school?.name ?? '', academicYear, classes, groups, teachers: teachers.map(teacherDto), loads: loads.map(loadDto),
    });
    return { academicYear, body };
  }

  return { listTeachingLoads, createTeachingLoad, updateTeachingLoad, deleteTeachingLoad, listTeachers, setLoadLimit, consistency, tarification };
}

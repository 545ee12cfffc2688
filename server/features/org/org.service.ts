// Rules of the org area: creating a school under its region and municipality; staff, classes,
// students with their class history (moves, leaving), guardians, study groups with dated members,
// splitting a class into subgroups. Every method receives the caller's `Access` (the route has already
// authorised the resource and action), narrows what it returns to what the scope reaches, and
// validates before it writes: a refused request changes nothing.
import type { Role } from '../../../domain/access';
import {
  cleanText, normalizeDate, normalizeEmail, normalizeName, normalizePhone, normalizeSnils, parseClassName, type Normalized,
} from '../../../domain/person';
import { subjectKindFits, subjectKindMessage } from '../../../domain/load-consistency';
import { academicYearBounds } from '../../../domain/school-year';
import type {
  AddStudyGroupMemberInput, ClassDto, ClassListDto, ClassListQuery, ClassStudentListDto, ClassStudentsQuery, CreateClassInput,
  CreateEmployeeInput, CreateGuardianInput, CreateStudentInput, CreateStudyGroupInput, EmployeeDto,
  EmployeeListDto, EmployeeListQuery, EndStudyGroupMembershipInput, GuardianDto, GuardianListDto, GuardianListQuery, LeaveSchoolInput,
  MoveStudentInput, Relation, StudentDto, StudentListDto, StudentListQuery, StudyGroupDetailDto, StudyGroupDto, StudyGroupListDto,
  SplitClassInput, StudyGroupDetailListDto, StudyGroupKind, StudyGroupListQuery, StudyGroupMemberDto,
  UpdateClassInput, UpdateEmployeeInput, UpdateGuardianInput, UpdateStudentInput, UpdateStudyGroupInput,
} from '../../../contracts/org';
import type { Db, Queryable } from '../../db/client';
import { AppError, notFound } from '../../lib/errors';
import type { Access, AccessService, Actor, Visible } from '../access/access.service';
import * as repo from './org.repo';

// ---------------------------------------------------------------------------------------------
// Schools (CLI, demo install)

export type CreateSchoolInput = {
  name: string;
  shortName: string;
  timeZone: string;
  regionCode: string;
  regionName: string;
  municipalityName: string;
};

export const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('ru-RU', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

export async function createSchool(db: Db, input: CreateSchoolInput) {
  if (!isTimeZone(input.timeZone)) throw new AppError('INVALID_TIME_ZONE', 400, `Неизвестный часовой пояс: ${input.timeZone}`);
  return db.transaction(async (tx) => {
    const regionId = await repo.findOrInsertRegion(tx, input.regionCode, input.regionName);
    const municipalityId = await repo.findOrInsertMunicipality(tx, regionId, input.municipalityName);
    return repo.insertSchool(tx, { municipalityId, name: input.name, shortName: input.shortName, timeZone: input.timeZone });
  });
}

export const schoolExists = async (db: Db, schoolId: string): Promise<boolean> => (await repo.findSchool(db, schoolId)) !== null;
export const hasAnySchool = async (db: Db): Promise<boolean> => (await repo.countSchools(db)) > 0;

export type NewEmployee = { schoolId: string; accountId: string | null; lastName: string; firstName: string; middleName: string | null; position: string };

export async function addEmployee(db: Queryable, employee: NewEmployee): Promise<void> {
  await repo.insertEmployee(db, employee);
}

// ---------------------------------------------------------------------------------------------
// Errors and validation

export type FieldIssue = { path: string; code: string; message: string };

const invalid = (issues: FieldIssue[]): AppError => new AppError('VALIDATION_FAILED', 400, issues[0]?.message ?? 'Неверные данные', issues);
const invalidField = (path: string, code: string, message: string): AppError => invalid([{ path, code, message }]);
const conflict = (code: string, message: string, path?: string): AppError =>
  new AppError(code, 409, message, path ? [{ path, code, message }] : undefined);
const missing = (message: string): never => notFound('NOT_FOUND', message);
const mustExist = async <T>(found: Promise<T | null>, message: string): Promise<T> => (await found) ?? missing(message);

/** Collects the field problems of one request so that all of them are reported at once. */
class Issues {
  readonly list: FieldIssue[] = [];
  take<T>(path: string, result: Normalized<T>): T | undefined {
    if (result.ok) return result.value;
    this.list.push({ path, code: result.code, message: result.message });
    return undefined;
  }
  add(path: string, code: string, message: string): void {
    this.list.push({ path, code, message });
  }
  throwIfAny(): void {
    if (this.list.length > 0) throw invalid(this.list);
  }
}

type PersonInput = {
  lastName?: string | undefined; firstName?: string | undefined; middleName?: string | null | undefined;
  birthDate?: string | null | undefined; snils?: string | null | undefined; email?: string | null | undefined;
  phone?: string | null | undefined; externalId?: string | null | undefined;
};
type PersonValues = {
  lastName?: string; firstName?: string; middleName?: string | null; birthDate?: string | null;
  snils?: string | null; email?: string | null; phone?: string | null; externalId?: string | null;
};

const requiredName = (issues: Issues, path: string, what: string, raw: string | undefined): string | undefined => {
  const value = issues.take(path, normalizeName(raw, what));
  if (value === null) issues.add(path, 'REQUIRED', `${what}: обязательное поле`);
  return value ?? undefined;
};

/**
 * The person fields of a create (`full`: surname and first name required) or an update (only the
 * fields sent change; null or an empty string clears an optional one), normalised as imports do.
 */
function personValues(input: PersonInput, issues: Issues, full: boolean, today: string): PersonValues {
  const out: PersonValues = {};
  if (full || input.lastName !== undefined) out.lastName = requiredName(issues, 'lastName', 'Фамилия', input.lastName);
  if (full || input.firstName !== undefined) out.firstName = requiredName(issues, 'firstName', 'Имя', input.firstName);
  if (input.middleName !== undefined) out.middleName = issues.take('middleName', normalizeName(input.middleName, 'Отчество'));
  if (input.birthDate !== undefined) {
    const date = issues.take('birthDate', normalizeDate(input.birthDate, 'Дата рождения'));
    if (date && date > today) issues.add('birthDate', 'DATE_INVALID', 'Дата рождения: дата в будущем');
    out.birthDate = date;
  }
  if (input.snils !== undefined) out.snils = issues.take('snils', normalizeSnils(input.snils));
  if (input.email !== undefined) out.email = issues.take('email', normalizeEmail(input.email));
  if (input.phone !== undefined) out.phone = issues.take('phone', normalizePhone(input.phone));
  if (input.externalId !== undefined) out.externalId = cleanText(input.externalId);
  return out;
}

function requiredText(issues: Issues, path: string, what: string, raw: string | undefined, max: number): string | undefined {
  const value = cleanText(raw);
  if (value === null) {
    issues.add(path, 'REQUIRED', `${what}: обязательное поле`);
    return undefined;
  }
  if (value.length > max) {
    issues.add(path, 'TOO_LONG', `${what}: больше ${max} символов`);
    return undefined;
  }
  return value;
}

/** Drops the keys left undefined, so an update changes only what was sent. */
const defined = <T extends object>(values: T): Partial<T> =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;

// ---------------------------------------------------------------------------------------------
// Dates

const dayMs = 86_400_000;
export const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
const clampDate = (date: string, from: string, to: string): string => (date < from ? from : date > to ? to : date);
/** "2026-09-01" → "01.09.2026" for messages. */
const ru = (date: string): string => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
/** Today if it falls in the academic year, else the nearest end of that year. */
const dayInYear = (actor: Actor, year: number): string => {
  const { startsOn, endsOn } = academicYearBounds(year);
  return clampDate(actor.today, startsOn, endsOn);
};

// ---------------------------------------------------------------------------------------------
// Who sees personal identifiers

const administrationRoles: ReadonlySet<Role> = new Set(['director', 'deputy', 'journalAdmin', 'regionAdmin', 'municipalityAdmin']);

/**
 * СНИЛС, birth date and the external id are needed by the administration (documents, imports,
 * reports) and by the person (or their guardian); teachers work with names, contacts and the
 * class, so these identifiers are withheld from them.
 */
const seesIdentifiers = (actor: Actor): boolean => actor.roles.some((r) => administrationRoles.has(r));

type PersonRow = {
  id: string; lastName: string; firstName: string; middleName: string | null; birthDate: string | null; snils: string | null;
  email: string | null; phone: string | null; externalId: string | null; accountId: string | null;
};

const personDto = (row: PersonRow, withheld: boolean) => ({
  id: row.id,
  lastName: row.lastName,
  firstName: row.firstName,
  middleName: row.middleName,
  birthDate: withheld ? null : row.birthDate,
  snils: withheld ? null : row.snils,
  email: row.email,
  phone: row.phone,
  externalId: withheld ? null : row.externalId,
  hasAccount: row.accountId !== null,
  withheld,
});

const idsOf = (v: Visible): repo.IdFilter => (v.all ? null : [...v.ids]);
const reaches = (v: Visible, id: string): boolean => v.all || v.ids.has(id);
const unit = (id: string | null, grade: number | null, letter: string | null) =>
  id && grade !== null && letter !== null ? { id, name: repo.classNameOf({ grade, letter }) } : null;
const groupKind = (k: string): StudyGroupKind => (k === 'stream' || k === 'activity' ? k : 'subgroup');
const asRelation = (r: string): Relation => (r === 'mother' || r === 'father' ? r : 'other');

// ---------------------------------------------------------------------------------------------
// The service

export function createOrgService({ db, access: accessService }: { db: Db; access: AccessService }) {
  /** Visibility of another resource for the same caller; nothing when the matrix gives no read. */
  const visibleAlso = async (access: Access, resource: 'student' | 'guardian' | 'studyGroup' | 'class'): Promise<Visible> => {
    if (!accessService.can(access.actor, resource, 'read')) return { all: false, ids: new Set() };
    return accessService.visible(accessService.accessOf(access.actor, resource, 'read'), resource);
  };

  async function ensureUnique(kind: repo.PersonKind, schoolId: string, values: PersonValues, exceptId: string | null, q: Queryable = db): Promise<void> {
    if (values.snils && await repo.personHolding(q, kind, schoolId, 'snils', values.snils, exceptId)) {
      throw conflict('SNILS_TAKEN', 'СНИЛС: уже записан у другого человека этой школы', 'snils');
    }
    if (values.externalId && await repo.personHolding(q, kind, schoolId, 'externalId', values.externalId, exceptId)) {
      throw conflict('EXTERNAL_ID_TAKEN', 'Внешний идентификатор: уже записан у другого человека этой школы', 'externalId');
    }
  }

  // --- Employees ------------------------------------------------------------------------------

  const employeeDto = (actor: Actor, row: repo.EmployeeRow): EmployeeDto => ({
    ...personDto(row, !seesIdentifiers(actor) && !actor.links.employeeIds.includes(row.id)),
    position: row.position,
  });

  async function listEmployees(access: Access, query: EmployeeListQuery): Promise<EmployeeListDto> {
    const visible = await accessService.visible(access, 'employee');
    const { rows, total } = await repo.listEmployees(db, access.actor.schoolId, { search: query.q, limit: query.limit, offset: query.offset, ids: idsOf(visible) });
    return { items: rows.map((r) => employeeDto(access.actor, r)), total };
  }

  async function getEmployee(access: Access, id: string): Promise<EmployeeDto> {
    await accessService.ensureVisible(access, 'employee', id);
    const row = await repo.findEmployee(db, access.actor.schoolId, id) ?? missing('Сотрудник не найден');
    return employeeDto(access.actor, row);
  }

  async function createEmployee(access: Access, input: CreateEmployeeInput): Promise<EmployeeDto> {
    const schoolId = access.actor.schoolId;
    const issues = new Issues();
    const person = personValues(input, issues, true, access.actor.today);
    const position = requiredText(issues, 'position', 'Должность', input.position, 200);
    issues.throwIfAny();
    await ensureUnique('employee', schoolId, person, null);
    const row = await repo.insertEmployee(db, { schoolId, ...person, lastName: person.lastName!, firstName: person.firstName!, position: position! });
    return employeeDto(access.actor, row);
  }

  async function updateEmployee(access: Access, id: string, input: UpdateEmployeeInput): Promise<EmployeeDto> {
    const schoolId = access.actor.schoolId;
    await accessService.ensureVisible(access, 'employee', id);
    await mustExist(repo.findEmployee(db, schoolId, id), 'Сотрудник не найден');
    const issues = new Issues();
    const person = personValues(input, issues, false, access.actor.today);
    const position = input.position === undefined ? undefined : requiredText(issues, 'position', 'Должность', input.position, 200);
    issues.throwIfAny();
    await ensureUnique('employee', schoolId, person, id);
    const row = await repo.updateEmployee(db, schoolId, id, defined({ ...person, position }));
    return employeeDto(access.actor, row ?? missing('Сотрудник не найден'));
  }

  // --- Classes --------------------------------------------------------------------------------

  const classDto = (c: repo.ClassView): ClassDto => ({
    id: c.id,
    academicYear: c.academicYear,
    grade: c.grade,
    letter: c.letter,
    name: repo.classNameOf(c),
    classTeacher: c.teacher,
    studentCount: c.studentCount,
  });

  async function listClasses(access: Access, query: ClassListQuery): Promise<ClassListDto> {
    const year = query.academicYear ?? access.actor.academicYear;
    const visible = await accessService.visible(access, 'class');
    const rows = await repo.listClasses(db, access.actor.schoolId, { academicYear: year, on: query.on ?? dayInYear(access.actor, year), ids: idsOf(visible) });
    return { items: rows.map(classDto), total: rows.length };
  }

  async function classView(access: Access, id: string, on?: string): Promise<ClassDto> {
    const schoolId = access.actor.schoolId;
    const row = await repo.findClass(db, schoolId, id) ?? missing('Класс не найден');
    const view = await repo.findClassView(db, schoolId, id, on ?? dayInYear(access.actor, row.academicYear)) ?? missing('Класс не найден');
    return classDto(view);
  }

  async function getClass(access: Access, id: string, on?: string): Promise<ClassDto> {
    await accessService.ensureVisible(access, 'class', id);
    return classView(access, id, on);
  }

  /** The letter of a class: one Cyrillic letter, upper case (as parseClassName reads "5А"). */
  function classLetter(issues: Issues, grade: number, raw: string): string | undefined {
    const parsed = issues.take('letter', parseClassName(`${grade}${cleanText(raw) ?? ''}`));
    if (parsed === null) issues.add('letter', 'REQUIRED', 'Буква класса: обязательное поле');
    return parsed?.letter;
  }

  async function classTeacherCheck(issues: Issues, schoolId: string, id: string | null | undefined): Promise<void> {
    if (id && !await repo.findEmployee(db, schoolId, id)) issues.add('classTeacherId', 'EMPLOYEE_NOT_FOUND', 'Классный руководитель: нет такого сотрудника в школе');
  }

  const classExists = (name: string, year: number): AppError =>
    conflict('CLASS_EXISTS', `Класс ${name} уже есть в ${year}/${String((year + 1) % 100).padStart(2, '0')} учебном году`, 'letter');

  async function createClass(access: Access, input: CreateClassInput): Promise<ClassDto> {
    const schoolId = access.actor.schoolId;
    const year = input.academicYear ?? access.actor.academicYear;
    const issues = new Issues();
    const letter = classLetter(issues, input.grade, input.letter);
    await classTeacherCheck(issues, schoolId, input.classTeacherId);
    issues.throwIfAny();
    const name = `${input.grade}${letter!}`;
    if (await repo.findClassByName(db, schoolId, year, input.grade, letter!)) throw classExists(name, year);
    let row: repo.ClassRow;
    try {
      row = await repo.insertClass(db, { schoolId, academicYear: year, grade: input.grade, letter: letter!, classTeacherId: input.classTeacherId ?? null });
    } catch (err) {
      if (repo.isUniqueViolation(err)) throw classExists(name, year);
      throw err;
    }
    return classView(access, row.id);
  }

  async function updateClass(access: Access, id: string, input: UpdateClassInput): Promise<ClassDto> {
    const schoolId = access.actor.schoolId;
    await accessService.ensureVisible(access, 'class', id);
    const current = await repo.findClass(db, schoolId, id) ?? missing('Класс не найден');
    const issues = new Issues();
    const letter = input.letter === undefined ? undefined : classLetter(issues, current.grade, input.letter);
    await classTeacherCheck(issues, schoolId, input.classTeacherId);
    issues.throwIfAny();
    if (letter !== undefined && letter !== current.letter) {
      const taken = await repo.findClassByName(db, schoolId, current.academicYear, current.grade, letter);
      if (taken) throw classExists(`${current.grade}${letter}`, current.academicYear);
    }
    // Naming a class teacher here does not grant the classTeacher role: roles come through the grant chain (SPEC A3).
    try {
      await repo.updateClass(db, schoolId, id, defined({ letter, classTeacherId: input.classTeacherId }));
    } catch (err) {
      if (repo.isUniqueViolation(err)) throw classExists(`${current.grade}${letter ?? current.letter}`, current.academicYear);
      throw err;
    }
    return classView(access, id);
  }

  async function classStudents(access: Access, classId: string, query: ClassStudentsQuery): Promise<ClassStudentListDto> {
    await accessService.ensureVisible(access, 'class', classId);
    await mustExist(repo.findClass(db, access.actor.schoolId, classId), 'Класс не найден');
    const from = query.from ?? query.to ?? access.actor.today;
    const to = query.to ?? from;
    if (to < from) throw invalidField('to', 'PERIOD_INVALID', 'Конец периода раньше его начала');
    const students = await visibleAlso(access, 'student');
    const rows = await repo.classStudents(db, access.actor.schoolId, classId, from, to, idsOf(students));
    return { items: rows, total: rows.length };
  }

  // --- Students -------------------------------------------------------------------------------

  /** Students whose identifiers the caller sees although outside the administration: themself and their children. */
  async function ownStudents(actor: Actor, ids: readonly string[]): Promise<Set<string>> {
    const own = new Set(actor.links.studentIds.filter((id) => ids.includes(id)));
    for (const id of await repo.childrenAmong(db, actor.schoolId, actor.links.guardianIds, ids)) own.add(id);
    return own;
  }

  async function listStudents(access: Access, query: StudentListQuery): Promise<StudentListDto> {
    const { actor } = access;
    const on = query.on ?? actor.today;
    let classOn = on;
    if (query.classId && !query.on) {
      const c = await repo.findClass(db, actor.schoolId, query.classId);
      if (c) classOn = dayInYear(actor, c.academicYear);
    }
    const visible = await accessService.visible(access, 'student');
    const { rows, total } = await repo.listStudents(db, actor.schoolId, {
      search: query.q, classId: query.classId, classOn, on, limit: query.limit, offset: query.offset, ids: idsOf(visible),
    });
    return {
      items: rows.map((r) => ({
        id: r.id, lastName: r.lastName, firstName: r.firstName, middleName: r.middleName,
        sex: r.sex === 'male' || r.sex === 'female' ? r.sex : null,
        educationForm: r.educationForm as StudentDto['educationForm'],
        individualCurriculum: r.individualCurriculum, adaptedProgramme: r.adaptedProgramme,
        class: unit(r.classId, r.grade, r.letter),
      })),
      total,
    };
  }

  async function studentDto(access: Access, id: string): Promise<StudentDto> {
    const { actor } = access;
    const row = await repo.findStudent(db, actor.schoolId, id) ?? missing('Ученик не найден');
    const [history, guardianRows, groupRows, guardiansVisible, groupsVisible, own] = await Promise.all([
      repo.enrollmentsOf(db, actor.schoolId, id),
      repo.guardiansOfStudent(db, actor.schoolId, id),
      repo.groupsOfStudent(db, actor.schoolId, id),
      visibleAlso(access, 'guardian'),
      visibleAlso(access, 'studyGroup'),
      seesIdentifiers(actor) ? Promise.resolve(new Set<string>()) : ownStudents(actor, [id]),
    ]);
    const current = history.find((e) => e.startsOn <= actor.today && (e.endsOn === null || e.endsOn >= actor.today));
    return {
      ...personDto(row, !seesIdentifiers(actor) && !own.has(id)),
      sex: row.sex === 'male' || row.sex === 'female' ? row.sex : null,
      educationForm: row.educationForm as StudentDto['educationForm'],
      individualCurriculum: row.individualCurriculum,
      adaptedProgramme: row.adaptedProgramme,
      currentClass: current ? { id: current.classId, name: repo.classNameOf(current) } : null,
      enrollments: history.map((e) => ({
        id: e.id, classId: e.classId, className: repo.classNameOf(e), academicYear: e.academicYear, startsOn: e.startsOn, endsOn: e.endsOn,
      })),
      guardians: guardianRows.filter((g) => reaches(guardiansVisible, g.guardianId)).map((g) => ({ ...g, relation: asRelation(g.relation) })),
      studyGroups: groupRows.filter((g) => reaches(groupsVisible, g.studyGroupId)).map((g) => ({
        membershipId: g.membershipId, studyGroupId: g.studyGroupId, name: g.name, kind: groupKind(g.kind),
        subjectName: g.subjectName, startsOn: g.startsOn, endsOn: g.endsOn,
      })),
    };
  }

  async function getStudent(access: Access, id: string): Promise<StudentDto> {
    await accessService.ensureVisible(access, 'student', id);
    return studentDto(access, id);
  }

  type StudentFlags = Pick<UpdateStudentInput, 'sex' | 'educationForm' | 'individualCurriculum' | 'adaptedProgramme'>;
  const studentFlags = (input: StudentFlags) => defined({
    sex: input.sex, educationForm: input.educationForm, individualCurriculum: input.individualCurriculum, adaptedProgramme: input.adaptedProgramme,
  });

  async function createStudent(access: Access, input: CreateStudentInput): Promise<StudentDto> {
    const { actor } = access;
    const schoolId = actor.schoolId;
    const issues = new Issues();
    const person = personValues(input, issues, true, access.actor.today);
    const target = await repo.findClass(db, schoolId, input.classId);
    const startsOn = input.startsOn ?? actor.today;
    if (!target) issues.add('classId', 'CLASS_NOT_FOUND', 'Класс: нет такого класса в школе');
    else {
      const { startsOn: yearStart, endsOn: yearEnd } = academicYearBounds(target.academicYear);
      if (startsOn < yearStart || startsOn > yearEnd) {
        issues.add('startsOn', 'DATE_OUTSIDE_YEAR', `Дата зачисления: вне учебного года класса (${ru(yearStart)} – ${ru(yearEnd)})`);
      }
    }
    issues.throwIfAny();
    await ensureUnique('student', schoolId, person, null);
    const id = await db.transaction(async (tx) => {
      const row = await repo.insertStudent(tx, { schoolId, ...person, ...studentFlags(input), lastName: person.lastName!, firstName: person.firstName! });
      await repo.insertEnrollment(tx, { schoolId, studentId: row.id, classId: target!.id, startsOn, endsOn: null });
      return row.id;
    });
    return studentDto(access, id);
  }

  async function updateStudent(access: Access, id: string, input: UpdateStudentInput): Promise<StudentDto> {
    const schoolId = access.actor.schoolId;
    await accessService.ensureVisible(access, 'student', id);
    await mustExist(repo.findStudent(db, schoolId, id), 'Ученик не найден');
    const issues = new Issues();
    const person = personValues(input, issues, false, access.actor.today);
    issues.throwIfAny();
    await ensureUnique('student', schoolId, person, id);
    await repo.updateStudent(db, schoolId, id, defined({ ...person, ...studentFlags(input) }));
    return studentDto(access, id);
  }

  /** The stay that is still open: the one a move or a leave ends. */
  const openStay = (history: repo.EnrollmentView[]): repo.EnrollmentView =>
    history.find((e) => e.endsOn === null) ?? (() => { throw conflict('NOT_ENROLLED', 'Ученик сейчас не числится ни в одном классе'); })();

  async function moveStudent(access: Access, id: string, input: MoveStudentInput): Promise<StudentDto> {
    const schoolId = access.actor.schoolId;
    await accessService.ensureVisible(access, 'student', id);
    await mustExist(repo.findStudent(db, schoolId, id), 'Ученик не найден');
    await db.transaction(async (tx) => {
      await repo.lockStudent(tx, schoolId, id);
      const current = openStay(await repo.enrollmentsOf(tx, schoolId, id));
      const target = await repo.findClass(tx, schoolId, input.classId);
      if (!target) throw invalidField('classId', 'CLASS_NOT_FOUND', 'Класс: нет такого класса в школе');
      if (target.id === current.classId) throw conflict('SAME_CLASS', `Ученик уже в классе ${repo.classNameOf(target)}`, 'classId');
      if (target.academicYear !== current.academicYear) {
        throw conflict('OTHER_YEAR', `Перевести можно только в класс того же учебного года, что и ${repo.classNameOf(current)}`, 'classId');
      }
      if (input.on < current.startsOn) {
        throw conflict('MOVE_BEFORE_START', `Дата перевода раньше начала обучения в классе ${repo.classNameOf(current)} (${ru(current.startsOn)})`, 'on');
      }
      const { endsOn: yearEnd } = academicYearBounds(target.academicYear);
      if (input.on > yearEnd) throw conflict('DATE_OUTSIDE_YEAR', `Дата перевода после конца учебного года (${ru(yearEnd)})`, 'on');
      const lastDay = addDays(input.on, -1);
      if (input.on === current.startsOn) {
        // Moved on the very day the stay began: the old stay would have no days, so it is corrected in place.
        await repo.updateEnrollment(tx, schoolId, current.id, { classId: target.id });
      } else {
        await repo.updateEnrollment(tx, schoolId, current.id, { endsOn: lastDay });
        await repo.insertEnrollment(tx, { schoolId, studentId: id, classId: target.id, startsOn: input.on, endsOn: null });
      }
      // Subgroups split one class: a student who leaves the class leaves its subgroups too.
      await repo.endSubgroupMemberships(tx, schoolId, id, current.classId, lastDay);
    });
    return studentDto(access, id);
  }

  async function leaveSchool(access: Access, id: string, input: LeaveSchoolInput): Promise<StudentDto> {
    const schoolId = access.actor.schoolId;
    await accessService.ensureVisible(access, 'student', id);
    await mustExist(repo.findStudent(db, schoolId, id), 'Ученик не найден');
    await db.transaction(async (tx) => {
      await repo.lockStudent(tx, schoolId, id);
      const current = openStay(await repo.enrollmentsOf(tx, schoolId, id));
      if (input.on <= current.startsOn) {
        throw conflict('LEAVE_BEFORE_START', `Дата выбытия должна быть позже начала обучения в классе ${repo.classNameOf(current)} (${ru(current.startsOn)})`, 'on');
      }
      // A stay belongs to its class's year: after 31 August the year transition closes it, not a leave.
      const { endsOn: yearEnd } = academicYearBounds(current.academicYear);
      if (input.on > addDays(yearEnd, 1)) throw conflict('DATE_OUTSIDE_YEAR', `Дата выбытия после конца учебного года (${ru(yearEnd)})`, 'on');
      const lastDay = addDays(input.on, -1);
      await repo.updateEnrollment(tx, schoolId, current.id, { endsOn: lastDay });
      await repo.endAllMemberships(tx, schoolId, id, lastDay);
    });
    return studentDto(access, id);
  }

  // --- Guardians ------------------------------------------------------------------------------

  async function guardianDtos(access: Access, rows: repo.GuardianRow[]): Promise<GuardianDto[]> {
    const { actor } = access;
    const [children, studentsVisible] = await Promise.all([
      repo.childrenOfGuardians(db, actor.schoolId, rows.map((r) => r.id), actor.today),
      visibleAlso(access, 'student'),
    ]);
    const admin = seesIdentifiers(actor);
    return rows.map((g) => ({
      ...personDto(g, !admin && !actor.links.guardianIds.includes(g.id)),
      children: children.filter((c) => c.guardianId === g.id && reaches(studentsVisible, c.studentId)).map((c) => ({
        studentId: c.studentId, lastName: c.lastName, firstName: c.firstName, middleName: c.middleName,
        relation: asRelation(c.relation), class: unit(c.classId, c.grade, c.letter),
      })),
    }));
  }

  async function guardianDto(access: Access, id: string): Promise<GuardianDto> {
    const row = await repo.findGuardian(db, access.actor.schoolId, id) ?? missing('Родитель не найден');
    const [dto] = await guardianDtos(access, [row]);
    return dto!;
  }

  async function listGuardians(access: Access, query: GuardianListQuery): Promise<GuardianListDto> {
    const visible = await accessService.visible(access, 'guardian');
    const { rows, total } = await repo.listGuardians(db, access.actor.schoolId, {
      search: query.q, studentId: query.studentId, limit: query.limit, offset: query.offset, ids: idsOf(visible),
    });
    return { items: await guardianDtos(access, rows), total };
  }

  async function getGuardian(access: Access, id: string): Promise<GuardianDto> {
    await accessService.ensureVisible(access, 'guardian', id);
    return guardianDto(access, id);
  }

  async function createGuardian(access: Access, input: CreateGuardianInput): Promise<GuardianDto> {
    const schoolId = access.actor.schoolId;
    const issues = new Issues();
    const person = personValues(input, issues, true, access.actor.today);
    issues.throwIfAny();
    await ensureUnique('guardian', schoolId, person, null);
    const row = await repo.insertGuardian(db, { schoolId, ...person, lastName: person.lastName!, firstName: person.firstName! });
    return guardianDto(access, row.id);
  }

  async function updateGuardian(access: Access, id: string, input: UpdateGuardianInput): Promise<GuardianDto> {
    const schoolId = access.actor.schoolId;
    await accessService.ensureVisible(access, 'guardian', id);
    await mustExist(repo.findGuardian(db, schoolId, id), 'Родитель не найден');
    const issues = new Issues();
    const person = personValues(input, issues, false, access.actor.today);
    issues.throwIfAny();
    await ensureUnique('guardian', schoolId, person, id);
    await repo.updateGuardian(db, schoolId, id, defined(person));
    return guardianDto(access, id);
  }

  async function linkGuardian(access: Access, studentId: string, guardianId: string, relation: Relation): Promise<GuardianDto> {
    const schoolId = access.actor.schoolId;
    await accessService.ensureVisible(access, 'guardian', guardianId);
    await mustExist(repo.findStudent(db, schoolId, studentId), 'Ученик не найден');
    await mustExist(repo.findGuardian(db, schoolId, guardianId), 'Родитель не найден');
    await repo.linkGuardian(db, { schoolId, studentId, guardianId, relation });
    return guardianDto(access, guardianId);
  }

  async function unlinkGuardian(access: Access, studentId: string, guardianId: string): Promise<void> {
    await accessService.ensureVisible(access, 'guardian', guardianId);
    if (!await repo.unlinkGuardian(db, access.actor.schoolId, studentId, guardianId)) missing('Этот родитель не связан с этим учеником');
  }

  // --- Study groups ---------------------------------------------------------------------------

  const groupDto = (g: repo.StudyGroupView): StudyGroupDto => ({
    id: g.id,
    academicYear: g.academicYear,
    kind: groupKind(g.kind),
    name: g.name,
    subject: g.subjectId && g.subjectName ? { id: g.subjectId, name: g.subjectName } : null,
    class: unit(g.classId, g.classGrade, g.classLetter),
    memberCount: g.memberCount,
  });

  async function listStudyGroups(access: Access, query: StudyGroupListQuery): Promise<StudyGroupListDto> {
    const year = query.academicYear ?? access.actor.academicYear;
    const visible = await accessService.visible(access, 'studyGroup');
    const rows = await repo.listStudyGroups(db, access.actor.schoolId, {
      academicYear: year, classId: query.classId, on: query.on ?? dayInYear(access.actor, year), ids: idsOf(visible),
    });
    return { items: rows.map(groupDto), total: rows.length };
  }

  async function studyGroupDetail(access: Access, id: string, on?: string): Promise<StudyGroupDetailDto> {
    const schoolId = access.actor.schoolId;
    const row = await repo.findStudyGroup(db, schoolId, id) ?? missing('Группа не найдена');
    const day = on ?? dayInYear(access.actor, row.academicYear);
    const view = await repo.findStudyGroupView(db, schoolId, id, day) ?? missing('Группа не найдена');
    const students = await visibleAlso(access, 'student');
    const members = await repo.membersOn(db, schoolId, id, day, idsOf(students));
    return { ...groupDto(view), members };
  }

  async function getStudyGroup(access: Access, id: string, on?: string): Promise<StudyGroupDetailDto> {
    await accessService.ensureVisible(access, 'studyGroup', id);
    return studyGroupDetail(access, id, on);
  }

  /** The subject of a group: of this school, and of a kind the group's kind takes (domain/load-consistency.ts). */
  async function subjectCheck(issues: Issues, schoolId: string, id: string | null | undefined, kind: StudyGroupKind): Promise<repo.SubjectRow | null> {
    if (!id) {
      if (kind === 'activity') issues.add('subjectId', 'REQUIRED', 'Предмет: у группы внеурочной деятельности или доп. образования он обязателен');
      return null;
    }
    const subject = await repo.findSubject(db, schoolId, id);
    if (!subject) issues.add('subjectId', 'SUBJECT_NOT_FOUND', 'Предмет: нет такого предмета в школе');
    else if (!subjectKindFits(kind, subject.kind)) issues.add('subjectId', 'SUBJECT_KIND', subjectKindMessage(kind));
    return subject;
  }

  const groupExists = (name: string): AppError => conflict('STUDY_GROUP_EXISTS', `Группа «${name}» уже есть в этом учебном году`, 'name');

  async function createStudyGroup(access: Access, input: CreateStudyGroupInput): Promise<StudyGroupDetailDto> {
    const schoolId = access.actor.schoolId;
    const issues = new Issues();
    const name = requiredText(issues, 'name', 'Название', input.name, 200);
    let year = input.academicYear ?? access.actor.academicYear;
    if (input.kind === 'subgroup') {
      if (!input.classId) issues.add('classId', 'REQUIRED', 'Подгруппа делит один класс: выберите класс');
      else {
        const c = await repo.findClass(db, schoolId, input.classId);
        if (!c) issues.add('classId', 'CLASS_NOT_FOUND', 'Класс: нет такого класса в школе');
        else if (input.academicYear !== undefined && input.academicYear !== c.academicYear) {
          issues.add('academicYear', 'OTHER_YEAR', 'Учебный год группы должен совпадать с годом класса');
        } else year = c.academicYear;
      }
    } else if (input.classId) {
      if (input.kind === 'stream') issues.add('classId', 'STREAM_HAS_NO_CLASS', 'Поток собирается из нескольких классов: класс не указывается');
      else issues.add('classId', 'ACTIVITY_HAS_NO_CLASS', 'Группа внеурочной деятельности или доп. образования собирается из любых классов: класс не указывается');
    }
    await subjectCheck(issues, schoolId, input.subjectId, input.kind);
    issues.throwIfAny();
    if (await repo.studyGroupNamed(db, schoolId, year, name!, null)) throw groupExists(name!);
    let row: repo.StudyGroupRow;
    try {
      row = await repo.insertStudyGroup(db, {
        schoolId, academicYear: year, kind: input.kind, name: name!, subjectId: input.subjectId ?? null, classId: input.kind === 'subgroup' ? input.classId! : null,
      });
    } catch (err) {
      if (repo.isUniqueViolation(err)) throw groupExists(name!);
      throw err;
    }
    return studyGroupDetail(access, row.id);
  }

  async function updateStudyGroup(access: Access, id: string, input: UpdateStudyGroupInput): Promise<StudyGroupDetailDto> {
    const schoolId = access.actor.schoolId;
    await accessService.ensureVisible(access, 'studyGroup', id);
    const current = await repo.findStudyGroup(db, schoolId, id) ?? missing('Группа не найдена');
    const issues = new Issues();
    const name = input.name === undefined ? undefined : requiredText(issues, 'name', 'Название', input.name, 200);
    if (input.subjectId !== undefined) await subjectCheck(issues, schoolId, input.subjectId, groupKind(current.kind));
    issues.throwIfAny();
    if (name !== undefined && await repo.studyGroupNamed(db, schoolId, current.academicYear, name, id)) throw groupExists(name);
    try {
      await repo.updateStudyGroup(db, schoolId, id, defined({ name, subjectId: input.subjectId }));
    } catch (err) {
      if (repo.isUniqueViolation(err)) throw groupExists(name ?? current.name);
      throw err;
    }
    return studyGroupDetail(access, id);
  }

  /**
   * Splits a class into `parts` subgroups for a subject («Английский язык 1 (5А)», «… 2 (5А)»), the
   * students in the class on the first day shared out alphabetically: the first ones go to group 1.
   */
  async function splitClass(access: Access, input: SplitClassInput): Promise<StudyGroupDetailListDto> {
    const schoolId = access.actor.schoolId;
    const issues = new Issues();
    const klass = await repo.findClass(db, schoolId, input.classId);
    if (!klass) issues.add('classId', 'CLASS_NOT_FOUND', 'Класс: нет такого класса в школе');
    const subject = await subjectCheck(issues, schoolId, input.subjectId, 'subgroup');
    let startsOn = input.startsOn;
    if (klass) {
      const { startsOn: yearStart, endsOn: yearEnd } = academicYearBounds(klass.academicYear);
      if (startsOn === undefined) startsOn = dayInYear(access.actor, klass.academicYear);
      else if (startsOn < yearStart || startsOn > yearEnd) {
        issues.add('startsOn', 'DATE_OUTSIDE_YEAR', `Дата начала: вне учебного года класса (${ru(yearStart)} – ${ru(yearEnd)})`);
      }
    }
    issues.throwIfAny();
    const c = klass!;
    const className = repo.classNameOf(c);
    const names = Array.from({ length: input.parts }, (_, i) => `${subject!.name} ${i + 1} (${className})`);
    const ids = await db.transaction(async (tx) => {
      if (await repo.subgroupsOfClass(tx, schoolId, c.id, subject!.id) > 0) {
        throw conflict('SUBGROUPS_EXIST', `Класс ${className} уже разделён на группы по предмету «${subject!.name}»`, 'subjectId');
      }
      for (const name of names) if (await repo.studyGroupNamed(tx, schoolId, c.academicYear, name, null)) throw groupExists(name);
      const pupils = await repo.classStudents(tx, schoolId, c.id, startsOn!, startsOn!, null);
      const size = Math.ceil(pupils.length / input.parts);
      const created: string[] = [];
      for (const [i, name] of names.entries()) {
        const group = await repo.insertStudyGroup(tx, { schoolId, academicYear: c.academicYear, kind: 'subgroup', name, subjectId: subject!.id, classId: c.id });
        const part = pupils.slice(i * size, (i + 1) * size);
        if (part.length > 0) {
          await repo.insertMemberships(tx, part.map((p) => ({ schoolId, studyGroupId: group.id, studentId: p.studentId, startsOn: startsOn!, endsOn: null })));
        }
        created.push(group.id);
      }
      return created;
    }).catch((err: unknown) => {
      if (repo.isUniqueViolation(err)) throw conflict('SUBGROUPS_EXIST', `Класс ${className} уже разделён на группы по предмету «${subject!.name}»`, 'subjectId');
      throw err;
    });
    const items = [];
    for (const id of ids) items.push(await studyGroupDetail(access, id, startsOn));
    return { items, total: items.length };
  }

  async function memberDto(q: Queryable, schoolId: string, m: repo.MembershipRow): Promise<StudyGroupMemberDto> {
    const s = await repo.findStudent(q, schoolId, m.studentId) ?? missing('Ученик не найден');
    return { id: m.id, studentId: s.id, lastName: s.lastName, firstName: s.firstName, middleName: s.middleName, startsOn: m.startsOn, endsOn: m.endsOn };
  }

  async function addStudyGroupMember(access: Access, groupId: string, input: AddStudyGroupMemberInput): Promise<StudyGroupMemberDto> {
    const schoolId = access.actor.schoolId;
    await accessService.ensureVisible(access, 'studyGroup', groupId);
    const group = await repo.findStudyGroup(db, schoolId, groupId) ?? missing('Группа не найдена');
    const student = await repo.findStudent(db, schoolId, input.studentId);
    if (!student) throw invalidField('studentId', 'STUDENT_NOT_FOUND', 'Ученик: нет такого ученика в школе');
    const { startsOn: yearStart, endsOn: yearEnd } = academicYearBounds(group.academicYear);
    if (input.from < yearStart || input.from > yearEnd) {
      throw invalidField('from', 'DATE_OUTSIDE_YEAR', `Дата начала: вне учебного года группы (${ru(yearStart)} – ${ru(yearEnd)})`);
    }
    return db.transaction(async (tx) => {
      await repo.lockStudent(tx, schoolId, student.id);
      if (group.classId) {
        if (!await repo.isEnrolledOn(tx, schoolId, student.id, input.from, group.classId)) {
          const c = await repo.findClass(tx, schoolId, group.classId);
          throw invalidField('studentId', 'STUDENT_NOT_IN_CLASS', `Ученик не учится в классе ${c ? repo.classNameOf(c) : ''} на ${ru(input.from)}: в подгруппу класса входят только его ученики`);
        }
      } else if (!await repo.isEnrolledOn(tx, schoolId, student.id, input.from, null)) {
        throw invalidField('studentId', 'NOT_ENROLLED', `Ученик не числится ни в одном классе на ${ru(input.from)}`);
      }
      if (await repo.overlappingMembership(tx, schoolId, groupId, student.id, input.from, null, null)) {
        throw conflict('ALREADY_MEMBER', 'Ученик уже в этой группе в эти даты', 'studentId');
      }
      const m = await repo.insertMembership(tx, { schoolId, studyGroupId: groupId, studentId: student.id, startsOn: input.from, endsOn: null });
      return memberDto(tx, schoolId, m);
    });
  }

  async function endStudyGroupMembership(access: Access, groupId: string, memberId: string, input: EndStudyGroupMembershipInput): Promise<StudyGroupMemberDto> {
    const schoolId = access.actor.schoolId;
    await accessService.ensureVisible(access, 'studyGroup', groupId);
    const group = await repo.findStudyGroup(db, schoolId, groupId) ?? missing('Группа не найдена');
    const m = await repo.findMembership(db, schoolId, groupId, memberId) ?? missing('Участник группы не найден');
    if (input.to < m.startsOn) throw invalidField('to', 'END_BEFORE_START', `Последний день раньше начала участия (${ru(m.startsOn)})`);
    const { endsOn: yearEnd } = academicYearBounds(group.academicYear);
    if (input.to > yearEnd) throw invalidField('to', 'DATE_OUTSIDE_YEAR', `Последний день после конца учебного года группы (${ru(yearEnd)})`);
    if (await repo.overlappingMembership(db, schoolId, groupId, m.studentId, m.startsOn, input.to, m.id)) {
      throw conflict('ALREADY_MEMBER', 'В эти даты ученик уже записан в группу другой записью', 'to');
    }
    await repo.updateMembership(db, schoolId, m.id, input.to);
    return memberDto(db, schoolId, { ...m, endsOn: input.to });
  }

  return {
    listEmployees, getEmployee, createEmployee, updateEmployee,
    listClasses, getClass, createClass, updateClass, classStudents,
    listStudents, getStudent, createStudent, updateStudent, moveStudent, leaveSchool,
    listGuardians, getGuardian, createGuardian, updateGuardian, linkGuardian, unlinkGuardian,
    listStudyGroups, getStudyGroup, createStudyGroup, updateStudyGroup, addStudyGroupMember, endStudyGroupMembership,
    splitClass,
  };
}

export type OrgService = ReturnType<typeof createOrgService>;

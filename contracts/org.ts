// Requests and answers of the org area (SPEC A1, A2, A5, B3, B10): staff, classes, students
// with their class history, guardians, study groups and subjects.
// Every route lives under /api/v1/schools/:schoolId/. Person fields arrive as free text and are
// normalised by the server with domain/person.ts (a bad value answers 400 with a field-level
// Russian message in `details`); dates of moves and memberships are strict "YYYY-MM-DD".
import { z } from 'zod';
import { educationForms } from '../domain/person';
import { Uuid } from './common';

// ---------------------------------------------------------------------------------------------
// Shared pieces

const isoDate = (what: string) => z.iso.date({ error: `${what}: ожидается дата в формате ГГГГ-ММ-ДД` });
const text = (what: string, max: number) => z.string({ error: `${what}: ожидается строка` }).max(max, `${what}: слишком длинное значение`);
/** Optional free text: absent leaves the value as it is, null or "" clears it. */
const optionalText = (what: string, max: number) => text(what, max).nullable().optional();
/** An id in a request body, named for the message. */
const ref = (what: string) => z.uuid({ error: `${what}: неверный идентификатор` });
const flag = (what: string) => z.boolean({ error: `${what}: ожидается true или false` });

export const SchoolParams = z.object({ schoolId: Uuid });
export const EmployeeParams = SchoolParams.extend({ employeeId: Uuid });
export const ClassParams = SchoolParams.extend({ classId: Uuid });
export const StudentParams = SchoolParams.extend({ studentId: Uuid });
export const GuardianParams = SchoolParams.extend({ guardianId: Uuid });
export const StudentGuardianParams = SchoolParams.extend({ studentId: Uuid, guardianId: Uuid });
export const StudyGroupParams = SchoolParams.extend({ studyGroupId: Uuid });
export const StudyGroupMemberParams = SchoolParams.extend({ studyGroupId: Uuid, memberId: Uuid });

const academicYearQuery = z.coerce.number({ error: 'Учебный год: ожидается число, например 2026' }).int().min(2000).max(2100);
const paging = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};
const search = z.string().trim().max(100).optional();

export const PersonName = z.object({ lastName: z.string(), firstName: z.string(), middleName: z.string().nullable() });
export type PersonName = z.infer<typeof PersonName>;

/** A class or group named in another record. */
export const UnitRef = z.object({ id: Uuid, name: z.string() });
export type UnitRef = z.infer<typeof UnitRef>;

/** Fields every person record has. СНИЛС, birth date and external id are withheld (null, `withheld: true`) from callers outside the administration unless the record is their own or their child's. */
const personDto = {
  id: Uuid,
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string().nullable(),
  birthDate: z.iso.date().nullable(),
  snils: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  externalId: z.string().nullable(),
  /** The person can log in (an account is linked). */
  hasAccount: z.boolean(),
  withheld: z.boolean(),
};

const personInput = {
  lastName: text('Фамилия', 300),
  firstName: text('Имя', 300),
  middleName: optionalText('Отчество', 300),
  birthDate: optionalText('Дата рождения', 40),
  snils: optionalText('СНИЛС', 40),
  email: optionalText('E-mail', 300),
  phone: optionalText('Телефон', 40),
  externalId: optionalText('Внешний идентификатор', 100),
};

const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });

// ---------------------------------------------------------------------------------------------
// Employees

export const EmployeeDto = z.object({ ...personDto, position: z.string() }).meta({ id: 'Employee' });
export type EmployeeDto = z.infer<typeof EmployeeDto>;
export const EmployeeListDto = listOf(EmployeeDto).meta({ id: 'EmployeeList' });
export type EmployeeListDto = z.infer<typeof EmployeeListDto>;

export const EmployeeListQuery = z.object({ q: search, ...paging });
export type EmployeeListQuery = z.infer<typeof EmployeeListQuery>;

export const CreateEmployeeInput = z.object({ ...personInput, position: text('Должность', 200) }).meta({ id: 'CreateEmployeeInput' });
export type CreateEmployeeInput = z.infer<typeof CreateEmployeeInput>;
export const UpdateEmployeeInput = CreateEmployeeInput.partial().meta({ id: 'UpdateEmployeeInput' });
export type UpdateEmployeeInput = z.infer<typeof UpdateEmployeeInput>;

// ---------------------------------------------------------------------------------------------
// Classes

export const ClassDto = z.object({
  id: Uuid,
  academicYear: z.number().int(),
  grade: z.number().int(),
  letter: z.string(),
  /** "5А". */
  name: z.string(),
  classTeacher: PersonName.extend({ id: Uuid }).nullable(),
  /** Students in the class on the date asked for (default: today, kept within the class's year). */
  studentCount: z.number().int(),
}).meta({ id: 'Class' });
export type ClassDto = z.infer<typeof ClassDto>;
export const ClassListDto = listOf(ClassDto).meta({ id: 'ClassList' });
export type ClassListDto = z.infer<typeof ClassListDto>;

export const ClassListQuery = z.object({ academicYear: academicYearQuery.optional(), on: isoDate('Дата').optional() });
export type ClassListQuery = z.infer<typeof ClassListQuery>;
export const ClassQuery = z.object({ on: isoDate('Дата').optional() });

export const CreateClassInput = z.object({
  /** Default: the current academic year of the school. */
  academicYear: z.number().int().min(2000).max(2100).optional(),
  grade: z.number({ error: 'Параллель: ожидается число от 1 до 11' }).int().min(1, 'Параллель: от 1 до 11').max(11, 'Параллель: от 1 до 11'),
  letter: text('Буква', 10),
  classTeacherId: ref('Классный руководитель').nullable().optional(),
}).meta({ id: 'CreateClassInput' });
export type CreateClassInput = z.infer<typeof CreateClassInput>;
export const UpdateClassInput = z.object({
  letter: text('Буква', 10).optional(),
  classTeacherId: ref('Классный руководитель').nullable().optional(),
}).meta({ id: 'UpdateClassInput' });
export type UpdateClassInput = z.infer<typeof UpdateClassInput>;

export const ClassStudentsQuery = z.object({ from: isoDate('Начало периода').optional(), to: isoDate('Конец периода').optional() });
export type ClassStudentsQuery = z.infer<typeof ClassStudentsQuery>;
/** A student's stay in the class that touches the period asked for. */
export const ClassStudentDto = PersonName.extend({
  studentId: Uuid,
  enrollmentId: Uuid,
  startsOn: z.iso.date(),
  /** Inclusive last day; null while the student is still in the class. */
  endsOn: z.iso.date().nullable(),
}).meta({ id: 'ClassStudent' });
export type ClassStudentDto = z.infer<typeof ClassStudentDto>;
export const ClassStudentListDto = listOf(ClassStudentDto).meta({ id: 'ClassStudentList' });
export type ClassStudentListDto = z.infer<typeof ClassStudentListDto>;

// ---------------------------------------------------------------------------------------------
// Students

export const Sex = z.enum(['male', 'female'], { error: 'Пол: male или female' });
export type Sex = z.infer<typeof Sex>;
export const EducationForm = z.enum(educationForms, { error: 'Форма обучения: inSchool, familyEducation или selfEducation' });
export const Relation = z.enum(['mother', 'father', 'other'], { error: 'Кем приходится: mother, father или other' });
export type Relation = z.infer<typeof Relation>;

const studentFlags = {
  sex: Sex.nullable(),
  educationForm: EducationForm,
  /** Learns by an individual curriculum (ИУП). */
  individualCurriculum: z.boolean(),
  /** Learns by an adapted programme (АООП). */
  adaptedProgramme: z.boolean(),
};

export const StudentListItemDto = PersonName.extend({
  id: Uuid,
  ...studentFlags,
  /** The class on the date asked for. */
  class: UnitRef.nullable(),
}).meta({ id: 'StudentListItem' });
export type StudentListItemDto = z.infer<typeof StudentListItemDto>;
export const StudentListDto = listOf(StudentListItemDto).meta({ id: 'StudentList' });
export type StudentListDto = z.infer<typeof StudentListDto>;

export const StudentListQuery = z.object({
  classId: Uuid.optional(),
  q: search,
  /** Date of the class shown and of the class filter; default today (kept within the filtered class's year). */
  on: isoDate('Дата').optional(),
  ...paging,
});
export type StudentListQuery = z.infer<typeof StudentListQuery>;

export const EnrollmentDto = z.object({
  id: Uuid,
  classId: Uuid,
  className: z.string(),
  academicYear: z.number().int(),
  startsOn: z.iso.date(),
  endsOn: z.iso.date().nullable(),
}).meta({ id: 'Enrollment' });
export type EnrollmentDto = z.infer<typeof EnrollmentDto>;

export const StudentGuardianDto = PersonName.extend({
  guardianId: Uuid,
  relation: Relation,
  phone: z.string().nullable(),
  email: z.string().nullable(),
}).meta({ id: 'StudentGuardian' });
export type StudentGuardianDto = z.infer<typeof StudentGuardianDto>;

/** subgroup: of one class for a subject; stream: from several classes; activity: a group of an extracurricular course or an additional programme, from any classes. */
export const StudyGroupKind = z.enum(['subgroup', 'stream', 'activity'], { error: 'Вид группы: subgroup, stream или activity' });
export type StudyGroupKind = z.infer<typeof StudyGroupKind>;

export const StudentGroupDto = z.object({
  membershipId: Uuid,
  studyGroupId: Uuid,
  name: z.string(),
  kind: StudyGroupKind,
  subjectName: z.string().nullable(),
  startsOn: z.iso.date(),
  endsOn: z.iso.date().nullable(),
}).meta({ id: 'StudentGroup' });
export type StudentGroupDto = z.infer<typeof StudentGroupDto>;

export const StudentDto = z.object({
  ...personDto,
  ...studentFlags,
  /** The class today. */
  currentClass: UnitRef.nullable(),
  /** All stays in classes, oldest first: a move closes one and opens the next. */
  enrollments: z.array(EnrollmentDto),
  /** Those of the student's guardians the caller may see. */
  guardians: z.array(StudentGuardianDto),
  /** Memberships in study groups the caller may see, oldest first. */
  studyGroups: z.array(StudentGroupDto),
}).meta({ id: 'Student' });
export type StudentDto = z.infer<typeof StudentDto>;

export const CreateStudentInput = z.object({
  ...personInput,
  sex: Sex.nullable().optional(),
  educationForm: EducationForm.optional(),
  individualCurriculum: flag('ИУП').optional(),
  adaptedProgramme: flag('АООП').optional(),
  classId: ref('Класс'),
  /** First day in the class; default today. */
  startsOn: isoDate('Дата зачисления').optional(),
}).meta({ id: 'CreateStudentInput' });
export type CreateStudentInput = z.infer<typeof CreateStudentInput>;

export const UpdateStudentInput = CreateStudentInput.omit({ classId: true, startsOn: true }).partial().meta({ id: 'UpdateStudentInput' });
export type UpdateStudentInput = z.infer<typeof UpdateStudentInput>;

/** A move to another class of the same year: the current stay ends the day before `on`, the new one starts on `on`. */
export const MoveStudentInput = z.object({ classId: ref('Класс'), on: isoDate('Дата перевода') }).meta({ id: 'MoveStudentInput' });
export type MoveStudentInput = z.infer<typeof MoveStudentInput>;

/** Leaving the school: `on` is the first day the student is no longer at school; the stay ends the day before. */
export const LeaveSchoolInput = z.object({ on: isoDate('Дата выбытия') }).meta({ id: 'LeaveSchoolInput' });
export type LeaveSchoolInput = z.infer<typeof LeaveSchoolInput>;

// ---------------------------------------------------------------------------------------------
// Guardians

export const GuardianChildDto = PersonName.extend({
  studentId: Uuid,
  relation: Relation,
  /** The class today. */
  class: UnitRef.nullable(),
}).meta({ id: 'GuardianChild' });
export type GuardianChildDto = z.infer<typeof GuardianChildDto>;

export const GuardianDto = z.object({
  ...personDto,
  /** Those of the guardian's children the caller may see. */
  children: z.array(GuardianChildDto),
}).meta({ id: 'Guardian' });
export type GuardianDto = z.infer<typeof GuardianDto>;
export const GuardianListDto = listOf(GuardianDto).meta({ id: 'GuardianList' });
export type GuardianListDto = z.infer<typeof GuardianListDto>;

export const GuardianListQuery = z.object({ q: search, studentId: Uuid.optional(), ...paging });
export type GuardianListQuery = z.infer<typeof GuardianListQuery>;

export const CreateGuardianInput = z.object(personInput).meta({ id: 'CreateGuardianInput' });
export type CreateGuardianInput = z.infer<typeof CreateGuardianInput>;
export const UpdateGuardianInput = CreateGuardianInput.partial().meta({ id: 'UpdateGuardianInput' });
export type UpdateGuardianInput = z.infer<typeof UpdateGuardianInput>;

/** Links a guardian to a student, or changes the relation of an existing link. */
export const LinkGuardianInput = z.object({ relation: Relation }).meta({ id: 'LinkGuardianInput' });
export type LinkGuardianInput = z.infer<typeof LinkGuardianInput>;

// ---------------------------------------------------------------------------------------------
// Study groups

export const StudyGroupDto = z.object({
  id: Uuid,
  academicYear: z.number().int(),
  kind: StudyGroupKind,
  name: z.string(),
  subject: UnitRef.nullable(),
  /** The class a subgroup splits; null for a stream. */
  class: UnitRef.nullable(),
  /** Members on the date asked for (default today). */
  memberCount: z.number().int(),
}).meta({ id: 'StudyGroup' });
export type StudyGroupDto = z.infer<typeof StudyGroupDto>;
export const StudyGroupListDto = listOf(StudyGroupDto).meta({ id: 'StudyGroupList' });
export type StudyGroupListDto = z.infer<typeof StudyGroupListDto>;

export const StudyGroupListQuery = z.object({ academicYear: academicYearQuery.optional(), classId: Uuid.optional(), on: isoDate('Дата').optional() });
export type StudyGroupListQuery = z.infer<typeof StudyGroupListQuery>;
export const StudyGroupQuery = z.object({ on: isoDate('Дата').optional() });

export const StudyGroupMemberDto = PersonName.extend({
  /** The membership's id: end it with PATCH …/members/:memberId. */
  id: Uuid,
  studentId: Uuid,
  startsOn: z.iso.date(),
  endsOn: z.iso.date().nullable(),
}).meta({ id: 'StudyGroupMember' });
export type StudyGroupMemberDto = z.infer<typeof StudyGroupMemberDto>;

export const StudyGroupDetailDto = StudyGroupDto.extend({
  /** Members on the date asked for, of those students the caller may see. */
  members: z.array(StudyGroupMemberDto),
}).meta({ id: 'StudyGroupDetail' });
export type StudyGroupDetailDto = z.infer<typeof StudyGroupDetailDto>;

export const CreateStudyGroupInput = z.object({
  kind: StudyGroupKind,
  name: text('Название', 200),
  subjectId: ref('Предмет').nullable().optional(),
  /** Required for a subgroup, absent for a stream or an activity group. */
  classId: ref('Класс').nullable().optional(),
  /** Default: the class's year, or the current one for a stream. */
  academicYear: z.number().int().min(2000).max(2100).optional(),
}).meta({ id: 'CreateStudyGroupInput' });
export type CreateStudyGroupInput = z.infer<typeof CreateStudyGroupInput>;
export const UpdateStudyGroupInput = z.object({
  name: text('Название', 200).optional(),
  subjectId: ref('Предмет').nullable().optional(),
}).meta({ id: 'UpdateStudyGroupInput' });
export type UpdateStudyGroupInput = z.infer<typeof UpdateStudyGroupInput>;

export const AddStudyGroupMemberInput = z.object({ studentId: ref('Ученик'), from: isoDate('Дата начала') }).meta({ id: 'AddStudyGroupMemberInput' });
export type AddStudyGroupMemberInput = z.infer<typeof AddStudyGroupMemberInput>;
/** `to` is the member's last day in the group (inclusive). */
export const EndStudyGroupMembershipInput = z.object({ to: isoDate('Последний день') }).meta({ id: 'EndStudyGroupMembershipInput' });
export type EndStudyGroupMembershipInput = z.infer<typeof EndStudyGroupMembershipInput>;

/** Splits a class into `parts` subgroups for a subject, the class's students shared out alphabetically. */
export const SplitClassInput = z.object({
  classId: ref('Класс'),
  subjectId: ref('Предмет'),
  parts: z.number({ error: 'Число групп: ожидается число от 2 до 4' }).int('Число групп: целое число').min(2, 'Число групп: от 2 до 4').max(4, 'Число групп: от 2 до 4'),
  /** First day of the memberships; default today within the class's year. */
  startsOn: isoDate('Дата начала').optional(),
}).meta({ id: 'SplitClassInput' });
export type SplitClassInput = z.infer<typeof SplitClassInput>;
export const StudyGroupDetailListDto = listOf(StudyGroupDetailDto).meta({ id: 'StudyGroupDetailList' });
export type StudyGroupDetailListDto = z.infer<typeof StudyGroupDetailListDto>;

// ---------------------------------------------------------------------------------------------
// Subjects (the teaching load is in contracts/load.ts)

// Subjects live in contracts/subjects.ts; re-exported for the org area's older imports.
export { SubjectDto, SubjectListDto } from './subjects';

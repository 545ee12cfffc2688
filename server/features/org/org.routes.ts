// HTTP routes: People and structure of a school: staff, classes, students, guardians, study groups, class moves.
// Every route: the session (preHandler), one access check on the resource and action, one service call.
// URL shapes are regular: GET …/{resource} lists, GET …/{resource}/:id reads one, POST …/{resource}
// creates, PATCH …/{resource}/:id updates.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { OkBody } from '../../../contracts/common';
import {
  AddStudyGroupMemberInput, ClassDto, ClassListDto, ClassListQuery, ClassParams, ClassQuery, ClassStudentListDto, ClassStudentsQuery,
  CreateClassInput, CreateEmployeeInput, CreateGuardianInput, CreateStudentInput, CreateStudyGroupInput,
  EmployeeDto, EmployeeListDto, EmployeeListQuery, EmployeeParams, EndStudyGroupMembershipInput, GuardianDto, GuardianListDto,
  GuardianListQuery, GuardianParams, LeaveSchoolInput, LinkGuardianInput, MoveStudentInput, SchoolParams, StudentDto,
  StudentGuardianParams, StudentListDto, StudentListQuery, StudentParams, StudyGroupDetailDto, StudyGroupListDto, StudyGroupListQuery,
  SplitClassInput, StudyGroupDetailListDto, StudyGroupMemberDto, StudyGroupMemberParams, StudyGroupParams, StudyGroupQuery, UpdateClassInput, UpdateEmployeeInput, UpdateGuardianInput, UpdateStudentInput,
  UpdateStudyGroupInput,
} from '../../../contracts/org';
import type { FeatureDeps } from '../deps';
import { errorAnswers as errors, schoolAuthorizer, schoolBase as base, writeErrorAnswers as writeErrors } from '../route-kit';
import { createOrgService } from './org.service';

export async function orgRoutes(appBase: FastifyInstance, deps: FeatureDeps): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const org = createOrgService({ db: deps.database.db, access: deps.access });
  const tags = ['org'];
  const preHandler = app.authenticate;

  // Every route here validates `schoolId` in its params schema (SchoolParams and its extensions).
  const authorize = schoolAuthorizer(deps);

  // --- Employees ------------------------------------------------------------------------------

  app.get(`${base}/employees`, {
    schema: { tags, summary: 'Сотрудники школы (поиск по ФИО)', params: SchoolParams, querystring: EmployeeListQuery, response: { 200: EmployeeListDto, ...errors } },
    preHandler,
  }, async (req) => org.listEmployees(await authorize(req, 'employee', 'read'), req.query));

  app.get(`${base}/employees/:employeeId`, {
    schema: { tags, summary: 'Сотрудник', params: EmployeeParams, response: { 200: EmployeeDto, ...errors } },
    preHandler,
  }, async (req) => org.getEmployee(await authorize(req, 'employee', 'read'), req.params.employeeId));

  app.post(`${base}/employees`, {
    schema: { tags, summary: 'Добавить сотрудника', params: SchoolParams, body: CreateEmployeeInput, response: { 201: EmployeeDto, ...writeErrors } },
    preHandler,
  }, async (req, reply) => reply.code(201).send(await org.createEmployee(await authorize(req, 'employee', 'write'), req.body)));

  app.patch(`${base}/employees/:employeeId`, {
    schema: { tags, summary: 'Изменить данные сотрудника', params: EmployeeParams, body: UpdateEmployeeInput, response: { 200: EmployeeDto, ...writeErrors } },
    preHandler,
  }, async (req) => org.updateEmployee(await authorize(req, 'employee', 'write'), req.params.employeeId, req.body));

  // --- Classes --------------------------------------------------------------------------------

  app.get(`${base}/classes`, {
    schema: {
      tags, summary: 'Классы учебного года (по умолчанию текущего)', description: 'Число учеников — на дату `on` (по умолчанию сегодня).',
      params: SchoolParams, querystring: ClassListQuery, response: { 200: ClassListDto, ...errors },
    },
    preHandler,
  }, async (req) => org.listClasses(await authorize(req, 'class', 'read'), req.query));

  app.get(`${base}/classes/:classId`, {
    schema: { tags, summary: 'Класс', params: ClassParams, querystring: ClassQuery, response: { 200: ClassDto, ...errors } },
    preHandler,
  }, async (req) => org.getClass(await authorize(req, 'class', 'read'), req.params.classId, req.query.on));

  app.post(`${base}/classes`, {
    schema: { tags, summary: 'Создать класс', params: SchoolParams, body: CreateClassInput, response: { 201: ClassDto, ...writeErrors } },
    preHandler,
  }, async (req, reply) => reply.code(201).send(await org.createClass(await authorize(req, 'class', 'write'), req.body)));

  app.patch(`${base}/classes/:classId`, {
    schema: {
      tags, summary: 'Изменить букву или классного руководителя',
      description: 'Назначение классного руководителя не выдаёт роль: роли выдаются отдельно (цепочка выдачи прав).',
      params: ClassParams, body: UpdateClassInput, response: { 200: ClassDto, ...writeErrors },
    },
    preHandler,
  }, async (req) => org.updateClass(await authorize(req, 'class', 'write'), req.params.classId, req.body));

  app.get(`${base}/classes/:classId/students`, {
    schema: {
      tags, summary: 'Ученики класса за период с датами пребывания в нём',
      description: 'Ученик, переведённый из 5А в 5Б, виден в обоих классах — каждый раз со своими датами. Период по умолчанию — сегодня.',
      params: ClassParams, querystring: ClassStudentsQuery, response: { 200: ClassStudentListDto, ...errors },
    },
    preHandler,
  }, async (req) => org.classStudents(await authorize(req, 'class', 'read'), req.params.classId, req.query));

  // --- Students -------------------------------------------------------------------------------

  app.get(`${base}/students`, {
    schema: { tags, summary: 'Ученики (фильтр по классу, поиск по ФИО, постранично)', params: SchoolParams, querystring: StudentListQuery, response: { 200: StudentListDto, ...errors } },
    preHandler,
  }, async (req) => org.listStudents(await authorize(req, 'student', 'read'), req.query));

  app.get(`${base}/students/:studentId`, {
    schema: { tags, summary: 'Ученик: данные, история классов, родители, группы', params: StudentParams, response: { 200: StudentDto, ...errors } },
    preHandler,
  }, async (req) => org.getStudent(await authorize(req, 'student', 'read'), req.params.studentId));

  app.post(`${base}/students`, {
    schema: { tags, summary: 'Зачислить ученика в класс', params: SchoolParams, body: CreateStudentInput, response: { 201: StudentDto, ...writeErrors } },
    preHandler,
  }, async (req, reply) => reply.code(201).send(await org.createStudent(await authorize(req, 'student', 'write'), req.body)));

  app.patch(`${base}/students/:studentId`, {
    schema: { tags, summary: 'Изменить данные ученика (в том числе форму обучения, ИУП, АООП)', params: StudentParams, body: UpdateStudentInput, response: { 200: StudentDto, ...writeErrors } },
    preHandler,
  }, async (req) => org.updateStudent(await authorize(req, 'student', 'write'), req.params.studentId, req.body));

  app.post(`${base}/students/:studentId/moves`, {
    schema: {
      tags, summary: 'Перевести ученика в другой класс того же учебного года',
      description: 'Текущее пребывание закрывается днём раньше `on`, новое открывается с `on`; история сохраняется.',
      params: StudentParams, body: MoveStudentInput, response: { 201: StudentDto, ...writeErrors },
    },
    preHandler,
  }, async (req, reply) => reply.code(201).send(await org.moveStudent(await authorize(req, 'student', 'write'), req.params.studentId, req.body)));

  app.post(`${base}/students/:studentId/leave`, {
    schema: {
      tags, summary: 'Выбытие ученика из школы', description: '`on` — первый день, когда ученик уже не числится в школе.',
      params: StudentParams, body: LeaveSchoolInput, response: { 200: StudentDto, ...writeErrors },
    },
    preHandler,
  }, async (req) => org.leaveSchool(await authorize(req, 'student', 'write'), req.params.studentId, req.body));

  app.put(`${base}/students/:studentId/guardians/:guardianId`, {
    schema: { tags, summary: 'Связать родителя с учеником (или изменить, кем приходится)', params: StudentGuardianParams, body: LinkGuardianInput, response: { 200: GuardianDto, ...writeErrors } },
    preHandler,
  }, async (req) => org.linkGuardian(await authorize(req, 'guardian', 'write'), req.params.studentId, req.params.guardianId, req.body.relation));

  app.delete(`${base}/students/:studentId/guardians/:guardianId`, {
    schema: { tags, summary: 'Убрать связь родителя с учеником', params: StudentGuardianParams, response: { 200: OkBody, ...writeErrors } },
    preHandler,
  }, async (req) => {
    await org.unlinkGuardian(await authorize(req, 'guardian', 'write'), req.params.studentId, req.params.guardianId);
    return { ok: true as const };
  });

  // --- Guardians ------------------------------------------------------------------------------

  app.get(`${base}/guardians`, {
    schema: { tags, summary: 'Родители (законные представители)', params: SchoolParams, querystring: GuardianListQuery, response: { 200: GuardianListDto, ...errors } },
    preHandler,
  }, async (req) => org.listGuardians(await authorize(req, 'guardian', 'read'), req.query));

  app.get(`${base}/guardians/:guardianId`, {
    schema: { tags, summary: 'Родитель и его дети', params: GuardianParams, response: { 200: GuardianDto, ...errors } },
    preHandler,
  }, async (req) => org.getGuardian(await authorize(req, 'guardian', 'read'), req.params.guardianId));

  app.post(`${base}/guardians`, {
    schema: { tags, summary: 'Добавить родителя', params: SchoolParams, body: CreateGuardianInput, response: { 201: GuardianDto, ...writeErrors } },
    preHandler,
  }, async (req, reply) => reply.code(201).send(await org.createGuardian(await authorize(req, 'guardian', 'write'), req.body)));

  app.patch(`${base}/guardians/:guardianId`, {
    schema: { tags, summary: 'Изменить данные родителя', params: GuardianParams, body: UpdateGuardianInput, response: { 200: GuardianDto, ...writeErrors } },
    preHandler,
  }, async (req) => org.updateGuardian(await authorize(req, 'guardian', 'write'), req.params.guardianId, req.body));

  // --- Study groups ---------------------------------------------------------------------------

  app.get(`${base}/study-groups`, {
    schema: { tags, summary: 'Учебные группы (подгруппы, потоки, группы внеурочной деятельности и доп. образования) учебного года', params: SchoolParams, querystring: StudyGroupListQuery, response: { 200: StudyGroupListDto, ...errors } },
    preHandler,
  }, async (req) => org.listStudyGroups(await authorize(req, 'studyGroup', 'read'), req.query));

  app.get(`${base}/study-groups/:studyGroupId`, {
    schema: { tags, summary: 'Группа и её состав на дату', params: StudyGroupParams, querystring: StudyGroupQuery, response: { 200: StudyGroupDetailDto, ...errors } },
    preHandler,
  }, async (req) => org.getStudyGroup(await authorize(req, 'studyGroup', 'read'), req.params.studyGroupId, req.query.on));

  app.post(`${base}/study-groups`, {
    schema: { tags, summary: 'Создать подгруппу класса, поток или группу внеурочной деятельности / доп. образования', params: SchoolParams, body: CreateStudyGroupInput, response: { 201: StudyGroupDetailDto, ...writeErrors } },
    preHandler,
  }, async (req, reply) => reply.code(201).send(await org.createStudyGroup(await authorize(req, 'studyGroup', 'write'), req.body)));

  app.patch(`${base}/study-groups/:studyGroupId`, {
    schema: { tags, summary: 'Переименовать группу или сменить предмет', params: StudyGroupParams, body: UpdateStudyGroupInput, response: { 200: StudyGroupDetailDto, ...writeErrors } },
    preHandler,
  }, async (req) => org.updateStudyGroup(await authorize(req, 'studyGroup', 'write'), req.params.studyGroupId, req.body));

  app.post(`${base}/study-groups/split`, {
    schema: {
      tags, summary: 'Разделить класс на подгруппы по предмету',
      description: 'Создаёт 2–4 подгруппы «Предмет 1 (5А)»… и распределяет учеников класса на дату начала по алфавиту, всё в одной транзакции. '
        + '409, если у класса уже есть подгруппы по этому предмету.',
      params: SchoolParams, body: SplitClassInput, response: { 201: StudyGroupDetailListDto, ...writeErrors },
    },
    preHandler,
  }, async (req, reply) => reply.code(201).send(await org.splitClass(await authorize(req, 'studyGroup', 'write'), req.body)));

  app.post(`${base}/study-groups/:studyGroupId/members`, {
    schema: {
      tags, summary: 'Включить ученика в группу с даты', description: 'В подгруппу — только ученика её класса на эту дату (иначе 400 STUDENT_NOT_IN_CLASS).',
      params: StudyGroupParams, body: AddStudyGroupMemberInput, response: { 201: StudyGroupMemberDto, ...writeErrors },
    },
    preHandler,
  }, async (req, reply) => reply.code(201).send(await org.addStudyGroupMember(await authorize(req, 'studyGroup', 'write'), req.params.studyGroupId, req.body)));

  app.patch(`${base}/study-groups/:studyGroupId/members/:memberId`, {
    schema: { tags, summary: 'Завершить участие в группе (последний день включительно)', params: StudyGroupMemberParams, body: EndStudyGroupMembershipInput, response: { 200: StudyGroupMemberDto, ...writeErrors } },
    preHandler,
  }, async (req) => org.endStudyGroupMembership(await authorize(req, 'studyGroup', 'write'), req.params.studyGroupId, req.params.memberId, req.body));
}

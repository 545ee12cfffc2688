// HTTP routes of attendance around the journal (SPEC D2, regulation 3.5) and of debts (C1): the
// school's attendance codes (`yearSetup`: the administration writes, all staff read), the board of
// a day's absences (`journal` read: the administration, a class teacher for their own class), a
// student's attendance over a period and the open debts (`journal` read, narrowed to the caller's
// students). Registers the hourly job that turns expired debts into marks.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AttendanceBoardDto, AttendanceBoardQuery, AttendanceCodesDto, AttendanceParams, JournalDebtListDto, JournalDebtsQuery, PutAttendanceCodesBody,
  StudentAttendanceDto, StudentAttendanceParams, StudentAttendanceQuery,
} from '../../../contracts/attendance';
import type { FeatureDeps } from '../deps';
import { errorAnswers as errors, schoolAuthorizer, schoolBase as base, writeErrorAnswers as writeErrors } from '../route-kit';
import { createAttendanceService } from './attendance.service';
import { registerDebtExpiry } from './debts';

export async function attendanceRoutes(appBase: FastifyInstance, deps: FeatureDeps): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const service = createAttendanceService({ db: deps.database.db, access: deps.access, clock: deps.clock });
  registerDebtExpiry({ db: deps.database.db, jobs: deps.jobs, clock: deps.clock, logger: app.log });
  const tags = ['attendance'];
  const preHandler = app.authenticate;
  const authorize = schoolAuthorizer(deps);

  app.get(`${base}/attendance-codes`, {
    schema: {
      tags, summary: 'Коды посещаемости школы',
      description: 'Пока школа их не сохранила — коды по умолчанию (Н, П, Б, О) с `isDefault: true`.',
      params: AttendanceParams, response: { 200: AttendanceCodesDto, ...errors },
    },
    preHandler,
  }, async (req) => service.getCodes(await authorize(req, 'yearSetup', 'read')));

  app.put(`${base}/attendance-codes`, {
    schema: {
      tags, summary: 'Сохранить коды посещаемости школы (весь список)',
      description: `Каждый код — от 1 до 4 букв (или «*»), не повторяется (без учёта регистра и похожих латинских букв), не читается как «зч»/«нз»;
категория: absentUnexcused, absentExcused (с причиной illness | family | other) или late (минуты 1–90 по желанию). Нужен код пропуска без
уважительной причины. Все ошибки — сразу, с путями codes.N.поле; список сохраняется целиком в одной транзакции.
Уже выставленные пропуски сохраняют свой код.`,
      params: AttendanceParams, body: PutAttendanceCodesBody, response: { 200: AttendanceCodesDto, ...writeErrors },
    },
    preHandler,
  }, async (req) => service.putCodes(await authorize(req, 'yearSetup', 'write'), req.body));

  app.get(`${base}/attendance/board`, {
    schema: {
      tags, summary: 'Отсутствующие за день по классам (сводка для администрации)',
      description: `По каждому классу: кто отсутствует (без уважительной причины, по уважительной с причиной), кто опоздал, на каких уроках;
уроки, уже начавшиеся к этому моменту, по которым посещаемость ещё не отмечена. Администрация видит все классы, классный руководитель —
свой класс, остальным — 403. Без даты — сегодня по времени школы.`,
      params: AttendanceParams, querystring: AttendanceBoardQuery, response: { 200: AttendanceBoardDto, ...errors },
    },
    preHandler,
  }, async (req) => service.board(await authorize(req, 'journal', 'read'), req.query));

  app.get(`${base}/attendance/students/:studentId`, {
    schema: {
      tags, summary: 'Посещаемость ученика за период',
      description: 'Пропуски по категориям (уроки и академические часы: сдвоенный урок — два часа), по причинам, по предметам; опоздания с минутами. Период — не больше 366 дней.',
      params: StudentAttendanceParams, querystring: StudentAttendanceQuery, response: { 200: StudentAttendanceDto, ...errors },
    },
    preHandler,
  }, async (req) => service.studentSummary(await authorize(req, 'journal', 'read'), req.params.studentId, req.query));

  app.get(`${base}/journal-debts`, {
    schema: {
      tags, summary: 'Открытые долги («точки»): класс или группа × предмет, или один ученик',
      description: 'Сначала самые ранние сроки. Долг с прошедшим сроком (`overdue`) в течение часа после полуночи по времени школы становится отметкой «2».',
      params: AttendanceParams, querystring: JournalDebtsQuery, response: { 200: JournalDebtListDto, ...errors },
    },
    preHandler,
  }, async (req) => service.debts(await authorize(req, 'journal', 'read'), req.query));
}

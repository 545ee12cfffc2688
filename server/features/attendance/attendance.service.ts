// Rules of attendance around the journal (SPEC D2, regulation 3.5) and of debts («точка», C1):
// the school's attendance codes (checked by `codesIssues`, saved whole in one transaction), the
// board of a day's absences by class with the lessons held so far whose attendance nobody has
// taken, a student's attendance over a period, and the open debts a teacher waits for. The route
// has authorised the caller; here each answer is narrowed to what their scope reaches.
import type { Role } from '../../../domain/access';
import { absenceReasons, codesIssues, defaultAttendanceCodes, type AbsenceReason, type AttendanceCode } from '../../../domain/attendance';
import { debtDaysLeft, isDebtExpired } from '../../../domain/debts';
import { academicYearBounds, academicYearOfDate } from '../../../domain/school-year';
import {
  maxSummaryDays,
  type AbsenceCategory, type AttendanceBoardDto, type AttendanceBoardQuery, type AttendanceCodeDto, type AttendanceCodesDto, type BoardClassDto,
  type BoardEntryDto, type BoardStudentDto, type JournalDebtListDto, type JournalDebtsQuery, type PendingLessonDto, type PutAttendanceCodesBody,
  type StudentAttendanceDto, type StudentAttendanceQuery,
} from '../../../contracts/attendance';
import type { Db, Queryable } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { AppError, notFound } from '../../lib/errors';
import { reaches, type Access, type AccessService, type Visible } from '../access/access.service';
import { createLessonsService, shortName } from '../lessons/lessons.service';
import * as repo from './attendance.repo';

type FieldIssue = { path: string; code: string; message: string };
const invalid = (issues: FieldIssue[]): AppError => new AppError('VALIDATION_FAILED', 400, issues[0]?.message ?? 'Неверные данные', issues);
const daysBetween = (from: string, to: string): number => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

/** «Ученикова Анна» — a student on the board and in lists. */
const studentName = (p: repo.PersonName | undefined): string => (p ? [p.lastName, p.firstName].filter(Boolean).join(' ') : 'Ученик');

/** Unexcused is worse than excused, which is worse than late. */
const severity: Record<AbsenceCategory, number> = { absentUnexcused: 3, absentExcused: 2, late: 1 };

/** "HH:MM" now in a time zone. */
const timeOfDay = (at: Date, timeZone: string): string =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);

const administration: ReadonlySet<Role> = new Set(['director', 'deputy', 'journalAdmin']);

const codeDto = (c: AttendanceCode | repo.CodeRow): AttendanceCodeDto => ({
  code: c.code,
  title: c.title,
  category: c.category as AbsenceCategory,
  reason: (c.reason ?? null) as AbsenceReason | null,
  minutes: c.minutes ?? null,
});

export function createAttendanceService({ db, access: accessService, clock }: { db: Db; access: AccessService; clock: Clock }) {
  const lessons = createLessonsService({ db, access: accessService, clock });

  // --- Codes --------------------------------------------------------------------------------------

  async function getCodes(access: Access): Promise<AttendanceCodesDto> {
    const rows = await repo.listCodes(db, access.actor.schoolId);
    return rows.length === 0
      ? { codes: defaultAttendanceCodes.map(codeDto), isDefault: true }
      : { codes: rows.map(codeDto), isDefault: false };
  }

  async function putCodes(access: Access, body: PutAttendanceCodesBody): Promise<AttendanceCodesDto> {
    const codes: AttendanceCode[] = body.codes.map((c) => ({
      code: c.code, title: c.title, category: c.category as AttendanceCode['category'],
      reason: (c.reason ?? null) as AbsenceReason | null, minutes: c.minutes ?? null,
    }));
    const issues: FieldIssue[] = codesIssues(codes);
    // Presence is an empty cell; the journal keeps no row for it, so no code may stand for it.
    codes.forEach((c, i) => {
      if (c.category === 'present') {
        issues.push({ path: `codes.${i}.category`, code: 'CATEGORY_PRESENT', message: 'Присутствие отмечается пустой клеткой — код для него не нужен' });
      }
    });
    if (!codes.some((c) => c.category === 'absentUnexcused')) {
      issues.push({ path: 'codes', code: 'UNEXCUSED_MISSING', message: 'Нужен код пропуска без уважительной причины (например, «Н»)' });
    }
    if (issues.length > 0) throw invalid(issues);
    await db.transaction((tx) => repo.replaceCodes(tx, access.actor.schoolId, codes.map((c) => ({
      code: c.code.trim(), title: c.title.trim(), category: c.category, reason: c.reason ?? null, minutes: c.minutes ?? null,
    }))));
    return getCodes(access);
  }

  // --- The board of a day's absences ----------------------------------------------------------

  async function board(access: Access, q: AttendanceBoardQuery): Promise<AttendanceBoardDto> {
    const { actor } = access;
    const schoolId = actor.schoolId;
    const isAdministration = access.wholeSchool && actor.roles.some((r) => administration.has(r));
    if (!isAdministration && !access.scopes.includes('ownClass')) {
      throw new AppError('FORBIDDEN', 403, 'Сводку пропусков видят администрация школы и классные руководители');
    }
    const date = q.date ?? actor.today;
    const academicYear = academicYearOfDate(date);
    const own = isAdministration ? null : await accessService.visible({ ...access, scopes: ['ownClass'], wholeSchool: false }, 'class');
    const classRows = await repo.classesOfYear(db, schoolId, academicYear, own === null || own.all ? null : [...own.ids]);
    const classIds = classRows.map((c) => c.id);
    const now = clock.now();
    const isToday = date === actor.today;

    const enrolled = await repo.enrolledOn(db, schoolId, classIds, date);
    const classOfStudent = new Map(enrolled.map((e) => [e.studentId, e.classId]));
    const [entries, journalLessonRows, groupClasses, subjects] = await Promise.all([
      repo.entriesOn(db, schoolId, date, own === null ? null : [...classOfStudent.keys()]),
      repo.journalLessonsOn(db, schoolId, date),
      repo.classesOfGroupsOn(db, schoolId, academicYear, date),
      repo.subjectNames(db, schoolId),
    ]);
    const mine = entries.filter((e) => classOfStudent.has(e.studentId));
    const [students, teachers] = await Promise.all([
      repo.studentNames(db, schoolId, mine.map((e) => e.studentId)),
      repo.employeeNames(db, schoolId, classRows.flatMap((c) => (c.classTeacherId ? [c.classTeacherId] : []))),
    ]);
    const classesOf = (target: { classId: string | null; studyGroupId: string | null }): string[] =>
      target.classId ? [target.classId] : [...(groupClasses.get(target.studyGroupId ?? '') ?? [])];

    // Lessons held so far on the date whose attendance nobody has taken.
    const pending = new Map<string, PendingLessonDto[]>();
    const taken = new Map<string, number>();
    const takenKeys = new Set<string>();
    for (const l of journalLessonRows) {
      if (!l.taken) continue;
      if (l.timetableLessonId && l.plannedDate) takenKeys.add(`${l.timetableLessonId}|${l.plannedDate}`);
      for (const c of classesOf(l)) taken.set(c, (taken.get(c) ?? 0) + 1);
    }
    if (date <= actor.today && classIds.length > 0) {
      const nowTime = timeOfDay(now, actor.timeZone);
      const timetableAccess = accessService.accessOf(actor, 'timetable', 'read');
      const days = isAdministration
        ? [await lessons.listLessons(timetableAccess, { from: date, to: date })]
        : await Promise.all(classIds.map((classId) => lessons.listLessons(timetableAccess, { from: date, to: date, classId })));
      const seen = new Set<string>();
      for (const l of days.flatMap((d) => d.items)) {
        const key = `${l.timetableLessonId}|${l.lessonDate}`;
        if (seen.has(key)) continue;
        seen.add(key);
        // Additional education keeps no attendance in the class journal; a lesson not begun yet is not due.
        if (l.status !== 'scheduled' || l.date !== date || l.kind === 'additional' || takenKeys.has(key)) continue;
        if (isToday && (l.start === null || l.start > nowTime)) continue;
        const item: PendingLessonDto = {
          timetableLessonId: l.timetableLessonId, lessonNumber: l.lessonNumber, start: l.start, subject: l.subject, teacher: l.teacher, studyGroup: l.studyGroup,
        };
        for (const c of classesOf({ classId: l.class?.id ?? null, studyGroupId: l.studyGroup?.id ?? null })) {
          if (!classIds.includes(c)) continue;
          pending.set(c, [...(pending.get(c) ?? []), item]);
        }
      }
    }

    // Whole-class lessons with attendance taken, per class: a student absent from all of them missed the day.
    const classLessonsTaken = new Map<string, Set<string>>();
    for (const l of journalLessonRows) if (l.taken && l.classId) classLessonsTaken.set(l.classId, (classLessonsTaken.get(l.classId) ?? new Set()).add(l.id));

    const byStudent = new Map<string, repo.EntryRow[]>();
    for (const e of mine) byStudent.set(e.studentId, [...(byStudent.get(e.studentId) ?? []), e]);
    const classes: BoardClassDto[] = classRows.map((c) => {
      const studentsOfClass: BoardStudentDto[] = [];
      for (const [studentId, list] of byStudent) {
        if (classOfStudent.get(studentId) !== c.id) continue;
        const status = list.map((e) => e.category as AbsenceCategory).reduce((a, b) => (severity[b] > severity[a] ? b : a));
        const absentFrom = new Set(list.filter((e) => e.category !== 'late').map((e) => e.journalLessonId));
        const classLessons = classLessonsTaken.get(c.id) ?? new Set<string>();
        const wholeDay = classLessons.size > 0 && [...classLessons].every((id) => absentFrom.has(id)) && list.every((e) => e.category !== 'late');
        studentsOfClass.push({
          studentId, name: studentName(students.get(studentId)), status, wholeDay,
          entries: list.map((e): BoardEntryDto => ({
            journalLessonId: e.journalLessonId, lessonNumber: e.lessonNumber, subject: { id: e.subjectId, name: subjects.get(e.subjectId) ?? 'Предмет' },
            category: e.category as AbsenceCategory, code: e.code, reason: (e.reason ?? null) as AbsenceReason | null, minutesLate: e.minutesLate,
          })),
        });
      }
      studentsOfClass.sort((a, b) => severity[b.status] - severity[a.status] || a.name.localeCompare(b.name, 'ru'));
      const count = (category: AbsenceCategory) => studentsOfClass.filter((s) => s.entries.some((e) => e.category === category)).length;
      const teacher = c.classTeacherId ? teachers.get(c.classTeacherId) : undefined;
      return {
        class: { id: c.id, name: `${c.grade}${c.letter}` },
        classTeacher: c.classTeacherId && teacher ? { id: c.classTeacherId, name: shortName(teacher) } : null,
        enrolled: enrolled.filter((e) => e.classId === c.id).length,
        counts: { absentUnexcused: count('absentUnexcused'), absentExcused: count('absentExcused'), late: count('late') },
        students: studentsOfClass,
        pendingLessons: (pending.get(c.id) ?? []).sort((a, b) => a.lessonNumber - b.lessonNumber),
        takenLessons: taken.get(c.id) ?? 0,
      };
    });
    const sum = (pick: (c: BoardClassDto) => number) => classes.reduce((n, c) => n + pick(c), 0);
    return {
      date, isToday, generatedAt: now.toISOString(),
      totals: {
        enrolled: sum((c) => c.enrolled),
        absentUnexcused: sum((c) => c.counts.absentUnexcused),
        absentExcused: sum((c) => c.counts.absentExcused),
        late: sum((c) => c.counts.late),
        classesPending: classes.filter((c) => c.pendingLessons.length > 0).length,
      },
      classes,
    };
  }

  // --- A student's attendance over a period ---------------------------------------------------

  async function ensureStudent(access: Access, studentId: string): Promise<void> {
    if (!await repo.findStudent(db, access.actor.schoolId, studentId)) notFound('NOT_FOUND', 'Ученик не найден');
    if (!access.wholeSchool) {
      const v = await accessService.visible(access, 'student');
      if (!reaches(v, studentId)) notFound('NOT_FOUND', 'Ученик не найден');
    }
  }

  async function studentSummary(access: Access, studentId: string, q: StudentAttendanceQuery): Promise<StudentAttendanceDto> {
    if (q.to < q.from) throw invalid([{ path: 'to', code: 'RANGE_REVERSED', message: 'Конец периода раньше его начала' }]);
    if (daysBetween(q.from, q.to) + 1 > maxSummaryDays) throw invalid([{ path: 'to', code: 'RANGE_TOO_LONG', message: `Период: не больше ${maxSummaryDays} дней` }]);
    await ensureStudent(access, studentId);
    return attendanceOfStudent(db, access.actor.schoolId, studentId, q.from, q.to);
  }

  // --- Debts ------------------------------------------------------------------------------------

  async function debts(access: Access, q: JournalDebtsQuery): Promise<JournalDebtListDto> {
    const { actor } = access;
    const schoolId = actor.schoolId;
    if (q.classId && q.studyGroupId) {
      throw invalid([{ path: 'studyGroupId', code: 'CLASS_OR_GROUP', message: 'Укажите класс или группу, не оба сразу' }]);
    }
    const students: Visible = access.wholeSchool ? { all: true } : await accessService.visible(access, 'student');
    let ids: string[] | null = students.all ? null : [...students.ids];
    const narrow = (list: string[]) => (students.all ? list : list.filter((id) => students.ids.has(id)));
    /** A date inside the unit's academic year: today, or its last day once the year is over. */
    const dayOf = (academicYear: number) => {
      const { startsOn, endsOn } = academicYearBounds(academicYear);
      return actor.today < startsOn ? startsOn : actor.today > endsOn ? endsOn : actor.today;
    };
    if (q.studentId) {
      await ensureStudent(access, q.studentId);
      ids = [q.studentId];
    } else if (q.classId) {
      const c = await repo.findClass(db, schoolId, q.classId) ?? notFound('NOT_FOUND', 'Класс не найден');
      if (!access.wholeSchool && !reaches(await accessService.visible(access, 'class'), c.id)) notFound('NOT_FOUND', 'Класс не найден');
      ids = narrow((await repo.enrolledOn(db, schoolId, [c.id], dayOf(c.academicYear))).map((e) => e.studentId));
    } else if (q.studyGroupId) {
      const g = await repo.findGroup(db, schoolId, q.studyGroupId) ?? notFound('NOT_FOUND', 'Группа не найдена');
      if (!access.wholeSchool && !reaches(await accessService.visible(access, 'studyGroup'), g.id)) notFound('NOT_FOUND', 'Группа не найдена');
      ids = narrow(await repo.membersOn(db, schoolId, g.id, dayOf(g.academicYear)));
    }
    const rows = await repo.openDebts(db, schoolId, { studentIds: ids, subjectId: q.subjectId ?? null });
    const [names, subjects] = await Promise.all([repo.studentNames(db, schoolId, rows.map((r) => r.studentId)), repo.subjectNames(db, schoolId)]);
    const items = rows.map((r) => ({
      markId: r.id, journalLessonId: r.journalLessonId,
      student: { id: r.studentId, name: studentName(names.get(r.studentId)) },
      subject: { id: r.subjectId, name: subjects.get(r.subjectId) ?? 'Предмет' },
      date: r.date,
      controlForm: { id: r.controlFormId, name: r.formName, shortName: r.formShortName },
      deadline: r.deadline, overdue: isDebtExpired(r.deadline, actor.today), daysLeft: debtDaysLeft(r.deadline, actor.today),
      comment: r.comment, version: r.version,
    }));
    return { items, total: items.length };
  }

  return { getCodes, putCodes, board, studentSummary, debts };
}

export type AttendanceService = ReturnType<typeof createAttendanceService>;

/**
 * A student's absences and late arrivals between two dates, counted by category, reason and
 * subject, in lessons and academic hours — what the diary and the reports read. No access check:
 * the caller has made it.
 */
export async function attendanceOfStudent(db: Queryable, schoolId: string, studentId: string, from: string, to: string): Promise<StudentAttendanceDto> {
  const [rows, subjects] = await Promise.all([repo.entriesOfStudent(db, schoolId, studentId, from, to), repo.subjectNames(db, schoolId)]);
  const byReason = Object.fromEntries(absenceReasons.map((r) => [r, 0])) as Record<AbsenceReason, number>;
  const totals = {
    absentUnexcused: { lessons: 0, hours: 0 },
    absentExcused: { lessons: 0, hours: 0, byReason },
    late: { lessons: 0, minutes: 0 },
    absent: { lessons: 0, hours: 0 },
  };
  const bySubject = new Map<string, { absentUnexcused: number; absentExcused: number; late: number; hours: number }>();
  for (const e of rows) {
    const s = bySubject.get(e.subjectId) ?? { absentUnexcused: 0, absentExcused: 0, late: 0, hours: 0 };
    bySubject.set(e.subjectId, s);
    switch (e.category as AbsenceCategory) {
      case 'absentUnexcused':
        totals.absentUnexcused.lessons += 1; totals.absentUnexcused.hours += e.duration; s.absentUnexcused += 1;
        break;
      case 'absentExcused':
        totals.absentExcused.lessons += 1; totals.absentExcused.hours += e.duration; s.absentExcused += 1;
        if (e.reason && e.reason in byReason) byReason[e.reason as AbsenceReason] += 1;
        break;
      case 'late':
        totals.late.lessons += 1; totals.late.minutes += e.minutesLate ?? 0; s.late += 1;
        break;
    }
    if (e.category !== 'late') { totals.absent.lessons += 1; totals.absent.hours += e.duration; s.hours += e.duration; }
  }
  const subjectOf = (id: string) => ({ id, name: subjects.get(id) ?? 'Предмет' });
  return {
    studentId, from, to, totals,
    bySubject: [...bySubject].map(([id, s]) => ({ subject: subjectOf(id), ...s })).sort((a, b) => a.subject.name.localeCompare(b.subject.name, 'ru')),
    items: rows.map((e) => ({
      date: e.date, lessonNumber: e.lessonNumber, subject: subjectOf(e.subjectId), category: e.category as AbsenceCategory, code: e.code,
      reason: (e.reason ?? null) as AbsenceReason | null, minutesLate: e.minutesLate, document: e.document, hours: e.category === 'late' ? 0 : e.duration,
    })),
  };
}

// Attendance (SPEC D2, regulation 3.5) and debts («точка», C1): the school's attendance codes,
// the live board of a day's absences by class, a student's attendance over a period, and the open
// debt marks a teacher still waits for. Attendance itself is written through the journal
// (contracts/journal.ts); these are the settings and the readings around it.
import { z } from 'zod';
import { absenceReasons } from '../domain/attendance';
import { Uuid } from './common';

const isoDate = (what: string) => z.iso.date({ error: `${what}: ожидается дата в формате ГГГГ-ММ-ДД` });
const ref = (what: string) => z.uuid({ error: `${what}: неверный идентификатор` });
const named = z.object({ id: Uuid, name: z.string() });

/** The most codes a school may keep. */
export const maxAttendanceCodes = 20;
/** The longest period a student's summary may cover. */
export const maxSummaryDays = 366;

export const AttendanceParams = z.object({ schoolId: Uuid });
export const StudentAttendanceParams = AttendanceParams.extend({ studentId: Uuid });

// ---------------------------------------------------------------------------------------------
// The school's codes

// Shapes only: what each field may hold (categories, reasons, minutes, repeated codes) is
// `codesIssues` (domain/attendance.ts), reported all at once with its field paths.
export const AttendanceCodeInput = z.object({
  code: z.string({ error: 'Код: ожидается строка' }).max(10, 'Код: не длиннее 10 символов'),
  title: z.string({ error: 'Название: ожидается строка' }).max(200, 'Название: не длиннее 200 символов'),
  category: z.string({ error: 'Категория: ожидается строка' }).max(40, 'Категория: не длиннее 40 символов'),
  reason: z.string({ error: 'Причина: ожидается строка' }).max(40, 'Причина: не длиннее 40 символов').nullable().optional(),
  minutes: z.number({ error: 'Минуты: ожидается число' }).nullable().optional(),
});
export type AttendanceCodeInput = z.infer<typeof AttendanceCodeInput>;

export const PutAttendanceCodesBody = z.object({
  codes: z.array(AttendanceCodeInput, { error: 'Коды: ожидается список' })
    .min(1, 'Нужен хотя бы один код')
    .max(maxAttendanceCodes, `Кодов: не больше ${maxAttendanceCodes}`),
}).meta({ id: 'PutAttendanceCodesBody' });
export type PutAttendanceCodesBody = z.infer<typeof PutAttendanceCodesBody>;

export const absenceCategories = ['absentUnexcused', 'absentExcused', 'late'] as const;
export type AbsenceCategory = (typeof absenceCategories)[number];

export const AttendanceCodeDto = z.object({
  code: z.string(),
  title: z.string(),
  category: z.enum(absenceCategories),
  reason: z.enum(absenceReasons).nullable(),
  minutes: z.number().int().nullable(),
});
export type AttendanceCodeDto = z.infer<typeof AttendanceCodeDto>;

export const AttendanceCodesDto = z.object({
  codes: z.array(AttendanceCodeDto),
  /** Nothing saved yet: these are the defaults (Н, П, Б, О). */
  isDefault: z.boolean(),
}).meta({ id: 'AttendanceCodes' });
export type AttendanceCodesDto = z.infer<typeof AttendanceCodesDto>;

// ---------------------------------------------------------------------------------------------
// The board of a day's absences

export const AttendanceBoardQuery = z.object({
  /** Default: today in the school's time zone. */
  date: isoDate('Дата').optional(),
});
export type AttendanceBoardQuery = z.infer<typeof AttendanceBoardQuery>;

/** One lesson a student missed or came late to. */
export const BoardEntryDto = z.object({
  journalLessonId: Uuid,
  lessonNumber: z.number().int(),
  subject: named,
  category: z.enum(absenceCategories),
  code: z.string(),
  reason: z.enum(absenceReasons).nullable(),
  minutesLate: z.number().int().nullable(),
});
export type BoardEntryDto = z.infer<typeof BoardEntryDto>;

export const BoardStudentDto = z.object({
  studentId: Uuid,
  /** «Ученикова Анна». */
  name: z.string(),
  /** The worst of the day: unexcused over excused over late. */
  status: z.enum(absenceCategories),
  /** Absent from every lesson whose attendance was taken that day. */
  wholeDay: z.boolean(),
  entries: z.array(BoardEntryDto),
});
export type BoardStudentDto = z.infer<typeof BoardStudentDto>;

/** A lesson held so far on the day whose attendance nobody has taken yet. */
export const PendingLessonDto = z.object({
  timetableLessonId: Uuid,
  lessonNumber: z.number().int(),
  start: z.string().nullable(),
  subject: named,
  teacher: named,
  studyGroup: named.nullable(),
});
export type PendingLessonDto = z.infer<typeof PendingLessonDto>;

export const BoardClassDto = z.object({
  class: named,
  classTeacher: named.nullable(),
  /** Students in the class on the day. */
  enrolled: z.number().int(),
  /** Students with at least one entry of each kind (a student may be counted in two). */
  counts: z.object({ absentUnexcused: z.number().int(), absentExcused: z.number().int(), late: z.number().int() }),
  students: z.array(BoardStudentDto),
  /** Lessons held so far without their attendance taken; none: the class's attendance is up to date. */
  pendingLessons: z.array(PendingLessonDto),
  /** Lessons whose attendance has been taken that day. */
  takenLessons: z.number().int(),
});
export type BoardClassDto = z.infer<typeof BoardClassDto>;

export const AttendanceBoardDto = z.object({
  date: z.string(),
  /** Whether the date is today in the school: then «so far» means lessons begun by `generatedAt`. */
  isToday: z.boolean(),
  /** The moment the answer was made (ISO); the page shows it as the last update. */
  generatedAt: z.string(),
  totals: z.object({
    enrolled: z.number().int(),
    absentUnexcused: z.number().int(),
    absentExcused: z.number().int(),
    late: z.number().int(),
    classesPending: z.number().int(),
  }),
  classes: z.array(BoardClassDto),
}).meta({ id: 'AttendanceBoard' });
export type AttendanceBoardDto = z.infer<typeof AttendanceBoardDto>;

// ---------------------------------------------------------------------------------------------
// A student's attendance over a period

export const StudentAttendanceQuery = z.object({
  from: isoDate('Начало периода'),
  to: isoDate('Конец периода'),
});
export type StudentAttendanceQuery = z.infer<typeof StudentAttendanceQuery>;

/** Lessons and academic hours (a double lesson counts two). */
const missed = z.object({ lessons: z.number().int(), hours: z.number().int() });

export const StudentAttendanceDto = z.object({
  studentId: Uuid,
  from: z.string(),
  to: z.string(),
  totals: z.object({
    absentUnexcused: missed,
    absentExcused: missed.extend({ byReason: z.object({ illness: z.number().int(), family: z.number().int(), other: z.number().int() }) }),
    late: z.object({ lessons: z.number().int(), minutes: z.number().int() }),
    /** All absences, excused or not. */
    absent: missed,
  }),
  bySubject: z.array(z.object({
    subject: named,
    absentUnexcused: z.number().int(),
    absentExcused: z.number().int(),
    late: z.number().int(),
    hours: z.number().int(),
  })),
  items: z.array(z.object({
    date: z.string(),
    lessonNumber: z.number().int(),
    subject: named,
    category: z.enum(absenceCategories),
    code: z.string(),
    reason: z.enum(absenceReasons).nullable(),
    minutesLate: z.number().int().nullable(),
    document: z.string().nullable(),
    hours: z.number().int(),
  })),
}).meta({ id: 'StudentAttendance' });
export type StudentAttendanceDto = z.infer<typeof StudentAttendanceDto>;

// ---------------------------------------------------------------------------------------------
// Debts («точка»)

export const JournalDebtsQuery = z.object({
  classId: ref('Класс').optional(),
  studyGroupId: ref('Группа').optional(),
  subjectId: ref('Предмет').optional(),
  studentId: ref('Ученик').optional(),
});
export type JournalDebtsQuery = z.infer<typeof JournalDebtsQuery>;

export const JournalDebtDto = z.object({
  markId: Uuid,
  journalLessonId: Uuid,
  student: named,
  subject: named,
  /** The lesson's date. */
  date: z.string(),
  controlForm: z.object({ id: Uuid, name: z.string(), shortName: z.string() }),
  deadline: z.string(),
  /** The deadline has passed (the nightly job will turn it into «2»). */
  overdue: z.boolean(),
  daysLeft: z.number().int(),
  comment: z.string().nullable(),
  version: z.number().int(),
});
export type JournalDebtDto = z.infer<typeof JournalDebtDto>;

export const JournalDebtListDto = z.object({
  items: z.array(JournalDebtDto),
  total: z.number().int(),
}).meta({ id: 'JournalDebtList' });
export type JournalDebtListDto = z.infer<typeof JournalDebtListDto>;

// Lessons by date over HTTP on the small school of lessons.test-fixtures.ts: the lessons of a
// date for the administration, a teacher, a student and a parent; substitutions (a busy teacher
// refused with the date and lesson, suggestions with the qualified teacher first), cancellations,
// room changes, moves, distance lessons, each with its notification event; revoking; who keeps the
// journal; bad input refused with nothing saved; access. The test clock stands at 2 November 2026.
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lessonChanges, notificationEvents, teacherUnavailability } from '../../db/schema';
import { createTestApp, type TestApp } from '../../test/app';
import { ok } from '../org/org.test-helpers';
import { seedLessonsSchool, type LessonsSchool } from './lessons.test-fixtures';
import { lessonTeachers } from './lessons.service';

type Named = { id: string; name: string };
type Lesson = {
  timetableLessonId: string; lessonDate: string; date: string; lessonNumber: number; start: string | null; end: string | null;
  subject: Named; teacher: Named; scheduledTeacher: Named | null; class: Named | null; studyGroup: Named | null;
  room: Named | null; scheduledRoom: Named | null; kind: string; format: string; distanceUrl: string | null; status: string;
  movedFrom: { date: string; lessonNumber: number } | null; movedTo: { date: string; lessonNumber: number } | null;
  changes: { id: string; kind: string; reason: string | null }[];
};
type Lessons = { items: Lesson[]; total: number };
type Change = { id: string; batchId: string; kind: string; date: string; lessonNumber: number | null; substitute: Named | null; teacher: Named | null; reason: string | null; revokedAt: string | null };
type Created = { batchId: string; items: Change[]; skipped: number; skippedDates: string[] };
type Event = { kind: string; subjectId: string; payload: Record<string, unknown>; audience: { classIds: string[]; studyGroupIds: string[]; employeeIds: string[] } };
type Failure = { error: { code: string; message: string; details?: { path: string; message: string }[] } };

let t: TestApp;
let s: LessonsSchool;

beforeAll(async () => {
  t = await createTestApp();
  s = await seedLessonsSchool(t, 'routes');
}, 60_000);
afterAll(async () => { await t.close(); });

const lessonsOf = async (who: keyof LessonsSchool['clients'], query: string) => ok<Lessons>(await s.clients[who].get(`/lessons?${query}`));
const find = (list: Lessons, id: string, date?: string) => list.items.find((l) => l.timetableLessonId === id && (date === undefined || l.lessonDate === date));
const changeCount = async () => (await t.database.db.select({ n: count() }).from(lessonChanges).where(eq(lessonChanges.schoolId, s.schoolId)))[0]!.n;
const eventCount = async () => (await t.database.db.select({ n: count() }).from(notificationEvents).where(eq(notificationEvents.schoolId, s.schoolId)))[0]!.n;
const failure = (res: { statusCode: number; json(): unknown }, status: number): Failure['error'] => {
  expect(res.statusCode).toBe(status);
  return (res.json() as Failure).error;
};

describe('GET /lessons', () => {
  it('gives the administration a class\'s Monday: times from the bells, the class\'s groups, names resolved', async () => {
    const day = await lessonsOf('admin', `from=2026-09-07&to=2026-09-07&classId=${s.ids.classes.c5a}`);
    expect(day.items.map((l) => [l.lessonNumber, l.subject.name, l.class?.name ?? l.studyGroup?.name])).toEqual([
      [1, 'Математика', '5А'], [2, 'Русский язык', '5А'], [3, 'Английский язык', '5А Английский 1'], [3, 'Английский язык', '5А Английский 2'],
    ]);
    expect(day.items[0]).toMatchObject({
      lessonDate: '2026-09-07', date: '2026-09-07', start: '08:30', end: '09:15', teacher: { name: 'Петрова А. С.' }, room: { name: '204' },
      status: 'scheduled', kind: 'regular', format: 'inPerson', scheduledTeacher: null,
    });
  });

  it('gives extracurricular sessions and distance lessons with their link', async () => {
    const week = await lessonsOf('admin', `from=2026-09-07&to=2026-09-11&classId=${s.ids.classes.c5a}`);
    expect(find(week, s.ids.lessons.chess)).toMatchObject({ date: '2026-09-09', kind: 'extracurricular', lessonNumber: 7, start: null, room: null });
    expect(find(week, s.ids.lessons.informatics)).toMatchObject({ date: '2026-09-10', format: 'distance', distanceUrl: 'https://meet.example.ru/informatics' });
  });

  it('gives a working Saturday the five-day class\'s Monday, and nothing in the holidays', async () => {
    const saturday = await lessonsOf('admin', `from=2026-09-12&to=2026-09-12&classId=${s.ids.classes.c5a}`);
    expect(saturday.items.map((l) => l.timetableLessonId)).toContain(s.ids.lessons.math5a);
    expect((await lessonsOf('admin', 'from=2026-10-26&to=2026-11-01')).total).toBe(0);
  });

  it('takes the version in force on each date', async () => {
    const two = await lessonsOf('admin', `from=2026-09-28&to=2026-10-05&classId=${s.ids.classes.c5a}`);
    expect(two.items.filter((l) => l.date === '2026-10-05').map((l) => [l.timetableLessonId, l.room?.name])).toEqual([[s.ids.lessons.octMath5a, '205']]);
    expect(find(two, s.ids.lessons.math5a, '2026-09-28')).toBeDefined();
  });

  it('gives a student and a parent their own class with their own group only, and no other class', async () => {
    for (const who of ['student', 'parent'] as const) {
      const day = await lessonsOf(who, 'from=2026-09-07&to=2026-09-07');
      expect(day.items.map((l) => l.timetableLessonId).sort(), who).toEqual([s.ids.lessons.math5a, s.ids.lessons.russian5a, s.ids.lessons.eng1].sort());
      expect(failure(await s.clients[who].get(`/lessons?from=2026-09-07&to=2026-09-07&classId=${s.ids.classes.c6b}`), 404).code).toBe('NOT_FOUND');
      expect(failure(await s.clients[who].get(`/lessons?from=2026-09-07&to=2026-09-07&studyGroupId=${s.ids.groups.eng2}`), 404).code).toBe('NOT_FOUND');
    }
    // A teacher filter narrows their own lessons; it does not open other classes.
    const byTeacher = await lessonsOf('student', `from=2026-09-07&to=2026-09-07&employeeId=${s.ids.employees.orlova}`);
    expect(byTeacher.total).toBe(0);
  });

  it('gives a teacher without a filter their own lessons', async () => {
    const week = await lessonsOf('teacher', 'from=2026-09-07&to=2026-09-11');
    expect(week.items.map((l) => l.timetableLessonId)).toEqual([s.ids.lessons.math5a, s.ids.lessons.informatics]);
  });

  it('refuses a range over 31 days or reversed, naming the field', async () => {
    const long = failure(await s.clients.admin.get('/lessons?from=2026-09-01&to=2026-10-15'), 400);
    expect(long).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'to' }] });
    expect(long.message).toMatch(/не больше 31 дн/);
    expect(failure(await s.clients.admin.get('/lessons?from=2026-09-10&to=2026-09-01'), 400).details?.[0]?.path).toBe('to');
    expect(failure(await s.clients.admin.get('/lessons?from=10.09.2026&to=2026-09-01'), 400).code).toBe('VALIDATION_FAILED');
  });

  it('does not show the school to another school\'s director', async () => {
    expect((await s.clients.otherDirector.get('/lessons?from=2026-09-07&to=2026-09-07')).statusCode).toBe(404);
  });
});

describe('substitutions', () => {
  it('suggests free teachers for a lesson: the one who teaches the subject first, busy ones left out', async () => {
    const list = ok<{ lessonNumber: number; start: string; subject: Named; items: { employeeId: string; name: string; qualified: boolean; lessonsThatDay: number }[] }>(
      await s.clients.admin.get(`/lesson-changes/substitutes?timetableLessonId=${s.ids.lessons.math5a}&date=2026-09-07`));
    expect(list).toMatchObject({ lessonNumber: 1, start: '08:30', subject: { name: 'Математика' } });
    expect(list.items.map((i) => [i.name, i.qualified, i.lessonsThatDay])).toEqual([
      ['Волкова Елена Игоревна', true, 0],
      ['Иванов Пётр', false, 0],
      ['Кузнецова Ирина', false, 1],
      ['Сидоров Олег Петрович', false, 2],
    ]);
    // Орлова teaches 6Б at that time; Петрова is the lesson's own teacher.
    expect(list.items.map((i) => i.employeeId)).not.toContain(s.ids.employees.orlova);
  });

  it('leaves out a teacher who cannot teach at that lesson (a weekday and lesson number of the shift), and only then', async () => {
    const url = `/lesson-changes/substitutes?timetableLessonId=${s.ids.lessons.math5a}&date=2026-09-07`;
    const names = async () => ok<{ items: { employeeId: string }[] }>(await s.clients.admin.get(url)).items.map((i) => i.employeeId);
    const volkova = s.ids.employees.volkova;
    expect(await names()).toContain(volkova);
    // 07.09.2026 is a Monday; the lesson is the first of the first shift.
    const other = await t.database.db.insert(teacherUnavailability).values([
      { schoolId: s.schoolId, employeeId: volkova, academicYear: 2026, shift: 1, weekday: 1, lessonNumber: 2 },
      { schoolId: s.schoolId, employeeId: volkova, academicYear: 2026, shift: 2, weekday: 1, lessonNumber: 1 },
      { schoolId: s.schoolId, employeeId: volkova, academicYear: 2026, shift: 1, weekday: 2, lessonNumber: 1 },
    ]).returning({ id: teacherUnavailability.id });
    expect(await names(), 'another lesson, shift or weekday does not matter').toContain(volkova);
    const [slot] = await t.database.db.insert(teacherUnavailability)
      .values({ schoolId: s.schoolId, employeeId: volkova, academicYear: 2026, shift: 1, weekday: 1, lessonNumber: 1 }).returning({ id: teacherUnavailability.id });
    expect(await names()).not.toContain(volkova);
    for (const { id } of [...other, slot!]) await t.database.db.delete(teacherUnavailability).where(and(eq(teacherUnavailability.schoolId, s.schoolId), eq(teacherUnavailability.id, id)));
    expect(await names()).toContain(volkova);
  });

  it('refuses a busy substitute with the date and the lesson, and saves nothing', async () => {
    const before = [await changeCount(), await eventCount()];
    const error = failure(await s.clients.admin.post('/lesson-changes', {
      timetableLessonId: s.ids.lessons.math5a, from: '2026-09-07', to: '2026-09-07', kind: 'substitution', substituteEmployeeId: s.ids.employees.orlova,
    }), 409);
    expect(error.code).toBe('TEACHER_BUSY');
    expect(error.message).toBe('Учитель Орлова М. П. в это время ведёт другой урок: 07.09.2026, 1-й урок (08:30) — 6Б, Математика');
    expect([await changeCount(), await eventCount()]).toEqual(before);
  });

  it('substitutes a teacher on every date of a range the lesson takes place, with one event per date', async () => {
    const created = ok<Created>(await s.clients.admin.post('/lesson-changes', {
      timetableLessonId: s.ids.lessons.math5a, from: '2026-09-01', to: '2026-09-30', kind: 'substitution',
      substituteEmployeeId: s.ids.employees.volkova, reason: '  курсы повышения квалификации ',
    }), 201);
    // Mondays 7, 14, 21, 28 and the working Saturday 12 September (a Monday's timetable).
    expect(created.items.map((c) => c.date)).toEqual(['2026-09-07', '2026-09-12', '2026-09-14', '2026-09-21', '2026-09-28']);
    expect(created.skipped).toBe(25);
    expect(created.items[0]).toMatchObject({ kind: 'substitution', lessonNumber: 1, substitute: { name: 'Волкова Е. И.' }, teacher: { name: 'Петрова А. С.' }, reason: 'курсы повышения квалификации' });

    const day = await lessonsOf('admin', `from=2026-09-07&to=2026-09-07&classId=${s.ids.classes.c5a}`);
    expect(find(day, s.ids.lessons.math5a)).toMatchObject({ teacher: { name: 'Волкова Е. И.' }, scheduledTeacher: { name: 'Петрова А. С.' }, changes: [{ kind: 'substitution' }] });

    const events = await t.database.db.select().from(notificationEvents)
      .where(and(eq(notificationEvents.schoolId, s.schoolId), eq(notificationEvents.kind, 'lessonSubstituted')));
    expect(events).toHaveLength(5);
    const first = events.find((e) => e.subjectId === created.items[0]!.id)!;
    expect(first.payload).toMatchObject({
      title: 'Замена урока', date: '2026-09-07', lessonNumber: 1, subject: 'Математика', class: '5А', teacher: 'Петрова А. С.', substitute: 'Волкова Е. И.',
      reason: 'курсы повышения квалификации',
    });
    expect(first.audience).toEqual({ classIds: [s.ids.classes.c5a], studyGroupIds: [], employeeIds: [s.ids.employees.petrova, s.ids.employees.volkova] });
  });

  it('lets the substitute keep the journal of that lesson; the teacher keeps the others', async () => {
    const { db } = t.database;
    expect(await lessonTeachers(db, s.schoolId, s.ids.lessons.math5a, '2026-09-07')).toEqual([s.ids.employees.volkova]);
    expect(await lessonTeachers(db, s.schoolId, s.ids.lessons.math5a, '2026-10-05')).toEqual([]);
    expect(await lessonTeachers(db, s.schoolId, s.ids.lessons.math6b, '2026-09-07')).toEqual([s.ids.employees.orlova]);
    expect(await lessonTeachers(db, s.schoolId, s.ids.lessons.math5a, '2026-09-08')).toEqual([]);
  });

  it('shows the substitute the lessons they substitute, and the change to the parent', async () => {
    const parentDay = await lessonsOf('parent', 'from=2026-09-07&to=2026-09-07');
    expect(find(parentDay, s.ids.lessons.math5a)).toMatchObject({ teacher: { name: 'Волкова Е. И.' }, scheduledTeacher: { name: 'Петрова А. С.' } });
    // Петрова still sees her lesson, marked as substituted.
    const teacherDay = await lessonsOf('teacher', 'from=2026-09-07&to=2026-09-07');
    expect(find(teacherDay, s.ids.lessons.math5a)?.teacher.name).toBe('Волкова Е. И.');
  });

  it('refuses the same kind of change on a date that has it, and a substitute busy with another substitution', async () => {
    const again = failure(await s.clients.admin.post('/lesson-changes', {
      timetableLessonId: s.ids.lessons.math5a, from: '2026-09-14', to: '2026-09-14', kind: 'substitution', substituteEmployeeId: s.ids.employees.ivanov,
    }), 409);
    expect(again.code).toBe('LESSON_ALREADY_CHANGED');
    expect(again.message).toMatch(/14\.09\.2026.*уже назначена замена/);
    const busy = failure(await s.clients.admin.post('/lesson-changes', {
      timetableLessonId: s.ids.lessons.math6b, from: '2026-09-07', to: '2026-09-07', kind: 'substitution', substituteEmployeeId: s.ids.employees.volkova,
    }), 409);
    expect(busy).toMatchObject({ code: 'TEACHER_BUSY' });
    expect(busy.message).toMatch(/Волкова Е\. И\. в это время ведёт другой урок \(замена\): 07\.09\.2026, 1-й урок/);
  });

  it('refuses dates on which the lesson does not take place, and bad input, with the field and nothing saved', async () => {
    const before = [await changeCount(), await eventCount()];
    const tuesday = failure(await s.clients.admin.post('/lesson-changes', {
      timetableLessonId: s.ids.lessons.math5a, from: '2026-09-08', to: '2026-09-08', kind: 'cancellation',
    }), 400);
    expect(tuesday).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'from', code: 'LESSON_NOT_HELD' }] });
    const cases: [unknown, string][] = [
      [{ timetableLessonId: s.ids.lessons.math5a, from: '2026-09-07', to: '2026-09-07', kind: 'substitution' }, 'substituteEmployeeId'],
      [{ timetableLessonId: s.ids.lessons.math5a, from: '2026-09-07', to: '2026-09-07', kind: 'substitution', substituteEmployeeId: s.ids.employees.petrova }, 'substituteEmployeeId'],
      [{ timetableLessonId: s.ids.lessons.math5a, from: '2026-09-07', to: '2026-09-07', kind: 'distance', distanceUrl: 'http://meet.example.ru/x' }, 'distanceUrl'],
      [{ timetableLessonId: s.ids.lessons.math5a, from: '2026-09-07', to: '2026-09-07', kind: 'distance' }, 'distanceUrl'],
      [{ timetableLessonId: s.ids.lessons.math5a, from: '2026-09-07', to: '2026-09-14', kind: 'move', newDate: '2026-09-08', newLessonNumber: 2 }, 'to'],
      [{ timetableLessonId: s.ids.lessons.math5a, from: '2026-09-07', to: '2026-09-07', kind: 'move', newLessonNumber: 2 }, 'newDate'],
      [{ timetableLessonId: s.ids.lessons.math5a, from: '2026-09-07', to: '2026-09-07', kind: 'teleport' }, 'kind'],
      [{ timetableLessonId: s.ids.lessons.math5a, from: '2026-09-14', to: '2026-09-07', kind: 'cancellation' }, 'to'],
      [{ timetableLessonId: s.ids.lessons.math5a, from: '2026-09-07', to: '2026-09-07', kind: 'roomChange', roomId: s.ids.lessons.math5a }, 'roomId'],
      [{ timetableLessonId: s.ids.lessons.russian5a, from: '2026-09-07', to: '2026-09-07', kind: 'move', newDate: '2026-09-19', newLessonNumber: 2 }, 'newDate'],
    ];
    for (const [body, path] of cases) {
      const error = failure(await s.clients.admin.post('/lesson-changes', body), 400);
      expect(error.code, JSON.stringify(body)).toBe('VALIDATION_FAILED');
      expect(error.details?.map((d) => d.path), JSON.stringify(body)).toContain(path);
      expect(error.message).toMatch(/[а-яё]/i);
    }
    expect(failure(await s.clients.admin.post('/lesson-changes', {
      timetableLessonId: '01890000-0000-7000-8000-000000000000', from: '2026-09-07', to: '2026-09-07', kind: 'cancellation',
    }), 404).code).toBe('LESSON_NOT_FOUND');
    expect([await changeCount(), await eventCount()]).toEqual(before);
  });
});

describe('cancellations, rooms, moves, distance', () => {
  it('cancels a lesson: struck from the held ones, nobody keeps its journal, the event recorded', async () => {
    const created = ok<Created>(await s.clients.admin.post('/lesson-changes', {
      timetableLessonId: s.ids.lessons.russian5a, from: '2026-09-07', to: '2026-09-07', kind: 'cancellation', reason: 'Учитель на олимпиаде',
    }), 201);
    expect(created.items).toHaveLength(1);
    const day = await lessonsOf('student', 'from=2026-09-07&to=2026-09-07');
    expect(find(day, s.ids.lessons.russian5a)).toMatchObject({ status: 'cancelled', changes: [{ kind: 'cancellation', reason: 'Учитель на олимпиаде' }] });
    expect(await lessonTeachers(t.database.db, s.schoolId, s.ids.lessons.russian5a, '2026-09-07')).toEqual([]);
    const [event] = await t.database.db.select().from(notificationEvents).where(eq(notificationEvents.subjectId, created.items[0]!.id));
    expect(event).toMatchObject({ kind: 'lessonCancelled', subjectType: 'lessonChange', payload: { title: 'Урок отменён', lessonNumber: 2, subject: 'Русский язык' } });
    // A substitution on a cancelled date: the date is skipped; with no other date, refused.
    expect(failure(await s.clients.admin.post('/lesson-changes', {
      timetableLessonId: s.ids.lessons.russian5a, from: '2026-09-07', to: '2026-09-07', kind: 'substitution', substituteEmployeeId: s.ids.employees.ivanov,
    }), 400).details?.[0]?.path).toBe('from');
  });

  it('puts a lesson in another room unless that room is busy then', async () => {
    const busy = failure(await s.clients.admin.post('/lesson-changes', {
      timetableLessonId: s.ids.lessons.math5a, from: '2026-09-14', to: '2026-09-14', kind: 'roomChange', roomId: s.ids.rooms.r301,
    }), 409);
    expect(busy.code).toBe('ROOM_BUSY');
    expect(busy.message).toBe('Кабинет 301 в это время занят: 14.09.2026, 1-й урок (08:30) — 6Б, Математика');
    ok(await s.clients.admin.post('/lesson-changes', {
      timetableLessonId: s.ids.lessons.math5a, from: '2026-09-14', to: '2026-09-14', kind: 'roomChange', roomId: s.ids.rooms.r205,
    }), 201);
    const day = await lessonsOf('admin', `from=2026-09-14&to=2026-09-14&roomId=${s.ids.rooms.r205}`);
    expect(find(day, s.ids.lessons.math5a)).toMatchObject({ room: { name: '205' }, scheduledRoom: { name: '204' } });
  });

  it('moves a lesson to another date and number, and refuses a slot where the class is busy', async () => {
    const clash = failure(await s.clients.admin.post('/lesson-changes', {
      timetableLessonId: s.ids.lessons.russian5a, from: '2026-09-21', to: '2026-09-21', kind: 'move', newDate: '2026-09-21', newLessonNumber: 1,
    }), 409);
    expect(clash.code).toBe('CLASS_BUSY');
    expect(clash.message).toBe('У 5А в это время другой урок: 21.09.2026, 1-й урок (08:30) — 5А, Математика');
    // At the third lesson its teacher has English 2.
    expect(failure(await s.clients.admin.post('/lesson-changes', {
      timetableLessonId: s.ids.lessons.russian5a, from: '2026-09-21', to: '2026-09-21', kind: 'move', newDate: '2026-09-21', newLessonNumber: 3,
    }), 409).code).toBe('TEACHER_BUSY');
    ok(await s.clients.admin.post('/lesson-changes', {
      timetableLessonId: s.ids.lessons.russian5a, from: '2026-09-21', to: '2026-09-21', kind: 'move', newDate: '2026-09-22', newLessonNumber: 2,
    }), 201);
    const two = await lessonsOf('parent', 'from=2026-09-21&to=2026-09-22');
    expect(two.items.filter((l) => l.timetableLessonId === s.ids.lessons.russian5a).map((l) => [l.status, l.date, l.lessonNumber, l.start])).toEqual([
      ['movedAway', '2026-09-21', 2, '09:25'], ['scheduled', '2026-09-22', 2, '09:25'],
    ]);
    expect(await lessonTeachers(t.database.db, s.schoolId, s.ids.lessons.russian5a, '2026-09-21')).toEqual([s.ids.employees.sidorov]);
  });

  it('holds a lesson at a distance with an https link', async () => {
    ok(await s.clients.admin.post('/lesson-changes', {
      timetableLessonId: s.ids.lessons.eng1, from: '2026-09-28', to: '2026-09-28', kind: 'distance', distanceUrl: 'https://meet.example.ru/eng-1',
    }), 201);
    const day = await lessonsOf('student', 'from=2026-09-28&to=2026-09-28');
    expect(find(day, s.ids.lessons.eng1)).toMatchObject({ format: 'distance', distanceUrl: 'https://meet.example.ru/eng-1', studyGroup: { name: '5А Английский 1' } });
    const [event] = await t.database.db.select().from(notificationEvents)
      .where(and(eq(notificationEvents.schoolId, s.schoolId), eq(notificationEvents.kind, 'lessonDistance')));
    expect(event!.audience).toEqual({ classIds: [], studyGroupIds: [s.ids.groups.eng1], employeeIds: [s.ids.employees.kuznetsova] });
  });
});

describe('the list of changes, revoking, events', () => {
  it('lists the changes of a range for the administration', async () => {
    const list = ok<{ items: Change[] }>(await s.clients.admin.get('/lesson-changes?from=2026-09-01&to=2026-09-30'));
    expect(list.items.map((c) => `${c.date} ${c.kind}`)).toEqual([
      '2026-09-07 substitution', '2026-09-07 cancellation', '2026-09-12 substitution', '2026-09-14 substitution', '2026-09-14 roomChange',
      '2026-09-21 substitution', '2026-09-21 move', '2026-09-28 substitution', '2026-09-28 distance',
    ]);
  });

  it('revokes one date of a substitution with an event «Отменена замена», then refuses to revoke it again', async () => {
    const list = ok<{ items: Change[] }>(await s.clients.admin.get('/lesson-changes?from=2026-09-14&to=2026-09-14'));
    const change = list.items.find((c) => c.kind === 'substitution')!;
    expect(ok<{ revoked: number }>(await s.clients.admin.del(`/lesson-changes/${change.id}`))).toEqual({ revoked: 1 });
    expect(await lessonTeachers(t.database.db, s.schoolId, s.ids.lessons.math5a, '2026-09-14')).toEqual([s.ids.employees.petrova]);
    expect(await lessonTeachers(t.database.db, s.schoolId, s.ids.lessons.math5a, '2026-09-21')).toEqual([s.ids.employees.volkova]);
    const events = ok<{ items: Event[] }>(await s.clients.admin.get('/notification-events?from=2026-11-02&to=2026-11-02'));
    const revoked = events.items.find((e) => e.kind === 'lessonChangeRevoked' && e.subjectId === change.id)!;
    expect(revoked.payload).toMatchObject({ title: 'Отменена замена', date: '2026-09-14', substitute: 'Волкова Е. И.', teacher: 'Петрова А. С.' });
    expect(failure(await s.clients.admin.del(`/lesson-changes/${change.id}`), 409).code).toBe('LESSON_CHANGE_REVOKED');
    const withRevoked = ok<{ items: Change[] }>(await s.clients.admin.get('/lesson-changes?from=2026-09-14&to=2026-09-14&includeRevoked=true'));
    expect(withRevoked.items.find((c) => c.id === change.id)?.revokedAt).not.toBeNull();
  });

  it('revokes the rest of a batch at once', async () => {
    const list = ok<{ items: Change[] }>(await s.clients.admin.get('/lesson-changes?from=2026-09-07&to=2026-09-07'));
    const change = list.items.find((c) => c.kind === 'substitution')!;
    expect(ok<{ revoked: number }>(await s.clients.admin.del(`/lesson-changes/${change.id}?wholeBatch=true`))).toEqual({ revoked: 4 });
    const left = ok<{ items: Change[] }>(await s.clients.admin.get('/lesson-changes?from=2026-09-01&to=2026-09-30'));
    expect(left.items.filter((c) => c.kind === 'substitution')).toEqual([]);
  });

  it('lists the events recorded, newest first, and nothing outside the dates', async () => {
    const events = ok<{ items: Event[]; total: number }>(await s.clients.admin.get('/notification-events?from=2026-11-01&to=2026-11-30'));
    expect(events.total).toBe(await eventCount());
    expect(events.items[0]!.kind).toBe('lessonChangeRevoked');
    expect(ok<{ total: number }>(await s.clients.admin.get('/notification-events?from=2026-10-01&to=2026-10-31')).total).toBe(0);
  });
});

describe('access', () => {
  it('lets only the administration change lessons and read the lists', async () => {
    const body = { timetableLessonId: s.ids.lessons.math5a, from: '2026-10-12', to: '2026-10-12', kind: 'cancellation' };
    for (const who of ['teacher', 'student', 'parent'] as const) {
      expect((await s.clients[who].post('/lesson-changes', body)).statusCode, who).toBe(403);
      expect((await s.clients[who].get('/lesson-changes?from=2026-09-01&to=2026-09-30')).statusCode, who).toBe(403);
      expect((await s.clients[who].get('/notification-events?from=2026-11-01&to=2026-11-30')).statusCode, who).toBe(403);
      expect((await s.clients[who].get(`/lesson-changes/substitutes?timetableLessonId=${s.ids.lessons.math5a}&date=2026-09-07`)).statusCode, who).toBe(403);
      const list = ok<{ items: Change[] }>(await s.clients.admin.get('/lesson-changes?from=2026-09-01&to=2026-09-30'));
      expect((await s.clients[who].del(`/lesson-changes/${list.items[0]!.id}`)).statusCode, who).toBe(403);
    }
    expect((await s.clients.otherDirector.post('/lesson-changes', body)).statusCode).toBe(404);
  });
});

describe('API description', () => {
  it('describes the lessons routes in the OpenAPI document', async () => {
    const doc = ok<{ paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } }>(await t.app.inject({ method: 'GET', url: '/api/openapi.json' }));
    for (const path of ['lessons', 'lesson-changes', 'lesson-changes/substitutes', 'lesson-changes/{changeId}', 'notification-events']) {
      expect(doc.paths).toHaveProperty([`/api/v1/schools/{schoolId}/${path}`]);
    }
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['DatedLesson', 'CreateLessonChangeBody', 'LessonChange', 'SubstituteList', 'NotificationEvent']));
  });
});

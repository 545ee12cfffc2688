// The demo journal: two schools seeded with a fixed «today» — the first from its timetable, the
// second from a weekly pattern. Checked against the rows as stored: marks per student per subject
// per week in a realistic range and mostly 4 and 5, no mark for a student outside the class or
// group on the lesson's date, nothing in the future, every mark, attendance entry, topic and
// homework with its 'create' audit row, topics from the programme in order, ≈ 3–5 % absences.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { typicalCalendar } from '../../../domain/calendar-template';
import { createTestDatabase } from '../../test/database';
import type { Database } from '../client';
import { attendanceEntries, homework, journalAudit, journalLessons, marks, plannedTopics, teachingLoads, workProgrammes } from '../schema';
import { seedDemo, type DemoSummary } from './generate';
import { journalRange } from './journal';

const year = 2026;
const today = '2026-11-20';
let database: Database;
let summary: DemoSummary;
let first: string;
let second: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const started = performance.now();
  summary = await seedDemo(database.db, { schools: 2, academicYear: year, passwordHash: 'x', journal: { today } });
  console.info(`seedDemo with the journal, 2 schools on ${database.kind}: ${Math.round(performance.now() - started)} ms`, summary.journal);
  [first, second] = summary.schoolIds as [string, string];
}, 240_000);
afterAll(async () => { await database?.close(); });

const rowsOf = async <T>(query: ReturnType<typeof sql>): Promise<T[]> => ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;

describe('journalRange', () => {
  const calendar = typicalCalendar(year);
  it('is the current term up to yesterday, the first term outside the year, the last term in a holiday', () => {
    const q2 = calendar.termSchemes.find((s) => s.grades.includes(5))!.terms[1]!;
    expect(journalRange(calendar, 5, today)).toEqual({ from: q2.startsOn, to: '2026-11-19' });
    expect(journalRange(calendar, 10, today)).toEqual({ from: '2026-09-01', to: '2026-11-19' });
    const q1 = calendar.termSchemes.find((s) => s.grades.includes(5))!.terms[0]!;
    expect(journalRange(calendar, 5, '2026-08-20')).toEqual({ from: q1.startsOn, to: q1.endsOn });
    expect(journalRange(calendar, 5, '2027-07-01')).toEqual({ from: q1.startsOn, to: q1.endsOn });
    // The autumn holidays: the first quarter, to its end.
    expect(journalRange(calendar, 5, '2026-11-03')).toEqual({ from: q1.startsOn, to: q1.endsOn });
  });
});

describe('the demo journal', () => {
  it('gives every load row a programme whose hours are its weekly hours × the weeks of the year', async () => {
    const rows = await rowsOf<{ programmes: number; loads: number; bad: number }>(sql`
      select count(*)::int as programmes,
        (select count(*)::int from teaching_loads l join subjects s on s.school_id = l.school_id and s.id = l.subject_id
          where l.school_id = ${first} and s.kind = 'subject') as loads,
        count(*) filter (where abs(p.hours - l.hours_per_week * 34) > l.hours_per_week * 2)::int as bad
      from work_programmes w
      join teaching_loads l on l.school_id = w.school_id and l.id = w.teaching_load_id
      join (select school_id, work_programme_id, sum(hours) as hours from planned_topics group by 1, 2) p
        on p.school_id = w.school_id and p.work_programme_id = w.id
      where w.school_id = ${first}`);
    expect(rows[0]).toMatchObject({ bad: 0 });
    expect(rows[0]!.programmes).toBe(rows[0]!.loads);
    const coded = await database.db.$count(plannedTopics, and(eq(plannedTopics.schoolId, first), sql`cardinality(${plannedTopics.contentElementCodes}) > 0`));
    expect(coded).toBeGreaterThan(50);
    const controls = await database.db.$count(plannedTopics, and(eq(plannedTopics.schoolId, first), sql`${plannedTopics.controlFormId} is not null`));
    expect(controls).toBeGreaterThan(100);
    expect(await database.db.$count(workProgrammes, eq(workProgrammes.schoolId, second))).toBeGreaterThan(50);
  });

  it('takes the first school\'s lessons from its timetable and the second\'s from a pattern', async () => {
    const [a] = await rowsOf<{ total: number; dated: number }>(sql`select count(*)::int as total, count(timetable_lesson_id)::int as dated from journal_lessons where school_id = ${first}`);
    expect(a!.total).toBeGreaterThan(1000);
    expect(a!.dated).toBe(a!.total);
    // Each dated lesson is the timetable's: its weekday and lesson number.
    const [off] = await rowsOf<{ n: number }>(sql`
      select count(*)::int as n from journal_lessons j join timetable_lessons t on t.school_id = j.school_id and t.id = j.timetable_lesson_id
      where j.school_id = ${first} and (t.lesson_number <> j.lesson_number or extract(isodow from j.planned_date) <> t.weekday or j.subject_id <> t.subject_id)`);
    expect(off!.n).toBe(0);
    const [b] = await rowsOf<{ total: number; dated: number }>(sql`select count(*)::int as total, count(timetable_lesson_id)::int as dated from journal_lessons where school_id = ${second}`);
    expect(b!.total).toBeGreaterThan(500);
    expect(b!.dated).toBe(0);
  });

  it('has nothing on or after today, and nothing before the term', async () => {
    for (const schoolId of [first, second]) {
      const [r] = await rowsOf<{ lessons: number; marks: number; early: number }>(sql`
        select (select count(*)::int from journal_lessons where school_id = ${schoolId} and date >= ${today}) as lessons,
               (select count(*)::int from marks where school_id = ${schoolId} and (date >= ${today} or created_at >= ${today}::date)) as marks,
               (select count(*)::int from journal_lessons where school_id = ${schoolId} and date < '2026-09-01') as early`);
      expect(r).toEqual({ lessons: 0, marks: 0, early: 0 });
    }
  });

  it('gives about 2–3 marks per student per subject per week, mostly 4 and 5, rare 2', async () => {
    // Per student × subject: marks over the weeks of the subject's lessons (lessons ÷ weekly hours).
    const db = database.db;
    const lessons = await db.select({ id: journalLessons.id, unit: sql<string>`coalesce(${journalLessons.classId}, ${journalLessons.studyGroupId})`, subjectId: journalLessons.subjectId })
      .from(journalLessons).where(eq(journalLessons.schoolId, first));
    const loads = await db.select().from(teachingLoads).where(eq(teachingLoads.schoolId, first));
    const hours = new Map(loads.map((l) => [`${l.classId ?? l.studyGroupId}|${l.subjectId}`, Number(l.hoursPerWeek)]));
    const lessonCount = new Map<string, number>();
    const keyOfLesson = new Map<string, string>();
    for (const l of lessons) {
      const key = `${l.unit}|${l.subjectId}`;
      lessonCount.set(key, (lessonCount.get(key) ?? 0) + 1);
      keyOfLesson.set(l.id, key);
    }
    const perStudent = new Map<string, number>();
    for (const m of await db.select({ lessonId: marks.journalLessonId, studentId: marks.studentId }).from(marks).where(eq(marks.schoolId, first))) {
      const key = `${keyOfLesson.get(m.lessonId)}|${m.studentId}`;
      perStudent.set(key, (perStudent.get(key) ?? 0) + 1);
    }
    const byHours = new Map<number, number[]>();
    for (const [key, n] of perStudent) {
      const unitSubject = key.split('|').slice(0, 2).join('|');
      const h = hours.get(unitSubject)!;
      byHours.set(h, [...(byHours.get(h) ?? []), n / (lessonCount.get(unitSubject)! / h)]);
    }
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    for (const [h, xs] of byHours) {
      if (h >= 3) expect(mean(xs), `${h} h`).toBeGreaterThanOrEqual(2);
      expect(mean(xs), `${h} h`).toBeLessThanOrEqual(3.2);
      expect(mean(xs), `${h} h`).toBeGreaterThan(0.5);
    }
    expect([...byHours.keys()].some((h) => h >= 3)).toBe(true);
    const values = await rowsOf<{ value: string; n: number }>(sql`
      select value, count(*)::int as n from marks where school_id = ${first} and value in ('2', '3', '4', '5') group by 1`);
    const share = (v: string) => (values.find((x) => x.value === v)?.n ?? 0) / values.reduce((s, x) => s + x.n, 0);
    expect(share('4') + share('5')).toBeGreaterThan(0.65);
    expect(share('3')).toBeGreaterThan(0.08);
    expect(share('2')).toBeGreaterThan(0);
    expect(share('2')).toBeLessThan(0.06);
  });

  it('gives no mark to a student who is not in the lesson\'s class or group on its date, and none in the first grade', async () => {
    for (const schoolId of [first, second]) {
      const [r] = await rowsOf<{ n: number; firstGrade: number }>(sql`
        select count(*) filter (where not exists (
            select 1 from enrollments e where e.school_id = m.school_id and e.student_id = m.student_id and e.class_id = j.class_id
              and e.starts_on <= m.date and (e.ends_on is null or e.ends_on >= m.date))
          and not exists (
            select 1 from study_group_members g where g.school_id = m.school_id and g.student_id = m.student_id and g.study_group_id = j.study_group_id
              and g.starts_on <= m.date and (g.ends_on is null or g.ends_on >= m.date)))::int as n,
          count(*) filter (where c.grade = 1)::int as "firstGrade"
        from marks m join journal_lessons j on j.school_id = m.school_id and j.id = m.journal_lesson_id
        left join study_groups sg on sg.school_id = j.school_id and sg.id = j.study_group_id
        join classes c on c.school_id = j.school_id and c.id = coalesce(j.class_id, sg.class_id)
        where m.school_id = ${schoolId} and m.date = j.date and m.subject_id = j.subject_id`);
      expect(r).toEqual({ n: 0, firstGrade: 0 });
      // Every mark agrees with its lesson's date and subject (counted above only when they do).
      expect(await database.db.$count(marks, eq(marks.schoolId, schoolId))).toBe(
        (await rowsOf<{ n: number }>(sql`select count(*)::int as n from marks m join journal_lessons j on j.school_id = m.school_id and j.id = m.journal_lesson_id where m.school_id = ${schoolId} and m.date = j.date and m.subject_id = j.subject_id`))[0]!.n,
      );
    }
  });

  it('writes a create audit row for every mark, attendance entry, topic and homework', async () => {
    const db = database.db;
    for (const schoolId of [first, second]) {
      // The audit rows by entity, read once and matched in memory (a join of this size has no statistics to plan with on PGlite).
      const audit = await db.select({
        type: journalAudit.entityType, id: journalAudit.entityId, action: journalAudit.action, lessonId: journalAudit.journalLessonId,
        studentId: journalAudit.studentId, value: sql<string | null>`${journalAudit.new}->>'value'`, code: sql<string | null>`${journalAudit.new}->>'code'`,
        topic: sql<string | null>`${journalAudit.new}->>'topic'`,
      }).from(journalAudit).where(eq(journalAudit.schoolId, schoolId));
      expect(audit.filter((a) => a.action !== 'create')).toEqual([]);
      const byEntity = new Map(audit.map((a) => [`${a.type}|${a.id}`, a]));
      const markRows = await db.select().from(marks).where(eq(marks.schoolId, schoolId));
      expect(markRows.filter((m) => {
        const a = byEntity.get(`mark|${m.id}`);
        return !a || a.studentId !== m.studentId || a.lessonId !== m.journalLessonId || a.value !== m.value;
      })).toEqual([]);
      const attendance = await db.select().from(attendanceEntries).where(eq(attendanceEntries.schoolId, schoolId));
      expect(attendance.filter((x) => byEntity.get(`attendance|${x.id}`)?.code !== x.code)).toEqual([]);
      const lessons = await db.select({ id: journalLessons.id, topic: journalLessons.topic }).from(journalLessons).where(eq(journalLessons.schoolId, schoolId));
      expect(lessons.filter((l) => byEntity.get(`topic|${l.id}`)?.topic !== l.topic)).toEqual([]);
      const given = await db.select({ id: homework.id }).from(homework).where(eq(homework.schoolId, schoolId));
      expect(given.filter((h) => !byEntity.has(`homework|${h.id}`))).toEqual([]);
      expect(audit.length).toBe(markRows.length + attendance.length + lessons.length + given.length);
    }
    const total = await database.db.$count(journalAudit);
    expect(total).toBe(summary.journal.audit);
    expect(summary.journal.audit).toBe(summary.journal.marks + summary.journal.attendance + summary.journal.lessons + summary.journal.homework);
  });

  it('fills lessons with the programme\'s topics in order', async () => {
    const rows = await rowsOf<{ bad: number; lessons: number }>(sql`
      with ordered as (
        select j.plan, j.position, lag(j.position) over (partition by j.programme order by j.date, j.lesson_number) as prev
        from (select jl.date, jl.lesson_number, pt.position, pt.work_programme_id as programme, jl.id as plan
              from journal_lessons jl join planned_topics pt on pt.school_id = jl.school_id and pt.id = jl.planned_topic_id
              where jl.school_id = ${first}) j)
      select count(*) filter (where prev is not null and position < prev)::int as bad, count(*)::int as lessons from ordered`);
    expect(rows[0]!.bad).toBe(0);
    expect(rows[0]!.lessons).toBeGreaterThan(1000);
    const [withHomework] = await rowsOf<{ share: number }>(sql`
      select (count(distinct h.journal_lesson_id)::float / (select count(*) from journal_lessons j join classes c on c.school_id = j.school_id and c.id = j.class_id where j.school_id = ${first} and c.grade > 1))::float as share
      from homework h where h.school_id = ${first}`);
    expect(withHomework!.share).toBeGreaterThan(0.6);
  });

  it('has ≈ 3–5 % absences, some excused for illness, a few late, a few debts and comments', async () => {
    const [r] = await rowsOf<{ absent: number; places: number; illness: number; late: number; unexcused: number }>(sql`
      select count(*) filter (where a.category <> 'late')::int as absent, count(*) filter (where a.reason = 'illness')::int as illness,
        count(*) filter (where a.category = 'late')::int as late, count(*) filter (where a.category = 'absentUnexcused')::int as unexcused,
        (select sum(case when j.class_id is not null
            then (select count(*) from enrollments e join students s on s.school_id = e.school_id and s.id = e.student_id where e.school_id = j.school_id and e.class_id = j.class_id and s.education_form = 'inSchool')
            else (select count(*) from study_group_members m where m.school_id = j.school_id and m.study_group_id = j.study_group_id) end)::int
          from journal_lessons j where j.school_id = ${first}) as places
      from attendance_entries a where a.school_id = ${first}`);
    const share = r!.absent / r!.places;
    expect(share).toBeGreaterThan(0.025);
    expect(share).toBeLessThan(0.06);
    expect(r!.illness).toBeGreaterThan(r!.absent / 3);
    expect(r!.late).toBeGreaterThan(0);
    expect(r!.unexcused).toBeGreaterThan(0);
    const debts = await database.db.select().from(marks).where(and(eq(marks.schoolId, first), eq(marks.isDebt, true)));
    expect(debts.length).toBeGreaterThan(0);
    expect(debts.every((d) => d.value === null && d.debtDeadline !== null && d.debtDeadline >= today)).toBe(true);
    expect(await database.db.$count(marks, and(eq(marks.schoolId, first), sql`${marks.comment} is not null`))).toBeGreaterThan(0);
    // Nobody absent gets a mark with a value at that lesson.
    const [clash] = await rowsOf<{ n: number }>(sql`
      select count(*)::int as n from marks m join attendance_entries a on a.school_id = m.school_id and a.journal_lesson_id = m.journal_lesson_id and a.student_id = m.student_id
      where m.school_id = ${first} and a.category <> 'late' and m.value is not null`);
    expect(clash!.n).toBe(0);
    expect(await database.db.$count(attendanceEntries, eq(attendanceEntries.schoolId, second))).toBeGreaterThan(0);
    expect(await database.db.$count(journalLessons, and(eq(journalLessons.schoolId, first), sql`${journalLessons.attendanceTakenAt} is null`))).toBe(0);
  });

  it('is the same for the same seed and today', async () => {
    const other = await createTestDatabase();
    try {
      // The first school is the same whatever the number of schools.
      const again = await seedDemo(other.db, { schools: 1, academicYear: year, passwordHash: 'x', journal: { today } });
      const counts = async (db: Database['db'], schoolId: string) => ({
        marks: await db.$count(marks, eq(marks.schoolId, schoolId)),
        fives: await db.$count(marks, and(eq(marks.schoolId, schoolId), eq(marks.value, '5'))),
        attendance: await db.$count(attendanceEntries, eq(attendanceEntries.schoolId, schoolId)),
        lessons: await db.$count(journalLessons, eq(journalLessons.schoolId, schoolId)),
      });
      expect(await counts(other.db, again.demoSchoolId)).toEqual(await counts(database.db, first));
    } finally {
      await other.close();
    }
  }, 240_000);
});

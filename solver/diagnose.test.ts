// The diagnosis before search: a problem built from a timetable that fits gets no issue; more hours
// than a class or a teacher can take always names that class or teacher; each impossibility is
// said in Russian with what it concerns.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagnose } from './diagnose';
import { emptyProblem, type Activity, type Problem } from './model';

const dayNames = ['Пн', 'Вт', 'Ср', 'Чт', 'Пт', 'Сб'];

function activity(id: number, teachers: number[], studentsSets: number[], subject = 0, groupId = 0, duration = 1): Activity {
  return { id, teachers, subject, studentsSets, duration, groupId, active: true, studentsCount: null, tags: [] };
}

/**
 * A problem made from a filled grid: each class gets a lesson in some slots, with a teacher free at
 * that slot, so a timetable exists. Constraints that the grid keeps are added: break times in unused
 * slots, each class's daily maximum as it is, lessons of one class and subject on different days,
 * lessons of one slot starting together.
 */
const fittingProblem = fc.record({
  days: fc.integer({ min: 1, max: 6 }),
  periods: fc.integer({ min: 1, max: 8 }),
  classes: fc.integer({ min: 1, max: 5 }),
  teachers: fc.integer({ min: 1, max: 6 }),
  fill: fc.array(fc.array(fc.integer({ min: -1, max: 5 }), { minLength: 48, maxLength: 48 }), { minLength: 5, maxLength: 5 }),
  subjects: fc.integer({ min: 1, max: 3 }),
  seed: fc.integer({ min: 0, max: 1000 }),
}).map(({ days, periods, classes, teachers, fill, subjects, seed }) => {
  const p = emptyProblem('school', dayNames.slice(0, days), Array.from({ length: periods }, (_, i) => String(i + 1)));
  p.teachers = Array.from({ length: teachers }, (_, i) => ({ name: `Учитель ${i + 1}` }));
  p.subjects = Array.from({ length: subjects }, (_, i) => ({ name: `Предмет ${i + 1}` }));
  p.studentsSets = Array.from({ length: classes }, (_, i) => ({ name: `${i + 5}А`, kind: 'year' as const, size: 25, parents: [], children: [] }));
  p.constraints.push({ kind: 'basicTime', weight: 100 }, { kind: 'basicSpace', weight: 100 });
  const used = new Set<string>();
  const bySlot = new Map<string, number[]>();
  const byClassSubjectDay = new Map<string, Map<number, number>>();
  const daily = Array.from({ length: classes }, () => new Array<number>(days).fill(0));
  for (let d = 0; d < days; d++) {
    for (let h = 0; h < periods; h++) {
      const busy = new Set<number>();
      for (let c = 0; c < classes; c++) {
        const want = fill[c]![d * 8 + h]!;
        if (want < 0) continue;
        const t = [...Array(teachers).keys()].map((k) => (k + want) % teachers).find((k) => !busy.has(k));
        if (t === undefined) continue;
        busy.add(t);
        const i = p.activities.length;
        const subject = (c + d + h + seed) % subjects;
        p.activities.push(activity(i + 1, [t], [c], subject));
        used.add(`${d}:${h}`);
        bySlot.set(`${d}:${h}`, [...(bySlot.get(`${d}:${h}`) ?? []), i]);
        daily[c]![d]!++;
        const k = `${c}:${subject}`;
        const perDay = byClassSubjectDay.get(k) ?? new Map<number, number>();
        if (!perDay.has(d)) perDay.set(d, i);
        byClassSubjectDay.set(k, perDay);
      }
    }
  }
  const free = [];
  for (let d = 0; d < days; d++) for (let h = 0; h < periods; h++) if (!used.has(`${d}:${h}`)) free.push({ day: d, period: h });
  if (free.length > 0) p.constraints.push({ kind: 'breakTimes', weight: 100, slots: free.slice(0, 3) });
  for (let c = 0; c < classes; c++) p.constraints.push({ kind: 'studentsMaxHoursDaily', weight: 100, students: c, maxHours: Math.max(1, ...daily[c]!) });
  for (const perDay of byClassSubjectDay.values()) {
    if (perDay.size > 1) p.constraints.push({ kind: 'minDaysBetweenActivities', weight: 100, activities: [...perDay.values()], minDays: 1, consecutiveIfSameDay: false });
  }
  for (const acts of bySlot.values()) if (acts.length > 1) p.constraints.push({ kind: 'activitiesSameStartingTime', weight: 100, activities: acts });
  return p;
});

const classHours = (p: Problem, c: number) => p.activities.filter((a) => a.studentsSets.includes(c)).reduce((s, a) => s + a.duration, 0);
const teacherHours = (p: Problem, t: number) => p.activities.filter((a) => a.teachers.includes(t)).reduce((s, a) => s + a.duration, 0);

describe('diagnose', () => {
  it('finds nothing in a problem built to fit', () => {
    fc.assert(fc.property(fittingProblem, (p) => { expect(diagnose(p)).toEqual([]); }), { numRuns: 300 });
  });

  it('names the class that has more hours than slots', () => {
    fc.assert(fc.property(fittingProblem, fc.nat(), fc.integer({ min: 1, max: 4 }), (p, pick, extra) => {
      const c = pick % p.studentsSets.length;
      const capacity = p.days.length * p.periods.length;
      const add = capacity - classHours(p, c) + extra;
      for (let k = 0; k < add; k++) {
        // Each extra lesson has its own new teacher, so only the class is overloaded.
        p.teachers.push({ name: `Новый ${k}` });
        p.activities.push(activity(p.activities.length + 1, [p.teachers.length - 1], [c]));
      }
      const issues = diagnose(p).filter((i) => i.code === 'studentsOverloaded');
      expect(issues.map((i) => i.studentsSet)).toContain(c);
      expect(issues.find((i) => i.studentsSet === c)!.message).toContain(`«${p.studentsSets[c]!.name}»`);
    }), { numRuns: 200 });
  });

  it('names the teacher who has more hours than slots', () => {
    fc.assert(fc.property(fittingProblem, fc.nat(), fc.integer({ min: 1, max: 4 }), (p, pick, extra) => {
      const t = pick % p.teachers.length;
      const capacity = p.days.length * p.periods.length;
      const add = capacity - teacherHours(p, t) + extra;
      for (let k = 0; k < add; k++) {
        p.studentsSets.push({ name: `Новый ${k}`, kind: 'year', size: 20, parents: [], children: [] });
        p.activities.push(activity(p.activities.length + 1, [t], [p.studentsSets.length - 1]));
      }
      const issues = diagnose(p).filter((i) => i.code === 'teacherOverloaded');
      expect(issues.map((i) => i.teacher)).toEqual([t]);
      expect(issues[0]!.message).toContain(p.teachers[t]!.name);
    }), { numRuns: 200 });
  });
});

describe('diagnose, each impossibility', () => {
  /** 5 days × 2 periods, a class 5А with subgroups «Англ 1», «Англ 2», teachers Иванова and Петров. */
  function school(): Problem {
    const p = emptyProblem('school', dayNames.slice(0, 5), ['1', '2']);
    p.teachers = [{ name: 'Иванова А. А.' }, { name: 'Петров Б. Б.' }];
    p.subjects = [{ name: 'Математика' }, { name: 'Английский язык' }];
    p.studentsSets = [
      { name: '5А', kind: 'group', size: 24, parents: [], children: [1, 2] },
      { name: 'Англ 1', kind: 'subgroup', size: 12, parents: [0], children: [] },
      { name: 'Англ 2', kind: 'subgroup', size: 12, parents: [0], children: [] },
    ];
    return p;
  }

  it('counts the class hours against the slots left by break times and its not-available times, naming the subgroup within its class', () => {
    const p = school();
    p.activities = Array.from({ length: 8 }, (_, i) => activity(i + 1, [i % 2], [0]));
    p.activities.push(activity(9, [0], [1], 1));
    expect(diagnose(p)).toEqual([]);
    p.constraints.push({ kind: 'breakTimes', weight: 100, slots: [{ day: 4, period: 1 }] });
    expect(diagnose(p)).toEqual([]);
    p.constraints.push({ kind: 'studentsNotAvailable', weight: 100, students: 0, slots: [{ day: 4, period: 0 }] });
    const issues = diagnose(p);
    expect(issues).toEqual([expect.objectContaining({ code: 'studentsOverloaded', studentsSet: 1 })]);
    expect(issues[0]!.message).toBe('У «5А / Англ 1» 9 часов в неделю, а свободных уроков в сетке только 8: уберите 1 час из нагрузки или добавьте уроки в день.');
    p.studentsSets[1]!.name = '5А Англ 1';
    expect(diagnose(p)[0]!.message).toMatch(/^У «5А Англ 1» 9 часов/);
    // A soft not-available time closes nothing.
    p.constraints[1] = { ...p.constraints[1]!, weight: 95 };
    expect(diagnose(p)).toEqual([]);
  });

  it('counts a teacher against their not-available times', () => {
    const p = school();
    p.activities = Array.from({ length: 4 }, (_, i) => activity(i + 1, [1], [1]));
    p.constraints.push({ kind: 'teacherNotAvailable', weight: 100, teacher: 1, slots: [0, 1, 2, 3].flatMap((day) => [{ day, period: 0 }, { day, period: 1 }]) });
    const issues = diagnose(p);
    expect(issues).toEqual([expect.objectContaining({ code: 'teacherOverloaded', teacher: 1 })]);
    expect(issues[0]!.message).toContain('Петров Б. Б.');
  });

  it('refuses an activity longer than a day', () => {
    const p = school();
    p.activities = [activity(7, [0], [0], 0, 0, 3)];
    expect(diagnose(p)).toEqual([expect.objectContaining({ code: 'activityTooLong', activity: 0, message: 'Занятие #7 Математика — Иванова А. А. — 5А длится 3 часа, а в дне только 2 урока.' })]);
  });

  it('refuses more lessons on different days than days in the week, only when that is hard', () => {
    const p = school();
    p.activities = Array.from({ length: 6 }, (_, i) => activity(i + 1, [0], [0], 0, 1));
    p.constraints.push({ kind: 'minDaysBetweenActivities', weight: 100, activities: [0, 1, 2, 3, 4, 5], minDays: 1, consecutiveIfSameDay: true });
    expect(diagnose(p)).toEqual([expect.objectContaining({ code: 'tooManyLessonsForDays', activity: 0 })]);
    expect(diagnose(p)[0]!.message).toContain('а в неделе только 5 дней');
    p.constraints[0] = { ...p.constraints[0]!, weight: 95 };
    expect(diagnose(p)).toEqual([]);
  });

  it('refuses a daily maximum that cannot hold the week', () => {
    const p = school();
    p.activities = Array.from({ length: 6 }, (_, i) => activity(i + 1, [i % 2], [0]));
    p.constraints.push({ kind: 'studentsMaxHoursDaily', weight: 100, students: null, maxHours: 1 });
    p.constraints.push({ kind: 'teachersMaxHoursDaily', weight: 100, teacher: 0, maxHours: 1 });
    expect(diagnose(p).map((i) => [i.code, i.studentsSet ?? i.teacher])).toEqual([['studentsDailyMaxTooLow', 1], ['studentsDailyMaxTooLow', 2]]);
    p.constraints[0] = { kind: 'studentsMaxHoursDaily', weight: 100, students: 0, maxHours: 2 };
    p.activities.push(...[7, 8, 9].map((id) => activity(id, [0], [0])));
    expect(diagnose(p).map((i) => [i.code, i.studentsSet ?? i.teacher])).toEqual([['teacherDailyMaxTooLow', 0]]);
  });

  it('refuses lessons that start together but need one teacher or one group twice', () => {
    const p = school();
    p.activities = [activity(1, [0], [1], 1), activity(2, [0], [2], 1), activity(3, [1], [0], 0)];
    p.constraints.push({ kind: 'activitiesSameStartingTime', weight: 100, activities: [0, 1] });
    const teacherTwice = diagnose(p);
    expect(teacherTwice).toEqual([expect.objectContaining({ code: 'sameTimeTeacherTwice', teacher: 0 })]);
    expect(teacherTwice[0]!.message).toMatch(/^Учитель Иванова А\. А\. нужен дважды в одно время/);
    p.activities[1] = activity(2, [1], [2], 1);
    expect(diagnose(p)).toEqual([]);
    // Joined through a second constraint: the whole class with its subgroup.
    p.constraints.push({ kind: 'activitiesSameStartingTime', weight: 100, activities: [1, 2] });
    expect(diagnose(p).map((i) => i.code).sort()).toEqual(['sameTimeStudentsTwice', 'sameTimeTeacherTwice']);
  });
});

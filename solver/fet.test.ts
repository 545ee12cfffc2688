import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.ts';
import { FetFormatError, readFet, readFetActivitiesResult, writeFet } from './fet.ts';
import { SMALL_FET, SMALL_RESULT } from './fixture.test-helper.ts';
import { emptyProblem, emptyTimetable, finestSetsOf, type Problem } from './model.ts';

describe('readFet', () => {
  it('reads days, hours, teachers, subjects, the students hierarchy, rooms and activities', () => {
    const { problem } = readFet(SMALL_FET);
    expect(problem.name).toBe('Школа №1 & филиал');
    expect(problem.days).toEqual(['Пн', 'Вт', 'Ср', 'Чт', 'Пт']);
    expect(problem.periods).toEqual(['1', '2', '3', '4']);
    expect(problem.teachers.map((t) => t.name)).toEqual(['Иванова', 'Петров']);
    expect(problem.studentsSets.map((s) => [s.name, s.kind, s.size])).toEqual([
      ['5', 'year', 25],
      ['5А', 'group', 25],
      ['5А-1', 'subgroup', 12],
      ['5А-2', 'subgroup', 13],
    ]);
    expect(finestSetsOf(problem, 0)).toEqual([2, 3]);
    expect(problem.rooms).toEqual([
      { name: '101', capacity: 30, kind: null, building: null },
      { name: '102', capacity: 15, kind: null, building: null },
    ]);
    expect(problem.activities[0]).toEqual({ id: 1, teachers: [0], subject: 0, studentsSets: [1], duration: 1, groupId: 1, active: true, studentsCount: null, tags: [] });
    expect(problem.activities[4]!.active).toBe(false);
  });

  it('reads the known constraints with their weights, skips inactive ones and lists unknown types with counts', () => {
    const { problem, unknownConstraints, inactiveConstraints } = readFet(SMALL_FET);
    expect(problem.constraints.map((c) => [c.kind, c.weight])).toEqual([
      ['basicTime', 100],
      ['breakTimes', 100],
      ['teacherNotAvailable', 100],
      ['minDaysBetweenActivities', 95],
      ['activitiesSameStartingTime', 100],
      ['studentsMaxGapsPerWeek', 100],
      ['teachersMaxDaysPerWeek', 80],
      ['studentsEarlyMaxBeginningsAtSecondHour', 100],
      ['basicSpace', 100],
      ['subjectPreferredRooms', 90],
      ['activityPreferredRooms', 100],
    ]);
    expect(problem.constraints[3]).toEqual({ kind: 'minDaysBetweenActivities', weight: 95, activities: [0, 1], minDays: 1, consecutiveIfSameDay: true });
    expect(problem.constraints[7]).toEqual({ kind: 'studentsEarlyMaxBeginningsAtSecondHour', weight: 100, students: 1, maxBeginnings: 1 });
    expect(unknownConstraints).toEqual([{ type: 'ConstraintTeacherIntervalMaxDaysPerWeek', count: 2 }]);
    expect(inactiveConstraints).toEqual([{ type: 'ConstraintTeachersMaxHoursDaily', count: 1 }]);
  });

  it('keeps names exactly, spaces included, as FET does, and constraints in the file’s order', () => {
    const spaced = SMALL_FET.replace('<Subgroup><Name>5А-1</Name>', '<Subgroup><Name>5А </Name>').replace('<Students>5А-1</Students>', '<Students>5А </Students>');
    const { problem } = readFet(spaced);
    expect(problem.studentsSets.map((s) => s.name)).toEqual(['5', '5А', '5А ', '5А-2']);
    expect(problem.activities[2]!.studentsSets).toEqual([2]);
    const reordered = SMALL_FET.replace(/(<ConstraintBreakTimes>[\s\S]*?<\/ConstraintBreakTimes>)\s*(<ConstraintTeacherNotAvailableTimes>[\s\S]*?<\/ConstraintTeacherNotAvailableTimes>)/, '$2$1');
    expect(readFet(reordered).problem.constraints.slice(0, 3).map((c) => c.kind)).toEqual(['basicTime', 'teacherNotAvailable', 'breakTimes']);
  });

  it('names the element of a malformed file', () => {
    const noDuration = SMALL_FET.replace('<Duration>1</Duration><Total_Duration>1</Total_Duration><Id>5</Id>', '<Total_Duration>1</Total_Duration><Id>5</Id>');
    expect(() => readFet(noDuration)).toThrow(new FetFormatError('Activity 5: нет Duration'));
    expect(() => readFet(SMALL_FET.replace('<Teacher>Петров</Teacher><Subject>Математика', '<Teacher>Сидоров</Teacher><Subject>Математика'))).toThrow(
      'Activity 5: неизвестный Teacher «Сидоров»',
    );
    expect(() => readFet(SMALL_FET.replace('<Activity_Id>2</Activity_Id><MinDays>', '<Activity_Id>99</Activity_Id><MinDays>'))).toThrow(
      'ConstraintMinDaysBetweenActivities №1: нет активности с Id 99',
    );
    expect(() => readFet(SMALL_FET.replace('<Number_of_Days>5</Number_of_Days>', '<Number_of_Days>6</Number_of_Days>'))).toThrow('Days_List: объявлено 6, перечислено 5');
    expect(() => readFet(SMALL_FET.replace('<Max_Gaps>0</Max_Gaps>', '<Max_Gaps>два</Max_Gaps>'))).toThrow('ConstraintStudentsMaxGapsPerWeek №1: Max_Gaps не целое число («два»)');
    expect(() => readFet(SMALL_FET.replace('<Weight_Percentage>80</Weight_Percentage>', '<Weight_Percentage>180</Weight_Percentage>'))).toThrow(
      'ConstraintTeacherMaxDaysPerWeek №1: Weight_Percentage должен быть от 0 до 100',
    );
    expect(() => readFet('<timetable/>')).toThrow('fet: нет корневого элемента <fet>');
    expect(() => readFet('<fet><Days_List>')).toThrow(FetFormatError);
  });

  it('reads FET’s _activities.xml into a timetable, an empty day leaving the activity unplaced', () => {
    const { problem } = readFet(SMALL_FET);
    const t = readFetActivitiesResult(problem, SMALL_RESULT);
    expect([...t.day]).toEqual([0, 1, 0, 0, -1]);
    expect([...t.period]).toEqual([0, 0, 1, 1, -1]);
    expect([...t.room]).toEqual([0, 0, 0, 1, -1]);
    expect(() => readFetActivitiesResult(problem, SMALL_RESULT.replace('<Id>2</Id><Day>Вт</Day>', '<Id>2</Id><Day>Сб</Day>'))).toThrow('Activity 2: неизвестный Day «Сб»');
  });
});

/** Characters XML 1.0 can carry (no control characters, no lone surrogates, no U+FFFE/U+FFFF). */
function xmlSafe(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return c >= 0x20 && !(c >= 0xd800 && c <= 0xdfff) && c !== 0xfffe && c !== 0xffff;
}

describe('writeFet', () => {
  it('reads the tag-limited teacher maxima, writes them back, and counts only the tagged lessons', () => {
    const tagged = (inner: string) => SMALL_FET.replace('</Time_Constraints_List>', `${inner}</Time_Constraints_List>`);
    const teacherName = readFet(SMALL_FET).problem.teachers[0]!.name;
    const xml = tagged(`<ConstraintTeachersActivityTagMaxHoursDaily><Weight_Percentage>100</Weight_Percentage><Activity_Tag_Name>Урок</Activity_Tag_Name><Maximum_Hours_Daily>1</Maximum_Hours_Daily><Active>true</Active></ConstraintTeachersActivityTagMaxHoursDaily>
<ConstraintTeacherActivityTagMaxHoursContinuously><Weight_Percentage>50</Weight_Percentage><Teacher_Name>${teacherName}</Teacher_Name><Activity_Tag_Name>Урок</Activity_Tag_Name><Maximum_Hours_Continuously>1</Maximum_Hours_Continuously><Active>true</Active></ConstraintTeacherActivityTagMaxHoursContinuously>`);
    const { problem, unknownConstraints } = readFet(xml);
    expect(unknownConstraints).toEqual(readFet(SMALL_FET).unknownConstraints);
    expect(problem.constraints.filter((c) => 'tag' in c && (c.kind === 'teachersMaxHoursDaily' || c.kind === 'teachersMaxHoursContinuously'))).toEqual([
      { kind: 'teachersMaxHoursDaily', weight: 100, teacher: null, maxHours: 1, tag: 'Урок' },
      { kind: 'teachersMaxHoursContinuously', weight: 50, teacher: 0, maxHours: 1, tag: 'Урок' },
    ]);
    expect(readFet(writeFet(problem)).problem).toEqual(problem);
    // Two lessons of the teacher back to back on one day: only the tagged ones count.
    const mine = problem.activities.flatMap((a, i) => (a.teachers.includes(0) ? [i] : [])).slice(0, 2);
    expect(mine.length).toBe(2);
    const t = emptyTimetable(problem.activities.length);
    t.day[mine[0]!] = 0; t.period[mine[0]!] = 0;
    t.day[mine[1]!] = 0; t.period[mine[1]!] = problem.activities[mine[0]!]!.duration;
    const tagRules = (p: Problem) => evaluate(p, t).byConstraint.filter((b) => b.kind === 'teachersMaxHoursDaily' || b.kind === 'teachersMaxHoursContinuously');
    expect(tagRules(problem).every((b) => b.amount === 0)).toBe(true);
    problem.activities[mine[0]!]!.tags.push('Урок');
    expect(tagRules(problem).every((b) => b.amount === 0)).toBe(true);
    problem.activities[mine[1]!]!.tags.push('Урок');
    expect(tagRules(problem).map((b) => b.amount)).toEqual([problem.activities[mine[0]!]!.duration + problem.activities[mine[1]!]!.duration - 1, problem.activities[mine[0]!]!.duration + problem.activities[mine[1]!]!.duration - 1]);
    expect(() => readFet(tagged('<ConstraintTeachersActivityTagMaxHoursDaily><Weight_Percentage>100</Weight_Percentage><Maximum_Hours_Daily>1</Maximum_Hours_Daily></ConstraintTeachersActivityTagMaxHoursDaily>')))
      .toThrow(/ConstraintTeachersActivityTagMaxHoursDaily.*нет Activity_Tag_Name/);
  });

  it('round-trips the small school', () => {
    const { problem } = readFet(SMALL_FET);
    expect(readFet(writeFet(problem)).problem).toEqual(problem);
  });

  it('adds the basic compulsory constraints FET requires when the problem has none', () => {
    const p = emptyProblem('x', ['Пн'], ['1']);
    const back = readFet(writeFet(p)).problem;
    expect(back.constraints.map((c) => c.kind)).toEqual(['basicTime', 'basicSpace']);
  });

  it('round-trips generated problems, names with XML characters included', () => {
    const name = fc.string({ minLength: 1, maxLength: 8 }).map((s) => s.trim()).filter((s) => s.length > 0 && [...s].every(xmlSafe));
    const names = (min: number, max: number) => fc.uniqueArray(name, { minLength: min, maxLength: max });
    const problemArb = fc
      .record({ days: names(1, 6), periods: names(1, 8), teachers: names(1, 4), subjects: names(1, 4), sets: names(1, 4), rooms: names(0, 3) })
      .chain((n) =>
        fc.record({
          n: fc.constant(n),
          acts: fc.array(
            fc.record({
              teachers: fc.uniqueArray(fc.nat(n.teachers.length - 1), { maxLength: 2 }),
              subject: fc.nat(n.subjects.length - 1),
              sets: fc.uniqueArray(fc.nat(n.sets.length - 1), { maxLength: 2 }),
              duration: fc.integer({ min: 1, max: n.periods.length }),
              groupId: fc.nat(3),
              active: fc.boolean(),
            }),
            { maxLength: 6 },
          ),
          weight: fc.integer({ min: 1, max: 100 }),
        }),
      );
    fc.assert(
      fc.property(problemArb, ({ n, acts, weight }) => {
        // Names must be unique across sets of one kind only; students sets are one flat level here.
        const p: Problem = emptyProblem(n.days[0]!, n.days, n.periods);
        p.teachers = n.teachers.map((x) => ({ name: x }));
        p.subjects = n.subjects.map((x) => ({ name: x }));
        p.studentsSets = n.sets.map((x) => ({ name: x, kind: 'year' as const, size: 10, parents: [], children: [] }));
        p.rooms = n.rooms.map((x, i) => ({ name: x, capacity: 20 + i, kind: null, building: null }));
        p.activities = acts.map((a, i) => ({ id: i + 1, teachers: a.teachers, subject: a.subject, studentsSets: a.sets, duration: a.duration, groupId: a.groupId, active: a.active, studentsCount: null, tags: [] }));
        p.constraints = [{ kind: 'basicTime', weight: 100 }, { kind: 'teachersMaxGapsPerWeek', weight, teacher: 0, maxGaps: 2 }, { kind: 'basicSpace', weight: 100 }];
        if (p.activities.length > 1) p.constraints.splice(1, 0, { kind: 'minDaysBetweenActivities', weight, activities: [0, 1], minDays: 2, consecutiveIfSameDay: false });
        expect(readFet(writeFet(p)).problem).toEqual(p);
      }),
      { numRuns: 100 },
    );
  });

  it('keeps the evaluation of FET’s result after a write → read', () => {
    const { problem } = readFet(SMALL_FET);
    const again = readFet(writeFet(problem)).problem;
    const e = evaluate(again, readFetActivitiesResult(again, SMALL_RESULT));
    expect(e.hard).toEqual([]);
    expect(e.softPenalty).toBe(0);
  });
});

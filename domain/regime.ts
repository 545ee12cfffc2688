// Day regimes (SPEC B5): a bell schedule is a list of lessons (number → start and end time) of one
// shift, and assignments say which schedule the whole school, a class, a study group (a stream) or
// one student (ИУП) follows from a date. Pure rules: validation of a schedule with СанПиН warnings,
// which assignment is in force on a date, and what assigning a schedule from a date changes.

export type BellLesson = { number: number; startsAt: string; endsAt: string };
export type RegimeIssue = { path: string; code: string; message: string };

/** Lesson numbers a schedule may use: 0 (a «нулевой» lesson, which СанПиН does not allow) to 12. */
export const lessonNumberRange = { min: 0, max: 12 } as const;
/** Lesson length the journal accepts at all, minutes. */
export const lessonMinutesRange = { min: 20, max: 90 } as const;
/** СП 2.4.3648-20 / СанПиН 1.2.3685-21 (../shared/reference/sanpin.json): warnings, not errors. */
export const sanpin = { maxLessonMinutes: 45, minBreakMinutes: 10, earliestStart: '08:00' } as const;

const timePattern = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "08:30" → 510; null when it is not a time of day "HH:MM". */
export const minutesOf = (time: string): number | null => {
  const m = timePattern.exec(time);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
};

/** 510 → "08:30". */
export const timeOf = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The lessons ordered by number. */
export const byNumber = <T extends { number: number }>(lessons: readonly T[]): T[] => [...lessons].sort((a, b) => a.number - b.number);

/**
 * The break before each lesson after the first (minutes; negative when lessons overlap), in the
 * order of numbers. Lessons with a time that is not "HH:MM" give null.
 */
export function breaksOf(lessons: readonly BellLesson[]): { number: number; minutes: number | null }[] {
  const sorted = byNumber(lessons);
  return sorted.slice(1).map((lesson, i) => {
    const prevEnd = minutesOf(sorted[i]!.endsAt);
    const start = minutesOf(lesson.startsAt);
    return { number: lesson.number, minutes: prevEnd === null || start === null ? null : start - prevEnd };
  });
}

/**
 * Problems of a bell schedule. Errors (the schedule is refused): no lessons, a number outside
 * 0–12 or repeated, a time that is not "HH:MM", a lesson ending before it starts or shorter than
 * 20 / longer than 90 minutes, a lesson starting before the previous one (by number) ended.
 * Warnings (saved, shown): a break under 10 minutes, a lesson over 45 minutes, a lesson 0,
 * a start before 8:00. Paths point into `lessons` by the index in the list given.
 */
export function bellScheduleIssues(lessons: readonly BellLesson[]): { errors: RegimeIssue[]; warnings: RegimeIssue[] } {
  const errors: RegimeIssue[] = [];
  const warnings: RegimeIssue[] = [];
  if (lessons.length === 0) {
    errors.push({ path: 'lessons', code: 'REQUIRED', message: 'Уроки: добавьте хотя бы один урок' });
    return { errors, warnings };
  }
  const seen = new Map<number, number>();
  /** Index in the list → start and end in minutes, for the lessons whose own fields are valid. */
  const valid: { index: number; number: number; start: number; end: number }[] = [];
  lessons.forEach((lesson, i) => {
    const at = `lessons.${i}`;
    let ok = true;
    if (!Number.isInteger(lesson.number) || lesson.number < lessonNumberRange.min || lesson.number > lessonNumberRange.max) {
      errors.push({ path: `${at}.number`, code: 'NUMBER_INVALID', message: `Номер урока: от ${lessonNumberRange.min} до ${lessonNumberRange.max}` });
      ok = false;
    } else if (seen.has(lesson.number)) {
      errors.push({ path: `${at}.number`, code: 'NUMBER_REPEATED', message: `Номер урока ${lesson.number} повторяется` });
      ok = false;
    } else {
      seen.set(lesson.number, i);
    }
    const start = minutesOf(lesson.startsAt);
    const end = minutesOf(lesson.endsAt);
    if (start === null) errors.push({ path: `${at}.startsAt`, code: 'TIME_INVALID', message: `Урок ${lesson.number}: начало — время вида 08:30` });
    if (end === null) errors.push({ path: `${at}.endsAt`, code: 'TIME_INVALID', message: `Урок ${lesson.number}: конец — время вида 09:15` });
    if (start === null || end === null) return;
    const length = end - start;
    if (length <= 0) {
      errors.push({ path: `${at}.endsAt`, code: 'ENDS_BEFORE_START', message: `Урок ${lesson.number}: конец должен быть позже начала` });
      return;
    }
    if (length < lessonMinutesRange.min || length > lessonMinutesRange.max) {
      errors.push({
        path: `${at}.endsAt`, code: 'LENGTH_INVALID',
        message: `Урок ${lesson.number} длится ${length} мин: допустимо от ${lessonMinutesRange.min} до ${lessonMinutesRange.max} минут`,
      });
      return;
    }
    if (length > sanpin.maxLessonMinutes) {
      warnings.push({ path: `${at}.endsAt`, code: 'LESSON_TOO_LONG', message: `Урок ${lesson.number} длится ${length} мин: по СанПиН не более ${sanpin.maxLessonMinutes} минут` });
    }
    if (ok) valid.push({ index: i, number: lesson.number, start, end });
  });

  const sorted = [...valid].sort((a, b) => a.number - b.number);
  for (let k = 1; k < sorted.length; k += 1) {
    const prev = sorted[k - 1]!;
    const cur = sorted[k]!;
    const gap = cur.start - prev.end;
    if (gap < 0) {
      errors.push({
        path: `lessons.${cur.index}.startsAt`, code: 'LESSONS_OVERLAP',
        message: `Урок ${cur.number} начинается раньше, чем закончился урок ${prev.number}`,
      });
    } else if (gap < sanpin.minBreakMinutes) {
      warnings.push({
        path: `lessons.${cur.index}.startsAt`, code: 'BREAK_TOO_SHORT',
        message: `Перемена перед уроком ${cur.number} — ${gap} мин: по СанПиН не менее ${sanpin.minBreakMinutes} минут`,
      });
    }
  }
  const first = sorted[0];
  if (first && first.number === 0) {
    warnings.push({ path: `lessons.${first.index}.number`, code: 'ZERO_LESSON', message: 'Нулевой урок: СанПиН его не допускает' });
  }
  const earliest = minutesOf(sanpin.earliestStart)!;
  if (first && first.start < earliest) {
    warnings.push({ path: `lessons.${first.index}.startsAt`, code: 'STARTS_TOO_EARLY', message: `Занятия начинаются в ${timeOf(first.start)}: по СанПиН не ранее ${sanpin.earliestStart}` });
  }
  return { errors, warnings };
}

// ---------------------------------------------------------------------------------------------
// Assignments

export type RegimeTarget =
  | { kind: 'school' }
  | { kind: 'class'; classId: string }
  | { kind: 'studyGroup'; studyGroupId: string }
  | { kind: 'student'; studentId: string };
export type RegimeTargetKind = RegimeTarget['kind'];

export type RegimeAssignment = {
  id: string;
  bellScheduleId: string;
  target: RegimeTarget;
  startsOn: string;
  /** Inclusive last day; null: open. */
  endsOn: string | null;
};

/** Who asks: a class, the study groups (streams) its student or lesson is in, one student. */
export type RegimeSubject = { classId?: string | null; studyGroupIds?: readonly string[]; studentId?: string | null };

/** Higher wins: a student's own (ИУП), then a group or stream, then the class, then the school. */
export const specificityOf: Record<RegimeTargetKind, number> = { school: 0, class: 1, studyGroup: 2, student: 3 };

export const isOpenOn = (a: { startsOn: string; endsOn: string | null }, date: string): boolean =>
  a.startsOn <= date && (a.endsOn === null || date <= a.endsOn);

export const sameTarget = (a: RegimeTarget, b: RegimeTarget): boolean => targetKey(a) === targetKey(b);

export const targetKey = (t: RegimeTarget): string => {
  switch (t.kind) {
    case 'school': return 'school';
    case 'class': return `class:${t.classId}`;
    case 'studyGroup': return `studyGroup:${t.studyGroupId}`;
    case 'student': return `student:${t.studentId}`;
  }
};

const appliesTo = (t: RegimeTarget, s: RegimeSubject): boolean => {
  switch (t.kind) {
    case 'school': return true;
    case 'class': return s.classId != null && t.classId === s.classId;
    case 'studyGroup': return (s.studyGroupIds ?? []).includes(t.studyGroupId);
    case 'student': return s.studentId != null && t.studentId === s.studentId;
  }
};

/**
 * The assignment in force on `date` for the subject: among the open ones that apply, the most
 * specific (student, group, class, school); between two equally specific ones (two streams of a
 * student) the one that started later, then the smaller id. Null: no schedule applies.
 */
export function regimeOn<A extends RegimeAssignment>(assignments: readonly A[], subject: RegimeSubject, date: string): A | null {
  let best: A | null = null;
  for (const a of assignments) {
    if (!isOpenOn(a, date) || !appliesTo(a.target, subject)) continue;
    if (best === null) { best = a; continue; }
    const d = specificityOf[a.target.kind] - specificityOf[best.target.kind];
    if (d > 0 || (d === 0 && (a.startsOn > best.startsOn || (a.startsOn === best.startsOn && a.id < best.id)))) best = a;
  }
  return best;
}

/** What assigning a schedule to a target from `startsOn` does to that target's assignments. */
export type AssignmentPlan = {
  /** Open on `startsOn` and started earlier: end the day before. */
  end: { id: string; endsOn: string }[];
  /** Started on `startsOn` exactly: replaced by the new one. */
  remove: string[];
  /** The new assignment's last day: the day before the target's next later assignment, or null. */
  endsOn: string | null;
};

const dayMs = 86_400_000;
export const addDays = (iso: string, days: number): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);

/**
 * Assigning from `startsOn`, given the target's own assignments (any years): the one open on
 * `startsOn` ends the day before (or is replaced when it starts that day); an assignment that
 * starts later stays and bounds the new one. The target's periods never overlap afterwards.
 */
export function assignmentPlan(existing: readonly { id: string; startsOn: string; endsOn: string | null }[], startsOn: string): AssignmentPlan {
  const end: AssignmentPlan['end'] = [];
  const remove: string[] = [];
  let next: string | null = null;
  for (const a of existing) {
    if (a.startsOn === startsOn) remove.push(a.id);
    else if (a.startsOn < startsOn) {
      if (a.endsOn === null || a.endsOn >= startsOn) end.push({ id: a.id, endsOn: addDays(startsOn, -1) });
    } else if (next === null || a.startsOn < next) next = a.startsOn;
  }
  return { end, remove, endsOn: next === null ? null : addDays(next, -1) };
}

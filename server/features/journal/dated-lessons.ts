// The timetable's lessons by date as the journal needs them (decision 018): the lessons source of
// one academic year (published versions × calendar × bells × the active dated changes touching a
// range), built from the lessons feature's queries the way its service does, so the journal finds
// one dated lesson to keep and the dated lessons of a term for its grid.
import { lessonAt, lessonsBetween, type DatedLesson, type LessonsSource, type LessonUnit } from '../../../domain/lessons-by-date';
import { academicYearBounds, academicYearOfDate } from '../../../domain/school-year';
import type { Queryable } from '../../db/client';
import * as lessonsRepo from '../lessons/lessons.repo';
import * as repo from './journal.repo';

/** The lessons source of a year with the changes touching `from`…`to`. */
export async function lessonsSource(db: Queryable, schoolId: string, academicYear: number, from: string, to: string): Promise<LessonsSource> {
  const bounds = academicYearBounds(academicYear);
  const [calendar, versions, classRows, groupRows, members, assignments, changes] = await Promise.all([
    lessonsRepo.findCalendar(db, schoolId, academicYear),
    lessonsRepo.publishedVersions(db, schoolId, academicYear),
    lessonsRepo.classesOfYear(db, schoolId, academicYear),
    lessonsRepo.groupsOfYear(db, schoolId, academicYear),
    lessonsRepo.classesOfMembers(db, schoolId, academicYear),
    lessonsRepo.regimeAssignmentsIn(db, schoolId, bounds.startsOn, bounds.endsOn),
    lessonsRepo.activeChangesTouching(db, schoolId, from, to),
  ]);
  const bellSchedules = await lessonsRepo.bellScheduleLessons(db, schoolId, assignments.map((a) => a.bellScheduleId));
  const gradeOf = new Map(classRows.map((c) => [c.id, c.grade]));
  const groupClasses = new Map<string, Set<string>>();
  for (const g of groupRows) groupClasses.set(g.id, new Set(g.classId ? [g.classId] : []));
  for (const m of members) groupClasses.get(m.studyGroupId)?.add(m.classId);
  const units = new Map<string, LessonUnit>();
  for (const c of classRows) units.set(c.id, { grades: [c.grade], regime: { classId: c.id } });
  for (const g of groupRows) {
    const classIds = [...(groupClasses.get(g.id) ?? [])].sort();
    const grades = [...new Set(classIds.map((id) => gradeOf.get(id)).filter((x): x is number => x !== undefined))];
    units.set(g.id, { grades, regime: { classId: g.classId ?? classIds[0] ?? null, studyGroupIds: [g.id] } });
  }
  return { calendar, versions, units, assignments, bellSchedules, changes };
}

/** One dated lesson by its identity (timetable lesson, the date the timetable gives it); null when the timetable does not hold it then. */
export async function datedLesson(db: Queryable, schoolId: string, timetableLessonId: string, date: string): Promise<DatedLesson | null> {
  const source = await lessonsSource(db, schoolId, academicYearOfDate(date), date, date);
  return lessonAt(source, timetableLessonId, date);
}

/**
 * The lessons held (not cancelled, not the empty slot of a moved one) from `from` to `to` of one
 * academic year for a subject and a class or a study group. Only that subject's and unit's
 * timetable lessons are read; bell times are left out (the journal shows lesson numbers).
 */
export async function heldLessonsOf(
  db: Queryable, schoolId: string, academicYear: number, from: string, to: string,
  target: { subjectId: string; classId: string | null; studyGroupId: string | null },
): Promise<DatedLesson[]> {
  const unit = { classId: target.classId, studyGroupId: target.studyGroupId };
  const [calendar, versions, changes, grades] = await Promise.all([
    lessonsRepo.findCalendar(db, schoolId, academicYear),
    repo.publishedVersionsOf(db, schoolId, academicYear, target.subjectId, unit),
    lessonsRepo.activeChangesTouching(db, schoolId, from, to),
    repo.unitGrades(db, schoolId, academicYear, unit),
  ]);
  const units = new Map<string, LessonUnit>([[target.classId ?? target.studyGroupId ?? '', {
    grades, regime: target.classId !== null ? { classId: target.classId } : { studyGroupIds: [target.studyGroupId!] },
  }]]);
  const source: LessonsSource = { calendar, versions, units, assignments: [], bellSchedules: new Map(), changes };
  return lessonsBetween(source, from, to).filter((l) => l.status === 'scheduled');
}

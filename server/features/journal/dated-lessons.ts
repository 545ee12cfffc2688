// The timetable's lessons by date as the journal needs them (decision 018): the lessons source of
// one subject for one class or group in an academic year (its published versions' lessons × the
// calendar × the active dated changes touching a range), so the journal finds one dated lesson to
// keep and the dated lessons of a term for its grid without computing the rest of the school.
// Bell times are left out: the journal shows lesson numbers.
import { lessonAt, lessonsBetween, type DatedLesson, type LessonsSource, type LessonUnit } from '../../../domain/lessons-by-date';
import { academicYearOfDate } from '../../../domain/school-year';
import type { Queryable } from '../../db/client';
import * as lessonsRepo from '../lessons/lessons.repo';
import * as repo from './journal.repo';

type Target = { subjectId: string; classId: string | null; studyGroupId: string | null };

async function sourceOf(db: Queryable, schoolId: string, academicYear: number, from: string, to: string, target: Target): Promise<LessonsSource> {
  const unit = { classId: target.classId, studyGroupId: target.studyGroupId };
  const [calendar, versions, changes, grades] = await Promise.all([
    lessonsRepo.findCalendar(db, schoolId, academicYear),
    repo.publishedVersionsOf(db, schoolId, academicYear, target.subjectId, unit),
    lessonsRepo.activeChangesTouching(db, schoolId, from, to),
    repo.gradesOf(db, schoolId, unit, { academicYear }),
  ]);
  const units = new Map<string, LessonUnit>([[target.classId ?? target.studyGroupId ?? '', {
    grades, regime: target.classId !== null ? { classId: target.classId } : { studyGroupIds: [target.studyGroupId!] },
  }]]);
  return { calendar, versions, units, assignments: [], bellSchedules: new Map(), changes };
}

/** One dated lesson by its identity (timetable lesson, the date the timetable gives it); null when the timetable does not hold it then. */
export async function datedLesson(db: Queryable, schoolId: string, timetableLessonId: string, date: string): Promise<DatedLesson | null> {
  const lesson = await lessonsRepo.findTimetableLesson(db, schoolId, timetableLessonId);
  if (!lesson) return null;
  const source = await sourceOf(db, schoolId, academicYearOfDate(date), date, date, lesson);
  return lessonAt(source, timetableLessonId, date);
}

/** The lessons held (not cancelled, not the empty slot of a moved one) from `from` to `to` of one academic year for a subject and a class or a study group. */
export async function heldLessonsOf(db: Queryable, schoolId: string, academicYear: number, from: string, to: string, target: Target): Promise<DatedLesson[]> {
  const source = await sourceOf(db, schoolId, academicYear, from, to, target);
  return lessonsBetween(source, from, to).filter((l) => l.status === 'scheduled');
}

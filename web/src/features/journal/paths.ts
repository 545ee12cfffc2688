// Addresses of the journal's pages, built in one place: the grid's search carries ids only, never
// a student's or teacher's name.
import type { GridTarget } from './api/journal';

export const lessonPath = (journalLessonId: string): string => `/journal/lessons/${encodeURIComponent(journalLessonId)}`;

export function gridPath(target: GridTarget): string {
  const s = new URLSearchParams();
  s.set('subjectId', target.subjectId);
  if (target.studyGroupId) s.set('studyGroupId', target.studyGroupId);
  else if (target.classId) s.set('classId', target.classId);
  if (target.periodId) s.set('periodId', target.periodId);
  return `/journal/grid?${s.toString()}`;
}

// What the placement of extracurricular and additional-education sessions (extracurricular.ts)
// needs from a school's year: their load rows, the classes of each group, the rooms that suit each
// subject, each class's week and shift; and the sessions a version still lacks.
import { weekLengthOf } from '../../../domain/calendar';
import type { Queryable } from '../../db/client';
import { findCalendar } from '../readiness/readiness.repo';
import { lessonKindOfSubject, outsideGridOf, placeSessions, type BusyLesson, type SessionLoad, type SessionPlacement } from './extracurricular';
import * as repo from './extracurricular.repo';
import type { YearProblem } from './problem';
import { roomsWithSubjects } from './problem.repo';
import { classesOfGroupMembers, groupsOfYear } from './versions.repo';

const initials = (l: Pick<repo.LoadWithKind, 'lastName' | 'firstName' | 'middleName'>): string =>
  [l.lastName, [l.firstName, l.middleName ?? ''].filter((p) => p.length > 0).map((p) => `${p[0]}.`).join(' ')].filter(Boolean).join(' ');

/** «Разговоры о важном — 5А (Петрова А. С.)». */
export const loadLabel = (l: repo.LoadWithKind): string =>
  `${l.subjectName} — ${l.classGrade !== null ? `${l.classGrade}${l.classLetter ?? ''}` : l.groupName ?? 'группа'} (${initials(l)})`;

export const sessionLoadOf = (l: repo.LoadWithKind): SessionLoad => ({
  id: l.id, subjectId: l.subjectId, employeeId: l.employeeId, classId: l.classId, studyGroupId: l.studyGroupId,
  hoursPerWeek: l.hoursPerWeek, kind: lessonKindOfSubject(l.subjectKind), label: loadLabel(l),
});

/** Per study group of the year: the classes its students are in (a subgroup: its class). */
export async function groupClassesOf(q: Queryable, schoolId: string, academicYear: number): Promise<Map<string, string[]>> {
  const [groups, members] = await Promise.all([groupsOfYear(q, schoolId, academicYear), classesOfGroupMembers(q, schoolId, academicYear)]);
  const out = new Map<string, string[]>();
  for (const g of groups) if (g.classId) out.set(g.id, [g.classId]);
  for (const m of members) if (!out.get(m.studyGroupId)?.includes(m.classId)) out.set(m.studyGroupId, [...(out.get(m.studyGroupId) ?? []), m.classId]);
  return out;
}

/** The sessions of the year's extracurricular and additional load rows placed around a version's lessons. */
export async function placeYearSessions(q: Queryable, schoolId: string, academicYear: number, year: Pick<YearProblem, 'refs'>,
  lessons: readonly BusyLesson[]): Promise<SessionPlacement> {
  const loads = await repo.sessionLoads(q, schoolId, academicYear);
  if (loads.length === 0) return { lessons: [], unplaced: [] };
  const [classesOfGroup, rooms, calendar] = await Promise.all([
    groupClassesOf(q, schoolId, academicYear), roomsWithSubjects(q, schoolId), findCalendar(q, schoolId, academicYear),
  ]);
  const roomsOfSubject = new Map<string, string[]>();
  for (const r of rooms) for (const s of r.subjectIds) roomsOfSubject.set(s, [...(roomsOfSubject.get(s) ?? []), r.id]);
  const { refs } = year;
  return placeSessions({
    loads: loads.map(sessionLoadOf), lessons, classesOfGroup, roomsOfSubject,
    daysOfClass: (classId) => {
      const grade = refs.gradeOfClass.get(classId);
      return calendar && grade !== undefined ? weekLengthOf(calendar, grade) : 5;
    },
    shiftStartOf: (classId) => refs.shifts.find((s) => s.shift === refs.shiftOfClass.get(classId))?.firstPeriod ?? 0,
  });
}

/** The hours of the year's session load rows a version's lessons do not hold. */
export async function outsideGridFor(q: Queryable, schoolId: string, academicYear: number,
  lessons: readonly { kind: string; teachingLoadId: string | null }[]): Promise<ReturnType<typeof outsideGridOf>> {
  const loads = await repo.sessionLoads(q, schoolId, academicYear);
  return loads.length === 0 ? [] : outsideGridOf(loads.map(sessionLoadOf), lessons);
}

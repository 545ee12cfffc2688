// Whether the teaching load of a year matches its curricula (SPEC B11): curriculum hours no teacher
// has, split lines without their subgroups, teachers over their load limit, load that matches no
// curriculum line. Gathers the input of domain/load-consistency.ts and names what it reports. The
// load page shows it and the readiness checklist asks `ok`.
import type { LoadConsistencyDto } from '../../../contracts/load';
import { loadConsistency, type ConsistencyClass, type ConsistencyGroup } from '../../../domain/load-consistency';
import type { Queryable } from '../../db/client';
import { classNameOf } from '../org/org.repo';
import * as repo from './load.repo';

export type LoadConsistency = Omit<LoadConsistencyDto, 'academicYear'>;

export const fullName = (p: { lastName: string; firstName: string; middleName: string | null }): string =>
  [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');

export async function loadConsistencyOf(db: Queryable, schoolId: string, academicYear: number): Promise<LoadConsistency> {
  const [classRows, lineRows, groupRows, streamRows, loads, teachers, subjectNames] = await Promise.all([
    repo.classesOfYear(db, schoolId, academicYear),
    repo.mainCurriculumLines(db, schoolId, academicYear),
    repo.groupsOfYear(db, schoolId, academicYear),
    repo.streamClasses(db, schoolId, academicYear),
    repo.listTeachingLoads(db, schoolId, { academicYear }),
    repo.loadTeachers(db, schoolId, academicYear),
    repo.subjectNames(db, schoolId),
  ]);

  // The effective main curriculum of a class: its own if it has one, else its grade's.
  const linesOf = (curriculumId: string) => lineRows.filter((l) => l.curriculumId === curriculumId && l.subjectId !== '')
    .map((l) => ({ subjectId: l.subjectId, hoursPerWeek: Number(l.hoursPerWeek), splitIntoGroups: l.splitIntoGroups }));
  const classes: ConsistencyClass[] = classRows.map((c) => {
    const own = lineRows.find((l) => l.classId === c.id);
    const grade = lineRows.find((l) => l.classId === null && l.grade === c.grade);
    const curriculum = own ?? grade;
    return { id: c.id, lines: curriculum ? linesOf(curriculum.curriculumId) : [] };
  });
  const groups: ConsistencyGroup[] = groupRows.map((g) => {
    if (g.kind === 'subgroup' && g.classId) return { id: g.id, kind: 'subgroup', classId: g.classId, subjectId: g.subjectId };
    if (g.kind === 'stream') return { id: g.id, kind: 'stream', classIds: streamRows.filter((s) => s.studyGroupId === g.id).map((s) => s.classId) };
    return { id: g.id, kind: 'activity' };
  });
  const report = loadConsistency({
    classes, groups,
    loads: loads.map((l) => ({
      id: l.id, employeeId: l.employeeId, subjectId: l.subjectId, classId: l.classId, studyGroupId: l.studyGroupId, hoursPerWeek: Number(l.hoursPerWeek),
    })),
    teachers: teachers.map((t) => ({ id: t.id, limitHours: t.loadLimitHours === null ? null : Number(t.loadLimitHours) })),
  });

  const className = new Map(classRows.map((c) => [c.id, classNameOf(c)]));
  const groupName = new Map(groupRows.map((g) => [g.id, g.name]));
  const teacherName = new Map(teachers.map((t) => [t.id, fullName(t)]));
  const loadById = new Map(loads.map((l) => [l.id, l]));
  const subject = (id: string) => subjectNames.get(id) ?? '';
  return {
    uncovered: report.uncovered.map((u) => ({
      ...u, className: className.get(u.classId) ?? '', subjectName: subject(u.subjectId), groupName: u.studyGroupId ? groupName.get(u.studyGroupId) ?? '' : null,
    })),
    unsplit: report.unsplit.map((u) => ({ ...u, className: className.get(u.classId) ?? '', subjectName: subject(u.subjectId) })),
    overLimit: report.overLimit.map((o) => ({ ...o, name: teacherName.get(o.employeeId) ?? '' })),
    unmatched: report.unmatched.map((u) => {
      const l = loadById.get(u.teachingLoadId)!;
      return {
        teachingLoadId: l.id, employeeId: l.employeeId, teacherName: fullName(l), subjectName: l.subjectName,
        targetName: l.classGrade !== null && l.classLetter !== null ? classNameOf({ grade: l.classGrade, letter: l.classLetter }) : l.groupName ?? '',
        hours: Number(l.hoursPerWeek), reason: u.reason,
      };
    }),
    ok: report.ok,
  };
}

// The readiness checklist of a school year: gathers the facts of every area for the year and
// lets domain/readiness.ts decide each item's status.
import { calendarIssues, schemeOf } from '../../../domain/calendar';
import { readinessOf, readinessProgress, type ReadinessFacts } from '../../../domain/readiness';
import { academicYearBounds } from '../../../domain/school-year';
import type { ReadinessDto } from '../../../contracts/readiness';
import type { Queryable } from '../../db/client';
import type { Access } from '../access/access.service';
import { loadConsistencyOf } from '../load/load.consistency';
import * as repo from './readiness.repo';

export async function readinessFactsOf(db: Queryable, schoolId: string, academicYear: number): Promise<ReadinessFacts> {
  const yearStart = academicYearBounds(academicYear).startsOn;
  const [yearClasses, activeRooms, activeSubjects, employeeCount, calendar, termSchedules, bellCount, formCount, policySaved, heads, subgroups, loads] =
    await Promise.all([
      repo.classesOfYear(db, schoolId, academicYear),
      repo.countActiveRooms(db, schoolId),
      repo.countActiveSubjects(db, schoolId),
      repo.countEmployees(db, schoolId),
      repo.findCalendar(db, schoolId, academicYear),
      repo.termSchedules(db, schoolId, academicYear),
      repo.countBellSchedules(db, schoolId, academicYear),
      repo.countActiveControlForms(db, schoolId),
      repo.hasMarkEntryPolicy(db, schoolId, academicYear),
      repo.mainCurricula(db, schoolId, academicYear),
      repo.subgroupsPerClassSubject(db, schoolId, academicYear),
      repo.countTeachingLoads(db, schoolId, academicYear),
    ]);
  const firstDay = calendar?.startsOn ?? yearStart;
  const [perClass, regimes, consistency] = await Promise.all([
    repo.studentsPerClass(db, schoolId, academicYear, firstDay < yearStart ? firstDay : yearStart),
    repo.regimesInForce(db, schoolId, academicYear, firstDay),
    loadConsistencyOf(db, schoolId, academicYear),
  ]);

  const grades = [...new Set(yearClasses.map((c) => c.grade))].sort((a, b) => a - b);
  const termGrades = new Set(termSchedules.filter((s) => s.periods.length > 0).flatMap((s) => s.grades));

  // The curriculum a class follows: its own when it has one, otherwise its grade's.
  const gradeCurriculum = new Map(heads.filter((h) => h.classId === null).map((h) => [h.grade, h]));
  const classCurriculum = new Map(heads.flatMap((h) => (h.classId === null ? [] : [[h.classId, h] as const])));
  const curriculumOf = (classId: string, grade: number) => classCurriculum.get(classId) ?? gradeCurriculum.get(grade) ?? null;
  const gradesWithoutCurriculum = grades.filter((g) => {
    const ofGrade = yearClasses.filter((c) => c.grade === g);
    return !ofGrade.every((c) => (curriculumOf(c.id, g)?.lines ?? 0) > 0);
  });

  const applied = new Map(yearClasses.flatMap((c) => {
    const head = curriculumOf(c.id, c.grade);
    return head ? [[c.id, head] as const] : [];
  }));
  const usedCurricula = [...new Set([...applied.values()].map((h) => h.id))];
  const lines = [...new Set(usedCurricula)].reduce((n, id) => n + (heads.find((h) => h.id === id)?.lines ?? 0), 0);
  const split = await repo.splitLines(db, schoolId, usedCurricula);
  const groupsMissing = yearClasses.flatMap((c) => {
    const head = applied.get(c.id);
    if (!head) return [];
    return split.filter((l) => l.curriculumId === head.id && (subgroups.get(`${c.id}:${l.subjectId}`) ?? 0) < 2)
      .map((l) => ({ className: c.name, subjectName: l.subjectName }));
  });

  return {
    rooms: { active: activeRooms },
    subjects: { active: activeSubjects },
    staff: { employees: employeeCount, classes: yearClasses.length, classesWithoutTeacher: yearClasses.filter((c) => c.classTeacherId === null).map((c) => c.name) },
    contingent: {
      classes: yearClasses.length,
      students: [...perClass.values()].reduce((a, b) => a + b, 0),
      emptyClasses: yearClasses.filter((c) => (perClass.get(c.id) ?? 0) === 0).map((c) => c.name),
    },
    calendar: {
      saved: calendar !== null,
      issues: calendar ? calendarIssues(calendar).length : 0,
      gradesWithoutTerms: calendar ? grades.filter((g) => schemeOf(calendar, g) === null) : grades,
    },
    regimes: {
      bellSchedules: bellCount,
      classes: yearClasses.length,
      classesWithoutRegime: regimes.schoolWide ? [] : yearClasses.filter((c) => !regimes.classIds.has(c.id)).map((c) => c.name),
    },
    controlForms: { active: formCount },
    periods: { schedules: termSchedules.filter((s) => s.periods.length > 0).length, gradesWithoutTerms: grades.filter((g) => !termGrades.has(g)) },
    policy: { saved: policySaved },
    curricula: { grades: grades.length, gradesWithoutCurriculum },
    groups: { lines, splitLines: split.length, missing: groupsMissing },
    load: {
      loads,
      ok: consistency.ok,
      uncovered: consistency.uncovered.length,
      unsplit: consistency.unsplit.length,
      overLimit: consistency.overLimit.length,
      unmatched: consistency.unmatched.length,
    },
  };
}

export function createReadinessService({ db }: { db: Queryable }) {
  return {
    async checklist(access: Access, query: { academicYear?: number | undefined }): Promise<ReadinessDto> {
      const academicYear = query.academicYear ?? access.actor.academicYear;
      const items = readinessOf(await readinessFactsOf(db, access.actor.schoolId, academicYear));
      return { academicYear, items, ...readinessProgress(items) };
    },
  };
}

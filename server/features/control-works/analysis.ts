// The element-wise analysis of a control work as the server keeps it: computed by
// domain/control-work.ts from the stored tasks and results over the students of the lesson it was
// held at (those without results are «не писал»), and stored on the work for reports.
import type { ControlWorkAnalysisDto } from '../../../contracts/control-works';
import { analyseControlWork, type PointsScale, type StudentPoints } from '../../../domain/control-work';
import type { Queryable } from '../../db/client';
import * as repo from './control-works.repo';

export type StoredAnalysis = Omit<ControlWorkAnalysisDto, 'controlWorkId'>;

/** Each student's points by task in the work's order (null: empty), from the stored results. */
export function pointsByStudent(tasks: readonly repo.TaskRow[], results: readonly repo.ResultRow[]): Map<string, (number | null)[]> {
  const index = new Map(tasks.map((t, i) => [t.id, i]));
  const out = new Map<string, (number | null)[]>();
  for (const r of results) {
    const i = index.get(r.taskId);
    if (i === undefined) continue;
    const row = out.get(r.studentId) ?? tasks.map(() => null);
    row[i] = Number(r.points);
    out.set(r.studentId, row);
  }
  return out;
}

/** The analysis of a work now: its results over `roster` (the lesson's students) and anyone else with results. */
export async function analysisOf(q: Queryable, work: repo.WorkRow, roster: readonly string[], computedAt: Date | null): Promise<StoredAnalysis> {
  const [tasks, results] = await Promise.all([repo.tasksOf(q, work.schoolId, [work.id]), repo.resultsOf(q, work.schoolId, work.id)]);
  const points = pointsByStudent(tasks, results);
  const students = [...new Set([...roster, ...points.keys()])];
  const rows: StudentPoints[] = students.map((studentId) => ({ studentId, points: points.get(studentId) ?? tasks.map(() => null) }));
  const analysis = analyseControlWork(
    tasks.map((t) => ({ id: t.id, label: t.label, maxPoints: t.maxPoints, contentElementCodes: t.contentElementCodes })),
    rows, work.pointsScale as PointsScale,
  );
  return { ...analysis, computedAt: computedAt?.toISOString() ?? null };
}

/** The students a work's analysis counts: those of its lesson on the lesson's date (or of its class or group on the planned date). */
export async function rosterOf(q: Queryable, work: repo.WorkRow): Promise<repo.StudentName[]> {
  const names = work.journalLessonId ? await repo.namesOf(q, work.schoolId, [work]) : null;
  const date = (work.journalLessonId && names?.lessons.get(work.journalLessonId)?.date) || work.plannedDate;
  return repo.studentsOn(q, work.schoolId, work, date);
}

/** Recomputes the analysis of a work with results and stores it (in the caller's transaction). */
export async function refreshAnalysis(q: Queryable, work: repo.WorkRow, now: Date): Promise<repo.WorkRow> {
  const roster = await rosterOf(q, work);
  const analysis = await analysisOf(q, work, roster.map((s) => s.id), now);
  return repo.setAnalysis(q, work.schoolId, work.id, analysis);
}

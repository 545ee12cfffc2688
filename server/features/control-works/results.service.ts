// Results of a control work (G4): the grid of a work's students × tasks, saved whole in one
// transaction. The work is bound to the journal lesson it was held at (the journal's
// ensureJournalLesson); who writes is the journal's rule for that lesson (its teacher or
// substitute, the administration with a reason), within the mark-entry window, for the students
// of the lesson on its date. Each changed point is audited ('controlWorkResult', old and new
// points); each student who wrote gets one mark per work in the work's form of control — created
// through the journal's writeMarks, given anew when the total's mark changes, removed when the row
// is emptied («не писал») — audited as marks; the analysis is stored on the work. A refusal
// leaves nothing behind.
import type { ControlWorkAnalysisDto, ControlWorkResultsDto, SaveControlWorkResultsBody } from '../../../contracts/control-works';
import { markFromPoints, totalPoints, type PointsScale } from '../../../domain/control-work';
import type { Db, Queryable } from '../../db/client';
import { appendAudits, type AuditEntry } from '../../lib/audit';
import type { Clock } from '../../lib/clock';
import { idempotent } from '../../lib/idempotency';
import type { Access } from '../access/access.service';
import {
  assertInLesson, assertMarkEntryOpen, ensureJournalLesson, journalWriter, lessonStudents, markSnapshot, writeMarks, type JournalLesson,
} from '../journal/lesson-access';
import { analysisOf, pointsByStudent, rosterOf } from './analysis';
import * as repo from './control-works.repo';
import { conflict, invalid, ruDate, staleVersion, versionOfIfMatch, workNotFound, type ControlWorksService, type Reach } from './control-works.service';

type FieldIssue = { path: string; code: string; message: string };

const fullName = (s: repo.StudentName): string => [s.lastName, s.firstName].join(' ');
const pointsText = (p: number): string => (Math.round(p * 10) / 10).toFixed(1);
const ruPoints = (p: number): string => String(p).replace('.', ',');
const pointsWord = (n: number): string => {
  const [tens, ones] = [n % 100, n % 10];
  if (tens >= 11 && tens <= 14) return 'баллов';
  return ones === 1 ? 'балл' : ones >= 2 && ones <= 4 ? 'балла' : 'баллов';
};

export function createControlWorkResultsService({ db, clock, works }: { db: Db; clock: Clock; works: ControlWorksService }) {
  /** A work whose results the caller reads: 404 otherwise, as for a missing one. */
  async function withResults(q: Queryable, reach: Reach, id: string, forUpdate = false) {
    const found = await works.readable(q, reach, id, forUpdate);
    if (!works.readsResults(reach, found.work, found.names)) workNotFound();
    return found;
  }

  async function resultsDto(q: Queryable, reach: Reach, work: repo.WorkRow): Promise<ControlWorkResultsDto> {
    const schoolId = work.schoolId;
    const [dto, tasks, results, marks, roster] = await Promise.all([
      works.dtoOf(q, reach, work), repo.tasksOf(q, schoolId, [work.id]), repo.resultsOf(q, schoolId, work.id),
      repo.marksOfWork(q, schoolId, work.id), rosterOf(q, work),
    ]);
    const points = pointsByStudent(tasks, results);
    const known = new Set(roster.map((s) => s.id));
    // A student who left the class keeps the results they wrote: they stay in the grid.
    const left = await repo.studentNames(q, schoolId, [...points.keys()].filter((id) => !known.has(id)));
    const markOf = new Map(marks.map((m) => [m.studentId, m]));
    const rows = [...roster, ...left.sort((a, b) => fullName(a).localeCompare(fullName(b), 'ru'))].map((s) => {
      const p = points.get(s.id) ?? tasks.map(() => null);
      const written = p.some((x) => x !== null);
      const total = written ? totalPoints(p) : null;
      const mark = markOf.get(s.id);
      return {
        studentId: s.id, name: fullName(s), points: p, total,
        mark: mark?.value ? Number(mark.value) : total === null ? null : markFromPoints(total, work.pointsScale as PointsScale),
        markId: mark?.id ?? null,
      };
    });
    return { work: dto, rows };
  }

  async function get(access: Access, id: string): Promise<ControlWorkResultsDto> {
    const reach = await works.reachOf(access);
    const { work } = await withResults(db, reach, id);
    return resultsDto(db, reach, work);
  }

  async function analysis(access: Access, id: string): Promise<ControlWorkAnalysisDto> {
    const reach = await works.reachOf(access);
    const { work } = await withResults(db, reach, id);
    const stored = work.analysis as Omit<ControlWorkAnalysisDto, 'controlWorkId'> | null;
    if (stored) return { ...stored, controlWorkId: work.id };
    const roster = await rosterOf(db, work);
    return { ...await analysisOf(db, work, roster.map((s) => s.id), null), controlWorkId: work.id };
  }

  /** 400 for the shape of the grid: a row per task, no student twice, points within each task's max (naming the student and the task). */
  async function gridIssues(q: Queryable, schoolId: string, tasks: readonly repo.TaskRow[], rows: SaveControlWorkResultsBody['rows']): Promise<FieldIssue[]> {
    const names = new Map((await repo.studentNames(q, schoolId, rows.map((r) => r.studentId))).map((s) => [s.id, fullName(s)]));
    const issues: FieldIssue[] = [];
    const seen = new Set<string>();
    rows.forEach((row, i) => {
      const who = names.get(row.studentId) ?? `Строка ${i + 1}`;
      if (seen.has(row.studentId)) issues.push({ path: `rows.${i}.studentId`, code: 'STUDENT_REPEATED', message: `${who}: ученик указан дважды` });
      seen.add(row.studentId);
      if (row.points.length !== tasks.length) {
        issues.push({ path: `rows.${i}.points`, code: 'POINTS_COUNT', message: `${who}: нужны баллы по каждому из ${tasks.length} заданий (пустое — null)` });
        return;
      }
      row.points.forEach((p, j) => {
        const task = tasks[j]!;
        if (p !== null && p > task.maxPoints) {
          issues.push({
            path: `rows.${i}.points.${j}`, code: 'POINTS_OVER_MAX',
            message: `${who}, задание ${task.label}: ${ruPoints(p)} — больше максимума (${task.maxPoints} ${pointsWord(task.maxPoints)})`,
          });
        }
      });
    });
    return issues;
  }

  /**
   * Saves the grid. With an `Idempotency-Key` (lib/idempotency.ts) a retry of the same request —
   * the same body and If-Match — gets the first answer again and writes nothing.
   */
  async function save(
    access: Access, id: string, body: SaveControlWorkResultsBody, ifMatch: string | string[] | undefined, retry: { key: string | undefined; route: string },
  ): Promise<ControlWorkResultsDto> {
    const expected = versionOfIfMatch(ifMatch);
    const reach = await works.reachOf(access);
    const { actor } = access;
    const schoolId = actor.schoolId;
    const scope = { accountId: actor.accountId, schoolId, key: retry.key, route: retry.route, request: { body, ifMatch: expected }, now: clock.now() };
    const answer = await idempotent(db, scope, async (tx) => ({ status: 200, body: await saveIn(tx, reach, id, body, expected) }));
    return answer.body;
  }

  async function saveIn(tx: Queryable, reach: Reach, id: string, body: SaveControlWorkResultsBody, expected: number): Promise<ControlWorkResultsDto> {
    const access = reach.access;
    const { actor } = access;
    const schoolId = actor.schoolId;
    const { work, names } = await works.readable(tx, reach, id, true);
    if (work.version !== expected) throw staleVersion(await works.dtoOf(tx, reach, work, names), work.version);
    const tasks = await repo.tasksOf(tx, schoolId, [work.id]);
    const issues = await gridIssues(tx, schoolId, tasks, body.rows);
    if (issues.length > 0) throw invalid(issues);

    // The lesson it was held at.
    const [results, marks] = await Promise.all([repo.resultsOf(tx, schoolId, work.id), repo.marksOfWork(tx, schoolId, work.id)]);
    const ref = body.lesson ?? (work.journalLessonId ? { journalLessonId: work.journalLessonId } : null);
    if (!ref) throw conflict('LESSON_REQUIRED', 'Выберите урок, на котором писали работу');
    const lesson = await ensureJournalLesson(tx, schoolId, ref, actor.accountId);
    if (lesson.subjectId !== work.subjectId || lesson.classId !== work.classId || lesson.studyGroupId !== work.studyGroupId) {
      throw conflict('LESSON_NOT_OF_WORK', 'Этот урок — другого предмета, класса или группы, чем контрольная работа', { path: 'lesson' });
    }
    if (work.journalLessonId !== null && work.journalLessonId !== lesson.id && results.length > 0) {
      throw conflict('CONTROL_WORK_LESSON_FIXED', 'Результаты уже внесены за другой урок: чтобы перенести работу, сначала очистите результаты', { path: 'lesson' });
    }
    const writer = await journalWriter(tx, access, schoolId, lesson, { reason: body.reason ?? null });
    await assertMarkEntryOpen(tx, schoolId, lesson, actor.today, { ignoreWindow: writer.administration });
    const students = await lessonStudents(tx, schoolId, lesson);
    assertInLesson(students, body.rows.map((r, i) => ({ studentId: r.studentId, path: `rows.${i}.studentId` })), lesson.date);

    const now = clock.now();
    const audit = (e: Pick<AuditEntry, 'entityType' | 'entityId' | 'action' | 'studentId' | 'old' | 'new'>): AuditEntry => ({
      schoolId, actorAccountId: writer.actorAccountId, actorRole: writer.actorRole, journalLessonId: lesson.id, reason: writer.reason, at: now, ...e,
    });
    const audits: AuditEntry[] = [];
    const resultOf = new Map(results.map((r) => [`${r.studentId}|${r.taskId}`, r]));
    const inserts: { studentId: string; task: repo.TaskRow; points: number }[] = [];
    const removed: string[] = [];
    for (const row of body.rows) {
      for (const [j, task] of tasks.entries()) {
        const old = resultOf.get(`${row.studentId}|${task.id}`);
        const next = row.points[j] ?? null;
        const oldPoints = old ? Number(old.points) : null;
        if (old && next === null) {
          removed.push(old.id);
          audits.push(audit({ entityType: 'controlWorkResult', entityId: old.id, action: 'delete', studentId: row.studentId, old: { controlWorkId: work.id, taskId: task.id, label: task.label, points: oldPoints }, new: null }));
        } else if (old && next !== null && oldPoints !== next) {
          await repo.updateResult(tx, schoolId, old.id, pointsText(next), actor.accountId, now);
          audits.push(audit({
            entityType: 'controlWorkResult', entityId: old.id, action: 'update', studentId: row.studentId,
            old: { controlWorkId: work.id, taskId: task.id, label: task.label, points: oldPoints }, new: { controlWorkId: work.id, taskId: task.id, label: task.label, points: next },
          }));
        } else if (!old && next !== null) {
          inserts.push({ studentId: row.studentId, task, points: next });
        }
      }
    }
    await repo.deleteResults(tx, schoolId, removed);
    const inserted = await repo.insertResults(tx, inserts.map((r) => ({
      schoolId, controlWorkId: work.id, taskId: r.task.id, studentId: r.studentId, points: pointsText(r.points), createdBy: actor.accountId, updatedAt: now,
    })));
    inserted.forEach((r, i) => {
      const task = inserts[i]!.task;
      audits.push(audit({ entityType: 'controlWorkResult', entityId: r.id, action: 'create', studentId: r.studentId, old: null, new: { controlWorkId: work.id, taskId: task.id, label: task.label, points: Number(r.points) } }));
    });

    // One mark per student per work, in the journal.
    await writeWorkMarks(tx, { work, lesson, tasks, rows: body.rows, marks, writer, today: actor.today, now, audit, audits });
    await appendAudits(tx, audits);

    const updated = await repo.updateWork(tx, schoolId, work.id, { journalLessonId: lesson.id, plannedDate: lesson.date }, now);
    const stored = await analysisOf(tx, updated, students.map((s) => s.id), now);
    const withAnalysis = await repo.setAnalysis(tx, schoolId, work.id, stored);
    return resultsDto(tx, reach, withAnalysis);
  }

  type MarkStep = {
    work: repo.WorkRow; lesson: JournalLesson; tasks: readonly repo.TaskRow[]; rows: SaveControlWorkResultsBody['rows']; marks: readonly repo.MarkRow[];
    writer: Awaited<ReturnType<typeof journalWriter>>; today: string; now: Date;
    audit: (e: Pick<AuditEntry, 'entityType' | 'entityId' | 'action' | 'studentId' | 'old' | 'new'>) => AuditEntry; audits: AuditEntry[];
  };

  /** Creates, gives anew or removes the marks of the rows saved. */
  async function writeWorkMarks(tx: Queryable, s: MarkStep): Promise<void> {
    const { work, lesson, writer } = s;
    const markOf = new Map(s.marks.map((m) => [m.studentId, m]));
    const codes = [...new Set(s.tasks.flatMap((t) => t.contentElementCodes))];
    const fresh: { studentId: string; value: number }[] = [];
    const gone: repo.MarkRow[] = [];
    for (const row of s.rows) {
      const existing = markOf.get(row.studentId);
      if (!row.points.some((p) => p !== null)) {
        if (existing) gone.push(existing);
        continue;
      }
      const mark = markFromPoints(totalPoints(row.points), work.pointsScale as PointsScale);
      if (!existing) fresh.push({ studentId: row.studentId, value: mark });
      else if (existing.value !== String(mark)) {
        const changed = await repo.updateWorkMark(tx, work.schoolId, existing.id, { value: String(mark), fivePoint: String(mark) }, s.now);
        s.audits.push(s.audit({ entityType: 'mark', entityId: existing.id, action: 'update', studentId: row.studentId, old: markSnapshot(existing), new: markSnapshot(changed) }));
      }
    }
    await repo.deleteWorkMarks(tx, work.schoolId, gone.map((m) => m.id));
    for (const m of gone) s.audits.push(s.audit({ entityType: 'mark', entityId: m.id, action: 'delete', studentId: m.studentId, old: markSnapshot(m), new: null }));
    await writeMarks(tx, { schoolId: work.schoolId, writer, today: s.today, now: s.now, path: 'marks' }, lesson, fresh.map((f) => ({
      studentId: f.studentId, controlFormId: work.controlFormId, value: f.value, contentElementCodes: codes, controlWorkId: work.id,
      comment: `${work.title} (${ruDate(lesson.date)})`,
    })));
  }

  return { get, save, analysis };
}

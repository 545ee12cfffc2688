// Rules of homework, students' work and lesson materials (SPEC D1, D3). Who writes a lesson's
// materials and homework is the journal's rule (`journalWriter`: the lesson's teacher or
// substitute, or the administration with a reason); a homework change is audited. A student
// submits for homework of a lesson they are in; the lesson's teacher returns or checks the work,
// and a mark goes to the journal through `writeMarks` with every rule of marks. Files are uploaded
// unattached by their author and attached by id; they are read by whoever may read what they are
// attached to. The route has authorised the caller for the resource.
import type { Readable } from 'node:stream';
import { uuidv7 } from 'uuidv7';
import { addDays } from '../../../domain/calendar';
import type {
  CheckWorkBody, CreateHomeworkBody, CreateMaterialBody, FileDto, FileRulesDto, HomeworkDto, HomeworkListDto, HomeworkRangeQuery,
  MaterialDto, MaterialListDto, ReturnWorkBody, StudentHomeworkListDto, StudentHomeworkQuery, SubmissionDto, SubmissionRosterDto,
  SubmitWorkBody, UpdateHomeworkBody,
} from '../../../contracts/homework';
import type { Config } from '../../config';
import type { Db, Queryable } from '../../db/client';
import { appendAudit } from '../../lib/audit';
import { AppError, notFound } from '../../lib/errors';
import { localDateOf } from '../../lib/local-date';
import { checkFileKind, cleanFileName, fileTooLarge, mimeTypeOf, type FileKind, type FileStore } from '../../lib/storage';
import type { Clock } from '../../lib/clock';
import type { Access, AccessService, Actor } from '../access/access.service';
import {
  adminWriterRole, ensureJournalLesson, journalWriter, lessonStudents, ruDate, teachesLesson, writeMarks, type JournalLesson,
} from '../journal/lesson-access';
import { createLessonsService } from '../lessons/lessons.service';
import * as repo from './homework.repo';

type FieldIssue = { path: string; code: string; message: string };
const invalid = (issues: FieldIssue[]): AppError => new AppError('VALIDATION_FAILED', 400, issues[0]?.message ?? 'Неверные данные', issues);
const conflict = (code: string, message: string, details?: unknown): AppError => new AppError(code, 409, message, details);
const homeworkNotFound = (): never => notFound('HOMEWORK_NOT_FOUND', 'Домашнее задание не найдено');
const submissionNotFound = (): never => notFound('SUBMISSION_NOT_FOUND', 'Работа не найдена');
const fileNotFound = (): never => notFound('FILE_NOT_FOUND', 'Файл не найден');
const lessonNotFound = (): never => notFound('JOURNAL_LESSON_NOT_FOUND', 'Урок журнала не найден');

/** The version an edit names: `If-Match: "3"` (or 3, W/"3"); missing → 428. */
export function versionOfIfMatch(header: string | string[] | undefined, what: string): number {
  const raw = Array.isArray(header) ? header[0] : header;
  const m = raw?.trim().match(/^(?:W\/)?"?(\d{1,9})"?$/);
  if (!m) throw new AppError('VERSION_REQUIRED', 428, `Нужен заголовок If-Match с номером версии (поле version) ${what}, которое вы меняете`);
  return Number(m[1]);
}
const stale = (what: string, current: unknown): AppError =>
  new AppError('VERSION_STALE', 412, `${what} уже изменили: обновите страницу и повторите`, { current });

type PersonName = { lastName: string; firstName: string; middleName: string | null };
const fullName = (p: PersonName | undefined): string => (p ? [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ') : '');

export type HomeworkServiceDeps = { db: Db; access: AccessService; clock: Clock; store: FileStore; files: Config['files'] };

export function createHomeworkService({ db, access: accessService, clock, store, files: fileRules }: HomeworkServiceDeps) {
  const lessons = createLessonsService({ db, access: accessService, clock });

  // --- Who reads a lesson and a student's work ---------------------------------------------------

  /** Whether one scope of the caller reaches the lesson (its students for a student's or parent's scope). */
  async function reachesLesson(tx: Queryable, access: Access, lesson: JournalLesson): Promise<boolean> {
    if (access.wholeSchool) return true;
    const { actor } = access;
    for (const scope of access.scopes) {
      const one: Access = { ...access, scopes: [scope] };
      switch (scope) {
        case 'taught':
          if (teachesLesson(actor, lesson) || await repo.teachesUnit(tx, actor.schoolId, actor.links.employeeIds, lesson)) return true;
          break;
        case 'ownClass': {
          const [classes, groups] = await Promise.all([accessService.visible(one, 'class'), accessService.visible(one, 'studyGroup')]);
          if ((lesson.classId && reachesId(classes, lesson.classId)) || (lesson.studyGroupId && reachesId(groups, lesson.studyGroupId))) return true;
          break;
        }
        case 'self':
        case 'children': {
          const mine = await accessService.visible(one, 'student');
          if ((await lessonStudents(tx, actor.schoolId, lesson)).some((s) => reachesId(mine, s.id))) return true;
          break;
        }
        default:
          break;
      }
    }
    return false;
  }

  /** The students of a lesson whose work the caller may read: all for staff who reach the lesson, else their own or their children. */
  async function readableStudents(tx: Queryable, access: Access, lesson: JournalLesson): Promise<{ all: boolean; ids: Set<string> }> {
    if (access.wholeSchool) return { all: true, ids: new Set() };
    const ids = new Set<string>();
    for (const scope of access.scopes) {
      const one: Access = { ...access, scopes: [scope] };
      if (scope === 'self' || scope === 'children') {
        const v = await accessService.visible(one, 'student');
        if (!v.all) for (const id of v.ids) ids.add(id);
      } else if (await reachesLesson(tx, one, lesson)) {
        return { all: true, ids };
      }
    }
    return { all: false, ids };
  }

  async function readableLesson(tx: Queryable, access: Access, journalLessonId: string): Promise<JournalLesson> {
    const lesson = await ensureJournalLesson(tx, access.actor.schoolId, { journalLessonId }, null);
    if (!await reachesLesson(tx, access, lesson)) lessonNotFound();
    return lesson;
  }

  /** Whether the caller may write the lesson's materials and homework (for a page to show the buttons). */
  const mayWriteLesson = (actor: Actor, lesson: JournalLesson): boolean =>
    accessService.can(actor, 'journal', 'write') && ((teachesLesson(actor, lesson) && actor.roles.some((r) => r === 'subjectTeacher' || r === 'classTeacher')) || adminWriterRole(actor) !== null);

  // --- Files -----------------------------------------------------------------------------------------

  const fileDto = (f: repo.FileRow): FileDto => ({ id: f.id, name: f.name, mimeType: f.mimeType, sizeBytes: f.sizeBytes, createdAt: f.createdAt.toISOString() });

  const rules = (): FileRulesDto => ({ maxBytes: fileRules.maxBytes, extensions: [...fileRules.kinds] });

  /** Stores an upload of someone who may write lessons or submit work; the file stays unattached until named by id. */
  async function upload(actor: Actor, rawName: string | undefined, body: Readable, contentLength: number | null): Promise<FileDto> {
    if (!accessService.can(actor, 'journal', 'write') && !accessService.can(actor, 'submission', 'write')) {
      body.resume();
      throw new AppError('FORBIDDEN', 403, 'Загружать файлы могут учителя (к урокам) и ученики (к своим работам)');
    }
    let name = '';
    try {
      name = cleanFileName(decodeURIComponent(rawName ?? ''));
    } catch {
      name = '';
    }
    if (name === '') {
      body.resume();
      throw invalid([{ path: 'x-file-name', code: 'FILE_NAME_REQUIRED', message: 'Имя файла: передайте его в заголовке X-File-Name (в кодировке encodeURIComponent)' }]);
    }
    if (contentLength !== null && contentLength > fileRules.maxBytes) {
      body.resume();
      throw fileTooLarge(fileRules.maxBytes);
    }
    let kind: FileKind | null = null;
    const stored = await store.put(actor.schoolId, body, {
      maxBytes: fileRules.maxBytes,
      check: (head) => {
        if (head.length === 0) throw invalid([{ path: 'body', code: 'FILE_EMPTY', message: 'Файл пустой' }]);
        kind = checkFileKind(name, head, fileRules.kinds);
      },
    });
    const row = await repo.insertFile(db, {
      schoolId: actor.schoolId, name, mimeType: mimeTypeOf[kind!], sizeBytes: stored.sizeBytes, sha256: stored.sha256,
      storageKey: stored.key, createdBy: actor.accountId,
    });
    return fileDto(row);
  }

  /** A file and its bytes for whoever may read what it is attached to (its uploader while unattached). */
  async function download(actor: Actor, fileId: string): Promise<{ file: repo.FileRow; body: Readable }> {
    const file = await repo.findFile(db, actor.schoolId, fileId) ?? fileNotFound();
    if (!await mayReadFile(actor, file)) fileNotFound();
    const body = await store.get(file.storageKey);
    if (!body) throw new AppError('FILE_MISSING', 410, 'Файл утерян в хранилище: загрузите его заново');
    return { file, body };
  }

  const tryAccess = (actor: Actor, resource: 'journal' | 'submission'): Access | null =>
    accessService.can(actor, resource, 'read') ? accessService.accessOf(actor, resource, 'read') : null;

  async function mayReadFile(actor: Actor, file: repo.FileRow): Promise<boolean> {
    if (file.ownerType === null || file.ownerId === null) return file.createdBy === actor.accountId;
    const schoolId = actor.schoolId;
    if (file.ownerType === 'submission') {
      const access = tryAccess(actor, 'submission');
      const sub = await repo.findSubmission(db, schoolId, file.ownerId);
      if (!access || !sub) return false;
      const hw = await repo.findHomework(db, schoolId, sub.homeworkId);
      if (!hw) return false;
      const lesson = await ensureJournalLesson(db, schoolId, { journalLessonId: hw.journalLessonId }, null);
      const readable = await readableStudents(db, access, lesson);
      return readable.all || readable.ids.has(sub.studentId);
    }
    const access = tryAccess(actor, 'journal');
    if (!access) return false;
    let journalLessonId: string | null = null;
    if (file.ownerType === 'homework') journalLessonId = (await repo.findHomework(db, schoolId, file.ownerId))?.journalLessonId ?? null;
    else {
      journalLessonId = (await repo.findMaterialById(db, schoolId, file.ownerId))?.journalLessonId ?? null;
    }
    if (!journalLessonId) return false;
    const lesson = await ensureJournalLesson(db, schoolId, { journalLessonId }, null);
    return reachesLesson(db, access, lesson);
  }

  /**
   * Makes `fileIds` the files of an owner: new ones must be the caller's unattached uploads (or
   * already this owner's); the owner's files left out are deleted. Answers the storage keys to
   * remove once the transaction is committed.
   */
  async function setFiles(
    tx: Queryable, actor: Actor, fileIds: readonly string[], ownerType: repo.OwnerType, ownerId: string, pathOf = (i: number) => `fileIds.${i}`,
  ): Promise<string[]> {
    const schoolId = actor.schoolId;
    const [given, current] = await Promise.all([repo.filesByIds(tx, schoolId, fileIds), repo.filesOfOwners(tx, schoolId, ownerType, [ownerId])]);
    const byId = new Map(given.map((f) => [f.id, f]));
    const issues: FieldIssue[] = [];
    fileIds.forEach((id, i) => {
      const f = byId.get(id);
      const mine = f && ((f.ownerType === ownerType && f.ownerId === ownerId) || (f.ownerType === null && f.createdBy === actor.accountId));
      if (!mine) issues.push({ path: pathOf(i), code: 'FILE_NOT_AVAILABLE', message: 'Файл не найден: загрузите его заново' });
    });
    if (issues.length > 0) throw invalid(issues);
    await repo.attachFiles(tx, schoolId, fileIds.filter((id) => byId.get(id)!.ownerType === null), ownerType, ownerId);
    const keep = new Set(fileIds);
    return repo.deleteFiles(tx, schoolId, current.filter((f) => !keep.has(f.id)).map((f) => f.id));
  }

  /** Removes bytes no row uses any more, after the transaction that dropped the rows. */
  async function dropStored(keys: readonly string[]): Promise<void> {
    for (const key of keys) await store.delete(key);
  }

  // --- Materials -------------------------------------------------------------------------------------

  function materialDto(m: repo.MaterialRow, filesById: Map<string, repo.FileRow>): MaterialDto {
    const file = m.fileId ? filesById.get(m.fileId) : undefined;
    return {
      id: m.id, journalLessonId: m.journalLessonId, kind: m.kind as 'link' | 'file', title: m.title, url: m.url,
      file: file ? fileDto(file) : null, position: m.position, createdAt: m.createdAt.toISOString(),
    };
  }

  async function listMaterials(access: Access, journalLessonId: string): Promise<MaterialListDto> {
    const lesson = await readableLesson(db, access, journalLessonId);
    const rows = await repo.materialsOfLesson(db, access.actor.schoolId, lesson.id);
    const fileRows = await repo.filesByIds(db, access.actor.schoolId, rows.flatMap((m) => (m.fileId ? [m.fileId] : [])));
    return { items: rows.map((m) => materialDto(m, new Map(fileRows.map((f) => [f.id, f])))), canWrite: mayWriteLesson(access.actor, lesson) };
  }

  async function addMaterial(access: Access, journalLessonId: string, body: CreateMaterialBody): Promise<MaterialDto> {
    const { actor } = access;
    const schoolId = actor.schoolId;
    // Access is checked before the transaction: the access service reads outside it (PGlite has one connection).
    const lesson = await readableLesson(db, access, journalLessonId);
    return db.transaction(async (tx) => {
      const writer = await journalWriter(tx, access, schoolId, lesson, { reason: body.reason ?? null });
      const id = uuidv7();
      let file: repo.FileRow | undefined;
      if (body.kind === 'file') {
        await setFiles(tx, actor, [body.fileId], 'lessonMaterial', id, () => 'fileId');
        [file] = await repo.filesByIds(tx, schoolId, [body.fileId]);
      }
      const row = await repo.insertMaterial(tx, {
        schoolId, id, journalLessonId: lesson.id, kind: body.kind,
        title: body.kind === 'link' ? body.title : (body.title?.trim() || file!.name),
        url: body.kind === 'link' ? body.url : null, fileId: body.kind === 'file' ? body.fileId : null, createdBy: writer.actorAccountId,
      });
      return materialDto(row, new Map(file ? [[file.id, file]] : []));
    });
  }

  async function removeMaterial(access: Access, journalLessonId: string, materialId: string, reason: string | undefined): Promise<void> {
    const { actor } = access;
    const schoolId = actor.schoolId;
    const lesson = await readableLesson(db, access, journalLessonId);
    const keys = await db.transaction(async (tx) => {
      const material = await repo.findMaterial(tx, schoolId, lesson.id, materialId) ?? notFound('MATERIAL_NOT_FOUND', 'Материал урока не найден');
      await journalWriter(tx, access, schoolId, lesson, { reason: reason ?? null });
      await repo.deleteMaterial(tx, schoolId, material.id);
      return material.fileId ? repo.deleteFiles(tx, schoolId, [material.fileId]) : [];
    });
    await dropStored(keys);
  }

  // --- Homework ---------------------------------------------------------------------------------------

  async function homeworkDtos(tx: Queryable, actor: Actor, items: readonly { homework: repo.HomeworkRow; lesson: JournalLesson }[], withCounts: (lesson: JournalLesson) => boolean): Promise<HomeworkDto[]> {
    const schoolId = actor.schoolId;
    const ids = items.map((i) => i.homework.id);
    const counted = items.filter((i) => withCounts(i.lesson));
    const [names, attachments, counts, rosters] = await Promise.all([
      repo.namesOfLessons(tx, schoolId, items.map((i) => i.lesson)),
      repo.filesOfOwners(tx, schoolId, 'homework', ids),
      repo.submissionCounts(tx, schoolId, counted.map((i) => i.homework.id)),
      Promise.all(counted.map(async (i) => [i.lesson.id, (await lessonStudents(tx, schoolId, i.lesson)).length] as const)),
    ]);
    const rosterSize = new Map(rosters);
    return items.map(({ homework: h, lesson: l }) => ({
      id: h.id,
      lesson: {
        id: l.id, date: l.date, lessonNumber: l.lessonNumber,
        subject: { id: l.subjectId, name: names.subjects.get(l.subjectId) ?? 'Предмет' },
        class: l.classId ? { id: l.classId, name: names.classes.get(l.classId) ?? 'Класс' } : null,
        studyGroup: l.studyGroupId ? { id: l.studyGroupId, name: names.groups.get(l.studyGroupId) ?? 'Группа' } : null,
      },
      text: h.text, dueDate: h.dueDate, requiresSubmission: h.requiresSubmission,
      attachments: attachments.filter((f) => f.ownerId === h.id).map(fileDto),
      version: h.version, createdAt: h.createdAt.toISOString(), updatedAt: h.updatedAt.toISOString(),
      counts: rosterSize.has(l.id)
        ? { students: rosterSize.get(l.id)!, submitted: counts.get(h.id)?.submitted ?? 0, checked: counts.get(h.id)?.checked ?? 0 }
        : null,
    }));
  }

  /** Staff who reach the lesson see the counts of works; students and parents do not. */
  const staffView = (access: Access) => (): boolean => access.wholeSchool || access.scopes.some((s) => s === 'taught' || s === 'ownClass');

  async function listOfLesson(access: Access, journalLessonId: string): Promise<HomeworkListDto> {
    const lesson = await readableLesson(db, access, journalLessonId);
    const rows = await repo.homeworkOfLesson(db, access.actor.schoolId, lesson.id);
    return { items: await homeworkDtos(db, access.actor, rows.map((h) => ({ homework: h, lesson })), staffView(access)), canWrite: mayWriteLesson(access.actor, lesson) };
  }

  async function listOfUnit(access: Access, q: HomeworkRangeQuery): Promise<HomeworkListDto> {
    if ((q.classId === undefined) === (q.studyGroupId === undefined)) {
      throw invalid([{ path: 'classId', code: 'UNIT_REQUIRED', message: 'Укажите класс или группу (одно из двух)' }]);
    }
    if (q.to < q.from) throw invalid([{ path: 'to', code: 'RANGE_REVERSED', message: 'Конец периода раньше его начала' }]);
    const rows = await repo.homeworkOfUnit(db, access.actor.schoolId, q);
    const reach = new Map<string, boolean>();
    const shown: typeof rows = [];
    for (const r of rows) {
      if (!reach.has(r.lesson.id)) reach.set(r.lesson.id, await reachesLesson(db, access, r.lesson));
      if (reach.get(r.lesson.id)) shown.push(r);
    }
    return { items: await homeworkDtos(db, access.actor, shown, staffView(access)), canWrite: false };
  }

  /** The due date of new homework: as given (not before the lesson), else the next lesson of the subject for the class or group. */
  async function dueDateOf(tx: Queryable, actor: Actor, lesson: JournalLesson, given: string | undefined): Promise<string> {
    if (given !== undefined) {
      if (given < lesson.date) throw invalid([{ path: 'dueDate', code: 'DUE_DATE_BEFORE_LESSON', message: `Срок сдачи не может быть раньше урока (${ruDate(lesson.date)})` }]);
      return given;
    }
    const next = await nextLessonDate(tx, actor, lesson);
    if (!next) throw invalid([{ path: 'dueDate', code: 'DUE_DATE_REQUIRED', message: 'Срок сдачи: следующего урока по расписанию в ближайший месяц нет — укажите дату' }]);
    return next;
  }

  /** The next date the subject is taught to the lesson's class or group: the timetable of the next month, else a later journal lesson. */
  async function nextLessonDate(tx: Queryable, actor: Actor, lesson: JournalLesson): Promise<string | null> {
    // Whoever writes a lesson (its teacher, the administration) reads the school's timetable.
    const timetable = await lessons.listLessons(accessService.accessOf(actor, 'timetable', 'read'), {
      from: addDays(lesson.date, 1), to: addDays(lesson.date, 31),
      ...(lesson.classId ? { classId: lesson.classId } : { studyGroupId: lesson.studyGroupId! }),
    });
    const next = timetable.items
      .filter((l) => l.status === 'scheduled' && l.subject.id === lesson.subjectId
        && (lesson.classId ? l.class?.id === lesson.classId : l.studyGroup?.id === lesson.studyGroupId))
      .map((l) => l.date).sort()[0];
    return next ?? await repo.nextJournalLessonDate(tx, actor.schoolId, lesson);
  }

  const homeworkSnapshot = (h: repo.HomeworkRow, fileIds: readonly string[]) => ({
    text: h.text, dueDate: h.dueDate, requiresSubmission: h.requiresSubmission, fileIds: [...fileIds], version: h.version,
  });

  async function createHomework(access: Access, journalLessonId: string, body: CreateHomeworkBody): Promise<HomeworkDto> {
    const { actor } = access;
    const schoolId = actor.schoolId;
    const now = clock.now();
    const lesson = await readableLesson(db, access, journalLessonId);
    const dueDate = await dueDateOf(db, actor, lesson, body.dueDate);
    return db.transaction(async (tx) => {
      const writer = await journalWriter(tx, access, schoolId, lesson, { reason: body.reason ?? null });
      const row = await repo.insertHomework(tx, {
        schoolId, journalLessonId: lesson.id, text: body.text, dueDate, requiresSubmission: body.requiresSubmission,
        createdBy: writer.actorAccountId, createdAt: now, updatedAt: now,
      });
      await setFiles(tx, actor, body.fileIds, 'homework', row.id);
      await appendAudit(tx, {
        schoolId, actorAccountId: writer.actorAccountId, actorRole: writer.actorRole, entityType: 'homework', entityId: row.id, action: 'create',
        journalLessonId: lesson.id, studentId: null, old: null, new: homeworkSnapshot(row, body.fileIds), reason: writer.reason,
      });
      const [dto] = await homeworkDtos(tx, actor, [{ homework: row, lesson }], () => true);
      return dto!;
    });
  }

  async function currentHomework(tx: Queryable, access: Access, homeworkId: string): Promise<{ homework: repo.HomeworkRow; lesson: JournalLesson }> {
    const row = await repo.findHomework(tx, access.actor.schoolId, homeworkId) ?? homeworkNotFound();
    const lesson = await ensureJournalLesson(tx, access.actor.schoolId, { journalLessonId: row.journalLessonId }, null);
    if (!await reachesLesson(tx, access, lesson)) homeworkNotFound();
    return { homework: row, lesson };
  }

  async function getHomework(access: Access, homeworkId: string): Promise<HomeworkDto> {
    const item = await currentHomework(db, access, homeworkId);
    const [dto] = await homeworkDtos(db, access.actor, [item], staffView(access));
    return dto!;
  }

  async function updateHomework(access: Access, homeworkId: string, body: UpdateHomeworkBody, ifMatch: string | string[] | undefined): Promise<HomeworkDto> {
    const expected = versionOfIfMatch(ifMatch, 'домашнего задания');
    const { actor } = access;
    const schoolId = actor.schoolId;
    const now = clock.now();
    const { lesson } = await currentHomework(db, access, homeworkId);
    const { dto, keys } = await db.transaction(async (tx) => {
      const item = { homework: await repo.findHomework(tx, schoolId, homeworkId, true) ?? homeworkNotFound(), lesson };
      const writer = await journalWriter(tx, access, schoolId, lesson, { reason: body.reason ?? null });
      if (item.homework.version !== expected) {
        const [current] = await homeworkDtos(tx, actor, [item], () => true);
        throw stale('Домашнее задание', current);
      }
      if (body.dueDate !== undefined) await dueDateOf(tx, actor, lesson, body.dueDate);
      const before = (await repo.filesOfOwners(tx, schoolId, 'homework', [item.homework.id])).map((f) => f.id);
      const keys = body.fileIds ? await setFiles(tx, actor, body.fileIds, 'homework', item.homework.id) : [];
      const row = await repo.updateHomework(tx, schoolId, item.homework.id, {
        ...(body.text !== undefined ? { text: body.text } : {}),
        ...(body.dueDate !== undefined ? { dueDate: body.dueDate } : {}),
        ...(body.requiresSubmission !== undefined ? { requiresSubmission: body.requiresSubmission } : {}),
      }, now);
      await appendAudit(tx, {
        schoolId, actorAccountId: writer.actorAccountId, actorRole: writer.actorRole, entityType: 'homework', entityId: row.id, action: 'update',
        journalLessonId: lesson.id, studentId: null, old: homeworkSnapshot(item.homework, before), new: homeworkSnapshot(row, body.fileIds ?? before),
        reason: writer.reason,
      });
      const [dto] = await homeworkDtos(tx, actor, [{ homework: row, lesson }], () => true);
      return { dto: dto!, keys };
    });
    await dropStored(keys);
    return dto;
  }

  async function deleteHomework(access: Access, homeworkId: string, ifMatch: string | string[] | undefined, reason: string | undefined): Promise<void> {
    const expected = versionOfIfMatch(ifMatch, 'домашнего задания');
    const { actor } = access;
    const schoolId = actor.schoolId;
    const { lesson } = await currentHomework(db, access, homeworkId);
    const keys = await db.transaction(async (tx) => {
      const item = { homework: await repo.findHomework(tx, schoolId, homeworkId, true) ?? homeworkNotFound(), lesson };
      const writer = await journalWriter(tx, access, schoolId, item.lesson, { reason: reason ?? null });
      if (item.homework.version !== expected) {
        const [current] = await homeworkDtos(tx, actor, [item], () => true);
        throw stale('Домашнее задание', current);
      }
      const works = await repo.submissionsOfHomework(tx, schoolId, [item.homework.id]);
      const own = await repo.fileIdsOfOwners(tx, schoolId, 'homework', [item.homework.id]);
      const ofWorks = await repo.fileIdsOfOwners(tx, schoolId, 'submission', works.map((w) => w.id));
      await repo.deleteHomework(tx, schoolId, item.homework.id);
      await appendAudit(tx, {
        schoolId, actorAccountId: writer.actorAccountId, actorRole: writer.actorRole, entityType: 'homework', entityId: item.homework.id, action: 'delete',
        journalLessonId: item.lesson.id, studentId: null, old: homeworkSnapshot(item.homework, own), new: null, reason: writer.reason,
      });
      return repo.deleteFiles(tx, schoolId, [...own, ...ofWorks]);
    });
    await dropStored(keys);
  }

  // --- A student's homework -------------------------------------------------------------------------------

  async function studentHomework(access: Access, q: StudentHomeworkQuery): Promise<StudentHomeworkListDto> {
    if (q.to < q.from) throw invalid([{ path: 'to', code: 'RANGE_REVERSED', message: 'Конец периода раньше его начала' }]);
    const { actor } = access;
    const schoolId = actor.schoolId;
    const visible = await accessService.visible(access, 'student');
    const own = visible.all ? [] : [...visible.ids];
    const studentId = q.studentId ?? own[0];
    const names = await repo.studentNames(db, schoolId, [...new Set([...own, ...(studentId ? [studentId] : [])])]);
    const students = own.filter((id) => names.has(id)).map((id) => ({ id, name: fullName(names.get(id)) }));
    if (!studentId) return { student: null, students, items: [] };
    if (!reachesId(visible, studentId) || !names.has(studentId)) notFound('NOT_FOUND', 'Ученик не найден');
    const rows = await repo.homeworkOfStudent(db, schoolId, studentId, q.from, q.to);
    const dtos = await homeworkDtos(db, actor, rows, () => false);
    const works = new Map((await repo.submissionsOfHomework(db, schoolId, rows.map((r) => r.homework.id), studentId)).map((s) => [s.homeworkId, s]));
    const markRows = await repo.marksByIds(db, schoolId, [...works.values()].flatMap((s) => (s.markId ? [s.markId] : [])));
    const isSelf = actor.links.studentIds.includes(studentId) && accessService.can(actor, 'submission', 'write');
    return {
      student: { id: studentId, name: fullName(names.get(studentId)) },
      students,
      items: dtos.map((dto, i) => {
        const h = rows[i]!.homework;
        const s = works.get(h.id);
        return {
          ...dto,
          submission: s ? {
            id: s.id, status: s.status as 'submitted' | 'returned' | 'checked', submittedAt: s.submittedAt.toISOString(),
            late: isLate(s.submittedAt, h.dueDate, actor.timeZone), markValue: s.markId ? markRows.get(s.markId)?.value ?? null : null,
          } : null,
          canSubmit: isSelf && h.requiresSubmission && s?.status !== 'checked',
        };
      }),
    };
  }

  // --- Submissions -----------------------------------------------------------------------------------------

  const isLate = (submittedAt: Date, dueDate: string, timeZone: string): boolean => localDateOf(submittedAt, timeZone) > dueDate;

  async function submissionDtos(tx: Queryable, actor: Actor, h: repo.HomeworkRow, rows: readonly repo.SubmissionRow[]): Promise<SubmissionDto[]> {
    const schoolId = actor.schoolId;
    const [names, fileRows, markRows, checkers] = await Promise.all([
      repo.studentNames(tx, schoolId, rows.map((r) => r.studentId)),
      repo.filesOfOwners(tx, schoolId, 'submission', rows.map((r) => r.id)),
      repo.marksByIds(tx, schoolId, rows.flatMap((r) => (r.markId ? [r.markId] : []))),
      repo.accountNames(tx, rows.flatMap((r) => (r.checkedBy ? [r.checkedBy] : []))),
    ]);
    return rows.map((s) => ({
      id: s.id, homeworkId: s.homeworkId,
      student: { id: s.studentId, name: fullName(names.get(s.studentId)) },
      text: s.text, status: s.status as SubmissionDto['status'], submittedAt: s.submittedAt.toISOString(),
      late: isLate(s.submittedAt, h.dueDate, actor.timeZone),
      files: fileRows.filter((f) => f.ownerId === s.id).map(fileDto),
      teacherComment: s.teacherComment, checkedAt: s.checkedAt?.toISOString() ?? null,
      checkedBy: s.checkedBy ? fullName(checkers.get(s.checkedBy)) || null : null,
      mark: s.markId ? markRows.get(s.markId) ?? null : null,
      version: s.version,
    }));
  }

  const mayCheck = (actor: Actor, lesson: JournalLesson): boolean =>
    accessService.can(actor, 'submission', 'write') && teachesLesson(actor, lesson) && actor.roles.some((r) => r === 'subjectTeacher' || r === 'classTeacher');

  async function roster(access: Access, homeworkId: string): Promise<SubmissionRosterDto> {
    const { actor } = access;
    const schoolId = actor.schoolId;
    const h = await repo.findHomework(db, schoolId, homeworkId) ?? homeworkNotFound();
    const lesson = await ensureJournalLesson(db, schoolId, { journalLessonId: h.journalLessonId }, null);
    const readable = await readableStudents(db, access, lesson);
    const [students, works] = await Promise.all([lessonStudents(db, schoolId, lesson), repo.submissionsOfHomework(db, schoolId, [h.id])]);
    const shownStudents = students.filter((s) => readable.all || readable.ids.has(s.id));
    const shownWorks = works.filter((w) => readable.all || readable.ids.has(w.studentId));
    if (!readable.all && shownStudents.length === 0 && shownWorks.length === 0) homeworkNotFound();
    const dtos = new Map((await submissionDtos(db, actor, h, shownWorks)).map((d) => [d.student.id, d]));
    // Someone who left the class after submitting still shows with their work.
    const extra = shownWorks.filter((w) => !shownStudents.some((s) => s.id === w.studentId)).map((w) => dtos.get(w.studentId)!.student);
    const [homeworkDto] = await homeworkDtos(db, actor, [{ homework: h, lesson }], () => readable.all);
    return {
      homework: homeworkDto!,
      items: [...shownStudents.map((s) => ({ id: s.id, name: fullName(s) })), ...extra].map((student) => ({ student, submission: dtos.get(student.id) ?? null })),
      canCheck: mayCheck(actor, lesson),
    };
  }

  async function currentSubmission(tx: Queryable, access: Access, submissionId: string) {
    const schoolId = access.actor.schoolId;
    const sub = await repo.findSubmission(tx, schoolId, submissionId) ?? submissionNotFound();
    const h = await repo.findHomework(tx, schoolId, sub.homeworkId) ?? submissionNotFound();
    const lesson = await ensureJournalLesson(tx, schoolId, { journalLessonId: h.journalLessonId }, null);
    const readable = await readableStudents(tx, access, lesson);
    if (!readable.all && !readable.ids.has(sub.studentId)) submissionNotFound();
    return { submission: sub, homework: h, lesson };
  }

  async function getSubmission(access: Access, submissionId: string): Promise<SubmissionDto> {
    const { submission, homework: h } = await currentSubmission(db, access, submissionId);
    const [dto] = await submissionDtos(db, access.actor, h, [submission]);
    return dto!;
  }

  /** A student hands in (or again) their work for homework of a lesson they are in. */
  async function submit(access: Access, homeworkId: string, body: SubmitWorkBody): Promise<SubmissionDto> {
    const { actor } = access;
    const schoolId = actor.schoolId;
    if (actor.links.studentIds.length === 0) throw new AppError('FORBIDDEN', 403, 'Сдать работу может только ученик');
    const text = body.text !== undefined && body.text.trim() !== '' ? body.text : null;
    if (text === null && body.fileIds.length === 0) {
      throw invalid([{ path: 'text', code: 'SUBMISSION_EMPTY', message: 'Напишите ответ или приложите файл' }]);
    }
    const now = clock.now();
    const { dto, keys } = await db.transaction(async (tx) => {
      const h = await repo.findHomework(tx, schoolId, homeworkId) ?? homeworkNotFound();
      const lesson = await ensureJournalLesson(tx, schoolId, { journalLessonId: h.journalLessonId }, null);
      const inLesson = new Set((await lessonStudents(tx, schoolId, lesson)).map((s) => s.id));
      const studentId = actor.links.studentIds.find((id) => inLesson.has(id)) ?? homeworkNotFound();
      if (!h.requiresSubmission) throw conflict('SUBMISSION_NOT_EXPECTED', 'По этому заданию работу сдавать не нужно');
      let row = await repo.findSubmissionOf(tx, schoolId, h.id, studentId, true);
      if (!row) {
        row = await repo.insertSubmission(tx, { schoolId, homeworkId: h.id, studentId, text, status: 'submitted', submittedAt: now })
          ?? await repo.findSubmissionOf(tx, schoolId, h.id, studentId, true);
      } else {
        if (row.status === 'checked') throw conflict('SUBMISSION_CHECKED', 'Работа уже проверена: сдать её заново нельзя');
        row = await repo.updateSubmission(tx, schoolId, row.id, { text, status: 'submitted', submittedAt: now });
      }
      const keys = await setFiles(tx, actor, body.fileIds, 'submission', row!.id);
      const [dto] = await submissionDtos(tx, actor, h, [row!]);
      return { dto: dto!, keys };
    });
    await dropStored(keys);
    return dto;
  }

  /** The lesson's teacher (or substitute) returns a work to redo, or checks it — with a mark in the journal if given. */
  async function review(access: Access, submissionId: string, ifMatch: string | string[] | undefined, outcome: { kind: 'return'; body: ReturnWorkBody } | { kind: 'check'; body: CheckWorkBody }): Promise<SubmissionDto> {
    const expected = versionOfIfMatch(ifMatch, 'работы');
    const { actor } = access;
    const schoolId = actor.schoolId;
    const now = clock.now();
    const { homework: h, lesson } = await currentSubmission(db, access, submissionId);
    return db.transaction(async (tx) => {
      const sub = await repo.findSubmission(tx, schoolId, submissionId, true) ?? submissionNotFound();
      const writer = await journalWriter(tx, access, schoolId, lesson, { reason: null });
      if (sub.version !== expected) {
        const [current] = await submissionDtos(tx, actor, h, [sub]);
        throw stale('Работу', current);
      }
      if (sub.status === 'checked') throw conflict('SUBMISSION_CHECKED', 'Работа уже проверена');
      if (sub.status === 'returned') throw conflict('SUBMISSION_RETURNED', 'Работа возвращена ученику: дождитесь, пока он сдаст её снова');
      let markId: string | null = null;
      if (outcome.kind === 'check' && outcome.body.mark) {
        const [mark] = await writeMarks(tx, { schoolId, writer, today: actor.today, now }, lesson, [{
          studentId: sub.studentId, controlFormId: outcome.body.mark.controlFormId, value: outcome.body.mark.value, submissionId: sub.id,
        }]);
        markId = mark!.id;
      }
      const comment = outcome.body.comment?.trim() ? outcome.body.comment.trim() : null;
      const row = await repo.updateSubmission(tx, schoolId, sub.id, {
        status: outcome.kind === 'return' ? 'returned' : 'checked', teacherComment: comment, checkedBy: actor.accountId, checkedAt: now,
        ...(markId ? { markId } : {}),
      });
      const [dto] = await submissionDtos(tx, actor, h, [row]);
      return dto!;
    });
  }

  return {
    rules, upload, download,
    listMaterials, addMaterial, removeMaterial,
    listOfLesson, listOfUnit, getHomework, createHomework, updateHomework, deleteHomework, studentHomework,
    roster, getSubmission, submit,
    returnWork: (access: Access, id: string, body: ReturnWorkBody, ifMatch: string | string[] | undefined) => review(access, id, ifMatch, { kind: 'return', body }),
    checkWork: (access: Access, id: string, body: CheckWorkBody, ifMatch: string | string[] | undefined) => review(access, id, ifMatch, { kind: 'check', body }),
  };
}

export type HomeworkService = ReturnType<typeof createHomeworkService>;

const reachesId = (v: { all: true } | { all: false; ids: ReadonlySet<string> }, id: string): boolean => v.all || v.ids.has(id);

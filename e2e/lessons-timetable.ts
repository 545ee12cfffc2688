// A published timetable for a demo school whose year has none yet, written straight into its
// PGlite folder before the server opens it: the load's lessons of classes and subgroups placed
// greedily on Monday–Friday with no teacher, class or room twice at once (subgroups of one split
// side by side). Only for journeys that need lessons by date; what does not fit is left out.
import { rmSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { academicYearOfDate } from '../domain/school-year';
import { openDatabase } from '../server/db/client';
import { accounts, classes, employees, rooms, studyGroups, subjects, teachingLoads, timetableLessons, timetables } from '../server/db/schema';
import { childEnv, newDataDir, runCli, startServer } from '../server/test/process';

type Slot = { weekday: number; lessonNumber: number };

/** Writes the version into the school of the demo login `admin`; false when that school already has a published one. */
export async function seedDemoTimetable(dataDir: string, academicYear: number): Promise<boolean> {
  const database = await openDatabase({ dataDir });
  try {
    const { db } = database;
    const [admin] = await db.select({ schoolId: employees.schoolId }).from(employees)
      .innerJoin(accounts, eq(accounts.id, employees.accountId)).where(eq(accounts.login, 'admin')).limit(1);
    if (!admin) throw new Error('the demo has no admin');
    const schoolId = admin.schoolId;
    const published = await db.select({ id: timetables.id }).from(timetables)
      .where(and(eq(timetables.schoolId, schoolId), eq(timetables.academicYear, academicYear), eq(timetables.status, 'published')));
    if (published.length > 0) return false;

    const [classRows, groupRows, loads, roomRows, subjectRows] = await Promise.all([
      db.select().from(classes).where(and(eq(classes.schoolId, schoolId), eq(classes.academicYear, academicYear))),
      db.select().from(studyGroups).where(and(eq(studyGroups.schoolId, schoolId), eq(studyGroups.academicYear, academicYear))),
      db.select().from(teachingLoads).where(and(eq(teachingLoads.schoolId, schoolId), eq(teachingLoads.academicYear, academicYear))),
      db.select().from(rooms).where(and(eq(rooms.schoolId, schoolId), eq(rooms.archived, false))),
      db.select({ id: subjects.id, kind: subjects.kind }).from(subjects).where(eq(subjects.schoolId, schoolId)),
    ]);
    const grade = new Map(classRows.map((c) => [c.id, c.grade]));
    const groupOf = new Map(groupRows.map((g) => [g.id, g]));
    const lessonKind = new Map(subjectRows.map((s) => [s.id, s.kind]));
    const slotKey = (s: Slot) => `${s.weekday}:${s.lessonNumber}`;
    const teacherBusy = new Set<string>();
    const roomBusy = new Set<string>();
    /** Per class and slot: 'class' for a whole-class lesson, else the subject its subgroups share. */
    const classUse = new Map<string, string>();
    const groupBusy = new Set<string>();
    const rows: (typeof timetableLessons.$inferInsert)[] = [];
    const [version] = await db.insert(timetables).values({
      schoolId, academicYear, name: 'Расписание на год', status: 'published', validFrom: `${academicYear}-09-01`, publishedAt: new Date(),
    }).returning();

    const taught = loads.filter((l) => ['subject', 'optionalCourse'].includes(lessonKind.get(l.subjectId) ?? 'subject'));
    // Whole-class rows first: subgroups then fill beside each other.
    taught.sort((a, b) => Number(a.classId === null) - Number(b.classId === null) || Number(b.hoursPerWeek) - Number(a.hoursPerWeek));
    for (const load of taught) {
      const group = load.studyGroupId ? groupOf.get(load.studyGroupId) : undefined;
      const classId = load.classId ?? group?.classId ?? null;
      if (classId === null) continue;
      const periods = (grade.get(classId) ?? 5) <= 4 ? 5 : 6;
      const hours = Math.max(1, Math.round(Number(load.hoursPerWeek)));
      let placed = 0;
      for (let k = 0; k < hours; k++) {
        // Spread a subject over the week: start on another day for each of its lessons.
        search: for (let d = 0; d < 5; d++) {
          const weekday = ((k + d + rows.length) % 5) + 1;
          for (let lessonNumber = 1; lessonNumber <= periods; lessonNumber++) {
            const s = slotKey({ weekday, lessonNumber });
            if (teacherBusy.has(`${load.employeeId}@${s}`)) continue;
            const use = classUse.get(`${classId}@${s}`);
            if (group ? use !== undefined && use !== load.subjectId : use !== undefined) continue;
            if (group && groupBusy.has(`${group.id}@${s}`)) continue;
            teacherBusy.add(`${load.employeeId}@${s}`);
            classUse.set(`${classId}@${s}`, group ? load.subjectId : 'class');
            if (group) groupBusy.add(`${group.id}@${s}`);
            const room = roomRows.find((r) => !roomBusy.has(`${r.id}@${s}`));
            if (room) roomBusy.add(`${room.id}@${s}`);
            rows.push({
              schoolId, timetableId: version!.id, teachingLoadId: load.id, activityKey: `${load.id}#${placed}`, subjectId: load.subjectId,
              employeeId: load.employeeId, classId: group ? null : classId, studyGroupId: group ? group.id : null, weekday, lessonNumber,
              roomId: room?.id ?? null,
            });
            placed += 1;
            break search;
          }
        }
      }
    }
    for (let i = 0; i < rows.length; i += 500) await db.insert(timetableLessons).values(rows.slice(i, i + 500));
    return true;
  } finally {
    await database.close();
  }
}

/** A server whose demo school has lessons by date; `close` stops and removes it when it is the journey's own. */
export type LessonsServer = { url: string; close(): Promise<void> };

/**
 * The shared e2e server when `ready` finds what the journey needs there, else a server of the
 * journey's own: a one-school demo with a timetable for the academic year of `date`.
 */
export async function serverWithLessons(shared: string, ready: (url: string) => Promise<boolean>, date: string): Promise<LessonsServer> {
  if (await ready(shared)) return { url: shared, close: async () => {} };
  const dir = newDataDir();
  const demo = await runCli(['demo', '--schools', '1'], childEnv(dir));
  if (demo.code !== 0) throw new Error(`demo failed: ${demo.stderr}`);
  await seedDemoTimetable(dir, academicYearOfDate(date));
  const own = await startServer(dir);
  return {
    url: own.url,
    close: async () => {
      await own.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

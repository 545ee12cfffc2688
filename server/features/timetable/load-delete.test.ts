// A load row that the timetable uses can still be deleted: its lessons stay as orphans (the
// versions page lists them) and keep their school — the foreign key nulls only the load column.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { classes, employees, subjects, teachingLoads, timetableLessons, timetables } from '../../db/schema';
import { createSchool, createTestApp, type TestApp } from '../../test/app';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); }, 60_000);
afterAll(async () => { await t.close(); });

it('deleting a load row leaves its timetable lessons as orphans of the same school', async () => {
  const db = t.database.db;
  const { id: schoolId } = await createSchool(t.database, 'СОШ № 31');
  const [subject] = await db.insert(subjects).values({ schoolId, name: 'Математика', shortName: 'Матем.', levels: ['basic'] }).returning();
  const [teacher] = await db.insert(employees).values({ schoolId, lastName: 'Петрова', firstName: 'Анна', position: 'Учитель' }).returning();
  const [cls] = await db.insert(classes).values({ schoolId, academicYear: 2026, grade: 5, letter: 'А' }).returning();
  const [load] = await db.insert(teachingLoads).values({ schoolId, academicYear: 2026, employeeId: teacher!.id, subjectId: subject!.id, classId: cls!.id, hoursPerWeek: '1' }).returning();
  const [version] = await db.insert(timetables).values({ schoolId, academicYear: 2026, name: 'Черновик' }).returning();
  const [lesson] = await db.insert(timetableLessons).values({
    schoolId, timetableId: version!.id, teachingLoadId: load!.id, activityKey: `${load!.id}#1`, subjectId: subject!.id,
    employeeId: teacher!.id, classId: cls!.id, weekday: 1, lessonNumber: 1,
  }).returning();

  await db.delete(teachingLoads).where(eq(teachingLoads.id, load!.id));

  const [after] = await db.select().from(timetableLessons).where(eq(timetableLessons.id, lesson!.id));
  expect(after).toMatchObject({ schoolId, teachingLoadId: null, activityKey: `${load!.id}#1` });
});

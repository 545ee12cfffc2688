// The demo school's rooms, subjects and additional programmes keep the rules the services enforce
// and give the timetable what it needs: a home room for each class, rooms that suit the
// specialised subjects, catalogue codes on every subject, programmes with a group and a teacher.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roomSuits, type RoomKind } from '../../../domain/rooms';
import { catalogueEntry } from '../../../domain/subject-catalogue';
import { createTestDatabase } from '../../test/database';
import type { Database } from '../client';
import { classes, enrollments, subjects } from '../schema';
import { listRooms } from '../../features/rooms/rooms.repo';
import { activityGroups, listProgrammes } from '../../features/subjects/subjects.repo';
import { seedDemo } from './generate';

const year = 2026;
let database: Database;
let schoolId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  schoolId = (await seedDemo(database.db, { seed: 11, academicYear: year, passwordHash: 'x' })).demoSchoolId;
}, 120_000);
afterAll(async () => { await database?.close(); });

describe('demo rooms and subjects', () => {
  it('marks every subject with its ФГОС catalogue code and area, and adds the extracurricular courses', async () => {
    const rows = await database.db.select().from(subjects).where(eq(subjects.schoolId, schoolId));
    for (const s of rows.filter((r) => r.kind === 'subject')) {
      const entry = catalogueEntry(s.catalogueCode ?? '');
      expect(entry, s.name).toBeDefined();
      expect(s.subjectArea).toBe(entry!.subjectArea);
    }
    expect(rows.filter((r) => r.kind === 'extracurricular').map((r) => r.name).sort())
      .toEqual(['Разговоры о важном', 'Россия — мои горизонты', 'Функциональная грамотность']);
  });

  it('gives every class a room it fits in, and a room for each specialised subject', async () => {
    const db = database.db;
    const rooms = await listRooms(db, schoolId);
    expect(new Set(rooms.map((r) => r.name)).size).toBe(rooms.length);
    expect(rooms.every((r) => r.buildingId !== null && (r.capacity === null || (r.capacity >= 1 && r.capacity <= 1000)))).toBe(true);
    const suits = (r: (typeof rooms)[number]) => ({ kind: r.kind as RoomKind, capacity: r.capacity, subjectIds: r.subjects.map((s) => s.id) });
    const classRows = await db.select().from(classes).where(eq(classes.schoolId, schoolId));
    const sizes = await db.select({ classId: enrollments.classId }).from(enrollments).where(eq(enrollments.schoolId, schoolId));
    const ordinary = rooms.filter((r) => r.kind === 'ordinary');
    expect(ordinary.length).toBe(classRows.length);
    const subjectId = new Map((await db.select().from(subjects).where(eq(subjects.schoolId, schoolId))).map((s) => [s.catalogueCode, s.id]));
    for (const c of classRows) {
      const size = sizes.filter((e) => e.classId === c.id).length;
      expect(ordinary.some((r) => roomSuits(suits(r), subjectId.get('russian')!, size)), `${c.grade}${c.letter}`).toBe(true);
    }
    for (const code of ['physics', 'chemistry', 'biology', 'informatics', 'physicalEducation', 'technology']) {
      const id = subjectId.get(code)!;
      expect(rooms.some((r) => r.kind !== 'ordinary' && roomSuits(suits(r), id, 15)), code).toBe(true);
    }
    expect(rooms.filter((r) => r.kind === 'computer')).toHaveLength(2);
    expect(rooms.some((r) => r.kind === 'assembly')).toBe(true);
  });

  it('runs two additional programmes, each with a group, members and a teacher', async () => {
    const programmes = await listProgrammes(database.db, schoolId, year);
    expect(programmes.map((p) => p.name)).toEqual(['Робототехника', 'Школьный театр']);
    const groups = await activityGroups(database.db, schoolId, programmes.map((p) => p.subjectId), year, `${year}-11-02`);
    expect(groups).toHaveLength(2);
    for (const g of groups) {
      expect(g.memberCount).toBeGreaterThan(3);
      expect(g.teachers).toHaveLength(1);
    }
  });
});

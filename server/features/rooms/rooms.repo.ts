// SQL of buildings and rooms. Every query names the school, so an id of another school simply is
// not found.
import { and, asc, count, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { buildings, rooms, roomSubjects, subjects } from '../../db/schema';

export type BuildingRow = typeof buildings.$inferSelect;
export type RoomRow = typeof rooms.$inferSelect;
export type RoomView = RoomRow & { buildingName: string | null; subjects: { id: string; name: string }[] };

const sameName = (column: SQL | typeof rooms.name | typeof buildings.name, name: string): SQL =>
  sql`translate(lower(${column}), 'ё', 'е') = translate(lower(${name}), 'ё', 'е')`;

// --- Buildings --------------------------------------------------------------------------------

export async function listBuildings(db: Queryable, schoolId: string): Promise<(BuildingRow & { roomCount: number })[]> {
  const counts = db.select({ buildingId: rooms.buildingId, n: count().as('n') }).from(rooms)
    .where(and(eq(rooms.schoolId, schoolId), eq(rooms.archived, false))).groupBy(rooms.buildingId).as('counts');
  const rows = await db.select({ b: buildings, roomCount: sql<number>`coalesce(${counts.n}, 0)`.mapWith(Number) }).from(buildings)
    .leftJoin(counts, eq(counts.buildingId, buildings.id))
    .where(eq(buildings.schoolId, schoolId)).orderBy(asc(buildings.name));
  return rows.map((r) => ({ ...r.b, roomCount: r.roomCount }));
}

export async function findBuilding(db: Queryable, schoolId: string, id: string): Promise<BuildingRow | null> {
  const [row] = await db.select().from(buildings).where(and(eq(buildings.schoolId, schoolId), eq(buildings.id, id))).limit(1);
  return row ?? null;
}

export async function buildingNamed(db: Queryable, schoolId: string, name: string, exceptId: string | null): Promise<boolean> {
  const [row] = await db.select({ id: buildings.id }).from(buildings)
    .where(and(eq(buildings.schoolId, schoolId), sameName(buildings.name, name), exceptId ? ne(buildings.id, exceptId) : undefined)).limit(1);
  return row !== undefined;
}

export async function insertBuilding(db: Queryable, values: typeof buildings.$inferInsert): Promise<string> {
  const [row] = await db.insert(buildings).values(values).returning({ id: buildings.id });
  return row!.id;
}

export async function updateBuilding(db: Queryable, schoolId: string, id: string, values: Partial<typeof buildings.$inferInsert>): Promise<void> {
  if (Object.keys(values).length === 0) return;
  await db.update(buildings).set(values).where(and(eq(buildings.schoolId, schoolId), eq(buildings.id, id)));
}

/** Rooms (archived ones too) that are in the building. */
export async function roomsInBuilding(db: Queryable, schoolId: string, buildingId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(rooms).where(and(eq(rooms.schoolId, schoolId), eq(rooms.buildingId, buildingId)));
  return row?.n ?? 0;
}

export async function deleteBuilding(db: Queryable, schoolId: string, id: string): Promise<void> {
  await db.delete(buildings).where(and(eq(buildings.schoolId, schoolId), eq(buildings.id, id)));
}

// --- Rooms ------------------------------------------------------------------------------------

export type RoomFilter = { buildingId?: string | undefined; kind?: string | undefined; subjectId?: string | undefined; includeArchived?: boolean | undefined; ids?: readonly string[] };

export async function listRooms(db: Queryable, schoolId: string, f: RoomFilter = {}): Promise<RoomView[]> {
  const where: (SQL | undefined)[] = [eq(rooms.schoolId, schoolId)];
  if (f.buildingId) where.push(eq(rooms.buildingId, f.buildingId));
  if (f.kind) where.push(eq(rooms.kind, f.kind));
  if (!f.includeArchived) where.push(eq(rooms.archived, false));
  if (f.ids) where.push(f.ids.length === 0 ? sql`false` : inArray(rooms.id, [...f.ids]));
  if (f.subjectId) {
    where.push(sql`exists (select 1 from ${roomSubjects} where ${roomSubjects.schoolId} = ${rooms.schoolId}
      and ${roomSubjects.roomId} = ${rooms.id} and ${roomSubjects.subjectId} = ${f.subjectId})`);
  }
  const rows = await db.select({ r: rooms, buildingName: buildings.name }).from(rooms)
    .leftJoin(buildings, and(eq(buildings.schoolId, rooms.schoolId), eq(buildings.id, rooms.buildingId)))
    .where(and(...where))
    // Natural order of room numbers: «9» before «10», then by the whole name.
    .orderBy(asc(buildings.name), sql`nullif(regexp_replace(${rooms.name}, '\\D', '', 'g'), '')::numeric nulls last`, asc(rooms.name));
  if (rows.length === 0) return [];
  const links = await db.select({ roomId: roomSubjects.roomId, id: subjects.id, name: subjects.name }).from(roomSubjects)
    .innerJoin(subjects, and(eq(subjects.schoolId, roomSubjects.schoolId), eq(subjects.id, roomSubjects.subjectId)))
    .where(and(eq(roomSubjects.schoolId, schoolId), inArray(roomSubjects.roomId, rows.map((r) => r.r.id))))
    .orderBy(asc(subjects.name));
  return rows.map(({ r, buildingName }) => ({
    ...r, buildingName, subjects: links.filter((l) => l.roomId === r.id).map(({ id, name }) => ({ id, name })),
  }));
}

export async function findRoom(db: Queryable, schoolId: string, id: string): Promise<RoomRow | null> {
  const [row] = await db.select().from(rooms).where(and(eq(rooms.schoolId, schoolId), eq(rooms.id, id))).limit(1);
  return row ?? null;
}

export async function roomNamed(db: Queryable, schoolId: string, name: string, exceptId: string | null): Promise<boolean> {
  const [row] = await db.select({ id: rooms.id }).from(rooms)
    .where(and(eq(rooms.schoolId, schoolId), sameName(rooms.name, name), exceptId ? ne(rooms.id, exceptId) : undefined)).limit(1);
  return row !== undefined;
}

export async function insertRoom(db: Queryable, values: typeof rooms.$inferInsert): Promise<string> {
  const [row] = await db.insert(rooms).values(values).returning({ id: rooms.id });
  return row!.id;
}

export async function updateRoom(db: Queryable, schoolId: string, id: string, values: Partial<typeof rooms.$inferInsert>): Promise<void> {
  if (Object.keys(values).length === 0) return;
  await db.update(rooms).set(values).where(and(eq(rooms.schoolId, schoolId), eq(rooms.id, id)));
}

export async function replaceRoomSubjects(db: Queryable, schoolId: string, roomId: string, subjectIds: readonly string[]): Promise<void> {
  await db.delete(roomSubjects).where(and(eq(roomSubjects.schoolId, schoolId), eq(roomSubjects.roomId, roomId)));
  if (subjectIds.length > 0) await db.insert(roomSubjects).values(subjectIds.map((subjectId) => ({ schoolId, roomId, subjectId })));
}

/** Which of these ids are subjects of the school. */
export async function existingSubjectIds(db: Queryable, schoolId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: subjects.id }).from(subjects).where(and(eq(subjects.schoolId, schoolId), inArray(subjects.id, [...ids])));
  return new Set(rows.map((r) => r.id));
}

// Rules of buildings and rooms (SPEC B1): names unique in the school, the building and the
// subjects a room suits belong to the school, a building with rooms is not deleted. The route has
// authorised the caller; every write validates the whole request first and then writes in one
// transaction (a room and the subjects it suits together), so a refused request changes nothing.
import type {
  BuildingDto, BuildingListDto, CreateBuildingInput, CreateRoomInput, RoomDto, RoomListDto, RoomListQuery, UpdateBuildingInput,
  UpdateRoomInput,
} from '../../../contracts/rooms';
import type { Db } from '../../db/client';
import { isUniqueViolation } from '../../db/errors';
import { AppError, notFound } from '../../lib/errors';
import type { Access } from '../access/access.service';
import * as repo from './rooms.repo';

type FieldIssue = { path: string; code: string; message: string };

const invalid = (issues: FieldIssue[]): AppError => new AppError('VALIDATION_FAILED', 400, issues[0]?.message ?? 'Неверные данные', issues);
const nameTaken = (message: string): AppError => new AppError('NAME_TAKEN', 409, message, [{ path: 'name', code: 'NAME_TAKEN', message }]);
const roomTaken = (name: string) => nameTaken(`Кабинет «${name}» уже есть в школе`);
const buildingTaken = (name: string) => nameTaken(`Здание «${name}» уже есть в школе`);

const emptyToNull = (v: string | null | undefined): string | null | undefined => (v === undefined ? undefined : v === null || v.trim() === '' ? null : v.trim());
const defined = <T extends Record<string, unknown>>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

async function uniquely<T>(write: () => Promise<T>, taken: () => AppError): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err)) throw taken();
    throw err;
  }
}

const roomDto = (r: repo.RoomView): RoomDto => ({
  id: r.id, name: r.name, building: r.buildingId && r.buildingName ? { id: r.buildingId, name: r.buildingName } : null,
  kind: r.kind as RoomDto['kind'], capacity: r.capacity, floor: r.floor, note: r.note, archived: r.archived, subjects: r.subjects,
});

export function createRoomsService({ db }: { db: Db }) {
  // --- Buildings ------------------------------------------------------------------------------

  async function listBuildings(access: Access): Promise<BuildingListDto> {
    const rows = await repo.listBuildings(db, access.actor.schoolId);
    return { items: rows.map((b) => ({ id: b.id, name: b.name, address: b.address, roomCount: b.roomCount })), total: rows.length };
  }

  async function buildingDto(schoolId: string, id: string): Promise<BuildingDto> {
    const found = (await repo.listBuildings(db, schoolId)).find((b) => b.id === id) ?? notFound('NOT_FOUND', 'Здание не найдено');
    return { id: found.id, name: found.name, address: found.address, roomCount: found.roomCount };
  }

  async function createBuilding(access: Access, input: CreateBuildingInput): Promise<BuildingDto> {
    const schoolId = access.actor.schoolId;
    if (await repo.buildingNamed(db, schoolId, input.name, null)) throw buildingTaken(input.name);
    const id = await uniquely(() => repo.insertBuilding(db, { schoolId, name: input.name, address: emptyToNull(input.address) ?? null }), () => buildingTaken(input.name));
    return buildingDto(schoolId, id);
  }

  async function updateBuilding(access: Access, id: string, input: UpdateBuildingInput): Promise<BuildingDto> {
    const schoolId = access.actor.schoolId;
    if (!await repo.findBuilding(db, schoolId, id)) notFound('NOT_FOUND', 'Здание не найдено');
    if (input.name !== undefined && await repo.buildingNamed(db, schoolId, input.name, id)) throw buildingTaken(input.name);
    await uniquely(() => repo.updateBuilding(db, schoolId, id, defined({ name: input.name, address: emptyToNull(input.address) })), () => buildingTaken(input.name ?? ''));
    return buildingDto(schoolId, id);
  }

  async function deleteBuilding(access: Access, id: string): Promise<void> {
    const schoolId = access.actor.schoolId;
    await db.transaction(async (tx) => {
      if (!await repo.findBuilding(tx, schoolId, id)) notFound('NOT_FOUND', 'Здание не найдено');
      const n = await repo.roomsInBuilding(tx, schoolId, id);
      if (n > 0) throw new AppError('IN_USE', 409, `В здании есть кабинеты (${n}, считая архивные): сначала перенесите их в другое здание`);
      await repo.deleteBuilding(tx, schoolId, id);
    });
  }

  // --- Rooms ----------------------------------------------------------------------------------

  async function listRooms(access: Access, query: RoomListQuery): Promise<RoomListDto> {
    const rows = await repo.listRooms(db, access.actor.schoolId, query);
    return { items: rows.map(roomDto), total: rows.length };
  }

  async function getRoom(access: Access, id: string): Promise<RoomDto> {
    const [row] = await repo.listRooms(db, access.actor.schoolId, { ids: [id], includeArchived: true });
    return roomDto(row ?? notFound('NOT_FOUND', 'Кабинет не найден'));
  }

  /** The building and the subjects named in a request, checked against the school: every problem at once. */
  async function referenceIssues(schoolId: string, input: { buildingId?: string | null | undefined; subjectIds?: string[] | undefined }): Promise<FieldIssue[]> {
    const issues: FieldIssue[] = [];
    if (input.buildingId && !await repo.findBuilding(db, schoolId, input.buildingId)) {
      issues.push({ path: 'buildingId', code: 'BUILDING_NOT_FOUND', message: 'Здание: нет такого здания в школе' });
    }
    const ids = input.subjectIds ?? [];
    const known = await repo.existingSubjectIds(db, schoolId, ids);
    ids.forEach((sid, i) => {
      if (!known.has(sid)) issues.push({ path: `subjectIds.${i}`, code: 'SUBJECT_NOT_FOUND', message: 'Предметы: нет такого предмета в школе' });
    });
    return issues;
  }

  async function createRoom(access: Access, input: CreateRoomInput): Promise<RoomDto> {
    const schoolId = access.actor.schoolId;
    const issues = await referenceIssues(schoolId, input);
    if (issues.length > 0) throw invalid(issues);
    if (await repo.roomNamed(db, schoolId, input.name, null)) throw roomTaken(input.name);
    const id = await uniquely(() => db.transaction(async (tx) => {
      const roomId = await repo.insertRoom(tx, {
        schoolId, name: input.name, buildingId: input.buildingId ?? null, kind: input.kind ?? 'ordinary',
        capacity: input.capacity ?? null, floor: input.floor ?? null, note: emptyToNull(input.note) ?? null,
      });
      await repo.replaceRoomSubjects(tx, schoolId, roomId, [...new Set(input.subjectIds ?? [])]);
      return roomId;
    }), () => roomTaken(input.name));
    return getRoom(access, id);
  }

  async function updateRoom(access: Access, id: string, input: UpdateRoomInput): Promise<RoomDto> {
    const schoolId = access.actor.schoolId;
    if (!await repo.findRoom(db, schoolId, id)) notFound('NOT_FOUND', 'Кабинет не найден');
    const issues = await referenceIssues(schoolId, input);
    if (issues.length > 0) throw invalid(issues);
    if (input.name !== undefined && await repo.roomNamed(db, schoolId, input.name, id)) throw roomTaken(input.name);
    await uniquely(() => db.transaction(async (tx) => {
      await repo.updateRoom(tx, schoolId, id, defined({
        name: input.name, buildingId: input.buildingId, kind: input.kind, capacity: input.capacity, floor: input.floor,
        note: emptyToNull(input.note), archived: input.archived,
      }));
      if (input.subjectIds !== undefined) await repo.replaceRoomSubjects(tx, schoolId, id, [...new Set(input.subjectIds)]);
    }), () => roomTaken(input.name ?? ''));
    return getRoom(access, id);
  }

  return { listBuildings, createBuilding, updateBuilding, deleteBuilding, listRooms, getRoom, createRoom, updateRoom };
}

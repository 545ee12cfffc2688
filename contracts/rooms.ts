// Requests and answers of buildings and rooms (SPEC B1). Every route lives under
// /api/v1/schools/:schoolId/. Shapes and field formats here; the rules (unique names, buildings
// and subjects of this school) are the service's, reported as 400 with field paths or 409.
import { z } from 'zod';
import { maxRoomCapacity, roomKinds } from '../domain/rooms';
import { Uuid } from './common';

const text = (what: string, max: number) => z.string({ error: `${what}: ожидается строка` })
  .trim().max(max, `${what}: не длиннее ${max} символов`);
const required = (what: string, max: number) => text(what, max).min(1, `${what}: обязательное поле`);
const ref = (what: string) => z.uuid({ error: `${what}: неверный идентификатор` });
const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });

export const BuildingParams = z.object({ schoolId: Uuid, buildingId: Uuid });
export const RoomParams = z.object({ schoolId: Uuid, roomId: Uuid });

export const RoomKind = z.enum(roomKinds, { error: 'Тип: неизвестный тип помещения' });
export type RoomKind = z.infer<typeof RoomKind>;

// --- Buildings --------------------------------------------------------------------------------

export const BuildingDto = z.object({
  id: Uuid,
  name: z.string(),
  address: z.string().nullable(),
  /** Rooms in it that are not archived. */
  roomCount: z.number().int(),
}).meta({ id: 'Building' });
export type BuildingDto = z.infer<typeof BuildingDto>;
export const BuildingListDto = listOf(BuildingDto).meta({ id: 'BuildingList' });
export type BuildingListDto = z.infer<typeof BuildingListDto>;

export const CreateBuildingInput = z.object({
  name: required('Название', 200),
  address: text('Адрес', 500).nullable().optional(),
}).meta({ id: 'CreateBuildingInput' });
export type CreateBuildingInput = z.infer<typeof CreateBuildingInput>;
export const UpdateBuildingInput = CreateBuildingInput.partial().meta({ id: 'UpdateBuildingInput' });
export type UpdateBuildingInput = z.infer<typeof UpdateBuildingInput>;

// --- Rooms ------------------------------------------------------------------------------------

export const RoomDto = z.object({
  id: Uuid,
  name: z.string(),
  building: z.object({ id: Uuid, name: z.string() }).nullable(),
  kind: RoomKind,
  capacity: z.number().int().nullable(),
  floor: z.number().int().nullable(),
  note: z.string().nullable(),
  archived: z.boolean(),
  /** The subjects the room suits (a chemistry lab, a computer room for informatics). */
  subjects: z.array(z.object({ id: Uuid, name: z.string() })),
}).meta({ id: 'Room' });
export type RoomDto = z.infer<typeof RoomDto>;
export const RoomListDto = listOf(RoomDto).meta({ id: 'RoomList' });
export type RoomListDto = z.infer<typeof RoomListDto>;

const boolQuery = z.enum(['true', 'false'], { error: 'Ожидается true или false' }).transform((v) => v === 'true');

export const RoomListQuery = z.object({
  buildingId: Uuid.optional(),
  kind: RoomKind.optional(),
  /** Rooms that name this subject among those they suit. */
  subjectId: Uuid.optional(),
  /** Default false: archived rooms are left out. */
  includeArchived: boolQuery.optional(),
});
export type RoomListQuery = z.infer<typeof RoomListQuery>;

const Capacity = z.number({ error: 'Вместимость: ожидается число мест' }).int('Вместимость: целое число мест')
  .min(1, 'Вместимость: не меньше 1').max(maxRoomCapacity, `Вместимость: не больше ${maxRoomCapacity}`);
const Floor = z.number({ error: 'Этаж: ожидается число' }).int('Этаж: целое число').min(-5, 'Этаж: от −5 до 50').max(50, 'Этаж: от −5 до 50');

export const CreateRoomInput = z.object({
  name: required('Название', 100),
  buildingId: ref('Здание').nullable().optional(),
  /** Default: ordinary. */
  kind: RoomKind.optional(),
  capacity: Capacity.nullable().optional(),
  floor: Floor.nullable().optional(),
  note: text('Примечание', 1000).nullable().optional(),
  subjectIds: z.array(ref('Предмет'), { error: 'Предметы: ожидается список' }).max(100).optional(),
}).meta({ id: 'CreateRoomInput' });
export type CreateRoomInput = z.infer<typeof CreateRoomInput>;

export const UpdateRoomInput = CreateRoomInput.partial().extend({
  archived: z.boolean({ error: 'В архиве: ожидается true или false' }).optional(),
}).meta({ id: 'UpdateRoomInput' });
export type UpdateRoomInput = z.infer<typeof UpdateRoomInput>;

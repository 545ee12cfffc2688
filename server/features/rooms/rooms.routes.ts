// HTTP routes: buildings and rooms (SPEC B1). Every route: the session, one access check on
// yearSetup (read: the staff; write: director, deputy, journal administrator), one service call.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { OkBody } from '../../../contracts/common';
import { SchoolParams } from '../../../contracts/org';
import {
  BuildingDto, BuildingListDto, BuildingParams, CreateBuildingInput, CreateRoomInput, RoomDto, RoomListDto, RoomListQuery, RoomParams,
  UpdateBuildingInput, UpdateRoomInput,
} from '../../../contracts/rooms';
import type { FeatureDeps } from '../deps';
import { errorAnswers as errors, resourceAuthorizer, schoolBase as base, writeErrorAnswers as writeErrors } from '../route-kit';
import { createRoomsService } from './rooms.service';

export async function roomRoutes(appBase: FastifyInstance, deps: FeatureDeps): Promise<void> {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const service = createRoomsService({ db: deps.database.db });
  const tags = ['rooms'];
  const preHandler = app.authenticate;
  const authorize = resourceAuthorizer(deps, 'yearSetup');

  // --- Buildings ------------------------------------------------------------------------------

  app.get(`${base}/buildings`, {
    schema: { tags, summary: 'Здания школы', params: SchoolParams, response: { 200: BuildingListDto, ...errors } },
    preHandler,
  }, async (req) => service.listBuildings(await authorize(req, 'read')));

  app.post(`${base}/buildings`, {
    schema: { tags, summary: 'Добавить здание', params: SchoolParams, body: CreateBuildingInput, response: { 201: BuildingDto, ...writeErrors } },
    preHandler,
  }, async (req, reply) => reply.code(201).send(await service.createBuilding(await authorize(req, 'write'), req.body)));

  app.patch(`${base}/buildings/:buildingId`, {
    schema: { tags, summary: 'Изменить здание', params: BuildingParams, body: UpdateBuildingInput, response: { 200: BuildingDto, ...writeErrors } },
    preHandler,
  }, async (req) => service.updateBuilding(await authorize(req, 'write'), req.params.buildingId, req.body));

  app.delete(`${base}/buildings/:buildingId`, {
    schema: { tags, summary: 'Удалить здание (если в нём нет кабинетов)', params: BuildingParams, response: { 200: OkBody, ...writeErrors } },
    preHandler,
  }, async (req) => {
    await service.deleteBuilding(await authorize(req, 'write'), req.params.buildingId);
    return { ok: true as const };
  });

  // --- Rooms ----------------------------------------------------------------------------------

  app.get(`${base}/rooms`, {
    schema: {
      tags, summary: 'Кабинеты (фильтры: здание, тип, предмет; архивные — по запросу)',
      params: SchoolParams, querystring: RoomListQuery, response: { 200: RoomListDto, ...errors },
    },
    preHandler,
  }, async (req) => service.listRooms(await authorize(req, 'read'), req.query));

  app.get(`${base}/rooms/:roomId`, {
    schema: { tags, summary: 'Кабинет', params: RoomParams, response: { 200: RoomDto, ...errors } },
    preHandler,
  }, async (req) => service.getRoom(await authorize(req, 'read'), req.params.roomId));

  app.post(`${base}/rooms`, {
    schema: { tags, summary: 'Добавить кабинет и предметы, для которых он подходит', params: SchoolParams, body: CreateRoomInput, response: { 201: RoomDto, ...writeErrors } },
    preHandler,
  }, async (req, reply) => reply.code(201).send(await service.createRoom(await authorize(req, 'write'), req.body)));

  app.patch(`${base}/rooms/:roomId`, {
    schema: {
      tags, summary: 'Изменить кабинет или убрать его в архив', description: '`subjectIds`, если передан, заменяет список предметов целиком.',
      params: RoomParams, body: UpdateRoomInput, response: { 200: RoomDto, ...writeErrors },
    },
    preHandler,
  }, async (req) => service.updateRoom(await authorize(req, 'write'), req.params.roomId, req.body));
}

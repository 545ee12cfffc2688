// Requests of buildings and rooms of one school. Every write refreshes the school's rooms queries.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  BuildingDto, BuildingListDto, CreateBuildingInput, CreateRoomInput, RoomDto, RoomListDto, UpdateBuildingInput, UpdateRoomInput,
} from '../../../../../contracts/rooms';
import { api } from '../../../lib/api';

const base = (schoolId: string) => `/api/v1/schools/${encodeURIComponent(schoolId)}`;
const id = encodeURIComponent;

export const roomsKey = (schoolId: string) => ['rooms', schoolId] as const;

export const buildingsQuery = (schoolId: string) => queryOptions({
  queryKey: [...roomsKey(schoolId), 'buildings'],
  queryFn: () => api.get<BuildingListDto>(`${base(schoolId)}/buildings`),
});

export const roomsQuery = (schoolId: string, includeArchived: boolean) => queryOptions({
  queryKey: [...roomsKey(schoolId), 'rooms', includeArchived],
  queryFn: () => api.get<RoomListDto>(`${base(schoolId)}/rooms${includeArchived ? '?includeArchived=true' : ''}`),
});

function useRoomsWrite<Input, Result>(schoolId: string, send: (input: Input) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: roomsKey(schoolId) }),
  });
}

export const useSaveBuilding = (schoolId: string) =>
  useRoomsWrite(schoolId, ({ buildingId, input }: { buildingId: string | null; input: CreateBuildingInput | UpdateBuildingInput }) =>
    buildingId === null
      ? api.post<BuildingDto>(`${base(schoolId)}/buildings`, input)
      : api.patch<BuildingDto>(`${base(schoolId)}/buildings/${id(buildingId)}`, input));

export const useDeleteBuilding = (schoolId: string) =>
  useRoomsWrite(schoolId, (buildingId: string) => api.delete<{ ok: true }>(`${base(schoolId)}/buildings/${id(buildingId)}`));

export const useSaveRoom = (schoolId: string) =>
  useRoomsWrite(schoolId, ({ roomId, input }: { roomId: string | null; input: CreateRoomInput | UpdateRoomInput }) =>
    roomId === null
      ? api.post<RoomDto>(`${base(schoolId)}/rooms`, input)
      : api.patch<RoomDto>(`${base(schoolId)}/rooms/${id(roomId)}`, input));

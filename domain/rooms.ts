// Rooms (SPEC B1): their kinds and whether a room suits a lesson of a subject for a group of a
// given size. The timetable asks `roomSuits` for every candidate room.

export const roomKinds = ['ordinary', 'lab', 'computer', 'gym', 'workshop', 'assembly', 'library', 'other'] as const;
export type RoomKind = (typeof roomKinds)[number];
export const roomKindTitles: Record<RoomKind, string> = {
  ordinary: 'Учебный кабинет',
  lab: 'Лаборатория',
  computer: 'Компьютерный класс',
  gym: 'Спортивный зал',
  workshop: 'Мастерская',
  assembly: 'Актовый зал',
  library: 'Библиотека',
  other: 'Другое',
};
export const isRoomKind = (value: string): value is RoomKind => (roomKinds as readonly string[]).includes(value);

/** Largest number of seats a room may record. */
export const maxRoomCapacity = 1000;

export type SuitableRoom = {
  kind: RoomKind;
  /** Seats; null: not recorded (taken as enough). */
  capacity: number | null;
  /** Subjects the room is set up for; empty: none in particular. */
  subjectIds: readonly string[];
  archived?: boolean;
};

/**
 * Kinds of room where any subject may be taught. A specialised room (lab, computer room, gym,
 * workshop) is kept for the subjects it was set up for; an assembly hall or a library only
 * serves the subjects named for it.
 */
const generalKinds: ReadonlySet<RoomKind> = new Set(['ordinary', 'other']);

/**
 * Whether a lesson of `subjectId` for `groupSize` students may be held in the room: not archived;
 * enough seats (an unrecorded capacity is enough); and either the room names the subject, or it
 * names none and is of a general kind.
 */
export function roomSuits(room: SuitableRoom, subjectId: string, groupSize: number): boolean {
  if (room.archived) return false;
  if (room.capacity !== null && groupSize > room.capacity) return false;
  if (room.subjectIds.length > 0) return room.subjectIds.includes(subjectId);
  return generalKinds.has(room.kind);
}

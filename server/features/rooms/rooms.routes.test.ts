// Routes of buildings and rooms (SPEC B1): create, list with filters, update, archive; validation
// with field paths and nothing saved; unique names; a building with rooms is not deleted; a
// teacher reads but does not write; another school's ids are unknown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subjects } from '../../db/schema';
import { createAccount, createSchool, createTestApp, login, type TestApp } from '../../test/app';
import { ok, schoolClient, type Client } from '../org/org.test-helpers';

let t: TestApp;
let admin: Client;
let teacher: Client;
let adminB: Client;
let chemistryId: string;
let mathId: string;
let foreignSubjectId: string;

type Building = { id: string; name: string; address: string | null; roomCount: number };
type Room = {
  id: string; name: string; kind: string; capacity: number | null; floor: number | null; archived: boolean;
  building: { id: string; name: string } | null; subjects: { id: string; name: string }[];
};
type Issue = { path: string; message: string };
const issuesOf = (res: { statusCode: number; json(): unknown }): Issue[] => {
  expect(res.statusCode).toBe(400);
  const { error } = res.json() as { error: { code: string; details: Issue[] } };
  expect(error.code).toBe('VALIDATION_FAILED');
  return error.details;
};

beforeAll(async () => {
  t = await createTestApp();
  const a = await createSchool(t.database, 'СОШ № 1');
  const b = await createSchool(t.database, 'СОШ № 2');
  await createAccount(t.database, { login: 'ja-a', roles: [{ schoolId: a.id, role: 'journalAdmin' }] });
  await createAccount(t.database, { login: 'teacher-a', roles: [{ schoolId: a.id, role: 'subjectTeacher' }] });
  await createAccount(t.database, { login: 'dir-b', roles: [{ schoolId: b.id, role: 'director' }] });
  admin = schoolClient(t.app, await login(t.app, 'ja-a'), a.id);
  teacher = schoolClient(t.app, await login(t.app, 'teacher-a'), a.id);
  adminB = schoolClient(t.app, await login(t.app, 'dir-b'), b.id);
  const [chemistry, math] = await t.database.db.insert(subjects).values([
    { schoolId: a.id, name: 'Химия', shortName: 'Химия', levels: ['basic', 'secondary'] },
    { schoolId: a.id, name: 'Математика', shortName: 'Матем.', levels: ['primary', 'basic'] },
  ]).returning();
  chemistryId = chemistry!.id;
  mathId = math!.id;
  const [foreign] = await t.database.db.insert(subjects).values({ schoolId: b.id, name: 'Химия', shortName: 'Химия', levels: ['basic'] }).returning();
  foreignSubjectId = foreign!.id;
});
afterAll(async () => { await t.close(); });

describe('buildings', () => {
  let main: Building;

  it('creates, lists and renames a building; the name is unique in the school', async () => {
    main = ok<Building>(await admin.post('/buildings', { name: 'Главный корпус', address: 'ул. Ленина, 1' }), 201);
    expect(main).toMatchObject({ name: 'Главный корпус', address: 'ул. Ленина, 1', roomCount: 0 });
    ok(await admin.post('/buildings', { name: 'Корпус Б', address: null }), 201);
    const taken = await admin.post('/buildings', { name: 'главный корпус', address: null });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'NAME_TAKEN', details: [{ path: 'name' }] });
    const list = ok<{ items: Building[]; total: number }>(await admin.get('/buildings'));
    expect(list.items.map((b) => b.name)).toEqual(['Главный корпус', 'Корпус Б']);
    expect(ok<Building>(await admin.patch(`/buildings/${main.id}`, { address: '' })).address).toBeNull();
    expect(issuesOf(await admin.post('/buildings', { name: '  ', address: null })).map((i) => i.path)).toEqual(['name']);
  });

  it('refuses to delete a building with rooms (409 IN_USE), deletes an empty one', async () => {
    const room = ok<Room>(await admin.post('/rooms', { name: '101', buildingId: main.id, kind: 'ordinary', capacity: 30, floor: 1, note: null, subjectIds: [] }), 201);
    const res = await admin.del(`/buildings/${main.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('IN_USE');
    expect(ok<{ items: Building[] }>(await admin.get('/buildings')).items.find((b) => b.id === main.id)?.roomCount).toBe(1);
    ok(await admin.patch(`/rooms/${room.id}`, { buildingId: null }));
    expect(ok(await admin.del(`/buildings/${main.id}`))).toEqual({ ok: true });
    expect((await admin.del(`/buildings/${main.id}`)).statusCode).toBe(404);
  });
});

describe('rooms', () => {
  let lab: Room;
  let building: Building;

  beforeAll(async () => {
    building = ok<Building>(await admin.post('/buildings', { name: 'Корпус В', address: null }), 201);
  });

  it('creates a lab with the subjects it suits in one request', async () => {
    lab = ok<Room>(await admin.post('/rooms', {
      name: '204', buildingId: building.id, kind: 'lab', capacity: 28, floor: 2, note: 'Вытяжной шкаф', subjectIds: [chemistryId],
    }), 201);
    expect(lab).toMatchObject({ name: '204', kind: 'lab', capacity: 28, floor: 2, archived: false, building: { id: building.id, name: 'Корпус В' } });
    expect(lab.subjects).toEqual([{ id: chemistryId, name: 'Химия' }]);
    expect(ok<Room>(await admin.get(`/rooms/${lab.id}`))).toEqual(lab);
  });

  it('filters by building, kind and subject, and orders room numbers naturally', async () => {
    ok(await admin.post('/rooms', { name: '10', buildingId: building.id, kind: 'ordinary', capacity: null, floor: null, note: null, subjectIds: [mathId] }), 201);
    ok(await admin.post('/rooms', { name: '9', buildingId: building.id, kind: 'ordinary', capacity: 25, floor: 1, note: null, subjectIds: [] }), 201);
    ok(await admin.post('/rooms', { name: 'Спортзал', buildingId: null, kind: 'gym', capacity: 60, floor: 1, note: null, subjectIds: [] }), 201);
    const inBuilding = ok<{ items: Room[] }>(await admin.get(`/rooms?buildingId=${building.id}`));
    expect(inBuilding.items.map((r) => r.name)).toEqual(['9', '10', '204']);
    expect(ok<{ items: Room[] }>(await admin.get('/rooms?kind=gym')).items.map((r) => r.name)).toEqual(['Спортзал']);
    expect(ok<{ items: Room[] }>(await admin.get(`/rooms?subjectId=${chemistryId}`)).items.map((r) => r.name)).toEqual(['204']);
    expect((await admin.get('/rooms?kind=pool')).statusCode).toBe(400);
  });

  it('answers every bad field at once with its path and saves nothing', async () => {
    const before = ok<{ total: number }>(await admin.get('/rooms?includeArchived=true')).total;
    const zodLevel = issuesOf(await admin.post('/rooms', { name: '', kind: 'pool', capacity: 0, floor: 1.5, subjectIds: ['x'] }));
    expect(zodLevel.map((i) => i.path).sort()).toEqual(['capacity', 'floor', 'kind', 'name', 'subjectIds.0']);
    expect(zodLevel.find((i) => i.path === 'capacity')?.message).toBe('Вместимость: не меньше 1');
    expect(issuesOf(await admin.post('/rooms', { name: '301', capacity: 1001 }))[0]).toMatchObject({ path: 'capacity', message: 'Вместимость: не больше 1000' });
    expect(issuesOf(await admin.post('/rooms', { name: '301', capacity: 12.5 }))[0]?.path).toBe('capacity');
    const refs = issuesOf(await admin.post('/rooms', {
      name: '301', buildingId: '00000000-0000-4000-8000-000000000000', kind: 'lab', capacity: 20, subjectIds: [chemistryId, foreignSubjectId],
    }));
    expect(refs).toEqual([
      { path: 'buildingId', code: 'BUILDING_NOT_FOUND', message: 'Здание: нет такого здания в школе' },
      { path: 'subjectIds.1', code: 'SUBJECT_NOT_FOUND', message: 'Предметы: нет такого предмета в школе' },
    ]);
    expect(ok<{ total: number }>(await admin.get('/rooms?includeArchived=true')).total).toBe(before);
  });

  it('refuses a second room of the same name (409 NAME_TAKEN on name)', async () => {
    const res = await admin.post('/rooms', { name: '204', kind: 'ordinary' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'NAME_TAKEN', details: [{ path: 'name' }] });
    const rename = await admin.patch(`/rooms/${lab.id}`, { name: '10' });
    expect(rename.statusCode).toBe(409);
  });

  it('updates a room, replaces its subjects, and a bad update changes nothing', async () => {
    const changed = ok<Room>(await admin.patch(`/rooms/${lab.id}`, { capacity: 30, subjectIds: [chemistryId, mathId] }));
    expect(changed.capacity).toBe(30);
    expect(changed.subjects.map((s) => s.name)).toEqual(['Математика', 'Химия']);
    issuesOf(await admin.patch(`/rooms/${lab.id}`, { capacity: 25, subjectIds: [foreignSubjectId] }));
    expect(ok<Room>(await admin.get(`/rooms/${lab.id}`))).toEqual(changed);
  });

  it('archives a room: gone from the list, kept with includeArchived', async () => {
    ok(await admin.patch(`/rooms/${lab.id}`, { archived: true }));
    expect(ok<{ items: Room[] }>(await admin.get('/rooms')).items.map((r) => r.id)).not.toContain(lab.id);
    const all = ok<{ items: Room[] }>(await admin.get('/rooms?includeArchived=true'));
    expect(all.items.find((r) => r.id === lab.id)?.archived).toBe(true);
  });

  it('a teacher reads rooms and buildings but may not write (403)', async () => {
    expect(ok<{ total: number }>(await teacher.get('/rooms')).total).toBeGreaterThan(0);
    ok(await teacher.get('/buildings'));
    expect((await teacher.post('/rooms', { name: '999' })).statusCode).toBe(403);
    expect((await teacher.patch(`/rooms/${lab.id}`, { capacity: 5 })).statusCode).toBe(403);
    expect((await teacher.post('/buildings', { name: 'Новый', address: null })).statusCode).toBe(403);
    expect((await teacher.del(`/buildings/${building.id}`)).statusCode).toBe(403);
  });

  it('another school\'s rooms and buildings are unknown (404)', async () => {
    expect((await adminB.get(`/rooms/${lab.id}`)).statusCode).toBe(404);
    expect((await adminB.patch(`/rooms/${lab.id}`, { capacity: 5 })).statusCode).toBe(404);
    expect((await adminB.patch(`/buildings/${building.id}`, { name: 'Чужой' })).statusCode).toBe(404);
    expect((await adminB.del(`/buildings/${building.id}`)).statusCode).toBe(404);
    expect(ok<{ total: number }>(await adminB.get('/rooms')).total).toBe(0);
    expect(ok<Room>(await admin.get(`/rooms/${lab.id}`)).capacity).toBe(30);
  });
});

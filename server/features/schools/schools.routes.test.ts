import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, login, type TestApp } from '../../test/app';
import { castPassword, seedCast, type Cast } from '../../test/people';

let t: TestApp;
let cast: Cast;

beforeAll(async () => {
  t = await createTestApp();
  cast = await seedCast(t.database);
});
afterAll(() => t.close());

describe('school card', () => {
  it('shows the school with its area to a guardian, read-only', async () => {
    const s = await login(t.app, cast.logins.guardian, castPassword);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/schools/${cast.schools[0].id}`, headers: as(s) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ shortName: 'Школа № 1', timeZone: 'Asia/Yekaterinburg', region: { name: 'Регион 1' }, permissions: { write: false } });
  });

  it('lets the director rename it and refuses an unknown time zone', async () => {
    const s = await login(t.app, cast.logins.director, castPassword);
    const url = `/api/v1/schools/${cast.schools[0].id}`;
    const renamed = await t.app.inject({ method: 'PATCH', url, headers: as(s, true), payload: { shortName: 'Школа № 1 им. Пушкина' } });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ shortName: 'Школа № 1 им. Пушкина', permissions: { write: true } });
    const bad = await t.app.inject({ method: 'PATCH', url, headers: as(s, true), payload: { timeZone: 'Europe/Atlantis' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('INVALID_TIME_ZONE');
    const empty = await t.app.inject({ method: 'PATCH', url, headers: as(s, true), payload: {} });
    expect(empty.statusCode).toBe(400);
  });

  it('answers 404 for a school the caller has nothing to do with', async () => {
    const s = await login(t.app, cast.logins.director, castPassword);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/schools/${cast.schools[1].id}`, headers: as(s) });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('SCHOOL_NOT_FOUND');
  });
});

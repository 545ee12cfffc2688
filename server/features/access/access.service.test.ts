// The scopes of the matrix resolved against a known cast: who reaches which records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { ManualClock } from '../../lib/clock';
import { createTestDatabase } from '../../test/database';
import { seedCast, type Cast } from '../../test/people';
import type { AuthContext } from '../identity/identity.service';
import { createAccessService, type AccessService, type Visible, type VisibleKind } from './access.service';

let database: Database;
let cast: Cast;
let access: AccessService;

const authOf = (accountId: string): AuthContext => ({ sessionId: 's', accountId, csrfToken: 't', activeSchoolId: null, mustChangePassword: false });
const ids = (v: Visible): string[] | 'all' => (v.all ? 'all' : [...v.ids].sort());

beforeAll(async () => {
  database = await createTestDatabase();
  cast = await seedCast(database);
  access = createAccessService({ db: database.db, clock: new ManualClock() });
});
afterAll(() => database.close());

async function reach(role: keyof Cast['accountIds'], kind: VisibleKind): Promise<string[] | 'all'> {
  const resource = kind;
  const a = await access.authorize(authOf(cast.accountIds[role]), cast.schools[0].id, resource, 'read');
  return ids(await access.visible(a, kind));
}

describe('access service', () => {
  it('administration and area roles reach the whole school', async () => {
    for (const role of ['director', 'deputy', 'journalAdmin', 'regionAdmin', 'municipalityAdmin'] as const) {
      expect(await reach(role, 'student')).toBe('all');
    }
  });

  it('a subject teacher of one subgroup reaches that subgroup, its class and its members', async () => {
    const s = cast.schools[0];
    expect(await reach('subjectTeacher', 'studyGroup')).toEqual([s.groupA]);
    expect(await reach('subjectTeacher', 'class')).toEqual([s.classA]);
    expect(await reach('subjectTeacher', 'student')).toEqual([s.studentA]);
  });

  it('a class teacher reaches their class, its students, groups and guardians', async () => {
    const s = cast.schools[0];
    expect(await reach('classTeacher', 'class')).toEqual([s.classB]);
    expect(await reach('classTeacher', 'student')).toEqual([s.studentB]);
    expect(await reach('classTeacher', 'studyGroup')).toEqual([s.groupB]);
    expect(await reach('classTeacher', 'guardian')).toEqual([s.guardianB]);
  });

  it('a guardian reaches their child and the child\'s class and groups; a student only themself', async () => {
    const s = cast.schools[0];
    expect(await reach('guardian', 'student')).toEqual([s.studentA]);
    expect(await reach('guardian', 'class')).toEqual([s.classA]);
    expect(await reach('guardian', 'studyGroup')).toEqual([s.groupA]);
    expect(await reach('guardian', 'guardian')).toEqual([s.guardianA]);
    expect(await reach('student', 'student')).toEqual([s.studentA]);
    expect(await reach('student', 'class')).toEqual([s.classA]);
  });

  it('another school answers 404 for everyone, and a denied action 403', async () => {
    for (const role of Object.keys(cast.accountIds) as (keyof Cast['accountIds'])[]) {
      await expect(access.authorize(authOf(cast.accountIds[role]), cast.schools[1].id, 'student', 'read')).rejects.toMatchObject({ status: 404, code: 'SCHOOL_NOT_FOUND' });
    }
    await expect(access.authorize(authOf(cast.accountIds.student), cast.schools[0].id, 'employee', 'read')).rejects.toMatchObject({ status: 403 });
    await expect(access.authorize(authOf(cast.accountIds.subjectTeacher), cast.schools[0].id, 'student', 'write')).rejects.toMatchObject({ status: 403 });
  });

  it('an out-of-scope id is refused exactly like a missing one', async () => {
    const s = cast.schools[0];
    const a = await access.authorize(authOf(cast.accountIds.guardian), s.id, 'student', 'read');
    await expect(access.ensureVisible(a, 'student', s.studentA)).resolves.toBeUndefined();
    const other = await access.ensureVisible(a, 'student', s.studentB).catch((e: unknown) => e);
    const missing = await access.ensureVisible(a, 'student', '01900000-0000-7000-8000-000000000000').catch((e: unknown) => e);
    expect(other).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(missing).toMatchObject({ status: 404, code: 'NOT_FOUND', message: (other as Error).message });
  });
});

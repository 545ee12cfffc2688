// Region and municipality administration (SPEC A1, A3): the schools of the caller's area with
// their directors, appointing a director, and the first area administrator from the command
// line, which starts the grant chain of an installation.
import type { AppointDirectorInput, AreaSchoolListDto, GrantRoleResultDto } from '../../../contracts/access';
import { normalizeName } from '../../../domain/person';
import type { AreaRole } from '../../../domain/roles';
import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { AppError } from '../../lib/errors';
import { generatePassword, hashPassword } from '../../lib/passwords';
import { loginPattern } from '../identity/credentials';
import * as identityRepo from '../identity/identity.repo';
import { normalizeLogin, type AuthContext, type RequestMeta } from '../identity/identity.service';
import * as repo from './area.repo';
import type { GrantsService } from './grants.service';

const notAreaAdmin = (): never => {
  throw new AppError('FORBIDDEN', 403, 'Раздел доступен администраторам региона и муниципалитета');
};

/** A name from a form or the command line, cleaned the way imports clean it; a bad one is a 400. */
export function cleanName(raw: string | null | undefined, what: string, required: boolean): string | null {
  const result = normalizeName(raw, what);
  if (!result.ok) throw new AppError(result.code, 400, result.message);
  if (required && result.value === null) throw new AppError('NAME_REQUIRED', 400, `${what}: обязательное поле`);
  return result.value;
}

export function createAreaService({ db, grants }: { db: Db; grants: GrantsService }) {
  async function listSchools(auth: AuthContext): Promise<AreaSchoolListDto> {
    const areas = await identityRepo.listAreaRoles(db, auth.accountId);
    if (areas.length === 0) notAreaAdmin();
    const [names, schools] = await Promise.all([repo.describeAreas(db, areas), repo.schoolsOfAreas(db, areas)]);
    const directors = await repo.directorsOf(db, schools.map((s) => s.id));
    return {
      areas: areas.map((a) => {
        const name = names.get(`${a.regionId}/${a.municipalityId ?? ''}`);
        return { role: a.role, region: name?.region ?? '', municipality: name?.municipality ?? null };
      }),
      schools: schools.map((s) => ({
        ...s,
        directors: directors.filter((d) => d.schoolId === s.id).map((d) => ({
          grantId: d.grantId, account: d.account, employeeId: d.employeeId, grantedAt: d.grantedAt.toISOString(),
        })),
      })),
    };
  }

  /** An employee of the school, or a new person added to its staff, becomes director (with credentials when they had no account). */
  async function appointDirector(auth: AuthContext, schoolId: string, input: AppointDirectorInput, meta: RequestMeta): Promise<GrantRoleResultDto> {
    if (input.employeeId) return grants.grant(auth, schoolId, { employeeId: input.employeeId, role: 'director' }, meta);
    const person = {
      lastName: cleanName(input.lastName, 'Фамилия', true)!,
      firstName: cleanName(input.firstName, 'Имя', true)!,
      middleName: cleanName(input.middleName, 'Отчество', false),
      position: input.position?.trim() || 'Директор',
    };
    return grants.grantToNewEmployee(auth, schoolId, person, 'director', meta);
  }

  return { listSchools, appointDirector };
}

export type AreaService = ReturnType<typeof createAreaService>;

export type NewAreaAdmin = {
  regionCode: string;
  municipalityName: string | null;
  login: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
};

/**
 * The first administrator of a region (or of one municipality) from the command line: an
 * account with a one-time password and the area role. From there the chain goes on in the UI.
 */
export async function createAreaAdmin(db: Db, clock: Clock, input: NewAreaAdmin): Promise<{ login: string; password: string; role: AreaRole; area: string }> {
  const login = normalizeLogin(input.login);
  if (!loginPattern.test(login)) {
    throw new AppError('INVALID_LOGIN', 400, 'Логин: 2–63 символа, латинские буквы, цифры, точка, дефис, подчёркивание; начинается с буквы или цифры');
  }
  const lastName = cleanName(input.lastName, 'Фамилия', true)!;
  const firstName = cleanName(input.firstName, 'Имя', true)!;
  const middleName = cleanName(input.middleName, 'Отчество', false);
  const region = (await repo.findRegionByCode(db, input.regionCode.trim()))
    ?? (() => { throw new AppError('REGION_NOT_FOUND', 404, `Регион с кодом ${input.regionCode} не найден`); })();
  const municipality = input.municipalityName === null ? null
    : (await repo.findMunicipality(db, region.id, input.municipalityName.trim()))
      ?? (() => { throw new AppError('MUNICIPALITY_NOT_FOUND', 404, `Муниципалитет «${input.municipalityName}» в регионе «${region.name}» не найден`); })();
  if (await identityRepo.findAccountByLogin(db, login)) throw new AppError('LOGIN_TAKEN', 409, `Логин ${login} уже занят`);
  const role: AreaRole = municipality ? 'municipalityAdmin' : 'regionAdmin';
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const at = clock.now();
  await db.transaction(async (tx) => {
    const account = await identityRepo.insertAccount(tx, {
      login, passwordHash, mustChangePassword: true, passwordChangedAt: at, lastName, firstName, middleName,
    });
    const grantId = await repo.insertAreaGrant(tx, { accountId: account.id, role, regionId: region.id, municipalityId: municipality?.id ?? null, grantedAt: at });
    await identityRepo.insertSecurityEvent(tx, {
      kind: 'role.granted', accountId: account.id, at,
      details: { role, areaGrantId: grantId, regionId: region.id, municipalityId: municipality?.id ?? null, via: 'cli' },
    });
  });
  return { login, password, role, area: municipality ? `${municipality.name}, ${region.name}` : region.name };
}

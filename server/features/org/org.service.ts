// Rules of the org area available so far: creating a school under its region and municipality.
import type { Db, Queryable } from '../../db/client';
import { AppError } from '../../lib/errors';
import * as repo from './org.repo';

export type CreateSchoolInput = {
  name: string;
  shortName: string;
  timeZone: string;
  regionCode: string;
  regionName: string;
  municipalityName: string;
};

export const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('ru-RU', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

export async function createSchool(db: Db, input: CreateSchoolInput) {
  if (!isTimeZone(input.timeZone)) throw new AppError('INVALID_TIME_ZONE', 400, `Неизвестный часовой пояс: ${input.timeZone}`);
  return db.transaction(async (tx) => {
    const regionId = await repo.findOrInsertRegion(tx, input.regionCode, input.regionName);
    const municipalityId = await repo.findOrInsertMunicipality(tx, regionId, input.municipalityName);
    return repo.insertSchool(tx, { municipalityId, name: input.name, shortName: input.shortName, timeZone: input.timeZone });
  });
}

export const schoolExists = async (db: Db, schoolId: string): Promise<boolean> => (await repo.findSchool(db, schoolId)) !== null;
export const hasAnySchool = async (db: Db): Promise<boolean> => (await repo.countSchools(db)) > 0;

export type NewEmployee = { schoolId: string; accountId: string | null; lastName: string; firstName: string; middleName: string | null; position: string };

export async function addEmployee(db: Queryable, employee: NewEmployee): Promise<void> {
  await repo.insertEmployee(db, employee);
}

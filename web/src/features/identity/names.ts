// How a person's name is written on screen.
import type { MeDto } from '../../../../contracts/identity';

type PersonName = Pick<MeDto['account'], 'lastName' | 'firstName' | 'middleName'>;

const joinParts = (parts: readonly (string | null)[]): string =>
  parts.map((part) => part?.trim() ?? '').filter((part) => part !== '').join(' ');

/** «Фамилия Имя Отчество». */
export const fullName = (person: PersonName): string => joinParts([person.lastName, person.firstName, person.middleName]);

/** «Имя Отчество», the polite form of address. */
export const addressName = (person: PersonName): string => joinParts([person.firstName, person.middleName]);

/** «Фамилия И. О.», where space is short. */
export const shortName = (person: PersonName): string => {
  const initials = [person.firstName, person.middleName]
    .map((part) => part?.trim() ?? '')
    .filter((part) => part !== '')
    .map((part) => `${part[0]}.`)
    .join(' ');
  return joinParts([person.lastName, initials]);
};

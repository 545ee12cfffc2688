import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAdministrationRole, isStaffRole, roleTitles, schoolRoles, sortRoles } from './roles';

const someRoles = fc.array(fc.constantFrom(...schoolRoles), { maxLength: 12 });

describe('roles', () => {
  it('sortRoles is an ordered permutation and idempotent', () => {
    fc.assert(fc.property(someRoles, (roles) => {
      const sorted = sortRoles(roles);
      expect([...sorted].sort()).toEqual([...roles].sort());
      expect(sortRoles(sorted)).toEqual(sorted);
      for (let i = 1; i < sorted.length; i++) {
        expect(schoolRoles.indexOf(sorted[i - 1]!)).toBeLessThanOrEqual(schoolRoles.indexOf(sorted[i]!));
      }
    }));
  });

  it('administration roles are staff roles; students and guardians are neither', () => {
    for (const role of schoolRoles) {
      if (isAdministrationRole(role)) expect(isStaffRole(role)).toBe(true);
      expect(roleTitles[role]).toMatch(/[А-Яа-яЁё]/);
    }
    expect(isStaffRole('student') || isStaffRole('guardian')).toBe(false);
  });
});

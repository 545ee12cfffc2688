import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accessMatrix, actions, actionsOf, grantableBy, grantableRoles, mayGrant, reachesWholeSchool, resources, scopesOf, type Resource, type Role } from './access';
import { areaRoles, schoolRoles } from './roles';

const allRoles: readonly Role[] = [...schoolRoles, ...areaRoles];
const someRoles = fc.array(fc.constantFrom(...allRoles), { maxLength: 6 });
const resource = fc.constantFrom(...resources);
const action = fc.constantFrom(...actions);

/** Rank by breadth: a role may only hand out roles ranked strictly below its own. */
const rank: Record<Role, number> = {
  regionAdmin: 0, municipalityAdmin: 0, director: 1, deputy: 2, journalAdmin: 2,
  subjectTeacher: 3, classTeacher: 3, student: 4, guardian: 4,
};

describe('access matrix', () => {
  it('an empty role list reaches nothing', () => {
    fc.assert(fc.property(resource, action, (r, a) => {
      expect(scopesOf([], r, a)).toEqual([]);
    }));
  });

  it('more roles never reach less: scopes of a union are the union of scopes', () => {
    fc.assert(fc.property(someRoles, someRoles, resource, action, (x, y, r, a) => {
      const both = new Set(scopesOf([...x, ...y], r, a));
      expect(both).toEqual(new Set([...scopesOf(x, r, a), ...scopesOf(y, r, a)]));
    }));
  });

  it('students and guardians write nothing but the own submitted work of a student, and never read other people beyond themselves and their children', () => {
    // The school card and its published programme documents are the school's, not people's.
    const schoolWide: readonly Resource[] = ['school', 'programmeDocument'];
    for (const role of ['student', 'guardian'] as const) {
      for (const r of resources) {
        const write = accessMatrix[role][r]?.write;
        if (role === 'student' && r === 'submission') expect(write).toBe('self');
        else expect(write, `${role} ${r}`).toBeUndefined();
        const read = accessMatrix[role][r]?.read;
        if (!schoolWide.includes(r) && read) expect(['self', 'children']).toContain(read);
      }
    }
  });

  it('region and municipality roles only read, except appointing directors, issuing their passwords and publishing samples', () => {
    for (const role of areaRoles) {
      for (const r of resources) {
        const cell = accessMatrix[role][r];
        if (cell?.read) expect(cell.read).toBe('area');
        if (r !== 'roleGrant' && r !== 'credential' && r !== 'sample') expect(cell?.write, `${role} ${r}`).toBeUndefined();
      }
    }
  });

  it('teachers write only their teaching (programmes, the journal, submitted work) for what they teach, never people or roles, and never see security events', () => {
    const teaching: readonly Resource[] = ['workProgramme', 'journal', 'submission'];
    for (const role of ['subjectTeacher', 'classTeacher'] as const) {
      for (const r of resources) {
        const write = accessMatrix[role][r]?.write;
        if (teaching.includes(r) && write !== undefined) expect(write, `${role} ${r}`).toBe('taught');
        else expect(write, `${role} ${r}`).toBeUndefined();
      }
      expect(accessMatrix[role].securityEvent).toBeUndefined();
      expect(accessMatrix[role].roleGrant).toBeUndefined();
    }
  });

  it('the matrix gives no cell for an action a resource does not have', () => {
    for (const role of allRoles) {
      for (const r of resources) {
        for (const a of actions) if (!actionsOf(r).includes(a)) expect(accessMatrix[role][r]?.[a], `${role} ${r} ${a}`).toBeUndefined();
      }
    }
  });

  it('school and area scopes reach the whole school; the narrow scopes do not', () => {
    expect(reachesWholeSchool(['taught', 'school'])).toBe(true);
    expect(reachesWholeSchool(['area'])).toBe(true);
    expect(reachesWholeSchool(['taught', 'ownClass', 'children', 'self'])).toBe(false);
  });
});

describe('grant chain', () => {
  it('nobody grants a role at or above their own rank', () => {
    for (const role of allRoles) {
      for (const granted of grantableBy[role]) expect(rank[granted], `${role} → ${granted}`).toBeGreaterThan(rank[role]);
    }
  });

  it('only area roles appoint directors; only the director makes deputies and journal admins', () => {
    fc.assert(fc.property(someRoles, (roles) => {
      expect(mayGrant(roles, 'director')).toBe(roles.some((r) => r === 'regionAdmin' || r === 'municipalityAdmin'));
      expect(mayGrant(roles, 'deputy')).toBe(roles.includes('director'));
      expect(mayGrant(roles, 'journalAdmin')).toBe(roles.includes('director'));
      expect(mayGrant(roles, 'student') || mayGrant(roles, 'guardian')).toBe(false);
    }));
  });

  it('grantableRoles lists exactly the roles mayGrant allows, without repeats', () => {
    fc.assert(fc.property(someRoles, (roles) => {
      const listed = grantableRoles(roles);
      expect(new Set(listed).size).toBe(listed.length);
      for (const r of schoolRoles) expect(listed.includes(r)).toBe(mayGrant(roles, r));
    }));
  });

  it('whoever may grant roles also has the roleGrant write cell', () => {
    for (const role of allRoles) {
      if (grantableBy[role].length > 0) expect(scopesOf([role], 'roleGrant', 'write').length).toBe(1);
    }
  });
});

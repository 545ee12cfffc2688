// What the access checks read: a caller's roles and links to people in a school, and the
// records each scope reaches.
import { and, eq, gte, inArray, isNull, lte, or, type Column } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import {
  areaRoleGrants, classes, employees, enrollments, guardians, municipalities, schoolRoleGrants, schools,
  studentGuardians, studyGroupMembers, studyGroups, students, teachingLoads,
} from '../../db/schema';
import type { AreaRole, SchoolRole } from '../../../domain/roles';

export async function findSchoolArea(db: Queryable, schoolId: string): Promise<{ municipalityId: string; regionId: string; timeZone: string } | null> {
  const [row] = await db.select({ municipalityId: schools.municipalityId, regionId: municipalities.regionId, timeZone: schools.timeZone })
    .from(schools).innerJoin(municipalities, eq(municipalities.id, schools.municipalityId))
    .where(eq(schools.id, schoolId)).limit(1);
  return row ?? null;
}

export async function activeSchoolRoles(db: Queryable, accountId: string, schoolId: string): Promise<SchoolRole[]> {
  const rows = await db.select({ role: schoolRoleGrants.role }).from(schoolRoleGrants)
    .where(and(eq(schoolRoleGrants.schoolId, schoolId), eq(schoolRoleGrants.accountId, accountId), isNull(schoolRoleGrants.revokedAt)));
  return rows.map((r) => r.role as SchoolRole);
}

/** Area roles of an account that cover a school (its whole region, or its municipality). */
export async function areaRolesOver(db: Queryable, accountId: string, area: { regionId: string; municipalityId: string }): Promise<AreaRole[]> {
  const rows = await db.select({ role: areaRoleGrants.role }).from(areaRoleGrants).where(and(
    eq(areaRoleGrants.accountId, accountId),
    isNull(areaRoleGrants.revokedAt),
    eq(areaRoleGrants.regionId, area.regionId),
    or(isNull(areaRoleGrants.municipalityId), eq(areaRoleGrants.municipalityId, area.municipalityId)),
  ));
  return rows.map((r) => r.role as AreaRole);
}

export type PeopleLinks = { employeeIds: string[]; studentIds: string[]; guardianIds: string[] };

export async function peopleOfAccount(db: Queryable, accountId: string, schoolId: string): Promise<PeopleLinks> {
  const [e, s, g] = await Promise.all([
    db.select({ id: employees.id }).from(employees).where(and(eq(employees.schoolId, schoolId), eq(employees.accountId, accountId))),
    db.select({ id: students.id }).from(students).where(and(eq(students.schoolId, schoolId), eq(students.accountId, accountId))),
    db.select({ id: guardians.id }).from(guardians).where(and(eq(guardians.schoolId, schoolId), eq(guardians.accountId, accountId))),
  ]);
  return { employeeIds: e.map((r) => r.id), studentIds: s.map((r) => r.id), guardianIds: g.map((r) => r.id) };
}

/** A dated membership (enrollment, group membership) that touches the period. */
const overlaps = (starts: Column, ends: Column, from: string, to: string) =>
  and(lte(starts, to), or(isNull(ends), gte(ends, from)));

export type Period = { from: string; to: string };

/**
 * A teacher's load for a year: classes taught whole, study groups, and the classes those groups
 * split. A teacher of a subgroup sees the class (its name, its journal) but only the
 * subgroup's students.
 */
export async function taughtUnits(db: Queryable, schoolId: string, employeeIds: string[], year: number): Promise<{ classIds: string[]; groupIds: string[]; groupClassIds: string[] }> {
  if (employeeIds.length === 0) return { classIds: [], groupIds: [], groupClassIds: [] };
  const rows = await db.select({ classId: teachingLoads.classId, groupId: teachingLoads.studyGroupId }).from(teachingLoads)
    .where(and(eq(teachingLoads.schoolId, schoolId), inArray(teachingLoads.employeeId, employeeIds), eq(teachingLoads.academicYear, year)));
  const groupIds = [...new Set(rows.flatMap((r) => (r.groupId ? [r.groupId] : [])))];
  const classIds = [...new Set(rows.flatMap((r) => (r.classId ? [r.classId] : [])))];
  const groupClassIds = new Set<string>();
  if (groupIds.length > 0) {
    const groupClasses = await db.select({ classId: studyGroups.classId }).from(studyGroups)
      .where(and(eq(studyGroups.schoolId, schoolId), inArray(studyGroups.id, groupIds)));
    for (const g of groupClasses) if (g.classId) groupClassIds.add(g.classId);
  }
  return { classIds, groupIds, groupClassIds: [...groupClassIds] };
}

export async function classesLedBy(db: Queryable, schoolId: string, employeeIds: string[], year: number): Promise<string[]> {
  if (employeeIds.length === 0) return [];
  const rows = await db.select({ id: classes.id }).from(classes)
    .where(and(eq(classes.schoolId, schoolId), inArray(classes.classTeacherId, employeeIds), eq(classes.academicYear, year)));
  return rows.map((r) => r.id);
}

export async function childrenOf(db: Queryable, schoolId: string, guardianIds: string[]): Promise<string[]> {
  if (guardianIds.length === 0) return [];
  const rows = await db.select({ id: studentGuardians.studentId }).from(studentGuardians)
    .where(and(eq(studentGuardians.schoolId, schoolId), inArray(studentGuardians.guardianId, guardianIds)));
  return [...new Set(rows.map((r) => r.id))];
}

/** Students in these classes or groups at any time within the period. */
export async function studentsOfUnits(db: Queryable, schoolId: string, units: { classIds: string[]; groupIds: string[] }, period: Period): Promise<string[]> {
  const ids = new Set<string>();
  if (units.classIds.length > 0) {
    const rows = await db.select({ id: enrollments.studentId }).from(enrollments).where(and(
      eq(enrollments.schoolId, schoolId), inArray(enrollments.classId, units.classIds),
      overlaps(enrollments.startsOn, enrollments.endsOn, period.from, period.to),
    ));
    for (const r of rows) ids.add(r.id);
  }
  if (units.groupIds.length > 0) {
    const rows = await db.select({ id: studyGroupMembers.studentId }).from(studyGroupMembers).where(and(
      eq(studyGroupMembers.schoolId, schoolId), inArray(studyGroupMembers.studyGroupId, units.groupIds),
      overlaps(studyGroupMembers.startsOn, studyGroupMembers.endsOn, period.from, period.to),
    ));
    for (const r of rows) ids.add(r.id);
  }
  return [...ids];
}

/** Classes and study groups these students belong to at any time within the period. */
export async function unitsOfStudents(db: Queryable, schoolId: string, studentIds: string[], period: Period): Promise<{ classIds: string[]; groupIds: string[] }> {
  if (studentIds.length === 0) return { classIds: [], groupIds: [] };
  const [c, g] = await Promise.all([
    db.select({ id: enrollments.classId }).from(enrollments).where(and(
      eq(enrollments.schoolId, schoolId), inArray(enrollments.studentId, studentIds),
      overlaps(enrollments.startsOn, enrollments.endsOn, period.from, period.to),
    )),
    db.select({ id: studyGroupMembers.studyGroupId }).from(studyGroupMembers).where(and(
      eq(studyGroupMembers.schoolId, schoolId), inArray(studyGroupMembers.studentId, studentIds),
      overlaps(studyGroupMembers.startsOn, studyGroupMembers.endsOn, period.from, period.to),
    )),
  ]);
  return { classIds: [...new Set(c.map((r) => r.id))], groupIds: [...new Set(g.map((r) => r.id))] };
}

export async function groupsOfClasses(db: Queryable, schoolId: string, classIds: string[]): Promise<string[]> {
  if (classIds.length === 0) return [];
  const rows = await db.select({ id: studyGroups.id }).from(studyGroups)
    .where(and(eq(studyGroups.schoolId, schoolId), inArray(studyGroups.classId, classIds)));
  return rows.map((r) => r.id);
}

export async function guardiansOfStudents(db: Queryable, schoolId: string, studentIds: string[]): Promise<string[]> {
  if (studentIds.length === 0) return [];
  const rows = await db.select({ id: studentGuardians.guardianId }).from(studentGuardians)
    .where(and(eq(studentGuardians.schoolId, schoolId), inArray(studentGuardians.studentId, studentIds)));
  return [...new Set(rows.map((r) => r.id))];
}


// Requests and answers of the identity area: login, logout, the current user, password change.
import { z } from 'zod';
import { areaRoles, schoolRoles } from '../domain/roles';
import { Uuid } from './common';

export const SchoolRole = z.enum(schoolRoles);
export const AreaRole = z.enum(areaRoles);

export const LoginInput = z.object({
  login: z.string().trim().min(1, 'Введите логин').max(100),
  password: z.string().min(1, 'Введите пароль').max(200),
}).meta({ id: 'LoginInput' });
export type LoginInput = z.infer<typeof LoginInput>;

export const MeSchool = z.object({
  id: Uuid,
  name: z.string(),
  shortName: z.string(),
  timeZone: z.string(),
  roles: z.array(SchoolRole),
});
export type MeSchool = z.infer<typeof MeSchool>;

export const MeDto = z.object({
  account: z.object({
    id: Uuid,
    login: z.string(),
    lastName: z.string(),
    firstName: z.string(),
    middleName: z.string().nullable(),
    mustChangePassword: z.boolean(),
  }),
  schools: z.array(MeSchool),
  areaRoles: z.array(z.object({ role: AreaRole, regionId: Uuid, municipalityId: Uuid.nullable() })),
  activeSchoolId: Uuid.nullable(),
  /** Send back as the X-CSRF-Token header on every write. */
  csrfToken: z.string(),
  /** True when the installation runs the demo school: the UI shows a banner. */
  demo: z.boolean(),
}).meta({ id: 'Me' });
export type MeDto = z.infer<typeof MeDto>;

export const SetActiveSchoolInput = z.object({ schoolId: Uuid }).meta({ id: 'SetActiveSchoolInput' });
export type SetActiveSchoolInput = z.infer<typeof SetActiveSchoolInput>;

export const passwordMinLength = 8;

export const ChangePasswordInput = z.object({
  currentPassword: z.string().min(1, 'Введите текущий пароль').max(200),
  newPassword: z.string()
    .min(passwordMinLength, `Пароль должен быть не короче ${passwordMinLength} символов`)
    .max(200, 'Пароль слишком длинный'),
}).meta({ id: 'ChangePasswordInput' });
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

export const PublicInfoDto = z.object({
  name: z.string(),
  demo: z.boolean(),
  demoLogins: z.array(z.object({ login: z.string(), title: z.string() })),
}).meta({ id: 'PublicInfo' });
export type PublicInfoDto = z.infer<typeof PublicInfoDto>;

/** One of the user's own open sessions (SPEC A7: sessions can be listed and ended by their owner). */
export const SessionDto = z.object({
  id: Uuid,
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  current: z.boolean(),
}).meta({ id: 'Session' });
export type SessionDto = z.infer<typeof SessionDto>;

export const SessionListDto = z.object({ sessions: z.array(SessionDto) }).meta({ id: 'SessionList' });
export type SessionListDto = z.infer<typeof SessionListDto>;

export const SessionParams = z.object({ sessionId: Uuid });

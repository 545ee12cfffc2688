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

/** OpenID Connect providers (SPEC A4): Госуслуги (ЕСИА) for parents, the regional service for students. */
export const ssoProviderKeys = ['esia', 'regionalSso'] as const;
export const SsoProviderKey = z.enum(ssoProviderKeys);
export type SsoProviderKey = z.infer<typeof SsoProviderKey>;

export const SsoProviderDto = z.object({ key: SsoProviderKey, title: z.string() }).meta({ id: 'SsoProvider' });
export type SsoProviderDto = z.infer<typeof SsoProviderDto>;

/**
 * Why a login through a provider failed; the callback sends the browser to `/login?ssoError=<code>`.
 * state: the login took too long, was already used or began in another browser; denied: the person
 * declined at the provider; unavailable: the provider did not answer; disabled: the account is
 * blocked; failed: the provider's answer did not pass the checks.
 */
export const ssoErrorCodes = ['state', 'denied', 'unavailable', 'disabled', 'failed'] as const;
export type SsoErrorCode = (typeof ssoErrorCodes)[number];

/** Why no account was opened; the callback sends the browser to `/login/sso-no-match?reason=<code>`. */
export const ssoNoMatchReasons = ['no-match', 'ambiguous'] as const;
export type SsoNoMatchReason = (typeof ssoNoMatchReasons)[number];

export const SsoStartQuery = z.object({
  /** A path of this site to open after the login; anything else is ignored. */
  returnTo: z.string().max(2000).optional(),
});
export const SsoProviderParams = z.object({ provider: z.string().max(50) });
/** What a provider sends back (RFC 6749 §4.1.2, RFC 9207); the raw query is checked by the OpenID Connect client. */
export const SsoCallbackQuery = z.object({
  code: z.string().max(2000).optional(),
  state: z.string().max(500).optional(),
  iss: z.string().max(2000).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
});

export const PublicInfoDto = z.object({
  name: z.string(),
  demo: z.boolean(),
  demoLogins: z.array(z.object({ login: z.string(), title: z.string() })),
  /** Providers enabled on this installation, in the order the login page shows them. */
  ssoProviders: z.array(SsoProviderDto),
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

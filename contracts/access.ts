// Requests and answers of the access area: role grants (the grant chain, SPEC A3), issued
// credentials (A4), the security-events view (A7) and the schools of a region or municipality.
import { z } from 'zod';
import { Uuid } from './common';
import { AreaRole, SchoolRole } from './identity';

export const AccessSchoolParams = z.object({ schoolId: Uuid });
export const RoleGrantParams = z.object({ schoolId: Uuid, grantId: Uuid });

const Instant = z.iso.datetime();

/** Who an account is, as a list shows it. */
export const AccountRef = z.object({
  id: Uuid,
  login: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string().nullable(),
}).meta({ id: 'AccountRef' });
export type AccountRef = z.infer<typeof AccountRef>;

export const RoleGrantDto = z.object({
  id: Uuid,
  role: SchoolRole,
  account: AccountRef,
  /** The employee record of the school the account stands for, when there is one. */
  employeeId: Uuid.nullable(),
  grantedAt: Instant,
  grantedBy: AccountRef.nullable(),
  revokedAt: Instant.nullable(),
  revokedBy: AccountRef.nullable(),
}).meta({ id: 'RoleGrant' });
export type RoleGrantDto = z.infer<typeof RoleGrantDto>;

export const RoleGrantListQuery = z.object({
  /** 1: revoked grants too, newest first. */
  history: z.enum(['0', '1']).optional(),
});

export const RoleGrantListDto = z.object({ grants: z.array(RoleGrantDto) }).meta({ id: 'RoleGrantList' });
export type RoleGrantListDto = z.infer<typeof RoleGrantListDto>;

export const GrantableRolesDto = z.object({
  /** Roles the caller may grant and revoke in this school, broadest first. */
  roles: z.array(SchoolRole),
  /** Whether the caller may issue logins and one-time passwords to the staff. */
  canIssueCredentials: z.boolean(),
}).meta({ id: 'GrantableRoles' });
export type GrantableRolesDto = z.infer<typeof GrantableRolesDto>;

export const GrantRoleInput = z.object({
  employeeId: Uuid,
  role: SchoolRole,
}).meta({ id: 'GrantRoleInput' });
export type GrantRoleInput = z.infer<typeof GrantRoleInput>;

/** A login and a one-time password, shown once; the server keeps only the password's hash. */
export const IssuedCredentialDto = z.object({
  login: z.string(),
  password: z.string(),
}).meta({ id: 'IssuedCredential' });
export type IssuedCredentialDto = z.infer<typeof IssuedCredentialDto>;

export const GrantRoleResultDto = z.object({
  grant: RoleGrantDto,
  /** False when the role was already held: nothing changed. */
  created: z.boolean(),
  /** Present when the employee had no account and one was made for them. */
  credentials: IssuedCredentialDto.nullable(),
}).meta({ id: 'GrantRoleResult' });
export type GrantRoleResultDto = z.infer<typeof GrantRoleResultDto>;

export const RevokeRoleResultDto = z.object({ grant: RoleGrantDto }).meta({ id: 'RevokeRoleResult' });
export type RevokeRoleResultDto = z.infer<typeof RevokeRoleResultDto>;

/** One employee of the school with their account and active staff roles (the «Сотрудники и роли» table). */
export const StaffAccessDto = z.object({
  id: Uuid,
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string().nullable(),
  position: z.string(),
  account: z.object({
    id: Uuid,
    login: z.string(),
    /** A one-time password was issued and not yet replaced. */
    mustChangePassword: z.boolean(),
    hasPassword: z.boolean(),
  }).nullable(),
  grants: z.array(z.object({ id: Uuid, role: SchoolRole, grantedAt: Instant })),
}).meta({ id: 'StaffAccess' });
export type StaffAccessDto = z.infer<typeof StaffAccessDto>;

export const StaffAccessListDto = z.object({ employees: z.array(StaffAccessDto) }).meta({ id: 'StaffAccessList' });
export type StaffAccessListDto = z.infer<typeof StaffAccessListDto>;

export const maxCredentialsPerRequest = 300;

export const IssueCredentialsInput = z.object({
  employeeIds: z.array(Uuid)
    .min(1, 'Выберите хотя бы одного сотрудника')
    .max(maxCredentialsPerRequest, `За один раз — не больше ${maxCredentialsPerRequest} сотрудников`),
  /** The same as `Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`. */
  format: z.enum(['json', 'xlsx']).optional(),
}).meta({ id: 'IssueCredentialsInput' });
export type IssueCredentialsInput = z.infer<typeof IssueCredentialsInput>;

export const CredentialRowDto = z.object({
  employeeId: Uuid,
  /** «Фамилия Имя Отчество». */
  name: z.string().max(310),
  position: z.string().max(300),
  login: z.string().max(100),
  password: z.string().max(200),
  /** created: a new account; reset: a new one-time password for an existing one. */
  kind: z.enum(['created', 'reset']),
}).meta({ id: 'CredentialRow' });
export type CredentialRowDto = z.infer<typeof CredentialRowDto>;

/** The credential sheet handed to the staff: printed, or downloaded as XLSX. */
export const CredentialSheetDto = z.object({
  school: z.string().max(300),
  issuedAt: Instant,
  rows: z.array(CredentialRowDto).max(maxCredentialsPerRequest),
}).meta({ id: 'CredentialSheet' });
export type CredentialSheetDto = z.infer<typeof CredentialSheetDto>;

export const xlsxMediaType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const isCalendarDate = (v: string): boolean => {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};
const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Дата в виде ГГГГ-ММ-ДД').refine(isCalendarDate, 'Такой даты нет');

export const SecurityEventQuery = z.object({
  /** An event kind (role.granted, login.failed…) or a prefix ending with a dot (login.). */
  kind: z.string().regex(/^[a-z][a-zA-Z0-9._-]{0,62}$/, 'Неизвестный вид события').optional(),
  /** Local dates of the school, inclusive. */
  from: LocalDate.optional(),
  to: LocalDate.optional(),
  page: z.coerce.number().int('Номер страницы — целое число').min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type SecurityEventQuery = z.infer<typeof SecurityEventQuery>;

export const SecurityEventDto = z.object({
  id: Uuid,
  at: Instant,
  kind: z.string(),
  /** Whose access the event is about. */
  account: AccountRef.nullable(),
  /** Who did it (null: the person themself at login, or the command line). */
  actor: AccountRef.nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
}).meta({ id: 'SecurityEvent' });
export type SecurityEventDto = z.infer<typeof SecurityEventDto>;

export const SecurityEventListDto = z.object({
  events: z.array(SecurityEventDto),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
}).meta({ id: 'SecurityEventList' });
export type SecurityEventListDto = z.infer<typeof SecurityEventListDto>;

export const AreaDirectorDto = z.object({
  grantId: Uuid,
  account: AccountRef,
  employeeId: Uuid.nullable(),
  grantedAt: Instant,
}).meta({ id: 'AreaDirector' });
export type AreaDirectorDto = z.infer<typeof AreaDirectorDto>;

export const AreaSchoolDto = z.object({
  id: Uuid,
  name: z.string(),
  shortName: z.string(),
  municipality: z.object({ id: Uuid, name: z.string() }),
  directors: z.array(AreaDirectorDto),
}).meta({ id: 'AreaSchool' });
export type AreaSchoolDto = z.infer<typeof AreaSchoolDto>;

export const AreaSchoolListDto = z.object({
  /** The caller's areas: a whole region, or one municipality of it. */
  areas: z.array(z.object({ role: AreaRole, region: z.string(), municipality: z.string().nullable() })),
  schools: z.array(AreaSchoolDto),
}).meta({ id: 'AreaSchoolList' });
export type AreaSchoolListDto = z.infer<typeof AreaSchoolListDto>;

const nameField = (what: string) => z.string().trim().min(1, `${what}: обязательное поле`).max(100, `${what}: больше 100 символов`);

/** An employee of the school, or a new person to add to its staff, becomes its director. */
export const AppointDirectorInput = z.object({
  employeeId: Uuid.optional(),
  lastName: nameField('Фамилия').optional(),
  firstName: nameField('Имя').optional(),
  middleName: z.string().trim().max(100, 'Отчество: больше 100 символов').nullable().optional(),
  position: z.string().trim().min(1).max(300).optional(),
}).superRefine((v, ctx) => {
  const person = v.lastName !== undefined || v.firstName !== undefined || v.middleName !== undefined || v.position !== undefined;
  if (v.employeeId !== undefined && person) {
    ctx.addIssue({ code: 'custom', message: 'Укажите либо сотрудника, либо фамилию и имя нового', path: ['employeeId'] });
  } else if (v.employeeId === undefined) {
    if (v.lastName === undefined) ctx.addIssue({ code: 'custom', message: 'Фамилия: обязательное поле', path: ['lastName'] });
    if (v.firstName === undefined) ctx.addIssue({ code: 'custom', message: 'Имя: обязательное поле', path: ['firstName'] });
  }
}).meta({ id: 'AppointDirectorInput' });
export type AppointDirectorInput = z.infer<typeof AppointDirectorInput>;

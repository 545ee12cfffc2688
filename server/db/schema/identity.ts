// Accounts, sessions, role grants and security events (SPEC A3, A4, A7).
import { sql } from 'drizzle-orm';
import { boolean, foreignKey, index, inet, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant } from './columns';
import { municipalities, regions, schools } from './tenancy';

/** A login identity. One account may work in several schools; the people it stands for live in `org`. */
export const accounts = pgTable('accounts', {
  id: id().primaryKey(),
  /** Stored lower-case; unique across the installation. */
  login: text('login').notNull(),
  /** argon2id PHC string; null until credentials are issued or when only SSO is used. */
  passwordHash: text('password_hash'),
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  lastName: text('last_name').notNull(),
  firstName: text('first_name').notNull(),
  middleName: text('middle_name'),
  disabledAt: instant('disabled_at'),
  passwordChangedAt: instant('password_changed_at'),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('accounts_login_key').on(t.login)]);

/** Server-side sessions; the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable('sessions', {
  id: id().primaryKey(),
  tokenHash: text('token_hash').notNull(),
  accountId: uuid('account_id').notNull().references(() => accounts.id),
  csrfToken: text('csrf_token').notNull(),
  activeSchoolId: uuid('active_school_id').references(() => schools.id),
  createdAt: createdAt(),
  lastSeenAt: instant('last_seen_at').notNull().defaultNow(),
  /** Absolute end, whatever the activity. */
  expiresAt: instant('expires_at').notNull(),
  endedAt: instant('ended_at'),
  endReason: text('end_reason'),
  userAgent: text('user_agent'),
  ip: inet('ip'),
}, (t) => [
  uniqueIndex('sessions_token_hash_key').on(t.tokenHash),
  index('sessions_account_idx').on(t.accountId),
]);

/** Failed and successful logins, read by the throttle. Keyed by the normalised login, not an account id. */
export const loginAttempts = pgTable('login_attempts', {
  id: id().primaryKey(),
  loginKey: text('login_key').notNull(),
  ip: inet('ip'),
  succeeded: boolean('succeeded').notNull(),
  at: instant('at').notNull().defaultNow(),
}, (t) => [
  index('login_attempts_login_at_idx').on(t.loginKey, t.at),
  index('login_attempts_ip_at_idx').on(t.ip, t.at),
]);

/** Roles held in one school (director, deputy, journalAdmin, subjectTeacher, classTeacher, student, guardian). */
export const schoolRoleGrants = pgTable('school_role_grants', {
  schoolId: uuid('school_id').notNull(),
  id: id(),
  accountId: uuid('account_id').notNull().references(() => accounts.id),
  role: text('role').notNull(),
  grantedByAccountId: uuid('granted_by_account_id').references(() => accounts.id),
  grantedAt: instant('granted_at').notNull().defaultNow(),
  revokedAt: instant('revoked_at'),
  revokedByAccountId: uuid('revoked_by_account_id').references(() => accounts.id),
}, (t) => [
  primaryKey({ columns: [t.schoolId, t.id] }),
  foreignKey({ columns: [t.schoolId], foreignColumns: [schools.id] }),
  index('school_role_grants_account_idx').on(t.accountId),
  uniqueIndex('school_role_grants_active_key').on(t.schoolId, t.accountId, t.role).where(sql`revoked_at is null`),
]);

/** Roles above a school: a region or municipality administrator or viewer (read-only across its schools). */
export const areaRoleGrants = pgTable('area_role_grants', {
  id: id().primaryKey(),
  accountId: uuid('account_id').notNull().references(() => accounts.id),
  role: text('role').notNull(),
  regionId: uuid('region_id').notNull().references(() => regions.id),
  /** Null: the whole region. */
  municipalityId: uuid('municipality_id').references(() => municipalities.id),
  grantedByAccountId: uuid('granted_by_account_id').references(() => accounts.id),
  grantedAt: instant('granted_at').notNull().defaultNow(),
  revokedAt: instant('revoked_at'),
}, (t) => [index('area_role_grants_account_idx').on(t.accountId)]);

/** Who did what to access, when and from where; append-only. school_id is null for installation-wide events (a login). */
export const securityEvents = pgTable('security_events', {
  id: id().primaryKey(),
  at: instant('at').notNull().defaultNow(),
  kind: text('kind').notNull(),
  accountId: uuid('account_id').references(() => accounts.id),
  actorAccountId: uuid('actor_account_id').references(() => accounts.id),
  schoolId: uuid('school_id').references(() => schools.id),
  ip: inet('ip'),
  details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
}, (t) => [
  index('security_events_account_at_idx').on(t.accountId, t.at),
  index('security_events_school_at_idx').on(t.schoolId, t.at),
]);

/** An account's identity at an OpenID Connect provider (Госуслуги, the regional SSO): provider + subject. */
export const accountIdentities = pgTable('account_identities', {
  id: id().primaryKey(),
  accountId: uuid('account_id').notNull().references(() => accounts.id),
  /** Key of the provider in the installation's configuration (esia, regionalSso). */
  provider: text('provider').notNull(),
  subject: text('subject').notNull(),
  createdAt: createdAt(),
  lastUsedAt: instant('last_used_at'),
}, (t) => [
  uniqueIndex('account_identities_subject_key').on(t.provider, t.subject),
  index('account_identities_account_idx').on(t.accountId),
]);

/** One started OpenID Connect login: what the callback must find again (state, nonce, PKCE verifier). Used once. */
export const oidcLoginFlows = pgTable('oidc_login_flows', {
  id: id().primaryKey(),
  provider: text('provider').notNull(),
  /** SHA-256 of the state sent to the provider. */
  stateHash: text('state_hash').notNull(),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  returnTo: text('return_to'),
  createdAt: createdAt(),
  consumedAt: instant('consumed_at'),
}, (t) => [uniqueIndex('oidc_login_flows_state_key').on(t.stateHash)]);

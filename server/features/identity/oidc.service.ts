// Login through OpenID Connect providers (SPEC A4): Госуслуги (ЕСИА) for parents and students
// aged 14 and over, the regional service for students. Authorization code flow with PKCE, state
// and nonce; the provider's account is matched to a person the school imported, never created
// from nothing. Why it works this way: docs/decisions/005-sso-openid-connect.md.
import { createHash } from 'node:crypto';
import * as oidc from 'openid-client';
import type { SsoErrorCode, SsoNoMatchReason, SsoProviderKey } from '../../../contracts/identity';
import { normalizeEmail, normalizePhone, normalizeSnils } from '../../../domain/person';
import type { SchoolRole } from '../../../domain/roles';
import { isLocalHost, type Config, type SsoProviderConfig } from '../../config';
import type { Db, Queryable } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { localDateOf } from '../../lib/local-date';
import * as grantsRepo from '../access/grants.repo';
import { firstFreeLogin, loginBase } from '../access/login-names';
import * as identityRepo from './identity.repo';
import { sameToken, type IdentityService, type RequestMeta } from './identity.service';
import { isUniqueViolation } from '../../db/errors';
import * as repo from './oidc.repo';

/** A started login lives this long: enough to sign in at the provider, short for a stolen state. */
export const loginFlowMinutes = 10;
/** How long the provider may take to answer one request. */
const providerTimeoutSeconds = 10;
/** Students may sign in through Госуслуги from this age: ЕСИА opens personal accounts from 14 (passport). */
export const esiaStudentMinAge = 14;

const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/** Where the browser goes from the start route. */
export type StartOutcome = { kind: 'redirect'; authorizationUrl: string; state: string } | { kind: 'failed'; code: SsoErrorCode };

/** Where the browser goes after the callback. */
export type CallbackOutcome =
  | { kind: 'signedIn'; token: string; returnTo: string }
  | { kind: 'noMatch'; reason: SsoNoMatchReason }
  | { kind: 'failed'; code: SsoErrorCode };

/** What a provider says about the person, already normalised; only verified e-mail and phone count. */
export type ProviderIdentity = { subject: string; snils: string | null; email: string | null; phone: string | null };

/** Which imported people each provider may stand for, and by which keys. */
const matchRules: Record<SsoProviderKey, { kind: repo.PersonKind; fields: repo.MatchField[]; minAge?: number }[]> = {
  // A student's record in Контингент often carries a parent's e-mail or phone: through Госуслуги,
  // which parents use, a student is matched by their own СНИЛС only.
  esia: [
    { kind: 'guardian', fields: ['snils', 'email', 'phone'] },
    { kind: 'student', fields: ['snils'], minAge: esiaStudentMinAge },
  ],
  regionalSso: [{ kind: 'student', fields: ['snils', 'email', 'phone'] }],
};

const roleOf: Record<repo.PersonKind, SchoolRole> = { guardian: 'guardian', student: 'student' };

/** A path of this site to open after the login; anything else (another origin, the login page) becomes "/". */
export function safeReturnPath(value: string | undefined | null): string {
  if (typeof value !== 'string' || value.length > 2000) return '/';
  // "//host" and "/\host" are read by browsers as another origin.
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  // Control characters are dropped by URL parsers and could rebuild "//".
  if ([...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return '/';
  if (value === '/login' || value.startsWith('/login?') || value.startsWith('/login/')) return '/';
  return value;
}

/** A birth date at least `years` years before `today` ("YYYY-MM-DD" both). */
const isAtLeast = (birthDate: string | null, years: number, today: string): boolean => {
  if (!birthDate) return false;
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const threshold = `${String(y - years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return birthDate <= threshold;
};

const stringClaim = (claims: Record<string, unknown>, name: string): string | null => {
  const value = claims[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
};

/** The person's keys from the ID token and userinfo claims; a malformed value is as good as none. */
export function identityFromClaims(claims: Record<string, unknown>, subject: string, snilsClaim: string): ProviderIdentity {
  const valid = <T>(r: { ok: true; value: T } | { ok: false }): T | null => (r.ok ? r.value : null);
  return {
    subject,
    snils: valid(normalizeSnils(stringClaim(claims, snilsClaim))),
    email: claims.email_verified === true ? valid(normalizeEmail(stringClaim(claims, 'email'))) : null,
    phone: claims.phone_number_verified === true ? valid(normalizePhone(stringClaim(claims, 'phone_number'))) : null,
  };
}

/** True when the failure is the provider not answering rather than answering wrong. */
function isUnreachable(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return true;
    if (typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET'].includes(code)) return true;
    if (e instanceof TypeError && e.message === 'fetch failed') return true;
  }
  return false;
}

/** What a failed check was, for the security log: library codes and OAuth error names, never claims' values. */
function failureDetails(err: unknown): Record<string, string> {
  const details: Record<string, string> = {};
  const e = err as { code?: unknown; error?: unknown; cause?: unknown; name?: unknown };
  if (typeof e?.code === 'string') details.code = e.code.slice(0, 80);
  if (typeof e?.error === 'string') details.error = e.error.replace(/[^\w.-]/g, '').slice(0, 60);
  // Which check failed sits in the cause, once or twice wrapped: the claim's name, or the signature.
  // Claims' values are there too and never leave.
  for (let c = e?.cause as { claim?: unknown; cause?: unknown; message?: unknown } | undefined, depth = 0; c && typeof c === 'object' && depth < 3; c = c.cause as typeof c, depth++) {
    if (typeof c.claim === 'string') details.claim = c.claim.replace(/[^\w.-]/g, '').slice(0, 40);
    if (typeof c.message === 'string' && /signature verification failed/i.test(c.message)) details.check = 'signature';
  }
  if (!details.code && typeof e?.name === 'string') details.code = e.name.slice(0, 80);
  return details;
}

class SsoFailure extends Error {
  constructor(readonly code: SsoErrorCode, readonly reason: string, readonly details: Record<string, string> = {}, readonly accountId: string | null = null) {
    super(reason);
  }
}

export type OidcDeps = { db: Db; config: Config; clock: Clock; identity: IdentityService };

export function createOidcService({ db, config, clock, identity }: OidcDeps) {
  const providers = new Map(config.sso.map((p) => [p.key, p] as const));
  const discovered = new Map<SsoProviderKey, Promise<oidc.Configuration>>();

  /** The provider's metadata and keys, fetched on first use and kept; a failed fetch is retried next time. */
  function configurationOf(provider: SsoProviderConfig): Promise<oidc.Configuration> {
    let pending = discovered.get(provider.key);
    if (!pending) {
      // Plain http only for a provider on this very machine (a test IdP); config.ts refuses it elsewhere.
      const insecure = new URL(provider.issuer).protocol === 'http:' && isLocalHost(new URL(provider.issuer).hostname);
      pending = oidc.discovery(
        new URL(provider.issuer),
        provider.clientId,
        undefined,
        oidc.ClientSecretBasic(provider.clientSecret),
        { timeout: providerTimeoutSeconds, ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}) },
      ).then((c) => {
        c.timeout = providerTimeoutSeconds;
        // The ID token comes straight from the token endpoint, where the library would trust TLS
        // instead of the signature; we check the signature against the provider's JWKS anyway.
        oidc.enableNonRepudiationChecks(c);
        return c;
      });
      pending.catch(() => discovered.delete(provider.key));
      discovered.set(provider.key, pending);
    }
    return pending;
  }

  const providerOf = (key: string): SsoProviderConfig | null => providers.get(key as SsoProviderKey) ?? null;

  /**
   * Starts a login: remembers state (as a hash), nonce, PKCE verifier and the return path, and
   * gives the provider's authorization URL and the state for the browser-bound flow cookie.
   */
  async function start(provider: SsoProviderConfig, redirectUri: string, returnTo: string | undefined, meta: RequestMeta): Promise<StartOutcome> {
    let configuration: oidc.Configuration;
    try {
      configuration = await configurationOf(provider);
    } catch (err) {
      await recordFailure(provider.key, new SsoFailure('unavailable', 'provider-unavailable', failureDetails(err)), meta);
      return { kind: 'failed', code: 'unavailable' };
    }
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const now = clock.now();
    await db.transaction(async (tx) => {
      // Unfinished flows hold PKCE verifiers; nothing can use them after their ten minutes.
      await repo.deleteLoginFlowsBefore(tx, new Date(now.getTime() - 24 * 3_600_000));
      await repo.insertLoginFlow(tx, {
        provider: provider.key, stateHash: sha256(state), nonce, codeVerifier, returnTo: safeReturnPath(returnTo), createdAt: now,
      });
    });
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: provider.scopes.join(' '),
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { kind: 'redirect', authorizationUrl: url.href, state };
  }

  async function recordFailure(provider: SsoProviderKey, failure: SsoFailure, meta: RequestMeta): Promise<void> {
    await identityRepo.insertSecurityEvent(db, {
      kind: 'login.sso_failed', accountId: failure.accountId, ip: meta.ip, at: clock.now(),
      details: { provider, reason: failure.reason, ...failure.details },
    });
  }

  /** The flow this callback belongs to, used up; refuses a state that is foreign, unknown, reused or too old. */
  async function takeFlow(provider: SsoProviderConfig, state: string | null, cookieState: string | null): Promise<repo.LoginFlowRow> {
    if (!state) throw new SsoFailure('state', 'state-missing');
    // The state must be the one this browser started with: a callback link sent by someone else
    // would otherwise sign the victim in as that someone (login CSRF).
    if (!cookieState || !sameToken(cookieState, state)) throw new SsoFailure('state', 'state-mismatch');
    const flow = await repo.findLoginFlow(db, sha256(state));
    if (!flow || flow.provider !== provider.key) throw new SsoFailure('state', 'state-unknown');
    if (!(await repo.consumeLoginFlow(db, flow.id, clock.now()))) throw new SsoFailure('state', 'state-reused');
    if (clock.now().getTime() - flow.createdAt.getTime() > loginFlowMinutes * 60_000) throw new SsoFailure('state', 'state-expired');
    return flow;
  }

  /** Exchanges the code (checking iss, aud, signature, nonce, PKCE) and reads the person's claims. */
  async function exchange(provider: SsoProviderConfig, flow: repo.LoginFlowRow, callbackUrl: URL): Promise<ProviderIdentity> {
    let configuration: oidc.Configuration;
    try {
      configuration = await configurationOf(provider);
    } catch (err) {
      throw new SsoFailure('unavailable', 'provider-unavailable', failureDetails(err));
    }
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: callbackUrl.searchParams.get('state') ?? undefined,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new SsoFailure('failed', 'no-id-token');
      let claims: Record<string, unknown> = { ...idClaims };
      // Госуслуги gives the СНИЛС, e-mail and phone at userinfo; its subject must be the ID token's.
      if (configuration.serverMetadata().userinfo_endpoint) {
        claims = { ...claims, ...(await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub)) };
      }
      return identityFromClaims(claims, idClaims.sub, provider.snilsClaim);
    } catch (err) {
      if (err instanceof SsoFailure) throw err;
      if (isUnreachable(err)) throw new SsoFailure('unavailable', 'provider-unavailable', failureDetails(err));
      throw new SsoFailure('failed', 'token-rejected', failureDetails(err));
    }
  }

  /** The imported people the provider's account stands for, by the first key that finds any. */
  async function matchPeople(q: Queryable, provider: SsoProviderKey, person: ProviderIdentity): Promise<{ people: repo.PersonMatch[]; by: repo.MatchField | null; ambiguous: boolean }> {
    const now = clock.now();
    for (const field of ['snils', 'email', 'phone'] as const) {
      const value = person[field];
      if (!value) continue;
      const found: repo.PersonMatch[] = [];
      for (const rule of matchRules[provider]) {
        if (!rule.fields.includes(field)) continue;
        const rows = await repo.findPeople(q, rule.kind, field, value);
        found.push(...rows.filter((r) => rule.minAge === undefined || isAtLeast(r.birthDate, rule.minAge, localDateOf(now, r.schoolTimeZone))));
      }
      // A record with another СНИЛС is another person, whatever e-mail or phone it shares.
      const people = field === 'snils' || !person.snils ? found : found.filter((r) => r.snils === null || r.snils === person.snils);
      if (people.length === 0) continue;
      // One СНИЛС is one person even when a school imported them twice; an e-mail or phone shared
      // by two records of one school (a family's common address) says nothing about which one.
      const perSchool = new Map<string, number>();
      for (const p of people) perSchool.set(`${p.schoolId}:${p.kind}`, (perSchool.get(`${p.schoolId}:${p.kind}`) ?? 0) + 1);
      const ambiguous = field !== 'snils' && [...perSchool.values()].some((n) => n > 1);
      return { people, by: field, ambiguous };
    }
    return { people: [], by: null, ambiguous: false };
  }

  /** Links the matched, still unlinked people to the account and grants their roles in their schools. */
  async function linkPeople(q: Queryable, accountId: string, people: repo.PersonMatch[], at: Date): Promise<number> {
    let linked = 0;
    for (const p of people) {
      if (p.accountId !== null) continue;
      if (!(await repo.linkPerson(q, p.kind, p.schoolId, p.id, accountId))) continue;
      linked += 1;
      // Only a newly linked record brings a role: a role the school revoked stays revoked.
      await identityRepo.insertSchoolRoleGrant(q, { schoolId: p.schoolId, accountId, role: roleOf[p.kind], grantedAt: at });
    }
    return linked;
  }

  /**
   * An account for an imported person, named as the record says, with a login made like staff
   * logins (ivanova.as, ivanova.as2…) and no password: the person signs in through the provider
   * until the school issues credentials.
   */
  async function createAccount(tx: Queryable, person: repo.PersonMatch, at: Date): Promise<string> {
    const base = loginBase(person);
    // A login taken by a parallel request a moment ago moves on to the next number.
    for (let attempt = 0; attempt < 5; attempt++) {
      const login = firstFreeLogin(base, await grantsRepo.loginsLike(tx, base));
      const account = await grantsRepo.insertAccountIfLoginFree(tx, {
        login, passwordHash: null, lastName: person.lastName, firstName: person.firstName, middleName: person.middleName, createdAt: at,
      });
      if (account) return account.id;
    }
    throw new SsoFailure('failed', 'login-busy');
  }

  /**
   * Finds or makes the account of the provider's person and opens a session, in one transaction.
   * Throws SsoFailure for a blocked account; returns the no-match reason when nobody matches.
   */
  async function signIn(provider: SsoProviderConfig, person: ProviderIdentity, meta: RequestMeta): Promise<{ token: string } | { noMatch: SsoNoMatchReason }> {
    try {
      return await signInOnce(provider, person, meta);
    } catch (err) {
      // Two first logins of one person at the same moment: the other one linked the identity
      // (or took the login) first; once more finds its link.
      if (isUniqueViolation(err)) return signInOnce(provider, person, meta);
      throw err;
    }
  }

  async function signInOnce(provider: SsoProviderConfig, person: ProviderIdentity, meta: RequestMeta): Promise<{ token: string } | { noMatch: SsoNoMatchReason }> {
    return db.transaction(async (tx) => {
      const at = clock.now();
      const known = await repo.findIdentity(tx, provider.key, person.subject);
      const match = await matchPeople(tx, provider.key, person);
      let accountId: string;
      let created = false;
      let people = match.people;
      if (known) {
        accountId = known.accountId;
        // A returning person: records imported since (a child's new school) join the same account,
        // unless it is unclear whose they are.
        if (match.ambiguous) people = [];
        await repo.touchIdentity(tx, known.id, at);
      } else {
        if (match.people.length === 0) return { noMatch: 'no-match' as const };
        const accounts = [...new Set(match.people.flatMap((p) => (p.accountId ? [p.accountId] : [])))];
        if (match.ambiguous || accounts.length > 1) return { noMatch: 'ambiguous' as const };
        if (accounts[0]) {
          accountId = accounts[0];
          // The account already answers to another person at this provider: not the same one.
          if (await repo.hasIdentityAt(tx, accountId, provider.key)) return { noMatch: 'ambiguous' as const };
        } else {
          accountId = await createAccount(tx, match.people[0]!, at);
          created = true;
        }
        await repo.insertIdentity(tx, { accountId, provider: provider.key, subject: person.subject, createdAt: at, lastUsedAt: at });
      }
      const account = await identityRepo.findAccount(tx, accountId);
      if (!account || account.disabledAt) throw new SsoFailure('disabled', 'account-disabled', {}, accountId);
      const linked = await linkPeople(tx, accountId, people, at);
      await identityRepo.insertSecurityEvent(tx, {
        kind: 'login.sso', accountId, ip: meta.ip, at,
        details: { provider: provider.key, matchedBy: known ? 'identity' : match.by, linkedPeople: linked, accountCreated: created },
      });
      const { token } = await identity.openSession(tx, accountId, meta);
      return { token };
    });
  }

  /**
   * Finishes a login at the callback: `callbackUrl` is the redirect URI with the query the
   * provider sent, `cookieState` the state this browser's flow cookie holds.
   */
  async function finish(provider: SsoProviderConfig, callbackUrl: URL, cookieState: string | null, meta: RequestMeta): Promise<CallbackOutcome> {
    const params = callbackUrl.searchParams;
    try {
      const providerError = params.get('error');
      if (providerError !== null) {
        // The flow is over either way; use it up so it cannot be finished later.
        await takeFlow(provider, params.get('state'), cookieState).catch(() => null);
        const error = providerError.replace(/[^\w.-]/g, '').slice(0, 60);
        throw new SsoFailure(error === 'access_denied' ? 'denied' : 'failed', 'provider-error', { error });
      }
      const flow = await takeFlow(provider, params.get('state'), cookieState);
      const person = await exchange(provider, flow, callbackUrl);
      const result = await signIn(provider, person, meta);
      if ('noMatch' in result) {
        await recordFailure(provider.key, new SsoFailure('failed', result.noMatch), meta);
        return { kind: 'noMatch', reason: result.noMatch };
      }
      return { kind: 'signedIn', token: result.token, returnTo: safeReturnPath(flow.returnTo) };
    } catch (err) {
      if (!(err instanceof SsoFailure)) throw err;
      await recordFailure(provider.key, err, meta);
      return { kind: 'failed', code: err.code };
    }
  }

  return {
    /** Enabled providers by key; null for an unknown or disabled one. */
    providerOf,
    start,
    finish,
  };
}

export type OidcService = ReturnType<typeof createOidcService>;

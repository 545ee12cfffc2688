// A local OpenID Connect provider standing in for Госуслуги or the regional SSO in tests and
// journeys: oidc-provider 8 with one client (Otmetka), a plain login form that knows the accounts
// a test sets, consent given automatically, PKCE required. Also a fetch-driven "browser" for it.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type GrantInstance, type KoaContextWithOidc } from 'oidc-provider';

/** Claims of one account at the provider, as Госуслуги would give them. */
export type IdpClaims = {
  snils?: string;
  email?: string;
  email_verified?: boolean;
  phone_number?: string;
  phone_number_verified?: boolean;
  family_name?: string;
  given_name?: string;
  middle_name?: string;
  birthdate?: string;
};

export type LocalIdp = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Adds or replaces the account `sub`; its login at the form is `sub` too. */
  setAccount(sub: string, claims: IdpClaims): void;
  close(): Promise<void>;
};

export type LocalIdpOptions = {
  redirectUris: string[];
  /** Listen here; a free port when 0 or absent. */
  port?: number;
  /** `localhost` keeps the IdP's cookies apart from an app on 127.0.0.1, as another site's would be. */
  host?: string;
  clientId?: string;
  clientSecret?: string;
};

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const loginForm = (uid: string, error?: string): string => `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>Тестовый поставщик входа</title></head>
<body>
<h1>Тестовый поставщик входа</h1>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
  <label for="login">Учётная запись</label>
  <input id="login" name="login" autocomplete="off" autofocus>
  <button type="submit">Войти</button>
</form>
<form method="post" action="/interaction/${escapeHtml(uid)}/abort"><button type="submit">Отказаться</button></form>
</body></html>`;

const readForm = async (req: IncomingMessage): Promise<URLSearchParams> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
};

export async function startLocalIdp(options: LocalIdpOptions): Promise<LocalIdp> {
  const host = options.host ?? 'localhost';
  const clientId = options.clientId ?? 'otmetka';
  const clientSecret = options.clientSecret ?? randomBytes(24).toString('base64url');
  const accounts = new Map<string, IdpClaims>();

  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host === 'localhost' ? '127.0.0.1' : host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://${host}:${port}`;

  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: 'local-idp-1', alg: 'RS256', use: 'sig' };

  const provider: Provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: options.redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    async findAccount(_ctx, sub) {
      const claims = accounts.get(sub);
      return claims ? { accountId: sub, claims: () => ({ sub, ...claims }) } : undefined;
    },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      phone: ['phone_number', 'phone_number_verified'],
      snils: ['snils'],
      profile: ['family_name', 'given_name', 'middle_name', 'birthdate'],
    },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    // Plain http on localhost: SameSite=None cookies would need Secure, so every cookie is Lax.
    cookies: { keys: [randomBytes(32).toString('base64url')], long: { sameSite: 'lax' }, short: { sameSite: 'lax' } },
    jwks: { keys: [signingKey] },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // Consent is not what is tested: every requested scope is granted at once.
    async loadExistingGrant(ctx: KoaContextWithOidc): Promise<GrantInstance | undefined> {
      const { client, session, result } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return provider.Grant.find(grantId);
      const grant = new provider.Grant({ accountId: session.accountId, clientId: client.clientId });
      grant.addOIDCScope([...ctx.oidc.requestParamScopes].join(' '));
      grant.addOIDCClaims([...ctx.oidc.requestParamClaims]);
      await grant.save();
      return grant;
    },
  });

  const oidc = provider.callback();
  const interaction = async (req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined) => {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    const html = (body: string) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body);
    };
    if (req.method === 'GET' && !action) return html(loginForm(uid));
    if (req.method === 'POST' && action === 'login') {
      const login = (await readForm(req)).get('login')?.trim() ?? '';
      if (!accounts.has(login)) return html(loginForm(uid, 'Нет такой учётной записи'));
      return provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
    }
    if (req.method === 'POST' && action === 'abort') {
      return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'Пользователь отказался' }, { mergeWithLastSubmission: false });
    }
    res.writeHead(404).end();
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const match = /^\/interaction\/([\w-]+)(?:\/(login|abort))?$/.exec((req.url ?? '').split('?')[0]!);
    if (!match) return oidc(req, res);
    interaction(req, res, match[1]!, match[2]).catch((err: unknown) => {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(err instanceof Error ? err.message : 'error');
    });
  });

  return {
    issuer,
    clientId,
    clientSecret,
    setAccount: (sub, claims) => { accounts.set(sub, claims); },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/**
 * What a browser does at the IdP, with fetch: opens the authorization URL, submits the login form
 * as `login` (or declines), follows the IdP's own redirects with its cookies, and returns the first
 * address outside the IdP — the app's callback with `code`, `state` and `iss`.
 */
export async function signInAtIdp(authorizationUrl: string, login: string | null): Promise<URL> {
  const jar = new Map<string, string>();
  const origin = new URL(authorizationUrl).origin;
  const send = async (url: URL, init: RequestInit = {}): Promise<Response> => {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) } });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (value === '' || expired) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  };

  let url = new URL(authorizationUrl);
  let submitted = false;
  for (let hop = 0; hop < 10; hop++) {
    if (url.origin !== origin) return url;
    let res = await send(url);
    if (res.status === 200 && /^\/interaction\//.test(url.pathname) && !submitted) {
      submitted = true;
      const action = login === null ? 'abort' : 'login';
      res = await send(new URL(`${url.pathname}/${action}`, origin), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(login === null ? {} : { login }).toString(),
      });
    }
    const location = res.headers.get('location');
    if (!location) throw new Error(`the IdP stopped at ${url.pathname} with ${res.status}: ${(await res.text()).slice(0, 300)}`);
    url = new URL(location, url);
  }
  throw new Error('too many redirects at the IdP');
}

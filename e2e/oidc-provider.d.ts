// The part of oidc-provider 8 (a test-only devDependency without bundled types) the local IdP uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export type AccountClaims = { sub: string; [claim: string]: unknown };
  export type Account = { accountId: string; claims(use: string, scope: string): Promise<AccountClaims> | AccountClaims };

  export type Interaction = {
    uid: string;
    prompt: { name: string; details: Record<string, unknown> };
    params: Record<string, unknown>;
  };

  export type GrantInstance = {
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    save(): Promise<string>;
  };

  export type KoaContextWithOidc = {
    oidc: {
      client?: { clientId: string };
      session?: { accountId?: string; grantIdFor(clientId: string): string | undefined };
      result?: { consent?: { grantId?: string } };
      requestParamScopes: Set<string>;
      requestParamClaims: Set<string>;
    };
  };

  export type Configuration = {
    clients?: Record<string, unknown>[];
    findAccount?(ctx: KoaContextWithOidc, sub: string): Promise<Account | undefined> | Account | undefined;
    claims?: Record<string, string[]>;
    features?: Record<string, { enabled: boolean; [option: string]: unknown }>;
    pkce?: { required?: () => boolean; methods?: string[] };
    cookies?: { keys?: string[]; long?: Record<string, unknown>; short?: Record<string, unknown> };
    jwks?: { keys: Record<string, unknown>[] };
    interactions?: { url?(ctx: KoaContextWithOidc, interaction: Interaction): string | Promise<string> };
    loadExistingGrant?(ctx: KoaContextWithOidc): Promise<GrantInstance | undefined>;
    conformIdTokenClaims?: boolean;
    renderError?(ctx: { type: string; body: string }, out: Record<string, string>, error: Error): void | Promise<void>;
    ttl?: Record<string, number>;
  };

  export default class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    Grant: {
      new (init: { accountId: string; clientId: string }): GrantInstance;
      find(id: string): Promise<GrantInstance | undefined>;
    };
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    interactionFinished(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
}

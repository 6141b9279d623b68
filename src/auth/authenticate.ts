/**
 * Credential verification (api.md "Access control"): the request's `Authorization: Bearer …` (scheme
 * in any case) names an API key, a JWT from the configured identity provider, or PIPELINE_TOKEN.
 * Authentication is on as soon as any key exists or a JWKS is configured; while it is off, requests
 * without a credential are served as anonymous viewers (the server refuses to listen anywhere but
 * on loopback then, see exposure.ts). A credential that is given is always checked.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { ANONYMOUS, type Identity } from './identity.ts';
import { createJwtVerifier, looksLikeJwt, type JwtSettings } from './jwt.ts';
import { ApiKeyVerifier } from './key-verifier.ts';

export type Authentication = { identity: Identity } | { refused: string; credentialGiven: boolean };

export interface Authenticator {
  /** Whether requests need a credential now (any key exists, or a JWKS is configured). */
  required(): Promise<boolean>;
  authenticate(authorization: string | null): Promise<Authentication>;
}

export interface AuthenticatorOptions {
  /** The app database's live connection (keys are read outside request snapshots). */
  db: Database;
  /** An operator credential (PIPELINE_TOKEN, or the one generated at start). */
  pipelineToken: string;
  jwt?: JwtSettings | null;
}

/** The credential of an `Authorization` header, or null when its scheme is not Bearer (RFC 7235: any case). */
export function bearerCredential(authorization: string): string | null {
  const [scheme, credential] = authorization.split(/ +(.*)/s, 2);
  return scheme?.toLowerCase() === 'bearer' && credential ? credential : null;
}

/** Constant-time comparison, so the time taken says nothing about how much of a token was right. */
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether an `Authorization` header carries exactly this bearer token (e.g. METRICS_TOKEN). */
export function carriesToken(authorization: string | null, token: string): boolean {
  const credential = bearerCredential(authorization ?? '');
  return credential !== null && sameSecret(credential, token);
}

const NEEDS_CREDENTIAL = 'This API needs a credential: send "Authorization: Bearer <API key or token>".';

export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const keys = new ApiKeyVerifier(options.db);
  const verifyJwt = options.jwt ? createJwtVerifier(options.jwt) : null;
  const required = async () => verifyJwt !== null || (await keys.anyKeys());
  const refused = (reason: string): Authentication => ({ refused: `The credential was not accepted: ${reason}.`, credentialGiven: true });

  return {
    required,
    async authenticate(authorization) {
      if (!authorization) return (await required()) ? { refused: NEEDS_CREDENTIAL, credentialGiven: false } : { identity: ANONYMOUS };
      const credential = bearerCredential(authorization);
      if (credential === null) return refused('expected the scheme "Bearer"');
      if (sameSecret(credential, options.pipelineToken)) return { identity: { name: 'pipeline-token', role: 'operator', kind: 'pipeline-token' } };
      if (credential.startsWith('amk_')) {
        const check = await keys.verify(credential);
        return 'identity' in check ? check : refused(check.refused);
      }
      if (verifyJwt && looksLikeJwt(credential)) {
        const check = await verifyJwt(credential);
        return 'identity' in check ? check : refused(check.refused);
      }
      return refused('it is no API key, PIPELINE_TOKEN or JWT this server knows');
    },
  };
}

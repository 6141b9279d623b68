/** Access-control settings from the environment (api.md "Access control"); a bad value is a UsageError. */
import { UsageError } from '../config.ts';
import { DEFAULT_ROLE_CLAIM, type JwtSettings } from './jwt.ts';

export interface AuthSettings {
  /** JWT verification, when AUTH_JWKS_URL is set. */
  jwt: JwtSettings | null;
  /** ALLOW_ANONYMOUS=1: serve without authentication on a non-loopback address too. */
  allowAnonymous: boolean;
}

function flag(name: string, value: string | undefined): boolean {
  const text = (value ?? '').trim().toLowerCase();
  if (['', '0', 'false', 'no'].includes(text)) return false;
  if (['1', 'true', 'yes'].includes(text)) return true;
  throw new UsageError(`invalid ${name} ${JSON.stringify(text.slice(0, 100))}: expected 1 or 0`);
}

export function authSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  const allowAnonymous = flag('ALLOW_ANONYMOUS', env.ALLOW_ANONYMOUS);
  const jwksUrl = env.AUTH_JWKS_URL?.trim();
  if (!jwksUrl) return { jwt: null, allowAnonymous };
  if (!URL.canParse(jwksUrl) || !/^https?:$/.test(new URL(jwksUrl).protocol)) {
    throw new UsageError(`invalid AUTH_JWKS_URL ${JSON.stringify(jwksUrl.slice(0, 100))}: expected an http(s) URL of the identity provider's JWKS`);
  }
  // Without both, a token the provider issued for another application would be accepted here.
  const issuer = env.AUTH_ISSUER?.trim();
  const audience = env.AUTH_AUDIENCE?.trim();
  if (!issuer || !audience) throw new UsageError('AUTH_JWKS_URL needs AUTH_ISSUER and AUTH_AUDIENCE: the issuer and audience every accepted JWT must carry');
  return { jwt: { jwksUrl, issuer, audience, roleClaim: env.AUTH_ROLE_CLAIM?.trim() || DEFAULT_ROLE_CLAIM }, allowAnonymous };
}

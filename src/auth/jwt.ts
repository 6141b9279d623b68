/**
 * JWTs from an identity provider (api.md "Access control"): signature against the provider's JWKS
 * (fetched by jose, cached, fetched again for an unknown `kid`), `exp` (required) and `nbf`, issuer
 * and audience; the role comes from the claim named by AUTH_ROLE_CLAIM.
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { isRole, type Identity, type Role } from './identity.ts';

export interface JwtSettings {
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** The claim holding `viewer` or `operator` (or a list holding them); default `role`. */
  roleClaim: string;
}

export const DEFAULT_ROLE_CLAIM = 'role';

export type JwtCheck = { identity: Identity } | { refused: string };

/** A compact JWS: three base64url parts. */
export const looksLikeJwt = (token: string) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);

/** The strongest role the claim grants: a string, or a list of strings (as many providers write groups). */
function roleOf(claim: unknown): Role | null {
  const granted = (Array.isArray(claim) ? claim : [claim]).filter(isRole);
  return granted.includes('operator') ? 'operator' : granted.includes('viewer') ? 'viewer' : null;
}

export function createJwtVerifier(settings: JwtSettings): (token: string) => Promise<JwtCheck> {
  const keySet = createRemoteJWKSet(new URL(settings.jwksUrl));
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keySet, { issuer: settings.issuer, audience: settings.audience, requiredClaims: ['exp'] }));
    } catch (error) {
      // jose names what failed (signature, expired, which claim) without echoing the token.
      if (error instanceof errors.JOSEError) return { refused: `the JWT was not accepted: ${error.message}` };
      throw error;
    }
    const role = roleOf(payload[settings.roleClaim]);
    if (role === null) return { refused: `the JWT has no claim "${settings.roleClaim}" naming the role viewer or operator` };
    return { identity: { name: payload.sub ?? 'jwt', role, kind: 'jwt' } };
  };
}

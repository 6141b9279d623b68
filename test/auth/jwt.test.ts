/**
 * api.md "Access control", JWTs: verified against a JWKS that this test serves over HTTP on
 * 127.0.0.1 (jose's createRemoteJWKSet fetches it): signature, exp, issuer, audience, role claim.
 * JWT checks read no database, so one backend (SQLite) covers them.
 */
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JwtSettings } from '../../src/auth/jwt.ts';
import { authSettingsFromEnv } from '../../src/auth/settings.ts';
import { createApi, type Api } from '../../src/server.ts';

const ISSUER = 'https://idp.example.com/';
const AUDIENCE = 'ads-metrics';
const READ = '{ pipelineRuns(last: 1) { id } }';

const dir = mkdtempSync(join(tmpdir(), 'jwt-'));
let jwks: Server;
let jwksUrl: string;
let signingKey: CryptoKey;
let strangerKey: CryptoKey;
let api: Api;

beforeAll(async () => {
  const pair = await generateKeyPair('ES256', { extractable: true });
  signingKey = pair.privateKey;
  strangerKey = (await generateKeyPair('ES256')).privateKey;
  const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  jwks = createServer((_, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [publicJwk] })));
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
  const jwt: JwtSettings = { jwksUrl, issuer: ISSUER, audience: AUDIENCE, roleClaim: 'https://ads-metrics/role' };
  api = await createApi({ dbPath: join(dir, 'app.sqlite'), pipelineToken: 'token-0123456789', jwt });
});
afterAll(async () => {
  await api?.close();
  jwks?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Claims {
  iss?: string;
  aud?: string;
  /** Seconds from now. */
  expiresIn?: number;
  notBeforeIn?: number;
  key?: CryptoKey;
  extra?: JWTPayload;
}

function token({ iss = ISSUER, aud = AUDIENCE, expiresIn = 300, notBeforeIn, key = signingKey, extra = { 'https://ads-metrics/role': 'viewer' } }: Claims = {}) {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT(extra).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setSubject('user-42').setIssuer(iss).setAudience(aud).setIssuedAt(now).setExpirationTime(now + expiresIn);
  if (notBeforeIn !== undefined) jwt.setNotBefore(now + notBeforeIn);
  return jwt.sign(key);
}

async function ask(query: string, bearer?: string) {
  const response = await api.yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: { message: string; extensions: { code: string } }[] };
  return { status: response.status, codes: (body.errors ?? []).map((error) => error.extensions.code), message: body.errors?.[0]?.message };
}

describe('JWTs from the identity provider', () => {
  it('turn authentication on: no credential gets 401 even without any API key', async () => {
    expect(await api.auth.required()).toBe(true);
    expect(await ask(READ)).toMatchObject({ status: 401, codes: ['UNAUTHENTICATED'] });
  });

  it('a valid token is accepted with its role: viewer reads and is FORBIDDEN runPipeline; operator (also in a list) passes to the next check', async () => {
    expect(await ask(READ, await token())).toMatchObject({ status: 200, codes: [] });
    const viewerRun = await ask('mutation { runPipeline { id } }', await token());
    expect(viewerRun).toMatchObject({ codes: ['FORBIDDEN'], message: 'runPipeline needs the operator role; "user-42" is a viewer.' });
    for (const role of ['operator', ['viewer', 'operator']]) {
      const operatorRun = await ask('mutation { runPipeline { id } }', await token({ extra: { 'https://ads-metrics/role': role } }));
      expect(operatorRun.codes).toEqual(['PIPELINE_NOT_CONFIGURED']);
    }
  });

  // Claims as functions: the keys exist only once beforeAll has run.
  it.each<[string, () => Claims, RegExp]>([
    ['wrong issuer', () => ({ iss: 'https://evil.example.com/' }), /unexpected "iss" claim value/],
    ['wrong audience', () => ({ aud: 'another-app' }), /unexpected "aud" claim value/],
    ['expired', () => ({ expiresIn: -120 }), /"exp" claim timestamp check failed/],
    ['not yet valid', () => ({ notBeforeIn: 600 }), /"nbf" claim timestamp check failed/],
    ['signed by another key', () => ({ key: strangerKey }), /signature verification failed/],
    ['without the role claim', () => ({ extra: { role: 'operator' } }), /the JWT has no claim "https:\/\/ads-metrics\/role" naming the role viewer or operator/],
    ['with an unknown role', () => ({ extra: { 'https://ads-metrics/role': 'admin' } }), /naming the role viewer or operator/],
  ])('%s: refused with HTTP 401 UNAUTHENTICATED naming why', async (_, claims, reason) => {
    const refused = await ask(READ, await token(claims()));
    expect(refused).toMatchObject({ status: 401, codes: ['UNAUTHENTICATED'] });
    expect(refused.message).toMatch(/^The credential was not accepted: /);
    expect(refused.message).toMatch(reason);
  });

  it('a token with a tampered payload is refused', async () => {
    const [header, , signature] = (await token()).split('.');
    const payload = Buffer.from(JSON.stringify({ sub: 'x', iss: ISSUER, aud: AUDIENCE, exp: 9e9, 'https://ads-metrics/role': 'operator' })).toString('base64url');
    expect(await ask(READ, `${header}.${payload}.${signature}`)).toMatchObject({ status: 401, codes: ['UNAUTHENTICATED'] });
  });
});

describe('AUTH_* settings', () => {
  it('AUTH_JWKS_URL needs AUTH_ISSUER and AUTH_AUDIENCE; AUTH_ROLE_CLAIM defaults to role; ALLOW_ANONYMOUS takes 1 or 0', () => {
    expect(authSettingsFromEnv({})).toEqual({ jwt: null, allowAnonymous: false });
    expect(authSettingsFromEnv({ AUTH_JWKS_URL: jwksUrl, AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE, ALLOW_ANONYMOUS: '1' })).toEqual({
      jwt: { jwksUrl, issuer: ISSUER, audience: AUDIENCE, roleClaim: 'role' },
      allowAnonymous: true,
    });
    expect(() => authSettingsFromEnv({ AUTH_JWKS_URL: jwksUrl, AUTH_ISSUER: ISSUER })).toThrow(
      'AUTH_JWKS_URL needs AUTH_ISSUER and AUTH_AUDIENCE: the issuer and audience every accepted JWT must carry',
    );
    expect(() => authSettingsFromEnv({ AUTH_JWKS_URL: 'jwks.json', AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE })).toThrow(/^invalid AUTH_JWKS_URL "jwks.json"/);
    expect(() => authSettingsFromEnv({ ALLOW_ANONYMOUS: 'maybe' })).toThrow('invalid ALLOW_ANONYMOUS "maybe": expected 1 or 0');
  });
});

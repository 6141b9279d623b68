/** Who a request is (api.md "Access control"): put on the per-request context and named in request logs. */
import { API_KEY_ROLES, type ApiKeyRole } from '../db/tables/api-keys.ts';

export type Role = ApiKeyRole;
export const ROLES = API_KEY_ROLES;

export type CredentialKind = 'api-key' | 'jwt' | 'pipeline-token' | 'anonymous';

export interface Identity {
  /** The key's name, the JWT's `sub`, `pipeline-token` or `anonymous`. */
  name: string;
  role: Role;
  kind: CredentialKind;
}

/** A reader without a credential, served only while authentication is off (loopback, or ALLOW_ANONYMOUS). */
export const ANONYMOUS: Identity = { name: 'anonymous', role: 'viewer', kind: 'anonymous' };

export const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);

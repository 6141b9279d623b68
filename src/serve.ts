/** `npm run serve -- --db <app.sqlite> [--source <source.sqlite>] [--port N] [--host H] [--allow-anonymous]` (api.md). */
import { DEFAULT_HOST, DEFAULT_PORT, httpSettingsFromEnv, parseFlags, parsePort, runCommand, UsageError } from './config.ts';

// graphql-js runs costly development-only checks unless NODE_ENV is 'production' when it is first
// loaded, so set it before importing the server. (Error masking does not depend on it.)
process.env.NODE_ENV ??= 'production';
const { serveUntilStopped } = await import('./server.ts');
const { heavyQueriesFromEnv } = await import('./query-limits/heavy-queue.ts');

await runCommand(async () => {
  const flags = parseFlags(process.argv.slice(2), {
    db: { type: 'string' },
    source: { type: 'string', multiple: true },
    port: { type: 'string' },
    host: { type: 'string' },
    'allow-anonymous': { type: 'boolean' },
  });
  const dbPath = flags.db ?? (process.env.DATABASE_URL || process.env.DATABASE_PATH);
  if (!dbPath) throw new UsageError('missing --db <app.sqlite or postgres URL> (or DATABASE_URL / DATABASE_PATH)');
  const sourceFromEnv = process.env.SOURCE_DATABASE_PATH;
  await serveUntilStopped({
    ...httpSettingsFromEnv(),
    ...heavyQueriesFromEnv(),
    dbPath,
    sources: flags.source ?? (sourceFromEnv ? [sourceFromEnv] : []),
    port: parsePort(flags.port ?? process.env.PORT ?? String(DEFAULT_PORT)),
    host: flags.host ?? process.env.HOST ?? DEFAULT_HOST,
    allowAnonymous: flags['allow-anonymous'],
  });
});

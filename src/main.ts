/**
 * `npm start`: the main job with zero set-up. When the app database has no published run yet, it
 * generates the demo source database (if missing) and runs the pipeline; then it builds the
 * dashboard page if needed and serves it with the API.
 */
import { DEFAULT_HOST, DEFAULT_PORT, httpSettingsFromEnv, parsePort, reportTimezoneFromEnv, runCommand } from './config.ts';
import { demoPaths, ensureDemoDatabase } from './demo-database.ts';

// Before graphql-js is first loaded (see serve.ts).
process.env.NODE_ENV ??= 'production';
const { serveUntilStopped } = await import('./server.ts');

await runCommand(async () => {
  const http = httpSettingsFromEnv();
  const { appDbPath, sourcePath } = demoPaths();
  await ensureDemoDatabase({ appDbPath, sourcePath, timezone: reportTimezoneFromEnv(), log: (text) => process.stdout.write(text) });
  await serveUntilStopped({
    ...http,
    dbPath: appDbPath,
    sources: [sourcePath],
    port: parsePort(process.env.PORT || String(DEFAULT_PORT)),
    host: process.env.HOST || DEFAULT_HOST,
  });
});

/**
 * `npm start`: the main job with zero set-up. When the app database has no published run yet, it
 * generates the demo source database (if missing), runs the pipeline, then serves the API.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateDemoData } from '../pipeline/demo-data/generate.ts';
import { progressLine, runPipeline } from '../pipeline/run.ts';
import { DEFAULT_HOST, DEFAULT_PORT, httpSettingsFromEnv, parsePort, reportTimezoneFromEnv, runCommand } from './config.ts';
import { openAppDatabase } from './db/app-database.ts';
import { publishedRunId } from './db/tables/pipeline-runs-reads.ts';

// Before graphql-js is first loaded (see serve.ts).
process.env.NODE_ENV ??= 'production';
const { serveUntilStopped } = await import('./server.ts');

const DEMO_SCALE = 'demo';
const DEMO_SEED = 1;

async function hasPublishedRun(appDbPath: string): Promise<boolean> {
  if (!existsSync(appDbPath)) return false;
  const database = await openAppDatabase(appDbPath);
  try {
    return (await publishedRunId(database.db)) !== null;
  } finally {
    await database.close();
  }
}

await runCommand(async () => {
  const http = httpSettingsFromEnv();
  const appDbPath = process.env.DATABASE_PATH || 'data/app.sqlite';
  const sourcePath = process.env.SOURCE_DATABASE_PATH || 'data/demo-source.sqlite';
  if (!(await hasPublishedRun(appDbPath))) {
    mkdirSync(dirname(appDbPath), { recursive: true });
    if (!existsSync(sourcePath)) {
      mkdirSync(dirname(sourcePath), { recursive: true });
      process.stdout.write(`generating the demo source database ${sourcePath} (scale ${DEMO_SCALE}, seed ${DEMO_SEED}) …\n`);
      const generated = generateDemoData({ out: sourcePath, scale: DEMO_SCALE, seed: DEMO_SEED });
      process.stdout.write(`  done in ${generated.seconds.toFixed(1)} s\n`);
    }
    process.stdout.write(`running the pipeline into ${appDbPath} …\n`);
    const summary = await runPipeline({
      sources: [sourcePath],
      appDbPath,
      timezone: reportTimezoneFromEnv(),
      onProgress: (progress) => process.stdout.write(`  ${progressLine(progress)}`),
    });
    process.stdout.write(`  run ${summary.runId} published in ${summary.seconds.toFixed(1)} s (as of ${summary.asOf})\n`);
  }
  await serveUntilStopped({
    ...http,
    dbPath: appDbPath,
    sources: [sourcePath],
    port: parsePort(process.env.PORT || String(DEFAULT_PORT)),
    host: process.env.HOST || DEFAULT_HOST,
  });
});

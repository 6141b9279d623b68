/**
 * The demo data behind `npm start` and `npm run screenshot`: when the app database has no published
 * run yet, generate the demo source database (if missing) and run the pipeline over it.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateDemoData } from '../pipeline/demo-data/generate.ts';
import { progressLine, runPipeline } from '../pipeline/run.ts';
import { openAppDatabase } from './db/app-database.ts';
import { publishedRunId } from './db/tables/pipeline-runs-reads.ts';

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

export async function ensureDemoDatabase(options: { appDbPath: string; sourcePath: string; timezone: string; log: (text: string) => void }) {
  const { appDbPath, sourcePath, log } = options;
  if (await hasPublishedRun(appDbPath)) return;
  mkdirSync(dirname(appDbPath), { recursive: true });
  if (!existsSync(sourcePath)) {
    mkdirSync(dirname(sourcePath), { recursive: true });
    log(`generating the demo source database ${sourcePath} (scale ${DEMO_SCALE}, seed ${DEMO_SEED}) …\n`);
    const generated = generateDemoData({ out: sourcePath, scale: DEMO_SCALE, seed: DEMO_SEED });
    log(`  done in ${generated.seconds.toFixed(1)} s\n`);
  }
  log(`running the pipeline into ${appDbPath} …\n`);
  const summary = await runPipeline({
    sources: [sourcePath],
    appDbPath,
    timezone: options.timezone,
    onProgress: (progress) => log(`  ${progressLine(progress)}`),
  });
  log(`  run ${summary.runId} published in ${summary.seconds.toFixed(1)} s (as of ${summary.asOf})\n`);
}

/** Where `npm start` keeps its databases (DATABASE_PATH, SOURCE_DATABASE_PATH). */
export const demoPaths = (env: NodeJS.ProcessEnv = process.env) => ({
  appDbPath: env.DATABASE_PATH || 'data/app.sqlite',
  sourcePath: env.SOURCE_DATABASE_PATH || 'data/demo-source.sqlite',
});

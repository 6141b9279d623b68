import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../pipeline/demo-data/generate.ts';
import { runPipeline } from '../../pipeline/run.ts';
import { PUBLISHED_TABLES, startCli, tableDigests, type CliResult } from '../fixtures/pipeline-run.ts';
import { queryApp, useTempDir } from '../fixtures/source-db.ts';

const tempDir = useTempDir();

interface RunRow extends Record<string, unknown> {
  id: number;
  status: string;
  progress: number;
}
const runsOf = (appDbPath: string) => queryApp<RunRow>(appDbPath, 'SELECT id, status, progress FROM pipeline_runs ORDER BY id');

/**
 * Polls until the newest run is 'running' with some progress, or the process ends first.
 * Returns the run seen, or the process result when it finished on its own.
 */
async function waitUntilMidRun(appDbPath: string, done: Promise<CliResult>): Promise<RunRow | CliResult> {
  let finished: CliResult | undefined;
  void done.then((result) => (finished = result));
  for (;;) {
    if (finished) return finished;
    const latest = runsOf(appDbPath).at(-1);
    if (latest?.status === 'running' && latest.progress > 0) return latest;
    await sleep(20);
  }
}

/*
 * The published baseline and the run after the kill use 'small' data (fast); the killed run reads
 * 'demo' data, which takes seconds, so it can be caught mid-run.
 */
describe('a killed run (issue 3 §3)', () => {
  const dir = tempDir();
  const smallSource = join(dir, 'small-source.sqlite');
  const demoSource = join(dir, 'demo-source.sqlite');
  const appDbPath = join(dir, 'app.sqlite');
  const scratchParent = tempDir();
  const scratchSpaces = () => readdirSync(scratchParent).filter((name) => name.startsWith('ads-metrics-pipeline-'));
  let published: ReturnType<typeof tableDigests>;
  let firstRunId: number;

  beforeAll(async () => {
    generateDemoData({ out: smallSource, scale: 'small', seed: 3 });
    generateDemoData({ out: demoSource, scale: 'demo', seed: 3 });
    firstRunId = (await runPipeline({ sources: [smallSource], appDbPath })).runId;
    published = tableDigests(appDbPath, PUBLISHED_TABLES);
  });

  it('SIGKILL mid-run leaves the previously published rows exactly intact; the next run succeeds, marks it interrupted and removes its scratch space', async () => {
    const { child, done } = startCli(['--source', demoSource, '--db', appDbPath], { TMPDIR: scratchParent });
    const seen = await waitUntilMidRun(appDbPath, done);
    if (!('progress' in seen)) expect.fail(`the run ended before it could be killed: exit ${seen.code}, ${seen.stderr.trim()}`);
    const killedRunId = seen.id;
    // The CLI yields the CPU to servers (nice 10; field 19 of Linux's /proc/<pid>/stat).
    if (existsSync(`/proc/${child.pid}/stat`)) {
      expect.soft(readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]).toBe('10');
    }
    // While it runs, a second run is refused (PIPELINE_BUSY in api.md) and changes nothing.
    await expect.soft(runPipeline({ sources: [smallSource], appDbPath })).rejects.toThrow(`run ${killedRunId}`);
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');

    expect(tableDigests(appDbPath, PUBLISHED_TABLES)).toEqual(published);
    expect(queryApp(appDbPath, 'SELECT run_id FROM published_dataset')).toEqual([{ run_id: firstRunId }]);

    expect(scratchSpaces()).toEqual([expect.stringMatching(`^ads-metrics-pipeline-${child.pid}-`)]);

    // Another time zone, so the new run's rows differ from the baseline's.
    const previousTmpDir = process.env.TMPDIR;
    process.env.TMPDIR = scratchParent;
    const next = await runPipeline({ sources: [smallSource], appDbPath, timezone: 'America/New_York' }).finally(() => {
      process.env.TMPDIR = previousTmpDir;
    });
    expect(scratchSpaces()).toEqual([]);
    expect(queryApp(appDbPath, 'SELECT run_id, timezone FROM published_dataset')).toEqual([
      { run_id: next.runId, timezone: 'America/New_York' },
    ]);
    expect(runsOf(appDbPath).find((run) => run.id === killedRunId)?.status).toBe('interrupted');
    expect(tableDigests(appDbPath, PUBLISHED_TABLES).daily_metrics).not.toEqual(published.daily_metrics);
  });
});

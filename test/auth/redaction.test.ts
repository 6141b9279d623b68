/**
 * api.md "Access control": no secret anywhere a client, a log or a page can see. A run whose source
 * URL carries a password is started through the API; the password is then looked for in every
 * answer about it (the mutation, pipelineRuns and pipelineRun with parameters and error, the
 * progress subscription), in the stored run row, in what the server wrote to its output, and in
 * the pipeline CLI's output. The run itself fails (no such role), after having tried the real URL.
 */
import { createClient } from 'graphql-sse';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startServer } from '../../src/server.ts';
import { BACKENDS, freshPostgresUrl, testServerUrl, type Backend } from '../fixtures/backends.ts';
import { startCli } from '../fixtures/pipeline-run.ts';

const PASSWORD = 'S3cretPW';
const TOKEN = 'operator-token-0123456789';

const dir = mkdtempSync(join(tmpdir(), 'redaction-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A source on the test server, as a role that does not exist, with a password. */
const secretSource = () => {
  const url = new URL(testServerUrl());
  return `postgres://admin:${PASSWORD}@${url.host}/postgres?schema=ads_source`;
};
const redactedSource = () => secretSource().replace(`:${PASSWORD}@`, ':***@');

/** Everything the process writes to its output while a test runs. */
let written: string[] = [];
beforeEach(() => {
  written = [];
  const capture = (chunk: unknown) => {
    written.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void written.push(args.map((arg) => (arg instanceof Error ? arg.stack : String(arg))).join(' ')));
  }
});
afterEach(() => vi.restoreAllMocks());

describe.each(BACKENDS)('[%s]', (backend: Backend) => {
  it('the source password is in no API answer, stored run, server output or CLI output', async () => {
    const dbPath = backend === 'postgres' ? await freshPostgresUrl('redaction') : join(dir, 'app.sqlite');
    const running = await startServer({ dbPath, sources: [secretSource()], pipelineToken: TOKEN, port: 0, host: '127.0.0.1' });
    const answers: string[] = [];
    const graphql = async (query: string) => {
      const response = await fetch(running.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({ query }),
      });
      const text = await response.text();
      answers.push(text);
      return JSON.parse(text) as { data: any; errors?: unknown[] };
    };
    try {
      const started = await graphql('mutation { runPipeline { id status parameters error } }');
      expect(started.errors).toBeUndefined();
      const { id } = started.data.runPipeline;
      expect(JSON.parse(started.data.runPipeline.parameters).sources).toEqual([redactedSource()]);

      const client = createClient({ url: running.url, headers: { authorization: `Bearer ${TOKEN}` }, retryAttempts: 0 });
      const events = await new Promise<unknown[]>((resolve, reject) => {
        const seen: unknown[] = [];
        client.subscribe(
          { query: `subscription { pipelineRunProgress(id: ${id}) { id status step progress parameters error } }` },
          { next: (event) => seen.push(event), error: reject, complete: () => resolve(seen) },
        );
      });
      answers.push(JSON.stringify(events));
      const last = (events.at(-1) as { data: { pipelineRunProgress: { status: string; error: string } } }).data.pipelineRunProgress;
      expect(last.status).toBe('failed');
      // The run tried the real URL (the server refused the role), and says which source in redacted form.
      expect(last.error).toContain(redactedSource().replace(/\?.*$/, ''));

      const history = await graphql(`{ pipelineRuns(last: 5) { id parameters error } pipelineRun(id: ${id}) { parameters error } }`);
      expect(history.data.pipelineRuns[0].id).toBe(id);
      expect(history.data.pipelineRun.parameters).toContain(`admin:***@`);

      const stored = await running.api.database.db.all<Record<string, unknown>>('SELECT * FROM pipeline_runs');
      expect(JSON.stringify(stored)).toContain('admin:***@');
      expect(JSON.stringify(stored)).not.toContain(PASSWORD);
      for (const answer of answers) expect(answer).not.toContain(PASSWORD);
    } finally {
      await running.close();
    }

    const cli = await startCli(['--source', secretSource(), '--db', backend === 'postgres' ? await freshPostgresUrl('redaction_cli') : join(dir, 'cli.sqlite')]).done;
    expect(cli.code).not.toBe(0);
    expect(cli.stderr).toContain('admin:***@');
    expect(`${cli.stdout}${cli.stderr}`).not.toContain(PASSWORD);
    expect(written.join('')).not.toContain(PASSWORD);
  }, 120_000);
});

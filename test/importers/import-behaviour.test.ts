/**
 * What every import does whatever the kind (source-data.md "Importing real exports", api.md
 * "Importing exports"): new databases, transactions per file, repeatable imports, skip counts,
 * files of the wrong kind, --strict, folders, gzip, the command line.
 */
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summaryLine } from '../../importers/report.ts';
import { tableDigests } from '../fixtures/app-reader.ts';
import { useTempDir } from '../fixtures/source-db.ts';
import { importHarness, jsonLines, only, runScript } from './helpers.ts';

const importFiles = importHarness();
const tempDir = useTempDir('import-cli-');
const event = (id: string, distinctId: string, revenue: number | null = null, time = 1700000000) => ({
  event: 'RC Initial purchase',
  properties: { time, distinct_id: distinctId, $insert_id: id, ...(revenue === null ? {} : { revenue }) },
});
const SEVEN_TABLES = [
  'ad_performance_daily',
  'ad_performance_daily_country',
  'ad_performance_daily_device',
  'ad_performance_daily_region',
  'mixpanel_event',
  'mixpanel_user',
  'user_product_metrics',
];

describe('importing', () => {
  it('creates the seven required tables in a new database', async () => {
    const run = await importFiles('mixpanel-events', { 'e.jsonl': jsonLines(event('1', 'u')) });
    expect(run.query<{ name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").map((t) => t.name)).toEqual(SEVEN_TABLES);
  });

  it('leaves identical tables when the same files are imported again, reporting every row unchanged', async () => {
    const files = {
      'a.jsonl': jsonLines(event('1', 'u1', 9.99), event('2', 'u2')),
      'b.jsonl.gz': jsonLines(event('3', 'u3', -9.99)),
    };
    const run = await importFiles('mixpanel-events', files);
    const before = await tableDigests(run.into, SEVEN_TABLES);
    expect(before.mixpanel_event!.rows).toBe(3);
    const again = await run.again('mixpanel-events', ['.']);
    expect(await tableDigests(run.into, SEVEN_TABLES)).toEqual(before);
    expect(again.map((s) => s.written)).toEqual([
      { inserted: 0, replaced: 0, unchanged: 2 },
      { inserted: 0, replaced: 0, unchanged: 1 },
    ]);
  });

  it('replaces a row whole when a later record has the same key, in the same file or a later one', async () => {
    const run = await importFiles('mixpanel-events', {
      'a.jsonl': jsonLines(event('1', 'u1', 9.99), { event: 'RC Initial purchase', properties: { time: 1700000500, distinct_id: 'u1', $insert_id: '1', product_id: 'p', store: 'APP_STORE' } }),
      'b.jsonl': jsonLines(event('2', 'u2', 1)),
      'c.jsonl': jsonLines(event('2', 'u9', 2)),
    });
    expect(run.query('SELECT event_uuid, distinct_id, event_time, product_id, store, revenue_usd FROM mixpanel_event ORDER BY 1')).toEqual([
      // The second record replaced the first whole: revenue is gone, not kept from the first.
      { event_uuid: '1', distinct_id: 'u1', event_time: '2023-11-14T22:21:40.000Z', product_id: 'p', store: 'APP_STORE', revenue_usd: null },
      { event_uuid: '2', distinct_id: 'u9', event_time: '2023-11-14T22:13:20.000Z', product_id: null, store: null, revenue_usd: 2 },
    ]);
    expect(run.summaries.map((s) => s.written)).toEqual([
      { inserted: 1, replaced: 1, unchanged: 0 },
      { inserted: 1, replaced: 0, unchanged: 0 },
      { inserted: 0, replaced: 1, unchanged: 0 },
    ]);
  });

  it('reads folders recursively in name order and decompresses .gz files; other files in folders are left alone', async () => {
    const run = await importFiles('mixpanel-events', {
      'b/2.jsonl': jsonLines(event('k', 'from-b2')),
      'a.jsonl.gz': jsonLines(event('k', 'from-a')),
      'b/1.json': JSON.stringify([event('k', 'from-b1')]),
      'notes.txt': 'not an export',
    });
    expect(run.summaries.map((s) => s.file.slice(s.file.indexOf('exports/')))).toEqual(['exports/a.jsonl.gz', 'exports/b/1.json', 'exports/b/2.jsonl']);
    expect(run.query('SELECT distinct_id FROM mixpanel_event')).toEqual([{ distinct_id: 'from-b2' }]);
  });

  it('counts malformed records per reason with their first positions, and filtered ones apart', async () => {
    const lines = [
      JSON.stringify(event('1', 'u')),
      '{"event": "RC Initial purchase", "properties": {',
      '',
      '[1, 2]',
      JSON.stringify({ event: 'Page view', properties: { distinct_id: 'u', time: 1 } }),
      ...Array.from({ length: 4 }, (_, i) => JSON.stringify({ event: 'RC Initial purchase', properties: { time: 1700000000 + i, $insert_id: `x${i}` } })),
    ];
    const run = await importFiles('mixpanel-events', { 'e.jsonl': `${lines.join('\n')}\n` });
    const summary = only(run.summaries);
    expect(summary.malformed).toEqual({ 'not JSON': 1, 'not a mixpanel-events record': 1, 'no distinct_id': 4 });
    // Blank line 3 is no record; the first three positions of a reason are listed.
    expect(summary.examples).toEqual({ 'not JSON': ['e.jsonl:2'], 'not a mixpanel-events record': ['e.jsonl:4'], 'no distinct_id': ['e.jsonl:6', 'e.jsonl:7', 'e.jsonl:8'] });
    expect(summary.filtered).toEqual({ 'other event': 1 });
    expect(summary.records).toBe(8);
    expect(summaryLine(run.summaries[0]!).replace(/\/\S*\//g, '').replace(/in \d+\.\d s/, 'in T s')).toBe(
      'e.jsonl: 1 rows imported (mixpanel_event 1): 1 new, 0 replaced, 0 unchanged; skipped: other event: 1, not JSON: 1 (e.jsonl:2), ' +
        'not a mixpanel-events record: 1 (e.jsonl:4), no distinct_id: 4 (e.jsonl:6, e.jsonl:7, e.jsonl:8, …); 8 records in T s',
    );
  });

  it('writes nothing of a file of the wrong kind or not JSON, and goes on with the next file', async () => {
    const run = await importFiles('meta-insights', {
      '1-events.jsonl': jsonLines(event('1', 'u')),
      '2-text.jsonl': 'hello\nworld\n',
      '3-error.json': JSON.stringify({ error: { message: 'Invalid OAuth access token.', code: 190 } }),
      '4-truncated.json': '{"data": [{"ad_id": "1", "date_start": "2025-06-01"}, {"ad_id": "2", "date_',
      '5-good.json': JSON.stringify({ data: [{ ad_id: '1', date_start: '2025-06-01' }], paging: {} }),
    });
    expect(run.summaries.map((s) => s.error)).toEqual([
      'not a meta-insights export (Insights rows at level=ad with ad_id and date_start): none of its 1 records has that shape',
      'not JSON: no line of the file is a JSON value',
      'not a meta-insights export (Insights rows at level=ad with ad_id and date_start): none of its 1 records has that shape',
      expect.stringMatching(/^not valid JSON: /),
      undefined,
    ]);
    expect(run.query('SELECT ad_id FROM ad_performance_daily')).toEqual([{ ad_id: '1' }]);
    expect(run.query('SELECT count(*) AS n FROM mixpanel_event')).toEqual([{ n: 0 }]);
  });

  it('a file that cannot be read (a broken gzip) is one line and writes nothing', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.jsonl.gz'), 'not gzip at all');
    writeFileSync(join(dir, 'b.json.gz'), 'not gzip either');
    const { runImport } = await import('../../importers/command.ts');
    const summaries = await runImport(['mixpanel-events', dir, '--into', join(dir, 'source.sqlite')]);
    expect(summaries.map((s) => s.error)).toEqual(['cannot read the file: incorrect header check', 'cannot read the file: incorrect header check']);
  });

  it('--strict fails a file with any malformed record and writes nothing of it; other files still import', async () => {
    const run = await importFiles(
      'mixpanel-events',
      {
        'a.jsonl': jsonLines(event('1', 'u'), { event: 'Page view', properties: { distinct_id: 'u', time: 1 } }),
        'b.jsonl': jsonLines(event('2', 'u'), event('3', ''), event('4', '')),
      },
      ['--strict'],
    );
    expect(run.summaries.map((s) => s.error)).toEqual([undefined, expect.stringMatching(/^--strict: malformed record at \/.*\/b\.jsonl:2 \(no distinct_id\) and others$/)]);
    // A filtered record (another event) is no failure.
    expect(run.query('SELECT event_uuid FROM mixpanel_event')).toEqual([{ event_uuid: '1' }]);
  });

  it('reports progress on long files', async () => {
    const progress: number[] = [];
    const lines = Array.from({ length: 40_000 }, (_, i) => JSON.stringify(event(`e${i}`, 'u')));
    await importFiles('mixpanel-events', { 'big.jsonl': `${lines.join('\n')}\n` }, [], {
      onProgress: (_file, records) => progress.push(records),
      progressEverySeconds: 0,
    });
    // Progress is looked at every 16,384 records (then printed at most every progressEverySeconds, 5 by default).
    expect(progress).toEqual([16_384, 32_768]);
  });

  it('refuses a database whose table lacks a contract column, naming it', async () => {
    const dir = tempDir();
    const into = join(dir, 'source.sqlite');
    const db = new Database(into);
    db.exec('CREATE TABLE mixpanel_event (event_uuid TEXT PRIMARY KEY, distinct_id TEXT)');
    db.close();
    writeFileSync(join(dir, 'e.jsonl'), jsonLines(event('1', 'u')));
    const { runImport } = await import('../../importers/command.ts');
    await expect(runImport(['mixpanel-events', join(dir, 'e.jsonl'), '--into', into])).rejects.toThrow(
      `${into} does not match the source contract: table mixpanel_event is missing event_name, event_time, product_id, store, revenue_usd`,
    );
  });
});

describe('npm run import (command line)', () => {
  const runCli = (args: string[]) => runScript('importers/cli.ts', args);

  it('prints a summary line per file; a file not imported makes the exit code 1 with one error line', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.jsonl'), jsonLines(event('1', 'u')));
    writeFileSync(join(dir, 'b.jsonl'), 'nope\n');
    const result = await runCli(['mixpanel-events', dir, '--into', join(dir, 'source.sqlite')]);
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/a\.jsonl: 1 rows imported \(mixpanel_event 1\): 1 new, 0 replaced, 0 unchanged; skipped: none; 1 records in \d+\.\d s$/);
    expect(lines[1]).toBe(`${join(dir, 'b.jsonl')}: not JSON: no line of the file is a JSON value; nothing of it was written`);
    expect(result.stderr).toBe('error: 1 of 2 files not imported (see above)\n');
  });

  it('a usage error is one line with exit code 2', async () => {
    const result = await runCli(['google-ads', 'x.json', '--into', 'y.sqlite']);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: unknown kind "google-ads" (use meta-insights, meta-ads-manager, mixpanel-events, mixpanel-profiles, user-product-metrics)\n',
    });
  });
});

/**
 * Text must be valid UTF-8 in JSON and CSV (source-data.md "Importing real exports"): a record with
 * bytes that are not is malformed (`not UTF-8`), never stored with U+FFFD — also with --strict,
 * which then fails the file. A literal U+FFFD in valid UTF-8 is valid text.
 */
import { describe, expect, it } from 'vitest';
import { importHarness, only } from './helpers.ts';

const importFiles = importHarness();

/** Text with `%XX` standing for a raw byte, e.g. `u%E9` = 'u' then the Latin-1 byte of é. */
const bytes = (text: string) => Buffer.concat(text.split(/(%[0-9A-F]{2})/).map((part) => (/^%[0-9A-F]{2}$/.test(part) ? Buffer.from([parseInt(part.slice(1), 16)]) : Buffer.from(part, 'utf8'))));

const event = (distinctId: string, insertId: string) =>
  `{"event": "RC Trial started", "properties": {"time": 1700000000, "distinct_id": "${distinctId}", "$insert_id": "${insertId}"}}\n`;

describe('not UTF-8', () => {
  it('JSON lines: three distinct_ids with different invalid bytes are three malformed records, none stored, none merged', async () => {
    const file = bytes(event('ren%E9', '1') + event('ren%E8', '2') + event('ren%C3', '3') + event('ok-\uFFFD', '4') + event('ren\u00e9', '5'));
    const run = await importFiles('mixpanel-events', { 'events.jsonl': file });
    const summary = only(run.summaries);
    expect(summary.malformed).toEqual({ 'not UTF-8': 3 });
    expect(summary.examples).toEqual({ 'not UTF-8': ['events.jsonl:1', 'events.jsonl:2', 'events.jsonl:3'] });
    // The literal U+FFFD (valid UTF-8: EF BF BD) and the valid é are kept as given.
    expect(run.query('SELECT distinct_id FROM mixpanel_event ORDER BY event_uuid')).toEqual([{ distinct_id: 'ok-\uFFFD' }, { distinct_id: 'ren\u00e9' }]);
  });

  it('JSON lines with --strict: the file fails and nothing of it is written', async () => {
    const run = await importFiles('mixpanel-events', { 'events.jsonl': bytes(event('u1', '1') + event('u%FF', '2')) }, ['--strict']);
    expect(only(run.summaries).error).toMatch(/^--strict: malformed record at .*events\.jsonl:2 \(not UTF-8\)$/);
    expect(run.query('SELECT count(*) AS n FROM mixpanel_event')).toEqual([{ n: 0 }]);
  });

  it('a JSON document (Engage page): the record with invalid bytes is malformed, the others are read', async () => {
    const page = bytes(
      `{"page": 0, "page_size": 1000, "session_id": "1", "status": "ok", "total": 3, "results": [` +
        `{"$distinct_id": "ren%E9", "$properties": {"$country_code": "FR"}},` +
        `{"$distinct_id": "ren%E8", "$properties": {"$country_code": "FR"}},` +
        `{"$distinct_id": "ren\u00e9", "$properties": {"$region": "%F0%9F%98%80 \uFFFD"}}]}`,
    );
    const run = await importFiles('mixpanel-profiles', { 'engage.json': page });
    const summary = only(run.summaries);
    expect(summary.malformed).toEqual({ 'not UTF-8': 2 });
    expect(summary.examples).toEqual({ 'not UTF-8': ['engage.json:1', 'engage.json:2'] });
    expect(run.query('SELECT distinct_id, region FROM mixpanel_user')).toEqual([{ distinct_id: 'ren\u00e9', region: '\u{1F600} \uFFFD' }]);
  });

  it('a JSON document with --strict fails on invalid bytes in a nested property', async () => {
    const page = bytes(`{"data": [{"ad_id": "1", "date_start": "2025-06-01"}, {"ad_id": "2", "date_start": "2025-06-01", "actions": [{"action_type": "Caf%E9"}]}]}`);
    const run = await importFiles('meta-insights', { 'page.json': page }, ['--strict']);
    expect(only(run.summaries).error).toMatch(/^--strict: malformed record at .*page\.json:2 \(not UTF-8\)$/);
  });

  it('a file none of whose records is UTF-8 text is refused as such (not as "not JSON")', async () => {
    const run = await importFiles('meta-insights', { 'page.json': bytes(`{"data": [{"ad_id": "1", "date_start": "2025-06-01", "ad_name": "Caf%E9"}]}`) });
    expect(only(run.summaries).error).toBe('not UTF-8: none of its 1 records is UTF-8 text');
  });

  it('CSV: a row with a field that is not UTF-8 is malformed at its line; a BOM before the header is dropped', async () => {
    const csv = bytes('\uFEFFdistinct_id,product_id,current_value\nu%E9,p,1\nu\u00e9,p,2\nu3,p%80,3\n');
    const run = await importFiles('user-product-metrics', { 'values.csv': csv });
    const summary = only(run.summaries);
    expect(summary.malformed).toEqual({ 'not UTF-8': 2 });
    expect(summary.examples).toEqual({ 'not UTF-8': ['values.csv:2', 'values.csv:4'] });
    expect(run.query('SELECT distinct_id, current_value FROM user_product_metrics')).toEqual([{ distinct_id: 'u\u00e9', current_value: 2 }]);
  });

  it('CSV whose header row is not UTF-8: the file is refused with one line', async () => {
    const run = await importFiles('user-product-metrics', { 'values.csv': bytes('distinct_id,product_id,current_value,not%FFe\nu1,p,1,x\n') });
    expect(only(run.summaries).error).toBe('the header row is not UTF-8');
  });

  it('characters cut by the reader\'s 1 MiB chunks are decoded whole (JSON lines and a JSON document)', async () => {
    // 'é' is two bytes; an odd prefix puts one of them across each chunk boundary.
    const name = 'x' + '\u00e9'.repeat(700_000);
    const lines = event('u1', '1').replace('"u1"', JSON.stringify(name));
    const events = await importFiles('mixpanel-events', { 'events.jsonl': lines });
    expect(only(events.summaries).malformed).toEqual({});
    expect(events.query('SELECT length(distinct_id) AS n FROM mixpanel_event')).toEqual([{ n: 700_001 }]);

    const page = `{"results": [{"$distinct_id": ${JSON.stringify(name)}, "$properties": {}}]}`;
    const profiles = await importFiles('mixpanel-profiles', { 'engage.json': page });
    expect(only(profiles.summaries).malformed).toEqual({});
    expect(profiles.query('SELECT distinct_id = ? AS same FROM mixpanel_user', name)).toEqual([{ same: 1 }]);
  });
});

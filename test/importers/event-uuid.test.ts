/**
 * mixpanel-events event_uuid without an insert id (source-data.md, mixpanel-events table): T is the
 * instant in whole epoch seconds, P the properties without time, mp_processing_time_ms and
 * $mp_api_timestamp_ms, so one event exported with `time` in seconds and with `time_in_ms` is one row.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importHarness, jsonLines, only } from './helpers.ts';

const importFiles = importHarness();
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('derived event_uuid', () => {
  it('gives one key to the same event exported with time in seconds and with time_in_ms, whatever the processing stamps', async () => {
    const run = await importFiles('mixpanel-events', {
      'a-seconds.jsonl': jsonLines({
        event: 'rc_initial_purchase_event',
        properties: { time: 1753638148, distinct_id: 'u1', product_id: 'p1', revenue: 9.99, mp_processing_time_ms: 1753638150001 },
      }),
      'b-millis.jsonl': jsonLines({
        event: 'rc_initial_purchase_event',
        properties: { time: 1753638148123, distinct_id: 'u1', product_id: 'p1', revenue: 9.99, mp_processing_time_ms: 1753638199999, $mp_api_timestamp_ms: 1753638150000 },
      }),
    }, ['--also-events', 'rc_initial_purchase_event']);
    const key = sha256('rc_initial_purchase_event\nu1\n1753638148\n{"distinct_id":"u1","product_id":"p1","revenue":9.99}');
    expect(run.query('SELECT event_uuid, event_time FROM mixpanel_event')).toEqual([{ event_uuid: key, event_time: '2025-07-27T17:42:28.123Z' }]);
    // The second file's row has the same key: it replaces the first (the later time keeps its milliseconds).
    expect(run.summaries.map((s) => s.written)).toEqual([
      { inserted: 1, replaced: 0, unchanged: 0 },
      { inserted: 0, replaced: 1, unchanged: 0 },
    ]);
  });

  it('keeps events in different seconds, or with other properties, apart', async () => {
    const run = await importFiles('mixpanel-events', {
      'e.jsonl': jsonLines(
        { event: 'rc_trial_started_event', properties: { time: 1753638148, distinct_id: 'u1' } },
        { event: 'rc_trial_started_event', properties: { time: 1753638149, distinct_id: 'u1' } },
        { event: 'rc_trial_started_event', properties: { time: 1753638148, distinct_id: 'u1', product_id: 'p2' } },
      ),
    }, ['--also-events', 'rc_trial_started_event']);
    expect(only(run.summaries).written).toEqual({ inserted: 3, replaced: 0, unchanged: 0 });
  });
});

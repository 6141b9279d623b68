/** mixpanel-events → mixpanel_event (source-data.md "Importing real exports", table of mixpanel-events). */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importHarness, jsonLines, only } from './helpers.ts';

const importFiles = importHarness();
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A raw-export event (properties carry time, distinct_id, $insert_id). */
const raw = (event: string, properties: object) => ({ event, properties });
const EVENTS = 'SELECT event_uuid, distinct_id, event_name, event_time, product_id, store, revenue_usd FROM mixpanel_event ORDER BY event_time, event_uuid';

describe('mixpanel-events', () => {
  it('reads the raw-export form and the data-pipeline form in one file', async () => {
    const run = await importFiles('mixpanel-events', {
      'export.jsonl': jsonLines(
        raw('RC Trial started', { time: 1602611311, distinct_id: 'u1', $insert_id: 'ins-1', product_id: 'yearly', store: 'APP_STORE', mp_country_code: 'US' }),
        {
          event_name: 'RC Trial converted',
          distinct_id: '$device:abc',
          insert_id: 'ins-2',
          time: 1753638148,
          properties: { product_id: 'monthly', store: 'PLAY_STORE', revenue: 69.99, currency: 'USD', environment: 'PRODUCTION' },
        },
      ),
    });
    expect(run.query(EVENTS)).toEqual([
      { event_uuid: 'ins-1', distinct_id: 'u1', event_name: 'RC Trial started', event_time: '2020-10-13T17:48:31.000Z', product_id: 'yearly', store: 'APP_STORE', revenue_usd: null },
      { event_uuid: 'ins-2', distinct_id: '$device:abc', event_name: 'RC Trial converted', event_time: '2025-07-27T17:42:28.000Z', product_id: 'monthly', store: 'PLAY_STORE', revenue_usd: 69.99 },
    ]);
  });

  it('takes the top-level distinct_id before properties.distinct_id, keeps an 18-digit numeric id exactly, and skips an event without one', async () => {
    const run = await importFiles('mixpanel-events', {
      'export.jsonl': jsonLines(
        { event: 'RC Trial started', distinct_id: 'top', properties: { time: 1700000000, distinct_id: 'inner', $insert_id: 'a' } },
        '{"event": "RC Trial started", "properties": {"time": 1700000001, "distinct_id": 123456789012345678, "$insert_id": "b"}}',
        raw('RC Trial started', { time: 1700000002, $insert_id: 'c' }),
      ),
    });
    expect(run.query('SELECT event_uuid, distinct_id FROM mixpanel_event ORDER BY event_uuid')).toEqual([
      { event_uuid: 'a', distinct_id: 'top' },
      { event_uuid: 'b', distinct_id: '123456789012345678' },
    ]);
    expect(only(run.summaries).malformed).toEqual({ 'no distinct_id': 1 });
    expect(only(run.summaries).examples).toEqual({ 'no distinct_id': ['export.jsonl:3'] });
  });

  it('derives event_uuid without an insert id: SHA-256 of NAME, ID, T in whole seconds and P without time, sorted keys, compact', async () => {
    const run = await importFiles('mixpanel-events', {
      'export.jsonl': jsonLines(
        '{"event_name": "RC Initial purchase", "distinct_id": "u9", "time": 1753638148, "properties": {"revenue": 69.99, "b": {"z": 1, "a": 1.50}, "product_id": "p1", "tags": ["y", "x"]}}',
        '{"event": "RC Trial started", "properties": {"time": 1602611311.50, "distinct_id": "u8", "é": "ü", "n": 1e3}}',
      ),
    });
    const purchase = sha256('RC Initial purchase\nu9\n1753638148\n{"b":{"a":1.5,"z":1},"product_id":"p1","revenue":69.99,"tags":["y","x"]}');
    // T is the instant in whole epoch seconds (1602611311.50 → 1602611311); P leaves out time; in P
    // numbers are written as JSON.stringify writes them.
    const trial = sha256('RC Trial started\nu8\n1602611311\n{"distinct_id":"u8","n":1000,"é":"ü"}');
    expect(run.query('SELECT event_uuid, event_time FROM mixpanel_event ORDER BY event_time')).toEqual([
      { event_uuid: trial, event_time: '2020-10-13T17:48:31.500Z' },
      { event_uuid: purchase, event_time: '2025-07-27T17:42:28.000Z' },
    ]);
  });

  it('reads time as epoch seconds, or milliseconds above 10^11, dropping digits finer than a millisecond', async () => {
    const run = await importFiles('mixpanel-events', {
      'export.jsonl': jsonLines(
        '{"event": "RC Trial started", "properties": {"time": 1602611311.1239, "distinct_id": "a", "$insert_id": "1"}}',
        '{"event": "RC Trial started", "properties": {"time": 1753638148123, "distinct_id": "a", "$insert_id": "2"}}',
        '{"event": "RC Trial started", "properties": {"time": 100000000000, "distinct_id": "a", "$insert_id": "3"}}',
        '{"event": "RC Trial started", "properties": {"time": 100000000001, "distinct_id": "a", "$insert_id": "4"}}',
        '{"event": "RC Trial started", "properties": {"time": 1753638148123.9, "distinct_id": "a", "$insert_id": "5"}}',
        '{"event": "RC Trial started", "properties": {"time": "soon", "distinct_id": "a", "$insert_id": "6"}}',
        '{"event": "RC Trial started", "properties": {"distinct_id": "a", "$insert_id": "7"}}',
      ),
    });
    expect(run.query('SELECT event_uuid, event_time FROM mixpanel_event ORDER BY event_uuid')).toEqual([
      { event_uuid: '1', event_time: '2020-10-13T17:48:31.123Z' },
      { event_uuid: '2', event_time: '2025-07-27T17:42:28.123Z' },
      // 10^11 is not above 10^11: seconds.
      { event_uuid: '3', event_time: '5138-11-16T09:46:40.000Z' },
      { event_uuid: '4', event_time: '1973-03-03T09:46:40.001Z' },
      { event_uuid: '5', event_time: '2025-07-27T17:42:28.123Z' },
    ]);
    expect(only(run.summaries).malformed).toEqual({ 'bad time': 1, 'no time': 1 });
  });

  describe('--project-timezone: time is the zone\'s wall clock counted as if UTC', () => {
    const wall = (iso: string) => Date.parse(`${iso}Z`) / 1000;
    const cases = [
      { zone: 'America/New_York', wall: '2024-07-01T12:00:00', utc: '2024-07-01T16:00:00.000Z', why: 'summer time, UTC-4' },
      { zone: 'America/New_York', wall: '2024-01-15T12:00:00', utc: '2024-01-15T17:00:00.000Z', why: 'standard time, UTC-5' },
      { zone: 'America/New_York', wall: '2024-11-03T01:30:00', utc: '2024-11-03T05:30:00.000Z', why: 'occurs twice: the earlier instant (EDT)' },
      { zone: 'America/New_York', wall: '2024-03-10T02:30:00', utc: '2024-03-10T07:30:00.000Z', why: 'does not exist: moved forward by the hour gap to 03:30 EDT' },
      { zone: 'Europe/Berlin', wall: '2024-10-27T02:30:00', utc: '2024-10-27T00:30:00.000Z', why: 'occurs twice: the earlier instant (CEST)' },
      { zone: 'Europe/Berlin', wall: '2024-03-31T02:30:00', utc: '2024-03-31T01:30:00.000Z', why: 'does not exist: 03:30 CEST' },
      { zone: 'Australia/Lord_Howe', wall: '2024-10-06T02:15:00', utc: '2024-10-05T15:45:00.000Z', why: 'a 30-minute gap: 02:15 becomes 02:45 (+11)' },
    ];
    for (const example of cases) {
      it(`${example.zone} ${example.wall}: ${example.why}`, async () => {
        const run = await importFiles(
          'mixpanel-events',
          { 'export.jsonl': jsonLines(raw('RC Trial started', { time: wall(example.wall), distinct_id: 'u', $insert_id: 'i' })) },
          ['--project-timezone', example.zone],
        );
        expect(run.query('SELECT event_time FROM mixpanel_event')).toEqual([{ event_time: example.utc }]);
      });
    }

    it('rejects an unknown zone with one line', async () => {
      await expect(importFiles('mixpanel-events', {}, ['--project-timezone', 'Mars/Olympus'])).rejects.toThrow(
        "--project-timezone: invalid time zone 'Mars/Olympus': expected an IANA name such as America/New_York",
      );
    });
  });

  it('imports only the M3 event names (EVENT_* included) and --also-events; others are filtered, not malformed', async () => {
    const file = {
      'export.jsonl': jsonLines(
        raw('RC Trial started', { time: 1700000000, distinct_id: 'u', $insert_id: '1' }),
        raw('rc_trial_started_event', { time: 1700000000, distinct_id: 'u', $insert_id: '2' }),
        raw('RC Renewal', { time: 1700000000, distinct_id: 'u', $insert_id: '3' }),
        raw('RC Cancellation', { time: 1700000000, distinct_id: 'u', $insert_id: '4' }),
        raw('Page view', { time: 1700000000, distinct_id: 'u', $insert_id: '5' }),
      ),
    };
    const defaults = await importFiles('mixpanel-events', file);
    expect(defaults.query('SELECT event_uuid FROM mixpanel_event ORDER BY 1')).toEqual([{ event_uuid: '1' }, { event_uuid: '2' }, { event_uuid: '4' }]);
    expect(only(defaults.summaries).filtered).toEqual({ 'other event': 2 });
    expect(only(defaults.summaries).malformed).toEqual({});

    const renamed = await importFiles('mixpanel-events', file, ['--also-events', 'RC Renewal, Page view'], { env: { EVENT_TRIAL_STARTED: 'rc_trial_started_event' } });
    expect(renamed.query('SELECT event_uuid FROM mixpanel_event ORDER BY 1')).toEqual([{ event_uuid: '2' }, { event_uuid: '3' }, { event_uuid: '4' }, { event_uuid: '5' }]);
    expect(only(renamed.summaries).filtered).toEqual({ 'other event': 1 });
  });

  it('skips SANDBOX events unless --include-sandbox', async () => {
    const file = {
      'export.jsonl': jsonLines(
        raw('RC Initial purchase', { time: 1700000000, distinct_id: 'u', $insert_id: '1', environment: 'SANDBOX', revenue: 9.99 }),
        raw('RC Initial purchase', { time: 1700000000, distinct_id: 'u', $insert_id: '2', environment: 'PRODUCTION', revenue: 9.99 }),
      ),
    };
    const plain = await importFiles('mixpanel-events', file);
    expect(plain.query('SELECT event_uuid FROM mixpanel_event')).toEqual([{ event_uuid: '2' }]);
    expect(only(plain.summaries).filtered).toEqual({ sandbox: 1 });
    const all = await importFiles('mixpanel-events', file, ['--include-sandbox']);
    expect(all.query('SELECT event_uuid FROM mixpanel_event ORDER BY 1')).toEqual([{ event_uuid: '1' }, { event_uuid: '2' }]);
  });

  it('reads revenue from properties.revenue or --revenue-property; absent is NULL, non-numeric is skipped', async () => {
    const file = {
      'export.jsonl': jsonLines(
        raw('RC Cancellation', { time: 1700000000, distinct_id: 'u', $insert_id: '1', revenue: -4.99, price_usd: '-5.5' }),
        raw('RC Cancellation', { time: 1700000000, distinct_id: 'u', $insert_id: '2' }),
        raw('RC Cancellation', { time: 1700000000, distinct_id: 'u', $insert_id: '3', revenue: 'lots', price_usd: 'some' }),
      ),
    };
    const plain = await importFiles('mixpanel-events', file);
    expect(plain.query('SELECT event_uuid, revenue_usd FROM mixpanel_event ORDER BY 1')).toEqual([
      { event_uuid: '1', revenue_usd: -4.99 },
      { event_uuid: '2', revenue_usd: null },
    ]);
    expect(only(plain.summaries).malformed).toEqual({ 'bad number': 1 });
    const renamed = await importFiles('mixpanel-events', file, ['--revenue-property', 'price_usd']);
    expect(renamed.query('SELECT event_uuid, revenue_usd FROM mixpanel_event ORDER BY 1')).toEqual([
      { event_uuid: '1', revenue_usd: -5.5 },
      { event_uuid: '2', revenue_usd: null },
    ]);
  });
});

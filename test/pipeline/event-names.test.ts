/**
 * metrics.md M3: each event kind is a list of names (EVENT_* are comma lists), RevenueCat's own
 * names and the renamed ones by default; sources with events but none of any trial-start or
 * initial-purchase name fail the run, naming the most frequent names and the variable to set. The
 * importer filters by the same lists and says the same when it imports none of a file's events.
 */
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../pipeline/run.ts';
import { DEFAULT_EVENT_NAMES, eventNamesFromEnv } from '../../src/config.ts';
import { queryApp, tableDigests } from '../fixtures/app-reader.ts';
import { BACKENDS, type Backend } from '../fixtures/backends.ts';
import { freshAppLocation, PUBLISHED_TABLES, runCli, writeFixtureSource } from '../fixtures/pipeline-run.ts';
import { attributedUser, eventOf, useTempDir, type SourceFixture } from '../fixtures/source-db.ts';
import { importHarness, jsonLines, only } from '../importers/helpers.ts';

const tempDir = useTempDir('event-names-');
const a1 = { adId: 'a1', adsetId: 's1', campaignId: 'c1', spend: 10 };
const inA1 = { ad: 'a1', adset: 's1', campaign: 'c1' };

describe('M3 event name lists', () => {
  it('defaults are RevenueCat\'s names and the renamed ones; each EVENT_* variable is a comma list', () => {
    expect(eventNamesFromEnv({})).toEqual({
      trialStarted: ['rc_trial_started_event', 'RC Trial started'],
      trialConverted: ['rc_trial_converted_event', 'RC Trial converted'],
      initialPurchase: ['rc_initial_purchase_event', 'RC Initial purchase'],
      refund: ['rc_cancellation_event', 'RC Cancellation'],
    });
    expect(eventNamesFromEnv({ EVENT_TRIAL_STARTED: ' trial_begin, Trial Started ,', EVENT_REFUND: ' ' })).toEqual({
      ...DEFAULT_EVENT_NAMES,
      trialStarted: ['trial_begin', 'Trial Started'],
    });
  });
});

describe.each(BACKENDS)('M3 event names in a run [%s]', (backend: Backend) => {
  let sources = 0;
  const run = async (dir: string, appDbPath: string, fixture: SourceFixture) =>
    runPipeline({ sources: [await writeFixtureSource(dir, fixture, { backend }, `source-${++sources}.sqlite`)], appDbPath, asOf: '2025-07-10' });
  const users = ['u1', 'u2', 'u3'].map((user) => attributedUser(user, inA1));

  it('both default spellings of each kind count: trials, purchases, conversions and refunds', async () => {
    const dir = tempDir();
    const appDbPath = await freshAppLocation(dir, { backend });
    await run(dir, appDbPath, {
      meta: [{ ...a1, date: '2025-07-01' }],
      users,
      events: [
        eventOf('rc_trial_started_event')('u1', '2025-07-01T10:00:00Z', { productId: 'p1' }),
        eventOf('RC Trial started')('u2', '2025-07-01T11:00:00Z', { productId: 'p1' }),
        eventOf('rc_trial_converted_event')('u1', '2025-07-03T10:00:00Z', { productId: 'p1', revenueUsd: 10 }),
        eventOf('rc_cancellation_event')('u1', '2025-07-04T10:00:00Z', { productId: 'p1', revenueUsd: -10 }),
        // A cancellation without negative revenue is no refund.
        eventOf('RC Cancellation')('u2', '2025-07-04T10:00:00Z', { productId: 'p1', revenueUsd: 0 }),
        eventOf('rc_initial_purchase_event')('u3', '2025-07-01T12:00:00Z', { productId: 'p2', revenueUsd: 20 }),
      ],
    });
    const days = await queryApp(
      appDbPath,
      "SELECT date, trial_user_ids, purchase_user_ids, converted_user_ids, trial_refund_user_ids FROM daily_user_lists WHERE level = 'ad' ORDER BY date",
    );
    expect(days).toEqual([
      { date: '2025-07-01', trial_user_ids: ['u1', 'u2'], purchase_user_ids: ['u3'], converted_user_ids: ['u1'], trial_refund_user_ids: ['u1'] },
    ]);
  });

  it('events with none of the trial-start or initial-purchase names fail the run, naming the most frequent names and the variables; the published data stays', async () => {
    const dir = tempDir();
    const appDbPath = await freshAppLocation(dir, { backend });
    await run(dir, appDbPath, { meta: [{ ...a1, date: '2025-07-01' }], users, events: [eventOf('RC Trial started')('u1', '2025-07-01T10:00:00Z')] });
    const before = await tableDigests(appDbPath, PUBLISHED_TABLES);
    const at = (hour: number) => `2025-07-02T${String(hour).padStart(2, '0')}:00:00Z`;
    const named = (name: string, count: number, from: number) => Array.from({ length: count }, (_, i) => eventOf(name)('u1', at(from + i)));
    const renamed: SourceFixture = {
      meta: [{ ...a1, date: '2025-07-01' }],
      users,
      // Six names, the sixth least frequent is not shown; a conversion name alone does not do.
      events: [
        ...named('trial_begin', 4, 0),
        ...named('purchase_done', 3, 4),
        ...named('app_open', 3, 7),
        ...named('RC Trial converted', 2, 10),
        ...named('paywall_seen', 1, 12),
        ...named('settings', 1, 13),
      ],
    };
    const message =
      'source table mixpanel_event has 14 events, but none has a configured trial-start or initial-purchase name; most frequent names found: ' +
      '"trial_begin" (4), "app_open" (3), "purchase_done" (3), "RC Trial converted" (2), "paywall_seen" (1); ' +
      "set EVENT_TRIAL_STARTED and EVENT_INITIAL_PURCHASE (comma lists, metrics.md M3) to your project's names";
    await expect(run(dir, appDbPath, renamed)).rejects.toThrow(message);
    expect(await tableDigests(appDbPath, PUBLISHED_TABLES)).toEqual(before);
    const [last] = await queryApp(appDbPath, 'SELECT status, error FROM pipeline_runs ORDER BY id DESC LIMIT 1');
    expect(last).toEqual({ status: 'failed', error: message });

    const source = await writeFixtureSource(dir, renamed, { backend }, 'renamed.sqlite');
    // The trial moves to 07-02: accepted, past the publish guard (M33).
    const cli = await runCli(['--source', source, '--db', appDbPath, '--as-of', '2025-07-10', '--accept-changes'], {
      EVENT_TRIAL_STARTED: 'trial_begin',
      EVENT_INITIAL_PURCHASE: 'purchase_done, RC Initial purchase',
    });
    expect(cli.code, cli.stderr).toBe(0);
    const [day] = await queryApp(appDbPath, "SELECT trial_user_ids, purchase_user_ids FROM daily_user_lists WHERE level = 'ad' AND date = '2025-07-02'");
    expect(day).toEqual({ trial_user_ids: ['u1'], purchase_user_ids: ['u1'] });
  });
});

describe('M3 event names in the importer', () => {
  const importFiles = importHarness();
  const raw = (event: string, insertId: string) => ({ event, properties: { time: 1700000000, distinct_id: 'u', $insert_id: insertId } });

  it('imports both default spellings; a file none of whose events has a configured name says which names it found and what to set', async () => {
    const both = await importFiles('mixpanel-events', {
      'export.jsonl': jsonLines(raw('rc_initial_purchase_event', '1'), raw('RC Initial purchase', '2'), raw('rc_cancellation_event', '3')),
    });
    expect(both.query('SELECT event_uuid FROM mixpanel_event ORDER BY 1')).toEqual([{ event_uuid: '1' }, { event_uuid: '2' }, { event_uuid: '3' }]);
    expect([...only(both.summaries).notes]).toEqual([]);

    const none = await importFiles('mixpanel-events', {
      'export.jsonl': jsonLines(raw('trial_begin', '1'), raw('trial_begin', '2'), raw('app_open', '3')),
    });
    expect(none.query('SELECT event_uuid FROM mixpanel_event')).toEqual([]);
    expect([...only(none.summaries).notes]).toEqual([
      'no event imported: none has a configured trial-start or initial-purchase name; most frequent names found: "trial_begin" (2), "app_open" (1); ' +
        "set EVENT_TRIAL_STARTED and EVENT_INITIAL_PURCHASE (comma lists, metrics.md M3) to your project's names, or add names with --also-events",
    ]);
  });
});

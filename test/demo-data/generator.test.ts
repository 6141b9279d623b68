import Database from 'better-sqlite3';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData, type DemoDataSummary } from '../../pipeline/demo-data/generate.ts';
import { SCALES } from '../../pipeline/demo-data/scales.ts';
import { BREAKDOWN_VALUE_MAPPING } from '../../pipeline/demo-data/world.ts';
import { locateSourceTables } from '../../pipeline/source/contract.ts';
import { ALL_SOURCE_TABLES } from '../../pipeline/source/tables.ts';

const CLI = fileURLToPath(new URL('../../pipeline/demo-data/cli.ts', import.meta.url));
const DAY_MS = 86_400_000;

const dir = mkdtempSync(join(tmpdir(), 'demo-data-test-'));
const seedOne = join(dir, 'seed-1.db');
const seedOneAgain = join(dir, 'seed-1-again.db');
const seedTwo = join(dir, 'seed-2.db');
let summary: DemoDataSummary;
let db: Database.Database;

/** SHA-256 of a table's rows in primary-key order: equal digests mean identical contents. */
function tableDigest(path: string, table: SQLiteTable): string {
  const { name, columns, primaryKeys } = getTableConfig(table);
  const keyColumns = primaryKeys[0]?.columns.map((c) => c.name) ?? columns.filter((c) => c.primary).map((c) => c.name);
  const source = new Database(path, { readonly: true });
  try {
    const hash = createHash('sha256');
    const rows = source.prepare(`SELECT * FROM "${name}" ORDER BY ${keyColumns.map((c) => `"${c}"`).join(', ')}`).raw();
    for (const row of rows.iterate()) hash.update(JSON.stringify(row));
    return hash.digest('hex');
  } finally {
    source.close();
  }
}

const digests = (path: string) => Object.fromEntries(ALL_SOURCE_TABLES.map((t) => [getTableConfig(t).name, tableDigest(path, t)]));
const value = <T>(sql: string): T => db.prepare(sql).pluck().get() as T;
const column = <T>(sql: string): T[] => db.prepare(sql).pluck().all() as T[];

/** The three UTC spellings of source-data.md; anything else is unparseable (NaN). */
function parseUtc(text: string): number {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}:\d{2})(?:Z|\+00:00)| (\d{2}:\d{2}:\d{2}))$/.exec(text);
  return match ? Date.parse(`${match[1]}T${match[2] ?? match[3]}Z`) : Number.NaN;
}

beforeAll(() => {
  summary = generateDemoData({ out: seedOne, scale: 'small', seed: 1 });
  generateDemoData({ out: seedOneAgain, scale: 'small', seed: 1 });
  generateDemoData({ out: seedTwo, scale: 'small', seed: 2 });
  db = new Database(seedOne, { readonly: true });
});

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('demo data generator: determinism and output file', () => {
  it('the same seed and scale give identical rows in every table', () => {
    expect(digests(seedOneAgain)).toEqual(digests(seedOne));
  });

  it('another seed gives different rows', () => {
    const one = digests(seedOne);
    const two = digests(seedTwo);
    for (const table of ['ad_performance_daily', 'mixpanel_user', 'mixpanel_event', 'user_product_metrics']) {
      expect(two[table], table).not.toBe(one[table]);
    }
  });

  it('writes a file that passes the source contract, and reports its row counts and size', async () => {
    expect((await locateSourceTables([seedOne])).size).toBe(ALL_SOURCE_TABLES.length);
    for (const table of ALL_SOURCE_TABLES) {
      const { name } = getTableConfig(table);
      expect(summary.rowsPerTable[name], name).toBe(value<number>(`SELECT count(*) FROM "${name}"`));
    }
    expect(summary.bytes).toBe(statSync(seedOne).size);
  });

  it('leaves no temporary file beside the output, and replaces an existing output', () => {
    generateDemoData({ out: seedTwo, scale: 'small', seed: 1 });
    expect(tableDigest(seedTwo, ALL_SOURCE_TABLES[0]!)).toBe(tableDigest(seedOne, ALL_SOURCE_TABLES[0]!));
    expect(readdirSync(dir).sort()).toEqual(['seed-1-again.db', 'seed-1.db', 'seed-2.db']);
  });

  it('a generation that fails at the end leaves no temporary file', () => {
    const occupied = mkdtempSync(join(tmpdir(), 'demo-data-occupied-'));
    const out = join(occupied, 'taken');
    mkdirSync(join(out, 'inside'), { recursive: true }); // renaming onto a non-empty directory fails
    try {
      expect(() => generateDemoData({ out, scale: 'small', seed: 1 })).toThrow();
      expect(readdirSync(occupied)).toEqual(['taken']);
    } finally {
      rmSync(occupied, { recursive: true, force: true });
    }
  });

  it('an output in a missing directory is a clear error and creates nothing', () => {
    const out = join(dir, 'no-such-directory', 'x.db');
    expect(() => generateDemoData({ out, scale: 'small', seed: 1 })).toThrow(
      `cannot write ${out}: directory ${join(dir, 'no-such-directory')} does not exist`,
    );
    expect(readdirSync(dir)).not.toContain('no-such-directory');
  });

  it('rejects an unknown scale and a bad seed', () => {
    const out = join(dir, 'bad.db');
    expect(() => generateDemoData({ out, scale: 'huge' as 'small', seed: 1 })).toThrow('unknown scale "huge"');
    expect(() => generateDemoData({ out, scale: 'small', seed: 1.5 })).toThrow('seed must be an integer');
    expect(readdirSync(dir)).not.toContain('bad.db');
  });
});

describe('demo data generator: sizes per scale', () => {
  it('configures the three sizes (small, demo, large)', () => {
    const sizes = Object.fromEntries(
      Object.entries(SCALES).map(([name, s]) => [name, { campaigns: s.campaigns, ads: s.ads, days: s.days, users: s.users }]),
    );
    expect(sizes).toEqual({
      small: { campaigns: 2, ads: 12, days: 30, users: 2_000 },
      demo: { campaigns: 10, ads: 160, days: 90, users: 50_000 },
      large: { campaigns: 40, ads: 1_900, days: 365, users: 1_000_000 },
    });
  });

  it('small has 2 campaigns, 12 ads (some known only to Mixpanel), 30 days ending 2025-06-30, about 2k users', () => {
    expect(value(`SELECT count(DISTINCT campaign_id) FROM ad_performance_daily`)).toBe(2);
    const metaAds = value<number>(`SELECT count(DISTINCT ad_id) FROM ad_performance_daily`);
    const mixpanelOnlyAds = value<number>(
      `SELECT count(DISTINCT abi_ad_id) FROM mixpanel_user WHERE abi_ad_id NOT IN (SELECT ad_id FROM ad_performance_daily)`,
    );
    expect(metaAds + mixpanelOnlyAds).toBe(12);
    expect(db.prepare(`SELECT min(date) AS first, max(date) AS last, count(DISTINCT date) AS days FROM ad_performance_daily`).get()).toEqual({
      first: '2025-06-01',
      last: '2025-06-30',
      days: 30,
    });
    const users = value<number>(`SELECT count(*) FROM mixpanel_user`);
    expect(users).toBeGreaterThan(1_800);
    expect(users).toBeLessThan(2_200);
  });

  it('ads have lifespans: ad-days are well below ads × days, and ads start and stop on different days', () => {
    expect(value<number>(`SELECT count(*) FROM ad_performance_daily`)).toBeLessThan(0.8 * 10 * 30);
    const lifespans = `(SELECT min(date) AS first, max(date) AS last FROM ad_performance_daily GROUP BY ad_id)`;
    expect(value<number>(`SELECT count(DISTINCT first) FROM ${lifespans}`)).toBeGreaterThan(1);
    expect(value<number>(`SELECT count(DISTINCT last) FROM ${lifespans}`)).toBeGreaterThan(1);
  });
});

describe('demo data generator: realism the metrics depend on', () => {
  it.each([
    ['country', 'meta_trials', 'meta_purchases'],
    ['region', 'NULL', 'NULL'],
    ['device', 'meta_trials', 'meta_purchases'],
  ])('Meta %s breakdown sums to the daily row of every ad-day (spend, impressions, clicks, trials, purchases)', (dimension, trials, purchases) => {
    const mismatches = value<number>(`
      SELECT count(*) FROM ad_performance_daily d LEFT JOIN (
        SELECT ad_id, date, sum(spend) AS spend, sum(impressions) AS impressions, sum(clicks) AS clicks,
               sum(${trials}) AS trials, sum(${purchases}) AS purchases
        FROM ad_performance_daily_${dimension} GROUP BY ad_id, date) b USING (ad_id, date)
      WHERE abs(coalesce(d.spend, 0) - coalesce(b.spend, 0)) > 1e-6
         OR coalesce(d.impressions, 0) <> coalesce(b.impressions, 0)
         OR coalesce(d.clicks, 0) <> coalesce(b.clicks, 0)
         OR (${trials} IS NOT NULL AND coalesce(d.meta_trials, 0) <> coalesce(b.trials, 0))
         OR (${purchases} IS NOT NULL AND coalesce(d.meta_purchases, 0) <> coalesce(b.purchases, 0))`);
    expect(mismatches).toBe(0);
    expect(value<number>(`SELECT count(*) FROM ad_performance_daily_${dimension}`)).toBeGreaterThan(value<number>(`SELECT count(*) FROM ad_performance_daily`));
  });

  it('region rows carry no Meta trials or purchases (platform limit)', () => {
    expect(value(`SELECT count(*) FROM ad_performance_daily_region WHERE meta_trials IS NOT NULL OR meta_purchases IS NOT NULL`)).toBe(0);
  });

  it('M5: an ad moves between ad sets (a dominant and a minority parent pair)', () => {
    const pairsPerAd = column<number>(`
      SELECT count(DISTINCT adset_id || '/' || campaign_id) FROM ad_performance_daily
      WHERE adset_id IS NOT NULL AND campaign_id IS NOT NULL GROUP BY ad_id`);
    expect(Math.max(...pairsPerAd)).toBe(2);
  });

  it('M4: names change over time and some come NULL, empty or padded with spaces', () => {
    expect(value<number>(`SELECT count(*) FROM (SELECT ad_id FROM ad_performance_daily GROUP BY ad_id HAVING count(DISTINCT trim(ad_name)) > 1)`)).toBeGreaterThan(0);
    const names = `(SELECT ad_name AS name FROM ad_performance_daily UNION ALL SELECT adset_name FROM ad_performance_daily UNION ALL SELECT campaign_name FROM ad_performance_daily)`;
    expect(value<number>(`SELECT count(*) FROM ${names} WHERE name IS NULL`)).toBeGreaterThan(0);
    expect(value<number>(`SELECT count(*) FROM ${names} WHERE name = ''`)).toBeGreaterThan(0);
    expect(value<number>(`SELECT count(*) FROM ${names} WHERE name <> trim(name)`)).toBeGreaterThan(0);
  });

  it('M8: users attributed fully, at ad level only, without an ad, not at all, and to ads Meta never reported', () => {
    const count = (where: string) => value<number>(`SELECT count(*) FROM mixpanel_user WHERE ${where}`);
    expect(count(`has_abi_attribution = 1 AND abi_ad_id IS NOT NULL AND abi_ad_set_id IS NOT NULL AND abi_campaign_id IS NOT NULL`)).toBeGreaterThan(1_000);
    expect(count(`has_abi_attribution = 1 AND abi_ad_id IS NOT NULL AND abi_ad_set_id IS NULL AND abi_campaign_id IS NULL`)).toBeGreaterThan(0);
    expect(count(`has_abi_attribution = 1 AND abi_ad_id IS NULL AND abi_campaign_id IS NOT NULL`)).toBeGreaterThan(0);
    expect(count(`has_abi_attribution = 0`)).toBeGreaterThan(0);
    expect(count(`has_abi_attribution = 1 AND abi_ad_id NOT IN (SELECT ad_id FROM ad_performance_daily)`)).toBeGreaterThan(0);
  });

  it('M22: Mixpanel trials agree with Meta trials only approximately (overall accuracy 0.6–1.1)', () => {
    const accuracy = value<number>(`
      WITH latest AS (SELECT distinct_id, max(substr(event_time, 1, 10)) AS day FROM mixpanel_event
                      WHERE event_name = 'RC Trial started' AND event_time LIKE '2025-%' GROUP BY distinct_id)
      SELECT 1.0 * (SELECT count(*) FROM latest JOIN mixpanel_user u USING (distinct_id)
                    WHERE u.has_abi_attribution = 1 AND u.abi_ad_id IN (SELECT ad_id FROM ad_performance_daily))
           / (SELECT sum(meta_trials) FROM ad_performance_daily)`);
    expect(accuracy).toBeGreaterThan(0.6);
    expect(accuracy).toBeLessThan(1.1);
  });

  it('M9: some users start several trials', () => {
    expect(value<number>(`SELECT count(*) FROM (SELECT distinct_id FROM mixpanel_event WHERE event_name = 'RC Trial started' GROUP BY distinct_id HAVING count(*) > 1)`)).toBeGreaterThan(0);
  });

  it('M12: a trial converts 7 days (plus up to 3 hours) after its start, for part of the trial users', () => {
    const events = db
      .prepare(`SELECT distinct_id AS user, event_name AS name, event_time AS time, product_id AS product FROM mixpanel_event
                WHERE event_name IN ('RC Trial started', 'RC Trial converted') ORDER BY distinct_id`)
      .all() as { user: string; name: string; time: string; product: string | null }[];
    const starts = new Map<string, number[]>();
    for (const e of events) if (e.name === 'RC Trial started') starts.set(e.user, [...(starts.get(e.user) ?? []), parseUtc(e.time)]);
    const conversions = events.filter((e) => e.name === 'RC Trial converted' && !(starts.get(e.user) ?? []).some(Number.isNaN));
    expect(conversions.length).toBeGreaterThan(0);
    expect(conversions.length).toBeLessThan(starts.size * 0.7);
    for (const conversion of conversions) {
      const convertedAt = parseUtc(conversion.time);
      if (Number.isNaN(convertedAt)) continue;
      const startedAt = Math.max(...starts.get(conversion.user)!.filter((t) => t <= convertedAt));
      expect(convertedAt - startedAt, conversion.user).toBeGreaterThanOrEqual(7 * DAY_MS);
      expect(convertedAt - startedAt, conversion.user).toBeLessThanOrEqual(7 * DAY_MS + 3 * 3_600_000);
    }
  });

  it('M3: refunds are RC Cancellation with negative revenue; plain cancellations move no money; renewals and trial cancellations are noise', () => {
    const count = (where: string) => value<number>(`SELECT count(*) FROM mixpanel_event WHERE ${where}`);
    expect(count(`event_name = 'RC Cancellation' AND revenue_usd < 0`)).toBeGreaterThan(0);
    expect(count(`event_name = 'RC Cancellation' AND coalesce(revenue_usd, 0) = 0`)).toBeGreaterThan(0);
    expect(count(`event_name <> 'RC Cancellation' AND revenue_usd < 0`)).toBe(0);
    expect(count(`event_name = 'RC Initial purchase' AND revenue_usd > 0`)).toBeGreaterThan(0);
    expect(count(`event_name = 'RC Trial converted' AND revenue_usd > 0`)).toBeGreaterThan(0);
    expect(count(`event_name = 'RC Renewal'`)).toBeGreaterThan(0);
    expect(count(`event_name = 'RC Trial cancelled'`)).toBeGreaterThan(0);
  });

  it('several products and the three stores, plus events with no store', () => {
    expect(value<number>(`SELECT count(DISTINCT product_id) FROM mixpanel_event`)).toBeGreaterThanOrEqual(4);
    const stores = column<string | null>(`SELECT DISTINCT store FROM mixpanel_event`);
    for (const store of ['APP_STORE', 'PLAY_STORE', 'STRIPE', null]) expect(stores).toContain(store);
  });

  it('M28: countries are skewed (US first), some are NULL or spelled in lower case', () => {
    const countries = column<string | null>(`SELECT country FROM mixpanel_user GROUP BY country ORDER BY count(*) DESC`);
    expect(countries[0]).toBe('US');
    expect(countries).toContain(null);
    expect(countries.some((c) => c !== null && c !== c.toUpperCase())).toBe(true);
    expect(value<number>(`SELECT count(*) FROM mixpanel_user WHERE region IS NULL`)).toBeGreaterThan(0);
  });

  it('M2: event times use all three UTC spellings, stay within the calendar, and a handful are unparseable', () => {
    const times = column<string>(`SELECT event_time FROM mixpanel_event`);
    expect(times.some((t) => t.endsWith('Z'))).toBe(true);
    expect(times.some((t) => t.endsWith('+00:00'))).toBe(true);
    expect(times.some((t) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(t))).toBe(true);
    const parsed = times.map(parseUtc);
    const unparseable = parsed.filter(Number.isNaN).length;
    expect(unparseable).toBeGreaterThan(0);
    expect(unparseable).toBeLessThan(10);
    const valid = parsed.filter((t) => !Number.isNaN(t));
    expect(Math.min(...valid)).toBeGreaterThanOrEqual(Date.parse('2025-06-01T00:00:00Z'));
    expect(Math.max(...valid)).toBeLessThan(Date.parse('2025-07-01T00:00:00Z'));
  });

  it('M18/M19: predicted values for user-products, with every estimated rate sometimes NULL', () => {
    const count = (where: string) => value<number>(`SELECT count(*) FROM user_product_metrics WHERE ${where}`);
    expect(count(`current_value > 0`)).toBeGreaterThan(500);
    expect(count(`trial_conversion_rate IS NULL`)).toBeGreaterThan(0);
    expect(count(`trial_conversion_rate BETWEEN 0 AND 1`)).toBeGreaterThan(0);
    expect(count(`trial_converted_to_refund_rate IS NULL`)).toBeGreaterThan(0);
    expect(count(`initial_purchase_to_refund_rate IS NULL`)).toBeGreaterThan(0);
    expect(count(`initial_purchase_to_refund_rate BETWEEN 0 AND 1`)).toBeGreaterThan(0);
  });

  it('breakdown_value_mapping holds the spellings the defaults would not unify', () => {
    expect(db.prepare(`SELECT dimension, source, source_value, value FROM breakdown_value_mapping ORDER BY 1, 2, 3`).raw().all()).toEqual(
      BREAKDOWN_VALUE_MAPPING,
    );
  });
});

describe.concurrent('demo-data command line', () => {
  const run = async (args: string[]) => {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', CLI, ...args]);
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  it('writes the file and prints a one-line summary', async () => {
    const out = join(dir, 'cli.db');
    const result = await run(['--out', out, '--scale', 'small', '--seed', '1']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toMatch(/^wrote .*cli\.db \(scale small, seed 1\) in [\d.]+ s, [\d.]+ MB: ad_performance_daily \d+/);
    expect(tableDigest(out, ALL_SOURCE_TABLES[5]!)).toBe(tableDigest(seedOne, ALL_SOURCE_TABLES[5]!));
    rmSync(out);
  });

  it.each([
    [['--scale', 'small'], 'error: missing --out FILE'],
    [['--out', 'x.db', '--scale', 'huge'], 'error: unknown --scale "huge" (use small, demo, large)'],
    [['--out', 'x.db', '--seed', 'abc'], 'error: --seed must be an integer from 0 to 4294967295, got "abc"'],
    [['--out', 'x.db', '--colour', 'red'], "error: Unknown option '--colour'"],
  ])('bad input %j is one clear line and exit code 2', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr.trim()).toContain(message);
    expect(result.stdout).toBe('');
  });
});

/**
 * The demo data generator: a realistic Meta + Mixpanel source database (source-data.md) at one of
 * three scales, identical for the same seed and scale. Rows are streamed in primary-key order into
 * a temporary file beside the output, which is renamed into place only when complete.
 */
import Database from 'better-sqlite3';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../../src/config.ts';
import { createTableSql } from '../source/contract.ts';
import { metricColumn } from '../../src/db/tables/metric-columns.ts';
import { META_MEASURES } from '../../src/metrics/formulas.ts';
import {
  ALL_SOURCE_TABLES,
  adPerformanceDaily,
  adPerformanceDailyCountry,
  adPerformanceDailyDevice,
  adPerformanceDailyRegion,
  breakdownValueMapping,
  mixpanelEvent,
  mixpanelUser,
  userProductMetrics,
} from '../source/tables.ts';
import { breakdownAdDay, type BreakdownRow, type MetaMeasures } from './meta-rows.ts';
import { deliveryWeight, nameOn, parentOn, planAccount, type AccountPlan, type AdPlan } from './plan.ts';
import { Random } from './random.ts';
import { LAST_DAY, SCALES, isScaleName, type ScaleName } from './scales.ts';
import { UserFactory, type UserKind } from './users.ts';
import { BREAKDOWN_VALUE_MAPPING } from './world.ts';

export interface DemoDataOptions {
  out: string;
  scale: ScaleName;
  seed: number;
}

export interface DemoDataSummary {
  seconds: number;
  rowsPerTable: Record<string, number>;
  bytes: number;
}

/** Rows per multi-row INSERT: binding 32 rows at once costs far less than 32 single-row calls. */
const ROWS_PER_INSERT = 32;

/**
 * The INSERT of one table, fed one row at a time and executed 32 rows at a time. The column order
 * is checked against the contract once.
 */
class TableWriter {
  readonly name: string;
  rows = 0;
  private readonly insertOne: Database.Statement<unknown[]>;
  private readonly insertMany: Database.Statement<unknown[]>;
  private readonly pending: unknown[] = [];

  constructor(db: Database.Database, table: SQLiteTable, private readonly columns: readonly string[]) {
    const config = getTableConfig(table);
    this.name = config.name;
    const expected = config.columns.map((c) => c.name).sort();
    if (expected.join() !== [...columns].sort().join()) {
      throw new Error(`demo writer for ${this.name} lists columns ${columns.join(', ')}, the contract has ${expected.join(', ')}`);
    }
    const insert = (rows: number) => {
      const placeholders = `(${columns.map(() => '?').join(', ')})`;
      const list = columns.map((c) => `"${c}"`).join(', ');
      return db.prepare<unknown[]>(`INSERT INTO "${this.name}" (${list}) VALUES ${Array(rows).fill(placeholders).join(', ')}`);
    };
    this.insertOne = insert(1);
    this.insertMany = insert(ROWS_PER_INSERT);
  }

  write = (values: unknown[]): void => {
    for (const value of values) this.pending.push(value);
    this.rows++;
    if (this.pending.length === ROWS_PER_INSERT * this.columns.length) {
      this.insertMany.run(this.pending);
      this.pending.length = 0;
    }
  };

  /** Inserts the rows still waiting for a full batch. */
  flush(): void {
    for (let start = 0; start < this.pending.length; start += this.columns.length) {
      this.insertOne.run(this.pending.slice(start, start + this.columns.length));
    }
    this.pending.length = 0;
  }
}

const AD_COLUMNS = ['ad_id', 'date', 'adset_id', 'campaign_id', 'ad_name', 'adset_name', 'campaign_name'];
const META_MEASURE_COLUMNS = META_MEASURES.map(metricColumn);

/** Dates of the calendar, oldest first, ending on LAST_DAY. */
function calendar(days: number): string[] {
  const last = Date.parse(`${LAST_DAY}T00:00:00Z`);
  return Array.from({ length: days }, (_, index) => new Date(last - (days - 1 - index) * 86_400_000).toISOString().slice(0, 10));
}

/** Meta's names now and then come back NULL, empty or padded with spaces. */
function reportedName(random: Random, name: string): string | null {
  const roll = random.next();
  if (roll < 0.02) return null;
  if (roll < 0.03) return '';
  if (roll < 0.05) return `  ${name} `;
  return name;
}

function createWriters(db: Database.Database) {
  return {
    daily: new TableWriter(db, adPerformanceDaily, [...AD_COLUMNS, ...META_MEASURE_COLUMNS]),
    country: new TableWriter(db, adPerformanceDailyCountry, [...AD_COLUMNS, ...META_MEASURE_COLUMNS, 'country']),
    region: new TableWriter(db, adPerformanceDailyRegion, [...AD_COLUMNS, ...META_MEASURE_COLUMNS, 'region']),
    device: new TableWriter(db, adPerformanceDailyDevice, [...AD_COLUMNS, ...META_MEASURE_COLUMNS, 'device']),
    user: new TableWriter(db, mixpanelUser, [
      'distinct_id',
      'abi_ad_id',
      'abi_ad_set_id',
      'abi_campaign_id',
      'has_abi_attribution',
      'country',
      'region',
      'first_seen',
    ]),
    event: new TableWriter(db, mixpanelEvent, ['event_uuid', 'distinct_id', 'event_name', 'event_time', 'product_id', 'store', 'revenue_usd']),
    userProductMetrics: new TableWriter(db, userProductMetrics, [
      'distinct_id',
      'product_id',
      'current_value',
      'trial_conversion_rate',
      'trial_converted_to_refund_rate',
      'initial_purchase_to_refund_rate',
      'store',
    ]),
    breakdownValueMapping: new TableWriter(db, breakdownValueMapping, ['dimension', 'source', 'source_value', 'value']),
  };
}
type Writers = ReturnType<typeof createWriters>;

export function generateDemoData(options: DemoDataOptions): DemoDataSummary {
  if (!isScaleName(options.scale)) throw new UsageError(`unknown scale "${options.scale}" (use small, demo or large)`);
  if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > 0xffffffff) {
    throw new UsageError(`seed must be an integer from 0 to 4294967295, got ${options.seed}`);
  }
  if (!existsSync(dirname(options.out))) {
    throw new UsageError(`cannot write ${options.out}: directory ${dirname(options.out)} does not exist`);
  }
  const started = performance.now();
  const tempPath = join(dirname(options.out), `.${basename(options.out)}.${process.pid}.tmp`);
  rmSync(tempPath, { force: true });
  let db: Database.Database | undefined;
  try {
    db = new Database(tempPath);
    const writers = writeSourceFile(db, options);
    db.close();
    db = undefined;
    renameSync(tempPath, options.out);
    return {
      seconds: (performance.now() - started) / 1000,
      rowsPerTable: Object.fromEntries(Object.values(writers).map((writer) => [writer.name, writer.rows])),
      bytes: statSync(options.out).size,
    };
  } catch (error) {
    db?.close();
    rmSync(tempPath, { force: true });
    throw error;
  }
}

/** Creates the source tables in a fresh file and fills them in one transaction. */
function writeSourceFile(db: Database.Database, options: DemoDataOptions): Writers {
  // Nobody else reads this file yet: the final rename, not a journal, keeps the output whole.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('cache_size = -262144');
  for (const table of ALL_SOURCE_TABLES) db.exec(createTableSql(table));
  const writers = createWriters(db);
  db.transaction(() => {
    writeSourceData(writers, options);
    for (const writer of Object.values(writers)) writer.flush();
  })();
  return writers;
}

function writeSourceData(writers: Writers, options: DemoDataOptions): void {
  const scale = SCALES[options.scale];
  const random = new Random(options.seed);
  const dates = calendar(scale.days);
  const plan = planAccount(random, scale);
  const users = new UserFactory(
    random,
    { user: writers.user.write, event: writers.event.write, userProductMetrics: writers.userProductMetrics.write },
    dates,
    scale.unparseableEventTimeEvery,
  );
  const expectedUsersPerWeight = scale.users / plan.totalWeight;
  // Ads are planned in id order and each ad's days in date order: every table fills in key order.
  for (const ad of plan.ads) {
    for (let day = ad.firstDay; day <= ad.lastDay; day++) {
      if (ad.pause && day >= ad.pause.firstDay && day <= ad.pause.lastDay) continue;
      writeAdDay(random, writers, users, plan, ad, day, dates[day]!, deliveryWeight(ad, day) * expectedUsersPerWeight);
    }
  }
  for (const row of BREAKDOWN_VALUE_MAPPING) writers.breakdownValueMapping.write(row);
}

/** The users an ad brings in on a day, then Meta's view of that ad-day (unless Meta never reports the ad). */
function writeAdDay(
  random: Random,
  writers: Writers,
  users: UserFactory,
  plan: AccountPlan,
  ad: AdPlan,
  day: number,
  date: string,
  expectedUsers: number,
): void {
  const adset = plan.adsets[parentOn(ad, day)]!;
  const campaign = plan.campaigns[adset.campaign]!;
  const arrivals: Record<UserKind, number> = { trial: 0, purchase: 0, browser: 0 };
  for (let n = random.poisson(expectedUsers); n > 0; n--) {
    const kind = users.addUser({
      adId: ad.id,
      adsetId: adset.id,
      campaignId: campaign.id,
      day,
      countryWeights: campaign.countryWeights,
      platform: campaign.platform,
      trialConversionChance: ad.trialConversionChance,
    });
    arrivals[kind]++;
  }
  if (!ad.reportedByMeta) return;

  // Rarely the Insights row comes without its parents' ids (M5, M29).
  const idRoll = random.next();
  const adsetId = idRoll < 0.001 ? null : adset.id;
  const campaignId = idRoll < 0.003 ? null : campaign.id;
  const names = [
    ad.id,
    date,
    adsetId,
    campaignId,
    reportedName(random, nameOn(ad.names, day)),
    adsetId && reportedName(random, nameOn(adset.names, day)),
    campaignId && reportedName(random, nameOn(campaign.names, day)),
  ];
  if (expectedUsers === 0) {
    // The ad was switched off: Meta still reports the day, with no delivery.
    writers.daily.write([...names, null, 0, 0, null, null]);
    return;
  }
  const spendCents = Math.max(1, Math.round(expectedUsers * ad.costPerUserUsd * random.lognormal(0.12) * 100));
  const impressions = Math.round(((spendCents / 100) * 1000 * random.lognormal(0.1)) / ad.cpmUsd);
  const measures: MetaMeasures = [
    spendCents,
    impressions,
    Math.min(impressions, Math.round(impressions * ad.clickThroughRate * random.lognormal(0.15))),
    random.poisson(arrivals.trial * ad.metaTrialFactor),
    random.poisson(arrivals.purchase * ad.metaPurchaseFactor),
  ];
  const metaValues = ([spend, ...counts]: MetaMeasures): (number | null)[] => [spend / 100, ...counts];
  writers.daily.write([...names, ...metaValues(measures)]);
  const breakdowns = breakdownAdDay(random, measures, campaign.countryWeights, campaign.platform);
  const writeBreakdown = (writer: TableWriter, rows: BreakdownRow[], withConversions: boolean) => {
    for (const row of rows) {
      const values = metaValues(row.measures);
      if (!withConversions) values.splice(3, 2, null, null); // Meta has no trials or purchases by region
      writer.write([...names, ...values, row.value]);
    }
  };
  writeBreakdown(writers.country, breakdowns.country, true);
  writeBreakdown(writers.region, breakdowns.region, false);
  writeBreakdown(writers.device, breakdowns.device, true);
}

/**
 * The vendors' documented payloads (test/importers/vendor-payloads/, sources in its README.md):
 * a Marketing API Insights page with actions and cost_per_action_type, a placement-split page and
 * a country page; an Ads Manager CSV in euros; Mixpanel raw-export and data-pipeline events as
 * RevenueCat's Mixpanel integration sends them (rc_*_event names, negative revenue on a refund); an
 * Engage page; predicted values. Imported into each sink (SQLite file, PostgreSQL schema), run
 * through the pipeline on that backend, and the API's numbers checked against values worked by hand.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../importers/command.ts';
import type { FileSummary } from '../../importers/run.ts';
import { runPipeline } from '../../pipeline/run.ts';
import { createApi, type Api } from '../../src/server.ts';
import { BACKENDS, freshPostgresUrl } from '../fixtures/backends.ts';
import { useTempDir } from '../fixtures/source-db.ts';

const PAYLOADS = fileURLToPath(new URL('./vendor-payloads', import.meta.url));
const tempDir = useTempDir('vendor-payloads-');

const AD_A = '120210000000000001';
const AD_B = '120210000000000011';
const CAMPAIGN = '120210000000000003';
const JUNE_1_TO_3 = { start: '2025-06-01', end: '2025-06-03' };
const METRICS = 'spend metaTrials metaPurchases trials purchases purchaseRefundUsers actualRevenue actualRefunds estimatedRevenue adjustedEstimatedRevenue profit roas';

describe.each(BACKENDS)('vendor payloads imported and computed [%s]', (backend) => {
  let api: Api;
  const summaries: FileSummary[] = [];
  const fileSummary = (name: string) => summaries.find((s) => s.file.endsWith(name))!;

  beforeAll(async () => {
    const dir = tempDir();
    const into = backend === 'postgres' ? await freshPostgresUrl('vendor_source') : join(dir, 'source.sqlite');
    const appDbPath = backend === 'postgres' ? await freshPostgresUrl('vendor_app') : join(dir, 'app.sqlite');
    const imports: string[][] = [
      ['meta-insights', 'meta-insights'],
      ['meta-ads-manager', 'meta-ads-manager', '--usd-rate', 'EUR=1.25', '--trial-column', 'Trials started', '--purchase-column', 'Purchases'],
      ['mixpanel-profiles', 'mixpanel-profiles'],
      ['mixpanel-events', 'mixpanel-events'],
      ['user-product-metrics', 'user-product-metrics'],
    ];
    for (const [kind, folder, ...options] of imports) {
      // No EVENT_* settings: RevenueCat's own names are among the defaults (metrics.md M3).
      summaries.push(...(await runImport([kind!, join(PAYLOADS, folder!), '--into', into, ...options], { env: {} })));
    }
    await runPipeline({ sources: [into], appDbPath, asOf: '2025-06-30', timezone: 'UTC' });
    api = await createApi({ dbPath: appDbPath, responseCache: false });
  });
  afterAll(() => api?.close());

  async function entity(level: string, id: string) {
    const response = await api.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `query E($level: EntityLevel!, $id: ID!, $range: DateRangeInput!) { entity(level: $level, id: $id, range: $range) { name metrics { ${METRICS} } } }`,
        variables: { level, id, range: JUNE_1_TO_3 },
      }),
    });
    const result = (await response.json()) as { data?: { entity: { name: string; metrics: Record<string, number> } }; errors?: unknown[] };
    expect(result.errors).toBeUndefined();
    return result.data!.entity;
  }

  it('imports every file; the placement split is skipped, the sandbox purchase and the session event filtered', () => {
    expect(summaries.map((s) => s.error)).toEqual(summaries.map(() => undefined));
    const placements = fileSummary('placement-page-1.json');
    expect(Object.fromEntries([...placements.malformed].map(([reason, skip]) => [reason, skip.count]))).toEqual({ 'other breakdown: publisher_platform': 3 });
    expect(placements.written).toEqual({ inserted: 0, replaced: 0, unchanged: 0 });
    expect(Object.fromEntries(fileSummary('raw-export.jsonl').filtered)).toEqual({ sandbox: 1, 'other event': 1 });
    expect(fileSummary('raw-export.jsonl').written.inserted).toBe(3);
    expect(fileSummary('data-pipeline.jsonl').written.inserted).toBe(2);
    expect(fileSummary('engage-page-0.json').written.inserted).toBe(4);
  });

  it('ad A, June 1–3 (Insights page): spend 41.37 not replaced by its placement parts; M16, M17, M18, M22–M24 by hand', async () => {
    const { name, metrics } = await entity('AD', AD_A);
    expect(name).toBe('Video - Onboarding v2');
    expect(metrics).toEqual({
      spend: 41.37, // the plain day; 20.00 + 15.50 + 5.87 by placement were skipped
      metaTrials: 3, // start_trial_mobile_app
      metaPurchases: 2, // app_custom_event.fb_mobile_purchase (omni_purchase not listed)
      trials: 1, // u1 (rc_trial_started_event, 06-01)
      purchases: 1, // u2; u3's purchase was a SANDBOX event
      purchaseRefundUsers: 1, // u2's rc_cancellation_event of 06-03 with revenue -9.99 (M14)
      actualRevenue: 9.99, // u2's purchase (u1's conversion is on 06-08)
      actualRefunds: 9.99, // |−9.99| (M17)
      estimatedRevenue: 50, // (u1, annual) 40 + (u2, monthly) 10
      adjustedEstimatedRevenue: 150, // purchases 1 ≤ trials 1 → trial accuracy 1/3; 50 ÷ (1/3)
      profit: 150 - 41.37,
      roas: 150 / 41.37,
    });
  });

  it('ad B, June 1 (Ads Manager CSV): 10.00 EUR × 1.25, trials from the "Trials started" column, an empty Purchases cell is 0', async () => {
    const { name, metrics } = await entity('AD', AD_B);
    expect(name).toBe('Static - Price card');
    expect(metrics).toMatchObject({
      spend: 12.5,
      metaTrials: 1,
      metaPurchases: 0,
      trials: 1, // u4, attributed by its ad alone (Instagram counts as Meta)
      purchases: 0,
      estimatedRevenue: 40, // (u4, annual) 40
      adjustedEstimatedRevenue: 40, // trial accuracy 1/1
      roas: 40 / 12.5,
    });
  });

  it('the campaign, June 1–3: both readers\' rows under one campaign; ROAS = 180 / 53.87', async () => {
    const { name, metrics } = await entity('CAMPAIGN', CAMPAIGN);
    expect(name).toBe('US - Subscriptions');
    expect(metrics.spend).toBeCloseTo(53.87, 10); // 41.37 + 12.50
    expect(metrics).toMatchObject({ metaTrials: 4, metaPurchases: 2, trials: 2, purchases: 1, purchaseRefundUsers: 1, actualRevenue: 9.99, actualRefunds: 9.99 });
    expect(metrics.estimatedRevenue).toBe(90); // 40 (u1) + 10 (u2) + 40 (u4)
    // Mixpanel purchases 1 ≤ trials 2 → trial accuracy 2 / 4 = 0.5 (M22, M23): 90 ÷ 0.5.
    expect(metrics.adjustedEstimatedRevenue).toBe(180);
    expect(metrics.roas).toBeCloseTo(180 / 53.87, 12);
    expect(metrics.profit).toBeCloseTo(180 - 53.87, 10);
  });
});

/**
 * A small account seen over two periods, for the real-client tests (api.md "Period arguments"):
 * JUNE = 2024-06-01..02 compared with 05-30..31, APRIL = 2024-04-01..02 compared with 03-30..31.
 *
 * Campaign c1 'Main' (adset s1 → ad a1) and campaign c2 'Reach' have rows in both periods; c1
 * leads in June (spend 40 vs 4) and c2 in April (100 vs 12), so the lists differ in order too.
 * c1's country breakdown: June DE 30, US 10 (US 2 on 05-31); April US 5 + 7 (US 6 on 03-31).
 */
import { startServer, type RunningServer } from '../../src/server.ts';
import { freshPostgresUrl, type Backend } from '../fixtures/backends.ts';
import { writeAppData, writePostgresAppData, type AppData } from './fixture.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Period {
  range: { start: string; end: string };
  compareTo: { start: string; end: string };
}

export const JUNE: Period = { range: { start: '2024-06-01', end: '2024-06-02' }, compareTo: { start: '2024-05-30', end: '2024-05-31' } };
export const APRIL: Period = { range: { start: '2024-04-01', end: '2024-04-02' }, compareTo: { start: '2024-03-30', end: '2024-03-31' } };

const country = (value: string) => ({ dimension: 'country' as const, value });

export const CLIENT_DATA: AppData = {
  published: { asOf: '2024-06-02', timezone: 'UTC' },
  names: [
    ['campaign', 'c1', 'Main', 4, '2024-06-02'],
    ['campaign', 'c2', 'Reach', 2, '2024-06-01'],
    ['adset', 's1', 'Set', 2, '2024-06-01'],
    ['ad', 'a1', 'Ad', 2, '2024-06-01'],
  ],
  adsetCampaigns: [['s1', 'c1']],
  links: [['a1', 's1', 'c1', 1, '2024-04-01', '2024-06-01']],
  rows: [
    { level: 'campaign', id: 'c1', date: '2024-03-30', measures: { spend: 3 } },
    { level: 'campaign', id: 'c1', date: '2024-03-31', measures: { spend: 6 } },
    { level: 'campaign', id: 'c1', date: '2024-04-01', measures: { spend: 5, estimatedRevenue: 5 } },
    { level: 'campaign', id: 'c1', date: '2024-04-02', measures: { spend: 7 } },
    { level: 'campaign', id: 'c1', date: '2024-05-30', measures: { spend: 1 } },
    { level: 'campaign', id: 'c1', date: '2024-05-31', measures: { spend: 2 } },
    { level: 'campaign', id: 'c1', date: '2024-06-01', measures: { spend: 10, estimatedRevenue: 20 } },
    { level: 'campaign', id: 'c1', date: '2024-06-02', measures: { spend: 30, estimatedRevenue: 10 } },
    { level: 'campaign', id: 'c2', date: '2024-04-02', measures: { spend: 100 } },
    { level: 'campaign', id: 'c2', date: '2024-06-01', measures: { spend: 4 } },
    { level: 'adset', id: 's1', date: '2024-04-01', measures: { spend: 5 } },
    { level: 'adset', id: 's1', date: '2024-06-01', measures: { spend: 10 } },
    { level: 'ad', id: 'a1', date: '2024-04-01', measures: { spend: 5 } },
    { level: 'ad', id: 'a1', date: '2024-06-01', measures: { spend: 10 } },
    { level: 'campaign', id: 'c1', date: '2024-03-31', breakdown: country('US'), measures: { spend: 6 } },
    { level: 'campaign', id: 'c1', date: '2024-04-01', breakdown: country('US'), measures: { spend: 5 } },
    { level: 'campaign', id: 'c1', date: '2024-04-02', breakdown: country('US'), measures: { spend: 7 } },
    { level: 'campaign', id: 'c1', date: '2024-05-31', breakdown: country('US'), measures: { spend: 2 } },
    { level: 'campaign', id: 'c1', date: '2024-06-01', breakdown: country('US'), measures: { spend: 10 } },
    { level: 'campaign', id: 'c1', date: '2024-06-02', breakdown: country('DE'), measures: { spend: 30 } },
  ],
};

export interface FixtureServer extends RunningServer {
  cleanup(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 (response cache on, as in production) over `data` on `backend`. */
export async function startFixtureServer(
  backend: Backend,
  data: AppData = CLIENT_DATA,
  options: Partial<Parameters<typeof startServer>[0]> = {},
): Promise<FixtureServer> {
  const dir = mkdtempSync(join(tmpdir(), 'client-test-'));
  let dbPath = join(dir, 'app.sqlite');
  if (backend === 'postgres') {
    dbPath = await freshPostgresUrl('clients');
    await writePostgresAppData(dbPath, data);
  } else {
    await writeAppData(dbPath, data);
  }
  const running = await startServer({ dbPath, port: 0, host: '127.0.0.1', ...options });
  return {
    ...running,
    cleanup: async () => {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

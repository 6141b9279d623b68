/**
 * api.md "Operations", Alerts: a local receiver on 127.0.0.1 gets exactly one POST per condition
 * (run failed, run held, source STALE, data quality below ALERT_QUALITY_BELOW) while two replicas
 * check it repeatedly, then exactly one "resolved" when it clears; a failed delivery is retried.
 * Both backends.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppDatabase, type AppDatabase } from '../../src/db/app-database.ts';
import { createApi, type Api } from '../../src/server.ts';
import { APP_DATA } from '../api/data.ts';
import { createTestApi, type TestApi } from '../api/fixture.ts';
import { BACKENDS } from '../fixtures/backends.ts';

interface Received {
  text: string;
  alert: { condition: string; state: string; details: Record<string, unknown> };
}

async function startReceiver() {
  const received: Received[] = [];
  const failures = { next: 0 };
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      // The first delivery fails: it must be retried, and still arrive once.
      if (failures.next > 0) {
        failures.next -= 1;
        response.writeHead(500).end();
        return;
      }
      received.push(JSON.parse(body) as Received);
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { received, failures, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, close: () => new Promise((resolve) => server.close(resolve)) };
}

const fresh = (newestAt: string) =>
  JSON.stringify({ meta: { newest: newestAt.slice(0, 10), newestAt, importedAt: null }, mixpanel: { newest: newestAt, newestAt, importedAt: null } });

describe.each(BACKENDS)('alerts to ALERT_WEBHOOK_URL from two replicas [%s]', { timeout: 120_000 }, (backend) => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let first: TestApi;
  let second: Api;
  let app: AppDatabase;

  beforeAll(async () => {
    receiver = await startReceiver();
    const alerts = { webhookUrl: receiver.url, qualityBelow: 0.8, checkEveryMs: 3_600_000, firstBackoffMs: 10 };
    first = await createTestApi(APP_DATA, { alerts }, backend);
    second = await createApi({ dbPath: first.database.location, alerts });
    app = await openAppDatabase(first.database.location);
    // The fixture's run 1 recorded no freshness: both sources are STALE until it says otherwise.
    await app.db.run('UPDATE pipeline_runs SET source_freshness = ? WHERE id = 1', [fresh(new Date().toISOString())]);
    await checkEverywhere();
    receiver.received.splice(0);
    receiver.failures.next = 1;
  }, 60_000);
  afterAll(async () => {
    await second?.close();
    await first?.cleanup();
    await app?.close();
    await receiver?.close();
  });

  /** Both replicas check twice, concurrently, and every delivery is done. */
  async function checkEverywhere() {
    for (let round = 0; round < 2; round += 1) await Promise.all([first.alerts!.check(), second.alerts!.check()]);
    await Promise.all([first.alerts!.delivery.settled(), second.alerts!.delivery.settled()]);
  }
  const addRun = (id: number, status: string, error: string | null) =>
    app.db.run(`INSERT INTO pipeline_runs (id, status, started_at, finished_at, parameters, error) VALUES (?, ?, ?, ?, '{}', ?)`, [
      id,
      status,
      '2024-03-05T00:00:00.000Z',
      '2024-03-05T00:01:00.000Z',
      error,
    ]);
  const states = () => receiver.received.map(({ alert }) => `${alert.state} ${alert.condition}`);

  it('nothing while every condition is clear', async () => {
    await checkEverywhere();
    expect(states()).toEqual([]);
  });

  it('a failed run: one alert naming the run and its reason, then one "resolved" when a run is held instead, with one alert for the hold', async () => {
    await addRun(2, 'failed', 'source table mixpanel_event is missing');
    await checkEverywhere();
    expect(receiver.received).toEqual([
      {
        text: 'Pipeline run 2 failed: source table mixpanel_event is missing',
        alert: expect.objectContaining({ condition: 'run-failed', state: 'raised', details: { runId: 2, trigger: 'cli', error: 'source table mixpanel_event is missing' } }),
      },
    ]);
    await addRun(3, 'failed', 'again');
    await checkEverywhere();
    expect(states()).toEqual(['raised run-failed']);
    await addRun(4, 'held', null);
    await checkEverywhere();
    expect(states().sort()).toEqual(['raised run-failed', 'raised run-held', 'resolved run-failed'].sort());
    await addRun(5, 'succeeded', null);
    await checkEverywhere();
    expect(states().filter((state) => state.endsWith('run-held'))).toEqual(['raised run-held', 'resolved run-held']);
  });

  it('a source turning STALE (50h by default), and back', async () => {
    receiver.received.splice(0);
    await app.db.run('UPDATE pipeline_runs SET source_freshness = ? WHERE id = 1', [
      JSON.stringify({ meta: { newest: '2024-03-03', newestAt: '2024-03-04T00:00:00.000Z', importedAt: null }, mixpanel: JSON.parse(fresh(new Date().toISOString())).mixpanel }),
    ]);
    await checkEverywhere();
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.alert).toMatchObject({ condition: 'stale:meta', state: 'raised', details: { source: 'meta', newest: '2024-03-03' } });
    await app.db.run('UPDATE pipeline_runs SET source_freshness = ? WHERE id = 1', [fresh(new Date().toISOString())]);
    await checkEverywhere();
    expect(states()).toEqual(['raised stale:meta', 'resolved stale:meta']);
  });

  it('data quality (M26 on the account totals of the 7 complete days) below 0.8, and back', async () => {
    receiver.received.splice(0);
    // As of 03-10 the complete days are 02-26..03-03: Mixpanel trials 5, Meta trials 9, purchases 1 and 1:
    // (5 + 1) / (9 + 1) = 0.6.
    await app.db.run(`UPDATE published_dataset SET as_of = '2024-03-10'`);
    await checkEverywhere();
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.alert).toMatchObject({ condition: 'quality', state: 'raised', details: { score: 0.6, below: 0.8 } });
    // As of 03-03 the complete days (02-20..02-26) hold no trials or purchases: no score, nothing to alert.
    await app.db.run(`UPDATE published_dataset SET as_of = '2024-03-03'`);
    await checkEverywhere();
    expect(states()).toEqual(['raised quality', 'resolved quality']);
  });
});

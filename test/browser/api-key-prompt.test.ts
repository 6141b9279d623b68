/**
 * The dashboard page's API key prompt in Chromium (api.md "Access control", Pages): once a key
 * exists the API answers UNAUTHENTICATED, the page asks for a key, refuses a wrong one with the
 * API's reason, keeps a good one in sessionStorage only (no cookie; a new tab asks again), and
 * sends it on queries, on runPipeline (operator) and on the progress subscription. Skipped with the
 * reason when Chromium is missing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { generateDemoData } from '../../pipeline/demo-data/generate.ts';
import { createApiKey } from '../../src/auth/api-keys.ts';
import { ensurePageBuilt } from '../../src/page/build.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { APP_DATA } from '../api/data.ts';
import { writeAppData } from '../api/fixture.ts';
import { chromiumMissing, launchChromium, type Chromium } from './chromium.ts';
import { waitUntil } from '../fixtures/wait.ts';

const STORAGE_KEY = 'ads-metrics-api-key';
const missing = chromiumMissing();
let dir: string;
let server: RunningServer;
let browser: Chromium;
let viewerKey: string;
let operatorKey: string;
const pages: Page[] = [];
let problems: string[] = [];

beforeAll(async () => {
  if (missing) return;
  dir = mkdtempSync(join(tmpdir(), 'api-key-prompt-'));
  const dbPath = join(dir, 'app.sqlite');
  await writeAppData(dbPath, APP_DATA);
  const source = join(dir, 'source.sqlite');
  generateDemoData({ out: source, scale: 'small', seed: 3 });
  server = await startServer({ dbPath, sources: [source], port: 0, host: '127.0.0.1', pageDir: await ensurePageBuilt(() => {}) });
  viewerKey = await createApiKey(server.api.database.db, { name: 'analyst', role: 'viewer', expiresAt: null });
  operatorKey = await createApiKey(server.api.database.db, { name: 'ops', role: 'operator', expiresAt: null });
  // Keys count within a second (ApiKeyVerifier); wait until this server asks for one.
  await waitUntil('the server to require a key', () => server.api.auth.required(), (required) => required, { timeoutMs: 5000, intervalMs: 100 });
  browser = await launchChromium({ width: 1280, height: 900 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openPage(ctx: TestContext): Promise<Page> {
  if (missing) ctx.skip(missing);
  const page = await browser.context.newPage();
  pages.push(page);
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Chromium reports every refused request as a console error: expected here are 401 (no or a
    // bad key) and 404 (an operation hash the server has not seen yet; the page then sends the text).
    if (message.type() === 'error' && !/status of 40[14]/.test(message.text())) problems.push(`console error: ${message.text()}`);
  });
  await page.goto(new URL('/', server.url).href);
  return page;
}

afterEach(async () => {
  for (const page of pages.splice(0)) await page.close();
  expect(problems).toEqual([]);
  problems = [];
});

const prompt = (page: Page) => page.getByRole('form', { name: 'API key' });
const campaignRow = (page: Page) => page.locator('tr[data-row-id="CAMPAIGN:c1"]');

async function enterKey(page: Page, key: string) {
  await prompt(page).locator('input[name="api-key"]').fill(key);
  await prompt(page).getByRole('button', { name: 'Use key' }).click();
}

describe('dashboard page with API keys', () => {
  it('asks for a key, refuses a wrong one with the reason, keeps a good one for the session only (no cookie), and a viewer may not run the pipeline', async (ctx) => {
    const page = await openPage(ctx);
    await expect.poll(() => prompt(page).getByRole('alert').innerText()).toBe('This API needs a credential: send "Authorization: Bearer <API key or token>".');
    expect(await campaignRow(page).count()).toBe(0);

    await enterKey(page, `${viewerKey.slice(0, -4)}AAAA`);
    await expect.poll(() => prompt(page).getByRole('alert').innerText()).toBe('The credential was not accepted: unknown API key.');
    expect(await page.evaluate((name) => sessionStorage.getItem(name), STORAGE_KEY)).toBeNull();

    await enterKey(page, viewerKey);
    await campaignRow(page).waitFor();
    expect(await prompt(page).count()).toBe(0);
    expect(await page.evaluate((name) => sessionStorage.getItem(name), STORAGE_KEY)).toBe(viewerKey);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(await browser.context.cookies()).toEqual([]);

    // The same tab keeps it across a reload; a viewer's run is refused (FORBIDDEN) without a token.
    await page.reload();
    await campaignRow(page).waitFor();
    await page.getByRole('button', { name: 'Run pipeline' }).click();
    await expect.poll(() => page.locator('.pipeline-control [role="alert"]').innerText()).toBe(
      "This session's API key may only read: paste the pipeline token or use an operator key.",
    );

    // Another tab is another session: it asks again.
    const other = await openPage(ctx);
    await prompt(other).waitFor();
    expect(await other.evaluate((name) => sessionStorage.getItem(name), STORAGE_KEY)).toBeNull();
  });

  it('with an operator key the page runs the pipeline and follows its progress over server-sent events carrying the key', async (ctx) => {
    const page = await openPage(ctx);
    await enterKey(page, operatorKey);
    await campaignRow(page).waitFor();
    const progressRequests: (string | undefined)[] = [];
    page.on('request', (request) => {
      if (request.headers().accept?.includes('text/event-stream')) progressRequests.push(request.headers().authorization);
    });
    await page.getByRole('button', { name: 'Run pipeline' }).click();
    await expect.poll(() => page.getByTestId('run-status').innerText(), { timeout: 90_000 }).toMatch(/^Run 2: succeeded/);
    expect(progressRequests).toEqual([`Bearer ${operatorKey}`]);
    await expect.poll(() => page.getByTestId('as-of').innerText()).toBe('2025-06-30');
  }, 120_000);
});

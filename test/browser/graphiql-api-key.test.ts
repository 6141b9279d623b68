/**
 * api.md "Access control" (Pages): GraphiQL asks for an API key when the API answers
 * UNAUTHENTICATED, keeps it for the browser session only (sessionStorage `ads-metrics-api-key`, no
 * cookie) and sends it as `Authorization: Bearer <key>`. In Debian's Chromium against a server
 * whose authentication is on (an API key exists), under the pages' Content-Security-Policy.
 * Without Chromium the test is reported as skipped, with the reason.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiKey } from '../../src/auth/api-keys.ts';
import { openAppDatabase } from '../../src/db/app-database.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { APP_DATA } from '../api/data.ts';
import { writeAppData } from '../api/fixture.ts';
import { chromiumMissing, launchChromium, type Chromium } from './chromium.ts';

const missing = chromiumMissing();
let dir: string;
let key: string;
let server: RunningServer;
let browser: Chromium;

beforeAll(async () => {
  if (missing) return;
  dir = mkdtempSync(join(tmpdir(), 'graphiql-key-test-'));
  const dbPath = join(dir, 'app.sqlite');
  await writeAppData(dbPath, APP_DATA);
  const database = await openAppDatabase(dbPath);
  key = await createApiKey(database.db, { name: 'graphiql-test', role: 'viewer', expiresAt: null });
  await database.close();
  server = await startServer({ dbPath, port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('asks for a key on UNAUTHENTICATED, keeps it in sessionStorage and sends it as a Bearer credential', { timeout: 120_000 }, async (ctx) => {
  if (missing) ctx.skip(missing);
  const page = await browser.context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // the refused requests before the key is given are expected; anything else (a CSP report) is not
    if (message.type() === 'error' && !/401 \(Unauthorized\)/.test(message.text())) problems.push(message.text());
  });
  const prompts: string[] = [];
  page.on('dialog', (dialog) => {
    prompts.push(dialog.message());
    void dialog.accept(key);
  });
  const authorizations: (string | undefined)[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/graphql') authorizations.push(request.headers().authorization);
  });

  await page.goto(server.url);
  await page.locator('.graphiql-query-editor .monaco-editor').waitFor();
  await page.locator('.graphiql-execute-button').click();
  const response = () => page.locator('.graphiql-response').first().innerText();
  await expect.poll(response, { timeout: 30_000 }).toContain('"campaigns"');
  expect(await response()).not.toContain('UNAUTHENTICATED');

  expect(prompts).toHaveLength(1);
  expect(prompts[0]).toMatch(/API key/);
  expect(await page.evaluate(() => sessionStorage.getItem('ads-metrics-api-key'))).toBe(key);
  expect(await page.context().cookies()).toEqual([]);
  // the first request went without a key and was refused; every later one carried it
  expect(authorizations[0]).toBeUndefined();
  expect(authorizations.slice(1).length).toBeGreaterThan(0);
  for (const authorization of authorizations.slice(1)) expect(authorization).toBe(`Bearer ${key}`);
  expect(problems).toEqual([]);
  await page.close();
});

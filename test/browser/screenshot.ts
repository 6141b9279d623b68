/**
 * `npm run screenshot`: the README's picture of the dashboard on the demo data (docs/dashboard.png),
 * taken in headless Chromium at 1280 px with the top campaign expanded and its countries open.
 */
import { mkdirSync } from 'node:fs';
import { reportTimezoneFromEnv, runCommand } from '../../src/config.ts';
import { demoPaths, ensureDemoDatabase } from '../../src/demo-database.ts';
import { ensurePageBuilt } from '../../src/page/build.ts';
import { chromiumMissing, launchChromium } from './chromium.ts';

process.env.NODE_ENV ??= 'production';
const { startServer } = await import('../../src/server.ts');

const OUT = 'docs/dashboard.png';

await runCommand(async () => {
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);
  const log = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  const { appDbPath, sourcePath } = demoPaths();
  await ensureDemoDatabase({ appDbPath, sourcePath, timezone: reportTimezoneFromEnv(), log });
  const pageDir = await ensurePageBuilt(log);
  const server = await startServer({ dbPath: appDbPath, port: 0, host: '127.0.0.1', pageDir });
  const browser = await launchChromium({ width: 1280, height: 900 });
  try {
    const page = await browser.context.newPage();
    await page.goto(server.url.replace(/graphql$/, ''));
    const topCampaign = page.locator('tr[data-level="CAMPAIGN"]').first();
    await topCampaign.getByRole('button', { name: /^Expand / }).click();
    await topCampaign.getByRole('button', { name: 'Breakdown' }).click();
    await page.locator('.breakdown-table').waitFor();
    await page.locator('.overview-chart canvas').waitFor();
    mkdirSync('docs', { recursive: true });
    await page.screenshot({ path: OUT, fullPage: true });
    log(`wrote ${OUT}`);
  } finally {
    await browser.close();
    await server.close();
  }
});

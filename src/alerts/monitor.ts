/**
 * Watches the alert conditions on every replica and sends one alert per condition until it clears,
 * then one "resolved": the table alert_states holds what is raised, and only the replica whose
 * INSERT (or DELETE) changed it sends, so the rule holds across replicas and restarts.
 */
import { UsageError } from '../config.ts';
import type { Database, SnapshotReaders } from '../db/database.ts';
import type { FreshnessThresholds } from '../freshness/freshness.ts';
import type { Logger } from '../observability/logger.ts';
import { checkConditions, DEFAULT_QUALITY_BELOW } from './conditions.ts';
import { AlertDelivery } from './delivery.ts';

export interface AlertSettings {
  webhookUrl: string;
  qualityBelow: number;
}

export const DEFAULT_ALERT_CHECK_MS = 30_000;

export function alertSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): AlertSettings | null {
  const webhookUrl = env.ALERT_WEBHOOK_URL?.trim();
  if (!webhookUrl) return null;
  if (!URL.canParse(webhookUrl) || !/^https?:$/.test(new URL(webhookUrl).protocol)) {
    throw new UsageError('invalid ALERT_WEBHOOK_URL: expected an http(s) URL');
  }
  const below = env.ALERT_QUALITY_BELOW?.trim() || String(DEFAULT_QUALITY_BELOW);
  const qualityBelow = Number(below);
  if (!/^\d*\.?\d+$/.test(below) || qualityBelow > 1) {
    throw new UsageError(`invalid ALERT_QUALITY_BELOW ${JSON.stringify(below.slice(0, 100))}: expected a number from 0 to 1`);
  }
  return { webhookUrl, qualityBelow };
}

export class AlertMonitor {
  readonly delivery: AlertDelivery;
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: {
      settings: AlertSettings;
      db: Database;
      snapshots: SnapshotReaders;
      freshnessThresholds: FreshnessThresholds;
      logger: Logger;
      checkEveryMs?: number;
      /** Delivery retries (tests shorten them). */
      firstBackoffMs?: number;
    },
  ) {
    this.delivery = new AlertDelivery({ url: options.settings.webhookUrl, logger: options.logger, firstBackoffMs: options.firstBackoffMs });
  }

  start(): this {
    this.timer = setInterval(() => void this.check(), this.options.checkEveryMs ?? DEFAULT_ALERT_CHECK_MS);
    this.timer.unref();
    void this.check();
    return this;
  }

  /** One check of every condition (one at a time); a failing check is logged, never thrown. */
  check(): Promise<void> {
    this.checking = this.checking.then(() =>
      this.checkNow().catch((error: Error) => this.options.logger.error({ error: error.message }, 'alert check failed')),
    );
    return this.checking;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async checkNow(): Promise<void> {
    const { db, snapshots, settings, freshnessThresholds } = this.options;
    const snapshot = snapshots.open();
    let checks;
    try {
      checks = await checkConditions(db, snapshot, { freshnessThresholds, qualityBelow: settings.qualityBelow });
    } finally {
      await snapshot.release();
    }
    const at = new Date().toISOString();
    for (const { condition, holding } of checks) {
      if (holding) {
        const { changes } = await db.run('INSERT INTO alert_states (condition, raised_at, details) VALUES (?, ?, ?) ON CONFLICT (condition) DO NOTHING', [
          condition,
          at,
          JSON.stringify(holding.details),
        ]);
        if (changes === 1) this.delivery.send({ condition, state: 'raised', text: holding.text, details: holding.details, at });
      } else {
        const { changes } = await db.run('DELETE FROM alert_states WHERE condition = ?', [condition]);
        if (changes === 1) this.delivery.send({ condition, state: 'resolved', text: `Resolved: ${condition}`, details: {}, at });
      }
    }
  }
}

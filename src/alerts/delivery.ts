/**
 * Delivers alerts to ALERT_WEBHOOK_URL as Slack-compatible JSON ({"text", "alert"}), retried with
 * exponential back-off in the background: a slow or failing receiver never holds up a run or a
 * request (api.md "Operations", Alerts).
 */
import type { Logger } from '../observability/logger.ts';

export interface Alert {
  /** e.g. `run-failed`, `run-held`, `stale:meta`, `quality`. */
  condition: string;
  state: 'raised' | 'resolved';
  /** One line for people (Slack shows it). */
  text: string;
  details: Record<string, unknown>;
  at: string;
}

export interface DeliveryOptions {
  url: string;
  logger: Logger;
  /** Attempts per alert (default 6) and the first wait between them, doubled each time (default 1 s). */
  attempts?: number;
  firstBackoffMs?: number;
}

const ATTEMPT_TIMEOUT_MS = 10_000;

export class AlertDelivery {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly options: DeliveryOptions) {}

  /** Sends in the background; returns at once. */
  send(alert: Alert): void {
    const delivery = this.deliver(alert).finally(() => this.pending.delete(delivery));
    this.pending.add(delivery);
  }

  /** Waits for deliveries under way (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  private async deliver(alert: Alert): Promise<void> {
    const { url, logger, attempts = 6, firstBackoffMs = 1000 } = this.options;
    const body = JSON.stringify({ text: alert.text, alert });
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      let failure: string;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
        });
        await response.body?.cancel();
        if (response.ok) {
          logger.info({ condition: alert.condition, state: alert.state, attempt }, 'alert delivered');
          return;
        }
        failure = `HTTP ${response.status}`;
      } catch (error) {
        failure = (error as Error).message;
      }
      logger.warn({ condition: alert.condition, state: alert.state, attempt, failure }, 'alert delivery failed');
      if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, firstBackoffMs * 2 ** (attempt - 1)));
    }
    logger.error({ condition: alert.condition, state: alert.state }, 'alert dropped after every attempt failed');
  }
}

/**
 * How an API replica learns that another process published a run (api.md, Replicas: within 2 s):
 * a connection of its own LISTENs for the publication notice, and a poll of `published_dataset`
 * every second covers what LISTEN cannot (notices sent while that connection was down, poolers
 * and standbys that do not pass them on).
 */
import pg from 'pg';
import { connectionConfig, type PostgresDatabase } from './connection.ts';
import { PUBLISHED_CHANNEL } from './publication.ts';
import type { PostgresLocation } from './url.ts';

const POLL_MS = 1000;
const RECONNECT_MS = 1000;

export class PublishedRunWatcher {
  /** The published run as last seen; null before the first run. */
  current: number | null = null;
  private listener: pg.Client | null = null;
  private poll: NodeJS.Timeout | undefined;
  private reconnect: NodeJS.Timeout | undefined;
  private stopped = false;

  private constructor(
    private readonly location: PostgresLocation,
    private readonly db: PostgresDatabase,
    private readonly onChange: (runId: number | null) => void,
  ) {}

  /** Reads the published run, then follows it until stop(). */
  static async start(location: PostgresLocation, db: PostgresDatabase, onChange: (runId: number | null) => void = () => {}) {
    const watcher = new PublishedRunWatcher(location, db, onChange);
    await watcher.refresh();
    watcher.listen();
    watcher.poll = setInterval(() => void watcher.refresh().catch(() => {}), POLL_MS);
    watcher.poll.unref();
    return watcher;
  }

  /** Reads the pointer now; a change is announced once. */
  async refresh(): Promise<void> {
    const row = await this.db.get<{ runId: number }>('SELECT run_id AS "runId" FROM published_dataset WHERE id = 1');
    this.update(row?.runId ?? null);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poll);
    clearTimeout(this.reconnect);
    await this.listener?.end().catch(() => {});
    this.listener = null;
  }

  private update(runId: number | null): void {
    if (runId === this.current) return;
    this.current = runId;
    this.onChange(runId);
  }

  /** Keeps one LISTEN connection open, reconnecting a second after it fails or ends. */
  private listen(): void {
    if (this.stopped) return;
    const client = new pg.Client(connectionConfig(this.location, 'ads-metrics replica listener'));
    this.listener = client;
    let failed = false;
    const retry = () => {
      if (failed || this.stopped) return;
      failed = true;
      client.end().catch(() => {});
      this.reconnect = setTimeout(() => this.listen(), RECONNECT_MS);
      this.reconnect.unref();
    };
    client.on('error', retry);
    client.on('end', retry);
    client.on('notification', (notice) => {
      const [schema, runId] = (notice.payload ?? '').split(':');
      if (schema === this.location.schema) this.update(Number(runId));
    });
    client
      .connect()
      .then(() => client.query(`LISTEN ${PUBLISHED_CHANNEL}`))
      // A notice sent while no connection listened is found by reading the pointer once more.
      .then(() => this.refresh())
      .catch(retry);
  }
}

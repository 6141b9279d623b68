/**
 * One pipeline run at a time per app schema, across every process and host (api.md, Replicas): the
 * run's own session holds a PostgreSQL advisory lock for the whole run. The server frees it when
 * that session ends for any reason, a killed process included, so a run whose lock nobody holds
 * any more was interrupted — no process ids, which mean nothing on another host.
 */
import { createHash } from 'node:crypto';
import type { PostgresDatabase } from './connection.ts';

/**
 * The lock's 64-bit key, from the schema name (two installations in one database do not block
 * each other). pg_locks shows a bigint key as classid (high 32 bits) and objid (low 32 bits).
 */
function lockKey(schema: string) {
  const digest = createHash('sha256').update(`ads-metrics pipeline run ${schema}`).digest();
  const high = digest.readUInt32BE(0);
  const low = digest.readUInt32BE(4);
  return { key: BigInt.asIntN(64, (BigInt(high) << 32n) | BigInt(low)).toString(), high, low };
}

/** A session that waited for a dead client's statement to finish would keep the lock meanwhile. */
const CONNECTION_CHECK = "SET client_connection_check_interval = '1s'";

export class RunLock {
  private readonly key: ReturnType<typeof lockKey>;

  constructor(readonly schema: string) {
    this.key = lockKey(schema);
  }

  /**
   * Takes the lock on `session` (a connection of its own, see PostgresDatabase.session) unless
   * another session holds it; it stays taken until release() or the session's end.
   */
  async tryTake(session: PostgresDatabase): Promise<boolean> {
    await session.exec(CONNECTION_CHECK);
    const row = await session.get<{ taken: boolean }>('SELECT pg_try_advisory_lock(?::bigint) AS taken', [this.key.key]);
    return row?.taken === true;
  }

  /** Takes the lock on `session`, waiting while another session holds it. */
  async take(session: PostgresDatabase): Promise<void> {
    await session.exec(CONNECTION_CHECK);
    await session.get('SELECT pg_advisory_lock(?::bigint)', [this.key.key]);
  }

  /**
   * Waits until some session waits for the lock (the process a run is handed to), so that the
   * holder can let go without a moment in which nobody holds or awaits it: a run recorded by one
   * process and executed by another is never seen as abandoned.
   */
  async waitForWaiter(db: PostgresDatabase, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await this.hasEntry(db, false)) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async release(session: PostgresDatabase): Promise<void> {
    await session.get('SELECT pg_advisory_unlock(?::bigint)', [this.key.key]);
  }

  /** Whether some session holds the lock (a run is in progress somewhere). */
  isHeld(db: PostgresDatabase): Promise<boolean> {
    return this.hasEntry(db, true);
  }

  /** Whether pg_locks shows a session holding (`granted`) or awaiting the lock. */
  private async hasEntry(db: PostgresDatabase, granted: boolean): Promise<boolean> {
    const row = await db.get<{ found: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pg_locks l JOIN pg_database d ON d.oid = l.database
        WHERE l.locktype = 'advisory' AND l.granted = ? AND d.datname = current_database()
          AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.objsubid = 1) AS found`,
      [granted, this.key.high, this.key.low],
    );
    return row?.found === true;
  }

  /**
   * Marks runs left 'running' as interrupted when no session holds the lock (their process died),
   * and returns the id of the run in progress, if any. The UPDATE takes the lock for its own
   * transaction, so a run starting meanwhile waits for it rather than being marked; the session
   * holding the lock itself (a run claiming its start) settles what came before it.
   */
  async settleAbandonedRuns(db: PostgresDatabase, finishedAt: string): Promise<number | null> {
    await db.run(
      `UPDATE pipeline_runs SET status = 'interrupted', finished_at = ?, error = ?
       WHERE status = 'running' AND pg_try_advisory_xact_lock(?::bigint)`,
      [finishedAt, INTERRUPTED, this.key.key],
    );
    const running = await db.get<{ id: number }>("SELECT id FROM pipeline_runs WHERE status = 'running' ORDER BY id DESC LIMIT 1");
    return running?.id ?? null;
  }
}

/** The error recorded on a run whose session ended before it finished. */
export const INTERRUPTED = 'the process running it stopped before it finished';

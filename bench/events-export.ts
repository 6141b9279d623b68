/**
 * Writes a source database's mixpanel_event table as a Mixpanel raw export (JSON lines,
 * `{"event", "properties": {"time", "distinct_id", "$insert_id", …}}`), the input of the import
 * benchmark. Each line carries a few of the properties a real export has besides the ones imported.
 */
import Database from 'better-sqlite3';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

interface EventRow {
  event_uuid: string;
  distinct_id: string;
  event_name: string;
  event_time: string;
  product_id: string | null;
  store: string | null;
  revenue_usd: number | null;
}

/** Lines gathered before each write: fewer, larger writes. */
const LINES_PER_WRITE = 2_000;

/** Writes at most `limit` events (all when omitted); returns the lines and bytes written. */
export async function writeEventsAsRawExport(sourcePath: string, outPath: string, limit?: number): Promise<{ lines: number; bytes: number }> {
  const db = new Database(sourcePath, { readonly: true, fileMustExist: true });
  const out = createWriteStream(outPath);
  let lines = 0;
  let bytes = 0;
  try {
    const rows = db
      .prepare<[number], EventRow>('SELECT event_uuid, distinct_id, event_name, event_time, product_id, store, revenue_usd FROM mixpanel_event LIMIT ?')
      .iterate(limit ?? -1);
    let batch: string[] = [];
    const flush = async () => {
      const text = batch.join('');
      batch = [];
      bytes += Buffer.byteLength(text);
      if (!out.write(text)) await once(out, 'drain');
    };
    for (const row of rows) {
      batch.push(`${JSON.stringify(rawExportEvent(row))}\n`);
      lines++;
      if (batch.length === LINES_PER_WRITE) await flush();
    }
    await flush();
    out.end();
    await once(out, 'finish');
    return { lines, bytes };
  } finally {
    db.close();
    out.destroy();
  }
}

/** A stored UTC timestamp (`…Z`, `…+00:00` or without a zone) in milliseconds; NaN when unparseable. */
const utcMillis = (text: string) => Date.parse(/(Z|[+-]\d\d:\d\d)$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);

function rawExportEvent(row: EventRow): object {
  const ms = utcMillis(row.event_time);
  return {
    event: row.event_name,
    properties: {
      // Epoch seconds with milliseconds as the fraction; the demo data's few unparseable times stay text (the import skips them).
      time: Number.isNaN(ms) ? row.event_time : ms / 1000,
      distinct_id: row.distinct_id,
      $insert_id: row.event_uuid,
      mp_processing_time_ms: Number.isNaN(ms) ? 0 : ms + 1834,
      mp_lib: 'revenuecat',
      $app_version_string: '4.12.0',
      environment: 'PRODUCTION',
      ...(row.product_id === null ? {} : { product_id: row.product_id }),
      ...(row.store === null ? {} : { store: row.store }),
      ...(row.revenue_usd === null ? {} : { revenue: row.revenue_usd, currency: 'USD' }),
    },
  };
}

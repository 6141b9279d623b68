/**
 * CSV with a header row (csv-parse): each record becomes an object keyed by the header's names; a
 * row with another number of fields than the header, or with a field that is not UTF-8, is
 * malformed. csv-parse hands out the fields' bytes (encoding null) so that each is checked.
 */
import { parse } from 'csv-parse';
import { Transform, type Readable } from 'node:stream';
import { FileFormatError, type RecordItem } from './records.ts';
import { NOT_UTF8, utf8Text } from './utf8.ts';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The bytes without a leading UTF-8 byte-order mark. */
function withoutBom(stream: Readable): Readable {
  let start = Buffer.alloc(0);
  let started = false;
  const strip = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (started) return done(null, chunk);
      start = Buffer.concat([start, chunk]);
      if (start.length < BOM.length) return done();
      started = true;
      done(null, start.subarray(start.subarray(0, BOM.length).equals(BOM) ? BOM.length : 0));
    },
    flush(done) {
      done(null, started || start.equals(BOM) ? undefined : start);
    },
  });
  stream.on('error', (error) => strip.destroy(error));
  return stream.pipe(strip);
}

export async function* readCsvRecords(stream: Readable): AsyncGenerator<RecordItem> {
  // The BOM is dropped here: csv-parse would switch to decoding strings itself on finding one.
  const bytes = withoutBom(stream);
  const parser = bytes.pipe(parse({ encoding: null, bom: false, relax_column_count: true, skip_empty_lines: true, info: true }));
  bytes.on('error', (error) => parser.destroy(error));
  let header: string[] | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Uint8Array[]; info: { lines: number } }>) {
      const fields = record.map(utf8Text);
      if (!header) {
        if (fields.includes(undefined)) throw new FileFormatError(`the header row is not UTF-8`);
        header = fields.map((name) => name!.trim());
        continue;
      }
      if (fields.length !== header.length) {
        yield { position: info.lines, malformed: 'wrong number of fields' };
        continue;
      }
      if (fields.includes(undefined)) {
        yield { position: info.lines, malformed: NOT_UTF8 };
        continue;
      }
      yield { position: info.lines, record: Object.fromEntries(header.map((name, i) => [name, fields[i]])) };
    }
  } catch (error) {
    if (error instanceof FileFormatError) throw error;
    throw new FileFormatError(`not valid CSV: ${(error as Error).message}`);
  } finally {
    stream.destroy();
  }
}

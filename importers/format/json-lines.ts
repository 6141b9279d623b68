/**
 * JSON lines: one record per line, numbered from 1; a line that is not JSON, or not UTF-8, is
 * malformed, the rest go on. Lines are cut from the bytes, so each line's UTF-8 is checked whole.
 */
import type { Readable } from 'node:stream';
import { parseJson } from './json-values.ts';
import type { RecordItem } from './records.ts';
import { NOT_UTF8, utf8Text } from './utf8.ts';

const NEWLINE = 0x0a;

export async function* readJsonLineRecords(stream: Readable): AsyncGenerator<RecordItem> {
  let line = 0;
  function* parseLine(bytes: Uint8Array): Generator<RecordItem> {
    line++;
    const text = utf8Text(bytes);
    if (text === undefined) {
      yield { position: line, malformed: NOT_UTF8 };
      return;
    }
    const content = line === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    if (content.trim() === '') return;
    try {
      yield { position: line, record: parseJson(content) };
    } catch {
      yield { position: line, malformed: 'not JSON' };
    }
  }
  // A chunk ends anywhere: its unfinished last line waits for the next chunk.
  let pending: Buffer[] = [];
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let start = 0;
      for (let end = chunk.indexOf(NEWLINE); end >= 0; end = chunk.indexOf(NEWLINE, start)) {
        const piece = chunk.subarray(start, end);
        yield* parseLine(pending.length > 0 ? Buffer.concat([...pending, piece]) : piece);
        pending = [];
        start = end + 1;
      }
      if (start < chunk.length) pending.push(chunk.subarray(start));
    }
    if (pending.length > 0) yield* parseLine(Buffer.concat(pending));
  } finally {
    stream.destroy();
  }
}

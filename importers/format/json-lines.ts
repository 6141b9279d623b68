/**
 * JSON lines: one record per line, numbered from 1; a line that is not JSON, or not UTF-8, is
 * malformed, the rest go on. Lines are cut from the bytes; a run of whole lines that is valid
 * UTF-8 (the usual case) is decoded at once, else each line is checked on its own.
 */
import { isUtf8 } from 'node:buffer';
import type { Readable } from 'node:stream';
import { parseJson } from './json-values.ts';
import type { RecordItem } from './records.ts';
import { NOT_UTF8, utf8Text } from './utf8.ts';

const NEWLINE = 0x0a;

export async function* readJsonLineRecords(stream: Readable): AsyncGenerator<RecordItem> {
  let line = 0;
  function* parseLine(text: string | undefined): Generator<RecordItem> {
    line++;
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
  /** Whole lines (each ended by a newline, the last one too unless `final`). */
  function* parseLines(bytes: Buffer, final: boolean): Generator<RecordItem> {
    if (isUtf8(bytes)) {
      const lines = bytes.toString('utf8').split('\n');
      if (!final) lines.pop();
      for (const text of lines) yield* parseLine(text);
      return;
    }
    let start = 0;
    for (let end = bytes.indexOf(NEWLINE); end >= 0; end = bytes.indexOf(NEWLINE, start)) {
      yield* parseLine(utf8Text(bytes.subarray(start, end)));
      start = end + 1;
    }
    if (final) yield* parseLine(utf8Text(bytes.subarray(start)));
  }
  // A chunk ends anywhere: its unfinished last line waits for the next chunk.
  let pending: Buffer = Buffer.alloc(0);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const lastNewline = chunk.lastIndexOf(NEWLINE);
      if (lastNewline < 0) {
        pending = Buffer.concat([pending, chunk]);
        continue;
      }
      yield* parseLines(Buffer.concat([pending, chunk.subarray(0, lastNewline + 1)]), false);
      pending = Buffer.from(chunk.subarray(lastNewline + 1));
    }
    if (pending.length > 0) yield* parseLines(pending, true);
  } finally {
    stream.destroy();
  }
}

/** JSON lines: one record per line, numbered from 1; a line that is not JSON is malformed, the rest go on. */
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { parseJson } from './json-values.ts';
import type { RecordItem } from './records.ts';

export async function* readJsonLineRecords(stream: Readable): AsyncGenerator<RecordItem> {
  const decoder = new StringDecoder('utf8');
  let line = 0;
  // A chunk ends anywhere: its unfinished last line waits for the next chunk.
  let pending = '';
  function* parseLines(text: string, final: boolean): Generator<RecordItem> {
    let start = 0;
    for (;;) {
      let end = text.indexOf('\n', start);
      if (end < 0) {
        if (!final || start >= text.length) break;
        end = text.length;
      }
      line++;
      const content = text.slice(line === 1 && text.charCodeAt(0) === 0xfeff ? 1 : start, end);
      start = end + 1;
      if (content.trim() === '') continue;
      try {
        yield { position: line, record: parseJson(content) };
      } catch {
        yield { position: line, malformed: 'not JSON' };
      }
    }
    pending = text.slice(start);
  }
  try {
    for await (const chunk of stream) yield* parseLines(pending + decoder.write(chunk as Buffer), false);
    yield* parseLines(pending + decoder.end(), true);
  } finally {
    stream.destroy();
  }
}

/**
 * One JSON document, streamed with stream-json: an array of records, or an API page whose `data`
 * (Meta Insights) or `results` (Mixpanel Engage) array holds them. Records are assembled one at a
 * time from the parser's tokens, so a page of any size is read in constant memory; a document that
 * is neither is one record itself (then it rarely has the kind's shape, e.g. an API error body).
 * A record with bytes that are not UTF-8 is malformed (utf8.ts).
 */
import type { Readable } from 'node:stream';
import { parser } from 'stream-json';
import { LosslessNumber, type JsonObject } from './json-values.ts';
import { FileFormatError, type RecordItem } from './records.ts';
import { hasMarkedText, markingUtf8Decoder, NOT_UTF8 } from './utf8.ts';

const RECORD_ARRAY_KEYS = new Set(['data', 'results']);

type Container = { value: JsonObject | unknown[]; key: string | null };
type Token = { name: string; value?: unknown };

export async function* readJsonDocumentRecords(stream: Readable): AsyncGenerator<RecordItem> {
  const text = stream.pipe(markingUtf8Decoder());
  const tokens = text.pipe(parser.asStream({ streamValues: false }));
  stream.on('error', (error) => tokens.destroy(error));
  const stack: Container[] = [];
  /** The array whose elements are the records (the top-level array or the page's), once found. */
  let recordArray: Container | undefined;
  let index = 0;
  let documentValue: unknown;
  let complete: unknown;
  let hasComplete = false;

  /** Places a finished value in its parent; a finished record is handed out instead. */
  const finish = (value: unknown) => {
    const parent = stack.at(-1);
    if (!parent) {
      documentValue = value;
      return;
    }
    if (parent === recordArray) {
      complete = value;
      hasComplete = true;
    } else if (Array.isArray(parent.value)) parent.value.push(value);
    else parent.value[parent.key!] = value;
  };
  const open = (value: JsonObject | unknown[]) => {
    const container: Container = { value, key: null };
    if (Array.isArray(value) && recordArray === undefined) {
      const parent = stack.at(-1);
      const isPageArray = stack.length === 1 && parent && !Array.isArray(parent.value) && RECORD_ARRAY_KEYS.has(parent.key ?? '');
      if (stack.length === 0 || isPageArray) recordArray = container;
    }
    stack.push(container);
  };

  try {
    for await (const token of tokens as AsyncIterable<Token>) {
      switch (token.name) {
        case 'startObject':
          open({});
          break;
        case 'startArray':
          open([]);
          break;
        case 'endObject':
        case 'endArray': {
          const container = stack.pop()!;
          // The record array itself is not kept: its elements were handed out one by one.
          finish(container === recordArray ? null : container.value);
          break;
        }
        case 'keyValue':
          stack.at(-1)!.key = token.value as string;
          break;
        case 'stringValue':
          finish(token.value);
          break;
        case 'numberValue':
          finish(new LosslessNumber(token.value as string));
          break;
        case 'nullValue':
          finish(null);
          break;
        case 'trueValue':
          finish(true);
          break;
        case 'falseValue':
          finish(false);
          break;
      }
      if (hasComplete) {
        hasComplete = false;
        // Checked only once bytes were found not to be UTF-8: a valid file costs nothing.
        yield text.invalidBytes > 0 && hasMarkedText(complete) ? { position: ++index, malformed: NOT_UTF8 } : { position: ++index, record: complete };
      }
    }
  } catch (error) {
    // The file could not be read (a system or zlib error has a code): not a question of JSON.
    if ((error as NodeJS.ErrnoException).code !== undefined) throw error;
    throw new FileFormatError(`not valid JSON: ${(error as Error).message}`);
  } finally {
    stream.destroy();
  }
  if (recordArray === undefined && documentValue !== undefined) yield { position: 1, record: documentValue };
}

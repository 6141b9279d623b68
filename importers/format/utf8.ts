/**
 * Text must be valid UTF-8 (source-data.md "Importing real exports"): a record with bytes that are
 * not is malformed (`not UTF-8`), never stored with U+FFFD, so two different ids cannot become one.
 * A literal U+FFFD in valid input is valid text and is kept.
 */
import { Buffer, isUtf8 } from 'node:buffer';
import { Transform } from 'node:stream';

export const NOT_UTF8 = 'not UTF-8';

/** The bytes as text, or undefined when they are not valid UTF-8. */
export function utf8Text(bytes: Uint8Array): string | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return isUtf8(buffer) ? buffer.toString('utf8') : undefined;
}

/**
 * The length of the valid UTF-8 sequence starting at `i` (RFC 3629 table: no overlong forms, no
 * surrogates, nothing above U+10FFFF); 0 when it is invalid; -1 when the bytes end before it does.
 */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i]!;
  if (lead < 0x80) return 1;
  const [length, low, high] =
    lead >= 0xc2 && lead <= 0xdf ? [2, 0x80, 0xbf]
    : lead === 0xe0 ? [3, 0xa0, 0xbf]
    : lead === 0xed ? [3, 0x80, 0x9f]
    : lead >= 0xe1 && lead <= 0xef ? [3, 0x80, 0xbf]
    : lead === 0xf0 ? [4, 0x90, 0xbf]
    : lead >= 0xf1 && lead <= 0xf3 ? [4, 0x80, 0xbf]
    : lead === 0xf4 ? [4, 0x80, 0x8f]
    : [0, 0, 0];
  if (length === 0) return 0;
  for (let k = 1; k < length; k++) {
    if (i + k >= bytes.length) return -1;
    const byte = bytes[i + k]!;
    if (k === 1 ? byte < low || byte > high : byte < 0x80 || byte > 0xbf) return 0;
  }
  return length;
}

/** Where a multi-byte sequence that the bytes end before finishing starts (else their length). */
function unfinishedTail(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

/** Invalid bytes become lone low surrogates, which decoding valid UTF-8 can never produce. */
const MARK_BASE = 0xdc00;

/**
 * A streaming decoder for parsers that take text (stream-json): valid UTF-8 is decoded as usual,
 * each invalid byte becomes a lone surrogate, so a record built from it is not well-formed text
 * and can be told apart (hasMarkedText) without losing its position in the stream.
 */
export function markingUtf8Decoder() {
  let held: Buffer = Buffer.alloc(0);
  const decode = (chunk: Buffer, final: boolean): string => {
    let bytes = held.length > 0 ? Buffer.concat([held, chunk]) : chunk;
    held = Buffer.alloc(0);
    // A character cut by the chunk's end waits for the next chunk; the rest is usually all valid.
    const cut = final ? bytes.length : unfinishedTail(bytes);
    if (isUtf8(bytes.subarray(0, cut))) {
      held = Buffer.from(bytes.subarray(cut));
      return bytes.toString('utf8', 0, cut);
    }
    let text = '';
    let run = 0;
    for (let i = 0; i < bytes.length; ) {
      const length = sequenceLength(bytes, i);
      if (length > 0) {
        i += length;
        continue;
      }
      if (length < 0 && !final) {
        held = Buffer.from(bytes.subarray(i));
        return text + bytes.toString('utf8', run, i);
      }
      text += bytes.toString('utf8', run, i) + String.fromCharCode(MARK_BASE + bytes[i]!);
      decoder.invalidBytes++;
      run = ++i;
    }
    return text + bytes.toString('utf8', run);
  };
  const decoder = new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, done) {
      const text = decode(chunk, false);
      if (text) this.push(text);
      done();
    },
    flush(done) {
      const text = decode(Buffer.alloc(0), true);
      if (text) this.push(text);
      done();
    },
  }) as Transform & { invalidBytes: number };
  decoder.invalidBytes = 0;
  return decoder;
}

/** A surrogate not part of a pair (in `u` mode a pair is one code point, so only lone ones match). */
const LONE_SURROGATE = /\p{Cs}/u;

/** Whether a value built from the marking decoder's text holds text that was not UTF-8. */
export function hasMarkedText(value: unknown): boolean {
  if (typeof value === 'string') return LONE_SURROGATE.test(value);
  if (Array.isArray(value)) return value.some(hasMarkedText);
  if (typeof value === 'object' && value !== null) return Object.entries(value).some(([key, item]) => LONE_SURROGATE.test(key) || hasMarkedText(item));
  return false;
}

/**
 * The app's SQL uses `?` positional parameters on both backends; PostgreSQL numbers them. Quoted
 * text, quoted identifiers and comments are copied unchanged, so a `?` inside them stays.
 */
export function numberPlaceholders(sql: string): string {
  let out = '';
  let parameter = 0;
  let i = 0;
  while (i < sql.length) {
    const char = sql[i]!;
    const end = char === "'" || char === '"' ? closingQuote(sql, i, char)
      : sql.startsWith('--', i) ? lineEnd(sql, i)
      : sql.startsWith('/*', i) ? blockCommentEnd(sql, i)
      : -1;
    if (end >= 0) {
      out += sql.slice(i, end);
      i = end;
    } else {
      out += char === '?' ? `$${++parameter}` : char;
      i += 1;
    }
  }
  return out;
}

/** Index after the quote closing the one at `start` (a doubled quote is an escaped one). */
function closingQuote(sql: string, start: number, quote: string): number {
  let i = start + 1;
  for (;;) {
    const next = sql.indexOf(quote, i);
    if (next < 0) return sql.length;
    if (sql[next + 1] !== quote) return next + 1;
    i = next + 2;
  }
}

function lineEnd(sql: string, start: number): number {
  const next = sql.indexOf('\n', start);
  return next < 0 ? sql.length : next;
}

function blockCommentEnd(sql: string, start: number): number {
  const next = sql.indexOf('*/', start + 2);
  return next < 0 ? sql.length : next + 2;
}

import type Database from 'better-sqlite3';

type Params = readonly unknown[];

/**
 * The only way API code reads the app database. One handle serves one request, so a later change
 * can hand each request its own read snapshot without touching any query.
 */
export interface SqlReader {
  all<Row>(sql: string, params?: Params): Row[];
  get<Row>(sql: string, params?: Params): Row | undefined;
}

/**
 * A reader over one connection. Statements are prepared once per SQL text (queries pass id lists
 * as one JSON parameter, so their text does not vary with the list). `onQuery` sees every
 * statement executed, e.g. to count them.
 */
export function createSqlReader(sqlite: Database.Database, onQuery?: (sql: string) => void): SqlReader {
  const statements = new Map<string, Database.Statement>();
  const statement = (sql: string) => {
    let prepared = statements.get(sql);
    if (!prepared) {
      prepared = sqlite.prepare(sql);
      statements.set(sql, prepared);
    }
    onQuery?.(sql);
    return prepared;
  };
  return {
    all: <Row>(sql: string, params: Params = []) => statement(sql).all(...params) as Row[],
    get: <Row>(sql: string, params: Params = []) => statement(sql).get(...params) as Row | undefined,
  };
}

/** SQL fragment matching `column` against a JSON array parameter of strings. */
export const inJsonList = (column: string) => `${column} IN (SELECT value FROM json_each(?))`;

/** Groups rows by a key, keeping their order within each group. */
export function groupBy<Row, Key>(rows: Iterable<Row>, keyOf: (row: Row) => Key): Map<Key, Row[]> {
  const groups = new Map<Key, Row[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/**
 * The PostgreSQL connection layer: URLs (api.md, Storage backends), `?` parameters, numbers for
 * every numeric type, the URL's schema as search_path, UTC sessions, transactions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/config.ts';
import { PostgresDatabase } from '../../src/db/postgres/connection.ts';
import { numberPlaceholders } from '../../src/db/postgres/placeholders.ts';
import { isPostgresUrl, parsePostgresUrl } from '../../src/db/postgres/url.ts';
import { freshPostgresUrl } from '../fixtures/backends.ts';

describe('PostgreSQL URLs', () => {
  it('tells URLs from file paths', () => {
    expect(isPostgresUrl('postgres://h/db')).toBe(true);
    expect(isPostgresUrl('postgresql://h/db')).toBe(true);
    expect(isPostgresUrl('data/app.sqlite')).toBe(false);
    expect(isPostgresUrl('./postgres:/x')).toBe(false);
  });

  it('takes the schema from ?schema=, public by default, and keeps other parameters', () => {
    expect(parsePostgresUrl('postgres://u:p@h:5433/db')).toMatchObject({ connectionString: 'postgres://u:p@h:5433/db', schema: 'public' });
    expect(parsePostgresUrl('postgresql://u@h/db?schema=metrics&sslmode=disable')).toMatchObject({
      connectionString: 'postgresql://u@h/db?sslmode=disable',
      schema: 'metrics',
    });
  });

  it('rejects what it cannot use with one line naming the problem, never echoing the password', () => {
    const problem = (url: string) => {
      try {
        parsePostgresUrl(url);
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        return (error as Error).message;
      }
      throw new Error(`accepted ${url}`);
    };
    expect(problem('postgres://u:secret@h')).toBe('PostgreSQL URL "postgres://u:***@h" names no database (postgres://host/dbname)');
    expect(problem('postgres://h/db?schema=a;drop')).toMatch(/^invalid schema "a;drop" in PostgreSQL URL/);
    expect(problem('postgres://h/db?schema=a&schema=b')).toBe('PostgreSQL URL "postgres://h/db?schema=a&schema=b" names more than one schema');
    expect(problem('postgres://u:secret@h:notaport/db')).toMatch(/^invalid PostgreSQL URL "postgres:\/\/u:\*\*\*@h:notaport\/db"/);
  });
});

describe('? parameters', () => {
  it('numbers each ? outside quotes and comments', () => {
    expect(numberPlaceholders(`SELECT ?, '?''?', "a?b", x -- ?\n, ? /* ? */ FROM t WHERE y = ?`)).toBe(
      `SELECT $1, '?''?', "a?b", x -- ?\n, $2 /* ? */ FROM t WHERE y = $3`,
    );
  });
});

describe('PostgresDatabase [postgres]', () => {
  let db: PostgresDatabase;
  beforeAll(async () => {
    db = PostgresDatabase.open(await freshPostgresUrl('connection'), { max: 3 });
    await db.exec('CREATE TABLE item (id text PRIMARY KEY, quantity bigint, price double precision, day date)');
  });
  afterAll(() => db?.close());

  it('creates unqualified tables in the URL schema and reads them back with ? parameters', async () => {
    const { changes } = await db.run('INSERT INTO item VALUES (?, ?, ?, ?), (?, ?, ?, ?)', ['b', 3, 1.5, '2024-03-01', 'a', 4000000000, 0.1, '2024-02-29']);
    expect(changes).toBe(2);
    expect(await db.all('SELECT id FROM item WHERE id = ANY(?::text[]) ORDER BY id', [['a', 'b', 'z']])).toEqual([{ id: 'a' }, { id: 'b' }]);
    const schema = await db.get<{ schema: string }>('SELECT current_schema() AS schema');
    expect(schema?.schema).toBe(db.schema);
  });

  it('returns bigint, numeric and counts as numbers and dates as text', async () => {
    const row = await db.get('SELECT count(*) AS n, sum(quantity) AS total, max(quantity) AS big, round(sum(price)::numeric, 2) AS money, min(day) AS first FROM item');
    expect(row).toEqual({ n: 2, total: 4000000003, big: 4000000000, money: 1.6, first: '2024-02-29' });
  });

  it('runs sessions in UTC whatever the server time zone', async () => {
    const row = await db.get<{ zone: string; day: string }>(
      `SELECT current_setting('TimeZone') AS zone, (timestamptz '2024-03-10 03:30:00+00')::date::text AS day`,
    );
    expect(row).toEqual({ zone: 'UTC', day: '2024-03-10' });
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await db.transaction((tx) => tx.run("INSERT INTO item (id) VALUES ('c')"));
    await expect(
      db.transaction(async (tx) => {
        await tx.run("INSERT INTO item (id) VALUES ('d')");
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.all("SELECT id FROM item WHERE id IN ('c', 'd')")).toEqual([{ id: 'c' }]);
  });
});

/**
 * The column sets shared by the daily and breakdown tables: every base measure; and, in tables of
 * their own, the six user lists (M9–M15). Derived metrics (M21–M26) are not stored: a statement
 * that needs one computes it from the base measures with the formula compiled from the one formulas
 * module (`metricSql`), the same on every backend.
 */
import { integer, real, text } from 'drizzle-orm/sqlite-core';
import {
  BASE_MEASURES,
  DERIVED_FORMULAS,
  INTEGER_MEASURES,
  toSql,
  type BaseMeasure,
  type DerivedMetric,
  type MetricName,
} from '../../metrics/formulas.ts';
import type { Dialect } from '../dialect.ts';

export const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** SQL column name of a base measure or derived metric. */
export const metricColumn = (name: BaseMeasure | DerivedMetric) => snakeCase(name);

/** SQL giving a metric of a row: a base measure's column, or a derived metric's formula over them (M21–M26). */
export const metricSql = (name: MetricName, dialect: Dialect) =>
  name in DERIVED_FORMULAS ? toSql(DERIVED_FORMULAS[name as DerivedMetric], metricColumn, dialect) : metricColumn(name);

export const USER_LISTS = ['trial', 'purchase', 'postTrial', 'converted', 'trialRefund', 'purchaseRefund'] as const;
export type UserListName = (typeof USER_LISTS)[number];

/** The base measure that is each list's count (M15: count = list length). */
export const LIST_COUNT_MEASURE: Record<UserListName, BaseMeasure> = {
  trial: 'trials',
  purchase: 'purchases',
  postTrial: 'postTrialUsers',
  converted: 'convertedUsers',
  trialRefund: 'trialRefundUsers',
  purchaseRefund: 'purchaseRefundUsers',
};

/** SQL column holding a list as a JSON array of distinct ids sorted ascending. */
export const listColumn = (list: UserListName) => `${snakeCase(list)}_user_ids`;

/** Base measures; fresh builders each call: a Drizzle column builder belongs to one table. */
export function metricColumns() {
  return Object.fromEntries(
    BASE_MEASURES.map((name) => [
      name,
      INTEGER_MEASURES.has(name)
        ? integer(metricColumn(name)).notNull().default(0)
        : real(metricColumn(name)).notNull().default(0),
    ]),
  ) as {
    [K in BaseMeasure]: ReturnType<typeof real> | ReturnType<typeof integer>;
  };
}

/** The six lists, each a JSON array; fresh builders each call. */
export function userListColumns() {
  return Object.fromEntries(
    USER_LISTS.map((list) => [`${list}UserIds`, text(listColumn(list)).notNull().default('[]')]),
  ) as { [K in UserListName as `${K}UserIds`]: ReturnType<typeof text> };
}

/** SQL condition true when a row of a user-list table holds at least one user. */
export const ANY_USER_LISTED = USER_LISTS.map((list) => `${listColumn(list)} <> '[]'`).join(' OR ');

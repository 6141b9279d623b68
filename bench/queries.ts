/**
 * The benchmarked operations (issue 6, 3a–3d; issue 11, (a) with a comparison period; issue 24, (a)
 * with its periods inherited from the root field) and the
 * concrete ids and ranges they use, picked from the app database: the last 30 (or 90) days of data,
 * the 30 days before them, the campaign and the ad with most spend.
 */
import Database from 'better-sqlite3';
import { Kind, parse, print, visit, type DocumentNode, type FragmentDefinitionNode } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './children.ts';
import type { GraphqlRequest } from './graphql-client.ts';

export const QUERY_NAMES = ['dashboard', 'dashboardInherited', 'dashboardCompared', 'entity', 'breakdown', 'overview'] as const;
export type QueryName = (typeof QUERY_NAMES)[number];

export const QUERY_DESCRIPTIONS: Record<QueryName, string> = {
  dashboard: '(a) dashboard: all campaigns → adsets → ads, last 30 days, 16 metrics + 14-day ROAS sparkline per node, country breakdown per campaign',
  dashboardInherited:
    "(a\") the same dashboard with its periods only on the root field (inherited by metrics, breakdown and sparkline), as before api.md \"Period arguments\"; (a) passes them on every field",
  dashboardCompared: "(a') the same dashboard compared with the 30 days before (compareTo): the 16 metrics again over them per node and breakdown row",
  entity: '(b) one entity (the ad with most spend), 16 metrics + 14-day ROAS sparkline, last 30 days',
  breakdown: '(c) country breakdown of one campaign (most spend) over 90 days',
  overview: '(d) overview, last 30 days, 16 metrics + 28-day ROAS sparkline',
};

const OPERATIONS_DIR = join(REPO_ROOT, 'src', 'operations');
const readOperation = (file: string) => parse(readFileSync(join(OPERATIONS_DIR, file), 'utf8'));

/** The project's dashboard fragments (sixteen metrics; id, name, metrics and 14-day ROAS sparkline per node). */
const SHARED_FRAGMENTS = new Map(
  readOperation('fragments.graphql')
    .definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
    .map((fragment) => [fragment.name.value, print(fragment)]),
);
const fragment = (name: string) => {
  const text = SHARED_FRAGMENTS.get(name);
  if (text === undefined) throw new Error(`src/operations/fragments.graphql has no fragment ${name}`);
  return text;
};

const OPERATION_NAMES: Record<QueryName, string> = { dashboard: 'Dashboard', dashboardInherited: 'Dashboard', dashboardCompared: 'Dashboard', entity: 'BenchEntity', breakdown: 'BenchBreakdown', overview: 'BenchOverview' };

/** (a) is the project's own dashboard operation, (a') the same with `compareTo`; (b)–(d) are the dashboard's smaller panels. */
const DASHBOARD = [print(readOperation('dashboard.graphql')), fragment('DashboardNode'), fragment('DashboardMetrics')].join('\n');

/** Arguments by which a field below the root takes its own period (api.md "Period arguments"). */
const FIELD_PERIOD_ARGUMENTS = new Set(['range', 'compareTo', 'end']);

/** The document with the periods left to the root field: field-level period arguments and `$end` removed. */
function withInheritedPeriods(document: DocumentNode): DocumentNode {
  const rootFields = new Set(['campaigns', 'entity', 'overview']);
  return visit(document, {
    Field: (field) =>
      rootFields.has(field.name.value) ? undefined : { ...field, arguments: field.arguments?.filter((argument) => !FIELD_PERIOD_ARGUMENTS.has(argument.name.value)) },
    VariableDefinition: (definition) => (definition.variable.name.value === 'end' ? null : undefined),
  });
}

const DOCUMENTS: Record<QueryName, string> = {
  dashboard: DASHBOARD,
  dashboardInherited: print(withInheritedPeriods(parse(DASHBOARD))),
  dashboardCompared: DASHBOARD,
  entity: `query ${OPERATION_NAMES.entity}($id: ID!, $range: DateRangeInput!, $compareTo: DateRangeInput, $end: Date) {
  entity(level: AD, id: $id, range: $range, compareTo: $compareTo) { ...DashboardNode }
}
${fragment('DashboardNode')}
${fragment('DashboardMetrics')}`,
  breakdown: `query ${OPERATION_NAMES.breakdown}($id: ID!, $range: DateRangeInput!) {
  entity(level: CAMPAIGN, id: $id, range: $range) { id breakdown(by: COUNTRY) { value metrics { ...DashboardMetrics } } }
}
${fragment('DashboardMetrics')}`,
  overview: `query ${OPERATION_NAMES.overview}($range: DateRangeInput!) {
  overview(range: $range) { metrics { ...DashboardMetrics } sparkline(metric: ROAS, days: 28) { date value } }
}
${fragment('DashboardMetrics')}`,
};

export interface DateRange {
  start: string;
  end: string;
}

/** What the queries are about; the baseline answers the same questions. */
export interface QueryTargets {
  last30Days: DateRange;
  last90Days: DateRange;
  /** The ad with most spend in the last 30 days, for (b). */
  adId: string;
  /** The campaign with most spend in the last 90 days, for (c). */
  campaignId: string;
}

/** The calendar day `delta` days after `day` (before, when negative). */
export function addDays(day: string, delta: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + delta);
  return date.toISOString().slice(0, 10);
}

/** The `days` days ending at `end`, inclusive. */
export const lastDays = (end: string, days: number): DateRange => ({ start: addDays(end, 1 - days), end });

export function pickQueryTargets(appDbPath: string): QueryTargets {
  const sqlite = new Database(appDbPath, { readonly: true });
  try {
    const { lastDay } = sqlite.prepare(`SELECT max(date) AS lastDay FROM daily_metrics`).get() as { lastDay: string | null };
    if (lastDay === null) throw new Error(`the app database ${appDbPath} has no daily rows to benchmark`);
    const topBySpend = (level: string, range: DateRange) => {
      const row = sqlite
        .prepare(`SELECT entity_id AS id FROM daily_metrics WHERE level = ? AND date BETWEEN ? AND ? GROUP BY entity_id ORDER BY sum(spend) DESC, entity_id LIMIT 1`)
        .get(level, range.start, range.end) as { id: string } | undefined;
      if (!row) throw new Error(`no ${level} has data in ${range.start}..${range.end}`);
      return row.id;
    };
    const last30Days = lastDays(lastDay, 30);
    const last90Days = lastDays(lastDay, 90);
    return { last30Days, last90Days, adId: topBySpend('ad', last30Days), campaignId: topBySpend('campaign', last90Days) };
  } finally {
    sqlite.close();
  }
}

let lastNonce = 0;

/**
 * A request no response cache has seen: a fresh `benchNonce` goes into a variable the operation does
 * not declare. GraphQL ignores it, so the work is unchanged and the document stays the same (parse
 * and validation caches still apply), but the response-cache key (document + variables) differs.
 */
export const freshRequest = (name: QueryName, targets: QueryTargets): GraphqlRequest => request(name, targets, { benchNonce: ++lastNonce });

/** The same request every time, so a response cache can answer it. */
export const repeatedRequest = (name: QueryName, targets: QueryTargets): GraphqlRequest => request(name, targets, {});

function request(name: QueryName, targets: QueryTargets, extraVariables: Record<string, unknown>): GraphqlRequest {
  const variables: Record<QueryName, Record<string, unknown>> = {
    dashboard: { range: targets.last30Days, end: targets.last30Days.end },
    dashboardInherited: { range: targets.last30Days },
    dashboardCompared: { range: targets.last30Days, compareTo: lastDays(addDays(targets.last30Days.start, -1), 30) },
    entity: { id: targets.adId, range: targets.last30Days, end: targets.last30Days.end },
    breakdown: { id: targets.campaignId, range: targets.last90Days },
    overview: { range: targets.last30Days },
  };
  return { query: DOCUMENTS[name], operationName: OPERATION_NAMES[name], variables: { ...variables[name], ...extraVariables } };
}

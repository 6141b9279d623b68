/**
 * The command line of `npm run import` (source-data.md "Importing real exports"): the kind, the
 * files, --into, and each kind's options, turned into the kind's mapper.
 */
import { parseArgs } from 'node:util';
import { UsageError, allEventNames, commaList, eventNamesFromEnv } from '../src/config.ts';
import { IMPORT_KINDS, type ImportKind, type Mapper } from './mappers/mapper.ts';
import { metaAdsManagerMapper } from './mappers/meta-ads-manager.ts';
import { DEFAULT_PURCHASE_ACTIONS, DEFAULT_TRIAL_ACTIONS, metaInsightsMapper } from './mappers/meta-insights.ts';
import { mixpanelEventsMapper } from './mappers/mixpanel-events.ts';
import { DEFAULT_PARTNERS, DEFAULT_PROFILE_PROPERTIES, mixpanelProfilesMapper } from './mappers/mixpanel-profiles.ts';
import { ProjectClock } from './mappers/project-time.ts';
import { userProductMetricsMapper } from './mappers/user-product-metrics.ts';

export const IMPORT_USAGE =
  'usage: npm run import -- <meta-insights|meta-ads-manager|mixpanel-events|mixpanel-profiles|user-product-metrics> <file or folder>… --into <source.sqlite> [--strict] [options]';

const OPTIONS = {
  into: { type: 'string' },
  strict: { type: 'boolean', default: false },
  'trial-actions': { type: 'string' },
  'purchase-actions': { type: 'string' },
  'usd-rate': { type: 'string', multiple: true },
  'trial-column': { type: 'string' },
  'purchase-column': { type: 'string' },
  'project-timezone': { type: 'string' },
  'also-events': { type: 'string' },
  'include-sandbox': { type: 'boolean' },
  'revenue-property': { type: 'string' },
  partners: { type: 'string' },
  'ad-id-property': { type: 'string' },
  'adset-id-property': { type: 'string' },
  'campaign-id-property': { type: 'string' },
} as const;

type OptionName = keyof typeof OPTIONS;

/** The options each kind accepts besides --into and --strict. */
const KIND_OPTIONS: Record<ImportKind, readonly OptionName[]> = {
  'meta-insights': ['trial-actions', 'purchase-actions', 'usd-rate'],
  'meta-ads-manager': ['trial-column', 'purchase-column', 'usd-rate'],
  'mixpanel-events': ['project-timezone', 'also-events', 'include-sandbox', 'revenue-property'],
  'mixpanel-profiles': ['partners', 'ad-id-property', 'adset-id-property', 'campaign-id-property'],
  'user-product-metrics': [],
};

export interface ImportCommand {
  kind: ImportKind;
  paths: string[];
  into: string;
  strict: boolean;
  mapper: Mapper;
}

/** A comma list: trimmed, empty items dropped. */

function nonEmptyList(flag: string, text: string): string[] {
  const items = commaList(text);
  if (items.length === 0) throw new UsageError(`--${flag} needs at least one name`);
  return items;
}

function usdRates(values: readonly string[]): Map<string, number> {
  const rates = new Map<string, number>();
  for (const value of values) {
    const match = /^\s*([A-Za-z]{3})\s*=\s*(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*$/.exec(value);
    const rate = match ? Number(match[2]) : NaN;
    if (!match || !(rate > 0)) throw new UsageError(`--usd-rate ${JSON.stringify(value)}: expected CODE=RATE, e.g. EUR=1.08 (the USD value of one unit)`);
    rates.set(match[1]!.toUpperCase(), rate);
  }
  return rates;
}

export function parseImportArgs(args: string[], env: NodeJS.ProcessEnv = process.env): ImportCommand {
  let parsed;
  try {
    parsed = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values: flags, positionals } = parsed;
  const [kind, ...paths] = positionals;
  if (!kind) throw new UsageError(IMPORT_USAGE);
  if (!(IMPORT_KINDS as readonly string[]).includes(kind)) throw new UsageError(`unknown kind "${kind}" (use ${IMPORT_KINDS.join(', ')})`);
  const importKind = kind as ImportKind;
  if (paths.length === 0) throw new UsageError(`no export files given (${IMPORT_USAGE})`);
  if (!flags.into) throw new UsageError(`missing --into <source database> (${IMPORT_USAGE})`);
  for (const name of Object.keys(flags) as OptionName[]) {
    if (name === 'into' || name === 'strict' || KIND_OPTIONS[importKind].includes(name)) continue;
    const owner = IMPORT_KINDS.find((other) => KIND_OPTIONS[other].includes(name));
    throw new UsageError(`--${name} applies to ${owner} imports, not ${importKind}`);
  }
  return { kind: importKind, paths, into: flags.into, strict: flags.strict, mapper: mapperFor(importKind, flags, env) };
}

function mapperFor(kind: ImportKind, flags: Partial<Record<OptionName, string | boolean | string[]>>, env: NodeJS.ProcessEnv): Mapper {
  const text = (name: OptionName) => flags[name] as string | undefined;
  switch (kind) {
    case 'meta-insights':
      return metaInsightsMapper({
        trialActions: text('trial-actions') === undefined ? DEFAULT_TRIAL_ACTIONS : nonEmptyList('trial-actions', text('trial-actions')!),
        purchaseActions: text('purchase-actions') === undefined ? DEFAULT_PURCHASE_ACTIONS : nonEmptyList('purchase-actions', text('purchase-actions')!),
        usdRates: usdRates((flags['usd-rate'] as string[] | undefined) ?? []),
      });
    case 'meta-ads-manager':
      return metaAdsManagerMapper({
        trialColumn: text('trial-column')?.trim() || undefined,
        purchaseColumn: text('purchase-column')?.trim() || undefined,
        usdRates: usdRates((flags['usd-rate'] as string[] | undefined) ?? []),
      });
    case 'mixpanel-events': {
      const zone = text('project-timezone');
      let projectClock: ProjectClock | undefined;
      try {
        projectClock = zone === undefined ? undefined : new ProjectClock(zone);
      } catch (error) {
        throw new UsageError(`--project-timezone: ${(error as Error).message}`);
      }
      return mixpanelEventsMapper({
        eventNames: new Set([...allEventNames(eventNamesFromEnv(env)), ...commaList(text('also-events') ?? '')]),
        includeSandbox: flags['include-sandbox'] === true,
        revenueProperty: text('revenue-property') || 'revenue',
        projectClock,
      });
    }
    case 'mixpanel-profiles':
      return mixpanelProfilesMapper({
        adIdProperty: text('ad-id-property') || DEFAULT_PROFILE_PROPERTIES.adIdProperty,
        adsetIdProperty: text('adset-id-property') || DEFAULT_PROFILE_PROPERTIES.adsetIdProperty,
        campaignIdProperty: text('campaign-id-property') || DEFAULT_PROFILE_PROPERTIES.campaignIdProperty,
        partners: new Set((text('partners') === undefined ? DEFAULT_PARTNERS : nonEmptyList('partners', text('partners')!)).map((p) => p.toLowerCase())),
      });
    case 'user-product-metrics':
      return userProductMetricsMapper();
  }
}

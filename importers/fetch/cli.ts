/**
 * npm run fetch -- meta-insights --account act_<id> --since D --until D [--breakdowns country,region,impression_device] [--out DIR]
 * npm run fetch -- mixpanel-events --project <id> --from D --to D [--also-events A,B | --all-events] [--out FILE]
 * npm run fetch -- mixpanel-profiles --project <id> [--from D] [--to D] [--out DIR]
 * Downloads exports in the form `npm run import` reads. Credentials come from the environment.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, allEventNames, commaList, eventNamesFromEnv, runCommand } from '../../src/config.ts';
import { isCalendarDate } from '../mappers/fields.ts';
import { metaAccess, mixpanelAccess, mixpanelApiUrl, mixpanelExportUrl, profilesWhere } from './credentials.ts';
import { META_BREAKDOWNS, fetchMetaInsights } from './meta-insights.ts';
import { fetchMixpanelEvents, fetchMixpanelProfiles } from './mixpanel.ts';

const KINDS = ['meta-insights', 'mixpanel-events', 'mixpanel-profiles'] as const;
type FetchKind = (typeof KINDS)[number];

const FLAGS = {
  account: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  breakdowns: { type: 'string' },
  project: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'also-events': { type: 'string' },
  'all-events': { type: 'boolean' },
  out: { type: 'string' },
} as const;
type Flag = keyof typeof FLAGS;

const KIND_FLAGS: Record<FetchKind, { required: Flag[]; optional: Flag[] }> = {
  'meta-insights': { required: ['account', 'since', 'until'], optional: ['breakdowns', 'out'] },
  'mixpanel-events': { required: ['project', 'from', 'to'], optional: ['also-events', 'all-events', 'out'] },
  'mixpanel-profiles': { required: ['project'], optional: ['from', 'to', 'out'] },
};

const log = (line: string) => process.stderr.write(`${line}\n`);

function parseFetchArgs(args: string[]) {
  let parsed;
  try {
    parsed = parseArgs({ args, options: FLAGS, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [kind, ...extra] = parsed.positionals;
  if (!kind || !(KINDS as readonly string[]).includes(kind)) throw new UsageError(`usage: npm run fetch -- <${KINDS.join('|')}> [options] (see README)`);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const fetchKind = kind as FetchKind;
  const flags = parsed.values as Partial<Record<Flag, string | boolean>>;
  const { required, optional } = KIND_FLAGS[fetchKind];
  for (const flag of required) if (flags[flag] === undefined) throw new UsageError(`${fetchKind} needs --${flag}`);
  for (const flag of Object.keys(flags) as Flag[]) {
    if (!required.includes(flag) && !optional.includes(flag)) throw new UsageError(`--${flag} does not apply to ${fetchKind}`);
  }
  for (const flag of ['since', 'until', 'from', 'to'] as const) {
    if (flags[flag] !== undefined && !isCalendarDate(flags[flag])) throw new UsageError(`--${flag} must be a date YYYY-MM-DD, got "${flags[flag]}"`);
  }
  const [start, end] = fetchKind === 'meta-insights' ? (['since', 'until'] as const) : (['from', 'to'] as const);
  if (flags[start] && flags[end] && (flags[start] as string) > (flags[end] as string)) throw new UsageError(`--${start} is after --${end}`);
  return { kind: fetchKind, flags: flags as Partial<Record<Flag, string>> & { 'all-events'?: boolean } };
}

async function runFetch(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const { kind, flags } = parseFetchArgs(args);
  switch (kind) {
    case 'meta-insights': {
      const account = flags.account!;
      if (!/^act_\d+$/.test(account)) throw new UsageError(`--account must look like act_<digits>, got "${account}"`);
      const breakdowns = flags.breakdowns === undefined ? [...META_BREAKDOWNS] : flags.breakdowns.split(',').map((b) => b.trim()).filter((b) => b !== '' && b !== 'none');
      const unknown = breakdowns.find((b) => !(META_BREAKDOWNS as readonly string[]).includes(b));
      if (unknown) throw new UsageError(`unknown breakdown "${unknown}" (use ${META_BREAKDOWNS.join(', ')} or none)`);
      const out = flags.out ?? join('exports', `meta-insights-${account}-${flags.since}-${flags.until}`);
      const result = await fetchMetaInsights({
        account,
        since: flags.since!,
        until: flags.until!,
        breakdowns,
        out,
        ...metaAccess(env, log),
      });
      process.stdout.write(`wrote ${out}\n`);
      if (result.currency && result.currency !== 'USD') process.stdout.write(`the account reports in ${result.currency}: import with --usd-rate ${result.currency}=<USD per unit>\n`);
      process.stdout.write(
        `the account's time zone is ${result.timezoneName ?? 'unknown'}: run the pipeline with --timezone ${result.timezoneName ?? '<Area/City>'}\n` +
          `next: npm run import -- meta-insights ${out} --into <source.sqlite>\n`,
      );
      return;
    }
    case 'mixpanel-events': {
      const events = flags['all-events']
        ? undefined
        : [...new Set([...allEventNames(eventNamesFromEnv(env)), ...commaList(flags['also-events'] ?? '')])];
      const out = flags.out ?? join('exports', `mixpanel-events-${flags.project}-${flags.from}-${flags.to}.jsonl`);
      await fetchMixpanelEvents({ ...mixpanelAccess(env, flags.project!, log), from: flags.from!, to: flags.to!, events, out, baseUrl: mixpanelExportUrl(env) });
      process.stdout.write(`wrote ${out}\nnext: npm run import -- mixpanel-events ${out} --into <source.sqlite>\n`);
      return;
    }
    case 'mixpanel-profiles': {
      const out = flags.out ?? join('exports', `mixpanel-profiles-${flags.project}`);
      await fetchMixpanelProfiles({
        ...mixpanelAccess(env, flags.project!, log),
        where: profilesWhere(flags.from, flags.to),
        out,
        baseUrl: mixpanelApiUrl(env),
      });
      process.stdout.write(`wrote ${out}\nnext: npm run import -- mixpanel-profiles ${out} --into <source.sqlite>\n`);
      return;
    }
  }
}

await runCommand(() => runFetch(process.argv.slice(2)));

/**
 * The shape of the demo ad account before any row is written: campaigns, ad sets and ads with their
 * ids, names over time, markets, lifespans and spend curves. Rows are drawn from this plan day by
 * day (generate.ts), so only the plan itself is held in memory.
 */
import type { Random } from './random.ts';
import type { ScaleParameters } from './scales.ts';
import { COUNTRIES, GEO_TARGETS, NAME_PARTS, PLATFORMS, type Platform } from './world.ts';

/** A name that changes now and then: each entry holds from its first day on. */
export type NameTimeline = { fromDay: number; name: string }[];

export interface CampaignPlan {
  id: string;
  names: NameTimeline;
  /** Weight of each COUNTRIES entry in this campaign's audience (0 = not targeted). */
  countryWeights: number[];
  platform: Platform;
  firstDay: number;
  lastDay: number;
}

export interface AdsetPlan {
  id: string;
  names: NameTimeline;
  campaign: number;
}

export interface AdPlan {
  id: string;
  names: NameTimeline;
  /** Parent ad set from a day on; a second entry means the ad moved (a minority pair). */
  parents: { fromDay: number; adset: number }[];
  /** false: no Meta table reports this ad, yet users are attributed to it (M7). */
  reportedByMeta: boolean;
  firstDay: number;
  lastDay: number;
  /** Days with no delivery in the middle of the ad's life (a pause): no rows, no users. */
  pause: { firstDay: number; lastDay: number } | null;
  /** The last day is reported with NULL spend and no delivery (the ad was switched off). */
  switchedOffOnLastDay: boolean;
  budget: number;
  rampDays: number;
  /** Offset into the ad's life where fatigue sets in, and how fast delivery then decays. */
  decayFrom: number;
  decayDays: number;
  /** Meta's count per Mixpanel-visible trial / purchase: Meta over- or under-claims per ad. */
  metaTrialFactor: number;
  metaPurchaseFactor: number;
  costPerUserUsd: number;
  cpmUsd: number;
  clickThroughRate: number;
  trialConversionChance: number;
}

export interface AccountPlan {
  campaigns: CampaignPlan[];
  adsets: AdsetPlan[];
  ads: AdPlan[];
  /** Sum of deliveryWeight over every ad-day, to share the users out. */
  totalWeight: number;
}

const metaId = (prefix: string, index: number) => `${prefix}${String(1000 + index * 7).padStart(12, '0')}`;

/** A base name that, for about a third of the entities, is renamed once during its life. */
function nameTimeline(random: Random, base: string, firstDay: number, lastDay: number): NameTimeline {
  const names: NameTimeline = [{ fromDay: firstDay, name: base }];
  if (lastDay - firstDay >= 4 && random.chance(0.35)) {
    names.push({ fromDay: random.int(firstDay + 2, lastDay - 1), name: base + random.pick(NAME_PARTS.renames) });
  }
  return names;
}

export function nameOn(names: NameTimeline, day: number): string {
  let current = names[0]!.name;
  for (const entry of names) if (entry.fromDay <= day) current = entry.name;
  return current;
}

export function parentOn(ad: AdPlan, day: number): number {
  let current = ad.parents[0]!.adset;
  for (const entry of ad.parents) if (entry.fromDay <= day) current = entry.adset;
  return current;
}

/** Relative delivery of an ad on a day: ramp-up, plateau, fatigue decay, zero outside its life. */
export function deliveryWeight(ad: AdPlan, day: number): number {
  if (day < ad.firstDay || day > ad.lastDay) return 0;
  if (ad.pause && day >= ad.pause.firstDay && day <= ad.pause.lastDay) return 0;
  if (ad.switchedOffOnLastDay && day === ad.lastDay) return 0;
  const age = day - ad.firstDay;
  const ramp = Math.min(1, (age + 1) / ad.rampDays);
  const decay = age > ad.decayFrom ? Math.exp(-(age - ad.decayFrom) / ad.decayDays) : 1;
  return ad.budget * ramp * decay;
}

function planCampaigns(random: Random, scale: ScaleParameters): CampaignPlan[] {
  return Array.from({ length: scale.campaigns }, (_, index) => {
    const geo = GEO_TARGETS[index % GEO_TARGETS.length]!;
    const platform = PLATFORMS[index % PLATFORMS.length]!;
    const objective = random.pick(NAME_PARTS.objectives);
    // The first campaign runs all along (it holds the evergreen ad); the others come and go.
    const always = index === 0;
    const firstDay = always || random.chance(0.5) ? 0 : random.int(0, Math.floor(scale.days * 0.3));
    const lastDay = always || random.chance(0.6) ? scale.days - 1 : random.int(firstDay + Math.floor(scale.days * 0.5), scale.days - 1);
    const base = `${NAME_PARTS.brand} | ${objective} | ${geo.label} | ${platform.label} #${index + 1}`;
    return {
      id: metaId('120211', index),
      names: nameTimeline(random, base, firstDay, lastDay),
      countryWeights: COUNTRIES.map((c) => (geo.countries.includes(c.code) ? c.weight * random.lognormal(0.3) : 0)),
      platform,
      firstDay,
      lastDay,
    };
  });
}

function planAdsets(random: Random, scale: ScaleParameters, campaigns: CampaignPlan[]): AdsetPlan[] {
  return Array.from({ length: scale.adsets }, (_, index) => {
    // The first ad sets go one per campaign so that no campaign is empty.
    const campaign = index < campaigns.length ? index : random.int(0, campaigns.length - 1);
    const base = `${random.pick(NAME_PARTS.audiences)} | ${random.pick(NAME_PARTS.ages)} | ${random.pick(NAME_PARTS.placements)}`;
    return {
      id: metaId('120212', index),
      names: nameTimeline(random, base, campaigns[campaign]!.firstDay, campaigns[campaign]!.lastDay),
      campaign,
    };
  });
}

function planAd(random: Random, scale: ScaleParameters, index: number, adset: number, campaign: CampaignPlan): AdPlan {
  const windowDays = campaign.lastDay - campaign.firstDay + 1;
  // The first ad is the evergreen winner that runs the whole calendar, as accounts usually have one.
  const evergreen = index === 0;
  const intendedLength = evergreen ? scale.days : random.int(scale.adLifespan.min, scale.adLifespan.max);
  const length = Math.min(intendedLength, windowDays);
  const firstDay = random.int(campaign.firstDay, campaign.lastDay - length + 1);
  const lastDay = firstDay + length - 1;
  const pauseFrom = firstDay + random.int(3, Math.max(3, length - 8));
  const base = `${random.pick(NAME_PARTS.creatives)} ${random.pick(NAME_PARTS.themes)} ${String(index + 1).padStart(3, '0')}`;
  return {
    id: metaId('120213', index),
    names: nameTimeline(random, base, firstDay, lastDay),
    parents: [{ fromDay: firstDay, adset }],
    reportedByMeta: true,
    firstDay,
    lastDay,
    pause: !evergreen && length >= 15 && random.chance(0.1) ? { firstDay: pauseFrom, lastDay: pauseFrom + random.int(1, 4) } : null,
    switchedOffOnLastDay: lastDay < scale.days - 1 && length > 3 && random.chance(0.15),
    // Skewed budgets: a few ads carry most of the spend, as in real accounts.
    budget: random.lognormal(0.9),
    rampDays: random.int(2, 7),
    decayFrom: evergreen ? intendedLength : Math.floor(intendedLength * random.uniform(0.5, 0.8)),
    decayDays: random.uniform(4, 20),
    metaTrialFactor: random.uniform(0.78, 1.3),
    metaPurchaseFactor: random.uniform(0.78, 1.3),
    costPerUserUsd: random.uniform(6, 22),
    cpmUsd: random.uniform(6, 18),
    clickThroughRate: random.uniform(0.006, 0.022),
    trialConversionChance: random.uniform(0.35, 0.6),
  };
}

/** Moves a few long-lived ads to another ad set for the last 20–40 % of their life (M5 confidence < 1). */
function moveSomeAds(random: Random, ads: AdPlan[], adsets: AdsetPlan[]): void {
  const movable = ads.filter((ad) => ad.reportedByMeta && ad.lastDay - ad.firstDay >= 9);
  const count = Math.max(1, Math.round(ads.length * 0.04));
  for (let n = 0; n < count && movable.length > 0; n++) {
    const ad = movable.splice(random.int(0, movable.length - 1), 1)[0]!;
    const from = ad.parents[0]!.adset;
    const to = (from + random.int(1, adsets.length - 1)) % adsets.length;
    const length = ad.lastDay - ad.firstDay + 1;
    ad.parents.push({ fromDay: ad.firstDay + Math.ceil(length * random.uniform(0.6, 0.8)), adset: to });
  }
}

/**
 * Marks some ads as unknown to Meta. The first keeps its ad set, the second gets an ad set no
 * Meta table has, the third also a campaign no Meta table has (M7 at every level).
 */
function hideSomeAdsFromMeta(random: Random, scale: ScaleParameters, plan: Omit<AccountPlan, 'totalWeight'>): void {
  const candidates = plan.ads.slice(1);
  for (let n = 0; n < scale.mixpanelOnlyAds && candidates.length > 0; n++) {
    const ad = candidates.splice(random.int(0, candidates.length - 1), 1)[0]!;
    ad.reportedByMeta = false;
    if (n === 0) continue;
    let campaign = plan.adsets[ad.parents[0]!.adset]!.campaign;
    if (n === 2) {
      campaign = plan.campaigns.length;
      plan.campaigns.push({ ...plan.campaigns[0]!, id: metaId('120211', campaign), names: [] });
    }
    if (n <= 2) {
      ad.parents[0]!.adset = plan.adsets.length;
      plan.adsets.push({ id: metaId('120212', plan.adsets.length), names: [], campaign });
    }
  }
}

export function planAccount(random: Random, scale: ScaleParameters): AccountPlan {
  const campaigns = planCampaigns(random, scale);
  const adsets = planAdsets(random, scale, campaigns);
  const ads = Array.from({ length: scale.ads }, (_, index) => {
    // The first ads go one per ad set so that no ad set is empty.
    const adset = index < adsets.length ? index : random.int(0, adsets.length - 1);
    return planAd(random, scale, index, adset, campaigns[adsets[adset]!.campaign]!);
  });
  const plan = { campaigns, adsets, ads };
  hideSomeAdsFromMeta(random, scale, plan);
  moveSomeAds(random, ads, adsets.slice(0, scale.adsets));
  let totalWeight = 0;
  for (const ad of ads) for (let day = ad.firstDay; day <= ad.lastDay; day++) totalWeight += deliveryWeight(ad, day);
  return { ...plan, totalWeight };
}

/**
 * Reference data the demo world is drawn from: markets, platforms, products and name parts. Shares
 * are skewed on purpose (the US dominates, as it does for most subscription apps).
 */
export type Store = 'APP_STORE' | 'PLAY_STORE' | 'STRIPE';

export interface Region {
  /** The name as Meta's region breakdown spells it. */
  meta: string;
  /** The name as Mixpanel profiles spell it (differs only where breakdown_value_mapping maps it). */
  mixpanel: string;
  weight: number;
}

export interface Country {
  code: string;
  weight: number;
  /** Revenue in USD per list-price dollar (store prices differ by market). */
  priceFactor: number;
  regions: Region[];
}

/** Where Mixpanel profiles spell a region differently from Meta (mapped by breakdown_value_mapping). */
const MIXPANEL_REGION_SPELLINGS: Record<string, string> = {
  'Washington, District of Columbia': 'District of Columbia',
};

function country(code: string, weight: number, priceFactor: number, regionWeights: Record<string, number>): Country {
  const regions = Object.entries(regionWeights).map(([meta, regionWeight]) => ({
    meta,
    mixpanel: MIXPANEL_REGION_SPELLINGS[meta] ?? meta,
    weight: regionWeight,
  }));
  return { code, weight, priceFactor, regions };
}

export const COUNTRIES: Country[] = [
  country('US', 55, 1, {
    California: 14,
    Texas: 10,
    Florida: 8,
    'New York': 8,
    Illinois: 5,
    Pennsylvania: 4,
    Georgia: 4,
    Washington: 4,
    'Washington, District of Columbia': 1,
  }),
  country('GB', 9, 1.05, { England: 80, Scotland: 10, Wales: 6, 'Northern Ireland': 4 }),
  country('CA', 7, 0.78, { Ontario: 40, Quebec: 22, 'British Columbia': 15, Alberta: 13 }),
  country('AU', 5, 0.72, { 'New South Wales': 35, Victoria: 28, Queensland: 20 }),
  country('DE', 5, 1.02, { Bavaria: 25, Berlin: 15, 'North Rhine-Westphalia': 30, Hesse: 10 }),
  country('FR', 4, 1.02, { 'Île-de-France': 40, 'Auvergne-Rhône-Alpes': 20, "Provence-Alpes-Côte d'Azur": 15 }),
  country('BR', 4, 0.45, { 'São Paulo': 45, 'Rio de Janeiro': 25, 'Minas Gerais': 15 }),
  country('IN', 3, 0.3, { Maharashtra: 35, Karnataka: 30, Delhi: 25 }),
  country('MX', 3, 0.55, { 'Ciudad de México': 45, Jalisco: 25, 'Nuevo León': 20 }),
  country('NL', 2, 1.02, { 'North Holland': 55, 'South Holland': 45 }),
];

/** A campaign's market: which countries it buys and how strongly. */
export interface GeoTarget {
  label: string;
  countries: string[];
}

export const GEO_TARGETS: GeoTarget[] = [
  { label: 'US', countries: ['US'] },
  { label: 'Tier 1', countries: ['US', 'GB', 'CA', 'AU'] },
  { label: 'EU', countries: ['GB', 'DE', 'FR', 'NL'] },
  { label: 'Worldwide', countries: COUNTRIES.map((c) => c.code) },
];

/** Meta's impression_device values and the store a user on that device pays through. */
export const DEVICE_STORES: Record<string, Store | null> = {
  android_smartphone: 'PLAY_STORE',
  android_tablet: 'PLAY_STORE',
  desktop: 'STRIPE',
  ipad: 'APP_STORE',
  iphone: 'APP_STORE',
  ipod: 'APP_STORE',
  other: null,
};

/** A campaign's platform: the device mix its impressions land on. */
export interface Platform {
  label: string;
  devices: { name: string; weight: number }[];
}

const devices = (weights: Record<string, number>) => Object.entries(weights).map(([name, weight]) => ({ name, weight }));

/** Campaigns take these in turn, so even the smallest account has every store. */
export const PLATFORMS: Platform[] = [
  {
    label: 'All',
    devices: devices({ iphone: 48, android_smartphone: 34, ipad: 6, android_tablet: 3, desktop: 8, other: 1 }),
  },
  { label: 'iOS', devices: devices({ iphone: 86, ipad: 12, ipod: 1, other: 1 }) },
  { label: 'Android', devices: devices({ android_smartphone: 90, android_tablet: 9, other: 1 }) },
  { label: 'Web', devices: devices({ desktop: 80, iphone: 10, android_smartphone: 8, other: 2 }) },
];

export interface Product {
  id: string;
  priceUsd: number;
  /** Days between renewals; null for a one-time purchase. */
  periodDays: number | null;
  /** Chance a paying subscriber renews at the end of each period. */
  renewalChance: number;
  /** Share of trials (or of direct purchases) on this product. */
  weight: number;
}

export const TRIAL_PRODUCTS: Product[] = [
  { id: 'com.demo.premium.weekly', priceUsd: 7.99, periodDays: 7, renewalChance: 0.9, weight: 65 },
  { id: 'com.demo.premium.annual.trial', priceUsd: 49.99, periodDays: 365, renewalChance: 0.6, weight: 35 },
];

export const PURCHASE_PRODUCTS: Product[] = [
  { id: 'com.demo.premium.monthly', priceUsd: 14.99, periodDays: 30, renewalChance: 0.88, weight: 50 },
  { id: 'com.demo.premium.annual', priceUsd: 59.99, periodDays: 365, renewalChance: 0.6, weight: 35 },
  { id: 'com.demo.lifetime', priceUsd: 129.99, periodDays: null, renewalChance: 0, weight: 15 },
];

export const NAME_PARTS = {
  brand: 'Mindful',
  objectives: ['Trials', 'Purchases', 'App installs', 'Retargeting'],
  audiences: ['Broad', 'Lookalike 1%', 'Lookalike 3%', 'Interests: fitness', 'Interests: wellness', 'Retargeting 30d'],
  ages: ['18-34', '25-44', '35-65+', '18-65+'],
  placements: ['Advantage+', 'Feeds', 'Reels', 'Stories'],
  creatives: ['UGC', 'Static', 'Video', 'Carousel', 'Playable'],
  themes: ['Testimonial', 'Discount', 'Feature tour', 'Before/after', 'Founder story', 'Meme', 'Unboxing'],
  renames: [' - v2', ' (copy)', ' - refresh', ' | scaled', ' - new hook'],
};

/** breakdown_value_mapping rows: the spellings the defaults of source-data.md would not unify. */
export const BREAKDOWN_VALUE_MAPPING: [dimension: string, source: string, sourceValue: string, value: string][] = [
  ['country', 'mixpanel', 'uk', 'GB'],
  ['country', 'mixpanel', 'usa', 'US'],
  ['device', 'mixpanel', 'MAC_APP_STORE', 'APP_STORE'],
  ...Object.entries(MIXPANEL_REGION_SPELLINGS).map(([meta, mixpanel]): [string, string, string, string] => ['region', 'meta', meta, mixpanel]),
];

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

const region = (name: string, weight: number): Region => ({ meta: name, mixpanel: name, weight });

export const COUNTRIES: Country[] = [
  {
    code: 'US',
    weight: 55,
    priceFactor: 1,
    regions: [
      region('California', 14),
      region('Texas', 10),
      region('Florida', 8),
      region('New York', 8),
      region('Illinois', 5),
      region('Pennsylvania', 4),
      region('Georgia', 4),
      region('Washington', 4),
      { meta: 'Washington, District of Columbia', mixpanel: 'District of Columbia', weight: 1 },
    ],
  },
  {
    code: 'GB',
    weight: 9,
    priceFactor: 1.05,
    regions: [region('England', 80), region('Scotland', 10), region('Wales', 6), region('Northern Ireland', 4)],
  },
  {
    code: 'CA',
    weight: 7,
    priceFactor: 0.78,
    regions: [region('Ontario', 40), region('Quebec', 22), region('British Columbia', 15), region('Alberta', 13)],
  },
  {
    code: 'AU',
    weight: 5,
    priceFactor: 0.72,
    regions: [region('New South Wales', 35), region('Victoria', 28), region('Queensland', 20)],
  },
  {
    code: 'DE',
    weight: 5,
    priceFactor: 1.02,
    regions: [region('Bavaria', 25), region('Berlin', 15), region('North Rhine-Westphalia', 30), region('Hesse', 10)],
  },
  {
    code: 'FR',
    weight: 4,
    priceFactor: 1.02,
    regions: [region('Île-de-France', 40), region('Auvergne-Rhône-Alpes', 20), region("Provence-Alpes-Côte d'Azur", 15)],
  },
  {
    code: 'BR',
    weight: 4,
    priceFactor: 0.45,
    regions: [region('São Paulo', 45), region('Rio de Janeiro', 25), region('Minas Gerais', 15)],
  },
  {
    code: 'IN',
    weight: 3,
    priceFactor: 0.3,
    regions: [region('Maharashtra', 35), region('Karnataka', 30), region('Delhi', 25)],
  },
  {
    code: 'MX',
    weight: 3,
    priceFactor: 0.55,
    regions: [region('Ciudad de México', 45), region('Jalisco', 25), region('Nuevo León', 20)],
  },
  {
    code: 'NL',
    weight: 2,
    priceFactor: 1.02,
    regions: [region('North Holland', 55), region('South Holland', 45)],
  },
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
  ['region', 'meta', 'Washington, District of Columbia', 'District of Columbia'],
];

/** The three sizes of demo data: tests, `npm start`, benchmarks. */
export interface ScaleParameters {
  campaigns: number;
  adsets: number;
  /** Ads, including the few that only Mixpanel knows. */
  ads: number;
  /** Ads no Meta table reports; users are still attributed to them (M7). */
  mixpanelOnlyAds: number;
  days: number;
  /** Expected number of mixpanel_user rows (Poisson draws make the actual count vary a little). */
  users: number;
  /** Shortest and longest life of an ad in days, so not every ad runs every day. */
  adLifespan: { min: number; max: number };
  /** Every n-th event gets an unparseable event_time, a handful per file. */
  unparseableEventTimeEvery: number;
}

export const SCALE_NAMES = ['small', 'demo', 'large'] as const;
export type ScaleName = (typeof SCALE_NAMES)[number];

export const SCALES: Record<ScaleName, ScaleParameters> = {
  small: {
    campaigns: 2,
    adsets: 6,
    ads: 12,
    mixpanelOnlyAds: 2,
    days: 30,
    users: 2_000,
    adLifespan: { min: 8, max: 30 },
    unparseableEventTimeEvery: 1_500,
  },
  demo: {
    campaigns: 10,
    adsets: 40,
    ads: 160,
    mixpanelOnlyAds: 4,
    days: 90,
    users: 50_000,
    adLifespan: { min: 10, max: 75 },
    unparseableEventTimeEvery: 20_000,
  },
  large: {
    campaigns: 40,
    adsets: 240,
    ads: 1_900,
    mixpanelOnlyAds: 30,
    days: 365,
    users: 1_000_000,
    adLifespan: { min: 14, max: 120 },
    unparseableEventTimeEvery: 100_000,
  },
};

/** The last day of every demo calendar: fixed, so no output depends on the wall clock. */
export const LAST_DAY = '2025-06-30';

export function isScaleName(value: string): value is ScaleName {
  return (SCALE_NAMES as readonly string[]).includes(value);
}

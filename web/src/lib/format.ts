/**
 * How the page writes numbers. The API sends full precision and NULL for undefined ratios
 * (metrics.md); the page rounds only for display and shows NULL as an em dash.
 */
export const MISSING = '—';

const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const ratio = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const signedPercent = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });

const orMissing = (format: (value: number) => string) => (value: number | null | undefined) =>
  value === null || value === undefined || !Number.isFinite(value) ? MISSING : format(value);

export const formatMoney = orMissing((value) => money.format(value));
export const formatCount = orMissing((value) => count.format(value));
/** A rate of 0..1 as a percentage: 0.4567 → 45.7%. */
export const formatPercent = orMissing((value) => percent.format(value));
/** ROAS and other multiples: 1.234 → 1.23×. */
export const formatMultiple = orMissing((value) => `${ratio.format(value)}×`);

export type NumberFormat = 'money' | 'count' | 'percent' | 'multiple';
export const FORMATTERS: Record<NumberFormat, (value: number | null | undefined) => string> = {
  money: formatMoney,
  count: formatCount,
  percent: formatPercent,
  multiple: formatMultiple,
};

/** The relative change from `before` to `now`: +12.3%; — when there is nothing to compare with. */
export function formatChange(now: number | null | undefined, before: number | null | undefined): string {
  if (now === null || now === undefined || before === null || before === undefined || before === 0) return MISSING;
  return signedPercent.format((now - before) / Math.abs(before));
}

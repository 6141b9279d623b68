/**
 * Mixpanel users and their RevenueCat events: who arrives from which ad, what they buy, when they
 * convert, renew, cancel or get refunded, and their predicted value per product.
 */
import type { Random } from './random.ts';
import {
  COUNTRIES,
  DEVICE_STORES,
  PURCHASE_PRODUCTS,
  TRIAL_PRODUCTS,
  type Platform,
  type Product,
} from './world.ts';

const DAY = 86_400;
const HOUR = 3_600;

/** What a user ends up doing, which is what Meta's trial and purchase counts follow. */
export type UserKind = 'trial' | 'purchase' | 'browser';

/** Where a user came from: the ad (and its parents on that day) and the campaign's audience. */
export interface Arrival {
  adId: string;
  adsetId: string;
  campaignId: string;
  day: number;
  countryWeights: readonly number[];
  platform: Platform;
  trialConversionChance: number;
}

export interface UserRowWriters {
  user(values: unknown[]): void;
  event(values: unknown[]): void;
  userProductMetrics(values: unknown[]): void;
}

interface PlannedEvent {
  time: number;
  name: string;
  product: Product | null;
  revenue: number | null;
}

/** Values Mixpanel may hold instead of a timestamp; the pipeline must skip them. */
const UNPARSEABLE_TIMES = ['not a timestamp', '2025-13-45T99:00:00Z', '', '1719792000'];
const cents = (usd: number) => Math.round(usd * 100) / 100;
const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

export class UserFactory {
  private userCount = 0;
  private eventCount = 0;
  private unparseableCount = 0;

  constructor(
    private readonly random: Random,
    private readonly write: UserRowWriters,
    private readonly dates: readonly string[],
    private readonly unparseableEventTimeEvery: number,
  ) {}

  /** Writes one user arriving from an ad, with all their events; returns what they did. */
  addUser(arrival: Arrival): UserKind {
    const random = this.random;
    const distinctId = `u${String(++this.userCount).padStart(8, '0')}`;
    const countryIndex = random.weightedIndex(arrival.countryWeights);
    const country = COUNTRIES[countryIndex]!;
    const device = random.pickByWeight(arrival.platform.devices).name;
    const store = this.profileStore(device);
    const arrivedAt = arrival.day * DAY + random.int(0, DAY - 1);

    this.write.user([
      distinctId,
      ...this.attribution(arrival),
      this.profileCountry(country.code),
      random.chance(0.1) ? null : random.pickByWeight(country.regions).mixpanel,
      this.formatTime(arrivedAt),
    ]);

    const kindRoll = random.next();
    const kind: UserKind = kindRoll < 0.62 ? 'trial' : kindRoll < 0.86 ? 'purchase' : 'browser';
    const events: PlannedEvent[] = [];
    const priceFactor = country.priceFactor;
    if (kind === 'trial') this.planTrial(events, arrivedAt, priceFactor, arrival.trialConversionChance);
    if (kind === 'purchase') this.planPurchase(events, arrivedAt, priceFactor);
    events.sort((a, b) => a.time - b.time);

    const end = this.dates.length * DAY;
    const products = new Map<string, Product>();
    for (const event of events) {
      if (event.time < 0 || event.time >= end) continue; // before or after the data's calendar
      if (event.product) products.set(event.product.id, event.product);
      this.writeEvent(distinctId, event, store);
    }
    if (random.chance(0.95)) this.writeProductMetrics(distinctId, products, events, store);
    return kind;
  }

  /** [abi_ad_id, abi_ad_set_id, abi_campaign_id, has_abi_attribution] with the gaps real profiles have. */
  private attribution(arrival: Arrival): unknown[] {
    const roll = this.random.next();
    if (roll < 0.1) return [this.random.chance(0.08) ? arrival.adId : null, null, null, 0]; // organic, maybe a stale id
    if (roll < 0.17) return [arrival.adId, null, null, 1]; // attributed at ad level only
    if (roll < 0.19) return [null, this.random.chance(0.5) ? arrival.adsetId : null, arrival.campaignId, 1];
    return [arrival.adId, arrival.adsetId, arrival.campaignId, 1];
  }

  private profileCountry(code: string): string | null {
    const roll = this.random.next();
    if (roll < 0.03) return null;
    if (code === 'US' && roll < 0.045) return 'us';
    if (code === 'US' && roll < 0.055) return 'usa';
    if (code === 'GB' && roll < 0.06) return 'uk';
    return code;
  }

  private profileStore(device: string): string | null {
    const store = DEVICE_STORES[device] ?? null;
    if (store === null || this.random.chance(0.02)) return null;
    if (store === 'APP_STORE' && this.random.chance(0.01)) return 'MAC_APP_STORE';
    return store;
  }

  private planTrial(events: PlannedEvent[], arrivedAt: number, priceFactor: number, conversionChance: number): void {
    const random = this.random;
    const product = random.chance(0.01) ? null : random.pickByWeight(TRIAL_PRODUCTS);
    // Some users start the trial a day or two after the ad brought them in.
    const startedAt = arrivedAt + (random.chance(0.15) ? random.int(1, 2) * DAY : 0);
    // Some users had started (and cancelled) trials before: only the latest one counts (M9).
    let earlierStart = startedAt;
    for (let n = random.chance(0.2) ? random.int(1, 2) : 0; n > 0; n--) {
      earlierStart -= random.int(2, 25) * DAY + random.int(0, DAY - 1);
      const earlierProduct = random.chance(0.7) ? product : random.pickByWeight(TRIAL_PRODUCTS);
      events.push({ time: earlierStart, name: 'RC Trial started', product: earlierProduct, revenue: 0 });
      events.push({ time: earlierStart + random.int(HOUR, DAY), name: 'RC Trial cancelled', product: earlierProduct, revenue: null });
    }
    events.push({ time: startedAt, name: 'RC Trial started', product, revenue: 0 });
    if (random.chance(conversionChance)) {
      const convertedAt = startedAt + 7 * DAY + random.int(0, 3 * HOUR);
      const price = product?.priceUsd ?? TRIAL_PRODUCTS[0]!.priceUsd;
      const paid = cents(price * priceFactor);
      events.push({ time: convertedAt, name: 'RC Trial converted', product, revenue: paid });
      this.planSubscription(events, product, convertedAt, paid, 0.07);
    } else if (random.chance(0.85)) {
      events.push({ time: startedAt + random.int(HOUR, 6 * DAY), name: 'RC Trial cancelled', product, revenue: null });
    }
    if (random.chance(0.03)) {
      const lifetime = PURCHASE_PRODUCTS[2]!;
      const boughtAt = startedAt + random.int(8, 40) * DAY;
      events.push({ time: boughtAt, name: 'RC Initial purchase', product: lifetime, revenue: cents(lifetime.priceUsd * priceFactor) });
    }
  }

  private planPurchase(events: PlannedEvent[], boughtAt: number, priceFactor: number): void {
    const random = this.random;
    const product = random.pickByWeight(PURCHASE_PRODUCTS);
    if (random.chance(0.03)) {
      // An earlier purchase of another product: the latest initial purchase counts (M10).
      const earlier = PURCHASE_PRODUCTS[(PURCHASE_PRODUCTS.indexOf(product) + 1) % PURCHASE_PRODUCTS.length]!;
      events.push({
        time: boughtAt - random.int(3, 30) * DAY,
        name: 'RC Initial purchase',
        product: earlier,
        revenue: cents(earlier.priceUsd * priceFactor),
      });
    }
    const paid = cents(product.priceUsd * priceFactor);
    events.push({ time: boughtAt, name: 'RC Initial purchase', product, revenue: paid });
    this.planSubscription(events, product, boughtAt, paid, 0.05);
  }

  /** After the first payment: a refund, or renewals until the subscriber cancels. */
  private planSubscription(events: PlannedEvent[], product: Product | null, paidAt: number, paid: number, refundChance: number): void {
    const random = this.random;
    if (random.chance(refundChance)) {
      events.push({ time: paidAt + random.int(HOUR, 10 * DAY), name: 'RC Cancellation', product, revenue: -paid });
      return;
    }
    const periodDays = product ? product.periodDays : 7;
    if (periodDays === null) return;
    const renewalChance = product?.renewalChance ?? 0.85;
    const end = this.dates.length * DAY;
    for (let renewedAt = paidAt + periodDays * DAY; renewedAt < end; renewedAt += periodDays * DAY) {
      if (!random.chance(renewalChance)) {
        // Turning auto-renew off: a cancellation with no money moving (not a refund, M3).
        if (random.chance(0.8)) {
          const cancelledAt = renewedAt - random.int(HOUR, (periodDays * DAY) / 2);
          events.push({ time: cancelledAt, name: 'RC Cancellation', product, revenue: random.chance(0.8) ? 0 : null });
        }
        return;
      }
      events.push({ time: renewedAt, name: 'RC Renewal', product, revenue: random.chance(0.01) ? null : paid });
    }
  }

  private writeEvent(distinctId: string, event: PlannedEvent, store: string | null): void {
    const sequence = this.eventCount++;
    const unparseable = sequence % this.unparseableEventTimeEvery === this.unparseableEventTimeEvery - 1;
    const hex = sequence.toString(16).padStart(32, '0');
    this.write.event([
      `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
      distinctId,
      event.name,
      unparseable ? UNPARSEABLE_TIMES[this.unparseableCount++ % UNPARSEABLE_TIMES.length] : this.formatTime(event.time),
      event.product?.id ?? null,
      store,
      event.revenue,
    ]);
  }

  /** One predicted-value row per product the user touched (a few users have none). */
  private writeProductMetrics(distinctId: string, products: Map<string, Product>, events: PlannedEvent[], store: string | null): void {
    const random = this.random;
    const ids = [...products.keys()].sort();
    for (const id of ids) {
      const product = products.get(id)!;
      const isTrialProduct = TRIAL_PRODUCTS.includes(product);
      const paid = events.some((e) => e.product === product && (e.revenue ?? 0) > 0);
      const refunded = events.some((e) => e.product === product && (e.revenue ?? 0) < 0);
      const expectedPayments = product.periodDays === null ? 1 : 1 / (1 - product.renewalChance);
      const conversionRate = random.uniform(0.25, 0.6);
      const likelihood = refunded ? 0.05 : paid || !isTrialProduct ? 1 : conversionRate;
      this.write.userProductMetrics([
        distinctId,
        id,
        cents(product.priceUsd * expectedPayments * likelihood * random.lognormal(0.25)),
        isTrialProduct && !random.chance(0.1) ? round4(conversionRate) : null,
        isTrialProduct && !random.chance(0.15) ? round4(random.uniform(0.02, 0.12)) : null,
        !isTrialProduct && !random.chance(0.2) ? round4(random.uniform(0.01, 0.08)) : null,
        store,
      ]);
    }
  }

  /** One of the three UTC spellings source-data.md allows, mixed as real exports mix them. */
  private formatTime(seconds: number): string {
    const day = Math.floor(seconds / DAY);
    const inDay = seconds - day * DAY;
    const clock = `${pad2(Math.floor(inDay / HOUR))}:${pad2(Math.floor((inDay % HOUR) / 60))}:${pad2(inDay % 60)}`;
    const roll = this.random.next();
    if (roll < 0.7) return `${this.dates[day]}T${clock}Z`;
    if (roll < 0.9) return `${this.dates[day]}T${clock}+00:00`;
    return `${this.dates[day]} ${clock}`;
  }
}

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

/**
 * A seeded pseudo-random source (sfc32 seeded through splitmix32), so the same seed always yields
 * the same demo data. Math.random is never used.
 */
const weightLists = new WeakMap<readonly object[], number[]>();

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let state = seed >>> 0;
    const splitmix32 = () => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = splitmix32();
    this.b = splitmix32();
    this.c = splitmix32();
    this.d = splitmix32();
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** An item drawn with probability proportional to its weight (weights read once per list). */
  pickByWeight<T extends { weight: number }>(items: readonly T[]): T {
    let weights = weightLists.get(items);
    if (!weights) weightLists.set(items, (weights = items.map((item) => item.weight)));
    return items[this.weightedIndex(weights)]!;
  }

  /** Index drawn with probability proportional to its weight. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const weight of weights) total += weight;
    let target = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      target -= weights[i]!;
      if (target < 0) return i;
    }
    return weights.length - 1;
  }

  normal(mean = 0, deviation = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + deviation * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A positive factor around 1 (median 1) with the given log-deviation. */
  lognormal(logDeviation: number): number {
    return Math.exp(this.normal(0, logDeviation));
  }

  /** Poisson count; the normal approximation above 30 keeps large means cheap. */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))));
    const limit = Math.exp(-mean);
    let count = 0;
    let product = this.next();
    while (product > limit) {
      count++;
      product *= this.next();
    }
    return count;
  }

  /** `count` distinct indexes drawn by weight without replacement, in drawing order. */
  weightedSample(weights: readonly number[], count: number): number[] {
    const remaining = [...weights];
    const chosen: number[] = [];
    for (let n = Math.min(count, weights.filter((w) => w > 0).length); n > 0; n--) {
      const index = this.weightedIndex(remaining);
      chosen.push(index);
      remaining[index] = 0;
    }
    return chosen;
  }
}

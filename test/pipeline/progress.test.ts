import { describe, expect, it } from 'vitest';
import { progressAfter, stepsDoneBetween } from '../../pipeline/progress.ts';

const timings = (...steps: string[]) => JSON.stringify(Object.fromEntries(steps.map((step) => [step, 0.1])));

describe('run progress (pipelineRunProgress announces every step)', () => {
  it('progressAfter: the share of the steps done, 1 after the last', () => {
    expect(progressAfter('keys')).toBeCloseTo(1 / 101, 12);
    expect(progressAfter('sources')).toBeCloseTo(11 / 101, 12);
    expect(progressAfter('checks')).toBe(1);
  });

  it('stepsDoneBetween: the steps a reader missed between two reads, in order, without the publish', () => {
    const all = timings('keys', 'sources', 'names', 'hierarchy', 'attribution', 'lists', 'daily', 'breakdowns', 'checks', 'publish');
    // Finished since the reader saw 'breakdowns': 'checks' was done in between.
    expect(stepsDoneBetween(all, 'breakdowns')).toEqual(['checks']);
    // Still running at 'names', last seen at the start.
    expect(stepsDoneBetween(timings('keys', 'sources', 'names'), 'starting', 'names')).toEqual(['keys', 'sources']);
    expect(stepsDoneBetween(timings('keys', 'sources', 'names'), 'names', 'names')).toEqual([]);
    // A step the record does not hold: nothing to add.
    expect(stepsDoneBetween(timings('keys'), 'daily')).toEqual([]);
  });
});

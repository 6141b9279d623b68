/**
 * Requests start in the order they arrived, one per event-loop turn, so that under
 * load none waits for more than the requests ahead of it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startInArrivalOrder } from '../../src/arrival-order.ts';

const request = (id: number) => [{ id } as unknown as IncomingMessage, {} as ServerResponse] as const;

describe('requests start in arrival order', () => {
  it('starts queued requests first come, first served, each in its own event-loop turn', async () => {
    const started: number[] = [];
    const seenWhenStarting: number[][] = [];
    const listener = startInArrivalOrder((req) => {
      seenWhenStarting.push([...started]);
      started.push((req as unknown as { id: number }).id);
    });
    for (const id of [1, 2, 3]) listener(...request(id));
    expect(started).toEqual([]);
    await nextTurn();
    expect(started).toEqual([1]);
    // A request arriving now queues behind the two that came before it.
    listener(...request(4));
    for (let turn = 0; turn < 3; turn++) await nextTurn();
    expect(started).toEqual([1, 2, 3, 4]);
    expect(seenWhenStarting).toEqual([[], [1], [1, 2], [1, 2, 3]]);
  });

  it('does not wait for a started request to finish: a long-lived response (SSE) holds nobody up', async () => {
    const started: number[] = [];
    const listener = startInArrivalOrder((req) => {
      started.push((req as unknown as { id: number }).id);
      // Never ends, like a subscription stream.
    });
    listener(...request(1));
    listener(...request(2));
    await nextTurn();
    await nextTurn();
    expect(started).toEqual([1, 2]);
  });
});

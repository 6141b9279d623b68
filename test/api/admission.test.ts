/** Admission control: at most N requests worked on at once, the rest admitted in arrival order. */
import { describe, expect, it } from 'vitest';
import { admissionControl } from '../../src/admission.ts';

type Hooks = { onRequest(payload: { request: Request }): Promise<void>; onResponse(payload: { request: Request }): void };

describe('admission control', () => {
  it('admits one request at a time in arrival order when the limit is 1', async () => {
    const plugin = admissionControl(1) as unknown as Hooks;
    const requests = [1, 2, 3].map((n) => new Request(`http://localhost/graphql?n=${n}`));
    const admitted: number[] = [];
    const arrivals = requests.map((request, index) => plugin.onRequest({ request }).then(() => admitted.push(index + 1)));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(admitted).toEqual([1]);
    plugin.onResponse({ request: requests[0]! });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(admitted).toEqual([1, 2]);
    plugin.onResponse({ request: requests[1]! });
    await Promise.all(arrivals);
    expect(admitted).toEqual([1, 2, 3]);
    plugin.onResponse({ request: requests[2]! });
    // The slot is free again: a new request is admitted at once.
    const late = new Request('http://localhost/graphql?n=4');
    await plugin.onRequest({ request: late });
    plugin.onResponse({ request: late });
  });

  it('ignores a response for a request it never admitted', async () => {
    const plugin = admissionControl(1) as unknown as Hooks;
    const request = new Request('http://localhost/graphql');
    await plugin.onRequest({ request });
    plugin.onResponse({ request: new Request('http://localhost/other') });
    let second = false;
    const next = new Request('http://localhost/graphql?2');
    void plugin.onRequest({ request: next }).then(() => (second = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(second).toBe(false);
    plugin.onResponse({ request });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(second).toBe(true);
  });
});

/**
 * Admission control: at most `maxConcurrent` requests are worked on at once; the rest wait in
 * arrival order. The server is one thread, so more concurrency adds no throughput, while letting
 * every queued request interleave with the new ones made the slowest wait without bound under load
 * (timeouts in the 50-connection benchmark). First come, first served keeps each wait at about
 * queue length × service time.
 */
import type { Plugin } from 'graphql-yoga';

export function admissionControl(maxConcurrent: number): Plugin {
  let active = 0;
  const waiting: Array<() => void> = [];
  const admitted = new WeakSet<Request>();
  return {
    async onRequest({ request }) {
      if (active >= maxConcurrent) await new Promise<void>((resolve) => waiting.push(resolve));
      else active += 1;
      admitted.add(request);
    },
    onResponse({ request }) {
      if (!admitted.delete(request)) return;
      const next = waiting.shift();
      // The slot passes straight to the next request in line, so `active` stays the same.
      if (next) next();
      else active -= 1;
    },
  };
}

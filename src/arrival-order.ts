/**
 * Starts HTTP requests in the order they arrived, one per event-loop turn. A GraphQL request here
 * is CPU work with no I/O to wait for, so Node would otherwise run every request whose bytes came in
 * the same poll back to back and read the other sockets only afterwards, in no fair order: under a
 * 50-connection load some requests waited over 10 s while the median was 1 s. Queued, each request
 * waits for those that came before it and no more (the same load: max 5 s); an idle server starts
 * each request at once.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

export function startInArrivalOrder(handler: RequestListener): RequestListener {
  const waiting: Array<[IncomingMessage, ServerResponse]> = [];
  let scheduled = false;
  const startNext = () => {
    scheduled = false;
    const next = waiting.shift();
    if (waiting.length > 0) schedule();
    if (next) handler(...next);
  };
  // setImmediate runs after the poll phase, so the requests that arrive meanwhile queue up first.
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(startNext);
  };
  return (request, response) => {
    waiting.push([request, response]);
    schedule();
  };
}

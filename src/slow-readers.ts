/**
 * A client that takes nothing of its answer for 30 s is disconnected (api.md "Resources and
 * HTTP"). Answers are written with back-pressure (Node's socket buffers what the client has not
 * taken; static files are streamed and wait for it), so what such a client holds is one answer at
 * most, and only until this timeout closes its connection.
 *
 * Node reports a socket that has seen no traffic for `server.timeout`; with a listener the decision
 * is ours: only a socket with bytes still waiting to be sent is a stalled reader. A request still
 * being computed, or a keep-alive connection between requests (closed by keepAliveTimeout), has
 * none and stays; headers and bodies that do not arrive are closed by requestTimeout.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export const IDLE_WRITE_TIMEOUT_MS = 30_000;

export function closeStalledReaders(server: Server, idleMs: number): void {
  server.timeout = idleMs;
  server.on('timeout', (socket: Socket) => {
    if (socket.writableLength > 0) socket.destroy();
  });
}

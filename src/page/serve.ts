/**
 * Serves the built dashboard page (web/dist) at `/`; every other request goes on to the API. Built
 * assets carry a content hash in their names, so they may be cached for good; index.html may not.
 * Assets go out as the `.br` or `.gz` written beside them at build time when the browser accepts
 * it (sirv picks them); files are streamed, so a client that reads slowly holds back the stream.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import sirv from 'sirv';
import { PAGE_SECURITY_HEADERS } from './security-headers.ts';
import { IMMUTABLE } from './static-assets.ts';

export function withPage(pageDir: string, api: RequestListener): RequestListener {
  const files = sirv(pageDir, {
    etag: true,
    brotli: true,
    gzip: true,
    setHeaders: (response, pathname) => {
      response.setHeader('Cache-Control', pathname.startsWith('/assets/') ? IMMUTABLE : 'no-cache');
      for (const [name, value] of Object.entries(PAGE_SECURITY_HEADERS)) response.setHeader(name, value);
    },
  });
  return (request: IncomingMessage, response: ServerResponse) => {
    if (request.method === 'GET' || request.method === 'HEAD') files(request, response, () => api(request, response));
    else api(request, response);
  };
}

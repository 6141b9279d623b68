/**
 * Serves the built dashboard page (web/dist) at `/`; every other request goes on to the API. Built
 * assets carry a content hash in their names, so they may be cached for good; index.html may not.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import sirv from 'sirv';

export function withPage(pageDir: string, api: RequestListener): RequestListener {
  const files = sirv(pageDir, {
    etag: true,
    setHeaders: (response, pathname) => {
      const cacheControl = pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
      response.setHeader('Cache-Control', cacheControl);
    },
  });
  return (request: IncomingMessage, response: ServerResponse) => {
    if (request.method === 'GET' || request.method === 'HEAD') files(request, response, () => api(request, response));
    else api(request, response);
  };
}

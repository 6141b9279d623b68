/**
 * GraphiQL as a small HTML document plus static assets (api.md "Pages", "Resources and HTTP"):
 * the GraphiQL build that @graphql-yoga/render-graphiql ships (script, styles, the editor's three
 * workers, its icon) is served from this server under content-hashed names, compressed and cached
 * for good, instead of being inlined into every page view (9 MB each). The page's own settings
 * (the example tabs filled from the published data) travel in a JSON block of the HTML, which the
 * Content-Security-Policy allows, read by a small start script.
 */
import { css, editorWorkerService, favicon, graphqlWorker, js, jsonWorker } from '@graphql-yoga/render-graphiql/graphiql';
import { readFileSync } from 'node:fs';
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';
import { PAGE_SECURITY_HEADERS } from './security-headers.ts';
import { StaticAssets } from './static-assets.ts';

export const GRAPHIQL_ASSETS_PREFIX = '/graphiql-assets/';

const SCRIPT = 'text/javascript; charset=utf-8';
const BOOT_SCRIPT = readFileSync(new URL('./graphiql-boot.js', import.meta.url), 'utf8');

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
/** JSON inside a <script> block: `<` escaped, so no `</script>` in the data can end the block. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

export interface GraphiQLPage {
  /** yoga's `renderGraphiQL`: the HTML document for the options of the request. */
  render(options?: GraphiQLOptions): string;
  /** Serves the assets; puts the pages' security headers on GraphiQL's HTML. */
  plugin: Plugin;
}

export function graphiqlPage(endpoint: string): GraphiQLPage {
  const assets = new StaticAssets(GRAPHIQL_ASSETS_PREFIX);
  const script = assets.add('graphiql', 'js', SCRIPT, js);
  const style = assets.add('graphiql', 'css', 'text/css; charset=utf-8', css);
  const icon = assets.add('graphiql', 'ico', 'image/x-icon', Buffer.from(favicon.slice(favicon.indexOf(',') + 1), 'base64'));
  const boot = assets.add('graphiql-start', 'js', SCRIPT, BOOT_SCRIPT);
  // Monaco asks for its workers by these labels (render-graphiql's own page uses the same).
  const workers = {
    editorWorkerService: assets.add('editor.worker', 'js', SCRIPT, editorWorkerService),
    json: assets.add('json.worker', 'js', SCRIPT, jsonWorker),
    graphql: assets.add('graphql.worker', 'js', SCRIPT, graphqlWorker),
  };

  const render = (options: GraphiQLOptions = {}) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${escapeHtml(options.title ?? 'GraphiQL')}</title>
    <link rel="icon" href="${icon}" />
    <link rel="stylesheet" href="${style}" />
    <script type="application/json" id="graphiql-config">${scriptJson({ endpoint, workers, options })}</script>
    <script src="${script}" defer></script>
    <script src="${boot}" defer></script>
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>GraphiQL needs JavaScript.</noscript>
    <div id="root"></div>
  </body>
</html>
`;

  const plugin: Plugin = {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(GRAPHIQL_ASSETS_PREFIX)) return;
      const response = await assets.respond(request, url.pathname, fetchAPI.Response);
      endResponse(response ?? new fetchAPI.Response('Not found', { status: 404, headers: { ...PAGE_SECURITY_HEADERS, 'Content-Type': 'text/plain' } }));
    },
    onResponse({ response }) {
      if (!response.headers.get('content-type')?.startsWith('text/html')) return;
      for (const [name, value] of Object.entries(PAGE_SECURITY_HEADERS)) response.headers.set(name, value);
      // The page names the assets of this build: always asked again (the assets themselves never).
      response.headers.set('Cache-Control', 'no-cache');
    },
  };
  return { render, plugin };
}

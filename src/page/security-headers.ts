/**
 * Response headers of the pages and their assets (api.md "Access control", last bullet): a
 * Content-Security-Policy allowing only this server, no framing, no MIME sniffing. Both pages were
 * checked in Chromium under this policy (test/browser/pages.test.ts fails on any CSP report).
 * `style-src 'unsafe-inline'`: GraphiQL's editor (Monaco) and React components add <style>
 * elements at run time, which Chromium refuses under 'self' alone (about thirty refusals on opening
 * GraphiQL). `data:` fonts and images: GraphiQL's style sheet and the page's build carry their
 * fonts and icons inside the CSS file this server sends, as data: URLs. Scripts, workers and
 * connections stay 'self' only.
 */
export const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': [
    "default-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    "img-src 'self' data:",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; '),
  'X-Content-Type-Options': 'nosniff',
};

/**
 * Authentication of every GraphQL request, before anything else reads it (the response cache
 * answers repeats in its own onRequest, so this plugin comes first). Queries, mutations and
 * subscriptions (server-sent events, GET or POST) alike; GraphiQL's page, `/health` and the other
 * paths yoga does not execute GraphQL on are left alone.
 */
import type { Plugin } from 'graphql-yoga';
import type { Authenticator } from './authenticate.ts';
import type { Identity } from './identity.ts';

export interface AuthenticationPlugin {
  plugin: Plugin;
  /** The identity the plugin found for a request it let through. */
  identityOf(request: Request): Identity;
}

/** The paths on which yoga executes GraphQL (its own rule for unhandled routes, inverted). */
const isGraphQLRequest = (request: Request, url: URL, endpoint: string) =>
  [endpoint, `${endpoint}/`].some((path) => url.pathname === path || request.url.endsWith(path));

export function authenticationPlugin(authenticator: Authenticator, endpoint: string): AuthenticationPlugin {
  const identities = new WeakMap<Request, Identity>();
  return {
    plugin: {
      async onRequest({ request, url, endResponse, fetchAPI }) {
        if (!isGraphQLRequest(request, url, endpoint)) return;
        const outcome = await authenticator.authenticate(request.headers.get('authorization'));
        if ('identity' in outcome) {
          identities.set(request, outcome.identity);
          return;
        }
        // Refused before execution: nothing was resolved, so `data` is null.
        const body = { data: null, errors: [{ message: outcome.refused, extensions: { code: 'UNAUTHENTICATED' } }] };
        const json = request.headers.get('accept')?.includes('application/graphql-response+json') ? 'application/graphql-response+json' : 'application/json';
        endResponse(
          new fetchAPI.Response(JSON.stringify(body), {
            status: 401,
            headers: { 'content-type': `${json}; charset=utf-8`, 'www-authenticate': 'Bearer' },
          }),
        );
      },
    },
    identityOf(request) {
      const identity = identities.get(request);
      // Unreachable while the plugin is installed: no request gets a context without passing it.
      if (!identity) throw new Error('request reached execution without authentication');
      return identity;
    },
  };
}

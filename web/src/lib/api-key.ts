/**
 * The API key the page sends (api.md "Access control", Pages): asked for when the API answers
 * UNAUTHENTICATED and kept in sessionStorage only — for this browser session, never in a cookie, so
 * a request from another site carries nothing. GraphiQL's page keeps its key under the same name.
 */
export const API_KEY_STORAGE_KEY = 'ads-metrics-api-key';

let request: string | null = null;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());

export const storedApiKey = (): string | null => sessionStorage.getItem(API_KEY_STORAGE_KEY);

/** Why the page needs a key now (the API's message), or null while it needs none. */
export const apiKeyRequest = (): string | null => request;

export function subscribeToApiKeyRequests(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The API refused the request made with the stored key (or without one): forget it and ask. */
export function apiKeyRefused(message: string): void {
  sessionStorage.removeItem(API_KEY_STORAGE_KEY);
  request = message;
  notify();
}

export function rememberApiKey(key: string): void {
  sessionStorage.setItem(API_KEY_STORAGE_KEY, key);
  request = null;
  notify();
}

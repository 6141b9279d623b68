import { useQueryClient } from '@tanstack/react-query';
import { useState, useSyncExternalStore, type FormEvent } from 'react';
import { apiKeyRequest, subscribeToApiKeyRequests, rememberApiKey } from '../../../lib/api-key.ts';

/**
 * Asks for an API key when the API answers UNAUTHENTICATED (api.md "Access control", Pages); the
 * key is kept for this browser session only, then every answer is fetched again with it.
 */
export function ApiKeyPrompt() {
  const needed = useSyncExternalStore(subscribeToApiKeyRequests, apiKeyRequest);
  const queryClient = useQueryClient();
  const [key, setKey] = useState('');
  if (needed === null) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    rememberApiKey(key.trim());
    setKey('');
    void queryClient.invalidateQueries();
  };
  return (
    <form className="api-key-prompt" aria-label="API key" onSubmit={submit}>
      <p role="alert">{needed}</p>
      <label>
        API key{' '}
        <input
          type="password"
          name="api-key"
          autoComplete="off"
          value={key}
          onChange={(event) => setKey(event.target.value)}
          placeholder="amk_… (npm run keys -- create)"
          required
        />
      </label>
      <button type="submit">Use key</button>
      <small>Kept for this browser session only.</small>
    </form>
  );
}

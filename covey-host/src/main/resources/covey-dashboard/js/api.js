// The host's REST API. The token lives in sessionStorage (this tab only) and goes in a header, never a URL.
const TOKEN_KEY = 'covey.apiToken';

export class Unauthorized extends Error {}

export function storedToken() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function storeToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

async function call(method, path) {
  const headers = { Accept: 'application/json' };
  const token = storedToken();
  if (token) headers.Authorization = 'Bearer ' + token;
  const response = await fetch(path, { method, headers, cache: 'no-store', credentials: 'omit' });
  if (response.status === 401) throw new Unauthorized('the host wants its API token');
  if (!response.ok) {
    let detail = response.statusText;
    try { detail = (await response.json()).detail || detail; } catch (ignored) { /* not problem+json */ }
    throw new Error(`${method} ${path}: ${response.status} ${detail}`);
  }
  return response.status === 204 ? null : response.json();
}

const enc = encodeURIComponent;

export const api = {
  groups: () => call('GET', '/api/v1/groups'),
  manifest: () => call('GET', '/api/v1/manifest'),
  worker: (id) => call('GET', `/api/v1/workers/${enc(id)}`),
  logs: (id, tail) => call('GET', `/api/v1/workers/${enc(id)}/logs?tail=${tail}`),
  restart: (id) => call('POST', `/api/v1/workers/${enc(id)}/restart`),
  stopGroup: (name) => call('POST', `/api/v1/groups/${enc(name)}/stop`),
  nukeGroup: (name) => call('DELETE', `/api/v1/groups/${enc(name)}`),
  eventTicket: () => call('POST', '/api/v1/event-tickets'),
};

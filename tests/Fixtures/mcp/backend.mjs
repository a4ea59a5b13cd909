// The MCP tools' one way to the backend: HTTP with a fresh service token per call.
import { mintServiceToken } from './tokens.mjs';

export class BackendError extends Error {}

export function createBackend(baseUrl, secretKey) {
  const base = baseUrl.endsWith('/') ? baseUrl : baseUrl + '/';
  return async function call(method, userId, path, body) {
    const url = new URL(`api/${encodeURIComponent(userId)}/${path}`, base);
    const response = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${await mintServiceToken(secretKey, userId)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (!response.ok) {
      // Quote the backend's own words (FastAPI's "detail"): "invalid token: Signature verification failed" tells an
      // operator which key is wrong, a bare 401 does not.
      let detail = text;
      try { detail = JSON.parse(text).detail ?? text; } catch { /* not JSON: keep the text */ }
      throw new BackendError(`backend answered ${response.status} for ${method} ${url.pathname}: ${detail}`);
    }
    return text.length ? JSON.parse(text) : null;
  };
}

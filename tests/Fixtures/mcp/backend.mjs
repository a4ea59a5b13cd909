// The MCP tools' one way to the backend: HTTP with a fresh service token per call.
import { mintServiceToken } from './tokens.mjs';

export class BackendError extends Error {}

// The options are the fixture's faults (server.mjs): a healthy server sends a token, for todo-backend, dated by its clock.
export function createBackend(baseUrl, secretKey, { sendToken = true, audience, clockOffsetSeconds = 0 } = {}) {
  const base = baseUrl.endsWith('/') ? baseUrl : baseUrl + '/';
  return async function call(method, userId, path, body) {
    const url = new URL(`api/${encodeURIComponent(userId)}/${path}`, base);
    const now = Math.floor(Date.now() / 1000 + clockOffsetSeconds);
    let response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          ...(sendToken ? { authorization: `Bearer ${await mintServiceToken(secretKey, userId, now, audience)}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      // Node's fetch says only "fetch failed"; the system error (ECONNREFUSED 127.0.0.1:8000) is its cause.
      const cause = error?.cause ? `: ${error.cause.code ?? ''} ${error.cause.message ?? ''}`.trimEnd() : '';
      throw new BackendError(`cannot reach the backend at ${url.origin} for ${method} ${url.pathname}: ${error.message}${cause}`);
    }
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

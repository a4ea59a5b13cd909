// Contract reference frontend (a test fixture, not the product): the two endpoints the probe relies on.
//   REACT_APP_BACKEND_URL=http://127.0.0.1:8000 NEXT_PUBLIC_OPENAI_DOMAIN_KEY=domain_pk_… PORT=3000 node server.mjs
// GET /api/health reports the effective, non-secret configuration, as the real Next.js app's route does.
// FIXTURE_FAULT=json-root: GET / answers JSON instead of HTML (another app behind the URL).
import http from 'node:http';
import { createHmac } from 'node:crypto';

const FAULTS = ['json-root'];
const fault = process.env.FIXTURE_FAULT ?? '';
const backendUrl = process.env.REACT_APP_BACKEND_URL ?? '';
const domainKeyConfigured = (process.env.NEXT_PUBLIC_OPENAI_DOMAIN_KEY ?? '').length > 0;
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
// The frontend issues the browser's session token (docs/contract.md, "Authentication between components"): HS256 with
// JWT_SECRET_KEY (its UTF-8 bytes, as the backend's PyJWT reads it), iss todo-frontend, aud todo-backend, iat backdated
// 30 s. FIXTURE_TOKEN_LIFETIME_SECONDS shortens its life for tests that must outlive a token (a key rotation's window).
const jwtKey = process.env.JWT_SECRET_KEY ?? '';
const tokenLifetime = Number(process.env.FIXTURE_TOKEN_LIFETIME_SECONDS ?? 900);
const base64url = (value) => Buffer.from(value).toString('base64url');

function sessionToken(userId) {
  const issuedAt = Math.floor(Date.now() / 1000) - 30;
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const expiresAt = issuedAt + 30 + tokenLifetime;
  const claims = base64url(JSON.stringify({ sub: userId, iss: 'todo-frontend', aud: 'todo-backend', iat: issuedAt, exp: expiresAt }));
  const signature = createHmac('sha256', Buffer.from(jwtKey, 'utf8')).update(`${header}.${claims}`).digest('base64url');
  return { token: `${header}.${claims}.${signature}`, expiresAt };
}

if (fault && !FAULTS.includes(fault)) {
  console.error(`frontend fixture: unknown FIXTURE_FAULT '${fault}'; known: ${FAULTS.join(', ')}`);
  process.exit(2);
}

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Todo AI Chatbot</title></head>
<body><main id="app" data-backend="${backendUrl.replace(/"/g, '&quot;')}">Todo AI Chatbot (fixture)</main></body></html>
`;

const server = http.createServer((req, res) => {
  const path = new URL(req.url, 'http://localhost').pathname;
  if (req.method === 'GET' && path === '/api/health') {
    res.writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ status: 'ok', backendUrl, domainKeyConfigured }));
  } else if (req.method === 'GET' && path === '/api/token') {
    const user = new URL(req.url, 'http://localhost').searchParams.get('user') ?? '';
    if (!user || Buffer.byteLength(jwtKey) < 32) {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: !user ? 'user is required' : 'JWT_SECRET_KEY is not configured' }));
    } else {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(sessionToken(user)));
    }
  } else if (req.method === 'GET' && path === '/') {
    if (fault === 'json-root') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"hello":"not html"}');
    } else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    }
  } else {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
});
server.listen(port, host, () => console.log(`frontend fixture listening on http://${host}:${port}/ (backend ${backendUrl})`));
// Stop at once: open keep-alive connections must not hold a stop (or a test's restart) up.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));

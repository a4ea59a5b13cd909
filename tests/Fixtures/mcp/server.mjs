// Contract reference MCP server (a test fixture, not the product): the official TypeScript SDK, Streamable HTTP at
// /mcp (stateless: a fresh server and transport per request), GET /health, the five task tools calling the backend.
//   MCP_BACKEND_URL=http://127.0.0.1:8000 JWT_SECRET_KEY=… PORT=8001 node tests/Fixtures/mcp/server.mjs
// FIXTURE_FAULT=omit-update-task: tools/list lacks update_task (an outdated image), so negative tests use this code.
// FIXTURE_FAULT=send-no-token: calls the backend without Authorization; FIXTURE_FAULT=wrong-audience: its tokens carry
// another aud. FIXTURE_CLOCK_OFFSET_SECONDS shifts the clock its tokens are dated by (e.g. 180: it runs 3 min ahead).
import http from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createBackend } from './backend.mjs';
import { registerTools } from './tools.mjs';

const FAULTS = ['omit-update-task', 'send-no-token', 'wrong-audience'];
const fault = process.env.FIXTURE_FAULT ?? '';
const backendUrl = process.env.MCP_BACKEND_URL ?? '';
const secretKey = process.env.JWT_SECRET_KEY ?? '';
const port = Number(process.env.PORT ?? 8001);
const host = process.env.HOST ?? '127.0.0.1';
const clockOffsetSeconds = Number(process.env.FIXTURE_CLOCK_OFFSET_SECONDS ?? 0);

const problems = [];
if (!/^https?:\/\//.test(backendUrl)) problems.push('MCP_BACKEND_URL must be the backend base URL (http[s]://…)');
if (Buffer.byteLength(secretKey) < 32) problems.push('JWT_SECRET_KEY must be set and at least 32 bytes');
if (!Number.isFinite(clockOffsetSeconds)) problems.push('FIXTURE_CLOCK_OFFSET_SECONDS must be a number of seconds');
if (fault && !FAULTS.includes(fault)) problems.push(`unknown FIXTURE_FAULT '${fault}'; known: ${FAULTS.join(', ')}`);
if (problems.length) {
  console.error(`mcp fixture: cannot start:\n  - ${problems.join('\n  - ')}`);
  process.exit(2);
}

const call = createBackend(backendUrl, secretKey, {
  sendToken: fault !== 'send-no-token',
  audience: fault === 'wrong-audience' ? 'todo-not-the-backend' : undefined,
  clockOffsetSeconds,
});
const omit = fault === 'omit-update-task' ? ['update_task'] : [];

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  return text.length ? JSON.parse(text) : undefined;
}

async function handleMcp(req, res) {
  const server = new McpServer({ name: 'todo-mcp-fixture', version: '1.0.0' });
  registerTools(server, call, { omit });
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  res.on('close', () => { transport.close(); server.close(); });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.method === 'POST' ? await readJson(req) : undefined);
}

const httpServer = http.createServer(async (req, res) => {
  const path = new URL(req.url, 'http://localhost').pathname;
  try {
    if (path === '/health' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok' }));
    } else if (path === '/mcp') {
      await handleMcp(req, res);
    } else {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not found' }));
    }
  } catch (error) {
    console.error('mcp fixture: request failed:', error);
    if (!res.headersSent) {
      res.writeHead(error instanceof SyntaxError ? 400 : 500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ jsonrpc: '2.0', error: { code: error instanceof SyntaxError ? -32700 : -32603, message: String(error.message) }, id: null }));
    }
  }
});
httpServer.listen(port, host, () => console.log(`mcp fixture listening on http://${host}:${port}/mcp (backend ${backendUrl})`));
// Stop at once: open keep-alive connections must not hold a stop (or a test's restart) up.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));

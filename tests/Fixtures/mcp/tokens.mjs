// Service tokens the MCP server sends to the backend (docs/contract.md, "Authentication between components"):
// HS256 with JWT_SECRET_KEY, iss todo-mcp, aud todo-backend, iat = nbf = now - 30 s so a backend whose clock runs a
// little behind still accepts them, 5 minutes of life (the contract allows at most 15).
import { SignJWT } from 'jose';

export const ISSUER = 'todo-mcp';
export const AUDIENCE = 'todo-backend';
const BACKDATE_SECONDS = 30;
const LIFETIME_SECONDS = 300;

export async function mintServiceToken(secretKey, userId, nowSeconds = Math.floor(Date.now() / 1000), audience = AUDIENCE) {
  const issuedAt = nowSeconds - BACKDATE_SECONDS;
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setAudience(audience)
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt)
    .setExpirationTime(issuedAt + LIFETIME_SECONDS)
    // The backend (PyJWT) and the probe (.NET) use the key string's UTF-8 bytes; so must we.
    .sign(new TextEncoder().encode(secretKey));
}

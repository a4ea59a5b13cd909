// Prints one service token for the user given as the argument, signed with JWT_SECRET_KEY: the interop tests use it
// to prove a token minted in JavaScript (jose) is accepted by the Python backend.
import { mintServiceToken } from './tokens.mjs';

const [userId] = process.argv.slice(2);
const key = process.env.JWT_SECRET_KEY ?? '';
if (!userId || Buffer.byteLength(key) < 32) {
  console.error('usage: JWT_SECRET_KEY=<at least 32 bytes> node mint.mjs <user_id>');
  process.exit(2);
}
console.log(await mintServiceToken(key, userId));

// A stand-in identity provider for load tests: an RSA key, its JWKS served over HTTP, and bearer tokens
// for users 1..N written one per line. Node.js 18+, no dependencies.
//   node perf-tests/jwt-provider.mjs PORT USERS TOKENS_FILE     (runs until killed; prints "ready")
import { generateKeyPairSync, sign, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { writeFileSync } from 'node:fs';

const [port, users, file] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4]];
const issuer = `http://127.0.0.1:${port}/`;
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const kid = randomUUID();
const jwks = JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] });
const b64 = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const header = b64({ alg: 'RS256', typ: 'JWT', kid });
const now = Math.floor(Date.now() / 1000);
const tokens = [];
for (let user = 1; user <= users; user++) {
  const body = b64({ iss: issuer, aud: 'forecap-recap', sub: String(user), iat: now, nbf: now, exp: now + 7200, jti: randomUUID() });
  tokens.push(`${header}.${body}.${sign('sha256', Buffer.from(`${header}.${body}`), privateKey).toString('base64url')}`);
}
writeFileSync(file, tokens.join('\n') + '\n');
createServer((req, res) => {
  res.writeHead(req.url === '/jwks' ? 200 : 404, { 'content-type': 'application/json' });
  res.end(req.url === '/jwks' ? jwks : '{}');
}).listen(port, '127.0.0.1', () => console.log(`ready issuer=${issuer} jwks=${issuer}jwks tokens=${file}`));

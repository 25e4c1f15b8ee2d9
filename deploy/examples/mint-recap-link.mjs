// Mints the link the app's web view opens to show one user's recap. Runs in the app's backend, after
// its own login has told it who the user is; the HMAC key stays on the servers (AUTH_HMAC_KEYS of the
// recap service: id=key, here RECAP_KEY_ID and RECAP_KEY). Node.js 18+, no dependencies.
//   RECAP_KEY_ID=k1 RECAP_KEY=... node mint-recap-link.mjs 42 https://recap.example.com/
import { createHmac } from 'node:crypto';

export function recapLink(userId, baseUrl, keyId, key, now = new Date()) {
  if (!/^[1-9][0-9]{0,9}$/.test(String(userId)) || Number(userId) > 4294967295) {
    throw new Error('not a user id: ' + userId);
  }
  const timestamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z');   // valid for 10 minutes
  const mac = createHmac('sha256', key).update(`${timestamp}\n${userId}`).digest('base64');
  const url = new URL(baseUrl);
  url.searchParams.set('timestamp', timestamp);
  url.searchParams.set('user_id', String(userId));
  url.searchParams.set('sign', `${keyId}:${mac}`);
  return url.toString();
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  console.log(recapLink(process.argv[2], process.argv[3], process.env.RECAP_KEY_ID, process.env.RECAP_KEY));
}

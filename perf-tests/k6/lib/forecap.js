// Shared pieces of the Forecap k6 scripts: configuration from the environment, request signing,
// response checks and the summary written for the report generator.
import http from 'k6/http';
import { check, sleep } from 'k6';
import { Counter, Rate, Trend } from 'k6/metrics';
import encoding from 'k6/encoding';
import crypto from 'k6/crypto';

/** Base URL of the service, e.g. http://EC2_IP:3000. */
export const BASE_URL = (__ENV.BASE_URL || 'http://localhost:3000').replace(/\/+$/, '');
/** Signature scheme the service runs: legacy (default) or hmac-sha256. */
export const SIGN_SCHEME = __ENV.SIGN_SCHEME || 'legacy';
/**
 * Default largest user id: 100,000, the smallest data set any documented set-up serves (the embedded
 * default of ./run.sh; README's MySQL walkthrough loads 1,000,000 and then 10,000,000, and both hold
 * users 1..100,000 too). So no run is mostly 404 by default; set MAX_USER_ID to the data set's size
 * (1000000, 10000000) to spread the load over all of it.
 */
export const DEFAULT_MAX_USER_ID = 100000;

/**
 * A whole number from the environment, or the fallback when the variable is unset or empty.
 * @param {string} name
 * @param {number} fallback
 * @param {number} min
 * @param {number} max
 * @returns {number}
 */
function wholeNumber(name, fallback, min, max) {
  const text = __ENV[name];
  if (text === undefined || text === '') {
    return fallback;
  }
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number in ${min}..${max}, was '${text}'`);
  }
  return value;
}

/** Largest user id in the data set: users are drawn from 1..MAX_USER_ID. */
export const MAX_USER_ID = wholeNumber('MAX_USER_ID', DEFAULT_MAX_USER_ID, 1, 4294967295);

/**
 * THINK_TIME from the environment: seconds each virtual user pauses after a request, overriding the
 * script's own think time (0: none, for maximum pressure); undefined when not set.
 * @type {number | undefined}
 */
export const THINK_TIME = (() => {
  const text = __ENV.THINK_TIME;
  if (text === undefined || text === '') {
    return undefined;
  }
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`THINK_TIME must be a number of seconds >= 0, was '${text}'`);
  }
  return value;
})();

/**
 * Pauses the virtual user: THINK_TIME seconds when set, else the script's default think time.
 * @param {() => number} scriptDefault seconds, drawn each time (the original scripts' think time)
 */
export function think(scriptDefault) {
  const seconds = THINK_TIME === undefined ? scriptDefault() : THINK_TIME;
  if (seconds > 0) {
    sleep(seconds);
  }
}

/** The legacy secret: AUTH_SIGNATURE_SECRET (the service's name), else SIGNATURE_SECRET, else forecap2025. */
const LEGACY_SECRET = __ENV.AUTH_SIGNATURE_SECRET !== undefined ? __ENV.AUTH_SIGNATURE_SECRET
  : __ENV.SIGNATURE_SECRET !== undefined ? __ENV.SIGNATURE_SECRET : 'forecap2025';
const HMAC_KEY_ID = __ENV.HMAC_KEY_ID || '';
const HMAC_KEY = __ENV.HMAC_KEY || '';

/** Share of requests that failed a check (status, JSON body). */
export const errors = new Rate('errors');
/** Time of successful recap requests only. */
export const recapDuration = new Trend('recap_duration', true);
/** Requests answered 404 (user not in the data set). */
export const notFound = new Counter('recap_not_found');

/** Thresholds of the guide, shared by both scripts. */
export const THRESHOLDS = {
  http_req_duration: ['p(95)<200', 'p(99)<500'],
  http_req_failed: ['rate<0.01'],
  errors: ['rate<0.01'],
};

/** Percentiles kept in the summary (the report reads p(50), p(90), p(95) and p(99)). */
export const SUMMARY_TREND_STATS = ['avg', 'min', 'med', 'max', 'p(50)', 'p(90)', 'p(95)', 'p(99)'];

/**
 * The sign header for a timestamp and user id, as the service expects it.
 * @param {string} timestamp ISO-8601 UTC instant
 * @param {string} userId decimal user id
 * @returns {string}
 */
export function sign(timestamp, userId) {
  if (SIGN_SCHEME === 'hmac-sha256') {
    const mac = crypto.hmac('sha256', HMAC_KEY, `${timestamp}\n${userId}`, 'base64');
    return HMAC_KEY_ID ? `${HMAC_KEY_ID}:${mac}` : mac;
  }
  return encoding.b64encode(`${timestamp}${LEGACY_SECRET}${userId}`, 'std');
}

/**
 * A whole number in 1..max, uniformly.
 * @param {number} max
 * @returns {number}
 */
export function uniform(max) {
  return 1 + Math.floor(Math.random() * max);
}

/**
 * Requests one recap and checks the answer.
 * @param {number} userId
 */
export function getRecap(userId) {
  const timestamp = new Date().toISOString();
  const id = String(userId);
  const response = http.get(`${BASE_URL}/api/user-data`, {
    headers: { timestamp: timestamp, user_id: id, sign: sign(timestamp, id) },
    tags: { name: 'GET /api/user-data' },
  });
  if (response.status === 404) {
    notFound.add(1);
  }
  const ok = check(response, {
    'status is 200': (r) => r.status === 200,
    'body is a recap': (r) => {
      const body = r.body;
      if (typeof body !== 'string' || body.length === 0) {
        return false;
      }
      try {
        const recap = JSON.parse(body);
        return typeof recap.userName === 'string' && typeof recap.trxCount === 'number';
      } catch (e) {
        return false;
      }
    },
  });
  errors.add(!ok);
  if (ok) {
    recapDuration.add(response.timings.duration);
  }
}

/**
 * Share of requests answered 404.
 * @param {number | undefined} notFoundCount
 * @param {number | undefined} requests
 * @returns {number}
 */
function notFoundShare(notFoundCount, requests) {
  return requests ? (notFoundCount || 0) / requests : 0;
}

/**
 * Writes the JSON summary the report generator reads, and a short text summary.
 * @param {string} name scenario name, used in the file name
 * @param {any} data k6's end-of-test data
 * @returns {Record<string, string>}
 */
export function summary(name, data) {
  const file = __ENV.SUMMARY_FILE || `k6-summary-${name}.json`;
  /** @type {(key: string, stat: string) => number | undefined} */
  const metric = (key, stat) => (data.metrics[key] && data.metrics[key].values ? data.metrics[key].values[stat] : undefined);
  /** @type {(label: string, value: number | undefined, unit: string) => string} */
  const line = (label, value, unit) => `  ${label.padEnd(24)} ${value === undefined ? '-' : Number(value).toFixed(2)}${unit}\n`;
  const text = `\nForecap ${name}: ${BASE_URL}\n`
    + line('requests', metric('http_reqs', 'count'), '')
    + line('requests/s', metric('http_reqs', 'rate'), '')
    + line('p50', metric('http_req_duration', 'p(50)'), ' ms')
    + line('p95', metric('http_req_duration', 'p(95)'), ' ms')
    + line('p99', metric('http_req_duration', 'p(99)'), ' ms')
    + line('failed requests', 100 * (metric('http_req_failed', 'rate') || 0), ' %')
    + line('failed checks', 100 * (metric('errors', 'rate') || 0), ' %')
    + line('404 (unknown user)', 100 * notFoundShare(metric('recap_not_found', 'count'), metric('http_reqs', 'count')), ' %')
    + `  users 1..${MAX_USER_ID}, think time ${THINK_TIME === undefined ? 'script default' : `${THINK_TIME} s`}\n`
    + (notFoundShare(metric('recap_not_found', 'count'), metric('http_reqs', 'count')) > 0.5
      ? `  most answers were 404: MAX_USER_ID (${MAX_USER_ID}) is larger than the data set the service holds\n` : '')
    + `  summary written to ${file}\n`;
  return {
    [file]: JSON.stringify({ scenario: name, baseUrl: BASE_URL, maxUserId: MAX_USER_ID, ...data }, null, 2),
    stdout: text,
  };
}

// Forecap recap API under k6: SCENARIO=smoke|load|stress|spike, or no SCENARIO with --vus/--duration.
//   BASE_URL=http://EC2_IP:3000 k6 run --vus 10 --duration 5m k6-test.js
//   SCENARIO=stress BASE_URL=http://EC2_IP:3000 k6 run k6-test.js
// Users are drawn uniformly from 1..MAX_USER_ID (default 10000000). Signing: AUTH_SIGNATURE_SECRET
// (legacy, default forecap2025) or SIGN_SCHEME=hmac-sha256 with HMAC_KEY_ID and HMAC_KEY.
import { sleep } from 'k6';
import { MAX_USER_ID, SUMMARY_TREND_STATS, THINK_TIME, THRESHOLDS, getRecap, summary, uniform } from './lib/forecap.js';

/** @type {Record<string, import('k6/options').Stage[]>} */
const STAGES = {
  smoke: [{ duration: '1m', target: 1 }],
  load: [
    { duration: '2m', target: 50 },
    { duration: '5m', target: 50 },
    { duration: '2m', target: 100 },
    { duration: '5m', target: 100 },
    { duration: '2m', target: 0 },
  ],
  stress: [
    { duration: '2m', target: 100 },
    { duration: '5m', target: 100 },
    { duration: '2m', target: 200 },
    { duration: '5m', target: 200 },
    { duration: '2m', target: 300 },
    { duration: '5m', target: 300 },
    { duration: '2m', target: 0 },
  ],
  spike: [
    { duration: '30s', target: 10 },
    { duration: '30s', target: 500 },
    { duration: '1m', target: 500 },
    { duration: '30s', target: 10 },
    { duration: '30s', target: 0 },
  ],
};

const SCENARIO = __ENV.SCENARIO || '';
if (SCENARIO && !STAGES[SCENARIO]) {
  throw new Error(`SCENARIO must be one of ${Object.keys(STAGES).join(', ')}, was '${SCENARIO}'`);
}

/** @type {import('k6/options').Options} */
export const options = {
  thresholds: THRESHOLDS,
  summaryTrendStats: SUMMARY_TREND_STATS,
  ...(SCENARIO === 'smoke' ? { vus: 1, duration: '1m' } : SCENARIO ? { stages: STAGES[SCENARIO] } : {}),
};

export default function () {
  getRecap(uniform(MAX_USER_ID));
  if (THINK_TIME > 0) {
    sleep(THINK_TIME);
  }
}

/**
 * @param {any} data
 */
export function handleSummary(data) {
  return summary(SCENARIO || 'custom', data);
}

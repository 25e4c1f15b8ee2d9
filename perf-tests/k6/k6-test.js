// Forecap recap API under k6, the guide's k6-test.js: SCENARIO=smoke|load|stress|spike (default load).
//   BASE_URL=http://EC2_IP:3000 k6 run k6-test.js                          # load: 50 then 100 VUs, 16 min
//   BASE_URL=http://EC2_IP:3000 k6 run --vus 10 --duration 5m k6-test.js   # k6's --vus/--duration replace the stages
//   SCENARIO=stress BASE_URL=http://EC2_IP:3000 k6 run k6-test.js
// Defaults are the original script's: the load profile, 0.1 s think time after each request
// (THINK_TIME=0, or any number of seconds, overrides it; 0 gives maximum pressure).
// Users are drawn uniformly from 1..MAX_USER_ID, default 100000: the embedded data set of ./run.sh,
// and a subset of README's MySQL data sets (1M, then 10M), so no documented set-up answers mostly 404.
// After loading more users, say so: MAX_USER_ID=1000000 or MAX_USER_ID=10000000.
// Signing: AUTH_SIGNATURE_SECRET or SIGNATURE_SECRET (legacy, default forecap2025), or
// SIGN_SCHEME=hmac-sha256 with HMAC_KEY_ID and HMAC_KEY.
import { MAX_USER_ID, SUMMARY_TREND_STATS, THRESHOLDS, getRecap, summary, think, uniform } from './lib/forecap.js';

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
  // The original's spike, stage for stage: it ends at 10 VUs, not 0.
  spike: [
    { duration: '1m', target: 10 },
    { duration: '30s', target: 500 },
    { duration: '1m', target: 500 },
    { duration: '30s', target: 10 },
    { duration: '1m', target: 10 },
  ],
};

/** The original script's think time: 0.1 s after each request. */
const THINK_SECONDS = 0.1;

const SCENARIO = __ENV.SCENARIO || 'load';
if (!STAGES[SCENARIO]) {
  throw new Error(`SCENARIO must be one of ${Object.keys(STAGES).join(', ')}, was '${SCENARIO}'`);
}

/** @type {import('k6/options').Options} */
export const options = {
  thresholds: THRESHOLDS,
  summaryTrendStats: SUMMARY_TREND_STATS,
  ...(SCENARIO === 'smoke' ? { vus: 1, duration: '1m' } : { stages: STAGES[SCENARIO] }),
};

export default function () {
  getRecap(uniform(MAX_USER_ID));
  think(() => THINK_SECONDS);
}

/**
 * @param {any} data
 */
export function handleSummary(data) {
  return summary(SCENARIO, data);
}

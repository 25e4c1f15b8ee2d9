// Forecap recap API with the guide's realistic user mix and ramp:
//   BASE_URL=http://EC2_IP:3000 MAX_USER_ID=10000000 k6 run k6-realistic-test.js
// 50 % of requests for users 1..1M, 30 % for 1..5M, 20 % for 1..MAX_USER_ID: early users are the active
// ones. The 1M and 5M bands are clamped to MAX_USER_ID, so a smaller data set is never asked for users it
// does not hold. MAX_USER_ID defaults to 100000 (the embedded data set of ./run.sh, and a subset of README's
// MySQL data sets), so a run without it is not mostly 404; with the guide's 10M users pass MAX_USER_ID=10000000
// as the guide does (1000000 after the first 1M load).
// Stages: 2m to 10 VUs, 5m to 50, 10m to 100, 5m to 150, 3m to 100, 2m to 0.
// Think time as the original: 0.5-2.5 s at random after each request (THINK_TIME=0, or any number of
// seconds, overrides it; 0 gives maximum pressure).
// Signing: AUTH_SIGNATURE_SECRET or SIGNATURE_SECRET (legacy, default forecap2025), or
// SIGN_SCHEME=hmac-sha256 with HMAC_KEY_ID and HMAC_KEY.
import { MAX_USER_ID, SUMMARY_TREND_STATS, THRESHOLDS, getRecap, summary, think, uniform } from './lib/forecap.js';

/** @type {import('k6/options').Options} */
export const options = {
  stages: [
    { duration: '2m', target: 10 },
    { duration: '5m', target: 50 },
    { duration: '10m', target: 100 },
    { duration: '5m', target: 150 },
    { duration: '3m', target: 100 },
    { duration: '2m', target: 0 },
  ],
  thresholds: THRESHOLDS,
  summaryTrendStats: SUMMARY_TREND_STATS,
};

/**
 * The guide's realistic mix.
 * @returns {number}
 */
export function realisticUserId() {
  const r = Math.random();
  if (r < 0.5) {
    return uniform(Math.min(1000000, MAX_USER_ID));
  }
  if (r < 0.8) {
    return uniform(Math.min(5000000, MAX_USER_ID));
  }
  return uniform(MAX_USER_ID);
}

export default function () {
  getRecap(realisticUserId());
  think(() => 0.5 + Math.random() * 2);
}

/**
 * @param {any} data
 */
export function handleSummary(data) {
  return summary('realistic', data);
}

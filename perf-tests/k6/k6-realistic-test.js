// Forecap recap API with the guide's realistic user mix and ramp:
//   BASE_URL=http://EC2_IP:3000 MAX_USER_ID=10000000 k6 run k6-realistic-test.js
// 50 % of requests for users 1..1M, 30 % for 1..5M, 20 % for 1..MAX_USER_ID (each capped at MAX_USER_ID):
// early users are the active ones. Stages: 2m to 10 VUs, 5m to 50, 10m to 100, 5m to 150, 3m to 100, 2m to 0.
import { sleep } from 'k6';
import { MAX_USER_ID, SUMMARY_TREND_STATS, THINK_TIME, THRESHOLDS, getRecap, summary, uniform } from './lib/forecap.js';

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
  if (THINK_TIME > 0) {
    sleep(THINK_TIME);
  }
}

/**
 * @param {any} data
 */
export function handleSummary(data) {
  return summary('realistic', data);
}

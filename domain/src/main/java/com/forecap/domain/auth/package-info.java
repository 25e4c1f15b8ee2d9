/**
 * Request authentication rules: signature schemes, the freshness window of a request's timestamp and
 * the campaign window. Pure Java, no framework; comparisons of secrets are constant-time.
 */
package com.forecap.domain.auth;

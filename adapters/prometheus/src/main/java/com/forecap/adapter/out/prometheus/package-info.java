/**
 * Out-adapter for observability: the contract's metric names kept in a Prometheus registry, plus JVM
 * and process metrics, written in the Prometheus and OpenMetrics text formats.
 */
package com.forecap.adapter.out.prometheus;

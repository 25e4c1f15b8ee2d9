package com.forecap.adapter.in.http;

import com.forecap.application.observability.CheckHealthPort;

/**
 * One dependency's health check, as {@code /health} reports it.
 *
 * @param name     the key in the {@code /health} JSON, e.g. {@code database}
 * @param critical whether the service cannot serve while it is down (then {@code /health} answers 503);
 *                 a non-critical dependency that is down only degrades the service
 * @param check    the check
 */
public record HealthIndicator(String name, boolean critical, CheckHealthPort check) {
}

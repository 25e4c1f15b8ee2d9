/**
 * Contracts between adapters, used by no use case: the stores report their health and the metrics they
 * count here, and the HTTP edge answers health checks and scrapes from them. They live in the core,
 * not in an adapter, so that adapters depend on the core only and never on each other.
 */
package com.forecap.application.observability;

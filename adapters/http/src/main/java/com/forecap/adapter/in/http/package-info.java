/**
 * Driving adapter: the Helidon WebServer routes of the service (the recap endpoint, health and
 * metrics) and its JSON error answers.
 */
package com.forecap.adapter.in.http;

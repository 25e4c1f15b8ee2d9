/** Wiring: builds settings, adapters, use cases and the server by hand, in that order. */
package com.forecap.bootstrap.wiring;
